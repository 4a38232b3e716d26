package index

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
)

// fakeES answers the few Elasticsearch endpoints the index uses, records
// what it was sent, and answers bulk items from a per-id script. It checks
// the protocol we speak, not Elasticsearch's behaviour.
type fakeES struct {
	t *testing.T

	mu          sync.Mutex
	aliasExists bool
	template    map[string]any
	created     map[string]any
	createdName string
	bulks       []fakeBulk
	searches    []map[string]any
	auth        []string
	// script maps a note id to the statuses its successive bulk items get;
	// when it runs out, items get 201.
	script map[string][]int
	// createStatus and createError, when set, answer index creation;
	// aliasAfterCreate is whether the alias then exists.
	createStatus     int
	createError      string
	aliasAfterCreate bool
	// failBulks is how many bulk requests to answer 500 before any item.
	failBulks int
	docs      map[string]json.RawMessage
}

type fakeBulk struct {
	query string
	lines []fakeBulkLine
}

type fakeBulkLine struct {
	meta   map[string]map[string]any
	source map[string]any
}

func newFakeES(t *testing.T) (*fakeES, *httptest.Server) {
	f := &fakeES{t: t, script: map[string][]int{}, docs: map[string]json.RawMessage{}}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)
	return f, srv
}

func (f *fakeES) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	w.Header().Set("X-Elastic-Product", "Elasticsearch")
	w.Header().Set("Content-Type", "application/json")
	f.auth = append(f.auth, r.Header.Get("Authorization"))
	body, _ := io.ReadAll(r.Body)
	path := strings.Trim(r.URL.Path, "/")
	parts := strings.Split(path, "/")
	switch {
	case r.Method == http.MethodPut && parts[0] == "_index_template":
		f.template = decodeObject(f.t, body)
		fmt.Fprint(w, `{"acknowledged":true}`)
	case r.Method == http.MethodHead && parts[0] == "_alias":
		if !f.aliasExists {
			w.WriteHeader(http.StatusNotFound)
		}
	case r.Method == http.MethodPut && len(parts) == 1 && f.createStatus != 0:
		f.aliasExists = f.aliasAfterCreate
		w.WriteHeader(f.createStatus)
		fmt.Fprintf(w, `{"error":{"type":%q,"reason":"scripted"},"status":%d}`, f.createError, f.createStatus)
	case r.Method == http.MethodPut && len(parts) == 1:
		f.created, f.createdName = decodeObject(f.t, body), parts[0]
		f.aliasExists = true
		fmt.Fprintf(w, `{"acknowledged":true,"index":%q}`, parts[0])
	case r.Method == http.MethodPost && len(parts) == 2 && parts[1] == "_bulk":
		f.serveBulk(w, r, body)
	case r.Method == http.MethodGet && len(parts) == 3 && parts[1] == "_doc":
		src, ok := f.docs[parts[2]]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprintf(w, `{"_index":"x","_id":%q,"found":false}`, parts[2])
			return
		}
		fmt.Fprintf(w, `{"_index":"x","_id":%q,"found":true,"_source":%s}`, parts[2], src)
	case (r.Method == http.MethodPost || r.Method == http.MethodGet) && len(parts) == 2 && parts[1] == "_search":
		f.searches = append(f.searches, decodeObject(f.t, body))
		var hits []string
		for id, src := range f.docs {
			hits = append(hits, fmt.Sprintf(`{"_id":%q,"_score":1.5,"_source":%s}`, id, src))
		}
		fmt.Fprintf(w, `{"hits":{"total":{"value":%d,"relation":"eq"},"hits":[%s]}}`, len(hits), strings.Join(hits, ","))
	default:
		f.t.Errorf("unexpected request %s %s", r.Method, r.URL)
		w.WriteHeader(http.StatusBadRequest)
	}
}

