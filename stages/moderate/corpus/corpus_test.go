package corpus

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/notegate/notegate/models"
)

func TestParsePyList(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"single-quoted strings are read in order", `['one post', 'two posts']`, []string{"one post", "two posts"}},
		{"a string with an apostrophe is double-quoted", `["I can't", 'ok']`, []string{"I can't", "ok"}},
		{"escaped quotes stay in the text", `['it\'s \"fine\"']`, []string{`it's "fine"`}},
		{"escaped line breaks become spaces", `['a\nb']`, []string{"a b"}},
		{"a string cut off by the end of the field is kept", `['whole', 'cut of`, []string{"whole", "cut of"}},
		{"empty strings are dropped", `['', '  ', 'x']`, []string{"x"}},
		{"no list gives nothing", `nothing here`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := parsePyList(tt.in); !slices.Equal(got, tt.want) {
				t.Fatalf("parsePyList(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestChunks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		max  int
		want []string
	}{
		{"short sentences are joined up to the limit", "One. Two! Three? Four.", 10, []string{"One. Two!", "Three?", "Four."}},
		{"a sentence longer than the limit is a chunk of its own", "A very long sentence here. B.", 10, []string{"A very long sentence here.", "B."}},
		{"text without a sentence end is one chunk", "no end at all", 5, []string{"no end at all"}},
		{"a dot inside a word does not end a sentence", "see e.g.this and that.", 100, []string{"see e.g.this and that."}},
		{"empty text gives nothing", "", 10, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := chunks(tt.in, tt.max); !slices.Equal(got, tt.want) {
				t.Fatalf("chunks(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

func TestHasPhrase(t *testing.T) {
	t.Parallel()
	phrases := []string{"kill myself", "want to die"}
	tests := []struct {
		name string
		text string
		want bool
	}{
		{"a phrase between word boundaries is found", "some days i want to die.", true},
		{"a phrase at the start is found", "kill myself is all i think about", true},
		{"a phrase inside a longer word is not", "they want to diet", false},
		{"a later occurrence on a boundary is found", "skill myselfish, kill myself", true},
		{"no phrase, no match", "i want to dine", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := hasPhrase(tt.text, phrases); got != tt.want {
				t.Fatalf("hasPhrase(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestCleanSocial(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"handles, links and retweet marks go", "RT @someone: look https://t.co/x at this", "look at this"},
		{"HTML entities are decoded twice", "fish &amp;amp; chips &lt;3", "fish & chips <3"},
		{"MLMA's link placeholder goes", "so true @URL", "so true"},
		{"text without handles stays", "plain words", "plain words"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := cleanSocial(tt.in); got != tt.want {
				t.Fatalf("cleanSocial(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestSplit checks that the split is a pure function of the group key and
// close to 70/15/15.
func TestSplit(t *testing.T) {
	t.Parallel()
	var n [3]int
	for i := range 20000 {
		key := "text\x00" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + strings.Repeat("y", i/26)
		s := splitOf(key)
		if splitOf(key) != s {
			t.Fatalf("splitOf(%q) changed between calls", key)
		}
		n[s]++
	}
	for s, want := range []float64{0.70, 0.15, 0.15} {
		if got := float64(n[s]) / 20000; got < want-0.02 || got > want+0.02 {
			t.Errorf("split %v holds %.3f of the keys, want about %.2f", Split(s), got, want)
		}
	}
	if InDev("  a  b ") != InDev("a b") {
		t.Error("InDev depends on spacing; the corpus collapses it")
	}
}

func TestAddLabels(t *testing.T) {
	t.Parallel()
	r := &reader{source: "test"}
	r.add("a hateful text", "en", "", Of(models.CategoryHate), Of(models.CategoryHarassment), -1)
	r.add("a clean text", "en", "", 0, 0, -1)
	r.add("a clean text", "en", "", 0, 0, -1) // repeated: dropped
	r.add("unsure", "en", "", 0, Of(models.CategoryProfanity), -1)
	if len(r.out) != 3 {
		t.Fatalf("%d examples, want 3 (the repeated text dropped)", len(r.out))
	}
	hateful, clean, unsure := r.out[0], r.out[1], r.out[2]
	if hateful.Pos != Of(models.CategoryHate) || hateful.Neg.Has(0) || hateful.Neg.Has(1) || !hateful.Neg.Has(5) || hateful.Harmful != 1 {
		t.Errorf("hateful example %+v: want hate positive, harassment unlabelled, the rest negative, harmful", hateful)
	}
	if clean.Pos != 0 || clean.Neg != All || clean.Harmful != 0 {
		t.Errorf("clean example %+v: want every category negative, harmless", clean)
	}
	if unsure.Harmful != -1 {
		t.Errorf("example with an unlabelled category and no positive %+v: want harm unknown", unsure)
	}
}

func evalRoot(t *testing.T) string {
	t.Helper()
	root := filepath.Join("..", "..", "..", "..", "shared", "evaldata")
	if _, err := os.Stat(filepath.Join(root, "moderation-train")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	return root
}

// TestLoad reads the shared data (when present) and checks what every
// source must give: examples in all three splits, in the languages it
// claims, with positives for the categories it is read for.
func TestLoad(t *testing.T) {
	t.Parallel()
	root := evalRoot(t)
	cues, err := LexiconCues()
	if err != nil {
		t.Fatal(err)
	}
	exs, err := Load(Options{Root: root, Cues: cues, Repo: "../../.."})
	if err != nil {
		t.Fatal(err)
	}
	type tally struct {
		splits [3]int
		pos    Set
		langs  map[string]bool
	}
	by := map[string]*tally{}
	for _, ex := range exs {
		tl := by[ex.Source]
		if tl == nil {
			tl = &tally{langs: map[string]bool{}}
			by[ex.Source] = tl
		}
		tl.splits[ex.Split]++
		tl.pos |= ex.Pos
		tl.langs[ex.Lang] = true
		if ex.Pos&ex.Neg != 0 {
			t.Fatalf("%s example %q is both positive and negative for %b", ex.Source, ex.Text, ex.Pos&ex.Neg)
		}
	}
	want := map[string]Set{
		"cold": hate, "davidson": hate | harassment | profanity, "toxic_spans": hate | harassment | violence | profanity,
		"stormfront": hate, "mlma": hate | harassment, "toxigen": hate, "swsr": hate | sexual,
		"korean_hate_speech": hate | harassment, "told_br": hate | harassment | profanity,
		"germeval2018": hate | harassment | profanity, "japanese_toxic": hate | harassment | sexual | profanity,
		"cssrs_reddit": selfHarm, "teamwritten": hate | harassment | sexual | violence | selfHarm, "longform_dev": violence | selfHarm,
		"notes_dev": hate | harassment | sexual | violence | selfHarm | spam | profanity, "sms_spam": spam, "youtube_spam": spam, "tatoeba": 0, "leipzig": 0,
	}
	for _, s := range Sources {
		tl := by[s.Name]
		if tl == nil {
			t.Errorf("source %s gave no examples", s.Name)
			continue
		}
		for sp, n := range tl.splits {
			if n == 0 {
				t.Errorf("source %s has no %v examples", s.Name, Split(sp))
			}
		}
		if tl.pos != want[s.Name] {
			t.Errorf("source %s has positives for %b, want %b", s.Name, tl.pos, want[s.Name])
		}
		for lang := range tl.langs {
			if !strings.Contains(s.Langs, lang) && s.Name != "leipzig" {
				t.Errorf("source %s gave language %s, not among %q", s.Name, lang, s.Langs)
			}
		}
	}
}

func FuzzParsePyList(f *testing.F) {
	for _, s := range []string{`['a', "b"]`, `['\`, `"`, `['x\'`, "['\xff']"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range parsePyList(s) {
			if p == "" || strings.TrimSpace(p) != p {
				t.Fatalf("parsePyList(%q) gave %q: want trimmed, non-empty strings", s, p)
			}
		}
	})
}

func FuzzChunks(f *testing.F) {
	for _, s := range []string{"One. Two.", "...", "a!b? c. ", "\xff. x"} {
		f.Add(s, 10)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		got := chunks(s, max)
		// Chunks keep every word, in order.
		if strings.Join(strings.Fields(strings.Join(got, " ")), " ") != strings.Join(strings.Fields(s), " ") {
			t.Fatalf("chunks(%q, %d) = %q lost or reordered words", s, max, got)
		}
	})
}
