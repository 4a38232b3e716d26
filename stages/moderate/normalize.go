package moderate

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Span is a byte range [Start, End) of the text an author wrote.
type Span struct {
	Start, End int
}

// View is one normalized form of a text. Rune i of Runes was produced from
// the bytes Spans[i] of the original; spans are non-decreasing in both ends
// and always lie on rune boundaries of the original.
type View struct {
	Runes []rune
	Spans []Span
	// Counts[i] is how many equal runes of the folded view rune i stands
	// for after repeat collapsing ("fuuuck" has a 'u' of count 3). It is
	// nil in the folded view, where every count is 1.
	Counts []uint16
	// Spaced[i] is set on runes that were single-letter tokens joined
	// together ("f u c k"); word-boundary rules are relaxed inside them.
	Spaced []bool
	// Joins lists, in order, the indexes of Runes that a contraction's
	// apostrophe joined to the word before them ("dont": the index of
	// t), where the skeleton before joinContractions had a space; the
	// trained classifiers read the skeleton as it was then
	// (ClassifierFeatures). Nil in the folded view and mostly nil.
	Joins []int32

	str   string
	offs  []int // byte offset in str of each rune, plus len(str)
	built bool
}

// Len is the number of runes in the view.
func (v *View) Len() int { return len(v.Runes) }

// String returns the view as UTF-8. Byte offsets into it convert to rune
// indexes with RuneIndex.
func (v *View) String() string {
	if !v.built {
		var b strings.Builder
		b.Grow(len(v.Runes))
		v.offs = slices.Grow(v.offs[:0], len(v.Runes)+1)
		for _, r := range v.Runes {
			v.offs = append(v.offs, b.Len())
			b.WriteRune(r)
		}
		v.offs = append(v.offs, b.Len())
		v.str = b.String()
		v.built = true
	}
	return v.str
}

// OriginalSpan maps the byte range [start, end) of String() back to the
// original text.
func (v *View) OriginalSpan(start, end int) Span {
	_ = v.String()
	i := v.runeIndex(start)
	j := v.runeIndex(end - 1)
	return Span{v.Spans[i].Start, v.Spans[j].End}
}

