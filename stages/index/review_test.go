package index

import (
	"encoding/json"
	"testing"

	"github.com/notegate/notegate/models"
)

// TestElasticsearchQueueSortsLikeTheEmbeddedIndex pins the request the
// Elasticsearch queue sends (the conformance suite checks the order only
// against a live cluster): urgency first, tolerant of an index whose
// mapping predates it, then escalated, severity, age and id, as the
// embedded index sorts.
func TestElasticsearchQueueSortsLikeTheEmbeddedIndex(t *testing.T) {
	t.Parallel()
	got, err := json.Marshal(esQueueBody(models.QueueQuery{})["sort"])
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"urgency":{"order":"desc","unmapped_type":"byte"}},{"escalated":"desc"},{"severity":"desc"},{"queued_at":"asc"},{"note_id":"asc"}]`
	if string(got) != want {
		t.Errorf("sort %s, want %s", got, want)
	}
}
