package moderate

import (
	"bufio"
	"bytes"
	"embed"
	"slices"
	"strings"
)

// Misspelled words: "wmoen", "imigrants", "parasties", "immgrants". A word
// of the field that is a rule term with two neighbouring letters swapped,
// or a long rule term with one inner letter missing, counts as that term.
// Only Latin whole-word terms take part, and only long ones: a short word
// is one edit away from too many others, and a missing first or last
// letter makes real words of real words ("laughter" is not "slaughter",
// "Guiné" is not "guinea"); even an inner deletion does for short words
// in some language ("sapato" is a shoe), so deletions need seven letters
// ("mujres", "gitnos": round 16's functional sets misspell group words of
// seven), and a misspelling that is a real word of the language
// (typowords/) stands for nothing. Words are compared spelled out in skeleton letters (leet folded,
// l as i, repeats expanded). A typo stands only for a term of the
// language the field is written in (an English "carbon" is not a Spanish
// "cabrón" with two letters swapped): the index is kept per language of
// the rule files, and the field's language is read as the classifier
// reads it.

const (
	minTypoSwap   = 6  // letters of a term that accepts a swap
	minTypoDelete = 7  // letters of a term that accepts a missing letter
	maxTypoWord   = 32 // longer words are not looked up

	// Shorter terms take the same typos as weak evidence: "so much hatrd
	// for you", "a Muslm", "that stupd", "disgsuted". A weak misspelling
	// is no real word of the language and completes a rule only beside a
	// term of another group of the rule read as written (Detect): alone it
	// stands for nothing, so "Vou morar" is never the curse "morra", and a
	// rule of one group never fires on one. Misspellings of four letters
	// are not read at all: too many are real words the lists lack ("oito"
	// is no "oitão", "rama" no "arma").
	minWeakSwap   = 5 // letters of a term whose swap is weak evidence
	minWeakDelete = 6 // letters of a term whose missing letter is weak evidence
	minTypoKey    = 5 // the shortest misspelling looked up

	// weakTypo marks a pattern index in the typo index as weak evidence.
	weakTypo = int32(1) << 30
)

// typoIndex maps a misspelling to the patterns it stands for, per
// language (an index of classifierLangs); nil for a language without one.
type typoIndex [numLangs]*stringIndex

// newTypoIndex lists the misspellings of the rule patterns that are one
// Latin word: each swap of two different neighbouring letters and, for
// long words, each deletion of an inner letter, under the language of
// every rule file the pattern is used in.
func newTypoIndex(ps []pattern, set *ruleSet) *typoIndex {
	var idx [numLangs]map[string][]int32
	var langs []int
	add := func(key string, pi int32) {
		for _, l := range langs {
			if idx[l] == nil {
				idx[l] = map[string][]int32{}
			}
			if !slices.Contains(idx[l][key], pi) {
				idx[l][key] = append(idx[l][key], pi)
			}
		}
	}
	for i := range ps {
		lit, ok := typoLiteral(&ps[i], set.refs)
		if !ok {
			continue
		}
		langs = langs[:0]
		for _, ref := range ps[i].refs.of(set.refs) {
			if l := ruleLanguage(&set.rules[ref.rule()]); ref.group() >= 0 && l != langUnd && !slices.Contains(langs, l) {
				langs = append(langs, l)
			}
		}
		b := []byte(string(lit))
		del, swap := int32(i), int32(i)
		if len(b) < minTypoDelete {
			del |= weakTypo
		}
		if len(b) < minTypoSwap {
			swap |= weakTypo
		}
		for k := 1; len(b) >= minWeakDelete && k < len(b)-1; k++ {
			add(string(b[:k])+string(b[k+1:]), del)
		}
		for k := 0; k+1 < len(b); k++ {
			if b[k] == b[k+1] {
				continue
			}
			s := append([]byte(nil), b...)
			s[k], s[k+1] = s[k+1], s[k]
			add(string(s), swap)
		}
	}
	// A misspelling that is itself a term is that term, not a typo.
	for i := range ps {
		if lit, ok := typoLiteral(&ps[i], set.refs); ok {
			for l := range idx {
				delete(idx[l], string(lit))
			}
		}
	}
	// Nor is one that is a real word of the language.
	words := realWords()
	for l := range idx {
		for _, w := range words[l] {
			delete(idx[l], w)
		}
	}
	var out typoIndex
	for l, m := range idx {
		if len(m) > 0 {
			out[l] = newStringIndex(m)
		}
	}
	return &out
}

//go:embed typowords/*.txt
var typoWordFiles embed.FS

