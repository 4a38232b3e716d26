// Package indextest is the conformance suite that every index.Index
// implementation must pass.
package indextest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/stages/index"
)

// Factory opens the indexes the suite runs against.
type Factory interface {
	// New opens an empty index that no other test shares, and registers
	// the cleanup of its storage with t. The suite closes the index.
	New(t *testing.T) index.Index
	// Reopen closes old and opens the same storage again, as a restarted
	// process would.
	Reopen(t *testing.T, old index.Index) index.Index
}

// testCase is one case of the suite.
type testCase struct {
	name string
	run  func(t *testing.T, f Factory)
}

// writeCases check what Apply stores and reports, what Get returns, and
// that both survive a reopen. They search only for whole lowercase words
// of a title or body, or a whole CJK title, and only to check which notes
// are live.
var writeCases = []testCase{
	{"upsert_then_get_returns_the_note_exactly", testUpsertThenGet},
	{"get_of_an_unknown_note_is_not_found", testGetUnknown},
	{"an_empty_batch_is_a_no_op", testEmptyBatch},
	{"higher_version_replaces", testHigherVersionReplaces},
	{"lower_or_equal_version_never_regresses", testNoRegression},
	{"a_revision_updates_its_version_and_a_replay_never_undoes_it", testRevisions},
	{"greatest_version_in_one_call_wins_whatever_its_position", testGreatestInCallWins},
	{"delete_removes_the_note", testDeleteRemoves},
	{"delete_with_a_lower_version_is_ignored", testStaleDeleteIgnored},
	{"older_upsert_after_delete_does_not_resurrect", testNoResurrection},
	{"delete_of_an_unknown_note_leaves_a_tombstone", testTombstoneForUnknown},
	{"newer_upsert_after_delete_restores", testNewerRestores},
	{"replaying_a_whole_call_is_safe", testReplay},
	{"notes_without_id_or_with_a_negative_version_are_rejected_and_the_others_written", testRejected},
	{"apply_reports_written_notes_and_what_is_stored_for_stale_and_duplicate_ones", testOutcomes},
	{"apply_reports_a_tombstone_as_what_is_stored_after_a_deletion", testOutcomeTombstone},
	{"apply_reports_whether_the_note_was_ever_approved", testEverApproved},
	{"the_earliest_first_seen_time_of_an_id_is_kept_through_versions_revisions_replays_and_deletions", testFirstSeen},
	{"versions_up_to_2^63-1_index_replay_and_delete_in_order", testHugeVersions},
	{"concurrent_apply_from_several_goroutines_keeps_the_greatest_versions", testConcurrentApply},
	{"reopen_preserves_notes_versions_and_tombstones", testReopen},
}

// searchCases check the analysis, filters, ranking and paging of Search
// and Queue, and the review desk's context: Thread and Author.
var searchCases = []testCase{
	{"search_finds_English_by_stemmed_word", testEnglishStemming},
	{"search_finds_Chinese_Simplified_and_Traditional_by_substring_words", testChineseSubstrings},
	{"English_query_finds_a_Chinese_note_through_its_en_translation", testTranslationSearch},
	{"search_finds_both_scripts_of_a_code_mixed_note_and_full_width_latin", testMixedScripts},
	{"search_matches_tags", testTags},
	{"search_requires_every_query_word", testEveryWord},
	{"market_filter_keeps_notes_approved_in_the_market", testMarketFilter},
	{"review_and_blocked_notes_are_not_searchable_but_get_returns_them", testReviewBlocked},
	{"deleted_notes_are_never_in_search", testDeletedNotInSearch},
	{"limit_defaults_caps_and_offset_pages_without_overlap", testPaging},
	{"review_queue_lists_notes_in_review_filtered_and_by_priority", testQueue},
	{"thread_lists_a_notes_live_comments_newest_first_whatever_their_decisions", testThread},
	{"author_lists_recent_notes_and_counts_decisions_per_market", testAuthor},
}

// Run runs the whole suite, which every implementation must pass; every
// case gets an index of its own and runs in parallel with the others.
func Run(t *testing.T, f Factory) {
	t.Helper()
	run(t, f, writeCases, searchCases, syntaxCases, pagingCases)
}

// RunWrites runs only the cases about writing and reading notes back:
// the version order, deletions and tombstones, Apply's outcomes, huge
// versions, concurrent calls and reopening. It is for test doubles of a
// backend whose text analysis cannot be reproduced (a fake Elasticsearch):
// they must match whole words of the title and body, and filter on
// deletion and approval. It is no substitute for Run.
func RunWrites(t *testing.T, f Factory) {
	t.Helper()
	run(t, f, writeCases)
}

