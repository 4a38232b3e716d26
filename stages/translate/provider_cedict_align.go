package translate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Link ties a byte range of a source text to the byte range of the gloss
// it became, both [start, end). A word the gloss drops (a particle) has an
// empty Dst range.
type Link struct {
	SrcStart, SrcEnd int
	DstStart, DstEnd int
}

// newLink links source [src0, src1) to what was written to out from
// before on, less the space that set it apart from the word before.
func newLink(src0, src1 int, out string, before int) Link {
	for before < len(out) && out[before] == ' ' {
		before++
	}
	return Link{SrcStart: src0, SrcEnd: src1, DstStart: before, DstEnd: len(out)}
}

// AlignSpans maps byte spans of source, a text in language from, into
// translated, its translation into to by provider, when that is the gloss
// this provider makes of source (zh→en or en→zh): a span maps to the
// range from the rendering of the first word it touches to the end of
// the last one's, so the reviewer desk can highlight evidence in a
// translation as in the original. A span whose words the gloss drops maps
// to {-1, -1}. ok is false when it cannot tell: another provider (or a
// Traditional conversion of the gloss), another pair, or a translated
// text that is not this dictionary's gloss of source (another dictionary
// version, or a cached gloss of another spelling of the text); the
// caller then aligns some other way.
func (g *CedictGloss) AlignSpans(provider, from, to, source, translated string, spans [][2]int) (mapped [][2]int, ok bool) {
	if provider != CedictGlossName || !utf8.ValidString(source) {
		return nil, false
	}
	var links []Link
	var out string
	switch BaseLanguage(from) + ">" + to {
	case "zh>en":
		out = g.dict.glossChineseLinked(source, &links)
	case "en>" + TargetSimplified:
		out = g.dict.glossEnglishLinked(source, &links)
	default:
		return nil, false
	}
	if out != translated {
		return nil, false
	}
	mapped = make([][2]int, len(spans))
	for i, sp := range spans {
		lo, hi := -1, -1
		for _, l := range links {
			if l.SrcEnd <= sp[0] || l.SrcStart >= sp[1] || l.DstEnd <= l.DstStart {
				continue
			}
			if lo < 0 || l.DstStart < lo {
				lo = l.DstStart
			}
			hi = max(hi, l.DstEnd)
		}
		if lo >= 0 {
			// A run of other text carries its spaces along.
			lo += len(translated[lo:hi]) - len(strings.TrimLeftFunc(translated[lo:hi], unicode.IsSpace))
			hi = lo + len(strings.TrimRightFunc(translated[lo:hi], unicode.IsSpace))
		}
		if lo >= hi {
			lo, hi = -1, -1
		}
		mapped[i] = [2]int{lo, hi}
	}
	return mapped, true
}
