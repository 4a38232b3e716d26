package detect

import (
	lingua "github.com/pemistahl/lingua-go"
)

// lingua-go does not decide by n-grams alone: before scoring, two rules on
// the letters of the text narrow the candidates, and short texts depend on
// them (a Turkish "ışık" or a Vietnamese "được" is decided by its letters,
// not by its few n-grams). lingua keeps the tables of those rules
// unexported, so the letter facts they rest on are stated again here, per
// language; letterRules applies them the way lingua does.

// uniqueLetters are letters written, among lingua's languages, by one
// language only. A word that has them votes for that language.
var uniqueLetters = map[lingua.Language]string{
	lingua.Azerbaijani: "Əə",
	lingua.Catalan:     "Ïï",
	lingua.Czech:       "ĚěŘřŮů",
	lingua.Esperanto:   "ĈĉĜĝĤĥĴĵŜŝŬŭ",
	lingua.German:      "ß",
	lingua.Hungarian:   "ŐőŰű",
	lingua.Kazakh:      "ӘәҒғҚқҢңҰұ",
	lingua.Latvian:     "ĢģĶķĻļŅņ",
	lingua.Lithuanian:  "ĖėĮįŲų",
	lingua.Macedonian:  "ЃѓЅѕЌќЏџ",
	lingua.Marathi:     "ळ",
	lingua.Mongolian:   "ӨөҮү",
	lingua.Polish:      "ŁłŃńŚśŹź",
	lingua.Romanian:    "Țţ",
	lingua.Serbian:     "ЂђЋћ",
	lingua.Slovak:      "ĹĺĽľŔŕ",
	lingua.Ukrainian:   "ҐґЄєЇї",
	// lingua's list lacks Ảả, which only Vietnamese writes too.
	lingua.Vietnamese: "ẢảẰằẦầẲẳẨẩẴẵẪẫẮắẤấẠạẶặẬậỀềẺẻỂểẼẽỄễẾếỆệỈỉĨĩỊịƠơỒồỜờỎỏỔổỞởỖỗỠỡỐốỚớỘộỢợ" +
		"ƯưỪừỦủỬửŨũỮữỨứỤụỰựỲỳỶỷỸỹỴỵ",
	lingua.Yoruba: "ŌōṢṣ",
}

