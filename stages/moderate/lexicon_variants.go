package moderate

import (
	"slices"
	"strings"
	"unicode"
)

// Spellings the skeleton alone cannot see through, handled against the
// lexicon's own words so that nothing but a listed word is ever assumed:
//
//   - masked words: letters replaced by '*' or '#' (f*ck, f**k, b***h,
//     a**hole); each mask stands for one letter;
//   - partly spaced words: a word broken into fragments of which one is
//     short (fu ck, f uck, sh it, bi tch), joined only when the joined
//     fragments spell a listed word and not every fragment is an ordinary
//     short English word (so "go ok" stays two words);
//   - pinyin of the Chinese terms (sha bi, shabi, cao ni ma, ni ma si le),
//     generated when the lexicons load from the readings in tables_pinyin.go.

// wordPattern is a lexicon pattern that is one Latin word.
type wordPattern struct {
	p *pattern
	// literal is the word spelled out (repeats expanded: "ass", not "as"),
	// in skeleton letters (leet folded, l as i).
	literal []rune
}

// latinWords lists the kindHit patterns that are one Latin word of at
// least three letters, for masked and split spellings.
func latinWords(ps []pattern) []wordPattern {
	var out []wordPattern
	for i := range ps {
		p := &ps[i]
		if p.kind != kindHit || p.hanOnly || p.pinyin || !p.wordStart {
			continue
		}
		ok := true
		var lit []rune
		for k, r := range p.runes {
			if !(r >= 'a' && r <= 'z') {
				ok = false
				break
			}
			for range max(1, int(p.counts[k])) {
				lit = append(lit, r)
			}
		}
		if ok && len(lit) >= 3 {
			if slices.Equal(lit, p.runes) {
				lit = p.runes // no repeats: the pattern's own runes, read-only
			}
			out = append(out, wordPattern{p: p, literal: lit})
		}
	}
	return trimmed(out)
}

// isMask reports runes that stand for a hidden letter.
func isMask(r rune) bool { return r == '*' || r == '#' }

// maskedWords finds words of the folded view with masked letters and
// returns a finding for every lexicon word they can spell.
func (d *LexiconDetector) maskedWords(t *Text, allows []match) []Finding {
	f := &t.Folded
	var out []Finding
	eachMaskedWord(f, func(lo, hi int, word []rune) {
		sp := Span{f.Spans[lo].Start, f.Spans[hi-1].End}
		for _, w := range d.words {
			if maskedMatch(word, w) && !inAllowed(t, allows, sp) {
				out = append(out, Finding{Category: w.p.category(), Score: w.p.score, Span: sp, Rule: w.p.term})
			}
		}
	})
	return out
}

// eachMaskedWord calls fn for every word of the folded view [lo, hi) with
// a masked letter inside and at least two letters showing, with the word
// spelled out (leet folded, masks kept as '*' or '#'). The lexicon and the
// intent rules read masked words through it alike.
func eachMaskedWord(f *View, fn func(lo, hi int, word []rune)) {
	n := len(f.Runes)
	var word []rune
	for i := 0; i < n; {
		if !maskable(f.Runes[i]) {
			i++
			continue
		}
		j := i
		masks, letters := 0, 0
		for j < n && maskable(f.Runes[j]) {
			if isMask(f.Runes[j]) {
				masks++
			} else {
				letters++
			}
			j++
		}
		// Masks before the first letter or after the last are punctuation.
		lo, hi := trimMasks(f.Runes, i, j)
		i = j
		if masks == 0 || letters < 2 || !hasInnerMask(f.Runes, lo, hi) {
			continue
		}
		word = word[:0]
		for _, r := range f.Runes[lo:hi] {
			if c, ok := leet[r]; ok {
				r = c
			}
			word = append(word, r)
		}
		fn(lo, hi, word)
	}
}

func maskable(r rune) bool {
	return isMask(r) || r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || leetSymbol(r))
}

func trimMasks(rs []rune, i, j int) (int, int) {
	for i < j && isMask(rs[i]) {
		i++
	}
	for j > i && (isMask(rs[j-1]) || leetSymbol(rs[j-1])) {
		j--
	}
	return i, j
}

func hasInnerMask(rs []rune, i, j int) bool {
	for k := i; k < j; k++ {
		if isMask(rs[k]) {
			return true
		}
	}
	return false
}

