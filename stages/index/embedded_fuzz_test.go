package index_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/index/indextest"
)

// FuzzEmbeddedNoteText feeds untrusted title, body, tag and query text
// through the analyzers: Apply must take it, Get must return the note as
// applied, and Search must answer without error, only with approved notes.
func FuzzEmbeddedNoteText(f *testing.F) {
	seeds := [][4]string{
		{"周末火锅推荐", "这家火锅店很好吃", "美食", "火锅"},
		{"這家火鍋推薦", "湯頭很濃", "美食", "火鍋"},
		{"新手护肤routine分享", "skincare routines 早上防晒", "beauty", "routine 护肤"},
		{"ＨＯＴＰＯＴ　ｎｉｇｈｔ", "ﾊﾝｶｸ カタカナ ひらがな 한국어", "", "hotpot"},
		{"emoji 🍲🔥", "zero\u200bwidth\u200djoiner \ufeff", "#tag", "🍲"},
		{"\xff\xfe broken", "utf8 \xc3\x28", "\x00", "\xff"},
		{"", "", "", ""},
		{"the a an of", "stop words only", "", "the"},
		{"AND OR NOT +-&&||!(){}[]^\"~*?:\\/", "query syntax", "", "+title:x AND NOT y~2"},
	}
	for _, s := range seeds {
		f.Add(s[0], s[1], s[2], s[3])
	}
	idx := openEmbedded(f, filepath.Join(f.TempDir(), "notes"))
	f.Cleanup(func() { _ = idx.Close() })
	var seq atomic.Int64
	f.Fuzz(func(t *testing.T, title, body, tag, q string) {
		ctx := context.Background()
		id := fmt.Sprintf("fuzz-%d", seq.Add(1))
		n := indextest.Note(id, 1, "zh", title, body, "cn")
		n.Tags = []string{tag}
		n.Translations = map[string]models.Translation{"en": {Title: q, Body: body, Status: models.TranslationOK}}
		hidden := indextest.Note(id+"-hidden", 1, "en", title, body)
		if _, err := idx.Apply(ctx, []*models.Note{n, hidden}); err != nil {
			t.Fatalf("Apply: %v", err)
		}
		got, err := idx.Get(ctx, id)
		if err != nil {
			t.Fatalf("Get: %v", err)
		}
		// Invalid UTF-8 becomes U+FFFD in JSON, as it does on the way in
		// from Kafka; compare with the note after one JSON round trip.
		g, _ := json.Marshal(got)
		w := roundTrip(t, n)
		if string(g) != string(w) {
			t.Fatalf("Get = %s, want %s", g, w)
		}
		if err := idx.Refresh(ctx); err != nil {
			t.Fatalf("Refresh: %v", err)
		}
		for _, market := range []string{"", "cn", "intl"} {
			res, err := idx.Search(ctx, models.SearchQuery{Text: q, Market: market, Limit: 5})
			if err != nil {
				t.Fatalf("Search(%q, %q): %v", q, market, err)
			}
			for _, h := range res.Hits {
				if len(h.Note.ApprovedMarkets) == 0 {
					t.Fatalf("Search(%q, %q) returned unapproved %s", q, market, h.Note.NoteID)
				}
			}
		}
	})
}

func roundTrip(t *testing.T, n *models.Note) []byte {
	t.Helper()
	raw, err := json.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	var back models.Note
	if err := json.Unmarshal(raw, &back); err != nil {
		t.Fatal(err)
	}
	raw, _ = json.Marshal(&back)
	return raw
}
