package moderate

import (
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// minorAgeTerm is the pseudo-term of rule groups that stands for the age
// of a child as people write it in the markets' languages: "14yo", "13 y/o",
// "15 years old", "aged 12", "13-15", "de 12 a 14 años", "14 ans",
// "14 Jahre", "14岁", "十四岁", "14歳", "14살". Sets list the spelled-out
// forms ("fourteen year old"); digits are too many combinations for sets.
// Ages 5 to 17 count; a range counts when both ends are.
const minorAgeTerm = "<minor_age>"

const (
	reAge     = `(?:1[0-7]|[5-9])`
	reAgeUnit = `(?:y\.?o\b\.?|y/o|yrs?\b(?: old)?|years?(?: |-)?old|year(?: |-)?olds?|anos\b|ans\b|jahre\b|jahrige\w*|岁|歳|才|살|세)`
	reAgeTo   = `(?:-|–|~|～|to|a|à|bis|到|至)`
)

var (
	// "14yo", "13-15 y/o", "de 12 a 14 anos" (the folded view has no accents).
	reMinorAgeUnit = regexp.MustCompile(`(?:^|[^0-9.,:])(` + reAge + `(?:\s*` + reAgeTo + `\s*` + reAge + `)?\s*-?\s*` + reAgeUnit + `)`)
	// "13-15", "12 to 14": both ends read apart to check the order. A
	// comma or full stop may follow when a space does ("10-13, will
	// trade"), not when a digit does (a decimal: "10-13,5").
	reMinorAgeRange = regexp.MustCompile(`(?:^|[^0-9.,:/])((1[0-7]|[5-9])\s*(?:-|–|~|～|to)\s*(1[0-7]))(?:$|[^0-9.,:/%]|[.,](?:\s|$))`)
	// "de 12 y 13", "of 13 and 14", "entre 12 e 14": two ages joined by
	// a word after "de", "of" or "entre" (round 24: "contenido de p3nd3j4s
	// de 12 y 13"); the second is above the first by one to three.
	reMinorAgePair = regexp.MustCompile(`(?:^|\s)(?:de|of|von|entre|between)\s+((1[0-7]|[5-9])\s+(?:y|e|et|and|und|o|ou|or)\s+(1[0-7]))(?:$|[^0-9.,:/%]|[.,](?:\s|$))`)
	// "aged 13", "age: 14", "edad 12", "idade 13", "Alter 14".
	reMinorAgeWord = regexp.MustCompile(`\b(?:age|aged|edad|idade|alter)\s*:?\s*(` + reAge + `)(?:$|[^0-9.,])`)
	// minorAgeWords are the words reMinorAgeWord starts with.
	minorAgeWords = []string{"age", "edad", "idade", "alter"}
	// "十四岁", "七歳": Chinese numerals, not the end of a larger number (二十四岁).
	reMinorAgeHan = regexp.MustCompile(`(?:^|[^一二三四五六七八九十百两〇零0-9])((?:十[一二三四五六七]?|[五六七八九])\s*(?:岁|歳|才))`)
)

// Ages spelled out (round 40, F58: "bist du echt erst vierzehn?", "are you
// really only fourteen?", "tienes catorce años"): a spelled number from five
// to seventeen in one of the Latin-script languages, with a year unit after
// it (as digits take one) or, for ten to seventeen, a word before it that
// gives an age (only, erst, bist du, tienes, você tem), unless the next word
// counts something else (minutes, euros, times). Korean counts ages in its
// native numbers (열네 살). The folded view has no accents.
const (
	reSpelledAge = `(?:five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|` +
		`funf|sechs|sieben|acht|neun|zehn|elf|zwolf|dreizehn|vierzehn|funfzehn|sechzehn|siebzehn|` +
		`cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|dieciseis|diecisiete|` +
		`sete|oito|nove|dez|onze|doze|treze|catorze|quatorze|quinze|dezesseis|dezasseis|dezessete|dezassete|` +
		`cinq|sept|huit|neuf|dix|douze|treize|seize|dix-sept|dix sept)`
	reSpelledTeen = `(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|` +
		`zehn|elf|zwolf|dreizehn|vierzehn|funfzehn|sechzehn|siebzehn|` +
		`diez|once|doce|trece|catorce|quince|dieciseis|diecisiete|` +
		`dez|onze|doze|treze|catorze|quatorze|quinze|dezesseis|dezasseis|dezessete|dezassete)`
	reAgeCue = `(?:only|just|are you|you're|youre|you are|she's|shes|she is|he's|hes|he is|i'm|im|i am|turned|turning|` +
		`erst|bist du|du bist|sie ist|er ist|ich bin|wird|gerade mal|` +
		`tienes|tiene|tengo|solo|cumples|cumple|cumplio|` +
		`tem|tens|tenho|voce tem|so|fez|completou)`
)

var (
	// A spelled number before a bare year unit counts time as often as
	// an age ("el DIU dura hasta diez años"): only after a word that gives
	// an age (niña de, tiene, elle a, com) is it one. "years old" always is.
	reMinorAgeSpelledUnit = regexp.MustCompile(`\b(` + reSpelledAge + `\s*-?\s*(?:years?(?: |-)?old|year(?: |-)?olds?|yo\b|y/o|jahrige\w*|jahre alt\b))`)
	// After "de" only when no count of time comes before it: "niña de
	// doce años", "une gamine de treize ans", but not "hace más de diez
	// años" (spelledSpanBefore).
	reMinorAgeSpelledBare = regexp.MustCompile(`\b(?:tiene|tienes|tengo|cumple|cumplio|elle a|il a|tu as|j'ai|qui a|avait|tem|tens|tenho|com|fez|ist|bist|bin|mit|wird|de)\s+(` +
		reSpelledAge + `\s+(?:anos|ans|jahre|jahren)\b)`)
	reMinorAgeSpelledCue = regexp.MustCompile(`\b` + reAgeCue + `\s+(?:(?:really|echt|wirklich|de verdad|mesmo|msm)\s+)?(?:(?:only|erst|solo|so)\s+)?(` + reSpelledTeen + `)\b`)
	reMinorAgeKoNative   = regexp.MustCompile(`(?:^|[^\p{Hangul}])((?:열|열한|열두|열세|열네|열다섯|열여섯|열일곱|다섯|여섯|일곱|여덟|아홉)\s*살)`)
	// notAgeNouns, right after a spelled number, count something else.
	notAgeNouns = []string{
		"minute", "hour", "day", "week", "month", "time", "buck", "dollar", "euro", "pound", "people", "item", "page", "mile", "km",
		"minuten", "stunden", "tage", "wochen", "monate", "mal", "leute", "seiten",
		"minutos", "horas", "dias", "semanas", "meses", "veces", "pesos", "dolares", "personas", "reais", "vezes", "pessoas",
		"heures", "jours", "semaines", "mois", "fois", "personnes",
	}
	// spelledAgeWords are the words of reSpelledAge and the Korean native
	// numbers, folded: a field without one is not read for a spelled age.
	spelledAgeWords = func() map[string]bool {
		m := map[string]bool{}
		for _, w := range strings.Split(strings.NewReplacer("(?:", "", ")", "", "-", "|", " ", "|").Replace(reSpelledAge), "|") {
			m[w] = true
		}
		for _, w := range []string{"열", "열한", "열두", "열세", "열네", "열다섯", "열여섯", "열일곱", "다섯", "여섯", "일곱", "여덟", "아홉"} {
			m[w] = true
		}
		return m
	}()
)

// spanBeforeDe are the words before "de" that make the number after it a
// span of time: más de, menos de, plus de, mais de.
var spanBeforeDe = []string{"mas", "menos", "plus", "moins", "mais", "cerca", "alrededor", "apres", "despues", "antes", "avant", "durante", "pendant", "depuis", "hace", "ha", "faz"}

// spelledSpanBefore reports whether before (the folded text up to a
// spelled age) ends in "de" after a word of spanBeforeDe.
func spelledSpanBefore(before string) bool {
	f := strings.Fields(before)
	if len(f) < 2 || f[len(f)-1] != "de" {
		return false
	}
	return slices.Contains(spanBeforeDe, strings.Trim(f[len(f)-2], ",.;:!?()"))
}

// spelledAgeFollowedByCount reports whether the word after a spelled
// number counts something other than years.
func spelledAgeFollowedByCount(after string) bool {
	after = strings.TrimLeft(after, " \t\n\r")
	for _, n := range notAgeNouns {
		if strings.HasPrefix(after, n) {
			return true
		}
	}
	return false
}

// minorAgeHint is a cheap test for the original text s that may hold an
// age: a digit or a Chinese numeral, and a unit, an age word or a range
// mark; or, spelled, a number written as a word (hasSpelledAge).
func minorAgeHint(s string, spelled bool) bool {
	if !ageDigitRunes.in(s) {
		return spelled
	}
	return spelled || ageUnitRunes.in(s) || containsFold(s, ageHintWords)
}

// ageDigitRunes and ageUnitRunes are minorAgeHint's runes (runeset.go).
var (
	ageDigitRunes = newRuneSet("0123456789０１２３４５６７８９十五六七八九")
	ageUnitRunes  = newRuneSet("-–~～岁歲歳才살세")
)

// spelledAgeFirst marks the first bytes of spelledAgeWords, and
// spelledAgeMax is the longest in bytes: most words of a field are skipped
// without a map lookup.
var spelledAgeFirst, spelledAgeMax = func() (first [256]bool, longest int) {
	for w := range spelledAgeWords {
		first[w[0]] = true
		longest = max(longest, len(w))
	}
	return first, longest
}()

// hasSpelledAge reports whether the folded text s holds a word of
// spelledAgeWords, without allocating.
func hasSpelledAge(s string) bool {
	isWord := func(w string) bool {
		return len(w) >= 3 && len(w) <= spelledAgeMax && spelledAgeFirst[w[0]] && spelledAgeWords[w]
	}
	start := -1
	for i, r := range s {
		letter := r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') || r >= utf8.RuneSelf && unicode.IsLetter(r)
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			if isWord(s[start:i]) {
				return true
			}
			start = -1
		}
	}
	return start >= 0 && isWord(s[start:])
}