// maskedMatch reports whether word (masks as '*' or '#') spells w: the
// same length, or longer for a prefix term (fuck* matches f*cking), with
// every visible letter equal.
func maskedMatch(word []rune, w wordPattern) bool {
	if len(word) < len(w.literal) || len(word) > len(w.literal) && w.p.wordEnd {
		return false
	}
	visible := 0
	for k, r := range word {
		if k >= len(w.literal) {
			if isMask(r) {
				return false // a mask beyond the term says nothing
			}
			continue
		}
		if isMask(r) {
			continue
		}
		if r == 'l' {
			r = 'i'
		}
		if r != w.literal[k] {
			return false
		}
		visible++
	}
	return visible >= 2 && word[0] != '*' && word[0] != '#'
}

// splitWords finds lexicon words broken into fragments by spaces or
// punctuation in the skeleton ("fu ck" is "fu", " ", "ck").
func (d *LexiconDetector) splitWords(t *Text, allows []match) []Finding {
	v := &t.Skeleton
	// Fragments: maximal runs of a-z in the skeleton.
	type frag struct{ i, j int }
	var frags []frag
	for i := 0; i < len(v.Runes); {
		if !(v.Runes[i] >= 'a' && v.Runes[i] <= 'z') {
			i++
			continue
		}
		j := i
		for j < len(v.Runes) && v.Runes[j] >= 'a' && v.Runes[j] <= 'z' {
			j++
		}
		frags = append(frags, frag{i, j})
		i = j
	}
	var out []Finding
	var buf [32]rune
	var cbuf [32]uint16
	for a := 0; a+1 < len(frags); a++ {
		for b := a + 1; b < len(frags) && b <= a+2; b++ {
			// Fragments must be separated by exactly one gap rune of at
			// most maxJoinGap bytes in the original.
			if frags[b].i != frags[b-1].j+1 || gapBytes(v, frags[b].i-1) > maxJoinGap || punctuatedGap(t.Original, v.Spans[frags[b].i-1]) {
				break
			}
			short, common, total := false, true, 0
			for k := a; k <= b; k++ {
				l := frags[k].j - frags[k].i
				total += l
				short = short || l <= 3
				common = common && commonShortWord(v.Runes[frags[k].i:frags[k].j])
			}
			if !short || common || total > len(buf) {
				continue
			}
			joined, counts := buf[:0], cbuf[:0]
			for k := a; k <= b; k++ {
				for x, r := range v.Runes[frags[k].i:frags[k].j] {
					c := v.Counts[frags[k].i+x]
					if len(joined) > 0 && joined[len(joined)-1] == r {
						counts[len(counts)-1] += c // a repeat across the gap collapses
						continue
					}
					joined, counts = append(joined, r), append(counts, c)
				}
			}
			sp := Span{v.Spans[frags[a].i].Start, v.Spans[frags[b].j-1].End}
			for _, w := range d.bySkeleton[string(joined)] {
				// A term's doubled letters must be there: "pill is" is no "piss".
				if !countsReach(counts, w.p.counts) {
					continue
				}
				if !inAllowed(t, allows, sp) {
					out = append(out, Finding{Category: w.p.category(), Score: w.p.score, Span: sp, Rule: w.p.term})
				}
			}
		}
	}
	return out
}

func gapBytes(v *View, k int) int { return v.Spans[k].End - v.Spans[k].Start }

// countsReach reports whether a joined word's repeat counts reach a
// term's, rune by rune (a term's counts are minimums, as in accept).
func countsReach(got, want []uint16) bool {
	if len(got) != len(want) {
		return false
	}
	for k := range want {
		if got[k] < want[k] {
			return false
		}
	}
	return true
}

