package moderate

import "unicode"

// Korean spelt letter by letter: "ㅈㅏㅅㅏㄹ" is 자살 typed one jamo at a
// time, which no term written in syllables matches. Folding decomposes
// the compatibility letters (ㅈ, ㅏ) to conjoining jamo (U+110C, U+1161);
// composeJamo puts runs of them back together as syllables. It composes a
// run only when the whole run reads as two or more syllables, so the
// initials and emoticons people write with these letters stay as they
// are: ㅋㅋ, ㅠㅠ, ㅈㅅ (죄송), and ㅈㅅㅠㅠ, where ㅅㅠ alone would make 슈.
// A consonant with a Latin r for ㅏ before a syllable is one too: ㅋr톡 is 카톡.

const (
	jamoL0, jamoLn = 0x1100, 19 // leading consonants ᄀ … ᄒ
	jamoV0, jamoVn = 0x1161, 21 // vowels ᅡ … ᅵ
	jamoT0, jamoTn = 0x11A8, 27 // trailing consonants ᆨ … ᇂ
	syllable0      = 0xAC00
)

// trailingOf gives the trailing-consonant index (1-based) of each leading
// consonant, 0 where there is none (ㄸ, ㅃ, ㅉ never end a syllable).
var trailingOf = [jamoLn]int{1, 2, 4, 7, 0, 8, 16, 17, 0, 19, 20, 21, 22, 0, 23, 24, 25, 26, 27}

func isJamoL(r rune) bool { return jamoL0 <= r && r < jamoL0+jamoLn }
func isJamoV(r rune) bool { return jamoV0 <= r && r < jamoV0+jamoVn }
func isJamoT(r rune) bool { return jamoT0 <= r && r < jamoT0+jamoTn }

// jamoPieupSios is what ㅄ decomposes to: a leading cluster, which only
// ends syllables (없다).
const jamoPieupSios = 0x1121

func isJamo(r rune) bool { return isJamoL(r) || isJamoV(r) || isJamoT(r) || r == jamoPieupSios }

// jamoSyllable reads one syllable at rs[i:]: a leading consonant, a vowel
// and, when the letter after it does not start the next syllable, a
// trailing consonant. It returns the syllable and the runes it used.
func jamoSyllable(rs []rune, i int) (rune, int) {
	if i+1 >= len(rs) || !isJamoL(rs[i]) || !isJamoV(rs[i+1]) {
		return 0, 0
	}
	l, vow, t, n := rs[i]-jamoL0, rs[i+1]-jamoV0, rune(0), 2
	if k := i + 2; k < len(rs) {
		next := k+1 < len(rs) && isJamoV(rs[k+1])
		switch {
		case isJamoT(rs[k]):
			t, n = rs[k]-jamoT0+1, 3
		case rs[k] == jamoPieupSios && !next:
			t, n = 18, 3
		case isJamoL(rs[k]) && !next && trailingOf[rs[k]-jamoL0] != 0:
			t, n = rune(trailingOf[rs[k]-jamoL0]), 3
		}
	}
	return syllable0 + (l*jamoVn+vow)*28 + t, n
}

// composeJamo rewrites, in place, every run of conjoining jamo in v that
// reads wholly as two or more syllables; a syllable's span covers its letters.
func composeJamo(v *View) {
	out := 0
	for i := 0; i < len(v.Runes); {
		r := v.Runes[i]
		if !isJamo(r) {
			v.Runes[out], v.Spans[out] = r, v.Spans[i]
			out, i = out+1, i+1
			continue
		}
		if finalApart(v, out, i) {
			// "주ㄱ인다": a syllable's final consonant typed apart, glued
			// between two syllables, is that syllable's (죽인다).
			v.Runes[out-1] += rune(trailingOf[r-jamoL0])
			v.Spans[out-1].End = v.Spans[i].End
			i++
			continue
		}
		if vow, ok := latinVowel(v, out, i); ok {
			// "ㅋr톡", "ㅇrㅇl폰": a Latin r drawn for the vowel ㅏ, an l
			// for ㅣ, before a syllable or the next spelt one.
			v.Runes[out], v.Spans[out] = syllable0+((r-jamoL0)*jamoVn+vow)*28, Span{v.Spans[i].Start, v.Spans[i+1].End}
			out, i = out+1, i+2
			continue
		}
		if n, next := spacedJamo(v, out, i); n > 0 {
			// "ㅋ ㅏ ㅌ ㅗ ㄱ": one letter at a time with spaces between.
			out, i = n, next
			continue
		}
		j := i
		for j < len(v.Runes) && isJamo(v.Runes[j]) {
			j++
		}
		run := v.Runes[i:j]
		syllables, whole := 0, true
		for k := 0; k < len(run); {
			_, n := jamoSyllable(run, k)
			if n == 0 {
				whole = false
				break
			}
			syllables, k = syllables+1, k+n
		}
		// One spelt syllable stays alone (ㅇㅏ as a sigh) but is read
		// glued to a written one: "짱ㄲㅐ들" is 짱깨들, "나ㄴㅜㅁ" 나눔.
		glued := out > 0 && isHangulSyllable(v.Runes[out-1]) && v.Spans[out-1].End == v.Spans[i].Start ||
			j < len(v.Runes) && isHangulSyllable(v.Runes[j]) && v.Spans[j-1].End == v.Spans[j].Start
		if !whole || syllables < 2 && !(syllables == 1 && glued) {
			for k := i; k < j; k++ {
				v.Runes[out], v.Spans[out] = v.Runes[k], v.Spans[k]
				out++
			}
			i = j
			continue
		}
		for k := 0; k < len(run); {
			syl, n := jamoSyllable(run, k)
			v.Runes[out], v.Spans[out] = syl, Span{v.Spans[i+k].Start, v.Spans[i+k+n-1].End}
			out, k = out+1, k+n
		}
		i = j
	}
	v.Runes, v.Spans = v.Runes[:out], v.Spans[:out]
}