// sharedLetters are letters written by a few languages only: a text in
// which at least half of the words have such a letter is one of those
// languages (and "ñ" leaves Spanish and Basque).
var sharedLetters = []struct {
	letters string
	langs   []lingua.Language
}{
	{"Ãã", []lingua.Language{lingua.Portuguese, lingua.Vietnamese}},
	{"ĄąĘę", []lingua.Language{lingua.Lithuanian, lingua.Polish}},
	{"Żż", []lingua.Language{lingua.Polish, lingua.Romanian}},
	{"Îî", []lingua.Language{lingua.French, lingua.Romanian}},
	{"Ññ", []lingua.Language{lingua.Basque, lingua.Spanish}},
	{"ŇňŤť", []lingua.Language{lingua.Czech, lingua.Slovak}},
	{"Ăă", []lingua.Language{lingua.Romanian, lingua.Vietnamese}},
	{"İıĞğ", []lingua.Language{lingua.Azerbaijani, lingua.Turkish}},
	{"ЈјЉљЊњ", []lingua.Language{lingua.Macedonian, lingua.Serbian}},
	{"ẸẹỌọ", []lingua.Language{lingua.Vietnamese, lingua.Yoruba}},
	{"ÐðÞþ", []lingua.Language{lingua.Icelandic, lingua.Turkish}},
	{"Ûû", []lingua.Language{lingua.French, lingua.Hungarian}},
	{"Ōō", []lingua.Language{lingua.Maori, lingua.Yoruba}},
	{"ĀāĒēĪī", []lingua.Language{lingua.Latvian, lingua.Maori, lingua.Yoruba}},
	{"Şş", []lingua.Language{lingua.Azerbaijani, lingua.Romanian, lingua.Turkish}},
	{"Ďď", []lingua.Language{lingua.Czech, lingua.Romanian, lingua.Slovak}},
	{"Ćć", []lingua.Language{lingua.Bosnian, lingua.Croatian, lingua.Polish}},
	{"Đđ", []lingua.Language{lingua.Bosnian, lingua.Croatian, lingua.Vietnamese}},
	{"Іі", []lingua.Language{lingua.Belarusian, lingua.Kazakh, lingua.Ukrainian}},
	{"Ìì", []lingua.Language{lingua.Italian, lingua.Vietnamese, lingua.Yoruba}},
	{"Øø", []lingua.Language{lingua.Bokmal, lingua.Danish, lingua.Nynorsk}},
	{"Ūū", []lingua.Language{lingua.Latvian, lingua.Lithuanian, lingua.Maori, lingua.Yoruba}},
	{"Ëë", []lingua.Language{lingua.Afrikaans, lingua.Albanian, lingua.Dutch, lingua.French}},
	{"ÈèÙù", []lingua.Language{lingua.French, lingua.Italian, lingua.Vietnamese, lingua.Yoruba}},
	{"Êê", []lingua.Language{lingua.Afrikaans, lingua.French, lingua.Portuguese, lingua.Vietnamese}},
	{"Õõ", []lingua.Language{lingua.Estonian, lingua.Hungarian, lingua.Portuguese, lingua.Vietnamese}},
	{"Ôô", []lingua.Language{lingua.French, lingua.Portuguese, lingua.Slovak, lingua.Vietnamese}},
	{"ЁёЫыЭэ", []lingua.Language{lingua.Belarusian, lingua.Kazakh, lingua.Mongolian, lingua.Russian}},
	{"ЩщЪъ", []lingua.Language{lingua.Bulgarian, lingua.Kazakh, lingua.Mongolian, lingua.Russian}},
	{"Òò", []lingua.Language{lingua.Catalan, lingua.Italian, lingua.Vietnamese, lingua.Yoruba}},
	{"Ææ", []lingua.Language{lingua.Bokmal, lingua.Danish, lingua.Icelandic, lingua.Nynorsk}},
	{"Åå", []lingua.Language{lingua.Bokmal, lingua.Danish, lingua.Nynorsk, lingua.Swedish}},
	{"Ýý", []lingua.Language{lingua.Czech, lingua.Icelandic, lingua.Slovak, lingua.Turkish, lingua.Vietnamese}},
	{"Ää", []lingua.Language{lingua.Estonian, lingua.Finnish, lingua.German, lingua.Slovak, lingua.Swedish}},
	{"Àà", []lingua.Language{lingua.Catalan, lingua.French, lingua.Italian, lingua.Portuguese, lingua.Vietnamese}},
	{"Ââ", []lingua.Language{lingua.French, lingua.Portuguese, lingua.Romanian, lingua.Turkish, lingua.Vietnamese}},
	{"Üü", []lingua.Language{lingua.Azerbaijani, lingua.Catalan, lingua.Estonian, lingua.German, lingua.Hungarian, lingua.Spanish, lingua.Turkish}},
	{"ČčŠšŽž", []lingua.Language{lingua.Bosnian, lingua.Czech, lingua.Croatian, lingua.Latvian, lingua.Lithuanian, lingua.Slovak, lingua.Slovene}},
	{"Çç", []lingua.Language{lingua.Albanian, lingua.Azerbaijani, lingua.Basque, lingua.Catalan, lingua.French, lingua.Portuguese, lingua.Turkish}},
	{"Öö", []lingua.Language{lingua.Azerbaijani, lingua.Estonian, lingua.Finnish, lingua.German, lingua.Hungarian, lingua.Icelandic, lingua.Swedish, lingua.Turkish}},
	{"Óó", []lingua.Language{lingua.Catalan, lingua.Hungarian, lingua.Icelandic, lingua.Irish, lingua.Polish, lingua.Portuguese, lingua.Slovak, lingua.Spanish, lingua.Vietnamese, lingua.Yoruba}},
	{"ÁáÍíÚú", []lingua.Language{lingua.Catalan, lingua.Czech, lingua.Icelandic, lingua.Irish, lingua.Hungarian, lingua.Portuguese, lingua.Slovak, lingua.Spanish, lingua.Vietnamese, lingua.Yoruba}},
	{"Éé", []lingua.Language{lingua.Catalan, lingua.Czech, lingua.French, lingua.Hungarian, lingua.Icelandic, lingua.Irish, lingua.Italian, lingua.Portuguese, lingua.Slovak, lingua.Spanish, lingua.Vietnamese, lingua.Yoruba}},
}

