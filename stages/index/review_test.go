package index

import (
	"encoding/json"
	"testing"

	"github.com/notegate/notegate/models"
)

// TestElasticsearchQueueSortsLikeTheEmbeddedIndex pins the request the
// Elasticsearch queue sends (the conformance suite checks the order only
// against a live cluster): urgency first, tolerant of an index whose
// mapping predates it, then escalated, reported (tolerant too), severity,
// age and id, as the
// embedded index sorts.
func TestElasticsearchQueueSortsLikeTheEmbeddedIndex(t *testing.T) {
	t.Parallel()
	got, err := json.Marshal(esQueueBody(models.QueueQuery{})["sort"])
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"urgency":{"order":"desc","unmapped_type":"byte"}},{"escalated":"desc"},{"reported":{"order":"desc","unmapped_type":"integer"}},{"severity":"desc"},{"queued_at":"asc"},{"note_id":"asc"}]`
	if string(got) != want {
		t.Errorf("sort %s, want %s", got, want)
	}
}

// TestElasticsearchQueueFiltersByAReviewersMarkets pins the filter of a
// reviewer's markets: a terms filter (any of them), in place of the
// filter that asks for any market in review.
func TestElasticsearchQueueFiltersByAReviewersMarkets(t *testing.T) {
	t.Parallel()
	got, err := json.Marshal(esQueueBody(models.QueueQuery{Markets: []string{"cn", "intl"}})["query"])
	if err != nil {
		t.Fatal(err)
	}
	want := `{"bool":{"filter":[{"term":{"deleted":false}},{"terms":{"review_markets":["cn","intl"]}}]}}`
	if string(got) != want {
		t.Errorf("query %s, want %s", got, want)
	}
}
