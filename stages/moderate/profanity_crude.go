package moderate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/notegate/notegate/models"
)

// Crude swearing: one swear word in a note is language ("this concert was
// fucking amazing", « putain » explained to tourists, a town called
// Fucking) and the intl market allows it; a note that swears over and over
// ("Joder, qué puta mierda de día. Me cago en todo.", "아 씨발 과제 존나
// 많네", "卧槽 这天气 tmd 热死了") is crude swearing, which feeds of a
// general audience do not show unseen. So when one text holds
// crudeMinWords swear words or more (profanity findings of the lexicons
// and rules at crudeWordScore or above, at separate places, none inside
// an allowed span), at least one of them strong (crudeStrongScore: the
// f-word and its equals, not "damn" or "hell") or crudeManyWords of them
// whatever their strength ("wc 这tm什么鬼天气，cao") or crudeMinWords of them
// at crudeMildScore or above (two oaths a cn feed reviews each of, "Huere
// Seich … Gopferdammi", "ㄊㄇㄉ … ㄎㄅ"), each of them gets a
// finding of crudeScore: reviewed in intl, blocked in cn, whose policy
// blocks profanity from 0.7. Classifier scores never count: they cannot say
// which words they read. A lexicon's strong insult counts as a strong swear
// word beside a swear word ("卧槽这什么傻逼天气", "幹！… 幹你娘咧": the
// insult is the oath there), never alone: an insult alone is harassment.
const (
	crudeMinWords    = 2
	crudeManyWords   = 3
	crudeWordScore   = 0.3
	crudeStrongScore = 0.5
	crudeMildScore   = 0.4
	crudeScore       = 0.75
)

// swearTalk are the words of a text about swear words (a thesis on
// German's faecal insults, a teacher on what children pick up): the swear
// words it lists are named, not said, and make no crude swearing. Each
// word still counts alone (a single swear word is reviewed in cn).
var swearTalk = newTermSet(foldTerms([]string{
	"swear words", "swearwords", "curse words", "cuss words", "palabrotas", "groserías", "groserias", "palavrões", "palavroes",
	"gros mots", "jurons", "schimpfwörter", "schimpfwort", "kraftausdrücke", "fluchwörter", "脏话", "粗口", "髒話", "罵人的話",
	"汚い言葉", "悪口", "욕설", "비속어",
}))

// crudeSwearing returns, for every text of found that swears crudely (see
// above), a profanity finding on each of its swear words. suffix is the
// findings' source suffix, as for capPlainContact.
func crudeSwearing(found []fieldFinding, texts []*Text, suffix string) []fieldFinding {
	var out, allows []fieldFinding
	for _, f := range found {
		if f.source == allowSource && f.market == "" {
			allows = append(allows, f) // the lexicons' allowlist, every market
		}
	}
	for _, t := range texts {
		if swearTalk.anyWord(t.Folded.String()) {
			continue // the words named, not said
		}
		var words, mild []Span
		strong, swears := false, false
		for _, f := range found {
			insult := f.Category == models.CategoryHarassment && strings.HasPrefix(f.source, "lexicon") && f.Score >= crudeStrongScore
			if f.field != t.Field || f.Category != models.CategoryProfanity && !insult || f.market != "" ||
				fromClassifier(f.source) || f.Span.Start == f.Span.End || f.Score < crudeWordScore {
				continue
			}
			if coveredBy(f, allows) {
				continue
			}
			swears = swears || !insult
			words = append(words, f.Span)
			strong = strong || f.Score >= crudeStrongScore
			if f.Score >= crudeMildScore {
				mild = append(mild, f.Span)
			}
		}
		words = separateSpans(words)
		if !swears || len(words) < crudeMinWords || !strong && len(words) < crudeManyWords && len(separateSpans(mild)) < crudeMinWords {
			continue
		}
		rule := fmt.Sprintf("crude swearing: %d swear words", len(words))
		for _, w := range words {
			// One finding a word, so that evidence marks the words.
			out = append(out, fieldFinding{
				Finding: Finding{Category: models.CategoryProfanity, Score: crudeScore, Span: w, Rule: rule},
				field:   t.Field, source: "crude" + suffix,
			})
		}
	}
	return out
}

// separateSpans returns the separate words among spans: a span holding
// another is dropped (the phrase "putain de merde" is the two words it
// holds; "fucking" matched by "fuck*" and by "fucking" is one), and spans
// that overlap are merged. spans is reordered.
func separateSpans(spans []Span) []Span {
	slices.SortFunc(spans, func(a, b Span) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	inner := spans[:0]
	for k, s := range spans {
		holds := false
		for _, o := range spans[k+1:] {
			if o.Start >= s.End {
				break
			}
			if o.End <= s.End && o != s {
				holds = true
				break
			}
		}
		// An equal span already kept, or one starting here and shorter,
		// sorts before s.
		if n := len(inner); !holds && (n == 0 || inner[n-1].Start != s.Start) {
			inner = append(inner, s)
		}
	}
	out := inner[:0]
	for _, s := range inner {
		if n := len(out); n > 0 && s.Start < out[n-1].End {
			out[n-1].End = max(out[n-1].End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}