var ageHintWords = []string{"yo", "y/o", "y.o", "yr", "year", "año", "ano", "ans", "jahr", "age", "edad", "idade", "alter", " to ", " a ", " à ", "bis", "到", "至", " y ", " e ", " et ", " and ", " und ", " o ", " ou ", " or "}

// containsFold reports whether s holds one of the words, ignoring ASCII case.
func containsFold(s string, words []string) bool {
	l := strings.ToLower(s)
	for _, w := range words {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// A bare year unit (años, anos, ans, Jahre, yrs) counts a span of time as
// often as an age: "gracias por estos 10 años", "há 12 anos", "depuis 10
// ans", "for 12 yrs". After a word that opens a span of time the number is
// no child's age; "de 12 años", "tiene 12 años", "14 ans" alone still are.
var (
	reBareYearUnit = regexp.MustCompile(`(?:anos|ans|jahre|yrs?)$`)
	durationWords  = []string{
		"estos", "esos", "aquellos", "hace", "durante", "por", "tras", "ultimos", "proximos", "unos", "cada", "desde",
		"estes", "esses", "ha", "faz", "fazem", "apos", "depois", "nestes", "nesses", "uns",
		"depuis", "pendant", "ces", "apres", "dans", "derniers", "prochains", "environ",
		"vor", "seit", "nach", "fur", "uber", "diese", "letzten", "nachsten", "etwa", "knapp",
		"for", "these", "past", "last", "next", "after", "in", "over", "about", "every",
	}
)

// duration reports whether the age match m, between before and after in
// the folded text, ends in a bare year unit that counts time: after a word
// that opens a span of time, or before a Spanish or Portuguese gerund ("15
// años juntando cartas", "10 anos trabalhando").
func duration(before, m, after string) bool {
	if !reBareYearUnit.MatchString(strings.TrimSpace(m)) {
		return false
	}
	const space = " \t\n\r"
	before = strings.TrimRight(before, space)
	prev := before[strings.LastIndexAny(before, space)+1:]
	if slices.Contains(durationWords, strings.Trim(prev, ",.;:!?()\"'")) {
		return true
	}
	after = strings.TrimLeft(after, space)
	next := after
	if k := strings.IndexAny(after, space); k >= 0 {
		next = after[:k]
	}
	next = strings.Trim(next, ",.;:!?()")
	return len(next) > 4 && (strings.HasSuffix(next, "ando") || strings.HasSuffix(next, "endo") || strings.HasSuffix(next, "indo"))
}

// minorAges returns the byte ranges of the folded string s that give a
// child's age.
func minorAges(s string) [][2]int { return readMinorAges(s, hasSpelledAge(s)) }

// readMinorAges is minorAges for a field already known to hold a spelled
// number (spelled) or not.
func readMinorAges(s string, spelled bool) [][2]int {
	var out [][2]int
	// Each pattern is read only where the text holds what it cannot match
	// without: a number that could be an age, an age word, a Han age unit.
	digits := hasAgeNumber(s)
	for _, re := range []*regexp.Regexp{reMinorAgeUnit, reMinorAgeWord, reMinorAgeHan} {
		switch {
		case re == reMinorAgeHan && !strings.ContainsAny(s, "岁歳才"),
			re != reMinorAgeHan && !digits,
			re == reMinorAgeWord && !containsAny(s, minorAgeWords):
			continue
		}
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			if re == reMinorAgeUnit && duration(s[:m[2]], s[m[2]:m[3]], s[m[3]:]) {
				continue
			}
			out = append(out, [2]int{m[2], m[3]})
		}
	}
	var spelledRes []*regexp.Regexp
	if spelled {
		spelledRes = []*regexp.Regexp{reMinorAgeSpelledUnit, reMinorAgeSpelledBare, reMinorAgeSpelledCue, reMinorAgeKoNative}
	}
	for _, re := range spelledRes {
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			if re == reMinorAgeSpelledBare && spelledSpanBefore(s[:m[2]]) {
				continue
			}
			overlaps := slices.ContainsFunc(out, func(r [2]int) bool { return r[0] < m[3] && m[2] < r[1] })
			if !overlaps && (re != reMinorAgeSpelledCue || !spelledAgeFollowedByCount(s[m[3]:])) {
				out = append(out, [2]int{m[2], m[3]})
			}
		}
	}
	if !digits {
		return out
	}
	for _, m := range reMinorAgeRange.FindAllStringSubmatchIndex(s, -1) {
		lo, _ := strconv.Atoi(s[m[4]:m[5]])
		hi, _ := strconv.Atoi(s[m[6]:m[7]])
		if lo < hi {
			out = append(out, [2]int{m[2], m[3]})
		}
	}
	for _, m := range reMinorAgePair.FindAllStringSubmatchIndex(s, -1) {
		lo, _ := strconv.Atoi(s[m[4]:m[5]])
		hi, _ := strconv.Atoi(s[m[6]:m[7]])
		if lo < hi && hi-lo <= 3 {
			out = append(out, [2]int{m[2], m[3]})
		}
	}
	return out
}

