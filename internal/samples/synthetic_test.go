package samples

import (
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/notegate/notegate/models"
)

func TestGeneratorIsDeterministic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name       string
		seedA      int64
		seedB      int64
		wantSameAs bool
	}{
		{"the same seed gives the same stream", 42, 42, true},
		{"different seeds give different streams", 42, 43, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, b := NewGenerator(tt.seedA), NewGenerator(tt.seedB)
			same := true
			for range 2000 {
				if !reflect.DeepEqual(a.Next(), b.Next()) {
					same = false
					break
				}
			}
			if same != tt.wantSameAs {
				t.Errorf("same stream = %v, want %v", same, tt.wantSameAs)
			}
		})
	}
}

// traditionalOnly are characters that Simplified Chinese writes
// differently; every Traditional template holds one.
const traditionalOnly = "們這個來說會點後還時與讓麼體東買開關樣裡貓鍋餃學習週麵歡國語書車門問題間見覺種實兩價錢熱運劇鬧鐘準嗎講話智賺賴訊禮圖滾癒療風雞滷鳳灣遊隊樂誰區歲購證務專業稱將處鐵飯醬湯號碼組穩領"

func countScripts(s string) (han, latin int, trad bool) {
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r):
			han++
			if strings.ContainsRune(traditionalOnly, r) {
				trad = true
			}
		case r < 0x250 && unicode.IsLetter(r):
			latin++
		}
	}
	return han, latin, trad
}

func TestGeneratorMix(t *testing.T) {
	t.Parallel()
	for _, seed := range []int64{1, 7, 2025} {
		t.Run("seed "+strconv.FormatInt(seed, 10), func(t *testing.T) {
			t.Parallel()
			checkMix(t, NewGenerator(seed))
		})
	}
}

// checkMix checks 10,000 events of g: each is well formed, its text is in
// the script of its language class, and the shares are near the targets.
func checkMix(t *testing.T, g *Generator) {
	const events = 10000
	var classes [numClasses]int
	var spam, abuse, edits, comments int
	seen := map[string]int64{}
	isNote := map[string]bool{}
	for i := range events {
		ev, tr := g.next()
		classes[tr.class]++
		switch tr.bad {
		case badSpam:
			spam++
		case badAbuse:
			abuse++
		}
		if ev.NoteID == "" || ev.Body == "" || ev.AuthorID == "" || ev.CreatedAt.IsZero() {
			t.Fatalf("event %d is incomplete: %+v", i, ev)
		}
		last, ok := seen[ev.NoteID]
		switch {
		case tr.edit:
			edits++
			if !ok || ev.Version != last+1 {
				t.Fatalf("event %d: edit of %s to version %d after %d (seen %v)", i, ev.NoteID, ev.Version, last, ok)
			}
		case ok || ev.Version != 1:
			t.Fatalf("event %d: new note %s version %d, seen before %v", i, ev.NoteID, ev.Version, ok)
		}
		seen[ev.NoteID] = ev.Version
		if ev.Kind == models.KindComment {
			if !isNote[ev.ParentID] {
				t.Fatalf("event %d: comment on %q, which is not an earlier note", i, ev.ParentID)
			}
			if ev.Title != "" || len(ev.Tags) > 0 {
				t.Fatalf("event %d: comment with a title or tags", i)
			}
			if !tr.edit {
				comments++
			}
		} else {
			isNote[ev.NoteID] = true
		}

		text := ev.Title + " " + ev.Body
		han, latin, trad := countScripts(text)
		switch tr.class {
		case classHans:
			if han == 0 || trad {
				t.Fatalf("event %d: Simplified text %q has %d Han, traditional %v", i, text, han, trad)
			}
		case classHant:
			if han == 0 || !trad {
				t.Fatalf("event %d: Traditional text %q has %d Han, traditional %v", i, text, han, trad)
			}
		case classEnglish:
			if han != 0 || latin == 0 {
				t.Fatalf("event %d: English text %q has %d Han", i, text, han)
			}
		case classMixed:
			if han == 0 || latin == 0 {
				t.Fatalf("event %d: code-mixed text %q has %d Han, %d Latin letters", i, text, han, latin)
			}
		}
		if m := realLookingNumbers(text); len(m) > 0 {
			t.Fatalf("event %d: %q look like real phone numbers", i, m)
		}
		if tr.bad == badNone && looksBad(text) {
			t.Fatalf("event %d: clean text %q contains a spam or abuse marker", i, text)
		}
	}

	share := func(n int) float64 { return float64(n) / events }
	tests := []struct {
		name string
		got  float64
		want float64
	}{
		{"simplified chinese is 45 percent", share(classes[classHans]), 0.45},
		{"traditional chinese is 10 percent", share(classes[classHant]), 0.10},
		{"english is 30 percent", share(classes[classEnglish]), 0.30},
		{"code-mixed is 10 percent", share(classes[classMixed]), 0.10},
		{"other languages are 5 percent", share(classes[classOther]), 0.05},
		{"spam is 8 percent", share(spam), 0.08},
		{"abuse is 5 percent", share(abuse), 0.05},
		{"edits are about 6 percent", share(edits), 0.06},
		{"comments are about a quarter of new events", float64(comments) / float64(events-edits), 0.25},
	}
	for _, tt := range tests {
		if math.Abs(tt.got-tt.want) > 0.02 {
			t.Errorf("%s: got %.3f", tt.name, tt.got)
		}
	}
}

// looksBad reports whether text holds a word that only the spam and abuse
// templates use.
func looksBad(text string) bool {
	for _, m := range []string{"V信", "➕", "vx", "威信", "加微", "WhatsApp", "Telegram", "LINE", "加賴", "bit.ly", "t.cn", "555", "138 0013",
		"傻", "滚", "滾", "nmsl", "垃圾", "白痴", "智障", "脑残", "idiot", "loser", "stupid", "fuck", "バカ", "바보", "카톡"} {
		if strings.Contains(text, m) {
			return true
		}
	}
	return false
}

func TestGeneratorDisguises(t *testing.T) {
	t.Parallel()
	g := NewGenerator(1)
	found := map[string]bool{}
	for range 20000 {
		ev, tr := g.next()
		if tr.bad == badNone {
			continue
		}
		for _, r := range ev.Body {
			switch {
			case r == '\u200b':
				found["zero-width"] = true
			case r >= '！' && r <= '～':
				found["full-width"] = true
			case unicode.Is(unicode.Cyrillic, r):
				found["cyrillic"] = true
			case r == '*':
				found["asterisk"] = true
			}
		}
		if strings.Contains(ev.Body, "1d10t") || strings.Contains(ev.Body, "l053r") {
			found["leet"] = true
		}
	}
	for _, want := range []string{"zero-width", "full-width", "cyrillic", "asterisk", "leet"} {
		if !found[want] {
			t.Errorf("no %s disguise in 20,000 events", want)
		}
	}
}

func BenchmarkGeneratorNext(b *testing.B) {
	g := NewGenerator(1)
	b.ReportAllocs()
	for b.Loop() {
		_ = g.Next()
	}
}
