package index

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
)

// TestElasticsearchContextQueries pins the requests Elasticsearch's Thread
// and Author send (the conformance suite runs them only against a live
// cluster): live notes of one parent or one author, newest first as the
// embedded index sorts them, pages bounded like Search, and for an author
// the decision terms counted and the earliest and latest queued_at.
func TestElasticsearchContextQueries(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		body map[string]any
		want string
	}{
		{"a thread", esThreadBody(models.ThreadQuery{ParentID: "n-1", Limit: 20, Offset: 20}),
			`{"_source":["note"],"from":20,"query":{"bool":{"filter":[{"term":{"deleted":false}},{"term":{"parent_id":"n-1"}}]}},` +
				`"size":20,"sort":[{"queued_at":"desc"},{"note_id":"asc"}],"track_total_hits":true}`},
		{"a thread page beyond the largest", esThreadBody(models.ThreadQuery{ParentID: "n-1", Limit: 5000, Offset: -3}),
			`{"_source":["note"],"from":0,"query":{"bool":{"filter":[{"term":{"deleted":false}},{"term":{"parent_id":"n-1"}}]}},` +
				`"size":100,"sort":[{"queued_at":"desc"},{"note_id":"asc"}],"track_total_hits":true}`},
		{"an author", esAuthorBody(models.AuthorQuery{AuthorID: "u-1"}),
			`{"_source":["note"],"aggs":{"decision_terms":{"terms":{"field":"decision_terms","size":256}},` +
				`"first_seen":{"min":{"field":"queued_at"}},"last_seen":{"max":{"field":"queued_at"}}},` +
				`"query":{"bool":{"filter":[{"term":{"deleted":false}},{"term":{"author_id":"u-1"}}]}},` +
				`"size":20,"sort":[{"queued_at":"desc"},{"note_id":"asc"}],"track_total_hits":true}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := json.Marshal(c.body)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("body\n got %s\nwant %s", got, c.want)
			}
		})
	}
}

// TestElasticsearchAuthorReadsItsResponse decodes an author search as
// Elasticsearch 8 answers it: the hits' stored notes, the term buckets
// as counts per market, the min and max aggregations in epoch
// milliseconds, and null aggregations for an author without notes.
func TestElasticsearchAuthorReadsItsResponse(t *testing.T) {
	t.Parallel()
	answer := `{"took":3,"timed_out":false,"hits":{"total":{"value":7,"relation":"eq"},"max_score":null,"hits":[
	  {"_index":"nt-000001","_id":"n-9","_score":null,"_source":{"note":{"note_id":"n-9","version":2,"author_id":"u-1","language":{"code":"en"},"moderation":{"decision":"block"}}},"sort":[1793779200000,"n-9"]}]},
	 "aggregations":{
	  "decision_terms":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[
	    {"key":"now:cn:block","doc_count":5},{"key":"machine:cn:block","doc_count":6},{"key":"reviewer:cn:approve","doc_count":1},
	    {"key":"now:intl:review","doc_count":7},{"key":"garbage","doc_count":9},{"key":"later:cn:block","doc_count":2}]},
	  "first_seen":{"value":1793692800000,"value_as_string":"2026-11-03T08:00:00.000Z"},
	  "last_seen":{"value":1793779200000,"value_as_string":"2026-11-04T08:00:00.000Z"}}}`
	res, err := parseContextResponse("author", strings.NewReader(answer))
	if err != nil {
		t.Fatal(err)
	}
	h := res.authorHistory()
	if h.Total != 7 || len(h.Recent) != 1 || h.Recent[0].NoteID != "n-9" || h.Recent[0].Version != 2 {
		t.Errorf("notes: total %d, recent %+v", h.Total, h.Recent)
	}
	first, last := time.Date(2026, 11, 3, 8, 0, 0, 0, time.UTC), time.Date(2026, 11, 4, 8, 0, 0, 0, time.UTC)
	if !h.FirstSeen.Equal(first) || !h.LastSeen.Equal(last) {
		t.Errorf("first and last seen %v, %v; want %v, %v", h.FirstSeen, h.LastSeen, first, last)
	}
	want := map[string]models.AuthorCounts{
		"cn":   {Now: map[models.Decision]int{"block": 5}, Machine: map[models.Decision]int{"block": 6}, Reviewer: map[models.ReviewAction]int{"approve": 1}},
		"intl": {Now: map[models.Decision]int{"review": 7}},
	}
	if !reflect.DeepEqual(h.Markets, want) {
		t.Errorf("counts\n got %+v\nwant %+v", h.Markets, want)
	}

	empty := `{"hits":{"total":{"value":0,"relation":"eq"},"hits":[]},"aggregations":{"decision_terms":{"buckets":[]},"first_seen":{"value":null},"last_seen":{"value":null}}}`
	res, err = parseContextResponse("author", strings.NewReader(empty))
	if err != nil {
		t.Fatal(err)
	}
	if h := res.authorHistory(); h.Total != 0 || len(h.Recent) != 0 || len(h.Markets) != 0 || !h.FirstSeen.IsZero() || !h.LastSeen.IsZero() {
		t.Errorf("an author without notes: %+v", h)
	}

	if _, err := parseContextResponse("thread", strings.NewReader(`{"hits":{"total":{"value":1},"hits":[{"_id":"n-1","_source":{}}]}}`)); err == nil {
		t.Error("a hit without its stored note was accepted")
	}
}

// TestDecisionTermsCountPerMarket: each market of a note gives the
// decision standing now, the machine's and the reviewer's standing one,
// and the counts read them back per market.
func TestDecisionTermsCountPerMarket(t *testing.T) {
	t.Parallel()
	m := models.Moderation{
		Markets: map[string]models.Decision{"intl": models.DecisionAllow, "cn": models.DecisionBlock},
		Review: &models.Review{Action: models.ReviewApprove, Reviewer: "r", Markets: []string{"intl"},
			Decided: map[string]models.MarketDecision{"intl": {Action: models.ReviewApprove, Reviewer: "r"}},
			Machine: &models.MachineOutcome{Markets: map[string]models.Decision{"intl": models.DecisionReview, "cn": models.DecisionBlock}}},
	}
	terms := decisionTerms(&m)
	want := []string{"now:cn:block", "machine:cn:block", "now:intl:allow", "machine:intl:review", "reviewer:intl:approve"}
	if !reflect.DeepEqual(terms, want) {
		t.Errorf("terms %v, want %v", terms, want)
	}
	counts := map[string]int{}
	for _, term := range terms {
		counts[term]++
	}
	got := countDecisionTerms(counts)
	if got["intl"].Reviewer[models.ReviewApprove] != 1 || got["intl"].Machine[models.DecisionReview] != 1 || got["cn"].Now[models.DecisionBlock] != 1 || got["cn"].Reviewer != nil {
		t.Errorf("counts %+v", got)
	}
}

// TestElasticsearchIndexesTheContextFields: the template maps parent_id
// and decision_terms as keywords, and a note's document carries them.
func TestElasticsearchIndexesTheContextFields(t *testing.T) {
	t.Parallel()
	props := indexTemplate(ElasticsearchConfig{Alias: "nt", Shards: 1})["template"].(map[string]any)["mappings"].(map[string]any)["properties"].(map[string]any)
	for _, field := range []string{"parent_id", "decision_terms"} {
		if got := props[field].(map[string]any)["type"]; got != "keyword" {
			t.Errorf("%s is mapped as %v, want keyword", field, got)
		}
	}
	n := &models.Note{NoteEvent: models.NoteEvent{NoteID: "c-1", Version: 1, Kind: models.KindComment, ParentID: "n-1"},
		Moderation: models.Moderation{Markets: map[string]models.Decision{"cn": models.DecisionReview}}}
	raw, err := esSource(n)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		ParentID      string   `json:"parent_id"`
		DecisionTerms []string `json:"decision_terms"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.ParentID != "n-1" || !reflect.DeepEqual(doc.DecisionTerms, []string{"now:cn:review", "machine:cn:review"}) {
		t.Errorf("document parent_id %q, decision_terms %v", doc.ParentID, doc.DecisionTerms)
	}
}
