package moderate

import "strings"

// termSet answers whether a text holds any of many terms as a substring,
// the question containsAny answers term by term: the terms are indexed by
// their first byte, so a text is read once and, at each byte, only the
// terms that start with it are compared. spamSigns has hundreds of terms
// and is asked of every note of a campaign, which in a flood is every
// note.
type termSet struct {
	byFirst [256][]string
}

func newTermSet(terms ...[]string) *termSet {
	ts := &termSet{}
	for _, list := range terms {
		for _, t := range list {
			if t != "" {
				ts.byFirst[t[0]] = append(ts.byFirst[t[0]], t)
			}
		}
	}
	return ts
}

// in reports whether s contains one of the terms.
func (ts *termSet) in(s string) bool {
	for i := 0; i < len(s); i++ {
		for _, t := range ts.byFirst[s[i]] {
			if strings.HasPrefix(s[i:], t) {
				return true
			}
		}
	}
	return false
}