// hasAgeNumber reports whether s holds a run of ASCII digits that reads 5
// to 17 (reAge), which every digit pattern of readMinorAges needs: each
// reads its ages as whole numbers, with no digit before or after. Most
// fields with digits have none ("abc12345", "2 hours"), and their regular
// expressions are not run.
func hasAgeNumber(s string) bool {
	for i := 0; i < len(s); {
		if !isASCIIDigit(rune(s[i])) {
			i++
			continue
		}
		j := i
		for j < len(s) && isASCIIDigit(rune(s[j])) {
			j++
		}
		switch j - i {
		case 1:
			if s[i] >= '5' {
				return true
			}
		case 2:
			if s[i] == '1' && s[i+1] <= '7' {
				return true
			}
		}
		i = j
	}
	return false
}

// minorAgeMatches adds a match of the <minor_age> pattern for every age
// of a child in the field, on the skeleton runes it covers.
func (d *RulesDetector) minorAgeMatches(t *Text, ms []match) []match {
	if d.set.minorAge < 0 || !recognizerWanted(ms, feedsAges) {
		return ms
	}
	f := unleetDigits(t.Folded.String())
	spelled := hasSpelledAge(f)
	if !minorAgeHint(t.Original, spelled) {
		return ms
	}
	return d.recognized(t, d.set.minorAge, readMinorAges(f, spelled), ms)
}