// realWords returns, per language (an index of classifierLangs), the
// words of typowords/LANG.txt spelled as typoMatches spells a word of a
// field: its skeleton letters, repeats expanded. Words whose skeleton is
// no single Latin word are left out. Computed for each rules detector
// built (about 60 ms), not kept: the process builds one, and the words
// would stay live for nothing (0.8 MB).
func realWords() (out [numLangs][]string) {
	for l := range out {
		out[l] = realWordsOf(classifierLangs[l])
	}
	return out
}

// realWordsOf reads typowords/LANG.txt for realWords; nil when the
// language has no list.
func realWordsOf(lang string) []string {
	b, err := typoWordFiles.ReadFile("typowords/" + lang + ".txt")
	if err != nil {
		return nil // no list for this language
	}
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		sk := &NewText("body", sc.Text()).Skeleton
		var w []byte
		for k, r := range sk.Runes {
			if !isASCIILetter(r) {
				w = nil
				break
			}
			for range max(1, int(sk.Counts[k])) {
				w = append(w, byte(r))
			}
		}
		if len(w) >= minTypoKey {
			out = append(out, string(w))
		}
	}
	return out
}

// ruleLanguage is the language of the file a rule comes from
// (CATEGORY.LANG.yaml), langUnd when it is none the classifier reads.
func ruleLanguage(r *rule) int {
	parts := strings.Split(r.file, ".")
	if len(parts) == 3 {
		if l := slices.Index(classifierLangs[:], parts[1]); l >= 0 {
			return l
		}
	}
	return langUnd
}

// typoLiteral returns p spelled out when p takes typos: a rule term (not
// only a veto) that is one whole Latin word of minTypoSwap letters or more;
// refs are the rule set's.
func typoLiteral(p *pattern, refs []ruleRef) ([]rune, bool) {
	if p.recognizer || p.hanOnly || p.pinyin || !p.wordStart || !p.wordEnd || p.kind != kindHit {
		return nil, false
	}
	inRule := false
	for _, r := range p.refs.of(refs) {
		if r.group() >= 0 {
			inRule = true
		}
	}
	if !inRule {
		return nil, false
	}
	var lit []rune
	for k, r := range p.runes {
		if r < 'a' || r > 'z' {
			return nil, false
		}
		for range max(1, int(p.counts[k])) {
			lit = append(lit, r)
		}
	}
	return lit, len(lit) >= minWeakSwap
}

// typoMatches adds a match for every word of the skeleton that misspells
// a rule term.
func (d *RulesDetector) typoMatches(t *Text, buf []byte, ms []match) ([]byte, []match) {
	if d.typos == nil || !t.hasLatinLetter() {
		return buf, ms
	}
	idx := d.typos[fieldLanguage(t)]
	if idx.len() == 0 {
		return buf, ms
	}
	sk := &t.Skeleton
	n := len(sk.Runes)
	for i := 0; i < n; {
		if !isASCIILetter(sk.Runes[i]) {
			i++
			continue
		}
		j := i
		for j < n && isASCIILetter(sk.Runes[j]) {
			j++
		}
		// Whole words only: not the Latin part of "abc中文".
		whole := (i == 0 || sk.Runes[i-1] == ' ') && (j == n || sk.Runes[j] == ' ')
		if whole {
			buf = buf[:0]
			for k := i; k < j && len(buf) <= maxTypoWord; k++ {
				for range max(1, int(sk.Counts[k])) {
					buf = append(buf, byte(sk.Runes[k]))
				}
			}
			if len(buf) >= minTypoKey && len(buf) <= maxTypoWord {
				for _, pi := range idx.get(buf) {
					ms = append(ms, match{p: &d.m.patterns[pi&^weakTypo], i: i, j: j, weak: pi&weakTypo != 0})
				}
			}
		}
		i = j
	}
	return buf, ms
}

// hasLatinLetter reports whether the skeleton holds an ASCII letter.
func (t *Text) hasLatinLetter() bool {
	for _, r := range t.Skeleton.Runes {
		if isASCIILetter(r) {
			return true
		}
	}
	return false
}

// Words broken into fragments: "in mi gran tes", "ma ri co nes", "musul
// manes". Two to five fragments of the skeleton, each of at most five
// letters, one of them of at most three, not all of them ordinary short
// English words, that spell a one-word Latin rule term of five letters or
// more, count as that term. The join is exact, so it holds in every
// language.

const (
	maxJoinFragments = 5
	maxJoinFragment  = 5
	minJoinedTerm    = 5
)