func run(t *testing.T, f Factory, sets ...[]testCase) {
	t.Helper()
	for _, cases := range sets {
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				c.run(t, f)
			})
		}
	}
}

// open returns a new index that is closed when the test ends.
func open(t *testing.T, f Factory) index.Index {
	t.Helper()
	idx := f.New(t)
	t.Cleanup(func() { _ = idx.Close() })
	return idx
}

func apply(t *testing.T, idx index.Index, notes ...*models.Note) []pipeline.Applied {
	t.Helper()
	out, err := applySettled(context.Background(), idx, notes)
	if err != nil {
		t.Fatalf("Apply: %v", err)
	}
	for i, a := range out {
		if a.Rejected == "" && a.Stored == nil {
			t.Fatalf("outcome %d has neither a stored note nor a rejection", i)
		}
	}
	return out
}

// maxRetryCalls bounds how often applySettled gives notes again.
const maxRetryCalls = 20

// applySettled is the caller's side of the Indexer contract: it applies
// notes and gives again only those answered Retry (a throttled or
// conflicting write in a cluster), until none is. The outcomes it
// returns, one per note in order, are final.
func applySettled(ctx context.Context, idx index.Index, notes []*models.Note) ([]pipeline.Applied, error) {
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
		got, err := idx.Apply(ctx, given)
		if err != nil {
			return nil, err
		}
		if len(got) != len(given) {
			return nil, fmt.Errorf("apply answered %d outcomes for %d notes", len(got), len(given))
		}
		var again []int
		for k, i := range pending {
			out[i] = got[k]
			if got[k].Retry != nil {
				again = append(again, i)
			}
		}
		switch {
		case len(again) == 0:
			return out, nil
		case calls == maxRetryCalls:
			return nil, fmt.Errorf("%d notes still to retry after %d calls: %w", len(again), calls, out[again[0]].Retry)
		}
		pending = again
	}
}

// sameNote fails unless got and want are equal as JSON.
func sameNote(t *testing.T, what string, got, want *models.Note) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Fatalf("%s =\n%s\nwant\n%s", what, g, w)
	}
}

// wantNote fails unless Get returns want, compared as JSON.
func wantNote(t *testing.T, idx index.Index, want *models.Note) {
	t.Helper()
	got, err := idx.Get(context.Background(), want.NoteID)
	if err != nil {
		t.Fatalf("Get(%s): %v", want.NoteID, err)
	}
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Fatalf("Get(%s) =\n%s\nwant\n%s", want.NoteID, g, w)
	}
}

func wantNotFound(t *testing.T, idx index.Index, id string) {
	t.Helper()
	n, err := idx.Get(context.Background(), id)
	if !errors.Is(err, index.ErrNotFound) {
		t.Fatalf("Get(%s) = %v, %v; want ErrNotFound", id, n, err)
	}
}

// visible makes every note applied so far visible to Search, Queue, Thread
// and Author, when idx trails its writes (index.Refresher); the cases call
// it before every read of the search side, as Elasticsearch tests refresh.
// Get needs none: the cases read it right after Apply.
func visible(t *testing.T, idx index.Index) {
	t.Helper()
	if r, ok := idx.(index.Refresher); ok {
		if err := r.Refresh(context.Background()); err != nil {
			t.Fatalf("Refresh: %v", err)
		}
	}
}

func search(t *testing.T, idx index.Index, q models.SearchQuery) models.SearchResult {
	t.Helper()
	visible(t, idx)
	res, err := idx.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("Search(%+v): %v", q, err)
	}
	for _, h := range res.Hits {
		if h.Note == nil {
			t.Fatalf("Search(%+v): hit without note", q)
		}
	}
	return res
}

func ids(res models.SearchResult) []string {
	out := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		out[i] = h.Note.NoteID
	}
	slices.Sort(out)
	return out
}

// wantHits fails unless searching text in market finds exactly want.
func wantHits(t *testing.T, idx index.Index, text, market string, want ...string) {
	t.Helper()
	res := search(t, idx, models.SearchQuery{Text: text, Market: market})
	got := ids(res)
	want = slices.Clone(want)
	slices.Sort(want)
	if !slices.Equal(got, want) || res.Total != len(want) {
		t.Errorf("Search(%q, market %q) = %v (total %d), want %v", text, market, got, res.Total, want)
	}
}

