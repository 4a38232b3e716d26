package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/segmentio/kafka-go"

	"github.com/notegate/notegate/desk/reviewtest"
	"github.com/notegate/notegate/desk/rules"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

// cleanBody is a note no detector objects to.
const cleanBody = "Spent the afternoon repotting basil and mint on the balcony; they finally have room to grow."

// produceJSON publishes values to topic on brokers, keyed by key(v).
func produceJSON[T any](t *testing.T, brokers []string, topic string, key func(T) string, values ...T) {
	t.Helper()
	msgs := make([]kafka.Message, len(values))
	for i, v := range values {
		raw, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		msgs[i] = kafka.Message{Key: []byte(key(v)), Value: raw}
	}
	if err := produceAll(brokers, topic, msgs, 0); err != nil {
		t.Fatalf("produce to %s: %v", topic, err)
	}
}

func noteKey(ev models.NoteEvent) string { return ev.NoteID }

// apiPost POSTs body as JSON with a bearer token, decodes the answer
// into v (when not nil) and returns the status code.
func apiPost(t *testing.T, u, token string, body, v any) int {
	t.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, u, bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", u, err)
	}
	defer resp.Body.Close()
	if v != nil {
		_ = json.NewDecoder(resp.Body).Decode(v)
	}
	return resp.StatusCode
}

// messagesOf returns the messages of note id on topics, in offset order
// per topic.
func messagesOf(t *testing.T, brokers []string, id string, topics ...string) []kafka.Message {
	t.Helper()
	var out []kafka.Message
	for _, m := range readTopics(t, brokers, topics) {
		if string(m.Key) == id {
			out = append(out, m)
		}
	}
	return out
}

// queueItem is one item of GET /api/review/queue.
type queueItem struct {
	Note     models.Note `json:"note"`
	Priority float64     `json:"priority"`
}

