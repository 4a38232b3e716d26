package desk_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/notegate/notegate/desk"
	"github.com/notegate/notegate/desk/rules"
	"github.com/notegate/notegate/models"
)

// applyingAuthors applies author actions at once, as the pipeline's
// author actions consumer would, so handler tests need no broker.
type applyingAuthors struct {
	store *rules.AuthorStore
	audit *desk.Audit
}

func (a *applyingAuthors) PublishAuthorAction(ctx context.Context, act models.AuthorAction) error {
	st, _ := a.store.Apply(act)
	return a.audit.RecordAuthorAction(ctx, models.AuthorActionEntry{Action: act, Standing: st})
}

// authorsDesk is scopedDesk with author actions applied in process.
func authorsDesk(t *testing.T, notes ...*models.Note) (*Desk, *rules.AuthorStore) {
	t.Helper()
	store := rules.NewAuthorStore(100, []string{"cn", "intl"})
	var d *Desk
	d = newDeskWith(t, func(c *desk.Config, o *desk.Options) {
		c.Tokens = append(c.Tokens,
			desk.Token{Name: "reviewer-cn", Role: desk.RoleReviewer, Secret: CNToken, Markets: []string{"cn"}},
			desk.Token{Name: "reviewer-intl", Role: desk.RoleReviewer, Secret: IntlToken, Markets: []string{"intl"}})
		o.Authors = store
		o.AuthorActions = &lateAudit{d: &d, store: store}
	}, notes...)
	return d, store
}

// lateAudit is applyingAuthors on the desk's own audit trail, which
// exists only once the desk does.
type lateAudit struct {
	d     **Desk
	store *rules.AuthorStore
}

func (l *lateAudit) PublishAuthorAction(ctx context.Context, a models.AuthorAction) error {
	return (&applyingAuthors{store: l.store, audit: (*l.d).Audit}).PublishAuthorAction(ctx, a)
}

// byAuthor is InReview by author with the machine decisions markets.
func byAuthor(id, author string, markets map[string]models.Decision) *models.Note {
	n := withMarkets(id, markets)
	n.AuthorID = author
	return n
}

// TestAuthorActionsStayInTheReviewersMarkets: a reviewer mutes, suspends,
// strikes and lifts an author in their markets only; naming another
// market is refused with 403, a missing reason with 400; every action is
// in the audit trail by author with the standing it left.
func TestAuthorActionsStayInTheReviewersMarkets(t *testing.T) {
	t.Parallel()
	d, store := authorsDesk(t)
	act := func(token, body string) (int, string) {
		var out struct {
			Error  string `json:"error"`
			Author struct {
				Standing models.AuthorStanding `json:"standing"`
			} `json:"author"`
		}
		code := call(t, "POST", d.URL+"/api/review/authors/spammer-1/actions", token, body, &out)
		return code, out.Error
	}
	for _, c := range []struct {
		name, token, body string
		want              int
		cn, intl          models.AuthorState
		strikes           int
	}{
		{"a cn reviewer suspends in cn only", CNToken, `{"action":"suspend","reason":"200 copies of a crypto giveaway"}`, http.StatusOK, models.AuthorSuspended, "", 0},
		{"a cn reviewer may not name intl", CNToken, `{"action":"suspend","reason":"x","markets":["intl"]}`, http.StatusForbidden, models.AuthorSuspended, "", 0},
		{"a suspension needs a reason", IntlToken, `{"action":"suspend"}`, http.StatusBadRequest, models.AuthorSuspended, "", 0},
		{"an unknown action is refused", IntlToken, `{"action":"ban","reason":"x"}`, http.StatusBadRequest, models.AuthorSuspended, "", 0},
		{"an intl reviewer mutes in intl", IntlToken, `{"action":"mute","reason":"borderline ads"}`, http.StatusOK, models.AuthorSuspended, models.AuthorMuted, 0},
		{"a strike counts once for the author", IntlToken, `{"action":"strike","reason":"spam","category":"spam"}`, http.StatusOK, models.AuthorSuspended, models.AuthorMuted, 1},
		{"a lift by a reviewer of both markets clears both and keeps the strike", ReviewerToken, `{"action":"lift"}`, http.StatusOK, "", "", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, msg := act(c.token, c.body)
			if code != c.want {
				t.Fatalf("answered %d (%s), want %d", code, msg, c.want)
			}
			st, _ := store.Standing("spammer-1")
			if st.StateIn("cn") != c.cn || st.StateIn("intl") != c.intl || st.Strikes != c.strikes {
				t.Errorf("standing %+v, want cn %q intl %q strikes %d", st, c.cn, c.intl, c.strikes)
			}
		})
	}
	entries, err := d.Audit.ByAuthor("spammer-1", 10)
	if err != nil || len(entries) != 4 {
		t.Fatalf("the audit holds %d actions on the author (%v), want 4", len(entries), err)
	}
	if last := entries[0]; last.Action.Action != models.AuthorLift || last.Action.Actor != "reviewer" || !slices.Equal(last.Action.Markets, []string{"cn", "intl"}) || last.Standing.Strikes != 1 {
		t.Errorf("the newest entry %+v, want the reviewer's lift in cn and intl leaving 1 strike", last)
	}
	if mine, _ := d.Audit.ByActor("reviewer-cn", 10); len(mine) != 1 || !slices.Equal(mine[0].Action.Markets, []string{"cn"}) {
		t.Errorf("reviewer-cn's author actions: %+v, want one suspension in cn", mine)
	}
}