// recognized adds a match of pattern pi (a pseudo-term such as
// <minor_age> or <price>) for every byte range of the folded text in rs,
// on the skeleton runes it covers.
func (d *RulesDetector) recognized(t *Text, pi int, rs [][2]int, ms []match) []match {
	f := &t.Folded
	for _, r := range rs {
		sp := f.OriginalSpan(r[0], r[1])
		if a, b, ok := skeletonRange(&t.Skeleton, sp.Start, sp.End); ok {
			ms = append(ms, match{p: &d.m.patterns[pi], i: a, j: b})
		}
	}
	return ms
}

// skeletonRange returns the skeleton runes [a, b) that lie inside the
// bytes [start, end) of the original, without trailing spaces.
func skeletonRange(sk *View, start, end int) (a, b int, ok bool) {
	a = sort.Search(len(sk.Spans), func(k int) bool { return sk.Spans[k].Start >= start })
	b = a
	for b < len(sk.Spans) && sk.Spans[b].End <= end {
		b++
	}
	for b > a && sk.Runes[b-1] == ' ' {
		b--
	}
	return a, b, a < b
}

// recognizerWanted reports whether a rule that reads a pseudo-term of
// code (feedsAges: <minor_age>; feedsPrices: <price>; feedsMentions:
// <mention>; feedsCashtags: <cashtag>) has another of its
// groups among the matches: without one, the pseudo-term completes
// nothing, and the field is not read for it.
func recognizerWanted(ms []match, feeds uint8) bool {
	for _, m := range ms {
		if m.p.feeds&feeds != 0 {
			return true
		}
	}
	return false
}