// newJoinIndex maps the skeleton spelling of the one-word Latin rule
// terms to their patterns; refs are the rule set's.
func newJoinIndex(ps []pattern, refs []ruleRef) *stringIndex {
	idx := map[string][]int32{}
	for i := range ps {
		p := &ps[i]
		if p.recognizer || p.hanOnly || p.pinyin || !p.wordStart || !p.wordEnd || p.kind != kindHit || len(p.runes) < minJoinedTerm {
			continue
		}
		// Vetoes are read as written: joined fragments are ordinary words
		// more often than a veto spaced out ("se ríe" is no "serie", and
		// the news veto would silence the mockery it is in).
		inRule := false
		for _, r := range p.refs.of(refs) {
			inRule = inRule || r.group() >= 0
		}
		if !inRule {
			continue
		}
		latin := true
		for _, r := range p.runes {
			latin = latin && isASCIILetter(r)
		}
		if latin {
			idx[string(p.runes)] = append(idx[string(p.runes)], int32(i))
		}
	}
	return newStringIndex(idx)
}

// latinFrag is a maximal run [i, j) of ASCII letters of a skeleton: a
// fragment the joined and the inserted readings put words together from.
type latinFrag struct{ i, j int }

// latinFragments appends the skeleton's fragments to dst.
func latinFragments(v *View, dst []latinFrag) []latinFrag {
	for i := 0; i < len(v.Runes); {
		if !isASCIILetter(v.Runes[i]) {
			i++
			continue
		}
		j := i
		for j < len(v.Runes) && isASCIILetter(v.Runes[j]) {
			j++
		}
		dst = append(dst, latinFrag{i, j})
		i = j
	}
	return dst
}

// joinedMatches adds a match for every run of fragments (the field's
// latinFragments) that spells a rule term. Detect calls it when the field
// holds a short Latin word (hasShortLatinWord), without which none joins.
func (d *RulesDetector) joinedMatches(t *Text, frags []latinFrag, ms []match) []match {
	v := &t.Skeleton
	var buf [maxJoinFragments * maxJoinFragment]byte
	for a := 0; a+1 < len(frags); a++ {
		if frags[a].j-frags[a].i > maxJoinFragment {
			continue
		}
		joined := buf[:0]
		for _, r := range v.Runes[frags[a].i:frags[a].j] {
			joined = append(joined, byte(r))
		}
		short := frags[a].j-frags[a].i <= 3
		common := commonShortWord(v.Runes[frags[a].i:frags[a].j])
		for b := a + 1; b < len(frags) && b < a+maxJoinFragments; b++ {
			l := frags[b].j - frags[b].i
			// One separator between fragments, of at most maxJoinGap bytes.
			if l > maxJoinFragment || frags[b].i != frags[b-1].j+1 || gapBytes(v, frags[b].i-1) > maxJoinGap ||
				punctuatedGap(t.Original, v.Spans[frags[b].i-1]) {
				break
			}
			for _, r := range v.Runes[frags[b].i:frags[b].j] {
				if rune(joined[len(joined)-1]) != r { // a repeat across the gap collapses
					joined = append(joined, byte(r))
				}
			}
			short = short || l <= 3
			common = common && commonShortWord(v.Runes[frags[b].i:frags[b].j])
			if !short || common {
				continue
			}
			for _, pi := range d.joined.get(joined) {
				ms = append(ms, match{p: &d.m.patterns[pi], i: frags[a].i, j: frags[b].j})
			}
		}
	}
	return ms
}

// punctuatedGap reports whether the gap sp of the original text is a
// punctuation mark and a space, the way sentences and clauses are written
// ("Hallo Mama, das ist…" is no "mamadas"), not a break inside a word an
// evader makes ("mier da", "mier.da", "m-i-e-r-d-a").
func punctuatedGap(s string, sp Span) bool {
	if sp.Start < 0 || sp.End > len(s) || sp.Start >= sp.End {
		return false
	}
	g := s[sp.Start:sp.End]
	return strings.ContainsAny(g, ",.;:!?，。；：！？") && strings.ContainsAny(g, " \t\n\u3000")
}

// hasShortLatinWord reports whether the skeleton holds a Latin word of at
// most three letters next to another Latin word, without which no
// fragments join.
func hasShortLatinWord(v *View) bool {
	n := len(v.Runes)
	for i := 0; i < n; {
		if !isASCIILetter(v.Runes[i]) {
			i++
			continue
		}
		j := i
		for j < n && isASCIILetter(v.Runes[j]) {
			j++
		}
		if j-i <= 3 && (i > 1 && isASCIILetter(v.Runes[i-2]) || j+1 < n && isASCIILetter(v.Runes[j+1])) {
			return true
		}
		i = j
	}
	return false
}
