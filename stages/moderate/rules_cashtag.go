package moderate

import (
	"regexp"
	"strings"
)

// cashtagTerm is the pseudo-term of rule groups that stands for a coin or
// a stock named by its ticker: "$MOONBABE", "$PEPEX", "$sol". A crypto
// pump names its coin that way in every language ("$MOONBABE va faire
// x100 ce soir", "$PEPEX vai bombar"), and the names are too many for sets.
// An amount ("$50", "US$ 20") is no cashtag: a letter must follow the $,
// and nothing of a word may stand right before it.
const cashtagTerm = "<cashtag>"

// reCashtag finds tickers in the folded text: a $ at the start or after a
// rune that is no Latin letter, digit or $, then a letter and one to eleven
// letters or digits, which no Latin letter or digit continues (Chinese or
// Japanese may: "$ZORKA今晚起飞").
var reCashtag = regexp.MustCompile(`(?:^|[^a-z0-9$])(\$[a-z][a-z0-9]{1,11})(?:[^a-z0-9]|$)`)

// cashtags returns the byte ranges of the tickers of s.
func cashtags(s string) [][2]int { return firstGroups(reCashtag, s) }

// cashtagMatches adds a <cashtag> match for each ticker of the field, when
// a rule that reads tickers has another group among the matches.
func (d *RulesDetector) cashtagMatches(t *Text, ms []match) []match {
	if d.set.cashtag < 0 || !recognizerWanted(ms, feedsCashtags) || !strings.Contains(t.Original, "$") {
		return ms
	}
	return d.recognized(t, d.set.cashtag, cashtags(t.Folded.String()), ms)
}