// commonShortWords are words of up to three letters (in skeleton
// spelling: l is i) that never count as fragments of a broken word: the
// English ones, then the most frequent of Spanish, Portuguese, French,
// German, Italian and Dutch text (lingua-go's Leipzig sentences), so that
// "por no" is no "porno" and "a San Marino" no pinyin "a san".
var commonShortWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		de la que y en el los un las con es se no por una del su lo al o si ha sus son te ya muy ser me tu nos hay sin e dos da ver vez ni mi le les san
		do com em os um nao na as uma dos ao das tem mas sua ja foi ou seu sao aos dia ano vai ter bem nas num sem ele ate ela eu meu teu tua
		et le des du une il par qui au sur pas ce ne qu aux je ils ont ces ses ete sa non peu mon ma mes ton ta tes vos lui est
		die der und von das den mit sie zu auf ist fur im ein des dem als wir ich aus er bei nur wie war man hat zum zur um vor uns bis was mir ihr mal
		di che per con non dei nel piu sul gli dal ai ad due tra ed ci cui gia ora via sei tre
		van het een op hij uit dat ook aan bij om tot ze dit na dan nog kan zou al had hun zij wel hem wat zal zo men`) {
		m[strings.ReplaceAll(w, "l", "i")] = true
	}
	for _, w := range strings.Fields(`a i am an as at be by do go he if in is it me my no of oh ok on or
		so to up us we ye yo ya hi ha ah eh um uh
		act add age ago aid aim air all and any are arm art ask ate bad bag bar bed
		bee bet big bit box boy bus but buy can cap car cat cow cry cup cut dad day
		did die dig dog dot dry due ear eat egg end era eve eye fan far fat few fit
		fix fly for fun gas get god got gun guy had has hat her hey him hip his hit
		hot how ice ill its job joy key kid kit lab law lay leg let lie lip lot low
		mad man map may men mix mom mud net new nor not now nut odd off oil old one
		our out own pay pen per pet pie pin pit pop pot put ran rat raw red rid row
		run sad sat saw say sea see set sex she shy sit six sky son sun tax tea ten
		the tie tin tip toe too top toy try two use van war was way web wet who why
		win won yes yet you zoo ok lol omg`) {
		m[strings.ReplaceAll(w, "l", "i")] = true
	}
	return m
}()

func commonShortWord(rs []rune) bool {
	if len(rs) > 3 {
		return false
	}
	return commonShortWords[string(rs)]
}

// inAllowed reports whether sp lies inside an allowlist match.
func inAllowed(t *Text, allows []match, sp Span) bool {
	for _, a := range allows {
		if t.Skeleton.Spans[a.i].Start <= sp.Start && sp.End <= t.Skeleton.Spans[a.j-1].End {
			return true
		}
	}
	return false
}

// pinyinPatterns returns the pinyin spellings of the Chinese terms: each
// all-Han term of two or more characters whose readings are known gets its
// syllables joined ("shabi") when that makes at least five letters, and
// spaced ("sha bi"); polyphonic characters add up to four spellings. They
// are whole words, score as the term does, and skip spellings already
// listed.
func pinyinPatterns(ps []pattern) []pattern {
	have := map[string]bool{}
	for _, p := range ps {
		have[string(p.runes)+"\x00"+string(p.category())] = true
	}
	var out []pattern
	for _, p := range ps {
		if p.kind != kindHit || len(p.runes) < 2 {
			continue
		}
		readings := hanReadings(p.runes)
		if readings == nil {
			continue
		}
		for _, syl := range combinations(readings, 4) {
			var forms []string
			if len(syl) > 2 || !englishSyllable(syl[0]) || !englishSyllable(syl[1]) {
				// Two syllables that are both English words ("gun dan")
				// would match ordinary English; they keep only the joined form.
				forms = append(forms, strings.Join(syl, " "))
			}
			if joined := strings.Join(syl, ""); len(joined) >= 5 {
				forms = append(forms, joined)
			}
			for _, form := range forms {
				q, err := parseTerm(form, p.category(), p.score, kindHit, false)
				if err != nil {
					continue
				}
				key := string(q.runes) + "\x00" + string(q.category())
				if have[key] {
					continue
				}
				have[key] = true
				q.pinyin = true
				out = append(out, q)
			}
		}
	}
	return out
}

// hanReadings returns the pinyin readings of every rune (pinyinReadings),
// or nil when one is no Han character with a known reading.
func hanReadings(runes []rune) [][]string {
	readings := make([][]string, 0, len(runes))
	for _, r := range runes {
		rs, ok := pinyinReadings[r]
		if !ok || !unicode.Is(unicode.Han, r) {
			return nil
		}
		readings = append(readings, rs)
	}
	return readings
}

// englishSyllables are pinyin syllables that are also English words.
var englishSyllables = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a ai an ban bang bin bo can dan die e fan gun ha hang he hen long
		ma man me men mi o pa pan pen pie pin ping ran rang sang she sun tan ten tie tin wan ye you zen`) {
		m[w] = true
	}
	return m
}()

func englishSyllable(s string) bool {
	return englishSyllables[s] || commonShortWords[strings.ReplaceAll(s, "l", "i")]
}

// combinations returns up to limit choices of one reading per character,
// the most common readings first.
func combinations(readings [][]string, limit int) [][]string {
	out := [][]string{nil}
	for _, rs := range readings {
		var next [][]string
		for _, prefix := range out {
			for _, r := range rs {
				if len(next) >= limit {
					break
				}
				next = append(next, append(append([]string(nil), prefix...), r))
			}
		}
		out = next
	}
	return out
}
