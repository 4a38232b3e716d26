package index

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
)

// fakeES answers the Elasticsearch endpoints the index uses and records
// what it was sent. It checks our side of the protocol strictly (every bulk
// item is a scripted upsert of esUpsertScript with well-formed params) and
// emulates the cluster's side closely enough for the write cases of the
// conformance suite:
//   - _bulk runs esUpsertScript's comparison in Go on the params and the
//     stored source, and answers each item as Elasticsearch 8 does:
//     "created" 201, "updated" 200, or "noop" 200 with no shard copies;
//   - _mget (by ids, or by docs, each with its own _source fields) and
//     _doc return the stored sources, filtered to the fields asked for;
//   - _search evaluates term filters exactly but matches text as whole
//     lowercase words of title, body, tags and translations, with no
//     stemming and no CJK bigrams.
//
// Numbers in sources are kept as json.Number, so versions up to 2^63-1
// round-trip exactly, as Elasticsearch's longs do.
type fakeES struct {
	t *testing.T

	mu          sync.Mutex
	aliasExists bool
	template    map[string]any
	created     map[string]any
	createdName string
	bulks       []fakeBulk
	mgets       []fakeMget
	searches    []map[string]any
	auth        []string
	// statuses maps a note id to the statuses its successive bulk items
	// get; an error status answers the item without running the script, a
	// 2xx one runs it. When the list runs out, items run the script.
	statuses map[string][]int
	// createStatus and createError, when set, answer index creation;
	// aliasAfterCreate is whether the alias then exists.
	createStatus     int
	createError      string
	aliasAfterCreate bool
	// failBulks is how many bulk requests to answer failBulkStatus (500
	// when zero) before any item; truncateBulks how many to answer without
	// their last item, which is then not applied either; failMgets how
	// many _mget requests to answer 500.
	failBulks      int
	failBulkStatus int
	truncateBulks  int
	failMgets      int
	// highlights, when set, holds the highlight section _search answers
	// for a hit, by id.
	highlights map[string]map[string][]string
	// docs holds each document's source; versions its _version.
	docs     map[string]map[string]any
	versions map[string]int64
	seqNo    int64
}

// fakeIndex is the concrete index behind every alias of the fake.
const fakeIndex = "nt-000001"

type fakeBulk struct {
	query url.Values
	lines []fakeBulkLine
}

// fakeBulkLine is one bulk item: its action and metadata, and its body
// both as sent (numbers as json.Number) and as checked.
type fakeBulkLine struct {
	action string
	meta   map[string]any
	body   map[string]any
	update fakeUpdate
}

// fakeUpdate is the only bulk item body the index may send.
type fakeUpdate struct {
	Script *struct {
		Source string `json:"source"`
		Lang   string `json:"lang"`
		Params *struct {
			Version  json.Number    `json:"version"`
			Revision json.Number    `json:"revision"`
			Approved *bool          `json:"approved"`
			Doc      map[string]any `json:"doc"`
		} `json:"params"`
	} `json:"script"`
	ScriptedUpsert bool           `json:"scripted_upsert"`
	Upsert         map[string]any `json:"upsert"`
}

type fakeMget struct {
	query url.Values
	ids   []string
	// sources holds, by id, the _source fields a doc of the request asked
	// for instead of the query's.
	sources map[string][]string
}

func newFakeES(t *testing.T) (*fakeES, *httptest.Server) {
	f := &fakeES{t: t, statuses: map[string][]int{}, docs: map[string]map[string]any{}, versions: map[string]int64{}}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)
	return f, srv
}

// FakeElasticsearchURL starts a fakeES that lives until t ends and returns
// its URL, for the conformance suite in package index_test. Open it with
// the alias "nt".
func FakeElasticsearchURL(t *testing.T) string {
	_, srv := newFakeES(t)
	return srv.URL
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
	case r.Method == http.MethodPost && len(parts) == 2 && parts[1] == "_mget":
		f.serveMget(w, r, body)
	case r.Method == http.MethodGet && len(parts) == 3 && parts[1] == "_doc":
		src, ok := f.docs[parts[2]]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			f.writeJSON(w, map[string]any{"_index": fakeIndex, "_id": parts[2], "found": false})
			return
		}
		f.writeJSON(w, map[string]any{"_index": fakeIndex, "_id": parts[2], "_version": f.versions[parts[2]], "found": true,
			"_source": filterSource(src, queryList(r.URL.Query(), "_source_includes"))})
	case (r.Method == http.MethodPost || r.Method == http.MethodGet) && len(parts) == 2 && parts[1] == "_search":
		f.serveSearch(w, decodeObject(f.t, body))
	default:
		f.t.Errorf("unexpected request %s %s", r.Method, r.URL)
		w.WriteHeader(http.StatusBadRequest)
	}
}

