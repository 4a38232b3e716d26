package main

import (
	"fmt"
	"math"
	"os"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// refRe matches a cross-reference such as 天干[tian1 gan1] or
	// 貼吧|贴吧[tie1 ba1]; a gloss shows no Chinese.
	refRe = regexp.MustCompile(`[\p{Han}〇·・，0-9A-Za-z]*[\p{Han}〇][\p{Han}〇·・，0-9A-Za-z]*(\|[\p{Han}〇·・，0-9A-Za-z]+)?(\[[^\]]*\])?`)
	// bracketRe matches what is left of pinyin in brackets: Taiwan pr. [han4].
	bracketRe = regexp.MustCompile(`\[[^\]]*\]`)
	// parenRe matches the innermost parenthetical; applied until none is left.
	parenRe = regexp.MustCompile(`\([^()]*\)`)
	sbRe    = regexp.MustCompile(`\bsb\b`)
	sthRe   = regexp.MustCompile(`\bsth\b`)
	etcRe   = regexp.MustCompile(`\betc\.?$`)
	spaceRe = regexp.MustCompile(`\s+`)
	keyRe   = regexp.MustCompile(`^[A-Za-z][A-Za-z'-]*( [A-Za-z][A-Za-z'-]*){0,3}$`)
)

// explain, when set by -explain, prints every candidate for that key.
var explain string

// rejectPrefixes mark senses that describe the word rather than translate it.
var rejectPrefixes = []string{
	"surname ", "variant of", "old variant of", "erhua variant of", "archaic variant",
	"japanese variant", "unofficial variant", "also written", "see ", "see also",
	"used in ", "used for ", "abbr. for", "abbr. of", "cl:", "classifier for",
	"also pr.", "taiwan pr.", "pr. ", "(classifier", "component in",
	"radical ", "kangxi radical", "one of the ", "name of ",
}

// registerMarks flag senses that are not plain, everyday usage.
var registerMarks = []string{
	"literary", "archaic", "old)", "(old", "dialect", "cantonese", "(tw)", "taiwan",
	"slang", "coll.", "vulgar", "derog.", "euphemism", "onom.", "classical",
	"obsolete", "neologism", "buddhism", "taoism", "physics", "math.", "chemistry",
	"medicine", "biology", "sports", "basketball", "computing", "law)", "geology",
	"botany", "zoology", "anatomy", "linguistics", "old usage", "honorific",
	"humble", "mainly", "hokkien", "loanword from", "pejorative", "figurative",
	"(fig.)", "polite", "formal", "written", "(abbr.",
}

