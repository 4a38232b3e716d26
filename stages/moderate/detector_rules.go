package moderate

import (
	"context"
	"fmt"
	"io/fs"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// RulesDetector runs the intent rules (rules/*.yaml, see rules.go and
// rules/README.md): every term of every rule is compiled into one
// Aho-Corasick automaton, so a field's skeleton is scanned once whatever
// the number of rules; a rule is checked only when each of its groups
// matched somewhere in the field, which in clean text is rare.
//
// A finding's evidence runs from the first to the last term of the
// shortest window that satisfies the rule, in the field as written.
type RulesDetector struct {
	set  *ruleSet
	m    *matcher
	pool sync.Pool // *ruleScratch
	// words are the one-word Latin terms, read also through masks
	// (p*te, c*nnard) as the lexicon detector reads its own.
	words []wordPattern
	// kana are the kana and Hangul terms, read also through a masked
	// syllable (ガ○ジ; rules_masked_kana.go).
	kana []kanaWord
	// typos are the misspellings of the long one-word terms (rules_typo.go).
	typos *typoIndex
	// joined are the one-word terms by skeleton, for broken words.
	joined *stringIndex
	// pinyin are the Chinese terms spelt in pinyin, for runs of pinyin
	// written without spaces (rules_pinyin.go).
	pinyin *pinyinIndex
	// runOn are the Latin terms by their letters, for words run together
	// (rules_runon.go).
	runOn *runOnIndex
}

// Bounds of the work on one field: occurrences considered per rule and
// findings reported per rule.
const (
	maxRuleOccurrences = 256
	maxRuleFindings    = 8
)

// ruleScratch is the per-call working memory, pooled.
type ruleScratch struct {
	matches []match
	masks   []uint16 // per rule: the groups that matched in the field
	touched []int32  // rules with a non-zero mask
	occ     []ruleOcc
	veto    []ruleOcc
	bounds  []int    // byte offsets of t.Original where sentences start
	handles [][2]int // skeleton runes of the field's @handles (rules_mention.go)
	long    bool     // the field is longer than longFieldRunes (longField)
	acuteO  bool     // the field holds an ó or Ó, which may mark a Spanish past (past_tense_es.go)
	// marks lists the punctuation vetoes of the field: the sentence of
	// each quotation or question mark.
	marks []sentenceMark
	word  []byte // a word spelled out, for the typo index
	frags []latinFrag
}

type sentenceMark struct {
	sent int32
	mark uint8
}

// ruleOcc is one occurrence of a term of the rule being checked, on
// skeleton runes [i, j) of sentence sent.
type ruleOcc struct {
	i, j  int
	group int8
	sent  int32
}

// NewRulesDetector loads every *.yaml rule file at the top of fsys.
func NewRulesDetector(fsys fs.FS) (*RulesDetector, error) {
	set, err := compileRules(fsys)
	if err != nil {
		return nil, err
	}
	d := &RulesDetector{set: set, m: newMatcher(set.patterns)}
	for i := range d.m.patterns {
		p := &d.m.patterns[i]
		p.helpline = p.kind == kindHit && helplineTerm(p.term)
		for _, ref := range p.refs.of(set.refs) {
			if ref.group() >= 0 && set.rules[ref.rule()].readsAges {
				p.feeds |= feedsAges
			}
			if ref.group() >= 0 && set.rules[ref.rule()].readsPrices {
				p.feeds |= feedsPrices
			}
			if ref.group() >= 0 && set.rules[ref.rule()].readsMentions {
				p.feeds |= feedsMentions
			}
			if ref.group() >= 0 && set.rules[ref.rule()].readsCashtags {
				p.feeds |= feedsCashtags
			}
		}
	}
	d.words = latinWords(d.m.patterns)
	d.kana = kanaWords(d.m.patterns, set.refs)
	d.typos = newTypoIndex(d.m.patterns, set)
	d.joined = newJoinIndex(d.m.patterns, set.refs)
	// The pinyin and run-on indexes copy patterns with fewer refs; theirs
	// go after the set's.
	refs := refTable{all: set.refs}
	d.pinyin = newPinyinIndex(d.m.patterns, set, &refs)
	d.runOn = newRunOnIndex(d.m.patterns, set, &refs)
	set.refs = refs.done()
	n := len(set.rules)
	d.pool.New = func() any { return &ruleScratch{masks: make([]uint16, n)} }
	return d, nil
}

// DefaultRulesDetector returns the detector of the rules shipped with the
// package. The rules are compiled once per process (1.5–3 s of CPU; every
// stage built with the embedded rules shares the result): a RulesDetector
// is never changed after it is built and is safe for concurrent use.
func DefaultRulesDetector() (*RulesDetector, error) { return embeddedRulesOnce() }

var embeddedRulesOnce = sync.OnceValues(func() (*RulesDetector, error) {
	sub, err := fs.Sub(embeddedRules, "rules")
	if err != nil {
		return nil, fmt.Errorf("embedded rules: %w", err)
	}
	return NewRulesDetector(sub)
})

// Name implements Detector.
func (d *RulesDetector) Name() string { return "rules" }

// Detect implements Detector; it never fails.
func (d *RulesDetector) Detect(_ context.Context, t *Text) ([]Finding, error) {
	if len(d.set.rules) == 0 {
		return nil, nil
	}
	sc := d.pool.Get().(*ruleScratch)
	defer d.pool.Put(sc)
	sc.matches = asWritten(t.Original, &t.Skeleton, d.m.scan(&t.Skeleton, t.HasHan, sc.matches[:0]))
	if masked(t.Original) {
		sc.matches = d.maskedMatches(t, sc.matches)
	}
	sc.matches = d.maskedKanaMatches(t, sc.matches)
	sc.matches = d.minorAgeMatches(t, sc.matches)
	sc.matches = d.priceMatches(t, sc.matches)
	sc.matches = d.mentionMatches(t, sc.matches)
	sc.matches = d.cashtagMatches(t, sc.matches)
	sc.word, sc.matches = d.typoMatches(t, sc.word, sc.matches)
	if d.joined.len() > 0 {
		// Both readings put words together from the same fragments; most
		// fields need neither.
		spaced, slipped := hasShortLatinWord(&t.Skeleton), insertedSymbolSet.in(t.Original)
		if spaced || slipped {
			sc.frags = latinFragments(&t.Skeleton, sc.frags[:0])
		}
		if spaced {
			sc.matches = d.joinedMatches(t, sc.frags, sc.matches)
		}
		if slipped {
			sc.matches = d.insertedMatches(t, sc.frags, sc.matches)
		}
	}
	sc.matches = d.pinyinMatches(t, sc.matches)
	sc.matches = d.runOnMatches(t, sc.matches)
	sc.matches = d.gluedMatches(t, sc.matches)
	if len(sc.matches) == 0 {
		return nil, nil
	}
	sc.touched = sc.touched[:0]
	weak := false
	for _, m := range sc.matches {
		if m.weak {
			weak = true
			continue
		}
		for _, ref := range m.p.refs.of(d.set.refs) {
			if ref.group() < 0 {
				continue
			}
			if sc.masks[ref.rule()] == 0 {
				sc.touched = append(sc.touched, ref.rule())
			}
			sc.masks[ref.rule()] |= 1 << ref.group()
		}
	}
	if weak {
		// A weak misspelling only adds its group to a rule another of
		// whose groups is read as written.
		for _, m := range sc.matches {
			if !m.weak {
				continue
			}
			for _, ref := range m.p.refs.of(d.set.refs) {
				if ref.group() >= 0 && sc.masks[ref.rule()] != 0 {
					sc.masks[ref.rule()] |= 1 << ref.group()
				}
			}
		}
	}
	var out []Finding
	segmented := false
	for _, ri := range sc.touched {
		if bits.OnesCount16(sc.masks[ri]) >= d.set.rules[ri].need {
			if !segmented {
				sc.bounds, sc.marks = sentenceBounds(t, sc.bounds[:0], sc.marks[:0])
				sc.handles = handleRanges(t, sc.handles[:0])
				sc.long = longField(t)
				sc.acuteO = hasAcuteO(t.Original)
				segmented = true
			}
			out = d.check(sc, t, ri, out)
		}
		sc.masks[ri] = 0
	}
	return out, nil
}

// check evaluates rule ri on the field's matches and appends its findings.
func (d *RulesDetector) check(sc *ruleScratch, t *Text, ri int32, out []Finding) []Finding {
	r := &d.set.rules[ri]
	sk := &t.Skeleton
	occ, veto := sc.occ[:0], sc.veto[:0]
	handles := len(sc.handles) > 0 && handleWordsNotAuthors(r.category)
	for _, m := range sc.matches {
		if handles && !m.p.recognizer && inHandle(sc.handles, m.i, m.j) {
			continue
		}
		for _, ref := range m.p.refs.of(d.set.refs) {
			if ref.rule() != ri {
				continue
			}
			if m.weak && (ref.group() < 0 || r.groups < 2) {
				continue // a misspelling vetoes nothing, nor is a rule of one group
			}
			if ref.group() < 0 && r.support && m.p.helpline && helpedButStill(t) {
				continue // a helpline vetoes no risk the author has despite it (see helplineTerm)
			}
			if ref.group() == groupNoneField {
				return out // a veto anywhere in the field
			}
			o := ruleOcc{i: m.i, j: m.j, group: ref.group(), sent: sentenceOf(sc.bounds, sk.Spans[m.i].Start)}
			if ref.group() < 0 {
				if !negatedVeto(t.Original, sk.Spans[m.i].Start) && !aNotAQuestion(sk, m.i) {
					veto = append(veto, o)
				}
			} else {
				occ = append(occ, o)
			}
		}
	}
	// The scan reports matches by where they end; windows need them by
	// where they start.
	slices.SortFunc(occ, func(a, b ruleOcc) int {
		if a.i != b.i {
			return a.i - b.i
		}
		return a.j - b.j
	})
	if len(occ) > maxRuleOccurrences {
		occ = occ[:maxRuleOccurrences]
	}
	occ = dropNested(sk, occ)
	if t.HasHan && (r.category == models.CategoryHate || r.category == models.CategoryHarassment) {
		occ = dropNegatedZh(t, occ)
	}
	if sc.acuteO && pastTenseCategory(r.category) {
		occ = dropWrittenPast(t, occ)
	}
	if d.set.refusal != nil && (r.category == models.CategorySpam || r.category == models.CategoryIllicit) {
		occ = d.set.refusal.drop(t, occ)
	}
	sc.occ, sc.veto = occ, veto
	emitExact := func(i, j int) {
		sp := Span{sk.Spans[i].Start, sk.Spans[j-1].End}
		if r.clears {
			sp = sentencesSpan(sc.bounds, len(t.Original), sp)
		}
		out = append(out, Finding{
			Category: r.category, Score: r.score, Rule: r.id, Support: r.support, Clears: r.clears, Span: sp,
		})
		for _, c := range r.also {
			out = append(out, Finding{Category: c, Score: r.score, Rule: r.id, Span: sp})
		}
	}
	emit := func(i, j int) {
		i, j = widen(occ, i, j)
		emitExact(i, j)
	}
	vetoed := func(from, to int32) bool {
		for _, v := range veto {
			if v.sent >= from && v.sent <= to {
				return true
			}
		}
		if r.marks != 0 {
			for _, m := range sc.marks {
				if m.mark&r.marks != 0 && m.sent >= from && m.sent <= to {
					return true
				}
			}
		}
		return false
	}
	switch r.window.kind {
	case windowNote:
		if vetoed(0, math.MaxInt32) {
			break
		}
		if r.need < r.groups {
			// Signals that add up: enough groups anywhere in the field
			// (in a long one, within noteWindowSentences sentences); the
			// evidence runs from the first signal to the last.
			if i, j, ok := signalsAddUp(sc.long, r.need, occ); ok {
				emit(i, j)
			}
			break
		}
		if i, j, ok := shortestCover(r, occ); ok && !(sc.long && spreadOverSentences(sk, sc.bounds, i, j)) {
			emit(i, j)
		}
	case windowSentences:
		// An argument over a paragraph: the terms within n sentences in
		// a row, however long the field; a veto anywhere in it cancels,
		// as in a note window (a post that quotes the argument to refute
		// it says so once).
		if vetoed(0, math.MaxInt32) {
			break
		}
		covers(r, occ, func(a, b, i, j int) bool {
			if occ[b].sent-occ[a].sent >= int32(r.window.n) {
				return true
			}
			emit(i, j)
			return false
		})
	case windowSentence:
		found := 0
		for a := 0; a < len(occ) && found < maxRuleFindings; {
			b := a
			for b < len(occ) && occ[b].sent == occ[a].sent {
				b++
			}
			switch {
			case vetoed(occ[a].sent, occ[a].sent):
			case r.groups == 1 && r.category == models.CategoryProfanity:
				// Every swear word is evidence of its own: crude
				// swearing counts them (profanity_crude.go). A phrase
				// of them ("putain de merde") is its words.
				for k := a; k < b && found < maxRuleFindings; k++ {
					if swearWord(occ[a:b], k-a) {
						emitExact(occ[k].i, occ[k].j)
						found++
					}
				}
			default:
				if i, j, ok := shortestCover(r, occ[a:b]); ok {
					emit(i, j)
					found++
				}
			}
			a = b
		}
	default:
		// In a long field a words or chars window keeps to one sentence:
		// a story's knife in one sentence and its Saturday in the next
		// are two things ("…qu'on se coupe. Passez à la boutique le samedi").
		found, lastEnd := 0, -1
		covers(r, occ, func(a, b, i, j int) bool {
			if i < lastEnd || !fitsWindow(r.window, sk, i, j) || vetoed(occ[a].sent, occ[b].sent) ||
				sc.long && occ[b].sent != occ[a].sent {
				return true
			}
			emit(i, j)
			lastEnd = j
			found++
			return found < maxRuleFindings
		})
	}
	return out
}

// dropNegatedZh removes the occurrences of a hate or harassment rule that
// a Chinese negation right before them denies (同性恋一点也不恶心,
// 跨性别者没有病; negation_zh.go): the rule then needs another term of
// that group. The negation is looked for after the occurrence before it,
// so a term never denies itself. occ is sorted by start.
func dropNegatedZh(t *Text, occ []ruleOcc) []ruleOcc {
	sk := &t.Skeleton
	out := occ[:0]
	floor := 0
	for _, o := range occ {
		start, end := sk.Spans[o.i].Start, sk.Spans[o.j-1].End
		if !negatedZh(t.Original, start, end, floor) {
			out = append(out, o)
		}
		floor = max(floor, end)
	}
	return out
}

// swearWord reports whether occ[k] is a word to report on its own among
// the occurrences of a sentence: not a phrase of other occurrences
// ("putain de merde", which holds "putain" and "merde"), and not held by
// a longer occurrence that is no such phrase ("mierd" in "mierda").
func swearWord(occ []ruleOcc, k int) bool {
	if phraseOf(occ, k) {
		return false
	}
	for m := range occ {
		if m != k && holds(occ[m], occ[k]) && !phraseOf(occ, m) {
			return false
		}
	}
	return true
}

// phraseOf reports whether occ[k] holds two occurrences of occ that do not
// overlap.
func phraseOf(occ []ruleOcc, k int) bool {
	for m := range occ {
		if m == k || !holds(occ[k], occ[m]) {
			continue
		}
		for n := range occ {
			if n != k && n != m && holds(occ[k], occ[n]) && (occ[n].i >= occ[m].j || occ[m].i >= occ[n].j) {
				return true
			}
		}
	}
	return false
}

// holds reports whether a holds b and is longer (a tie is broken by
// position, so that of two equal occurrences one holds the other).
func holds(a, b ruleOcc) bool {
	return a.i <= b.i && b.j <= a.j && (a.j-a.i > b.j-b.i || a.j-a.i == b.j-b.i && a.group < b.group)
}

// widen extends [i, j) over the rule's occurrences that straddle its
// ends, so evidence never cuts a term in two ("加微信" whose "加微" and
// "微信" are both terms).
func widen(occ []ruleOcc, i, j int) (int, int) {
	for changed := true; changed; {
		changed = false
		for _, o := range occ {
			if o.i < i && o.j > i {
				i, changed = o.i, true
			}
			if o.i < j && o.j > j {
				j, changed = o.j, true
			}
		}
	}
	return i, j
}

// dropNested removes the occurrences lying inside a longer occurrence of
// another group: the longer term is what was written ("福利视频" is a porn
// term, not also the 福利 of another group). occ is sorted by start.
func dropNested(sk *View, occ []ruleOcc) []ruleOcc {
	out := occ[:0]
	for a := range occ {
		nested := false
		for b := range occ {
			if occ[b].i > occ[a].i {
				break
			}
			if b != a && occ[b].group != occ[a].group && occ[b].j >= occ[a].j && occ[b].j-occ[b].i > occ[a].j-occ[a].i &&
				!latinWordWithin(sk, occ[a], occ[b]) {
				nested = true
				break
			}
		}
		if !nested {
			out = append(out, occ[a])
		}
	}
	return out
}

// latinWordWithin reports whether inner is a whole Latin word of the
// phrase outer: "me" in "make me sick", "i" in "i know where you live".
// Such a word says what its own group asks for (the first person is in
// "make me sick"), so it counts for its group too; a Chinese term inside
// a longer one (福利 in 福利视频) does not, nor does a piece of a word.
func latinWordWithin(sk *View, inner, outer ruleOcc) bool {
	if !isASCIILetter(sk.Runes[inner.i]) {
		return false
	}
	before := inner.i == outer.i || sk.Runes[inner.i-1] == ' '
	after := inner.j == outer.j || inner.j < len(sk.Runes) && sk.Runes[inner.j] == ' '
	return before && after
}

// shortestCover returns the shortest span of occ that holds a term of
// every group (in order for an ordered rule).
func shortestCover(r *rule, occ []ruleOcc) (int, int, bool) {
	var mask uint16
	for _, o := range occ {
		mask |= 1 << o.group
	}
	if mask != r.full {
		return 0, 0, false
	}
	bi, bj, ok := 0, 0, false
	covers(r, occ, func(_, _, i, j int) bool {
		if !ok || j-i < bj-bi {
			bi, bj, ok = i, j, true
		}
		return true
	})
	return bi, bj, ok
}

// covers calls yield with the minimal windows of occ (sorted by start)
// that hold a term of every group of r, in order of their start: the
// indexes of their first and last occurrence and the skeleton runes
// [i, j) they span. yield returns false to stop.
func covers(r *rule, occ []ruleOcc, yield func(a, b, i, j int) bool) {
	if r.ordered {
		for a := range occ {
			if occ[a].group != 0 {
				continue
			}
			cur, last, complete := occ[a].j, a, true
			for g := int8(1); int(g) < r.groups && complete; g++ {
				complete = false
				for b := last + 1; b < len(occ); b++ {
					if occ[b].group == g && occ[b].i >= cur {
						cur, last, complete = occ[b].j, b, true
						break
					}
				}
			}
			if complete && !yield(a, last, occ[a].i, cur) {
				return
			}
		}
		return
	}
	var count [maxRuleGroups]int
	var mask uint16
	l := 0
	for b := range occ {
		g := occ[b].group
		count[g]++
		mask |= 1 << g
		for mask == r.full {
			end := 0
			for k := l; k <= b; k++ {
				end = max(end, occ[k].j)
			}
			// The window is minimal when dropping its first occurrence
			// loses a group.
			if count[occ[l].group] == 1 {
				if !yield(l, b, occ[l].i, end) {
					return
				}
			}
			count[occ[l].group]--
			if count[occ[l].group] == 0 {
				mask &^= 1 << occ[l].group
			}
			l++
		}
	}
}

// fitsWindow reports whether skeleton runes [i, j) fit a words or chars
// window.
func fitsWindow(w ruleWindow, v *View, i, j int) bool {
	if w.kind == windowChars {
		return j-i <= w.n
	}
	n, inWord := 0, false
	for k := i; k < j; k++ {
		switch r := v.Runes[k]; {
		case r == ' ':
			inWord = false
		case r >= 0x80 && classify(r) == classHan:
			n++ // a Han character counts as a word
			inWord = false
		case !inWord:
			n++
			inWord = true
		}
		if n > w.n {
			return false
		}
	}
	return true
}

// sentenceBounds appends the byte offsets of t.Original at which a new
// sentence starts: after . ! ? ; (unless a letter or digit follows at
// once, as in "sh!t", "2.5", "f.u.c.k"), 。！？；… and line breaks; an
// ellipsis (… or dots) before a word the author began in lower case goes
// on with the sentence, as in a joke's turn ("te voy a matar... a besos",
// "je vais t'étrangler… avec mes bouchons d'oreilles"). It
// reads the folded view, as the skeleton drops punctuation between Han
// characters. It also appends the quotation and question marks, with the
// sentence each is in.
func sentenceBounds(t *Text, bounds []int, marks []sentenceMark) ([]int, []sentenceMark) {
	f := &t.Folded
	for k, r := range f.Runes {
		switch r {
		case '"', '“', '”', '「', '」', '『', '』', '«', '»', '„':
			marks = append(marks, sentenceMark{sent: int32(len(bounds)), mark: markQuote})
		case '?', '？':
			marks = append(marks, sentenceMark{sent: int32(len(bounds)), mark: markQuestion})
		}
		if (r == '…' || r == '.') && ellipsisGoesOn(t, k) {
			continue
		}
		switch r {
		case '\n', '\r', '。', '！', '？', '；', '…', '｡', 0x2029:
			bounds = append(bounds, f.Spans[k].End)
		case '.', '!', '?', ';':
			if k+1 < len(f.Runes) {
				if n := f.Runes[k+1]; n < 0x80 && (n >= 'a' && n <= 'z' || n >= '0' && n <= '9') {
					continue
				}
			}
			bounds = append(bounds, f.Spans[k].End)
		}
	}
	return bounds, marks
}

// ellipsisGoesOn reports whether folded rune k is part of an ellipsis (…,
// or two dots or more) followed, after spaces and more dots, by a letter
// written in lower case in the original.
func ellipsisGoesOn(t *Text, k int) bool {
	f := &t.Folded
	dots, i := 0, k
	for ; i > 0 && f.Runes[i-1] == '.'; i-- {
		dots++
	}
	for i = k; i < len(f.Runes) && (f.Runes[i] == '.' || f.Runes[i] == '…'); i++ {
		if f.Runes[i] == '…' {
			dots += 3
		} else {
			dots++
		}
	}
	if dots < 2 {
		return false
	}
	for ; i < len(f.Runes) && f.Runes[i] == ' '; i++ {
	}
	if i >= len(f.Runes) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.Original[f.Spans[i].Start:])
	return unicode.IsLower(r)
}