func testUpsertThenGet(t *testing.T, f Factory) {
	idx := open(t, f)
	n := withTags(withTranslation(Note("n1", 1, "zh", "周末火锅推荐", "牛油锅底很香", "cn", "intl"),
		"en", "Weekend hotpot", "The broth is fragrant"), "美食", "food")
	n.Language.Mixed = []models.LanguageShare{{Code: "en", Share: 0.1}}
	n.Moderation.Labels = []models.Label{{Category: models.CategorySpam, Score: 0.2, Source: "lexicon",
		Evidence: []models.Evidence{{Field: "body", Start: 0, End: 6, Text: "牛油"}}}}
	apply(t, idx, n)
	wantNote(t, idx, n)
}

func testGetUnknown(t *testing.T, f Factory) {
	idx := open(t, f)
	wantNotFound(t, idx, "never-indexed")
}

func testEmptyBatch(t *testing.T, f Factory) {
	idx := open(t, f)
	apply(t, idx)
	if res := search(t, idx, models.SearchQuery{}); res.Total != 0 {
		t.Fatalf("empty index has %d notes", res.Total)
	}
}

func testHigherVersionReplaces(t *testing.T, f Factory) {
	idx := open(t, f)
	apply(t, idx, Note("n1", 1, "en", "first draft", "old body", "intl"))
	v2 := Note("n1", 2, "en", "second draft", "new body", "intl")
	apply(t, idx, v2)
	wantNote(t, idx, v2)
	wantHits(t, idx, "new", "intl", "n1")
	wantHits(t, idx, "old", "intl")
}

func testRevisions(t *testing.T, f Factory) {
	idx := open(t, f)
	v1 := Note("n1", 1, "en", "first", "untranslated body", "intl")
	apply(t, idx, v1)
	rev := Note("n1", 1, "en", "first", "body with its translation filled in", "intl")
	rev.Revision = 2
	apply(t, idx, rev)
	wantNote(t, idx, rev)
	// The original event replayed, and an older revision, change nothing.
	older := Note("n1", 1, "en", "first", "revision one", "intl")
	older.Revision = 1
	apply(t, idx, Note("n1", 1, "en", "first", "untranslated body", "intl"), older)
	wantNote(t, idx, rev)
	// A new version wins over any revision of an older one.
	v2 := Note("n1", 2, "en", "second", "edited", "intl")
	apply(t, idx, v2)
	wantNote(t, idx, v2)
	// A deletion of the same version as a revised note wins only if newer.
	del := Deletion("n1", 2)
	apply(t, idx, del)
	wantNote(t, idx, v2)
	apply(t, idx, Deletion("n1", 3))
	wantNotFound(t, idx, "n1")
}

func testNoRegression(t *testing.T, f Factory) {
	tests := []struct {
		name    string
		version int64
	}{
		{"equal_version_is_a_no_op", 5},
		{"lower_version_is_a_no_op", 4},
		{"version_zero_is_a_no_op", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			idx := open(t, f)
			stored := Note("n1", 5, "en", "kept title", "kept body", "intl")
			apply(t, idx, stored)
			apply(t, idx, Note("n1", tc.version, "en", "stale title", "stale body", "intl"))
			wantNote(t, idx, stored)
			wantHits(t, idx, "stale", "intl")
			wantHits(t, idx, "kept", "intl", "n1")
		})
	}
}

func testGreatestInCallWins(t *testing.T, f Factory) {
	idx := open(t, f)
	v3 := Note("n1", 3, "en", "third", "body three", "intl")
	apply(t, idx, Note("n1", 1, "en", "first", "body one", "intl"), v3,
		Note("n1", 2, "en", "second", "body two", "intl"))
	wantNote(t, idx, v3)
	apply(t, idx, Note("n2", 1, "en", "live", "body", "intl"), Deletion("n2", 3),
		Note("n2", 2, "en", "live again", "body", "intl"))
	wantNotFound(t, idx, "n2")
}

func testDeleteRemoves(t *testing.T, f Factory) {
	idx := open(t, f)
	apply(t, idx, Note("n1", 1, "en", "gone soon", "body", "intl"))
	apply(t, idx, Deletion("n1", 2))
	wantNotFound(t, idx, "n1")
	wantHits(t, idx, "gone", "")
}

func testStaleDeleteIgnored(t *testing.T, f Factory) {
	idx := open(t, f)
	n := Note("n1", 5, "en", "still here", "body", "intl")
	apply(t, idx, n)
	apply(t, idx, Deletion("n1", 4))
	apply(t, idx, Deletion("n1", 5))
	wantNote(t, idx, n)
	wantHits(t, idx, "still", "intl", "n1")
}