func (f *fakeES) serveBulk(w http.ResponseWriter, r *http.Request, body []byte) {
	bulk := fakeBulk{query: r.URL.Query()}
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var line fakeBulkLine
		var meta map[string]map[string]any
		if err := json.Unmarshal(sc.Bytes(), &meta); err != nil || len(meta) != 1 {
			f.t.Errorf("bulk meta line %q: want one action (%v)", sc.Text(), err)
		}
		for action, m := range meta {
			line.action, line.meta = action, m
		}
		if !sc.Scan() {
			f.t.Errorf("bulk meta line without a body")
			break
		}
		line.body = decodeNumbers(f.t, sc.Bytes())
		strict := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		strict.UseNumber()
		strict.DisallowUnknownFields()
		if err := strict.Decode(&line.update); err != nil {
			f.t.Errorf("bulk body %s: %v", sc.Bytes(), err)
		}
		bulk.lines = append(bulk.lines, line)
	}
	f.bulks = append(f.bulks, bulk)
	if f.failBulks > 0 {
		f.failBulks--
		status := cmp.Or(f.failBulkStatus, http.StatusInternalServerError)
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"error":{"type":%q},"status":%d}`, fakeErrorType(status), status)
		return
	}
	lines := bulk.lines
	if f.truncateBulks > 0 && len(lines) > 0 {
		f.truncateBulks--
		lines = lines[:len(lines)-1]
	}
	items := make([]any, 0, len(lines))
	hasErrors := false
	for _, line := range lines {
		item := f.bulkItem(line)
		if _, failed := item["error"]; failed {
			hasErrors = true
		}
		items = append(items, map[string]any{line.action: item})
	}
	f.writeJSON(w, map[string]any{"took": 1, "errors": hasErrors, "items": items})
}

// bulkItem checks one bulk line and answers it.
func (f *fakeES) bulkItem(line fakeBulkLine) map[string]any {
	id, _ := line.meta["_id"].(string)
	if reason := f.checkUpsert(id, line); reason != "" {
		f.t.Errorf("bulk item %s: %s", id, reason)
		return fakeItemError(id, http.StatusBadRequest, "x_content_parse_exception", reason)
	}
	if s := f.statuses[id]; len(s) > 0 {
		status := s[0]
		f.statuses[id] = s[1:]
		if status >= 300 {
			return fakeItemError(id, status, fakeErrorType(status), "injected")
		}
	}
	p := line.update.Script.Params
	version, _ := p.Version.Int64()
	revision, _ := p.Revision.Int64()
	result, status := f.runUpsertScript(id, version, revision, *p.Approved, p.Doc)
	f.seqNo++
	shards := map[string]any{"total": 2, "successful": 1, "failed": 0}
	if result == "noop" {
		shards = map[string]any{"total": 0, "successful": 0, "failed": 0}
	}
	return map[string]any{
		"_index": fakeIndex, "_id": id, "_version": f.versions[id], "result": result,
		"_shards": shards, "_seq_no": f.seqNo, "_primary_term": 1, "status": status,
	}
}

// checkUpsert says what is wrong with a bulk line, or returns "".
func (f *fakeES) checkUpsert(id string, line fakeBulkLine) string {
	u := line.update
	switch {
	case line.action != "update":
		return fmt.Sprintf("action %q, want update", line.action)
	case id == "":
		return "no _id"
	case !u.ScriptedUpsert:
		return "scripted_upsert is not true"
	case u.Upsert == nil || len(u.Upsert) != 0:
		return fmt.Sprintf("upsert = %v, want an empty document", u.Upsert)
	case u.Script == nil || u.Script.Source != esUpsertScript || u.Script.Lang != "painless":
		return "the script is not esUpsertScript in painless"
	case u.Script.Params == nil || u.Script.Params.Approved == nil || u.Script.Params.Doc == nil:
		return "params lack approved or doc"
	}
	p := u.Script.Params
	version, err1 := p.Version.Int64()
	revision, err2 := p.Revision.Int64()
	if err1 != nil || err2 != nil {
		return fmt.Sprintf("params version %q revision %q are not longs", p.Version, p.Revision)
	}
	// The script compares the next note with the fields of this doc, so
	// they must be the params'.
	if dv, dr := p.Doc["version"], p.Doc["revision"]; dv != json.Number(fmt.Sprint(version)) || dr != json.Number(fmt.Sprint(revision)) {
		return fmt.Sprintf("doc version %v revision %v differ from params %d %d", dv, dr, version, revision)
	}
	if p.Doc["note_id"] != id {
		return fmt.Sprintf("doc note_id %v", p.Doc["note_id"])
	}
	if _, ok := p.Doc["ever_approved"]; ok {
		return "doc sets ever_approved, which is the script's"
	}
	return ""
}

// runUpsertScript is esUpsertScript in Go: the document is replaced only
// by a strictly newer (version, revision), ever_approved is sticky, and
// an earlier first_seen_ns and first_seen_at are kept (also in the note
// and queued_at of a live document).
// A document without revision or ever_approved is one written with
// external versions: its revision is its note's, and it counts as
// approved.
func (f *fakeES) runUpsertScript(id string, version, revision int64, approved bool, doc map[string]any) (result string, status int) {
	stored, exists := f.docs[id]
	sv := stored["version"]
	if sv != nil {
		sr := stored["revision"]
		if note, ok := stored["note"].(map[string]any); sr == nil && ok {
			sr = note["revision"]
		}
		v, r := f.long(sv), int64(0)
		if sr != nil {
			r = f.long(sr)
		}
		if !(version > v || version == v && revision > r) {
			return "noop", http.StatusOK
		}
	}
	ea, hasFlag := stored["ever_approved"]
	ever := approved || sv != nil && (!hasFlag || ea == nil || ea == true)
	next := maps.Clone(doc)
	next["ever_approved"] = ever
	fs, fsAt := stored["first_seen_ns"], stored["first_seen_at"]
	if pf := next["first_seen_ns"]; fs != nil && fsAt != nil && (pf == nil || f.long(fs) < f.long(pf)) {
		next["first_seen_ns"], next["first_seen_at"] = fs, fsAt
		if note, ok := next["note"].(map[string]any); ok {
			kept := maps.Clone(note)
			kept["first_seen_at"] = fsAt
			next["note"], next["queued_at"] = kept, fsAt
		}
	}
	f.docs[id] = next
	f.versions[id]++
	if exists {
		return "updated", http.StatusOK
	}
	return "created", http.StatusCreated
}

// long is a source number as a Java long.
func (f *fakeES) long(v any) int64 {
	n, ok := v.(json.Number)
	if !ok {
		f.t.Errorf("source number %v (%T) is not exact", v, v)
		return 0
	}
	i, err := n.Int64()
	if err != nil {
		f.t.Errorf("source number %s is not a long: %v", n, err)
	}
	return i
}

func fakeItemError(id string, status int, typ, reason string) map[string]any {
	return map[string]any{
		"_index": fakeIndex, "_id": id, "status": status,
		"error": map[string]any{"type": typ, "reason": reason, "index": fakeIndex, "shard": "0"},
	}
}

func fakeErrorType(status int) string {
	switch status {
	case http.StatusBadRequest:
		return "document_parsing_exception"
	case http.StatusConflict:
		return "version_conflict_engine_exception"
	case http.StatusTooManyRequests:
		return "es_rejected_execution_exception"
	case http.StatusServiceUnavailable:
		return "unavailable_shards_exception"
	}
	return fmt.Sprintf("injected_%d", status)
}

func (f *fakeES) serveMget(w http.ResponseWriter, r *http.Request, body []byte) {
	var req struct {
		IDs  []string `json:"ids"`
		Docs []struct {
			ID     string   `json:"_id"`
			Source []string `json:"_source"`
		} `json:"docs"`
	}
	if err := json.Unmarshal(body, &req); err != nil || (len(req.IDs) == 0) == (len(req.Docs) == 0) {
		f.t.Errorf("mget body %s: want ids or docs (%v)", body, err)
	}
	sources := map[string][]string{}
	for _, d := range req.Docs {
		req.IDs = append(req.IDs, d.ID)
		if d.Source != nil {
			sources[d.ID] = d.Source
		}
	}
	f.mgets = append(f.mgets, fakeMget{query: r.URL.Query(), ids: req.IDs, sources: sources})
	if f.failMgets > 0 {
		f.failMgets--
		w.WriteHeader(http.StatusInternalServerError)
		fmt.Fprint(w, `{"error":{"type":"internal"},"status":500}`)
		return
	}
	includes := queryList(r.URL.Query(), "_source_includes")
	docs := make([]any, 0, len(req.IDs))
	for _, id := range req.IDs {
		src, ok := f.docs[id]
		if !ok {
			docs = append(docs, map[string]any{"_index": fakeIndex, "_id": id, "found": false})
			continue
		}
		fields := includes
		if own, ok := sources[id]; ok {
			fields = own
		}
		docs = append(docs, map[string]any{"_index": fakeIndex, "_id": id, "_version": f.versions[id],
			"_seq_no": f.seqNo, "_primary_term": 1, "found": true, "_source": filterSource(src, fields)})
	}
	f.writeJSON(w, map[string]any{"docs": docs})
}

func (f *fakeES) serveSearch(w http.ResponseWriter, q map[string]any) {
	f.searches = append(f.searches, q)
	boolQuery := at(q, "query", "bool")
	filters, _ := at(boolQuery, "filter").([]any)
	musts, _ := at(boolQuery, "must").([]any)
	var matched []string
	for _, id := range slices.Sorted(maps.Keys(f.docs)) {
		if f.matches(f.docs[id], filters, musts) {
			matched = append(matched, id)
		}
	}
	total := len(matched)
	from, _ := q["from"].(float64)
	size, _ := q["size"].(float64)
	// Every hit scores 1.5, so the order is the note ids' (the second
	// sort key), and search_after keeps the ids after its second value.
	if after, ok := q["search_after"].([]any); ok {
		if _, has := q["from"]; has || len(after) != 2 {
			f.t.Errorf("search_after %v with from %v: Elasticsearch refuses it", after, q["from"])
		}
		last, _ := after[1].(string)
		i, _ := slices.BinarySearch(matched, last)
		if i < len(matched) && matched[i] == last {
			i++
		}
		matched, from = matched[i:], 0
	}
	includes := []string{}
	if src, ok := q["_source"].([]any); ok {
		for _, s := range src {
			includes = append(includes, fmt.Sprint(s))
		}
	}
	hits := []any{}
	for i := int(from); i < len(matched) && i < int(from+size); i++ {
		hit := map[string]any{"_index": fakeIndex, "_id": matched[i], "_score": 1.5,
			"_source": filterSource(f.docs[matched[i]], includes), "sort": []any{1.5, matched[i]}}
		if h, ok := f.highlights[matched[i]]; ok {
			hit["highlight"] = h
		}
		hits = append(hits, hit)
	}
	// As Elasticsearch counts: exactly up to a numeric track_total_hits,
	// then that many and "gte".
	relation := "eq"
	if track, ok := q["track_total_hits"].(float64); ok && total > int(track) {
		total, relation = int(track), "gte"
	}
	f.writeJSON(w, map[string]any{"took": 1, "timed_out": false,
		"hits": map[string]any{"total": map[string]any{"value": total, "relation": relation}, "hits": hits}})
}

// matches evaluates term filters and all-words match clauses on src.
func (f *fakeES) matches(src map[string]any, filters, musts []any) bool {
	for _, fl := range filters {
		term, ok := at(fl, "term").(map[string]any)
		if !ok {
			f.t.Errorf("fake cannot evaluate filter %v", fl)
			return false
		}
		for field, want := range term {
			if !termMatches(src[field], want) {
				return false
			}
		}
	}
	for _, m := range musts {
		text, ok := at(m, "match", esAllField, "query").(string)
		if !ok || at(m, "match", esAllField, "operator") != "and" {
			f.t.Errorf("fake cannot evaluate query %v", m)
			return false
		}
		words := map[string]bool{}
		for _, field := range []string{"title", "body", "tags", "translations"} {
			texts, _ := src[field].([]any)
			if s, ok := src[field].(string); ok {
				texts = []any{s}
			}
			for _, text := range texts {
				for _, w := range fakeWords(fmt.Sprint(text)) {
					words[w] = true
				}
			}
		}
		for _, w := range fakeWords(text) {
			if !words[w] {
				return false
			}
		}
	}
	return true
}

func termMatches(v, want any) bool {
	if list, ok := v.([]any); ok {
		return slices.ContainsFunc(list, func(e any) bool { return termMatches(e, want) })
	}
	return v != nil && fmt.Sprint(v) == fmt.Sprint(want)
}

// fakeWords splits s into lowercase runs of letters and digits.
func fakeWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// filterSource keeps the top-level fields of src named in includes, or
// all of them when includes is empty.
func filterSource(src map[string]any, includes []string) map[string]any {
	if len(includes) == 0 {
		return src
	}
	out := map[string]any{}
	for _, k := range includes {
		if v, ok := src[k]; ok {
			out[k] = v
		}
	}
	return out
}

func queryList(q url.Values, key string) []string {
	if v := q.Get(key); v != "" {
		return strings.Split(v, ",")
	}
	return nil
}

func (f *fakeES) writeJSON(w io.Writer, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		f.t.Errorf("fake response: %v", err)
	}
	_, _ = w.Write(b)
}

func decodeObject(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Errorf("body %q: %v", b, err)
	}
	return m
}

// decodeNumbers decodes a JSON object keeping numbers exact.
func decodeNumbers(t *testing.T, b []byte) map[string]any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var m map[string]any
	if err := d.Decode(&m); err != nil {
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