func (f *fakeES) serveBulk(w http.ResponseWriter, r *http.Request, body []byte) {
	bulk := fakeBulk{query: r.URL.RawQuery}
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var line fakeBulkLine
		if err := json.Unmarshal(sc.Bytes(), &line.meta); err != nil {
			f.t.Errorf("bulk meta line %q: %v", sc.Text(), err)
		}
		if !sc.Scan() {
			f.t.Errorf("bulk meta line without source")
			break
		}
		line.source = decodeObject(f.t, sc.Bytes())
		bulk.lines = append(bulk.lines, line)
	}
	f.bulks = append(f.bulks, bulk)
	if f.failBulks > 0 {
		f.failBulks--
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, `{"error":{"type":"internal"},"status":500}`)
		return
	}
	var items []string
	for _, line := range bulk.lines {
		id, _ := line.meta["index"]["_id"].(string)
		status := http.StatusCreated
		if s := f.script[id]; len(s) > 0 {
			status, f.script[id] = s[0], s[1:]
		}
		if status < 300 {
			src, _ := json.Marshal(line.source)
			f.docs[id] = src
			items = append(items, fmt.Sprintf(`{"index":{"_id":%q,"status":%d,"result":"created"}}`, id, status))
			continue
		}
		items = append(items, fmt.Sprintf(`{"index":{"_id":%q,"status":%d,"error":{"type":"scripted_%d","reason":"scripted"}}}`, id, status, status))
	}
	fmt.Fprintf(w, `{"took":1,"errors":true,"items":[%s]}`, strings.Join(items, ","))
}

func decodeObject(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Errorf("body %q: %v", b, err)
	}
	return m
}