func testNoResurrection(t *testing.T, f Factory) {
	idx := open(t, f)
	apply(t, idx, Note("n1", 1, "en", "zombie", "body", "intl"))
	apply(t, idx, Deletion("n1", 3))
	apply(t, idx, Note("n1", 2, "en", "zombie", "late body", "intl"))
	apply(t, idx, Note("n1", 3, "en", "zombie", "same version body", "intl"))
	wantNotFound(t, idx, "n1")
	wantHits(t, idx, "zombie", "")
}

func testTombstoneForUnknown(t *testing.T, f Factory) {
	idx := open(t, f)
	apply(t, idx, Deletion("n1", 7))
	apply(t, idx, Note("n1", 6, "en", "zombie", "body", "intl"))
	wantNotFound(t, idx, "n1")
	wantHits(t, idx, "zombie", "")
}

func testNewerRestores(t *testing.T, f Factory) {
	idx := open(t, f)
	apply(t, idx, Note("n1", 1, "en", "phoenix", "body", "intl"))
	apply(t, idx, Deletion("n1", 2))
	back := Note("n1", 3, "en", "phoenix", "risen body", "intl")
	apply(t, idx, back)
	wantNote(t, idx, back)
	wantHits(t, idx, "phoenix", "intl", "n1")
}

func testReplay(t *testing.T, f Factory) {
	idx := open(t, f)
	batch := []*models.Note{
		Note("n1", 2, "en", "alpha", "body", "intl"),
		Deletion("n2", 4),
		Note("n3", 1, "zh", "火锅", "好吃", "cn"),
	}
	for range 3 {
		apply(t, idx, batch...)
	}
	wantNote(t, idx, batch[0])
	wantNotFound(t, idx, "n2")
	wantNote(t, idx, batch[2])
}

func testRejected(t *testing.T, f Factory) {
	idx := open(t, f)
	good := Note("n1", 1, "en", "good", "body", "intl")
	out := apply(t, idx, Note("", 1, "en", "no id", "body", "intl"), nil, good, Note("neg", -1, "en", "negative", "body", "intl"))
	for _, i := range []int{0, 1, 3} {
		if out[i].Rejected == "" || out[i].Written || out[i].Stored != nil {
			t.Errorf("outcome %d = %+v, want a rejection", i, out[i])
		}
	}
	if !out[2].Written || out[2].Rejected != "" {
		t.Errorf("outcome of the good note = %+v, want written", out[2])
	}
	wantNote(t, idx, good)
	wantNotFound(t, idx, "neg")
}

func testOutcomes(t *testing.T, f Factory) {
	idx := open(t, f)
	v2 := Note("n1", 2, "en", "second", "body two", "intl")
	out := apply(t, idx, v2)
	if !out[0].Written {
		t.Fatalf("first write: %+v, want written", out[0])
	}
	sameNote(t, "stored after the first write", out[0].Stored, v2)
	tests := []struct {
		name string
		note *models.Note
	}{
		{"a duplicate", Note("n1", 2, "en", "second", "recomputed differently", "intl")},
		{"an older version", Note("n1", 1, "en", "first", "body one", "intl")},
	}
	for _, tc := range tests {
		out := apply(t, idx, tc.note)
		if out[0].Written {
			t.Errorf("%s was written", tc.name)
		}
		sameNote(t, tc.name+": stored", out[0].Stored, v2)
	}
	// In one call the newest note of an id is written and the others are
	// answered with it.
	v4 := Note("n1", 4, "en", "fourth", "body four", "intl")
	out = apply(t, idx, Note("n1", 3, "en", "third", "body three", "intl"), v4)
	if out[0].Written || !out[1].Written {
		t.Fatalf("one call with versions 3 and 4: %+v", out)
	}
	sameNote(t, "stored for version 3", out[0].Stored, v4)
}

func testOutcomeTombstone(t *testing.T, f Factory) {
	idx := open(t, f)
	apply(t, idx, Note("n1", 1, "en", "soon gone", "body", "intl"))
	out := apply(t, idx, Deletion("n1", 2))
	if !out[0].Written || !out[0].Stored.Deleted() {
		t.Fatalf("deletion: %+v", out[0])
	}
	for _, late := range []*models.Note{Note("n1", 1, "en", "late", "replay", "intl"), Deletion("n1", 2)} {
		out = apply(t, idx, late)
		st := out[0].Stored
		if out[0].Written || st == nil || !st.Deleted() || st.NoteID != "n1" || st.Version != 2 || st.Revision != 0 {
			t.Fatalf("late version %d: %+v (stored %+v), want the tombstone of version 2", late.Version, out[0], st)
		}
	}
	idx = f.Reopen(t, idx)
	t.Cleanup(func() { _ = idx.Close() })
	out = apply(t, idx, Note("n1", 1, "en", "late", "after a restart", "intl"))
	if st := out[0].Stored; out[0].Written || st == nil || !st.Deleted() || st.Version != 2 {
		t.Fatalf("after reopening: %+v, want the tombstone of version 2", out[0])
	}
}

