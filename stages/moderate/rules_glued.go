package moderate

import "strings"

// Two words glued together by a missing space: "Ihate women", "Deathto
// all of them", "so muchdisdain for these", "are justpathetic", "such
// massivescumbags". The run-on reading (rules_runon.go) reads runs of
// three words or more, and only for rules it completes inside the run;
// two words glued are more often a slip of the thumb than a disguise, and
// the rest of the rule is written around them. So a run of letters that
// is no known word and splits into exactly two known words is read as
// those two words, with the same vocabulary as run-on words (the words of
// the Latin rule terms and the real words of typowords/), and a Latin rule
// term of a rule of two groups or more matches inside it where its
// letters start and end at the run's edges or at the split.
//
// The guards keep real words whole and names alone:
//   - the run is no known word, nor one with an ending taken off
//     ("therapists" is "therapist" and an s, never "the rapists");
//   - it opens the field or is written in lower case (a capital inside
//     the field is a name: "Middlesex", "Cockburn"), and follows no @, /,
//     ., #, _ or - (handles, links, hashtags);
//   - the field is English (or Latin text too short to tell) and one of the two words is a short English
//     function word ("to", "so", "all", "just", "much"): two content
//     words glued are mostly compounds the lists lack ("bloodthirsty",
//     "superhero"), and other languages glue words of their own
//     ("rematarlo", "hinterherrennen"); of one-letter words only "i"
//     opens a split ("Ihate", never "a"+"sexual");
//   - a term of fewer than minStrongGlued letters found this way is weak
//     evidence, as a short misspelling is (rules_typo.go): it adds its
//     group only to a rule another of whose groups is read as written, and
//     a rule of one group never fires on it. "Ihate" is a hate verb only
//     beside the people written after it.

// Bounds of the glued reading.
const (
	minGlued       = 5  // letters of a run that is read
	maxGlued       = 24 // letters of the longest run read
	minStrongGlued = 6  // letters of a term found glued that count as written
)

// gluedEndings are the endings taken off a run to see whether it is an
// inflected known word: the lists hold many words in one form only.
var gluedEndings = []string{"s", "es", "ed", "d", "ing", "ly", "er", "ers", "n"}

// gluedMatches adds a match for every rule term found in a run of letters
// of the field that is two known words glued together.
func (d *RulesDetector) gluedMatches(t *Text, ms []match) []match {
	x := d.runOn
	if x == nil || x.by.len() == 0 || !t.hasLatinLetter() || !gluedLanguage(fieldLanguage(t)) {
		return ms
	}
	eachLetterRun(t, minGlued, func(run []byte, from int) {
		if len(run) > maxGlued || handleOrLink(t, from) || hashtagged(t, from) || knownForm(x, run) {
			return
		}
		s := gluedSplit(x, run)
		if s <= 0 {
			return
		}
		n := len(run)
		bound := func(k int) bool { return k == 0 || k == s || k == n }
		start := len(ms)
		ms = boundedMatches(t, run, from, 1, n, bound, x.by, x.pats, ms)
		for k := start; k < len(ms); k++ {
			ms[k].weak = termLetters(ms[k].p) < minStrongGlued
		}
	})
	return ms
}

// knownForm reports whether run is a known word, or one with an ending of
// gluedEndings taken off.
func knownForm(x *runOnIndex, run []byte) bool {
	if x.words.has(run) {
		return true
	}
	for _, e := range gluedEndings {
		if k := len(run) - len(e); k >= 3 && string(run[k:]) == e && x.words.has(run[:k]) {
			return true
		}
	}
	return false
}

// gluedSplit returns where run splits into two known words, 0 when it
// does not. Where it splits in more than one place, the split whose
// shorter word is longest is taken ("massive|scumbags").
func gluedSplit(x *runOnIndex, run []byte) int {
	best, bestShort := 0, 0
	for s := 1; s < len(run); s++ {
		left, right := run[:s], run[s:]
		if len(right) < 2 || !gluedWord(x, left, true) || !gluedWord(x, right, false) ||
			!gluedFunctionWords[string(left)] && !gluedFunctionWords[string(right)] {
			continue
		}
		if short := min(len(left), len(right)); short > bestShort {
			best, bestShort = s, short
		}
	}
	return best
}

// gluedWord reports whether w may be one of the two words of a glued run:
// a known word or function word of two letters or more, or "i" opening
// the run.
func gluedWord(x *runOnIndex, w []byte, first bool) bool {
	if len(w) == 1 {
		return first && w[0] == 'i'
	}
	return gluedFunctionWords[string(w)] || x.words.has(w)
}

// gluedLanguage reports whether fields of language l (fieldLanguage) are
// read for glued words: English, and Latin text too short to tell.
func gluedLanguage(l int) bool { return l == langEn || l == langUnd }

// gluedFunctionWords are the short English words one of a glued pair must
// be: the English function words of fieldLanguage and a few more that
// lead a phrase of contempt ("muchdisdain", "sosickening", "stabthose").
var gluedFunctionWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(functionWords[langEn] + " much many such too very those these should") {
		m[w] = true
	}
	return m
}()

// hashtagged reports whether the run starting at folded rune k follows a
// '#': hashtags are written glued on purpose.
func hashtagged(t *Text, k int) bool {
	off := t.Folded.Spans[k].Start
	return off > 0 && t.Original[off-1] == '#'
}

// termLetters is the number of letters of p's term, repeats counted.
func termLetters(p *pattern) int {
	n := 0
	for k, r := range p.runes {
		if isASCIILetter(r) {
			n += max(1, int(p.counts[k]))
		}
	}
	return n
}