// runeIndex returns the index of the rune that covers byte b of String().
func (v *View) runeIndex(b int) int {
	lo, hi := 0, len(v.offs)-2
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if v.offs[mid] <= b {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo
}

// Text is one field of a note as written and in its normalized views.
// Detectors read whichever view suits them and report spans of Original.
type Text struct {
	// Field is "title", "body" or "tags".
	Field string
	// Original is the text as the author wrote it.
	Original string
	// Folded is Original after NFKD compatibility decomposition (which
	// also maps full-width forms to ASCII), removal of combining marks,
	// zero-width, bidi and other format controls, lower-casing,
	// confusable (Cyrillic/Greek look-alike) folding and Traditional to
	// Simplified Chinese; the emoji of emojiWords become words of their
	// own ("🔪" is " emojiknife "; 🔫 beside a water gun and 🔪 beside
	// cooking are household words, emoji_household.go). Digits,
	// punctuation and spacing are kept, so pattern detectors (phone
	// numbers, handles) read this view.
	Folded View
	// Skeleton is Folded after leet folding inside Latin words (0→o,
	// 3→e, $→s …; i, l, 1, | and ! all fold to i), separator collapsing
	// (no separators between Han characters; single letters, and runs of
	// three or more one-syllable Hangul tokens, joined; other gaps one
	// space) and repeat collapsing of non-Han runes. Lexicons match here.
	Skeleton View
	// HasHan reports whether the field contains Han characters.
	HasHan bool
	// lang is the field's calibration language (fieldLanguage), read once
	// for every classifier and rule that asks.
	langOnce sync.Once
	lang     int
	// warns is scamWarning's answer, read once for every cap that asks
	// (reset with lang by normalize: Texts are recycled).
	warnOnce sync.Once
	warns    bool
	// owned marks a Text the stage made for one note (newFieldText) and
	// reads from one goroutine: its classifier features are computed once
	// for every model of the same width (sharedFeatures).
	owned    bool
	featBits uint
	feats    []ClassifierFeature
}

// sharedFeatures returns the classifier features of an owned Text for a
// model of 2^bits buckets, computed on the first call; false for a Text
// that is not owned (NewText's may be read by several goroutines).
func (t *Text) sharedFeatures(bits uint) ([]ClassifierFeature, bool) {
	if !t.owned {
		return nil, false
	}
	if t.featBits != bits {
		t.feats = ClassifierFeatures(t, bits, t.feats[:0])
		t.featBits = bits
	}
	return t.feats, true
}

// NewText normalizes one field. It never fails: invalid UTF-8 bytes are
// dropped from the views (they stay in Original).
func NewText(field, original string) *Text {
	t := &Text{}
	t.normalize(field, original)
	return t
}

// textPool recycles the views of the Texts the stage makes for a note's
// fields (newFieldText, release): they are most of what moderating a note
// allocates.
var textPool = sync.Pool{New: func() any { return new(Text) }}

// newFieldText is NewText on a Text from textPool. The caller releases it
// once nothing reads it any more.
func newFieldText(field, original string) *Text {
	t := textPool.Get().(*Text)
	t.normalize(field, original)
	t.owned = true
	return t
}

// release returns t to textPool. Nothing may hold t, its views or
// slices of them afterwards (strings from View.String are copies and
// stay valid).
func (t *Text) release() {
	t.clear()
	textPool.Put(t)
}

// clear empties t for normalize and keeps its views' buffers.
func (t *Text) clear() {
	t.Field, t.Original = "", ""
	t.owned, t.featBits, t.feats = false, 0, t.feats[:0]
	t.Folded.reset()
	t.Skeleton.reset()
}

// reset empties v and keeps its buffers.
func (v *View) reset() {
	v.Runes, v.Spans, v.Counts, v.Spaced = v.Runes[:0], v.Spans[:0], v.Counts[:0], v.Spaced[:0]
	v.Joins = nil
	v.str, v.offs, v.built = "", v.offs[:0], false
}

// normalize fills t (new, or reset by release) from one field.
func (t *Text) normalize(field, original string) {
	t.Field, t.Original, t.HasHan = field, original, false
	t.langOnce, t.lang = sync.Once{}, 0
	t.warnOnce, t.warns = sync.Once{}, false
	fold(original, &t.Folded)
	for _, r := range t.Folded.Runes {
		if unicode.Is(unicode.Han, r) {
			t.HasHan = true
			break
		}
	}
	foldHouseholdEmoji(t)
	skeleton(&t.Folded, &t.Skeleton)
}

// fold builds the folded view of s.
func fold(s string, v *View) {
	// Room for one rune per input rune (not per byte: Chinese and Korean
	// take three bytes a rune); emoji words and decompositions grow it.
	n := utf8.RuneCountInString(s) + 8
	v.Runes = slices.Grow(v.Runes[:0], n)
	v.Spans = slices.Grow(v.Spans[:0], n)
	jamo := false // a Hangul compatibility letter (ㄱ, ㅏ) was seen
	folds := bmpFolds()
	for i := 0; i < len(s); {
		c := s[i]
		if c == '(' && strings.HasPrefix(s[i:], echoOpen) {
			// Triple parentheses around a name are the antisemitic "echo"
			// ("(((they)))"); the opening run becomes a word of its own, as a
			// hate emoji does, so rules can pair it with a blame.
			j := i + len(echoOpen)
			for j < len(s) && s[j] == '(' {
				j++
			}
			appendWord(v, echoWord, Span{i, j})
			i = j
			continue
		}
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			v.Runes = append(v.Runes, rune(c))
			v.Spans = append(v.Spans, Span{i, i + 1})
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		sp := Span{i, i + size}
		i += size
		if r == utf8.RuneError && size == 1 {
			continue
		}
		jamo = jamo || 0x3131 <= r && r <= 0x318E
		if r < bmpEnd {
			switch e := folds[r]; e {
			case foldSlow:
			case foldDrop:
				continue
			default:
				v.Runes = append(v.Runes, rune(e-1))
				v.Spans = append(v.Spans, sp)
				continue
			}
		}
		foldNonASCII(v, r, sp)
	}
	if jamo {
		composeJamo(v)
	}
}

// foldNonASCII folds one non-ASCII rune of the original: its compatibility
// decomposition, each rune of which foldRune folds.
func foldNonASCII(v *View, r rune, sp Span) {
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	if d := norm.NFKD.Properties(buf[:n]).Decomposition(); d != nil {
		for _, dr := range string(d) {
			foldRune(v, dr, sp)
		}
		return
	}
	foldRune(v, r, sp)
}

// bmpEnd bounds the runes bmpFolds answers: the Basic Multilingual Plane,
// where nearly every rune of a note lies.
const bmpEnd = 0x10000

// Entries of bmpFolds: foldSlow sends the rune through foldNonASCII (it
// decomposes, or becomes a word), foldDrop drops it; any other entry e
// is the one rune e-1 it folds to.
const (
	foldSlow uint32 = 0
	foldDrop uint32 = 1<<32 - 1
)

// bmpFolds is what foldNonASCII makes of each rune of the Basic
// Multilingual Plane when that is one rune or none, computed once by
// running it, so a note's runes take one table read instead of the
// decomposition lookup and the five maps and Unicode tables of foldRune
// (TestFoldTableAgreesWithFoldRune checks every entry).
var bmpFolds = sync.OnceValue(func() *[bmpEnd]uint32 {
	t := new([bmpEnd]uint32)
	var v View
	for r := rune(utf8.RuneSelf); r < bmpEnd; r++ {
		if 0xD800 <= r && r <= 0xDFFF {
			continue // surrogates do not decode from UTF-8
		}
		v.Runes, v.Spans = v.Runes[:0], v.Spans[:0]
		foldNonASCII(&v, r, Span{})
		switch {
		case len(v.Runes) == 0:
			t[r] = foldDrop
		case len(v.Runes) == 1:
			t[r] = uint32(v.Runes[0]) + 1
		}
	}
	return t
})

func foldRune(v *View, r rune, sp Span) {
	if invisible(r) {
		return
	}
	if w, ok := emojiWords[r]; ok {
		appendWord(v, w, sp)
		return
	}
	// TR39 look-alikes are looked up before lower-casing: a capital and its
	// small form can imitate different letters (Greek Η is an H, η an n).
	if c, ok := tr39Letters[r]; ok {
		r = c
	} else {
		r = unicode.ToLower(r)
		if c, ok := confusables[r]; ok {
			r = c
		} else if c, ok := emojiLetter(r); ok {
			r = c
		}
	}
	if r >= hanStart {
		if c, ok := traditionalToSimplified[r]; ok {
			r = c
		}
	}
	v.Runes = append(v.Runes, r)
	v.Spans = append(v.Spans, sp)
}

// echoOpen opens the triple-parentheses "echo"; echoWord is the word it
// folds to (a rule term written "(((" folds to it too).
const (
	echoOpen = "((("
	echoWord = "echoparens"
)

// appendWord appends w as a word of its own, apart from the words around
// it, every rune mapped to span sp of the original.
func appendWord(v *View, w string, sp Span) {
	v.Runes = append(v.Runes, ' ')
	v.Spans = append(v.Spans, sp)
	for _, c := range w {
		v.Runes = append(v.Runes, c)
		v.Spans = append(v.Spans, sp)
	}
	v.Runes = append(v.Runes, ' ')
	v.Spans = append(v.Spans, sp)
}

// invisible reports runes that render as nothing and are used to split a
// term without changing how it looks.
func invisible(r rune) bool {
	if r < 0x80 {
		return false
	}
	switch r {
	case 0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x180E:
		return true
	}
	return unicode.In(r, unicode.Cf, unicode.Mn, unicode.Me)
}

// Rune classes of the skeleton.
const (
	classSep   = iota // spacing, punctuation, symbols, controls
	classLatin        // Latin letters and digits (and folded leet)
	classHan          // Han ideographs and Bopomofo
	classOther        // letters and numbers of any other script
	classJoin         // an apostrophe of a contraction: inside the word, not written
)

func classify(r rune) int {
	switch {
	case r < 0x80:
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			return classLatin
		}
		return classSep
	case 0x4E00 <= r && r <= 0x9FFF: // CJK Unified Ideographs, most Han text
		return classHan
	case 0x3100 <= r && r <= 0x312F || 0x31A0 <= r && r <= 0x31BF:
		// Bopomofo (zhuyin) stands in Han text and is spaced like it: "ㄍ ㄋ ㄋ"
		// is ㄍㄋㄋ, as "傻 逼" is 傻逼.
		return classHan
	case isHangulSyllable(r) || isKana(r):
		// Hangul syllables, hiragana and katakana letters (not the
		// prolonged sound mark or the middle dot, which the general
		// case below classifies).
		return classOther
	case unicode.Is(unicode.Han, r):
		return classHan
	case unicode.Is(unicode.Latin, r):
		return classLatin
	case unicode.IsLetter(r) || unicode.IsNumber(r):
		return classOther
	}
	return classSep
}

