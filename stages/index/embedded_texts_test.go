package index

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

func indexAnalyzer(t testing.TB) analysis.Analyzer {
	t.Helper()
	im, err := newEmbeddedMapping()
	if err != nil {
		t.Fatal(err)
	}
	a := im.AnalyzerNamed(textAnalyzer)
	if a == nil {
		t.Fatal("no analyzer " + textAnalyzer)
	}
	return a
}

func TestJoinedAnalyzerKeepsTextsApart(t *testing.T) {
	a := indexAnalyzer(t)
	tests := []struct {
		name  string
		texts []string
		// apart and together are terms: apart's two are in different
		// texts, together's adjacent in one.
		apart, together [2]string
	}{
		{"two English texts leave a gap between the last word and the first", []string{"hot", "pot luck"}, [2]string{"hot", "pot"}, [2]string{"pot", "luck"}},
		{"a Chinese title and body leave a gap between their characters", []string{"火锅", "锅底很香"}, [2]string{"锅", "底"}, [2]string{"底", "很"}},
		{"an empty text between two adds no word", []string{"hot", "", "pot"}, [2]string{"hot", "pot"}, [2]string{"hot", "hot"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			joined := joinTexts(tt.texts)
			pos := map[string]int{}
			for _, tok := range a.Analyze([]byte(joined.String())) {
				if _, ok := pos[string(tok.Term)]; !ok {
					pos[string(tok.Term)] = tok.Position
				}
			}
			if d := pos[tt.apart[1]] - pos[tt.apart[0]]; d <= textGap {
				t.Errorf("%q and %q are %d positions apart, want more than %d (positions %v)", tt.apart[0], tt.apart[1], d, textGap, pos)
			}
			if tt.together[0] != tt.together[1] {
				if d := pos[tt.together[1]] - pos[tt.together[0]]; d != 1 {
					t.Errorf("%q and %q are %d positions apart, want 1 (positions %v)", tt.together[0], tt.together[1], d, pos)
				}
			}
		})
	}
}

func TestJoinedTextsLocateASpanInItsText(t *testing.T) {
	j := joinTexts([]string{"Hot pot", "", "A pot"})
	s := j.String()
	lastPot := strings.LastIndex(s, "pot")
	tests := []struct {
		name       string
		start, end int
		text       int
		want       span
		ok         bool
	}{
		{"a span of the first text is where it was", 0, 3, 0, span{0, 3}, true},
		{"a span of the last text moves back by the texts before it", lastPot, lastPot + 3, 2, span{2, 5}, true},
		{"a span over a separator lies in no text", 4, strings.Index(s, "A") + 1, 0, span{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, got, ok := j.locate(tt.start, tt.end)
			if ok != tt.ok || ok && (text != tt.text || got != tt.want) {
				t.Errorf("locate(%d, %d) = %d, %v, %v; want %d, %v, %v", tt.start, tt.end, text, got, ok, tt.text, tt.want, tt.ok)
			}
		})
	}
}

// FuzzJoinedAnalyzerOffsets checks that every token of joined texts points
// into one of them, at bytes that make valid UTF-8, whatever the texts
// hold (their own paragraph separators included).
func FuzzJoinedAnalyzerOffsets(f *testing.F) {
	f.Add("周末火锅推荐", "Hot pot\u2029 is hot", "臺北")
	f.Add("", "\u2029\u2029", "a")
	a := indexAnalyzer(f)
	f.Fuzz(func(t *testing.T, x, y, z string) {
		if !utf8.ValidString(x) || !utf8.ValidString(y) || !utf8.ValidString(z) {
			return
		}
		joined := joinTexts([]string{x, y, z})
		s := joined.String()
		last := 0
		for _, tok := range a.Analyze([]byte(s)) {
			if tok.Start < 0 || tok.End > len(s) || tok.Start > tok.End {
				t.Fatalf("token %q at [%d, %d) is outside the %d bytes of %q", tok.Term, tok.Start, tok.End, len(s), s)
			}
			if !utf8.ValidString(s[tok.Start:tok.End]) {
				t.Fatalf("token %q at [%d, %d) cuts a character of %q", tok.Term, tok.Start, tok.End, s)
			}
			if tok.Position < last-textGap {
				t.Fatalf("token %q at position %d goes back from %d", tok.Term, tok.Position, last)
			}
			last = max(last, tok.Position)
			if strings.Contains(s[tok.Start:tok.End], paragraphSeparator) {
				t.Fatalf("token %q at [%d, %d) spans a separator", tok.Term, tok.Start, tok.End)
			}
		}
	})
}
