package moderate

// Japanese and Korean writers hide a word by putting a symbol in place of
// one of its syllables (伏せ字): ガ○ジ, キチ●イ, ク○ババア, 시○, 병×신.
// The symbol stands for a letter, not beside one, so the skeleton, which
// drops symbols inside kana and Hangul words as padding, does not give
// the word back. maskedKanaMatches reads such words against the rules'
// kana and Hangul terms of three syllables or more, a masked syllable
// matching any syllable, as the masked Latin words are read (rules_masked.go).

// kanaMaskRunes are the symbols that stand for a hidden syllable.
const kanaMaskRunes = "○◯〇●□■×＊*◎△▲"

// isKanaMask reports whether r is one of kanaMaskRunes.
func isKanaMask(r rune) bool {
	switch r {
	case '○', '◯', '〇', '●', '□', '■', '×', '＊', '*', '◎', '△', '▲':
		return true
	}
	return false
}

// kanaMaskHint is a cheap test for a field that may hold such a word: it
// reads bytes, where strings.ContainsAny would decode every rune of the
// field for a set with non-ASCII runes. It answers yes for every geometric
// shape (U+25A0–U+25FF, lead bytes E2 96 and E2 97), a superset of the masks.
func kanaMaskHint(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*':
			return true
		case 0xC3: // × U+00D7
			if i+1 < len(s) && s[i+1] == 0x97 {
				return true
			}
		case 0xE2: // ○ ◯ ● ◎ □ ■ △ ▲
			if i+1 < len(s) && (s[i+1] == 0x96 || s[i+1] == 0x97) {
				return true
			}
		case 0xE3: // 〇 U+3007
			if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x87 {
				return true
			}
		case 0xEF: // ＊ U+FF0A
			if i+2 < len(s) && s[i+1] == 0xBC && s[i+2] == 0x8A {
				return true
			}
		}
	}
	return false
}

// kanaWord is a rule term written in kana or Hangul only.
type kanaWord struct {
	p     *pattern
	runes []rune
}

// kanaWords picks the terms of three to ten syllables written in kana or
// Hangul only that no rule lists as a veto: a word the writer hid is read
// for the harm it names, never to cancel another rule (a hidden word that
// happened to spell a veto silenced a sealed harmful note, round 41).
func kanaWords(ps []pattern, refs []ruleRef) []kanaWord {
	var out []kanaWord
next:
	for i := range ps {
		p := &ps[i]
		if p.kind != kindHit || p.recognizer || p.pinyin || len(p.runes) < 3 || len(p.runes) > 10 {
			continue
		}
		for _, ref := range p.refs.of(refs) {
			if ref.group() < 0 {
				continue next
			}
		}
		ok := true
		for _, r := range p.runes {
			ok = ok && syllableRune(r)
		}
		if ok {
			out = append(out, kanaWord{p: p, runes: p.runes})
		}
	}
	return out
}

// syllableRune reports kana, the long-vowel mark and Hangul syllables.
func syllableRune(r rune) bool { return isKana(r) || r == 'ー' || isHangulSyllable(r) }

// maskedKanaMatches adds a match of every kana or Hangul term that a
// masked word of the field can spell, on the skeleton runes it covers.
func (d *RulesDetector) maskedKanaMatches(t *Text, ms []match) []match {
	if len(d.kana) == 0 || !kanaMaskHint(t.Original) {
		return ms
	}
	f := &t.Folded
	n := len(f.Runes)
	for i := 0; i < n; {
		if !syllableRune(f.Runes[i]) && !isKanaMask(f.Runes[i]) {
			i++
			continue
		}
		j, masks := i, 0
		for ; j < n && (syllableRune(f.Runes[j]) || isKanaMask(f.Runes[j])); j++ {
			if isKanaMask(f.Runes[j]) {
				masks++
			}
		}
		// A term has three syllables at least, two of them shown.
		if masks > 0 && j-i >= 3 && j-i-masks >= 2 {
			ms = d.kanaRunMatches(t, i, j, ms)
		}
		i = j
	}
	return ms
}

// kanaRunMatches reads the folded runes [i, j), a run of syllables and
// masks, for every term it can spell with one masked syllable in it.
func (d *RulesDetector) kanaRunMatches(t *Text, i, j int, ms []match) []match {
	f := &t.Folded
	for k := range d.kana {
		w := d.kana[k].runes
		for s := i; s+len(w) <= j; s++ {
			if !spellsWithOneMask(f.Runes[s:s+len(w)], w) {
				continue
			}
			if a, b, found := skeletonRange(&t.Skeleton, f.Spans[s].Start, f.Spans[s+len(w)-1].End); found {
				ms = append(ms, match{p: d.kana[k].p, i: a, j: b})
			}
		}
	}
	return ms
}

// spellsWithOneMask reports whether runes spell w with exactly one syllable
// hidden: two hidden leave too little of the word.
func spellsWithOneMask(runes, w []rune) bool {
	masks := 0
	for x, r := range runes {
		switch {
		case isKanaMask(r):
			masks++
		case r != w[x]:
			return false
		}
	}
	return masks == 1
}
