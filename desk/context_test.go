package desk_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/notegate/notegate/desk"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/index/indextest"
)

// contextStart is when notegate first saw the oldest note of the context
// fixture; each later note comes a minute after the one before.
var contextStart = time.Date(2026, 11, 5, 8, 0, 0, 0, time.UTC)

// seenAt sets when notegate first saw n.
func seenAt(n *models.Note, minutes int) *models.Note {
	n.FirstSeenAt = contextStart.Add(time.Duration(minutes) * time.Minute)
	return n
}

// decidedBy records that reviewer decided action in market of n, over the
// machine's decisions n has now.
func decidedBy(n *models.Note, reviewer string, action models.ReviewAction, market string) *models.Note {
	machine := map[string]models.Decision{}
	for m, d := range n.Moderation.Markets {
		machine[m] = d
	}
	id := "d-" + n.NoteID
	n.Moderation.Review = &models.Review{DecisionID: id, Action: action, Reviewer: reviewer, Markets: []string{market},
		Decided: map[string]models.MarketDecision{market: {DecisionID: id, Action: action, Reviewer: reviewer, At: contextStart}},
		Machine: &models.MachineOutcome{Decision: n.Moderation.Decision, Markets: machine}}
	n.Moderation.Markets[market] = models.DecisionAllow
	if action == models.ReviewReject {
		n.Moderation.Markets[market] = models.DecisionBlock
	}
	return n
}

// contextNotes is a thread and a flooding author: a Chinese note with its
// English translation and four comments, one of them spam in review by
// u-flood, who wrote three more notes: one a reviewer rejected in intl, one
// the machine blocked in cn, one allowed.
func contextNotes() []*models.Note {
	parent := seenAt(indextest.Note("post-1", 1, "zh", "周末火锅推荐", "这家四川火锅店很好吃，周末要排队一个小时。", "cn", "intl"), 0)
	parent.AuthorID = "u-poster"
	parent.Translations = map[string]models.Translation{"en": {Title: "Weekend hotpot recommendation",
		Body: "This Sichuan hotpot place is delicious, an hour queue at weekends.", Provider: "cedict-gloss", Status: models.TranslationOK}}
	comment := func(id, author, body string, minutes int) *models.Note {
		n := seenAt(indextest.Note(id, 1, "en", "", body, "cn", "intl"), minutes)
		n.Kind, n.ParentID, n.AuthorID = models.KindComment, "post-1", author
		return n
	}
	spam := seenAt(InReview("cmt-spam", "", "cheap followers, dm me on telegram @flood"), 5)
	spam.Kind, spam.ParentID, spam.AuthorID = models.KindComment, "post-1", "u-flood"
	rejected := decidedBy(seenAt(InReview("flood-1", "free coins", "free coins for the first 100, dm me"), 1), "bob", models.ReviewReject, "intl")
	rejected.Moderation.Labels[0].Score = 0.95
	rejected.AuthorID = "u-flood"
	blocked := seenAt(indextest.Note("flood-2", 1, "en", "followers", "buy followers now", "intl"), 2)
	blocked.AuthorID = "u-flood"
	allowed := seenAt(indextest.Note("flood-3", 1, "en", "hello", "hello everyone", "cn", "intl"), 3)
	allowed.AuthorID = "u-flood"
	return []*models.Note{parent,
		comment("cmt-1", "u-a", "looks great, which street is it on?", 1),
		comment("cmt-2", "u-b", "the queue is worth it", 2),
		comment("cmt-3", "u-c", "去过，很好吃", 4),
		spam, rejected, blocked, allowed,
	}
}