// TestBulkDecidesAnAuthorsWaitingNotesInTheReviewersMarkets: a cn
// reviewer rejects all of an author's waiting notes at once; each is
// rejected in cn where it waits, intl is left to its reviewers, a note
// waiting in intl only is skipped, another author's note is untouched.
func TestBulkDecidesAnAuthorsWaitingNotesInTheReviewersMarkets(t *testing.T) {
	t.Parallel()
	const allow, rev, block = models.DecisionAllow, models.DecisionReview, models.DecisionBlock
	d, _ := authorsDesk(t,
		byAuthor("both", "flood", map[string]models.Decision{"cn": rev, "intl": rev}),
		byAuthor("cn-only", "flood", map[string]models.Decision{"cn": rev, "intl": allow}),
		byAuthor("intl-only", "flood", map[string]models.Decision{"cn": block, "intl": rev}),
		byAuthor("other", "someone", map[string]models.Decision{"cn": rev, "intl": rev}))
	var out struct {
		Decided int `json:"decided"`
		Results []struct {
			NoteID string `json:"note_id"`
			Error  string `json:"error"`
		} `json:"results"`
	}
	if code := call(t, "POST", d.URL+"/api/review/bulk", CNToken, `{"action":"reject","category":"spam","reason":"flood","author_id":"flood"}`, &out); code != http.StatusOK {
		t.Fatalf("bulk answered %d", code)
	}
	if out.Decided != 2 {
		t.Errorf("decided %d notes, want 2: %+v", out.Decided, out.Results)
	}
	for id, want := range map[string]map[string]models.Decision{
		"both":      {"cn": block, "intl": rev},
		"cn-only":   {"cn": block, "intl": allow},
		"intl-only": {"cn": block, "intl": rev},
		"other":     {"cn": rev, "intl": rev},
	} {
		n, err := d.Index.Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if n.Moderation.Markets["cn"] != want["cn"] || n.Moderation.Markets["intl"] != want["intl"] {
			t.Errorf("%s: %v, want %v", id, n.Moderation.Markets, want)
		}
	}
	if code := call(t, "POST", d.URL+"/api/review/bulk", CNToken, `{"action":"reject","category":"spam","reason":"x","author_id":"flood","note_ids":["both"]}`, nil); code != http.StatusBadRequest {
		t.Errorf("bulk with author_id and note_ids answered %d, want 400", code)
	}
}