// leet maps look-alike digits and symbols to the letter they stand for
// inside a Latin word. i and l share one class, as 1, | and ! read as either;
// € is an e ("s€ins", "m€rde"), © a c ("f!©k").
var leet = map[rune]rune{
	'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b',
	'@': 'a', '$': 's', '!': 'i', '|': 'i', 'l': 'i', '€': 'e', '©': 'c',
}

// leetASCII is leet for ASCII runes as a table: every rune of a Latin
// word is looked up, and a table read costs less than a map's.
var leetASCII = func() (t [utf8.RuneSelf]rune) {
	for k, v := range leet {
		if k < utf8.RuneSelf {
			t[k] = v
		}
	}
	return t
}()

// leetOf is leet[r].
func leetOf(r rune) (rune, bool) {
	if 0 <= r && r < utf8.RuneSelf {
		c := leetASCII[r]
		return c, c != 0
	}
	c, ok := leet[r]
	return c, ok
}

// leetDigit returns the letter an ASCII digit r stands for between two
// ASCII letters (prev and next, lower case): "d0ce", "te1egram", "w3chat".
// A digit at a word's edge, or one with no letter to stand for, is none.
func leetDigit(prev, r, next rune) (rune, bool) {
	if !isASCIIDigit(r) || !isASCIILetter(prev) || !isASCIILetter(next) {
		return 0, false
	}
	return leetOf(r)
}

