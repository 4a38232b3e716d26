package moderate

import (
	"regexp"
	"strings"
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
func mentions(s string) [][2]int {
	var out [][2]int
	for _, m := range reMention.FindAllStringSubmatchIndex(s, -1) {
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