// at walks a decoded JSON object along keys.
func at(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func openFake(t *testing.T, srv *httptest.Server, mutate func(*ElasticsearchConfig)) *Elasticsearch {
	t.Helper()
	cfg := ElasticsearchConfig{
		URLs:            []string{srv.URL},
		Alias:           "nt",
		RetryBackoff:    time.Millisecond,
		MaxRetryBackoff: 4 * time.Millisecond,
		MaxRetries:      2,
		Workers:         1, // one bulk request per round, so requests can be counted
		Logger:          slog.New(slog.NewTextHandler(io.Discard, nil)),
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

func deletion(id string, version int64) *models.Note {
	return &models.Note{NoteEvent: models.NoteEvent{Type: models.EventDeleted, NoteID: id, Version: version}}
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

	t.Run("bulk_lines_carry_the_note_version_with_version_type_external", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, func(c *ElasticsearchConfig) { c.Refresh = "wait_for" })
		if err := es.Apply(context.Background(), []*models.Note{note("n1", 3), deletion("n2", 5)}); err != nil {
			t.Fatal(err)
		}
		if len(f.bulks) != 1 || len(f.bulks[0].lines) != 2 {
			t.Fatalf("bulks = %+v", f.bulks)
		}
		b := f.bulks[0]
		if !strings.Contains(b.query, "require_alias=true") || !strings.Contains(b.query, "refresh=wait_for") {
			t.Errorf("bulk query %q", b.query)
		}
		wantMeta := []string{fmt.Sprintf(`{"index":{"_id":"n1","version":%d,"version_type":"external"}}`, 3<<models.RevisionBits), fmt.Sprintf(`{"index":{"_id":"n2","version":%d,"version_type":"external"}}`, 5<<models.RevisionBits)}
		for i, line := range b.lines {
			got, _ := json.Marshal(line.meta)
			if string(got) != wantMeta[i] {
				t.Errorf("meta %d = %s, want %s", i, got, wantMeta[i])
			}
		}
		up, tomb := b.lines[0].source, b.lines[1].source
		if up["deleted"] != false || at(up, "note", "note_id") != "n1" || fmt.Sprint(up["approved_markets"]) != "[cn]" ||
			fmt.Sprint(up["translations"]) != "[Hotpot Sichuan hotpot]" || at(up, "language", "code") != "zh" {
			t.Errorf("upsert source = %v", up)
		}
		if tomb["deleted"] != true || tomb["note_id"] != "n2" || tomb["version"] != 5.0 || tomb["note"] != nil {
			t.Errorf("tombstone source = %v", tomb)
		}
	})

	t.Run("only_the_greatest_version_of_a_note_in_one_call_is_sent", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		if err := es.Apply(context.Background(), []*models.Note{note("n1", 2), note("n1", 7), deletion("n1", 4)}); err != nil {
			t.Fatal(err)
		}
		if len(f.bulks) != 1 || len(f.bulks[0].lines) != 1 || f.bulks[0].lines[0].meta["index"]["version"] != float64(7<<models.RevisionBits) {
			t.Fatalf("bulks = %+v", f.bulks)
		}
	})

	t.Run("a_409_version_conflict_counts_as_written", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		f.script["stale"] = []int{http.StatusConflict}
		if err := es.Apply(context.Background(), []*models.Note{note("stale", 1), note("fresh", 1)}); err != nil {
			t.Fatalf("Apply = %v, want nil", err)
		}
		if len(f.bulks) != 1 {
			t.Fatalf("%d bulk requests, want 1 (no resend)", len(f.bulks))
		}
	})

	t.Run("items_answered_429_are_resent_alone_until_written", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		// More 429s than MaxRetries: throttling never exhausts the budget.
		f.script["busy"] = []int{429, 429, 429, 429, 201}
		if err := es.Apply(context.Background(), []*models.Note{note("busy", 1), note("calm", 1)}); err != nil {
			t.Fatalf("Apply = %v", err)
		}
		if len(f.bulks) != 5 {
			t.Fatalf("%d bulk requests, want 5", len(f.bulks))
		}
		for i, b := range f.bulks[1:] {
			if len(b.lines) != 1 || b.lines[0].meta["index"]["_id"] != "busy" {
				t.Errorf("resend %d = %+v, want busy alone", i, b.lines)
			}
		}
		if _, ok := f.docs["busy"]; !ok {
			t.Error("busy never written")
		}
	})

	t.Run("429_is_resent_until_the_context_ends_and_then_apply_fails", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		f.script["busy"] = []int{429, 429, 429, 429, 429, 429, 429, 429, 429, 429, 429, 429, 429, 429, 429, 429}
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			for {
				f.mu.Lock()
				n := len(f.bulks)
				f.mu.Unlock()
				if n >= 6 {
					cancel()
					return
				}
				time.Sleep(time.Millisecond)
			}
		}()
		err := es.Apply(ctx, []*models.Note{note("busy", 1)})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Apply = %v, want context.Canceled", err)
		}
	})

	t.Run("other_item_failures_are_resent_then_apply_gives_up", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		f.script["down"] = []int{503, 503, 503, 503, 503}
		err := es.Apply(context.Background(), []*models.Note{note("down", 1), note("up", 1)})
		if err == nil || errors.Is(err, ErrRejected) {
			t.Fatalf("Apply = %v, want a retryable error", err)
		}
		if len(f.bulks) != 3 { // first try and MaxRetries resends
			t.Fatalf("%d bulk requests, want 3", len(f.bulks))
		}
		if _, ok := f.docs["up"]; !ok {
			t.Error("up not written")
		}
	})

	t.Run("a_400_is_rejected_without_resend_and_the_others_written", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		f.script["bad"] = []int{400}
		err := es.Apply(context.Background(), []*models.Note{note("bad", 1), note("good", 1)})
		if !errors.Is(err, ErrRejected) || !strings.Contains(err.Error(), "bad") {
			t.Fatalf("Apply = %v, want ErrRejected naming bad", err)
		}
		if len(f.bulks) != 1 {
			t.Fatalf("%d bulk requests, want 1", len(f.bulks))
		}
	})

	t.Run("a_failed_bulk_request_is_resent_whole", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		f.failBulks = 1
		if err := es.Apply(context.Background(), []*models.Note{note("a", 1), note("b", 1)}); err != nil {
			t.Fatal(err)
		}
		if len(f.bulks) != 2 || len(f.bulks[1].lines) != 2 {
			t.Fatalf("bulks = %+v", f.bulks)
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
		f.script["n7"] = []int{429}
		if err := es.Apply(context.Background(), notes); err != nil {
			t.Fatal(err)
		}
		if len(f.docs) != 30 {
			t.Fatalf("%d notes written, want 30", len(f.docs))
		}
	})

	t.Run("get_returns_the_note_and_not_found_for_tombstones_and_missing_notes", func(t *testing.T) {
		t.Parallel()
		_, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		n := note("n1", 1)
		if err := es.Apply(context.Background(), []*models.Note{n, deletion("gone", 2)}); err != nil {
			t.Fatal(err)
		}
		got, err := es.Get(context.Background(), "n1")
		if err != nil {
			t.Fatal(err)
		}
		g, _ := json.Marshal(got)
		w, _ := json.Marshal(n)
		if string(g) != string(w) {
			t.Errorf("Get = %s, want %s", g, w)
		}
		for _, id := range []string{"gone", "missing"} {
			if _, err := es.Get(context.Background(), id); !errors.Is(err, ErrNotFound) {
				t.Errorf("Get(%s) = %v, want ErrNotFound", id, err)
			}
		}
	})

	t.Run("search_sends_a_bool_query_filtered_on_market_and_live_notes", func(t *testing.T) {
		t.Parallel()
		f, srv := newFakeES(t)
		es := openFake(t, srv, nil)
		if err := es.Apply(context.Background(), []*models.Note{note("n1", 1)}); err != nil {
			t.Fatal(err)
		}
		res, err := es.Search(context.Background(), models.SearchQuery{Text: "火锅 recipes", Market: "intl", Limit: 500, Offset: 3})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 1 || len(res.Hits) != 1 || res.Hits[0].Note.NoteID != "n1" || res.Hits[0].Score != 1.5 {
			t.Errorf("result = %+v", res)
		}
		if _, err := es.Search(context.Background(), models.SearchQuery{}); err != nil {
			t.Fatal(err)
		}
		q := f.searches[0]
		if q["size"] != float64(MaxLimit) || q["from"] != 3.0 || q["track_total_hits"] != true {
			t.Errorf("paging = %v %v", q["size"], q["from"])
		}
		must, _ := json.Marshal(at(q, "query", "bool", "must"))
		if string(must) != `[{"match":{"all_text":{"operator":"and","query":"火锅 recipes"}}}]` {
			t.Errorf("must = %s", must)
		}
		filter, _ := json.Marshal(at(q, "query", "bool", "filter"))
		if string(filter) != `[{"term":{"deleted":false}},{"term":{"approved_markets":"intl"}}]` {
			t.Errorf("filter = %s", filter)
		}
		all := f.searches[1]
		filter, _ = json.Marshal(at(all, "query", "bool", "filter"))
		if string(filter) != `[{"term":{"deleted":false}},{"term":{"approved":true}}]` || at(all, "query", "bool", "must") != nil || all["size"] != float64(DefaultLimit) {
			t.Errorf("empty query = %v", all)
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
		f.script["busy"] = []int{429}
		f.failBulks = 1
		if err := es.Apply(context.Background(), []*models.Note{note("busy", 1)}); err != nil {
			t.Fatal(err)
		}
		es.log.Info("config", "config", es.cfg)
		for _, h := range f.auth {
			if !strings.HasPrefix(h, "Basic ") {
				t.Fatalf("Authorization = %q", h)
			}
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
		{"a_backoff_above_its_cap_is_refused", ElasticsearchConfig{RetryBackoff: time.Minute, MaxRetryBackoff: time.Second}, "exceeds"},
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