// unleetDigits returns s with every ASCII digit that stands between two
// ASCII letters read as the letter it stands for ("d0ce", "tr3ce",
// "quinz3" is not: a digit at a word's edge stays a digit), so that ages
// and phone numbers spelled with leet are read ("f1ve-f1ve-f1ve"); byte offsets are unchanged. s itself is
// returned when it has no such digit.
func unleetDigits(s string) string {
	var b []byte
	for i := 1; i+1 < len(s); i++ {
		l, ok := leetDigit(rune(s[i-1]), rune(s[i]), rune(s[i+1])) // s is folded: lower case
		if !ok {
			continue
		}
		if b == nil {
			b = []byte(s)
		}
		b[i] = byte(l)
	}
	if b == nil {
		return s
	}
	return string(b)
}

// leetSymbol reports non-alphanumeric runes that can stand for letters.
func leetSymbol(r rune) bool {
	return r == '@' || r == '$' || r == '!' || r == '|' || r == '€' || r == '©'
}

// maxJoinGap is the longest run of separators that collapsing removes
// between Han characters or between single letters.
const maxJoinGap = 3

// skeletonBuf is skeleton's working copy of the folded runes and their
// classes, reused across calls (a note's fields are normalised one by one).
type skeletonBuf struct {
	runes []rune
	class []uint8
}

var skeletonScratch = sync.Pool{New: func() any { return new(skeletonBuf) }}