func TestThreadShowsTheParentAndTheCommentsAround(t *testing.T) {
	t.Parallel()
	notes := contextNotes()
	// More comments than a page: the thread is bounded.
	for i := range 25 {
		n := seenAt(indextest.Note(fmt.Sprintf("cmt-more-%02d", i), 1, "en", "", "me too", "cn", "intl"), 10+i)
		n.Kind, n.ParentID = models.KindComment, "post-1"
		notes = append(notes, n)
	}
	orphan := InReview("orphan", "", "replying to a note notegate never saw")
	orphan.Kind, orphan.ParentID = models.KindComment, "never-seen"
	notes = append(notes, orphan)
	d := newDesk(t, notes...)

	t.Run("a comment shows its parent, translated, with its decisions, and its siblings bounded", func(t *testing.T) {
		var v desk.ThreadView
		if code := call(t, "GET", d.URL+"/api/review/notes/cmt-spam/thread", ReviewerToken, "", &v); code != http.StatusOK {
			t.Fatalf("status %d", code)
		}
		if v.Parent == nil || v.Parent.NoteID != "post-1" || v.Parent.Title != "周末火锅推荐" || v.Parent.Translations["en"].Title != "Weekend hotpot recommendation" {
			t.Fatalf("parent %+v", v.Parent)
		}
		if s := v.Parent.Markets["cn"]; s.Machine != models.DecisionAllow || s.Now != models.DecisionAllow || s.Reviewer != nil {
			t.Errorf("parent's cn decisions %+v", s)
		}
		if v.Siblings == nil || v.Siblings.Total != 29 || len(v.Siblings.Notes) != 20 || v.Siblings.Notes[0].NoteID != "cmt-more-24" {
			t.Fatalf("siblings: %d of %d, want the 20 most recent of 29 from cmt-more-24", len(v.Siblings.Notes), v.Siblings.Total)
		}
		var small desk.ThreadView
		call(t, "GET", d.URL+"/api/review/notes/cmt-spam/thread?limit=50", ReviewerToken, "", &small)
		ids := []string{}
		for _, n := range small.Siblings.Notes[25:] {
			ids = append(ids, n.NoteID)
		}
		if got := strings.Join(ids, " "); got != "cmt-spam cmt-3 cmt-2 cmt-1" {
			t.Errorf("the oldest siblings, newest first: %v, want [cmt-spam cmt-3 cmt-2 cmt-1]", ids)
		}
		if w := small.Siblings.Notes[25].Waiting; strings.Join(w, ",") != "cn,intl" {
			t.Errorf("the comment in review waits in %v", w)
		}
	})
	t.Run("a note without parent lists the comments on it", func(t *testing.T) {
		var v desk.ThreadView
		call(t, "GET", d.URL+"/api/review/notes/post-1/thread?limit=3", ReviewerToken, "", &v)
		if v.Parent != nil || v.Siblings != nil || v.Replies.Total != 29 || len(v.Replies.Notes) != 3 {
			t.Errorf("parent %+v, siblings %+v, replies %d of %d", v.Parent, v.Siblings, len(v.Replies.Notes), v.Replies.Total)
		}
	})
	t.Run("a parent the index does not hold is reported missing", func(t *testing.T) {
		var v desk.ThreadView
		call(t, "GET", d.URL+"/api/review/notes/orphan/thread", ReviewerToken, "", &v)
		if v.Parent != nil || !v.ParentMissing || v.ParentID != "never-seen" || v.Siblings == nil || v.Siblings.Total != 1 {
			t.Errorf("parent %+v missing %v, siblings %+v", v.Parent, v.ParentMissing, v.Siblings)
		}
	})
	for _, c := range []struct{ name, url string }{
		{"a limit above 50", "/api/review/notes/cmt-spam/thread?limit=51"},
		{"a limit of 0", "/api/review/notes/cmt-spam/thread?limit=0"},
	} {
		t.Run(c.name+" is refused", func(t *testing.T) {
			if code := call(t, "GET", d.URL+c.url, ReviewerToken, "", nil); code != http.StatusBadRequest {
				t.Errorf("status %d, want 400", code)
			}
		})
	}
	t.Run("an unknown note is not found", func(t *testing.T) {
		if code := call(t, "GET", d.URL+"/api/review/notes/nope/thread", ReviewerToken, "", nil); code != http.StatusNotFound {
			t.Errorf("status %d, want 404", code)
		}
	})
}

