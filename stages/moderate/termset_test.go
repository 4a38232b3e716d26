package moderate

import (
	"strings"
	"testing"
)

// termSetLists are lists of every shape a termSet holds: Latin words,
// numbers, Han, kana, Hangul and emoji, one-byte and two-byte terms, terms
// inside other terms.
var termSetLists = [][]string{
	spamSigns, offerSigns, saleSigns, exposureIntent.list,
	{"t", "du", "il", "tu es", "你", "妳", "さん", "너", "😂"},
	{"c/", "av.", "st ", "rd ", "ring", "110", "1v1", "2k", "草", "ｗｗ", "ㅋㅋ"},
	{"kill", "killer", "skill", "杀", "杀了你", "죽여", "殺す"},
}

// termSetTexts touch the lists' terms at word edges and inside words.
var termSetTexts = []string{
	"", "加我微信 abc，日赚500", "barely used bike, $300, local pickup", "ich verdiene geld", "nothing here at all",
	"💰💰 free money", "über 50 % rabatt", "限时优惠", "skillful killer", "kill", "a kill.", "killing", "我要杀了你",
	"call 110 now", "1100 people", "the 1v1 was 2k", "grilled chicken breast with garlic", "c/ mayor 5", "st ",
	"大家去找他", "descuidado", "cuidado con ese", "tu es là", "dutch", "du bist", "你好", "さん付け", "너무 좋아",
	"😂😂", "ｗｗｗ", "ㅋㅋㅋ", "\xff\xfe", "t", "it's t", "草生える", "ring ring", "bring it",
}

// exposureIntentByTerm is hasExposureIntent as it read the text term by
// term before exposureIntent was a termSet: a Latin term must start a word.
func exposureIntentByTerm(s string) bool {
	for _, w := range exposureIntent.list {
		for from := 0; ; {
			i := strings.Index(s[from:], w)
			if i < 0 {
				break
			}
			i += from
			if w[0] >= 0x80 || i == 0 || !isASCIIWordByte(s[i-1]) {
				return true
			}
			from = i + 1
		}
	}
	return false
}

// agreesTermByTerm reports the first way a termSet of list answers s
// otherwise than the term-by-term functions, or "".
func agreesTermByTerm(ts *termSet, list []string, s string) string {
	switch {
	case ts.in(s) != containsAny(s, list):
		return "in"
	case ts.anyTerm(s) != containsTermAny(s, list):
		return "anyTerm"
	case ts.anyWord(s) != containsWordAny(s, list):
		return "anyWord"
	}
	return ""
}

func TestTermSetAnswersAsTheTermByTermFunctions(t *testing.T) {
	t.Parallel()
	for _, list := range termSetLists {
		ts := newTermSet(list)
		if len(ts.list) != len(list) {
			t.Fatalf("a termSet of %d terms keeps %d", len(list), len(ts.list))
		}
		for _, s := range termSetTexts {
			if how := agreesTermByTerm(ts, list, s); how != "" {
				t.Errorf("%q in a list of %d terms (%q …): %s differs", s, len(list), list[0], how)
			}
		}
	}
	for _, s := range termSetTexts {
		if got, want := hasExposureIntent(s), exposureIntentByTerm(s); got != want {
			t.Errorf("hasExposureIntent(%q) = %v, term by term %v", s, got, want)
		}
	}
}

func TestAnEmptyTermSetHoldsNothing(t *testing.T) {
	t.Parallel()
	for _, ts := range []*termSet{nil, newTermSet(), newTermSet([]string{""})} {
		if ts.in("anything") || ts.anyTerm("anything") || ts.anyWord("") {
			t.Errorf("an empty termSet found a term")
		}
	}
}

func FuzzTermSetAnswersAsTheTermByTermFunctions(f *testing.F) {
	for _, s := range termSetTexts {
		f.Add(s)
	}
	sets := make([]*termSet, len(termSetLists))
	for i, list := range termSetLists {
		sets[i] = newTermSet(list)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.ToLower(s)
		for i, ts := range sets {
			if how := agreesTermByTerm(ts, termSetLists[i], s); how != "" {
				t.Errorf("%q, list %d: %s differs", s, i, how)
			}
		}
		if got, want := hasExposureIntent(s), exposureIntentByTerm(s); got != want {
			t.Errorf("hasExposureIntent(%q) = %v, term by term %v", s, got, want)
		}
	})
}
