package moderate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// An honest giveaway, shop or clinic names what a scam asks for in order
// to refuse it: "完全免費不用運費", "送料無料", "Aucun frais, on ne te
// demandera jamais tes coordonnées bancaires", "Wir verlosen NICHTS per
// DM". Listing each phrasing (sets.all's ask_refused) never caught up with
// how people write it, so the refusal is also read by its shape: an ask
// object (a fee, shipping, bank or card details, a password, a DM) that a
// negation stands right before ("no fees", 免运费, "jamais tes
// coordonnées") or, in the languages that negate after, right after
// (送料無料, 個人情報を聞くことは一切ありません, 배송비 없음, "envío gratis").
// A spam or illicit rule's occurrence whose text holds such a refused
// object is dropped, so the rule needs another term of that group: "免运费，
// 只需填写银行卡" still asks for the card. What undoes a refusal is in the
// clause before the object: "only" (只需运费, "sem taxa, só o frete") and a
// condition ("if you don't pay the fee…").
//
// The lists are sets of sets.all.yaml, so an analyst extends them:
// ask_objects, refusal_before, refusal_after, refusal_undone.
const (
	askObjectsSet    = "ask_objects"
	refusalBeforeSet = "refusal_before"
	refusalAfterSet  = "refusal_after"
	refusalUndoneSet = "refusal_undone"
)

// Reach of a refusal: the negation stands within refusalWords Latin words
// or refusalRunes other letters of the object, in the same clause; a
// negation after the object in Latin script is the next word ("envío
// gratis"), in the scripts without spaces within refusalAfterRunes.
const (
	refusalWords      = 3
	refusalRunes      = 10
	refusalAfterRunes = 16
)

// refusal holds the lists, lower case.
type refusal struct {
	objects, before, after, undone []string
}

// newRefusal builds the reader from the shared sets; nil when a list is
// missing (no shape is read then).
func newRefusal(sets map[string]termList) *refusal {
	get := func(name string) []string {
		var out []string
		for _, t := range sets[name] {
			if s := strings.ToLower(strings.TrimSpace(t.text)); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	r := &refusal{objects: get(askObjectsSet), before: get(refusalBeforeSet), after: get(refusalAfterSet), undone: get(refusalUndoneSet)}
	if len(r.objects) == 0 || len(r.before) == 0 && len(r.after) == 0 {
		return nil
	}
	return r
}

// drop removes the occurrences whose text holds a refused ask object.
func (rf *refusal) drop(t *Text, occ []ruleOcc) []ruleOcc {
	sk := &t.Skeleton
	out := occ[:0]
	for _, o := range occ {
		start, end := sk.Spans[o.i].Start, sk.Spans[o.j-1].End
		if !rf.refused(t.Original, start, end) {
			out = append(out, o)
		}
	}
	return out
}

// refused reports whether orig[start:end] holds an ask object that a
// negation refuses.
func (rf *refusal) refused(orig string, start, end int) bool {
	if start < 0 || end > len(orig) || start >= end {
		return false
	}
	text := strings.ToLower(orig[start:end])
	for _, obj := range rf.objects {
		k := refusalIndex(text, obj)
		if k < 0 {
			continue
		}
		// The object's own place in the original: what stands before it
		// inside the occurrence counts as before it ("nichts per dm").
		os, oe := start+k, start+k+len(obj)
		if rf.negatedBefore(orig, os, oe) || rf.negatedAfter(orig, os, oe) {
			return true
		}
	}
	return false
}

// negatedBefore reports whether a refusal_before term stands within reach
// before the object at orig[os:oe], in its clause (spanClause: the
// sentence cut at commas), with nothing in that
// clause that undoes it. The reach includes the object, so a negation
// written with the object it refuses ("no shipping", where a bare "no" is
// Portuguese for "in the": "pago no pix") is one term.
func (rf *refusal) negatedBefore(orig string, os, oe int) bool {
	cs, _, _ := spanClause(orig, Span{os, oe})
	if rf.undoneIn(strings.ToLower(orig[cs:os])) {
		return false
	}
	obj := orig[os:oe]
	near := tailReach(strings.ToLower(orig[cs:oe]), refusalWords+latinWordsBefore(obj), refusalRunes+utf8.RuneCountInString(obj))
	return containsTermAny(near, rf.before)
}

// negatedAfter reports whether a refusal_after term follows the object
// at orig[os:b], in its clause (spanClause): the next word in Latin
// script, within refusalAfterRunes letters otherwise, before anything that
// undoes it ("送料のみ").
func (rf *refusal) negatedAfter(orig string, os, b int) bool {
	_, ce, _ := spanClause(orig, Span{os, b})
	b = rf.pastCoordinated(orig, b, ce)
	rest := strings.ToLower(orig[b:ce])
	near := headReach(rest, refusalAfterRunes)
	for _, n := range rf.after {
		k := refusalIndex(near, n)
		if k < 0 || rf.undoneIn(near[:k]) {
			continue
		}
		if latinWordsBefore(near[:k]) > 0 {
			continue // "dm for free": Latin reads only the next word
		}
		return true
	}
	return rf.negatedAtClauseEnd(rest)
}

// clauseEndRunes is how near its clause's end a negation stands to be the
// clause's own predicate.
const clauseEndRunes = 6

// negatedAtClauseEnd reports whether rest, the clause after an object
// written in a language that puts its verb last (Japanese, Korean), ends
// with a refusal_after term: the negation is the clause's predicate however
// long the words between ("送料や個人情報をお願いすることは絶対にありません",
// "개인정보를 따로 요구하는 일은 절대 없습니다"), unless something before it
// undoes it ("送料を払わないと発送しません").
func (rf *refusal) negatedAtClauseEnd(rest string) bool {
	if r, _ := utf8.DecodeRuneInString(rest); r == utf8.RuneError || latinLetter(r) || r == ' ' || !headFinalText(rest) {
		return false
	}
	rest = strings.TrimRightFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) })
	cut := len(rest)
	for i := 0; i < clauseEndRunes && cut > 0; i++ {
		_, n := utf8.DecodeLastRuneInString(rest[:cut])
		cut -= n
	}
	for _, n := range rf.after {
		k := strings.Index(rest[cut:], n)
		if k >= 0 && !rf.undoneIn(rest[:cut+k]) {
			return true
		}
	}
	return false
}

