package desk

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// Aligner maps evidence spans of a note's text into a translation of it,
// so that the desk highlights evidence in the translation as in the
// original (the CC-CEDICT gloss, translate.CedictGloss, knows where each
// word went).
type Aligner interface {
	// AlignSpans maps byte spans of source (a field of a note, in
	// language from) to byte ranges of translated, its translation into
	// to made by provider; a span it can place nowhere maps to {-1, -1}.
	// ok is false when it cannot tell for this translation (another
	// provider); the desk then highlights sentences. It must be safe for
	// concurrent use and must not keep its arguments.
	AlignSpans(provider, from, to, source, translated string, spans [][2]int) (mapped [][2]int, ok bool)
}

// How a TranslationSpan was found.
const (
	// AlignFound: a label found on the translation itself (moderation of
	// the translation); the offsets are the label's own.
	AlignFound = "found"
	// AlignTerm: the words the evidence was translated into, from the
	// Aligner.
	AlignTerm = "term"
	// AlignSentence: no word alignment; the sentence of the translation
	// that stands where the evidence's sentence stands in the original,
	// when both have as many sentences.
	AlignSentence = "sentence"
)

// TranslationSpan is one piece of evidence as the desk shows it in a
// translation.
type TranslationSpan struct {
	// Field is the translation's "title" or "body".
	Field string `json:"field"`
	// Start and End are byte offsets into that field of the translation;
	// Text is what they enclose.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Align is AlignFound, AlignTerm or AlignSentence.
	Align string `json:"align"`
}

// translationEvidence returns, by translation key, the evidence of n's
// labels placed in each ok translation: the spans of the title and body
// mapped by al (nil: none) or, failing that, by sentence, and the spans
// that labels found in the translation itself. Tags are not translated,
// so their evidence shows in the original only.
func translationEvidence(n *models.Note, al Aligner) map[string][]TranslationSpan {
	out := map[string][]TranslationSpan{}
	for lang, tr := range n.Translations {
		if tr.Status != models.TranslationOK {
			continue
		}
		var spans []TranslationSpan
		for _, f := range []struct{ name, src, dst string }{{"title", n.Title, tr.Title}, {"body", n.Body, tr.Body}} {
			if f.dst == "" {
				continue
			}
			add := func(a, b int, how string) {
				s := TranslationSpan{Field: f.name, Start: a, End: b, Text: f.dst[a:b], Align: how}
				if !slices.Contains(spans, s) {
					spans = append(spans, s)
				}
			}
			var ev [][2]int
			for _, l := range n.Moderation.Labels {
				for _, e := range l.Evidence {
					switch e.Field {
					case f.name:
						if validSpan(f.src, e.Start, e.End) {
							ev = append(ev, [2]int{e.Start, e.End})
						}
					case "translations." + lang + "." + f.name:
						if validSpan(f.dst, e.Start, e.End) {
							add(e.Start, e.End, AlignFound)
						}
					}
				}
			}
			if len(ev) == 0 {
				continue
			}
			var mapped [][2]int
			ok := false
			if al != nil {
				mapped, ok = al.AlignSpans(tr.Provider, n.Language.Code, lang, f.src, f.dst, ev)
				ok = ok && len(mapped) == len(ev)
			}
			var srcS, dstS [][2]int // computed when first needed
			for i, sp := range ev {
				if ok && mapped[i][0] >= 0 && validSpan(f.dst, mapped[i][0], mapped[i][1]) {
					add(mapped[i][0], mapped[i][1], AlignTerm)
					continue
				}
				if srcS == nil {
					srcS, dstS = sentences(f.src), sentences(f.dst)
				}
				if len(srcS) != len(dstS) {
					continue
				}
				for k, s := range srcS {
					if s[0] < sp[1] && sp[0] < s[1] {
						add(dstS[k][0], dstS[k][1], AlignSentence)
					}
				}
			}
		}
		if len(spans) > 0 {
			slices.SortFunc(spans, func(a, b TranslationSpan) int {
				if a.Field != b.Field {
					return strings.Compare(b.Field, a.Field) // title first
				}
				return a.Start - b.Start
			})
			out[lang] = spans
		}
	}
	return out
}

func validSpan(s string, a, b int) bool {
	return 0 <= a && a < b && b <= len(s)
}

// sentenceEnds are the marks that end a sentence, in Chinese and in the
// languages a translation may be in; a '.' ends one only before a space
// or the end of the text (not in "3.5" or "example.com").
const sentenceEnds = "。！？!?…"

// closers may follow a sentence's final mark and belong to it.
const closers = "\"'”’）)」』】]》"

// sentences returns the byte ranges of the sentences of s, without the
// spaces around them: a sentence ends after a run of final marks (with
// the closing quotes and brackets after it), and at a line break. Two
// texts whose sentences match one to one (a Chinese note and its gloss,
// whose punctuation the gloss carries over) can be aligned sentence by
// sentence.
func sentences(s string) [][2]int {
	var out [][2]int
	start := -1
	end := func(i int) {
		if start >= 0 {
			j := start + len(strings.TrimRightFunc(s[start:i], unicode.IsSpace))
			if j > start {
				out = append(out, [2]int{start, j})
			}
		}
		start = -1
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n':
			end(i)
			i += size
			continue
		case start < 0 && unicode.IsSpace(r):
			i += size
			continue
		case start < 0:
			start = i
		}
		if !isFinal(s, i) {
			i += size
			continue
		}
		j := i
		for j < len(s) && (isFinal(s, j) || strings.HasPrefix(s[j:], ".")) {
			_, n := utf8.DecodeRuneInString(s[j:])
			j += n
		}
		for j < len(s) {
			c, n := utf8.DecodeRuneInString(s[j:])
			if !strings.ContainsRune(closers, c) {
				break
			}
			j += n
		}
		end(j)
		i = j
	}
	end(len(s))
	return out
}

// isFinal reports whether the character at s[i] ends a sentence.
func isFinal(s string, i int) bool {
	r, size := utf8.DecodeRuneInString(s[i:])
	if strings.ContainsRune(sentenceEnds, r) {
		return true
	}
	if r != '.' {
		return false
	}
	rest := strings.TrimLeft(s[i+size:], "."+closers)
	next, _ := utf8.DecodeRuneInString(rest)
	return rest == "" || unicode.IsSpace(next)
}