// TestDevAuthorsAndReportsOverKafka is the acceptance test of author
// actions and user reports on `notegate dev`, through its API and its
// broker as a posting service and a feed see them.
func TestDevAuthorsAndReportsOverKafka(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every stage")
	}
	const password = "authors-test-password"
	dev := startDev(t, password)
	admin := apiLogin(t, dev.base, "admin", password)
	reviewer := apiLogin(t, dev.base, "reviewer", password)
	tp := pipeline.DefaultTopics()

	t.Run("a suspended author's next note does not reach notes.approved", func(t *testing.T) {
		var answer struct {
			Applied bool `json:"applied"`
			Author  struct {
				Standing models.AuthorStanding `json:"standing"`
			} `json:"author"`
		}
		if code := apiPost(t, dev.base+"/api/review/authors/e2e-flooder/actions", admin,
			map[string]any{"action": "suspend", "reason": "two hundred copies of one ad"}, &answer); code != http.StatusOK || !answer.Applied {
			t.Fatalf("suspend answered %d, applied %v", code, answer.Applied)
		}
		if st := answer.Author.Standing; st.StateIn("cn") != models.AuthorSuspended || st.StateIn("intl") != models.AuthorSuspended {
			t.Fatalf("the admin's suspension left %+v, want suspended in cn and intl", st)
		}
		// The same clean text by the suspended author and by a neighbour.
		produceJSON(t, dev.brokers, "notes.events", noteKey,
			models.NoteEvent{NoteID: "e2e-suspended-1", Version: 1, AuthorID: "e2e-flooder", Market: "intl", Body: cleanBody},
			models.NoteEvent{NoteID: "e2e-neighbour-1", Version: 1, AuthorID: "e2e-neighbour", Market: "intl", Body: cleanBody})
		var held []kafka.Message
		poll(t, "the suspended author's note routed", func() bool {
			held = messagesOf(t, dev.brokers, "e2e-suspended-1", tp.Rejected, tp.Review)
			return len(held) > 0
		})
		poll(t, "the neighbour's note on the feed", func() bool { return len(messagesOf(t, dev.brokers, "e2e-neighbour-1", tp.Approved)) > 0 })
		// Every route of an event is written at once: the note is on no
		// feed now and will not be.
		if got := messagesOf(t, dev.brokers, "e2e-suspended-1", tp.Approved); len(got) != 0 {
			t.Fatalf("the suspended author's note reached %s %d times", tp.Approved, len(got))
		}
		var n models.Note
		if err := json.Unmarshal(held[0].Value, &n); err != nil {
			t.Fatal(err)
		}
		if n.Moderation.Markets["cn"] != models.DecisionBlock || n.Moderation.Markets["intl"] != models.DecisionBlock ||
			n.Moderation.Author == nil || n.Moderation.Author.StateIn("intl") != models.AuthorSuspended {
			t.Errorf("the held note is decided %v with author standing %+v; want blocked in both as the default policy says", n.Moderation.Markets, n.Moderation.Author)
		}

		// A lift lets the author's next version through.
		if code := apiPost(t, dev.base+"/api/review/authors/e2e-flooder/actions", admin, map[string]any{"action": "lift"}, &answer); code != http.StatusOK {
			t.Fatalf("lift answered %d", code)
		}
		produceJSON(t, dev.brokers, "notes.events", noteKey,
			models.NoteEvent{NoteID: "e2e-suspended-1", Version: 2, AuthorID: "e2e-flooder", Market: "intl", Body: cleanBody + " Edited."})
		poll(t, "the lifted author's edit on the feed", func() bool { return len(messagesOf(t, dev.brokers, "e2e-suspended-1", tp.Approved)) > 0 })
		t.Logf("suspended: %s routed %s, none on %s; after the lift version 2 reached %s", "e2e-suspended-1",
			headerValue(held[0], pipeline.HeaderRoute), tp.Approved, tp.Approved)
	})

	t.Run("a report storm moves a note to the top of the queue", func(t *testing.T) {
		produceJSON(t, dev.brokers, "notes.events", noteKey,
			models.NoteEvent{NoteID: "e2e-reported-1", Version: 1, AuthorID: "e2e-baker", Market: "intl", Title: "Sourdough day", Body: "Fed the starter at dawn and baked two loaves before lunch."})
		poll(t, "the note on the feed", func() bool { return len(messagesOf(t, dev.brokers, "e2e-reported-1", tp.Approved)) > 0 })
		position := func() (int, []queueItem, int) {
			var q struct {
				Items []queueItem `json:"items"`
			}
			if code := apiGet(dev.base+"/api/review/queue?limit=100", reviewer, &q); code != http.StatusOK {
				t.Fatalf("queue answered %d", code)
			}
			reporters := 0
			for i, it := range q.Items {
				if it.Note.NoteID == "e2e-reported-1" {
					if r := it.Note.Moderation.Reports; r != nil {
						reporters = r.Reporters
					}
					return i, q.Items, reporters
				}
			}
			return -1, q.Items, 0
		}
		if at, _, _ := position(); at != -1 {
			t.Fatalf("the note is queued at %d before any report", at)
		}
		// 15 users report it, most of them several times.
		var reports []models.Report
		for i := range 60 {
			reason := "spam"
			if i%4 == 0 {
				reason = "harassment"
			}
			reports = append(reports, models.Report{NoteID: "e2e-reported-1", ReporterID: fmt.Sprintf("user-%02d", i%15), Reason: reason})
		}
		produceJSON(t, dev.brokers, "notes.reports", func(r models.Report) string { return r.NoteID }, reports...)
		var at, reporters int
		var items []queueItem
		poll(t, "the reports counted", func() bool { at, items, reporters = position(); return reporters == 15 })
		for _, it := range items[:at] {
			m := it.Note.Moderation
			if m.Urgency() == 0 && (m.Review == nil || !m.Review.Escalated) {
				t.Errorf("%s (priority %.3f, neither urgent nor escalated) is above the reported note at %d", it.Note.NoteID, it.Priority, at)
			}
		}
		n := reviewerNote(t, dev.base, reviewer, "e2e-reported-1")
		if !slices.Equal(n.ApprovedMarkets, []string{"cn", "intl"}) {
			t.Errorf("the reported note is shown in %v, want cn and intl until a reviewer decides", n.ApprovedMarkets)
		}
		queued := 0
		for _, m := range messagesOf(t, dev.brokers, "e2e-reported-1", tp.Review) {
			if headerValue(m, rules.HeaderQueued) == "reports" {
				queued++
			}
		}
		if queued != 1 {
			t.Errorf("the note was published to %s for its reports %d times, want once", tp.Review, queued)
		}
		t.Logf("60 reports by 15 users: %d reporters counted, reasons %v; the note is at %d of %d in the queue (the %d above it urgent or escalated), still shown in %v",
			reporters, n.Moderation.Reports.Reasons, at, len(items), at, n.ApprovedMarkets)
	})
}