func testEverApproved(t *testing.T, f Factory) {
	idx := open(t, f)
	review := withDecision(Note("n1", 1, "en", "held", "body", "intl"), models.DecisionReview)
	if out := apply(t, idx, review); out[0].EverApproved {
		t.Fatal("a note only ever in review reported as ever approved")
	}
	approved := Note("n1", 2, "en", "shown", "body", "intl")
	if out := apply(t, idx, approved); !out[0].EverApproved {
		t.Fatal("an approved note not reported as ever approved")
	}
	blocked := withDecision(Note("n1", 3, "en", "hidden", "body", "intl"), models.DecisionBlock)
	if out := apply(t, idx, blocked); !out[0].EverApproved {
		t.Fatal("a blocked version of a note that was approved must be reported as ever approved")
	}
	// Replays and restarts keep it.
	idx = f.Reopen(t, idx)
	t.Cleanup(func() { _ = idx.Close() })
	if out := apply(t, idx, review); !out[0].EverApproved || out[0].Written {
		t.Fatalf("replay after reopening: %+v", out[0])
	}
	if out := apply(t, idx, Deletion("n1", 4)); !out[0].EverApproved {
		t.Fatal("the deletion of a note that was approved lost the flag")
	}
	other := withDecision(Note("n2", 1, "en", "never", "body", "intl"), models.DecisionBlock)
	if out := apply(t, idx, other, Deletion("n3", 1)); out[0].EverApproved || out[1].EverApproved {
		t.Fatalf("notes never approved: %+v", out)
	}
}

func testFirstSeen(t *testing.T, f Factory) {
	idx := open(t, f)
	t0 := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	seen := func(version, revision int64, at time.Time) *models.Note {
		n := withDecision(Note("fs", version, "en", "title", "body"), models.DecisionReview)
		n.Revision, n.FirstSeenAt = revision, at
		return n
	}
	expect := func(what string, a pipeline.Applied, written bool, want time.Time) {
		t.Helper()
		if a.Written != written || !a.Stored.FirstSeenAt.Equal(want) {
			t.Errorf("%s: written %v, stored first seen %v; want written %v, %v", what, a.Written, a.Stored.FirstSeenAt, written, want)
		}
		got, err := idx.Get(context.Background(), "fs")
		if err != nil {
			t.Fatalf("%s: Get: %v", what, err)
		}
		if !got.FirstSeenAt.Equal(want) || got.Version != a.Stored.Version || got.Revision != a.Stored.Revision {
			t.Errorf("%s: Get gives version %d.%d first seen %v, want %d.%d first seen %v", what,
				got.Version, got.Revision, got.FirstSeenAt, a.Stored.Version, a.Stored.Revision, want)
		}
	}
	expect("the first version", apply(t, idx, seen(1, 0, t0))[0], true, t0)
	edit := seen(2, 0, t0.Add(time.Hour))
	expect("an edit seen an hour later", apply(t, idx, edit)[0], true, t0)
	if !edit.FirstSeenAt.Equal(t0.Add(time.Hour)) {
		t.Errorf("Apply changed the caller's note: first seen %v", edit.FirstSeenAt)
	}
	expect("a revision without a time", apply(t, idx, seen(2, 1, time.Time{}))[0], true, t0)
	expect("a replay of the first version", apply(t, idx, seen(1, 0, t0.Add(2*time.Hour)))[0], false, t0)
	if out := apply(t, idx, Deletion("fs", 3)); !out[0].Written {
		t.Fatalf("deletion: %+v", out[0])
	}
	idx = f.Reopen(t, idx)
	t.Cleanup(func() { _ = idx.Close() })
	expect("a new version after a deletion and a reopen", apply(t, idx, seen(4, 0, t0.Add(3*time.Hour)))[0], true, t0)
	expect("a version carrying an earlier time", apply(t, idx, seen(5, 0, t0.Add(-time.Hour)))[0], true, t0.Add(-time.Hour))
	// An id without a first-seen time takes the first one it gets.
	other := withDecision(Note("fs-other", 1, "en", "title", "body"), models.DecisionReview)
	if out := apply(t, idx, other); !out[0].Written || !out[0].Stored.FirstSeenAt.IsZero() {
		t.Fatalf("a note without a time: %+v", out[0])
	}
	later := withDecision(Note("fs-other", 2, "en", "title", "body"), models.DecisionReview)
	later.FirstSeenAt = t0
	if out := apply(t, idx, later); !out[0].Written || !out[0].Stored.FirstSeenAt.Equal(t0) {
		t.Fatalf("the first time given: %+v", out[0])
	}
}