func TestAuthorPanelListsNotesDecisionsAndCounts(t *testing.T) {
	t.Parallel()
	d := newDesk(t, contextNotes()...)

	var v desk.AuthorView
	if code := call(t, "GET", d.URL+"/api/review/authors/u-flood", ReviewerToken, "", &v); code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	var ids []string
	for _, n := range v.Notes {
		ids = append(ids, n.NoteID)
	}
	if v.Total != 4 || strings.Join(ids, " ") != "cmt-spam flood-3 flood-2 flood-1" {
		t.Errorf("notes %v of %d, want cmt-spam flood-3 flood-2 flood-1 of 4", ids, v.Total)
	}
	rejected := v.Notes[3].Markets["intl"]
	if rejected.Machine != models.DecisionReview || rejected.Now != models.DecisionBlock || rejected.Reviewer == nil ||
		rejected.Reviewer.Reviewer != "bob" || rejected.Reviewer.Action != models.ReviewReject {
		t.Errorf("flood-1 in intl: %+v", rejected)
	}
	if v.Notes[3].TopCategory != models.CategorySpam {
		t.Errorf("flood-1's top category %q", v.Notes[3].TopCategory)
	}
	if got := v.Markets["intl"]; got.Reviewer[models.ReviewReject] != 1 || got.Now[models.DecisionBlock] != 1 || got.Now[models.DecisionReview] != 1 ||
		got.Now[models.DecisionAllow] != 2 || got.Machine[models.DecisionReview] != 2 {
		t.Errorf("intl counts %+v", got)
	}
	if got := v.Markets["cn"]; got.Now[models.DecisionBlock] != 1 || got.Now[models.DecisionReview] != 2 || got.Reviewer != nil {
		t.Errorf("cn counts %+v", got)
	}
	if !v.FirstSeen.Equal(contextStart.Add(time.Minute)) || !v.LastSeen.Equal(contextStart.Add(5*time.Minute)) {
		t.Errorf("first seen %v, last seen %v", v.FirstSeen, v.LastSeen)
	}
	if v.Queued != 2 || v.QueuedYours != 2 {
		t.Errorf("queued %d, %d in the reviewer's markets; want 2 (cmt-spam and flood-1, in review in cn)", v.Queued, v.QueuedYours)
	}
	if v.Standing != nil || len(v.Actions) != 0 {
		t.Errorf("a desk without author standings shows standing %+v and actions %+v", v.Standing, v.Actions)
	}

	var one desk.AuthorView
	call(t, "GET", d.URL+"/api/review/authors/u-flood?limit=1", ReviewerToken, "", &one)
	if one.Total != 4 || len(one.Notes) != 1 || one.Markets["intl"].Reviewer[models.ReviewReject] != 1 {
		t.Errorf("limit 1: %d notes of %d, intl counts %+v: the counts cover every note", len(one.Notes), one.Total, one.Markets["intl"])
	}
	var nobody desk.AuthorView
	if code := call(t, "GET", d.URL+"/api/review/authors/u-nobody", ReviewerToken, "", &nobody); code != http.StatusOK || nobody.Total != 0 || len(nobody.Notes) != 0 {
		t.Errorf("an author without notes: %d, %+v", code, nobody)
	}
	for _, c := range []struct{ name, path string }{
		{"an author id longer than 256 bytes", "/api/review/authors/" + strings.Repeat("u", 257)},
		{"a limit above 50", "/api/review/authors/u-flood?limit=51"},
	} {
		if code := call(t, "GET", d.URL+c.path, ReviewerToken, "", nil); code != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", c.name, code)
		}
	}
}