// TestDevAppealReachesASecondReviewerInTheBrowser is the acceptance test
// of appeals on `notegate dev`: reviewer rejects a note; its author's
// appeal on notes.appeals puts it back in the queue; in Chromium the
// reviewer sees the appeal and the decision under appeal, and pressing a
// is refused by the server; reviewer2 opens the same note from a link
// and approves it, and the feed gets the approval.
func TestDevAppealReachesASecondReviewerInTheBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every stage and drives Chromium")
	}
	ctx := reviewtest.Browser(t) // skips (or fails in CI) without Chromium
	const password = "appeal-test-password"
	dev := startDev(t, password)
	first := apiLogin(t, dev.base, "reviewer", password)
	tp := pipeline.DefaultTopics()
	const id = "e2e-appealed-1"
	produceJSON(t, dev.brokers, "notes.events", noteKey,
		models.NoteEvent{NoteID: id, Version: 1, AuthorID: "e2e-potter", Market: "intl", Title: "Kiln opening", Body: "Twelve mugs survived the firing; the glaze came out a deep green."})
	poll(t, "the note on the feed", func() bool { return len(messagesOf(t, dev.brokers, id, tp.Approved)) > 0 })
	if code := apiPost(t, dev.base+"/api/review/notes/"+id+"/claim", first, nil, nil); code != http.StatusOK {
		t.Fatalf("claim answered %d", code)
	}
	if code := apiPost(t, dev.base+"/api/review/notes/"+id+"/decisions", first,
		map[string]any{"action": "reject", "category": "spam", "reason": "looks like a shop ad"}, nil); code != http.StatusOK {
		t.Fatalf("the rejection answered %d", code)
	}
	produceJSON(t, dev.brokers, "notes.appeals", func(a models.AppealEvent) string { return a.NoteID },
		models.AppealEvent{AppealID: "e2e-appeal-1", NoteID: id, AuthorID: "e2e-potter", Message: "I sell nothing; these are gifts for my family."})
	poll(t, "the appeal in the queue", func() bool {
		n := reviewerNote(t, dev.base, first, id)
		return slices.Equal(n.Moderation.AppealMarkets(), []string{"cn", "intl"})
	})

	openLinked := func(who string) {
		t.Helper()
		reviewtest.Login(t, ctx, dev.base, who, password)
		if err := chromedp.Do(ctx,
			chromedp.Navigate(dev.base+"/review/#"+url.PathEscape(id)),
			chromedp.WaitVisible(chromedp.CSS(`body[data-state="detail"] #detail[data-note-id="`+id+`"] #appeal`)),
		); err != nil {
			t.Fatalf("%s opens %s: %v", who, id, err)
		}
	}
	banner := func() string { return reviewtest.Eval[string](t, ctx, `document.getElementById("appeal").textContent`) }
	openLinked("reviewer")
	for _, want := range []string{"I sell nothing; these are gifts for my family.", "cn: rejected by reviewer (spam: looks like a shop ad)",
		"intl: rejected by reviewer", "You made the decision under appeal in cn, intl"} {
		if b := banner(); !strings.Contains(b, want) {
			t.Errorf("reviewer's appeal banner %q does not say %q", b, want)
		}
	}
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.body.dataset.state = "deciding"`),
		chromedp.KeyEvent("a"),
		reviewtest.WaitState("decision-refused"),
	); err != nil {
		t.Fatalf("reviewer presses a: %v", err)
	}
	if status := reviewtest.Eval[string](t, ctx, `document.getElementById("status").textContent`); !strings.Contains(status, "the author appealed your decision in cn") {
		t.Errorf("reviewer is told %q", status)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("logout")), chromedp.WaitVisible(chromedp.ID("login-name"))); err != nil {
		t.Fatal(err)
	}

	openLinked("reviewer2")
	if b := banner(); strings.Contains(b, "You made the decision") || !strings.Contains(b, "waiting in cn, intl") {
		t.Errorf("reviewer2's appeal banner says %q", b)
	}
	decideInPage(t, ctx, "approve", id, chromedp.KeyEvent("a"))
	reviewtest.AssertInert(t, ctx)
	approval := lastDecision(t, dev.base, first, id, 2)
	if approval.Reviewer != "reviewer2" || approval.Action != models.ReviewApprove {
		t.Fatalf("the appeal was decided by %s with %s, want approve by reviewer2", approval.Reviewer, approval.Action)
	}
	feed := feedFor(t, dev.brokers, id, approval.ID)
	var last models.Note
	if err := json.Unmarshal(feed[len(feed)-1].Value, &last); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(last.ApprovedMarkets, []string{"cn", "intl"}) || len(last.Moderation.AppealMarkets()) != 0 {
		t.Errorf("after reviewer2's approval the feed has %s in %v, appeal waiting in %v", id, last.ApprovedMarkets, last.Moderation.AppealMarkets())
	}
	t.Logf("%s: rejected by reviewer, appealed, refused to reviewer in the page, approved by reviewer2 (%s), on the feed in %v",
		id, approval.ID, last.ApprovedMarkets)
}