func testHugeVersions(t *testing.T, f Factory) {
	versions := []int64{1 << 43, 1 << 62, 1<<63 - 2}
	for _, v := range versions {
		t.Run(fmt.Sprint(v), func(t *testing.T) {
			t.Parallel()
			idx := open(t, f)
			id := fmt.Sprintf("big-%d", v)
			cur := Note(id, v, "en", "huge version", "body one", "intl")
			apply(t, idx, cur)
			wantNote(t, idx, cur)
			// A revision of it, then a replay of the original and of an
			// older version: nothing regresses.
			rev := Note(id, v, "en", "huge version", "body revised", "intl")
			rev.Revision = 3
			if out := apply(t, idx, rev); !out[0].Written {
				t.Fatal("revision 3 not written")
			}
			for _, stale := range []*models.Note{cur, Note(id, v-1, "en", "older", "older body", "intl")} {
				out := apply(t, idx, stale)
				if out[0].Written {
					t.Fatalf("stale version %d revision %d written", stale.Version, stale.Revision)
				}
				sameNote(t, "stored", out[0].Stored, rev)
			}
			wantNote(t, idx, rev)
			wantHits(t, idx, "revised", "intl", id)
			// The next version, then its deletion; a late upsert of the
			// deleted version does not resurrect it.
			next := Note(id, v+1, "en", "huge version", "body next", "intl")
			apply(t, idx, next)
			wantNote(t, idx, next)
			apply(t, idx, Deletion(id, v+1))
			wantNote(t, idx, next) // a deletion of the same version is not newer
			if out := apply(t, idx, Deletion(id, v+1), Note(id, v+1, "en", "x", "y", "intl")); out[0].Written || out[1].Written {
				t.Fatalf("equal versions rewritten: %+v", out)
			}
			idx = f.Reopen(t, idx)
			t.Cleanup(func() { _ = idx.Close() })
			wantNote(t, idx, next)
		})
	}
	t.Run("the_greatest_version_then_deleted", func(t *testing.T) {
		t.Parallel()
		idx := open(t, f)
		const top = 1<<63 - 1
		apply(t, idx, Note("top", top-1, "en", "almost", "body", "intl"))
		apply(t, idx, Deletion("top", top))
		if out := apply(t, idx, Note("top", top-1, "en", "zombie", "late", "intl")); out[0].Written {
			t.Fatal("a late upsert resurrected a note deleted at version 2^63-1")
		}
		wantNotFound(t, idx, "top")
		wantHits(t, idx, "zombie", "")
	})
}

func testEnglishStemming(t *testing.T, f Factory) {
	idx := open(t, f)
	apply(t, idx,
		Note("recipe", 1, "en", "My favourite recipe", "Slow cooked beef with star anise", "intl"),
		Note("hike", 1, "en", "Weekend hiking", "Walked the ridge trails", "intl"))
	tests := []struct{ query, want string }{
		{"recipes", "recipe"},
		{"Recipe", "recipe"},
		{"cooking", "recipe"},
		{"hikes", "hike"},
		{"trail", "hike"},
		{"walking", "hike"},
	}
	for _, tc := range tests {
		wantHits(t, idx, tc.query, "intl", tc.want)
	}
}

func testChineseSubstrings(t *testing.T, f Factory) {
	idx := open(t, f)
	hans := Note("hans", 1, "zh", "成都美食", "周末火锅推荐，毛肚很新鲜", "cn")
	hant := Note("hant", 1, "zh", "臺北美食", "這家火鍋推薦給大家，湯頭很濃", "cn")
	hant.Language.Script = "Hant"
	cat := Note("cat", 1, "zh", "我的猫", "今天它睡了一整天", "cn")
	apply(t, idx, hans, hant, cat)
	tests := []struct {
		query string
		want  []string
	}{
		// Either script finds both: Traditional is folded into
		// Simplified in the note and in the query.
		{"火锅", []string{"hans", "hant"}},
		{"推荐", []string{"hans", "hant"}},
		{"火锅推荐", []string{"hans", "hant"}},
		{"毛肚很新鮮", []string{"hans"}},
		{"毛肚", []string{"hans"}},
		{"火鍋", []string{"hans", "hant"}},
		{"推薦", []string{"hans", "hant"}},
		{"湯頭", []string{"hant"}},
		{"汤头", []string{"hant"}},
		{"台北", []string{"hant"}},
		{"臺北", []string{"hant"}},
		{"美食", []string{"hans", "hant"}},
		{"猫", []string{"cat"}},
		{"一整天", []string{"cat"}},
		{"火锅店", nil},
	}
	for _, tc := range tests {
		wantHits(t, idx, tc.query, "cn", tc.want...)
	}
}