// TestAnAppealIsDecidedByAnotherReviewer: the reviewer whose rejection
// the author appealed is refused (403, saying why) in the appealed
// market, sees that on the note, and may still decide another market;
// a second reviewer decides the appeal.
func TestAnAppealIsDecidedByAnotherReviewer(t *testing.T) {
	t.Parallel()
	d, _ := authorsDesk(t, byAuthor("n-1", "writer", map[string]models.Decision{"cn": models.DecisionReview, "intl": models.DecisionReview}))
	decide := func(token, body string) (int, string) {
		if code := call(t, "POST", d.URL+"/api/review/notes/n-1/claim", token, "", nil); code != http.StatusOK {
			return code, "claim"
		}
		var out struct {
			Error string `json:"error"`
		}
		return call(t, "POST", d.URL+"/api/review/notes/n-1/decisions", token, body, &out), out.Error
	}
	if code, msg := decide(ReviewerToken, `{"action":"reject","category":"spam","reason":"ads","markets":["cn"]}`); code != http.StatusOK {
		t.Fatalf("the first rejection: %d %s", code, msg)
	}
	// The appeals consumer's work, done here directly.
	n, err := d.Index.Get(context.Background(), "n-1")
	if err != nil {
		t.Fatal(err)
	}
	appealed, outcome := rules.ApplyAppeal(n, models.AppealEvent{AppealID: "ap-1", NoteID: "n-1", AuthorID: "writer", Message: "it is my own shop"})
	if outcome != rules.AppealOpened {
		t.Fatalf("appeal: %s", outcome)
	}
	if _, err := d.Index.Apply(context.Background(), []*models.Note{appealed}); err != nil {
		t.Fatal(err)
	}
	var view struct {
		Appeal struct {
			WaitsIn []string `json:"waits_in"`
			YoursIn []string `json:"yours_in"`
		} `json:"appeal"`
	}
	if code := call(t, "GET", d.URL+"/api/review/notes/n-1", ReviewerToken, "", &view); code != http.StatusOK ||
		!slices.Equal(view.Appeal.WaitsIn, []string{"cn"}) || !slices.Equal(view.Appeal.YoursIn, []string{"cn"}) {
		t.Errorf("the first reviewer sees the appeal %+v (%d), want waiting in cn, theirs in cn", view.Appeal, code)
	}
	for _, c := range []struct {
		name, token, body string
		want              int
	}{
		{"the first reviewer may not decide the appeal", ReviewerToken, `{"action":"approve","markets":["cn"]}`, http.StatusForbidden},
		{"the first reviewer may not undo the decision under appeal", ReviewerToken, `{"action":"undo","markets":["cn"]}`, http.StatusForbidden},
		{"a second reviewer decides the appeal", Reviewer2Token, `{"action":"approve","markets":["cn"]}`, http.StatusOK},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, msg := decide(c.token, c.body)
			if code != c.want {
				t.Fatalf("answered %d (%s), want %d", code, msg, c.want)
			}
			if c.want == http.StatusForbidden {
				if !strings.Contains(msg, "appealed your decision in cn") {
					t.Errorf("the refusal says %q", msg)
				}
				// Refused, the first reviewer moves on, as the page does.
				call(t, "DELETE", d.URL+"/api/review/notes/n-1/claim", c.token, "", nil)
			}
		})
	}
	after, _ := d.Index.Get(context.Background(), "n-1")
	if after.Moderation.AppealWaitsIn("cn") || after.Moderation.Markets["cn"] != models.DecisionAllow || after.Moderation.Review.Decided["cn"].Reviewer != "reviewer2" {
		t.Errorf("after the appeal: waits %v, cn %s, standing %+v", after.Moderation.AppealWaitsIn("cn"), after.Moderation.Markets["cn"], after.Moderation.Review.Decided)
	}
}

// TestQueuePutsAReportStormAboveOtherNotes: a note users' reports queued
// sorts above every note neither urgent nor escalated, whatever its
// severity, more reporters first, on the page as in the index; reports
// below the threshold lift a note above one of equal severity.
func TestQueuePutsAReportStormAboveOtherNotes(t *testing.T) {
	t.Parallel()
	severe := InReview("severe", "t", "b")
	severe.Moderation.Labels = []models.Label{{Category: models.CategoryViolence, Score: 0.95, Source: "test"}}
	escalated := InReview("escalated", "t", "b")
	escalated.Moderation.Review = &models.Review{DecisionID: "d1", Action: models.ReviewEscalate, Reviewer: "r", Escalated: true}
	storm := func(id string, reporters int) *models.Note {
		n := withMarkets(id, map[string]models.Decision{"cn": models.DecisionAllow, "intl": models.DecisionAllow})
		n.ApprovedMarkets = []string{"cn", "intl"}
		n.Moderation.Labels = nil
		n.Moderation.Reports = &models.Reports{Reporters: reporters, Since: map[string]string{"cn": "", "intl": ""}}
		return n
	}
	plain := InReview("plain", "t", "b")
	murmur := InReview("murmur", "t", "b")
	murmur.Moderation.Reports = &models.Reports{Reporters: 2}
	d := newDesk(t, plain, murmur, severe, escalated, storm("storm-12", 12), storm("storm-60", 60))
	var page struct {
		Items []struct {
			Note     models.Note `json:"note"`
			Priority float64     `json:"priority"`
		} `json:"items"`
	}
	if code := call(t, "GET", d.URL+"/api/review/queue", ReviewerToken, "", &page); code != http.StatusOK {
		t.Fatalf("queue answered %d", code)
	}
	var got []string
	for _, it := range page.Items {
		got = append(got, it.Note.NoteID)
	}
	if want := []string{"escalated", "storm-60", "storm-12", "severe", "murmur", "plain"}; !slices.Equal(got, want) {
		raw, _ := json.Marshal(page.Items)
		t.Fatalf("queue %v, want %v\n%s", got, want, raw)
	}
}