// sentencesSpan widens sp to the whole sentences it touches, in a field
// of n bytes whose sentences start at bounds.
func sentencesSpan(bounds []int, n int, sp Span) Span {
	out := Span{0, n}
	if k := sentenceOf(bounds, sp.Start); k > 0 {
		out.Start = bounds[k-1]
	}
	if k := sentenceOf(bounds, max(sp.End-1, sp.Start)); int(k) < len(bounds) {
		out.End = bounds[k]
	}
	return out
}

// A rule of window note was written for a note's length: in a comment, its
// terms anywhere belong together. In a longer field that tells a story
// (a pharmacy's notice, a landlord's house rules, a nurse's night) terms
// sentences apart belong to different things: in a field of more than
// longFieldRunes (longField), a shortest cover that runs over more than
// noteWindowSentences sentences (spreadOverSentences) is no finding.
const (
	longFieldRunes      = 400
	noteWindowSentences = 3
)

// longField reports whether t is longer than longFieldRunes.
func longField(t *Text) bool {
	return len(t.Original) > longFieldRunes && utf8.RuneCountInString(t.Original) > longFieldRunes
}

// spreadOverSentences reports whether skeleton runes [i, j) run over more
// than noteWindowSentences of the sentences starting at bounds.
func spreadOverSentences(sk *View, bounds []int, i, j int) bool {
	from, to := sentenceOf(bounds, sk.Spans[i].Start), sentenceOf(bounds, sk.Spans[j-1].End-1)
	return to-from+1 > noteWindowSentences
}