func testTranslationSearch(t *testing.T, f Factory) {
	idx := open(t, f)
	apply(t, idx,
		withTranslation(Note("zh1", 1, "zh", "火锅", "四川火锅推荐", "intl"), "en", "Hotpot", "Sichuan hotpot recommendation"),
		withTranslation(Note("en1", 1, "en", "Sourdough", "My sourdough loaves", "cn"), "zh", "酸面包", "我的酸面包"))
	wantHits(t, idx, "hotpot", "intl", "zh1")
	wantHits(t, idx, "recommendations", "intl", "zh1")
	wantHits(t, idx, "面包", "cn", "en1")
}

func testMixedScripts(t *testing.T, f Factory) {
	idx := open(t, f)
	apply(t, idx, Note("mix", 1, "zh", "新手护肤routine分享", "最近换了skincare routines，早上只用防晒", "cn"))
	for _, q := range []string{"routine", "skincare", "护肤", "防晒", "护肤 routine"} {
		wantHits(t, idx, q, "cn", "mix")
	}
	apply(t, idx, Note("wide", 1, "zh", "ＨＯＴＰＯＴ　ｒｅｃｉｐｅｓ", "全角字母", "cn"))
	wantHits(t, idx, "hotpot recipe", "cn", "wide")
	wantHits(t, idx, "ｒｅｃｉｐｅ", "cn", "wide")
}

func testTags(t *testing.T, f Factory) {
	idx := open(t, f)
	apply(t, idx, withTags(Note("t1", 1, "en", "Sunday", "Nothing to say", "intl"), "baking", "面包"))
	wantHits(t, idx, "baking", "intl", "t1")
	wantHits(t, idx, "面包", "intl", "t1")
}

func testEveryWord(t *testing.T, f Factory) {
	idx := open(t, f)
	apply(t, idx,
		Note("a", 1, "en", "hotpot night", "spicy broth", "intl"),
		Note("b", 1, "en", "pizza night", "thin crust", "intl"))
	wantHits(t, idx, "night", "intl", "a", "b")
	wantHits(t, idx, "hotpot night", "intl", "a")
	wantHits(t, idx, "hotpot pizza", "intl")
	wantHits(t, idx, "spicy night", "intl", "a")
}

func testMarketFilter(t *testing.T, f Factory) {
	idx := open(t, f)
	apply(t, idx,
		Note("cn-only", 1, "zh", "火锅", "只在国内", "cn"),
		Note("both", 1, "zh", "火锅", "两个市场", "cn", "intl"),
		Note("intl-only", 1, "en", "火锅", "abroad", "intl"))
	tests := []struct {
		market string
		want   []string
	}{
		{"intl", []string{"both", "intl-only"}},
		{"cn", []string{"cn-only", "both"}},
		{"", []string{"cn-only", "both", "intl-only"}},
		{"jp", nil},
	}
	for _, tc := range tests {
		wantHits(t, idx, "火锅", tc.market, tc.want...)
	}
}

func testReviewBlocked(t *testing.T, f Factory) {
	idx := open(t, f)
	review := withDecision(Note("review", 1, "en", "questionable deal", "dm me", "cn", "intl"), models.DecisionReview)
	blocked := withDecision(Note("blocked", 1, "en", "questionable spam", "buy now", "cn", "intl"), models.DecisionBlock)
	apply(t, idx, review, blocked, Note("ok", 1, "en", "questionable taste", "fine", "intl"))
	for _, m := range []string{"", "cn", "intl"} {
		want := []string{"ok"}
		if m == "cn" {
			want = nil
		}
		wantHits(t, idx, "questionable", m, want...)
	}
	wantNote(t, idx, review)
	wantNote(t, idx, blocked)
}