// skeleton builds the skeleton view from the folded view f.
func skeleton(f *View, v *View) {
	n := len(f.Runes)
	sc := skeletonScratch.Get().(*skeletonBuf)
	defer skeletonScratch.Put(sc)
	sc.runes = append(sc.runes[:0], f.Runes...)
	sc.class = slices.Grow(sc.class[:0], n)[:n]
	runes, class := sc.runes, sc.class
	for i, r := range runes {
		class[i] = uint8(classify(r))
	}
	foldLeet(runes, class)
	joinContractions(runes, class)

	v.Runes = slices.Grow(v.Runes[:0], n)
	v.Spans = slices.Grow(v.Spans[:0], n)
	v.Counts = slices.Grow(v.Counts[:0], n)
	v.Spaced = slices.Grow(v.Spaced[:0], n)
	v.Joins = nil

	emit := func(r rune, sp Span, spaced bool) {
		// Reduplication is grammar in Chinese (妈妈, 看看): Han repeats stay.
		if k := len(v.Runes) - 1; k >= 0 && v.Runes[k] == r && !unicode.Is(unicode.Han, r) {
			v.Spans[k].End = sp.End
			if v.Counts[k] < 0xFFFF {
				v.Counts[k]++
			}
			v.Spaced[k] = v.Spaced[k] || spaced
			return
		}
		v.Runes = append(v.Runes, r)
		v.Spans = append(v.Spans, sp)
		v.Counts = append(v.Counts, 1)
		v.Spaced = append(v.Spaced, spaced)
	}

	// Walk tokens (maximal runs of non-separators) and the gaps between.
	spacedHangul := spacedHangulRuns(runes, class)
	prevEnd := -1 // index just past the previous token, -1 before the first
	prevLen := 0  // runes in the previous token
	prevSpaced := false
	prevGap := 0 // the gap the previous token was joined across, 0 when it was not
	for i := 0; i < n; {
		if class[i] == classSep {
			i++
			continue
		}
		j := i
		for j < n && class[j] != classSep {
			j++
		}
		tokLen := j - i
		spaced := false
		if prevEnd >= 0 {
			gap := i - prevEnd
			a, b := class[prevEnd-1], class[i]
			singles := prevLen == 1 && tokLen == 1 && (a == classLatin && b == classLatin ||
				spacedHangul != nil && spacedHangul[prevEnd-1] && spacedHangul[i]) ||
				// The last kana of a spelt-out word written onto what follows: "チ ョ ンは".
				prevLen == 1 && tokLen > 1 && spacedHangul != nil && spacedHangul[prevEnd-1] && spacedHangul[i] ||
				// Its first kana written onto the word before: "マジでこ ろ す".
				prevLen > 1 && tokLen == 1 && spacedHangul != nil && spacedHangul[prevEnd-1] && spacedHangul[i]
			switch {
			case gap <= maxJoinGap && (a == classHan || b == classHan):
				// Chinese has no spaces: a gap between Han is padding.
			case gap <= maxJoinGap && isKana(runes[prevEnd-1]) && isKana(runes[i]) && maskGap(runes[prevEnd:i]):
				// A symbol inside a kana word masks it (チョ.ン, バ*カ): kana
				// words part at spaces and ・, not at dots or asterisks.
			case gap <= maxJoinGap && singles && !wordBreakGap(runes, class, prevGap, prevEnd, i, j):
				spaced = true
				prevGap = gap
				if !prevSpaced {
					v.Spaced[len(v.Spaced)-1] = true
				}
			default:
				prevGap = 0
				emit(' ', Span{f.Spans[prevEnd].Start, f.Spans[i-1].End}, false)
			}
		}
		for k := i; k < j; k++ {
			if class[k] != classJoin {
				emit(runes[k], f.Spans[k], spaced)
			} else {
				// Before the join, the apostrophe parted two words.
				v.Joins = append(v.Joins, int32(len(v.Runes)))
			}
		}
		prevEnd, prevLen, prevSpaced = j, tokLen, spaced
		i = j
	}
}

// isKana reports hiragana and katakana letters.
func isKana(r rune) bool { return 0x3041 <= r && r <= 0x3096 || 0x30A1 <= r && r <= 0x30FA }

// maskGap reports whether a gap holds only the symbols that mask a word
// from inside: dots, asterisks, underscores, in either width.
func maskGap(gap []rune) bool {
	for _, r := range gap {
		if !strings.ContainsRune(".*_．＊＿", r) {
			return false
		}
	}
	return len(gap) > 0
}