// headFinalText reports whether s holds kana or hangul: the languages whose
// clause ends on its verb.
func headFinalText(s string) bool {
	for _, r := range s {
		if unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
			return true
		}
	}
	return false
}

// objectJoiners join ask objects refused together: "送料や個人情報を…
// ありません", "fees or bank details".
var objectJoiners = []string{"や", "と", "・", "、", "，", ",", "/", "／", "及び", "および", "和", "或", "及", "以及", "或者", "이나", "나", "와", "과",
	"or", "and", "nor", "y", "o", "ni", "e", "ou", "et", "und", "oder", "noch"}

// pastCoordinated returns the end of the last ask object joined to the
// object ending at b (objectJoiners), within the clause ending at ce, so a
// negation after a list refuses each of its objects (round 41: an official
// giveaway's 送料や個人情報を請求することは絶対にありません).
func (rf *refusal) pastCoordinated(orig string, b, ce int) int {
	for {
		rest := strings.ToLower(orig[b:ce])
		trimmed := strings.TrimLeft(rest, " 　")
		next := -1
		for _, j := range objectJoiners {
			after, ok := strings.CutPrefix(trimmed, j)
			if !ok {
				continue
			}
			if continuesLatinWord(j, after) {
				continue // "or" must not begin "order"
			}
			after = strings.TrimLeft(after, " 　")
			for _, obj := range rf.objects {
				if !strings.HasPrefix(after, obj) || continuesLatinWord(obj, after[len(obj):]) {
					continue
				}
				next = b + len(rest) - len(after) + len(obj)
				break
			}
			break
		}
		if next < 0 {
			return b
		}
		b = next
	}
}

// continuesLatinWord reports whether rest, the text right after word,
// goes on with a Latin letter where word ended with one.
func continuesLatinWord(word, rest string) bool {
	last, _ := utf8.DecodeLastRuneInString(word)
	next, _ := utf8.DecodeRuneInString(rest)
	return latinLetter(last) && latinLetter(next)
}

func (rf *refusal) undoneIn(s string) bool { return containsTermAny(s, rf.undone) }

// tailReach returns the end of s that holds its last words Latin words
// and at most runes letters of other scripts.
func tailReach(s string, words, runes int) string {
	b, inWord, others := len(s), false, 0
	for b > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:b])
		switch {
		case latinLetter(r):
			if !inWord {
				if words == 0 {
					return s[b:]
				}
				words--
				inWord = true
			}
		case unicode.IsLetter(r):
			inWord = false
			if others++; others > runes {
				return s[b:]
			}
		default:
			inWord = false
		}
		b -= n
	}
	return s
}

// headReach returns the start of s up to runes runes.
func headReach(s string, runes int) string {
	for i := range s {
		if runes == 0 {
			return s[:i]
		}
		runes--
	}
	return s
}

// latinWordsBefore counts the Latin words of s.
func latinWordsBefore(s string) int {
	n, in := 0, false
	for _, r := range s {
		l := latinLetter(r)
		if l && !in {
			n++
		}
		in = l
	}
	return n
}

func latinLetter(r rune) bool {
	return r < 0x250 && unicode.IsLetter(r) || r == '\'' || r == '’'
}

// refusalIndex finds term in s: a term that starts or ends with a Latin
// letter must not continue a Latin word there ("no" is not in "notice",
// "dm" not in "admin"); other scripts match anywhere.
func refusalIndex(s, term string) int {
	for from := 0; from <= len(s)-len(term); {
		k := strings.Index(s[from:], term)
		if k < 0 {
			return -1
		}
		k += from
		first, _ := utf8.DecodeRuneInString(term)
		last, _ := utf8.DecodeLastRuneInString(term)
		ok := true
		if latinLetter(first) && k > 0 {
			if r, _ := utf8.DecodeLastRuneInString(s[:k]); latinLetter(r) {
				ok = false
			}
		}
		if latinLetter(last) && k+len(term) < len(s) {
			if r, _ := utf8.DecodeRuneInString(s[k+len(term):]); latinLetter(r) {
				ok = false
			}
		}
		if ok {
			return k
		}
		_, n := utf8.DecodeRuneInString(s[k:])
		from = k + n
	}
	return -1
}
