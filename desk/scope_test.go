package desk_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/notegate/notegate/desk"
	"github.com/notegate/notegate/models"
)

// Tokens of scoped reviewers, added by scopedDesk.
const (
	CNToken   = "reviewer-cn-token-0123456789"
	IntlToken = "reviewer-intl-token-0123456"
	BothToken = "reviewer-both-token-0123456"
)

// scopedDesk is newDesk with a reviewer of cn, one of intl and one of
// both markets besides the unscoped reviewer and the admin.
func scopedDesk(t *testing.T, notes ...*models.Note) *Desk {
	t.Helper()
	return newDeskWith(t, func(c *desk.Config, _ *desk.Options) {
		c.Tokens = append(c.Tokens,
			desk.Token{Name: "reviewer-cn", Role: desk.RoleReviewer, Secret: CNToken, Markets: []string{"cn"}},
			desk.Token{Name: "reviewer-intl", Role: desk.RoleReviewer, Secret: IntlToken, Markets: []string{"intl"}},
			desk.Token{Name: "reviewer-both", Role: desk.RoleReviewer, Secret: BothToken, Markets: []string{"intl", "cn"}})
	}, notes...)
}

// call sends a request with token and decodes the JSON answer into out
// (when not nil).
func call(t *testing.T, method, url, token, body string, out any) int {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set(desk.CSRFHeader, "1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("%s %s: decode: %v", method, url, err)
		}
	}
	return resp.StatusCode
}

// withMarkets is InReview with the machine decisions markets.
func withMarkets(id string, markets map[string]models.Decision) *models.Note {
	n := InReview(id, "crypto giveaway "+id, "free coins, dm me on telegram")
	n.Moderation.Markets = markets
	n.Moderation.Decision = models.DecisionAllow
	for _, v := range markets {
		n.Moderation.Decision = models.MostRestrictive(n.Moderation.Decision, v)
	}
	return n
}