// TestAuthorPanelShowsTheStandingAndTheActions: on a desk with author
// standings the panel shows the standing new notes are decided by (the
// zero standing before anyone acted) and the actions on the author, newest
// first; how many of the author's notes wait counts in the caller's
// markets apart.
func TestAuthorPanelShowsTheStandingAndTheActions(t *testing.T) {
	t.Parallel()
	d, _ := authorsDesk(t, contextNotes()...)
	panel := func(token string) desk.AuthorView {
		t.Helper()
		var v desk.AuthorView
		if code := call(t, "GET", d.URL+"/api/review/authors/u-flood", token, "", &v); code != http.StatusOK {
			t.Fatalf("status %d", code)
		}
		return v
	}
	before := panel(ReviewerToken)
	if before.Standing == nil || before.Standing.AuthorID != "u-flood" || !before.Standing.Clear() || len(before.Actions) != 0 {
		t.Errorf("before any action: standing %+v, actions %+v; want a clear standing and none", before.Standing, before.Actions)
	}
	for _, body := range []string{`{"action":"suspend","reason":"spam flood"}`, `{"action":"strike","reason":"spam flood","category":"spam"}`} {
		if code := call(t, "POST", d.URL+"/api/review/authors/u-flood/actions", IntlToken, body, nil); code != http.StatusOK {
			t.Fatalf("%s answered %d", body, code)
		}
	}
	for _, c := range []struct {
		name, token string
		queuedYours int
	}{
		{"a cn reviewer counts cmt-spam and flood-1, waiting in cn", CNToken, 2},
		{"an intl reviewer counts cmt-spam alone, flood-1 being rejected in intl", IntlToken, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			v := panel(c.token)
			if v.Queued != 2 || v.QueuedYours != c.queuedYours {
				t.Errorf("queued %d, %d in the caller's markets; want 2, %d", v.Queued, v.QueuedYours, c.queuedYours)
			}
			if st := v.Standing; st == nil || st.Strikes != 1 || st.StateIn("intl") != models.AuthorSuspended || st.StateIn("cn") != "" ||
				st.Markets["intl"].Actor != "reviewer-intl" || st.Markets["intl"].Reason != "spam flood" {
				t.Errorf("standing %+v, want 1 strike and suspended in intl by reviewer-intl", st)
			}
			if len(v.Actions) != 2 || v.Actions[0].Action.Action != models.AuthorStrike || v.Actions[1].Action.Action != models.AuthorSuspend {
				t.Errorf("actions %+v, want the strike then the suspension", v.Actions)
			}
			if v.Total != 4 {
				t.Errorf("the standing hides the notes: total %d", v.Total)
			}
		})
	}
}

// TestContextTextsAreCut: a listed note's texts are cut to a few hundred
// bytes on a rune boundary, and the parent's to a few thousand.
func TestContextTextsAreCut(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("火锅", 2000) // 12000 bytes
	parent := seenAt(indextest.Note("long-parent", 1, "zh", "", long, "cn"), 0)
	parent.AuthorID = "u-long"
	comment := seenAt(indextest.Note("long-comment", 1, "zh", "", long, "cn"), 1)
	comment.Kind, comment.ParentID, comment.AuthorID = models.KindComment, "long-parent", "u-long"
	d := newDesk(t, parent, comment)
	var v desk.ThreadView
	call(t, "GET", d.URL+"/api/review/notes/long-comment/thread", ReviewerToken, "", &v)
	if v.Parent == nil || !v.Parent.Cut || len(v.Parent.Body) > 4000+len("…") || len(v.Parent.Body) < 3990 || !strings.HasSuffix(v.Parent.Body, "…") {
		t.Fatalf("parent body of %d bytes, cut %v", len(v.Parent.Body), v.Parent != nil && v.Parent.Cut)
	}
	var a desk.AuthorView
	call(t, "GET", d.URL+"/api/review/authors/u-long", ReviewerToken, "", &a)
	for _, n := range a.Notes {
		if !n.Cut || len(n.Body) > 300+len("…") || !strings.HasPrefix(long, strings.TrimSuffix(n.Body, "…")) {
			t.Errorf("%s: body of %d bytes, cut %v", n.NoteID, len(n.Body), n.Cut)
		}
	}
}