// latinVowel reports whether the leading consonant at v.Runes[i] has a
// Latin r (ㅏ) or l (ㅣ) after it drawn for its vowel, and which vowel: the
// letter after must be a syllable or a spelt consonant, and the one before
// no Latin letter, so words in Latin script stay as they are.
func latinVowel(v *View, out, i int) (rune, bool) {
	if !isJamoL(v.Runes[i]) || i+2 >= len(v.Runes) {
		return 0, false
	}
	var vow rune
	switch v.Runes[i+1] {
	case 'r':
		vow = 0
	case 'l':
		vow = 20
	default:
		return 0, false
	}
	if next := v.Runes[i+2]; !isHangulSyllable(next) && !isJamoL(next) {
		return 0, false
	}
	if out > 0 && v.Runes[out-1] < 0x250 && unicode.IsLetter(v.Runes[out-1]) {
		return 0, false
	}
	return vow, true
}

// jamoSilentIeung is the index of ㅇ among the leading consonants: a
// syllable that starts with it carries the final consonant before it over
// in speech (죽인다 is said 주긴다), which is where people split the word.
const jamoSilentIeung = 11

// finalApart reports whether the leading consonant at v.Runes[i] stands
// alone, glued between the syllable already written at out-1 (which has
// no final consonant) and a syllable after it that starts with ㅇ, and can
// end a syllable. A consonant before any other syllable is that syllable's
// initial masked ("개ㅅ끼"), and ㅋ and ㅎ are laughter (좋아ㅋ진짜): neither
// is read so.
func finalApart(v *View, out, i int) bool {
	r := v.Runes[i]
	if !isJamoL(r) || out == 0 || i+1 >= len(v.Runes) || !isHangulSyllable(v.Runes[i+1]) {
		return false
	}
	prev := v.Runes[out-1]
	l := r - jamoL0
	next := v.Runes[i+1]
	return isHangulSyllable(prev) && (prev-syllable0)%28 == 0 && trailingOf[l] != 0 && l != 15 && l != 18 &&
		(next-syllable0)/(jamoVn*28) == jamoSilentIeung &&
		v.Spans[out-1].End == v.Spans[i].Start && v.Spans[i].End == v.Spans[i+1].Start
}

// minSpacedJamo is the fewest letters spelt apart with spaces that are read
// together: two syllables of two letters each.
const minSpacedJamo = 4

// jamoSep reports the runes that part letters spelt one at a time: a space,
// or a dot, a middle dot, a hyphen, an underscore, an asterisk or a slash
// (round 48, F100: "ㅋ.ㅏ.ㅌ.ㅗ.ㄱ 추가").
func jamoSep(r rune) bool {
	switch r {
	case ' ', '.', '·', '・', '-', '_', '*', '/':
		return true
	}
	return false
}

// spacedJamo composes, when v.Runes[i] starts a run of single letters
// parted by one space or other jamoSep each ("ㅋ ㅏ ㅌ ㅗ ㄱ", "ㅋ.ㅏ.ㅌ.ㅗ.ㄱ" are 카톡), the run as syllables
// written at v.Runes[out:], and returns the new out and the rune after the
// run; 0, i when the run is shorter than minSpacedJamo letters or does not
// read wholly as two or more syllables (ㅋ ㅋ ㅋ, ㅠ ㅠ stay).
func spacedJamo(v *View, out, i int) (int, int) {
	if out > 0 && v.Runes[out-1] != ' ' {
		return 0, i
	}
	var buf [32]rune
	var at [32]int
	letters := buf[:0]
	pos := at[:0]
	k := i
	for len(letters) < len(buf) && k < len(v.Runes) && isJamo(v.Runes[k]) && (k+1 == len(v.Runes) || !isJamo(v.Runes[k+1])) {
		letters, pos = append(letters, v.Runes[k]), append(pos, k)
		if k+2 < len(v.Runes) && jamoSep(v.Runes[k+1]) && isJamo(v.Runes[k+2]) {
			k += 2
			continue
		}
		k++
		break
	}
	if len(letters) < 2 {
		return 0, i
	}
	syllables := 0
	for n := 0; n < len(letters); {
		_, used := jamoSyllable(letters, n)
		if used == 0 {
			return 0, i
		}
		syllables, n = syllables+1, n+used
	}
	next := pos[len(pos)-1] + 1
	switch {
	case syllables >= 2 && len(letters) >= minSpacedJamo:
	case syllables == 1 && next+1 < len(v.Runes) && v.Runes[next] == ' ' && isHangulSyllable(v.Runes[next+1]):
		// "ㅋ ㅏ 톡": one spelt syllable before a written one is read as a
		// syllable too (카 톡, which the contact detector reads spaced); the
		// space stays, so "ㅇ ㅏ 진짜" is the sigh 아 진짜, no word.
	default:
		return 0, i
	}
	for n := 0; n < len(letters); {
		syl, used := jamoSyllable(letters, n)
		v.Runes[out], v.Spans[out] = syl, Span{v.Spans[pos[n]].Start, v.Spans[pos[n+used-1]].End}
		out, n = out+1, n+used
	}
	return out, next
}