// letterRules holds the letter facts above for the languages of one
// script group, as bit masks over the group's language indices.
type letterRules struct {
	unique map[rune]int8   // letter → the one group language that writes it
	shared map[rune]uint64 // letter → the group languages among the few that write it
}

func newLetterRules(langs []lingua.Language) letterRules {
	r := letterRules{unique: map[rune]int8{}, shared: map[rune]uint64{}}
	for i, l := range langs {
		for _, c := range uniqueLetters[l] {
			r.unique[c] = int8(i)
		}
	}
	for _, s := range sharedLetters {
		var mask uint64
		for i, l := range langs {
			for _, sl := range s.langs {
				if sl == l {
					mask |= 1 << i
				}
			}
		}
		if mask == 0 {
			continue
		}
		for _, c := range s.letters {
			r.shared[c] |= mask
		}
	}
	return r
}

// apply runs lingua's two letter rules on the lower-case words of one
// script. decided is the index of the language the letters alone decide,
// or -1; allowed is the mask of the languages that may compete on n-grams
// (all when the letters do not narrow them).
func (r *letterRules) apply(words []string, all uint64) (decided int, allowed uint64) {
	decided, allowed = -1, all
	if len(words) == 0 {
		return decided, allowed
	}
	half := float64(len(words)) / 2

	// Rule 1: each word votes for the language whose unique letters it
	// has most of (no vote on a tie or none); the language with most
	// votes wins if the words without a vote are fewer than half.
	if len(r.unique) > 0 {
		var votes [maxGroupLanguages + 1]int // last index: no vote
		const none = maxGroupLanguages
		for _, w := range words {
			var counts [maxGroupLanguages]uint16
			for _, c := range w {
				if li, ok := r.unique[c]; ok {
					counts[li]++
				}
			}
			first, second := -1, -1
			for li, n := range counts {
				switch {
				case n == 0:
				case first < 0 || n > counts[first]:
					first, second = li, first
				case second < 0 || n > counts[second]:
					second = li
				}
			}
			if first < 0 || second >= 0 && counts[second] == counts[first] {
				votes[none]++
			} else {
				votes[first]++
			}
		}
		if float64(votes[none]) < half {
			votes[none] = 0
		}
		top, topVotes, secondVotes := -1, 0, 0
		for li, v := range votes {
			switch {
			case v > topVotes:
				top, topVotes, secondVotes = li, v, topVotes
			case v > secondVotes:
				secondVotes = v
			}
		}
		if top >= 0 && top != none && topVotes > secondVotes {
			return top, 1 << top
		}
	}

	// Rule 2: a language that at least half of the words' letters point
	// to (one count per word and distinct letter) is in the subset that
	// competes; no such language leaves all of them in.
	if len(r.shared) > 0 {
		var counts [maxGroupLanguages]int
		var seen [8]rune
		for _, w := range words {
			n := 0
		letters:
			for _, c := range w {
				mask, ok := r.shared[c]
				if !ok {
					continue
				}
				for _, s := range seen[:n] {
					if s == c {
						continue letters
					}
				}
				if n < len(seen) {
					seen[n] = c
					n++
				}
				for li := 0; mask != 0; li++ {
					if mask&1 != 0 {
						counts[li]++
					}
					mask >>= 1
				}
			}
		}
		var subset uint64
		for li, c := range counts {
			if c > 0 && float64(c) >= half {
				subset |= 1 << li
			}
		}
		if subset != 0 {
			allowed = subset & all
		}
	}
	if allowed != 0 && allowed&(allowed-1) == 0 {
		for li := 0; li < maxGroupLanguages; li++ {
			if allowed == 1<<li {
				return li, allowed
			}
		}
	}
	return -1, allowed
}