// signalsAddUp reports the evidence of a rule whose groups add up
// (min_groups): need groups of its among occ, which are in field order.
// In a long field (long: longField), the groups must meet within
// noteWindowSentences sentences, as a note window's cover must
// (spreadOverSentences): a landlord's house rules that name a tenant in one
// paragraph and a phone in another dox no one.
func signalsAddUp(long bool, need int, occ []ruleOcc) (i, j int, ok bool) {
	if len(occ) == 0 {
		return 0, 0, false
	}
	for a := range occ {
		var mask uint16
		end := 0
		for b := a; b < len(occ); b++ {
			if long && occ[b].sent-occ[a].sent >= noteWindowSentences {
				break
			}
			mask |= 1 << occ[b].group
			end = max(end, occ[b].j)
			if bits.OnesCount16(mask) < need {
				continue
			}
			if !long {
				// The evidence runs from the first signal to the last.
				for k := b + 1; k < len(occ); k++ {
					end = max(end, occ[k].j)
				}
			}
			return occ[a].i, end, true
		}
		if !long {
			break
		}
	}
	return 0, 0, false
}

// sentenceOf returns the index of the sentence that starts at or before
// byte offset b of the original.
func sentenceOf(bounds []int, b int) int32 {
	return int32(sort.SearchInts(bounds, b+1))
}

