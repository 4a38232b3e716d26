package moderate

import (
	"regexp"
	"strings"

	"github.com/notegate/notegate/models"
)

// mentionTerm is the pseudo-term of rule groups that stands for a person
// named by their handle: "@martina_fit", "@dani.ortega", "@지수_운동",
// "@小晴". A handle beside an insult points the insult at one person
// ("la g0rd4 d3 @martina_fit", "@thiago.fit tu é um m0ngu0l0id3"), which
// the same insult beside a thing ("the stupid printer") is not; the
// handle's characters are too many combinations for sets. An e-mail
// address is no mention: a letter or digit before the @ rules it out.
const mentionTerm = "<mention>"

// reMention finds handles: an @ at the start or after a non-word rune,
// then two or more letters, digits, dots or underscores.
var reMention = regexp.MustCompile(`(?:^|[^\p{L}\p{N}_.@])(@[\p{L}\p{N}_][\p{L}\p{N}_.]+)`)

// mentions returns the byte ranges of the handles of s.
func mentions(s string) [][2]int { return firstGroups(reMention, s) }

// firstGroups returns the byte ranges of the first capturing group of
// every match of re in s.
func firstGroups(re *regexp.Regexp, s string) [][2]int {
	var out [][2]int
	for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
		out = append(out, [2]int{m[2], m[3]})
	}
	return out
}

// mentionMatches adds a <mention> match for each handle of the field, when
// a rule that reads handles has another group among the matches.
func (d *RulesDetector) mentionMatches(t *Text, ms []match) []match {
	if d.set.mention < 0 || !recognizerWanted(ms, feedsMentions) || !strings.Contains(t.Original, "@") {
		return ms
	}
	return d.recognized(t, d.set.mention, mentions(t.Folded.String()), ms)
}

// A handle is a name someone chose for themselves: "@flamengo_ate_morrer"
// (a fan "to the death"), "@胆小鬼本鬼", "@killer_queen_88". Its words are
// not the author's, so a threat, a death wish, a swear word or an insult
// that lies wholly inside a handle is no evidence of the author's
// (handleWordsNotAuthors). A seller's or a promoter's handle is another
// matter ("DM @weedplug420", "@hot_pics_vip"): the categories of what is
// offered still read handles, as the <mention> pseudo-term does.
func handleWordsNotAuthors(c models.Category) bool {
	switch c {
	case models.CategoryViolence, models.CategorySelfHarm, models.CategoryProfanity,
		models.CategoryHarassment, models.CategoryHate:
		return true
	}
	return false
}

// handleRanges appends the skeleton runes [a, b) of each @handle of the
// field, the @ left out.
func handleRanges(t *Text, dst [][2]int) [][2]int {
	if !strings.Contains(t.Original, "@") {
		return dst
	}
	f := &t.Folded
	for _, r := range mentions(f.String()) {
		sp := f.OriginalSpan(r[0]+1, r[1])
		if a, b, ok := skeletonRange(&t.Skeleton, sp.Start, sp.End); ok {
			dst = append(dst, [2]int{a, b})
		}
	}
	return dst
}

// inHandle reports whether skeleton runes [i, j) lie wholly inside one
// of handles.
func inHandle(handles [][2]int, i, j int) bool {
	for _, h := range handles {
		if i >= h[0] && j <= h[1] {
			return true
		}
	}
	return false
}
