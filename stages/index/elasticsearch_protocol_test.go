package index

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
)

func openFake(t *testing.T, srv *httptest.Server, mutate func(*ElasticsearchConfig)) *Elasticsearch {
	t.Helper()
	cfg := ElasticsearchConfig{
		URLs:    []string{srv.URL},
		Alias:   "nt",
		Workers: 1, // one bulk request per round, so requests can be counted
		Logger:  slog.New(slog.NewTextHandler(io.Discard, nil)),
	}
	if mutate != nil {
		mutate(&cfg)
	}
	es, err := OpenElasticsearch(context.Background(), cfg)
	if err != nil {
		t.Fatalf("OpenElasticsearch: %v", err)
	}
	t.Cleanup(func() { _ = es.Close() })
	return es
}

func note(id string, version int64) *models.Note {
	return &models.Note{
		NoteEvent: models.NoteEvent{NoteID: id, Version: version, Title: "火锅 " + id, Body: "hotpot recipes"},
		Language:  models.Language{Code: "zh", Script: "Hans"},
		Translations: map[string]models.Translation{
			"en": {Title: "Hotpot", Body: "Sichuan hotpot", Status: models.TranslationOK},
		},
		Moderation:      models.Moderation{Decision: models.DecisionAllow, Markets: map[string]models.Decision{"cn": models.DecisionAllow}},
		ApprovedMarkets: []string{"cn"},
	}
}

// unapproved is n approved in no market.
func unapproved(n *models.Note) *models.Note {
	n.Moderation.Decision = models.DecisionBlock
	n.Moderation.Markets["cn"] = models.DecisionBlock
	n.ApprovedMarkets = nil
	return n
}

func deletion(id string, version int64) *models.Note {
	return &models.Note{NoteEvent: models.NoteEvent{Type: models.EventDeleted, NoteID: id, Version: version}}
}

// mustApply applies notes and fails the test on a transport error.
func mustApply(t *testing.T, es *Elasticsearch, notes ...*models.Note) []pipeline.Applied {
	t.Helper()
	out, err := es.Apply(context.Background(), notes)
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	if len(out) != len(notes) {
		t.Fatalf("Apply answered %d outcomes for %d notes", len(out), len(notes))
	}
	return out
}

// applyUntilSettled is the caller's retry of the Indexer contract, without
// the wait: it applies notes, then gives again only those answered Retry,
// until none is, and returns the final outcomes and the number of calls.
func applyUntilSettled(t *testing.T, es *Elasticsearch, notes ...*models.Note) ([]pipeline.Applied, int) {
	t.Helper()
	out := make([]pipeline.Applied, len(notes))
	pending := make([]int, len(notes))
	for i := range pending {
		pending[i] = i
	}
	for calls := 1; ; calls++ {
		given := make([]*models.Note, len(pending))
		for k, i := range pending {
			given[k] = notes[i]
		}
		got := mustApply(t, es, given...)
		var again []int
		for k, i := range pending {
			out[i] = got[k]
			if got[k].Retry != nil {
				again = append(again, i)
			}
		}
		if len(again) == 0 {
			return out, calls
		}
		if calls == 20 {
			t.Fatalf("%d notes still answered Retry after %d calls: %v", len(again), calls, out[again[0]].Retry)
		}
		pending = again
	}
}

// bulkIDs lists the ids of each bulk request, in order.
func bulkIDs(f *fakeES) [][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([][]string, len(f.bulks))
	for i, b := range f.bulks {
		for _, l := range b.lines {
			id, _ := l.meta["_id"].(string)
			out[i] = append(out[i], id)
		}
	}
	return out
}

// sameJSON fails unless got and want encode alike.
func sameJSON(t *testing.T, what string, got, want any) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("%s =\n%s\nwant\n%s", what, g, w)
	}
}