// vetoNegations, right before a veto term, deny it: "c'est pas une arnaque
// frérot" is the pitch's own denial, not a warning; "this is not a joke"
// takes the joke away. Lower case; the text before the term is trimmed of
// spaces.
var vetoNegations = []string{
	"pas une", "pas un", "not a", "not an", "isn't a", "isnt a", "no es una", "no es un", "não é uma", "não é um",
	"nao e uma", "nao e um", "kein", "keine", "keinen", "不是", "并非", "并不是",
}

// aNotAQuestion reports whether the veto match starting at skeleton rune i
// is the 不 of a Chinese A-not-A question (是不是, 会不会, 能不能): "犹太人是不是
// 全世界最贪婪的民族？" asks in order to assert, and its 不是 denies nothing. The
// skeleton keeps no separators between Han characters, so the three runes
// are neighbours there.
func aNotAQuestion(sk *View, i int) bool {
	if i <= 0 || i+1 >= len(sk.Runes) || sk.Runes[i] != '不' {
		return false
	}
	a := sk.Runes[i-1]
	return a == sk.Runes[i+1] && unicode.Is(unicode.Han, a)
}

// negatedVeto reports whether a negation (vetoNegations) ends the text of
// orig right before byte start.
func negatedVeto(orig string, start int) bool {
	if start <= 0 || start > len(orig) {
		return false
	}
	before := strings.ToLower(strings.TrimRight(orig[max(0, start-24):start], " 　"))
	for _, n := range vetoNegations {
		if strings.HasSuffix(before, n) {
			k := len(before) - len(n)
			if k == 0 || n[0] >= 0x80 || before[k-1] == ' ' || before[k-1] == '\'' || before[k-1] >= 0x80 {
				return true
			}
		}
	}
	return false
}