func isRejected(sense string) bool {
	s := strings.ToLower(strings.TrimSpace(sense))
	for _, p := range rejectPrefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func isMarked(sense string) bool {
	s := strings.ToLower(sense)
	for _, m := range registerMarks {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// cleanSense turns a CC-CEDICT sense into plain English: figurative reading
// of an idiom, no cross-references, pinyin or parentheticals, sb/sth spelt
// out.
func cleanSense(s string) string {
	s = figurative(s)
	s = strings.TrimPrefix(s, "lit. ")
	s = strings.TrimPrefix(s, "fig. ")
	s = refRe.ReplaceAllString(s, "")
	s = bracketRe.ReplaceAllString(s, "")
	for {
		t := parenRe.ReplaceAllString(s, "")
		if t == s {
			break
		}
		s = t
	}
	s = strings.NewReplacer("(", "", ")", "", "~", "", "|", "", "\"", "").Replace(s)
	s = sbRe.ReplaceAllString(s, "someone")
	s = sthRe.ReplaceAllString(s, "something")
	s = spaceRe.ReplaceAllString(s, " ")
	s = strings.Trim(s, " ,;:.")
	s = etcRe.ReplaceAllString(s, "")
	s = strings.Replace(s, " ,", ",", -1)
	return strings.Trim(s, " ,;:")
}

// figurative keeps the figurative reading of an idiom's sense,
// "lit. to play the lute to a cow (idiom); fig. to cast pearls before swine".
func figurative(s string) string {
	if i := strings.Index(s, "fig. "); i >= 0 && strings.HasPrefix(s, "lit.") {
		return s[i+len("fig. "):]
	}
	return s
}

// alternatives splits a sense at its semicolons ("tasty; delicious").
func alternatives(sense string) []string {
	var out []string
	for _, a := range strings.Split(figurative(sense), ";") {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}

// usableSenses returns the senses that translate the word, marked or not.
func usableSenses(e entry) []string {
	var out []string
	for _, s := range e.Senses {
		if !isRejected(s) {
			out = append(out, s)
		}
	}
	return out
}

// entryWeight says how good a source of a gloss an entry is: plain senses
// count fully, marked ones a little, and lower-case pinyin (not a proper
// noun) wins ties.
func entryWeight(e entry) float64 {
	w := 0.0
	for _, s := range usableSenses(e) {
		if isMarked(s) {
			w += 0.3
		} else {
			w++
		}
	}
	if e.Variant {
		w -= 0.5
	}
	if r, _ := utf8.DecodeRuneInString(e.Pinyin); unicode.IsLower(r) {
		w += 0.5
	}
	return w
}

// glossOf picks the gloss of one entry: the first alternative of the first
// plain sense, or of the first usable one.
func glossOf(e entry) string {
	if r, _ := utf8.DecodeRuneInString(e.Pinyin); unicode.IsUpper(r) {
		if g := glossOfSenses(e); g != "" {
			return properName(g)
		}
		return ""
	}
	return glossOfSenses(e)
}

func glossOfSenses(e entry) string {
	senses := usableSenses(e)
	if len(senses) == 0 {
		senses = e.Senses
	}
	pick := func(skipMarked bool) string {
		for _, s := range senses {
			if skipMarked && isMarked(s) {
				continue
			}
			for _, a := range alternatives(s) {
				if g := glossForm(cleanSense(a)); g != "" {
					return g
				}
			}
		}
		return ""
	}
	if g := pick(true); g != "" {
		return g
	}
	return pick(false)
}

// properName shortens the gloss of a name to the name itself:
// "Chengdu, sub-provincial city and capital of Sichuan Province" → Chengdu,
// "Shanghai municipality" → Shanghai.
func properName(s string) string {
	if i := strings.Index(s, ", "); i > 0 {
		s = s[:i]
	}
	for _, suf := range []string{" municipality", " prefecture-level city", " county-level city", " prefecture", " county", " city"} {
		if t := strings.TrimSuffix(s, suf); t != "" && len(strings.Fields(t)) <= 3 {
			s = t
		}
	}
	return s
}

// glossForm drops the infinitive "to " so verbs read as in running text.
func glossForm(s string) string {
	s = strings.TrimPrefix(s, "to ")
	return strings.TrimSpace(s)
}

func isHanWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) && r != '〇' {
			return false
		}
	}
	return true
}

// refTargetRe finds the Simplified headword a sense points to:
// "see 成都市[Cheng2 du1 Shi4]", "old variant of 和[he2]", "abbr. for 書經|书经[Shu1 jing1]".
var refTargetRe = regexp.MustCompile(`(?:[\p{Han}〇]+\|)?([\p{Han}〇]+)\[`)

// refOf returns the headword an entry with no translating sense points to.
func refOf(e entry) string {
	if len(usableSenses(e)) > 0 {
		return ""
	}
	for _, s := range e.Senses {
		if m := refTargetRe.FindStringSubmatch(s); m != nil {
			return m[1]
		}
	}
	return ""
}

// buildGlosses maps every Simplified and Traditional headword that starts
// with a Han character to one English gloss.
func buildGlosses(entries []entry) map[string]string {
	type best struct {
		weight float64
		gloss  string
	}
	chosen := make(map[string]best)
	refs := make(map[string]string) // headword -> headword it points to
	for _, e := range entries {
		if r := refOf(e); r != "" {
			for _, key := range []string{e.Simp, e.Trad} {
				if _, ok := refs[key]; !ok {
					refs[key] = r
				}
			}
			continue
		}
		g := glossOf(e)
		if g == "" {
			continue
		}
		w := entryWeight(e)
		for _, key := range []string{e.Simp, e.Trad} {
			r, _ := utf8.DecodeRuneInString(key)
			if !unicode.Is(unicode.Han, r) || strings.ContainsAny(key, "\t\n") {
				continue
			}
			if b, ok := chosen[key]; !ok || w > b.weight {
				chosen[key] = best{w, g}
			}
		}
	}
	out := make(map[string]string, len(chosen)+len(zhOverrides))
	for k, b := range chosen {
		out[k] = b.gloss
	}
	// A word known only as a variant or an abbreviation of another takes
	// the other's gloss.
	for k, r := range refs {
		if _, ok := out[k]; ok {
			continue
		}
		r0, _ := utf8.DecodeRuneInString(k)
		if b, ok := chosen[r]; ok && b.gloss != "" && unicode.Is(unicode.Han, r0) && !strings.ContainsAny(k, "\t\n") {
			out[k] = b.gloss
		}
	}
	for k, g := range zhOverrides {
		out[k] = g
	}
	return out
}

// buildReverse maps English words and short phrases to the Chinese word
// that best renders them.
//
// Among the candidates for a key the score prefers: earlier senses, a sense
// that is exactly the word, plain register, common words (by freq when
// given, else by how many headwords contain the word), two-character words,
// and common nouns over proper names and erhua forms.
func buildReverse(entries []entry, freq map[string]int) map[string]string {
	// How many headwords contain a word: a rough stand-in for how common
	// the word is, since CC-CEDICT carries no frequencies.
	contained := make(map[string]int)
	for _, e := range entries {
		rs := []rune(e.Simp)
		seen := make(map[string]bool)
		for i := range rs {
			for n := 1; n <= 4 && i+n <= len(rs); n++ {
				sub := string(rs[i : i+n])
				if !seen[sub] {
					seen[sub] = true
					contained[sub]++
				}
			}
		}
	}
	type cand struct {
		score float64
		zh    string
	}
	chosen := make(map[string]cand)
	for _, e := range entries {
		if e.Variant || !isHanWord(e.Simp) {
			continue
		}
		n := utf8.RuneCountInString(e.Simp)
		if n > 4 {
			continue
		}
		base := []float64{0, 1.2, 0, 0.5, 1.0}[n]
		if freq != nil {
			base -= 0.5 * math.Log10(1+float64(freq[e.Simp]))
		} else {
			base -= 0.4 * math.Log10(1+float64(contained[e.Simp]))
		}
		if n > 1 && strings.HasSuffix(e.Simp, "儿") && strings.HasSuffix(e.Pinyin, "r5") {
			base += 1.5
		}
		r, _ := utf8.DecodeRuneInString(e.Pinyin)
		proper := unicode.IsUpper(r)
		for si, sense := range e.Senses {
			if isRejected(sense) {
				continue
			}
			alts := alternatives(sense)
			for ai, alt := range alts {
				raw := cleanSense(alt)
				if proper {
					raw = properName(raw)
				}
				key := reverseKey(raw)
				if key == "" {
					continue
				}
				s := base + float64(si) + 0.5*float64(ai)
				if len(alts) == 1 {
					s -= 0.5 // the sense is exactly this word
				}
				if isMarked(sense) {
					s += 3
				}
				if strings.Contains(alt, "(bound form)") {
					s += 1.5
				}
				if proper {
					s += 2
				}
				if explain != "" && key == explain {
					fmt.Fprintf(os.Stderr, "%s\t%s\t%.2f\t%s\n", key, e.Simp, s, sense)
				}
				c, ok := chosen[key]
				if !ok || s < c.score || (s == c.score && e.Simp < c.zh) {
					chosen[key] = cand{s, e.Simp}
				}
			}
		}
	}
	out := make(map[string]string, len(chosen)+len(enOverrides))
	for k, c := range chosen {
		out[k] = c.zh
	}
	for k, z := range enOverrides {
		out[k] = z
		if t := titleCase(k); t != k {
			if _, ok := out[t]; ok {
				out[t] = z
			}
		}
	}
	return out
}

// reverseKey normalizes an English gloss into a lookup key: without
// infinitive "to" or a leading article, lower case unless it starts with a
// capital (China, New York, Internet: names keep their case so that a
// capitalized word in a note is matched only against names); "" if it is
// not a short plain phrase.
func reverseKey(s string) string {
	for _, p := range []string{"to be ", "to ", "a ", "an ", "the ", "The "} {
		if strings.HasPrefix(s, p) {
			s = s[len(p):]
			break
		}
	}
	if !keyRe.MatchString(s) {
		return ""
	}
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsUpper(r) {
		// All-caps abbreviations (USA) and names keep their case.
		return s
	}
	return strings.ToLower(s)
}

func titleCase(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