// wordBreakGap reports whether the gap before the single-letter token
// [i, j) parts two spelt-out words rather than two letters of one: in
// "m a k e  $ 5 0 0  a  d a y" the letters are one space apart and the
// words two. A gap wider than the one the run was joined across
// (prevGap), or than the one after this token when another single letter
// follows, is a word break. Only a gap of spaces breaks: "3 3 - 1 8 4 7"
// is one number.
func wordBreakGap(runes []rune, class []uint8, prevGap, gapStart, i, j int) bool {
	gap := i - gapStart
	if gap <= 1 {
		return false
	}
	for _, r := range runes[gapStart:i] {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	if prevGap > 0 && prevGap < gap {
		return true
	}
	if j-i != 1 {
		return false
	}
	k := j
	for k < len(class) && class[k] == classSep {
		k++
	}
	next := k - j
	if next == 0 || k >= len(class) || next >= gap {
		return false
	}
	e := k
	for e < len(class) && class[e] != classSep {
		e++
	}
	return e-k == 1
}

// minSpacedHangul is the shortest run of one-syllable tokens that reads as
// a word spelt out ("짱 깨 들 은", "ス ピ ー ド") when spaces part them.
// Korean has one-syllable words ("좀 더", "안 돼"), so a spaced pair stays
// apart; a Hangul pair parted only by punctuation ("대.마", "떨*액") is one
// word written to slip past a filter, as "k.i.l.l" is, and joins. A kana
// pair does not: masked words are written that way in Japanese terms and
// notes alike (エ□い), and the note's "エ□い自撮り" would not join.
const minSpacedHangul = 3

// spacedHangulRuns marks the Hangul syllables and kana that stand alone
// between separators in runs of at least minSpacedHangul such tokens with
// short gaps, or of two or more when no gap holds a space, which skeleton
// joins like spaced Latin letters; nil when there are none. Japanese is
// written without spaces, so kana standing alone in such a run are spelt
// out too ("ス ピ ー ド" is スピード).
func spacedHangulRuns(runes []rune, class []uint8) []bool {
	n := len(runes)
	var marks []bool
	single := func(k int) bool {
		return isSpellingSyllable(runes[k]) && (k == 0 || class[k-1] == classSep) && (k+1 == n || class[k+1] == classSep)
	}
	for i := 0; i < n; {
		if !single(i) {
			i++
			continue
		}
		run := []int{i}
		spaced := false // some gap of the run holds a space
		kana := false   // some token of the run is kana, not Hangul
		for k := i + 1; k < n && k-run[len(run)-1] <= maxJoinGap+1; k++ {
			if class[k] == classSep {
				continue
			}
			if !single(k) {
				break
			}
			for _, r := range runes[run[len(run)-1]+1 : k] {
				spaced = spaced || unicode.IsSpace(r)
			}
			run = append(run, k)
		}
		allKana := true
		for _, k := range run {
			kana = kana || !isHangulSyllable(runes[k])
			allKana = allKana && !isHangulSyllable(runes[k])
		}
		// Japanese is written without spaces, so spaced kana often end on
		// the word that follows ("チ ョ ンは日本から", "ゴ キ ブ リと同じ"): a
		// token that starts with kana right after a kana run is its last
		// syllable, and counts toward the run's length.
		head := -1
		if last := run[len(run)-1]; allKana {
			k := last + 1
			for k < n && class[k] == classSep && k-last <= maxJoinGap {
				k++
			}
			if k < n && k > last+1 && class[k] != classSep && !single(k) && isSpellingSyllable(runes[k]) && !isHangulSyllable(runes[k]) {
				head = k
			}
			// Or on a Han suffix of a pair at least ("シ ナ 人は", round 41).
			if k < n && k > last+1 && len(run) >= 2 && unicode.Is(unicode.Han, runes[k]) {
				head = k
			}
		}
		// And they often start on the word before ("マジでこ ろ す"): a token
		// that ends with kana right before a kana run holds its first
		// syllable.
		tail := -1
		if first := run[0]; allKana {
			k := first - 1
			for k >= 0 && class[k] == classSep && first-k <= maxJoinGap {
				k--
			}
			if k >= 0 && k < first-1 && class[k] != classSep && !single(k) && isKana(runes[k]) {
				tail = k
			}
		}
		length := len(run)
		if head >= 0 {
			length++
		}
		if tail >= 0 {
			length++
		}
		if length >= minSpacedHangul || len(run) >= 2 && !spaced && !kana {
			if marks == nil {
				marks = make([]bool, n)
			}
			for _, k := range run {
				marks[k] = true
			}
			if head >= 0 {
				marks[head] = true
			}
			if tail >= 0 {
				marks[tail] = true
			}
		}
		i = run[len(run)-1] + 1
	}
	return marks
}

// isSpellingSyllable reports a rune that spells a word one token at a time
// in a disguise: a Hangul syllable, a kana letter or the prolonged sound
// mark (ー) of katakana words.
func isSpellingSyllable(r rune) bool {
	return isHangulSyllable(r) || isKana(r) || r == 0x30FC
}

// foldSpacedLeet folds the digits and symbols of a word spelt one
// character at a time ("w h @ t s @ p p", "m 0 n g 0 l 1 c 0 s", "p.3.d.3.s"):
// each stands alone between separators, so the word rule of foldLeet never
// sees a letter beside it, and an alone @ is a separator, which would drop
// it from the joined word. A run of at least three one-character tokens
// (gaps of up to maxJoinGap separators) is folded when at least two of
// them are ASCII letters and the letters are no fewer than the stand-ins;
// "3 3 - 1 8 4 7" and "5 - 1 - 4" hold no letter and stay numbers.
func foldSpacedLeet(runes []rune, class []uint8) {
	n := len(runes)
	single := func(k int) bool { // runes[k] is a one-character token
		return (class[k] == classLatin || leetSymbol(runes[k])) &&
			(k == 0 || class[k-1] == classSep && !leetSymbol(runes[k-1])) &&
			(k+1 == n || class[k+1] == classSep && !leetSymbol(runes[k+1]))
	}
	for i := 0; i < n; {
		if !single(i) {
			i++
			continue
		}
		// Walk the run once, counting its tokens, letters and stand-ins;
		// j ends past its last token. Its gaps hold no leet symbol, so
		// folding every leet rune of [i, j) folds the tokens only.
		tokens, letters, stand := 0, 0, 0
		j := i
		for k := i; ; {
			tokens++
			if 'a' <= runes[k] && runes[k] <= 'z' {
				letters++
			} else if _, ok := leetOf(runes[k]); ok {
				stand++
			}
			j = k + 1
			for k = j; k < n && k-j < maxJoinGap && class[k] == classSep && !leetSymbol(runes[k]); k++ {
			}
			if k == j || k >= n || !single(k) {
				break
			}
		}
		if tokens >= 3 && letters >= 2 && letters >= stand {
			for k := i; k < j; k++ {
				if c, ok := leetOf(runes[k]); ok && runes[k] != 'l' {
					runes[k] = c
					class[k] = classLatin
				}
			}
		}
		i = j
	}
}

// isHangulSyllable reports a precomposed Hangul syllable (가 … 힣).
func isHangulSyllable(r rune) bool { return 0xAC00 <= r && r <= 0xD7A3 }

// gameTag reports whether the word [i, j) is the tag of a player's name in
// a game (감자튀김왕#KR1, Kai#EUW1): two to five letters and digits, one
// of them a digit, right after a '#' that ends a name of two runes or more.
// Its digits are not leet ("KR1" is no "krl").
func gameTag(runes []rune, class []uint8, i, j int) bool {
	if j-i < 2 || j-i > 5 || i < 3 || runes[i-1] != '#' || class[i-2] == classSep || class[i-3] == classSep {
		return false
	}
	for _, r := range runes[i:j] {
		if '0' <= r && r <= '9' {
			return true
		}
	}
	return false
}

// foldLeet rewrites leet inside Latin words in place. A word is a maximal
// run of Latin letters, digits and leet symbols; it is folded only if it
// holds an ASCII letter (so "2025" stays a number), and trailing symbols
// but $ and a letter's @ stay punctuation ("wow!").
func foldLeet(runes []rune, class []uint8) {
	foldSpacedLeet(runes, class)
	n := len(runes)
	for i := 0; i < n; {
		if class[i] != classLatin && !leetSymbol(runes[i]) {
			i++
			continue
		}
		j := i
		letter := false
		for j < n && (class[j] == classLatin || leetSymbol(runes[j])) {
			if 'a' <= runes[j] && runes[j] <= 'z' {
				letter = true
			}
			j++
		}
		end := j
		// A final $ is an s ("nude$") and a final @ after a letter an a
		// ("p0rr@", "m3rd@"); other final symbols are punctuation.
		for end > i && leetSymbol(runes[end-1]) && runes[end-1] != '$' &&
			(runes[end-1] != '@' || end-1 == i || class[end-2] != classLatin) {
			end--
		}
		if letter && !gameTag(runes, class, i, j) {
			for k := i; k < end; k++ {
				if c, ok := leetOf(runes[k]); ok {
					runes[k] = c
					class[k] = classLatin
				}
			}
		}
		i = j
	}
	for i, r := range runes {
		if r == 'l' {
			// 'l' outside a leet word still shares the i class.
			runes[i] = 'i'
		}
	}
}