// TestDecisionsStayInTheReviewersMarkets decides notes as reviewers of
// one market, of both, unscoped and as the admin, and checks the answer,
// the markets the decision event names (what the audit trail records)
// and every market's decision after it: a decision acts in the caller's
// markets only, and naming another market is refused.
func TestDecisionsStayInTheReviewersMarkets(t *testing.T) {
	t.Parallel()
	const allow, review_, block = models.DecisionAllow, models.DecisionReview, models.DecisionBlock
	blockedInCN := map[string]models.Decision{"cn": block, "intl": review_}
	both := map[string]models.Decision{"cn": review_, "intl": review_}
	cases := []struct {
		name    string
		note    map[string]models.Decision
		token   string
		body    string
		status  int
		message string // in the refusal
		decided []string
		after   map[string]models.Decision
	}{
		{name: "intl reviewer approving with no markets decides intl only", note: blockedInCN, token: IntlToken, body: `{"action":"approve"}`,
			status: http.StatusOK, decided: []string{"intl"}, after: map[string]models.Decision{"cn": block, "intl": allow}},
		{name: "intl reviewer naming cn is refused", note: blockedInCN, token: IntlToken, body: `{"action":"approve","markets":["cn"]}`,
			status: http.StatusForbidden, message: `you decide in intl only; "cn" is outside your markets`, after: blockedInCN},
		{name: "intl reviewer naming cn and intl is refused whole", note: blockedInCN, token: IntlToken, body: `{"action":"approve","markets":["intl","cn"]}`,
			status: http.StatusForbidden, message: "outside your markets", after: blockedInCN},
		{name: "cn reviewer rejecting with no markets leaves intl in review", note: both, token: CNToken, body: `{"action":"reject","category":"spam","reason":"coins"}`,
			status: http.StatusOK, decided: []string{"cn"}, after: map[string]models.Decision{"cn": block, "intl": review_}},
		{name: "cn reviewer on a note with no cn decision is refused", note: map[string]models.Decision{"intl": review_}, token: CNToken, body: `{"action":"approve"}`,
			status: http.StatusForbidden, message: "none of this note's markets (intl) is yours to decide; you decide in cn", after: map[string]models.Decision{"intl": review_}},
		{name: "cn reviewer may not escalate outside cn either", note: map[string]models.Decision{"intl": review_}, token: CNToken, body: `{"action":"escalate"}`,
			status: http.StatusForbidden, message: "is yours to decide", after: map[string]models.Decision{"intl": review_}},
		{name: "a market the note has no decision in is refused", note: map[string]models.Decision{"intl": review_}, token: BothToken, body: `{"action":"approve","markets":["cn"]}`,
			status: http.StatusBadRequest, message: `has no decision in market "cn"`, after: map[string]models.Decision{"intl": review_}},
		{name: "an unknown market is refused as such", note: both, token: IntlToken, body: `{"action":"approve","markets":["mars"]}`,
			status: http.StatusBadRequest, message: `unknown market "mars"`, after: both},
		{name: "reviewer of both picking intl decides intl only", note: both, token: BothToken, body: `{"action":"approve","markets":["intl"]}`,
			status: http.StatusOK, decided: []string{"intl"}, after: map[string]models.Decision{"cn": review_, "intl": allow}},
		{name: "reviewer of both with no markets decides both", note: blockedInCN, token: BothToken, body: `{"action":"approve"}`,
			status: http.StatusOK, decided: []string{"cn", "intl"}, after: map[string]models.Decision{"cn": allow, "intl": allow}},
		{name: "an account with no markets listed decides every configured market", note: both, token: ReviewerToken, body: `{"action":"reject","category":"spam","reason":"coins"}`,
			status: http.StatusOK, decided: []string{"cn", "intl"}, after: map[string]models.Decision{"cn": block, "intl": block}},
		{name: "admin decides every market", note: blockedInCN, token: AdminToken, body: `{"action":"approve"}`,
			status: http.StatusOK, decided: []string{"cn", "intl"}, after: map[string]models.Decision{"cn": allow, "intl": allow}},
	}
	var notes []*models.Note
	for i, c := range cases {
		notes = append(notes, withMarkets("scope-"+string(rune('a'+i)), c.note))
	}
	d := scopedDesk(t, notes...)
	for i, c := range cases {
		id := notes[i].NoteID
		t.Run(c.name, func(t *testing.T) {
			if code := call(t, "POST", d.URL+"/api/review/notes/"+id+"/claim", c.token, "", nil); code != http.StatusOK {
				t.Fatalf("claim: %d", code)
			}
			var out struct {
				Error    string                `json:"error"`
				Decision models.ReviewDecision `json:"decision"`
			}
			code := call(t, "POST", d.URL+"/api/review/notes/"+id+"/decisions", c.token, c.body, &out)
			if code != c.status || !strings.Contains(out.Error, c.message) {
				t.Fatalf("answered %d %q, want %d with %q", code, out.Error, c.status, c.message)
			}
			entries, err := d.Audit.ByNote(id, 10)
			if err != nil {
				t.Fatal(err)
			}
			if c.decided == nil {
				if len(entries) != 0 {
					t.Errorf("a refused decision is in the audit trail: %+v", entries)
				}
			} else if len(entries) != 1 || !slices.Equal(entries[0].Decision.Markets, c.decided) || !slices.Equal(out.Decision.Markets, c.decided) {
				t.Errorf("audit %+v, answer's decision in %v; want one entry deciding %v", entries, out.Decision.Markets, c.decided)
			}
			n, err := d.Index.Get(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			for m, want := range c.after {
				if got := n.Moderation.Markets[m]; got != want {
					t.Errorf("%s is %s after, want %s", m, got, want)
				}
			}
		})
	}
}

// TestBulkDecisionsStayInTheReviewersMarkets: a bulk decision naming a
// market outside the caller's is refused whole; without markets each
// note is decided in the caller's markets, and a note with none of them
// is reported and left alone.
func TestBulkDecisionsStayInTheReviewersMarkets(t *testing.T) {
	t.Parallel()
	d := scopedDesk(t,
		withMarkets("bulk-1", map[string]models.Decision{"cn": models.DecisionBlock, "intl": models.DecisionReview}),
		withMarkets("bulk-2", map[string]models.Decision{"cn": models.DecisionReview, "intl": models.DecisionReview}),
		withMarkets("bulk-3", map[string]models.Decision{"cn": models.DecisionReview}))
	var refused struct {
		Error string `json:"error"`
	}
	if code := call(t, "POST", d.URL+"/api/review/bulk", IntlToken, `{"action":"approve","markets":["cn"],"note_ids":["bulk-1","bulk-2"]}`, &refused); code != http.StatusForbidden || !strings.Contains(refused.Error, "outside your markets") {
		t.Fatalf("bulk naming cn as the intl reviewer: %d %q, want 403", code, refused.Error)
	}
	var out struct {
		Decided int `json:"decided"`
		Results []struct {
			NoteID, Error string
		} `json:"results"`
	}
	if code := call(t, "POST", d.URL+"/api/review/bulk", IntlToken, `{"action":"approve","note_ids":["bulk-1","bulk-2","bulk-3"]}`, &out); code != http.StatusOK {
		t.Fatalf("bulk: %d", code)
	}
	if out.Decided != 2 || len(out.Results) != 3 || !strings.Contains(out.Results[2].Error, "yours to decide") {
		t.Errorf("bulk answered %+v; want 2 decided and bulk-3 refused as outside intl", out)
	}
	for id, want := range map[string]string{"bulk-1": "map[cn:block intl:allow]", "bulk-2": "map[cn:review intl:allow]", "bulk-3": "map[cn:review]"} {
		n, err := d.Index.Get(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(n.Moderation.Markets); got != want {
			t.Errorf("%s after the bulk approval: %s, want %s", id, got, want)
		}
	}
}

// TestQueueListsTheNotesWaitingInTheReviewersMarkets: without a market
// filter each reviewer sees the notes waiting in their markets; a note
// approved in intl and still in review in cn stays in cn's queue, where
// the cn reviewer sees the intl decision and who made it.
func TestQueueListsTheNotesWaitingInTheReviewersMarkets(t *testing.T) {
	t.Parallel()
	d := scopedDesk(t,
		withMarkets("q-both", map[string]models.Decision{"cn": models.DecisionReview, "intl": models.DecisionReview}),
		withMarkets("q-cn", map[string]models.Decision{"cn": models.DecisionReview, "intl": models.DecisionAllow}),
		withMarkets("q-intl", map[string]models.Decision{"cn": models.DecisionBlock, "intl": models.DecisionReview}))
	queue := func(token, filter string) ([]string, map[string]*models.Note) {
		t.Helper()
		var page struct {
			Items []struct {
				Note *models.Note `json:"note"`
			} `json:"items"`
		}
		if code := call(t, "GET", d.URL+"/api/review/queue"+filter, token, "", &page); code != http.StatusOK {
			t.Fatalf("queue: %d", code)
		}
		var ids []string
		notes := map[string]*models.Note{}
		for _, it := range page.Items {
			ids = append(ids, it.Note.NoteID)
			notes[it.Note.NoteID] = it.Note
		}
		slices.Sort(ids)
		return ids, notes
	}
	for _, c := range []struct {
		name, token, filter string
		want                []string
	}{
		{"the cn reviewer sees cn's queue", CNToken, "", []string{"q-both", "q-cn"}},
		{"the intl reviewer sees intl's queue", IntlToken, "", []string{"q-both", "q-intl"}},
		{"a reviewer of both sees both", BothToken, "", []string{"q-both", "q-cn", "q-intl"}},
		{"the cn reviewer may look at intl's queue", CNToken, "?market=intl", []string{"q-both", "q-intl"}},
	} {
		if got, _ := queue(c.token, c.filter); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}

	if code := call(t, "POST", d.URL+"/api/review/notes/q-both/claim", IntlToken, "", nil); code != http.StatusOK {
		t.Fatalf("claim: %d", code)
	}
	if code := call(t, "POST", d.URL+"/api/review/notes/q-both/decisions", IntlToken, `{"action":"approve"}`, nil); code != http.StatusOK {
		t.Fatalf("approve in intl: %d", code)
	}
	if got, _ := queue(IntlToken, ""); slices.Contains(got, "q-both") {
		t.Errorf("after its approval in intl, intl's queue still lists q-both: %v", got)
	}
	got, notes := queue(CNToken, "")
	if !slices.Contains(got, "q-both") {
		t.Fatalf("after its approval in intl, cn's queue lost q-both: %v", got)
	}
	rv := notes["q-both"].Moderation.Review
	if s, ok := rv.Decided["intl"]; !ok || s.Reviewer != "reviewer-intl" || s.Action != models.ReviewApprove || rv.Decided["cn"].DecisionID != "" {
		t.Errorf("cn's reviewer sees the decisions standing %+v; want intl approved by reviewer-intl and nothing in cn", rv.Decided)
	}
}

// TestMeAnswersTheMarketsTheCallerDecides: /api/review/me and the login
// answer the caller's markets: one for a scoped reviewer, every
// configured market for an admin and an account that lists none.
func TestMeAnswersTheMarketsTheCallerDecides(t *testing.T) {
	t.Parallel()
	d := scopedDesk(t)
	for token, want := range map[string][]string{CNToken: {"cn"}, IntlToken: {"intl"}, BothToken: {"cn", "intl"}, ReviewerToken: {"cn", "intl"}, AdminToken: {"cn", "intl"}} {
		var me struct {
			Name       string   `json:"name"`
			Markets    []string `json:"markets"`
			AllMarkets []string `json:"all_markets"`
		}
		if code := call(t, "GET", d.URL+"/api/review/me", token, "", &me); code != http.StatusOK {
			t.Fatalf("me: %d", code)
		}
		if !slices.Equal(me.Markets, want) || !slices.Equal(me.AllMarkets, []string{"cn", "intl"}) {
			t.Errorf("%s: markets %v of %v, want %v of [cn intl]", me.Name, me.Markets, me.AllMarkets, want)
		}
	}
	var login struct {
		Markets []string `json:"markets"`
	}
	if code := call(t, "POST", d.URL+"/api/review/login", "", `{"name":"alice","password":"correct horse battery"}`, &login); code != http.StatusOK || !slices.Equal(login.Markets, []string{"cn", "intl"}) {
		t.Errorf("login: %d, markets %v; want 200 with [cn intl]", code, login.Markets)
	}
}

// TestScopeConfiguration: an admin listing markets and an account naming
// a market that is not configured are refused at start; tokens carry
// markets after an @.
func TestScopeConfiguration(t *testing.T) {
	t.Parallel()
	hashOnce.Do(func() { hash, hashErr = desk.HashPassword("correct horse battery") })
	if hashErr != nil {
		t.Fatal(hashErr)
	}
	isNotFound := func(error) bool { return false }
	d := newDesk(t)
	for _, c := range []struct {
		name string
		cfg  desk.Config
		want string
	}{
		{"an admin listing markets", desk.Config{Accounts: []desk.Account{{Name: "root", Role: desk.RoleAdmin, PasswordHash: hash, Markets: []string{"cn"}}}},
			"an admin decides every market"},
		{"a market listed twice", desk.Config{Accounts: []desk.Account{{Name: "a", PasswordHash: hash, Markets: []string{"cn", "cn"}}}},
			"listed twice"},
		{"an account's unknown market", desk.Config{Accounts: []desk.Account{{Name: "a", PasswordHash: hash, Markets: []string{"mars"}}}},
			`account "a": market "mars" is not a configured market (cn, intl)`},
		{"a token's unknown market", desk.Config{Tokens: []desk.Token{{Name: "ci", Role: desk.RoleReviewer, Secret: "0123456789abcdef", Markets: []string{"tw"}}}},
			`token of "ci": market "tw" is not a configured market`},
	} {
		_, err := desk.New(c.cfg, d.Index, d.Pub, d.Audit, desk.Options{Markets: []string{"cn", "intl"}, IsNotFound: isNotFound})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error saying %q", c.name, err, c.want)
		}
	}
	tokens, err := desk.ParseTokens("ci:reviewer@cn+intl:s3cret:with:colons, ops:admin:0123456789abcdef")
	if err != nil {
		t.Fatal(err)
	}
	if len(tokens) != 2 || tokens[0].Role != desk.RoleReviewer || !slices.Equal(tokens[0].Markets, []string{"cn", "intl"}) ||
		tokens[0].Secret != "s3cret:with:colons" || tokens[1].Markets != nil {
		t.Errorf("parsed %+v", tokens)
	}
}
