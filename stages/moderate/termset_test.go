package moderate

import (
	"strings"
	"testing"
)

// termSet answers as containsAny does, term list by term list.
func TestTermSetAnswersAsContainsAny(t *testing.T) {
	t.Parallel()
	texts := []string{"", "加我微信 abc，日赚500", "barely used bike, $300, local pickup", "ich verdiene geld", "nothing here at all",
		"💰💰 free money", "über 50 % rabatt", "限时优惠"}
	for _, list := range [][]string{spamSigns, offerSigns, saleSigns} {
		ts := newTermSet(list)
		for _, s := range texts {
			if got, want := ts.in(s), containsAny(s, list); got != want {
				t.Errorf("%q in a list of %d terms: %v, containsAny says %v", s, len(list), got, want)
			}
		}
	}
}

func FuzzTermSetAnswersAsContainsAny(f *testing.F) {
	for _, s := range []string{"加我微信", "earn money", "rabatt", "", "\xff\xfe"} {
		f.Add(s)
	}
	ts := newTermSet(spamSigns)
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.ToLower(s)
		if got, want := ts.in(s), containsAny(s, spamSigns); got != want {
			t.Errorf("%q: termSet %v, containsAny %v", s, got, want)
		}
	})
}