func TestElasticsearchProtocol(t *testing.T) {
	t.Parallel()

	t.Run("open_puts_the_template_and_creates_the_first_index_behind_the_alias", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		openFake(t, srv, nil)
		tpl := f.template
		if got := fmt.Sprint(at(tpl, "index_patterns")); got != "[nt-*]" {
			t.Errorf("index_patterns = %s", got)
		}
		props := at(tpl, "template", "mappings", "properties")
		for _, kw := range [][]string{{"note_id"}, {"market"}, {"approved_markets"}, {"language", "properties", "code"}, {"moderation", "properties", "decision"}} {
			if got := at(props, append(kw, "type")...); got != "keyword" {
				t.Errorf("%v type = %v, want keyword", kw, got)
			}
		}
		for field, typ := range map[string]string{"version": "long", "revision": "long", "ever_approved": "boolean", "deleted": "boolean"} {
			if got := at(props, field, "type"); got != typ {
				t.Errorf("%s type = %v, want %s", field, got, typ)
			}
		}
		for _, field := range []string{"title", "body", "tags", "translations"} {
			if a, q, c := at(props, field, "analyzer"), at(props, field, "search_analyzer"), at(props, field, "copy_to"); a != esTextAnalyzer || q != esQueryAnalyzer || c != esAllField {
				t.Errorf("%s analyzer %v search_analyzer %v copy_to %v", field, a, q, c)
			}
		}
		if got := at(props, "note", "enabled"); got != false {
			t.Errorf("note enabled = %v, want false", got)
		}
		if got := at(tpl, "template", "mappings", "dynamic"); got != false {
			t.Errorf("dynamic = %v, want false", got)
		}
		analysis := at(tpl, "template", "settings", "analysis")
		if got := fmt.Sprint(at(analysis, "analyzer", esTextAnalyzer, "filter")); !strings.Contains(got, "notegate_english_stemmer") || !strings.HasSuffix(got, "notegate_cjk_grams]") {
			t.Errorf("analyzer filters = %s", got)
		}
		for _, a := range []string{esTextAnalyzer, esQueryAnalyzer} {
			if got := fmt.Sprint(at(analysis, "analyzer", a, "char_filter")); got != "["+esFoldFilter+"]" {
				t.Errorf("%s char_filter = %s, want the Traditional-to-Simplified folding", a, got)
			}
		}
		if got := fmt.Sprint(at(analysis, "char_filter", esFoldFilter, "mappings")); !strings.Contains(got, "鍋=>锅") || !strings.Contains(got, "灣=>湾") {
			t.Errorf("folding mappings lack 鍋=>锅 or 灣=>湾")
		}
		if at(analysis, "filter", "notegate_cjk_grams", "type") != "cjk_bigram" || at(analysis, "filter", "notegate_english_stemmer", "language") != "english" {
			t.Errorf("filters = %v", at(analysis, "filter"))
		}
		if f.createdName != "nt-000001" || at(f.created, "aliases", "nt", "is_write_index") != true {
			t.Errorf("created %s with %v", f.createdName, f.created)
		}
	})

	t.Run("open_accepts_an_index_another_process_just_created", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		f.createStatus, f.createError = http.StatusBadRequest, "resource_already_exists_exception"
		f.aliasAfterCreate = true
		openFake(t, srv, nil)
	})

	t.Run("open_fails_when_the_index_exists_without_the_alias_or_creation_fails", func(t *testing.T) {
		t.Parallel()
		for _, typ := range []string{"resource_already_exists_exception", "illegal_argument_exception"} {
			f, srv := newFakeES(t)
			f.createStatus, f.createError = http.StatusBadRequest, typ
			_, err := OpenElasticsearch(context.Background(), ElasticsearchConfig{URLs: []string{srv.URL}, Alias: "nt"})
			if err == nil || !strings.Contains(err.Error(), "nt") {
				t.Errorf("%s: OpenElasticsearch = %v, want an error", typ, err)
			}
			if typ == "illegal_argument_exception" && (err == nil || !strings.Contains(err.Error(), typ)) {
				t.Errorf("error %v does not quote the response", err)
			}
		}
	})

	t.Run("open_leaves_an_existing_alias_alone", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		f.aliasExists = true
		openFake(t, srv, nil)
		if f.template == nil || f.createdName != "" {
			t.Errorf("template put %v, index created %q", f.template != nil, f.createdName)
		}
	})

	t.Run("bulk_items_are_scripted_upserts_of_one_script_with_the_note_order_in_params", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, func(c *ElasticsearchConfig) { c.Refresh = "wait_for" })
		up := note("n1", 3)
		up.Revision = 2
		const top = 1<<63 - 1
		tomb := deletion("n2", top)
		out := mustApply(t, es, up, tomb)
		if len(f.bulks) != 1 || len(f.bulks[0].lines) != 2 {
			t.Fatalf("bulks = %+v", f.bulks)
		}
		b := f.bulks[0]
		if b.query.Get("require_alias") != "true" || b.query.Get("refresh") != "wait_for" {
			t.Errorf("bulk query %v", b.query)
		}
		for i, id := range []string{"n1", "n2"} {
			line := b.lines[i]
			sameJSON(t, "meta of "+id, map[string]any{line.action: line.meta},
				map[string]any{"update": map[string]any{"_id": id, "retry_on_conflict": esRetryOnConflict}})
			if at(line.body, "script", "source") != esUpsertScript || at(line.body, "scripted_upsert") != true || fmt.Sprint(at(line.body, "upsert")) != "map[]" {
				t.Errorf("body of %s = %v", id, line.body)
			}
		}
		params := func(i int, key ...string) string {
			return fmt.Sprint(at(b.lines[i].body, append([]string{"script", "params"}, key...)...))
		}
		if params(0, "version") != "3" || params(0, "revision") != "2" || params(0, "approved") != "true" {
			t.Errorf("params of n1 = %v", at(b.lines[0].body, "script", "params"))
		}
		if params(0, "doc", "deleted") != "false" || params(0, "doc", "note", "note_id") != "n1" || params(0, "doc", "note", "revision") != "2" ||
			params(0, "doc", "approved_markets") != "[cn]" || params(0, "doc", "translations") != "[Hotpot Sichuan hotpot]" || params(0, "doc", "language", "code") != "zh" {
			t.Errorf("doc of n1 = %v", at(b.lines[0].body, "script", "params", "doc"))
		}
		if params(1, "version") != "9223372036854775807" || params(1, "revision") != "0" || params(1, "approved") != "false" ||
			params(1, "doc", "deleted") != "true" || params(1, "doc", "version") != "9223372036854775807" || params(1, "doc", "note") != "<nil>" {
			t.Errorf("params of the tombstone = %v", at(b.lines[1].body, "script", "params"))
		}
		if !out[0].Written || out[0].Stored != up || !out[0].EverApproved {
			t.Errorf("outcome of n1 = %+v", out[0])
		}
		if !out[1].Written || out[1].Stored != tomb || out[1].EverApproved {
			t.Errorf("outcome of the tombstone = %+v", out[1])
		}
		// Both were written: only the fields the script may have kept
		// from an earlier state are read back.
		if len(f.mgets) != 1 || !slices.Equal(f.mgets[0].ids, []string{"n1", "n2"}) ||
			!slices.Equal(f.mgets[0].sources["n1"], esWrittenFields) || !slices.Equal(f.mgets[0].sources["n2"], esWrittenFields) {
			t.Fatalf("mgets = %+v, want one for the kept fields of n1 and n2", f.mgets)
		}
		q := f.mgets[0].query
		if q.Get("realtime") != "true" || q.Get("_source_includes") != "note,deleted,version,revision,ever_approved,note_id" {
			t.Errorf("mget query %v", q)
		}
	})

	t.Run("only_the_newest_note_of_an_id_in_one_call_is_sent_and_the_others_get_its_outcome", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		v7 := note("n1", 7)
		out := mustApply(t, es, note("n1", 2), v7, deletion("n1", 4), note("n1", 7))
		if len(f.bulks) != 1 || len(f.bulks[0].lines) != 1 || at(f.bulks[0].lines[0].body, "script", "params", "version") != json.Number("7") {
			t.Fatalf("bulks = %+v", f.bulks)
		}
		for i, o := range out {
			if o.Written != (i == 1) || o.Stored != v7 || !o.EverApproved {
				t.Errorf("outcome %d = %+v, want version 7 (the first of equals) stored", i, o)
			}
		}
		if len(f.mgets) != 1 || !slices.Equal(f.mgets[0].ids, []string{"n1"}) || !slices.Equal(f.mgets[0].sources["n1"], esWrittenFields) {
			t.Errorf("mgets = %+v, want one for the kept fields of n1", f.mgets)
		}
	})

	t.Run("notes_not_written_and_the_kept_fields_of_written_ones_are_read_back_in_one_mget", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		kept := note("kept", 5)
		gone := deletion("gone", 3)
		gone.Revision = 1
		mustApply(t, es, kept, gone)
		mgets := len(f.mgets)
		out := mustApply(t, es, note("kept", 4), note("fresh", 1), deletion("gone", 2), unapproved(note("held", 1)))
		if len(f.mgets) != mgets+1 || !slices.Equal(f.mgets[mgets].ids, []string{"kept", "gone", "fresh", "held"}) ||
			len(f.mgets[mgets].sources) != 2 || !slices.Equal(f.mgets[mgets].sources["fresh"], esWrittenFields) {
			t.Fatalf("mgets = %+v, want one for kept and gone, and the kept fields of fresh and held", f.mgets[mgets:])
		}
		if out[0].Written || !out[0].EverApproved {
			t.Errorf("stale note: %+v", out[0])
		}
		sameJSON(t, "stored for the stale note", out[0].Stored, kept)
		if !out[1].Written || !out[1].EverApproved {
			t.Errorf("fresh note: %+v", out[1])
		}
		tomb := &models.Note{NoteEvent: models.NoteEvent{Type: models.EventDeleted, NoteID: "gone", Version: 3}, Revision: 1}
		if out[2].Written || out[2].EverApproved {
			t.Errorf("stale deletion: %+v", out[2])
		}
		sameJSON(t, "stored for the stale deletion", out[2].Stored, tomb)
		if !out[3].Written || out[3].EverApproved {
			t.Errorf("note approved nowhere: %+v", out[3])
		}
	})

	t.Run("a_document_written_with_external_versions_is_ordered_by_its_notes_revision_and_counts_as_approved", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		legacy := unapproved(note("old", 5))
		legacy.Revision = 2
		raw, _ := json.Marshal(legacy)
		f.mu.Lock()
		f.docs["old"] = decodeNumbers(t, fmt.Appendf(nil, `{"note_id":"old","version":5,"deleted":false,"note":%s}`, raw))
		f.mu.Unlock()
		replay := unapproved(note("old", 5))
		replay.Revision = 1
		out := mustApply(t, es, replay)
		if out[0].Written || !out[0].EverApproved {
			t.Errorf("replay of revision 1 over a legacy revision 2: %+v", out[0])
		}
		sameJSON(t, "stored", out[0].Stored, legacy)
		next := unapproved(note("old", 5))
		next.Revision = 3
		if out := mustApply(t, es, next); !out[0].Written || !out[0].EverApproved {
			t.Errorf("revision 3: %+v, want written and ever approved", out[0])
		}
	})

	t.Run("a_409_left_after_retry_on_conflict_comes_back_with_retry_and_is_not_resent", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		f.statuses["busy"] = []int{http.StatusConflict}
		out := mustApply(t, es, note("busy", 1), note("calm", 1))
		if got := bulkIDs(f); len(got) != 1 {
			t.Fatalf("bulks = %v, want one round", got)
		}
		if out[0].Retry == nil || !strings.Contains(out[0].Retry.Error(), "version_conflict_engine_exception") || out[0].Stored != nil || out[0].Written {
			t.Errorf("busy = %+v, want Retry quoting the conflict and nothing stored", out[0])
		}
		if !out[1].Written || out[1].Retry != nil {
			t.Errorf("calm = %+v, want written", out[1])
		}
	})

	t.Run("an_item_answered_429_is_sent_once_and_comes_back_with_retry", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		f.statuses["busy"] = []int{429, 429, 429}
		out := mustApply(t, es, note("busy", 1), note("calm", 1))
		if got := bulkIDs(f); len(got) != 1 || len(got[0]) != 2 {
			t.Fatalf("bulks = %v, want one round of both notes", got)
		}
		if out[0].Retry == nil || !strings.Contains(out[0].Retry.Error(), "429") || out[0].Rejected != "" || out[0].Stored != nil {
			t.Errorf("busy = %+v, want Retry for the 429, not a rejection", out[0])
		}
		if _, ok := f.docs["busy"]; ok {
			t.Error("busy stored although the cluster throttled it")
		}
		if !out[1].Written || out[1].Stored == nil {
			t.Errorf("calm = %+v, want written", out[1])
		}
	})

	t.Run("throttled_notes_given_again_by_the_caller_are_sent_alone_until_written", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		f.statuses["busy"] = []int{429, 429, 429}
		out, calls := applyUntilSettled(t, es, note("busy", 1), note("calm", 1))
		if calls != 4 {
			t.Errorf("%d calls, want 4: three throttled, one written", calls)
		}
		got := bulkIDs(f)
		sameJSON(t, "bulk ids", got, [][]string{{"busy", "calm"}, {"busy"}, {"busy"}, {"busy"}})
		if !out[0].Written || !out[1].Written {
			t.Errorf("outcomes = %+v, want both written", out)
		}
	})

	t.Run("the_processor_gives_the_index_only_the_throttled_notes_again_and_finishes_once_they_are_written", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		f.statuses["busy"] = []int{429, 429}
		proc := pipeline.NewProcessor(pipeline.ProcessorConfig{Indexer: es, Logger: es.log,
			Backoff: pipeline.Backoff{Min: time.Millisecond, Max: 2 * time.Millisecond}})
		batch := []*pipeline.Envelope{
			{Value: []byte(`{"note_id":"busy","version":1,"body":"a"}`)},
			{Value: []byte(`{"note_id":"calm","version":1,"body":"b"}`)},
		}
		if err := proc.Process(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
		sameJSON(t, "bulk ids", bulkIDs(f), [][]string{{"busy", "calm"}, {"busy"}, {"busy"}})
		for _, env := range batch {
			if env.Err != nil || !env.Written || env.Route == pipeline.RouteDeadLetter {
				t.Errorf("%s: written %v, route %s, err %v; want written", env.Note.NoteID, env.Written, env.Route, env.Err)
			}
		}
	})

	t.Run("a_503_item_comes_back_with_retry_quoting_it_and_the_others_are_written", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		f.statuses["down"] = []int{503}
		out := mustApply(t, es, note("down", 1), note("up", 1))
		if out[0].Retry == nil || !strings.Contains(out[0].Retry.Error(), "unavailable_shards_exception") {
			t.Errorf("down = %+v, want Retry quoting the failure", out[0])
		}
		if got := bulkIDs(f); len(got) != 1 {
			t.Fatalf("bulks = %v, want one round", got)
		}
		if _, ok := f.docs["up"]; !ok || !out[1].Written {
			t.Errorf("up = %+v, want written", out[1])
		}
	})

	t.Run("a_400_is_rejected_without_resend_and_the_others_written", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		f.statuses["bad"] = []int{400}
		out := mustApply(t, es, note("bad", 2), note("good", 1), note("bad", 1))
		if len(f.bulks) != 1 {
			t.Fatalf("%d bulk requests, want 1", len(f.bulks))
		}
		for _, i := range []int{0, 2} {
			if !strings.Contains(out[i].Rejected, "document_parsing_exception") || out[i].Written || out[i].Stored != nil {
				t.Errorf("outcome %d = %+v, want the rejection", i, out[i])
			}
		}
		if !out[1].Written || out[1].Rejected != "" {
			t.Errorf("good = %+v", out[1])
		}
	})

	t.Run("a_bulk_request_the_cluster_fails_is_sent_once_and_every_note_comes_back_with_retry", func(t *testing.T) {
		t.Parallel()
		for _, status := range []int{http.StatusInternalServerError, http.StatusTooManyRequests, http.StatusServiceUnavailable, http.StatusGatewayTimeout} {
			f, srv := newFakeES(t)
			es := openFake(t, srv, nil)
			f.failBulks, f.failBulkStatus = 1, status
			out := mustApply(t, es, note("a", 1), note("b", 1))
			// The client does not retry by itself, not even 429 or 503.
			if got := bulkIDs(f); len(got) != 1 {
				t.Errorf("%d: bulks = %v, want one request", status, got)
			}
			for i, o := range out {
				if o.Retry == nil || o.Stored != nil || o.Rejected != "" {
					t.Errorf("%d: outcome %d = %+v, want Retry", status, i, o)
				}
			}
			if out, calls := applyUntilSettled(t, es, note("a", 1), note("b", 1)); calls != 1 || !out[0].Written || !out[1].Written {
				t.Errorf("%d: the retry took %d calls: %+v", status, calls, out)
			}
		}
	})

	t.Run("an_item_missing_from_the_response_comes_back_with_retry", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		f.truncateBulks = 1
		out := mustApply(t, es, note("a", 1), note("b", 1))
		if got := bulkIDs(f); len(got) != 1 {
			t.Fatalf("bulks = %v, want one round", got)
		}
		if !out[0].Written || out[1].Retry == nil || !strings.Contains(out[1].Retry.Error(), "no result") {
			t.Errorf("outcomes = %+v, want a written and b to retry", out)
		}
	})

	t.Run("a_failed_mget_fails_apply_and_the_retry_reports_what_was_written", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		f.failMgets = 1
		tomb := deletion("gone", 2)
		if out, err := es.Apply(context.Background(), []*models.Note{tomb}); err == nil || out != nil {
			t.Fatalf("Apply = %v, %v; want an error", out, err)
		}
		out := mustApply(t, es, tomb)
		if out[0].Written || !out[0].Stored.Deleted() || out[0].Stored.Version != 2 || out[0].EverApproved {
			t.Errorf("retry = %+v, want the stored tombstone", out[0])
		}
	})

	t.Run("several_workers_split_a_call_and_every_item_is_awaited", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, func(c *ElasticsearchConfig) { c.Workers = 3 })
		var notes []*models.Note
		for i := range 30 {
			notes = append(notes, note(fmt.Sprintf("n%d", i), 1))
		}
		f.statuses["n7"] = []int{429}
		out := mustApply(t, es, notes...)
		if len(f.docs) != 29 {
			t.Fatalf("%d notes written, want 29", len(f.docs))
		}
		for i, o := range out {
			if want := i != 7; o.Written != want || (o.Retry == nil) != want {
				t.Errorf("note %d: %+v, want written %v", i, o, want)
			}
		}
	})

	t.Run("get_returns_the_note_and_not_found_for_tombstones_and_missing_notes", func(t *testing.T) {
		t.Parallel()
		_, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		n := note("n1", 1)
		mustApply(t, es, n, deletion("gone", 2))
		got, err := es.Get(context.Background(), "n1")
		if err != nil {
			t.Fatal(err)
		}
		sameJSON(t, "Get", got, n)
		for _, id := range []string{"gone", "missing"} {
			if _, err := es.Get(context.Background(), id); !errors.Is(err, ErrNotFound) {
				t.Errorf("Get(%s) = %v, want ErrNotFound", id, err)
			}
		}
	})

	t.Run("search_passes_track_total_hits_and_the_total_relation", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		mustApply(t, es, note("n1", 1), note("n2", 1), note("n3", 1))
		tests := []struct {
			track        int
			wantSent     any
			wantTotal    int
			wantRelation string
		}{
			{track: 0, wantSent: float64(models.DefaultTrackTotalHits), wantTotal: 3, wantRelation: models.TotalEqual},
			{track: 2, wantSent: 2.0, wantTotal: 2, wantRelation: models.TotalAtLeast},
			{track: 3, wantSent: 3.0, wantTotal: 3, wantRelation: models.TotalEqual},
			{track: -1, wantSent: true, wantTotal: 3, wantRelation: models.TotalEqual},
		}
		for i, tc := range tests {
			res, err := es.Search(context.Background(), models.SearchQuery{Text: "火锅", Market: "cn", TrackTotalHits: tc.track})
			if err != nil {
				t.Fatal(err)
			}
			if sent := f.searches[i]["track_total_hits"]; sent != tc.wantSent {
				t.Errorf("track %d: sent track_total_hits %v, want %v", tc.track, sent, tc.wantSent)
			}
			if res.Total != tc.wantTotal || res.TotalRelation != tc.wantRelation || len(res.Hits) != 3 {
				t.Errorf("track %d: total %d %q with %d hits, want %d %q with 3", tc.track, res.Total, res.TotalRelation, len(res.Hits), tc.wantTotal, tc.wantRelation)
			}
		}
	})

	t.Run("search_sends_a_bool_query_filtered_on_market_and_live_notes", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		mustApply(t, es, note("n1", 1))
		res, err := es.Search(context.Background(), models.SearchQuery{Text: "火锅 recipes", Market: "cn", Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].Note.NoteID != "n1" || res.Hits[0].Score != 1.5 {
			t.Errorf("result = %+v", res)
		}
		if _, err := es.Search(context.Background(), models.SearchQuery{Offset: 3}); err != nil {
			t.Fatal(err)
		}
		q := f.searches[0]
		if q["size"] != float64(MaxLimit) || q["from"] != 0.0 || q["track_total_hits"] != float64(models.DefaultTrackTotalHits) {
			t.Errorf("paging = %v %v", q["size"], q["from"])
		}
		must, _ := json.Marshal(at(q, "query", "bool", "must"))
		if string(must) != `[{"match":{"all_text":{"operator":"and","query":"火锅 recipes"}}}]` {
			t.Errorf("must = %s", must)
		}
		filter, _ := json.Marshal(at(q, "query", "bool", "filter"))
		if string(filter) != `[{"term":{"deleted":false}},{"term":{"approved_markets":"cn"}}]` {
			t.Errorf("filter = %s", filter)
		}
		all := f.searches[1]
		filter, _ = json.Marshal(at(all, "query", "bool", "filter"))
		if string(filter) != `[{"term":{"deleted":false}},{"term":{"approved":true}}]` || at(all, "query", "bool", "must") != nil ||
			all["size"] != float64(DefaultLimit) || all["from"] != 3.0 {
			t.Errorf("empty query = %v", all)
		}
	})

	t.Run("a_cursor_is_sent_as_search_after_with_the_note_id_tiebreaker_and_no_from", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		mustApply(t, es, note("n1", 1), note("n2", 1))
		res, err := es.Search(context.Background(), models.SearchQuery{Text: "火锅", Offset: 40,
			After: &models.SearchPosition{Score: 1.5, NoteID: "n1"}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 2 || len(res.Hits) != 1 || res.Hits[0].Note.NoteID != "n2" {
			t.Errorf("result = %+v", res)
		}
		q := f.searches[0]
		after, _ := json.Marshal(q["search_after"])
		sort, _ := json.Marshal(q["sort"])
		if string(after) != `[1.5,"n1"]` || string(sort) != `[{"_score":"desc"},{"note_id":"asc"}]` {
			t.Errorf("search_after = %s, sort = %s", after, sort)
		}
		if _, ok := q["from"]; ok {
			t.Errorf("from = %v sent with search_after", q["from"])
		}
	})

	t.Run("credentials_are_sent_but_never_logged", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		var logs bytes.Buffer
		const secret = "s3cr3t-pa55"
		es := openFake(t, srv, func(c *ElasticsearchConfig) {
			c.Username, c.Password = "notegate", secret
			c.Logger = slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		})
		f.statuses["busy"] = []int{429}
		f.failBulks = 1
		if _, calls := applyUntilSettled(t, es, unapproved(note("busy", 1))); calls != 3 {
			t.Errorf("%d calls, want 3: a failed request, a 429, the write", calls)
		}
		es.log.Info("config", "config", es.cfg)
		for _, h := range f.auth {
			if !strings.HasPrefix(h, "Basic ") {
				t.Fatalf("Authorization = %q", h)
			}
		}
		if len(f.mgets) != 1 {
			t.Errorf("%d mgets, want 1 (sent with the credentials too)", len(f.mgets))
		}
		if strings.Contains(logs.String(), secret) || !strings.Contains(logs.String(), "[redacted]") {
			t.Errorf("logs = %s", logs.String())
		}
	})
}