func testDeletedNotInSearch(t *testing.T, f Factory) {
	idx := open(t, f)
	apply(t, idx,
		Note("d1", 1, "en", "ephemeral", "body", "cn", "intl"),
		Note("d2", 1, "en", "ephemeral", "body", "cn", "intl"))
	apply(t, idx, Deletion("d1", 2))
	for _, m := range []string{"", "cn", "intl"} {
		wantHits(t, idx, "ephemeral", m, "d2")
	}
	if res := search(t, idx, models.SearchQuery{}); !slices.Equal(ids(res), []string{"d2"}) {
		t.Fatalf("match-all search = %v, want [d2]", ids(res))
	}
}

func testPaging(t *testing.T, f Factory) {
	idx := open(t, f)
	const count = index.MaxLimit + 20
	notes := make([]*models.Note, count)
	for i := range notes {
		notes[i] = Note(fmt.Sprintf("p%03d", i), 1, "en", "paging", fmt.Sprintf("note number %d", i), "intl")
	}
	apply(t, idx, notes...)
	tests := []struct {
		name          string
		limit, offset int
		want          int
	}{
		{"zero_limit_means_default", 0, 0, index.DefaultLimit},
		{"negative_limit_means_default", -3, 0, index.DefaultLimit},
		{"limit_is_capped", 1000, 0, index.MaxLimit},
		{"offset_near_the_end_returns_the_rest", 10, count - 4, 4},
		{"offset_past_the_end_returns_nothing", 10, count + 5, 0},
	}
	for _, tc := range tests {
		res := search(t, idx, models.SearchQuery{Text: "paging", Market: "intl", Limit: tc.limit, Offset: tc.offset})
		if len(res.Hits) != tc.want || res.Total != count {
			t.Errorf("%s: %d hits of total %d, want %d of %d", tc.name, len(res.Hits), res.Total, tc.want, count)
		}
	}
	seen := map[string]bool{}
	for offset := 0; offset < count; offset += 7 {
		res := search(t, idx, models.SearchQuery{Text: "paging", Market: "intl", Limit: 7, Offset: offset})
		for _, h := range res.Hits {
			if seen[h.Note.NoteID] {
				t.Fatalf("note %s on two pages", h.Note.NoteID)
			}
			seen[h.Note.NoteID] = true
		}
	}
	if len(seen) != count {
		t.Fatalf("pages held %d notes, want %d", len(seen), count)
	}
}

func testConcurrentApply(t *testing.T, f Factory) {
	idx := open(t, f)
	const writers, ids, versions = 4, 10, 6
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Go(func() {
			// Every writer sends every version of every shared id, in its
			// own order, plus notes of its own.
			var batch []*models.Note
			for v := range versions {
				version := int64((v+w)%versions + 1)
				for i := range ids {
					batch = append(batch, Note(fmt.Sprintf("shared-%d", i), version, "en", "race",
						fmt.Sprintf("version %d", version), "intl"))
				}
				batch = append(batch, Note(fmt.Sprintf("own-%d-%d", w, v), 1, "en", "race", "own", "intl"))
				if _, err := applySettled(context.Background(), idx, batch); err != nil {
					errs <- err
					return
				}
				batch = batch[:0]
				if _, err := idx.Search(context.Background(), models.SearchQuery{Text: "race"}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	for i := range ids {
		got, err := idx.Get(context.Background(), fmt.Sprintf("shared-%d", i))
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != versions {
			t.Errorf("shared-%d at version %d, want %d", i, got.Version, versions)
		}
	}
	if res := search(t, idx, models.SearchQuery{Text: "race", Market: "intl"}); res.Total != ids+writers*versions {
		t.Errorf("search found %d notes, want %d", res.Total, ids+writers*versions)
	}
}

func testReopen(t *testing.T, f Factory) {
	idx := f.New(t)
	kept := Note("kept", 3, "zh", "火锅", "周末火锅推荐", "cn")
	apply(t, idx, kept, Note("gone", 1, "en", "gone", "body", "intl"), Deletion("gone", 5))
	idx = f.Reopen(t, idx)
	t.Cleanup(func() { _ = idx.Close() })
	wantNote(t, idx, kept)
	wantHits(t, idx, "火锅", "cn", "kept")
	apply(t, idx, Note("kept", 2, "zh", "旧的", "旧的", "cn"), Note("gone", 4, "en", "gone", "back", "intl"))
	wantNote(t, idx, kept)
	wantNotFound(t, idx, "gone")
	newer := Note("kept", 4, "zh", "新的", "新的火锅", "cn")
	apply(t, idx, newer)
	wantNote(t, idx, newer)
}