func TestElasticsearchConfigValidate(t *testing.T) {
	t.Parallel()
	zero := 0
	tests := []struct {
		name    string
		cfg     ElasticsearchConfig
		wantErr string
	}{
		{"the_zero_config_is_valid", ElasticsearchConfig{}, ""},
		{"zero_replicas_can_be_asked_for", ElasticsearchConfig{Replicas: &zero}, ""},
		{"credentials_in_a_url_are_refused_without_echoing_them", ElasticsearchConfig{URLs: []string{"https://u:hunter2@es:9200"}}, "holds credentials"},
		{"a_url_without_scheme_is_refused", ElasticsearchConfig{URLs: []string{"es:9200"}}, "not an http(s) URL"},
		{"api_key_and_password_together_are_refused", ElasticsearchConfig{Username: "u", Password: "p", APIKey: "k"}, "not both"},
		{"a_password_without_username_is_refused", ElasticsearchConfig{Password: "p"}, "password without username"},
		{"an_uppercase_alias_is_refused", ElasticsearchConfig{Alias: "Notes"}, "alias"},
		{"an_unknown_refresh_is_refused", ElasticsearchConfig{Refresh: "sometimes"}, "refresh"},
		{"negative_workers_are_refused", ElasticsearchConfig{Workers: -1}, "workers is negative"},
		{"the_ignored_retry_settings_of_older_files_still_load", ElasticsearchConfig{MaxRetries: 5, RetryBackoff: time.Minute, MaxRetryBackoff: time.Second}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.cfg.Validate()
			switch {
			case tc.wantErr == "" && err != nil:
				t.Fatalf("Validate = %v", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Fatalf("Validate = %v, want %q", err, tc.wantErr)
			case err != nil && strings.Contains(err.Error(), "hunter2"):
				t.Fatalf("Validate echoes the password: %v", err)
			}
		})
	}
}

func TestEmbeddedConfigValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		cfg     EmbeddedConfig
		wantErr bool
	}{
		{"a_dir_is_enough", EmbeddedConfig{Dir: "x"}, false},
		{"a_missing_dir_is_refused", EmbeddedConfig{}, true},
		{"a_negative_batch_size_is_refused", EmbeddedConfig{Dir: "x", BatchSize: -1}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if err := tc.cfg.Validate(); (err != nil) != tc.wantErr {
				t.Fatalf("Validate = %v", err)
			}
		})
	}
}
