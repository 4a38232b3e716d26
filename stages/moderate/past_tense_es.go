package moderate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// Spanish writes "I kill" and "it killed" with the same letters but for an
// accent: "me mato" (I kill myself), "me mató" (it killed me: the sparring,
// the shift, the heat); "lo mato" (I will kill him), "lo mató" (he knocked
// him out, he killed him: a fight told, a crime reported). The views fold
// accents away, so the rules read both as the first. An author who typed the
// accent wrote the past: a threat or an intent of their own is written
// without it. Leaving the accent out is common, writing one that is not
// there is not, so the accent decides only where it stands.

// pastTenseCategory reports whether c's rules read a first person's threat
// or intent in a verb (violence, self_harm).
func pastTenseCategory(c models.Category) bool {
	return c == models.CategoryViolence || c == models.CategorySelfHarm
}

// writtenPast are the verbs whose first person present, after a clitic, the violence and
// self-harm rules read ("mato", "quemo", "disparo"), in the third person
// past as written, accent and all, lower case. Only these: a term may end
// in an ó that is no verb of the kind ("se acabó", "murió", Portuguese "só").
var writtenPast = map[string]bool{
	"mató": true, "quemó": true, "disparó": true, "apuñaló": true, "acuchilló": true, "ahorcó": true,
	"degolló": true, "reventó": true, "destrozó": true, "linchó": true, "liquidó": true, "ahogó": true,
	"pegó": true, "golpeó": true, "cargó": true, "tiró": true, "rajó": true, "cortó": true,
}

// clitics are the pronouns that make "mato" and "mató" the same letters
// with two meanings: "me mato" / "me mató", "lo mato" / "lo mató". Without
// one the past is a deed told in a sentence of its own ("el que mató a
// tantos es una leyenda"), which rules may read as glorifying it.
var clitics = map[string]bool{"me": true, "te": true, "lo": true, "la": true, "los": true, "las": true, "le": true, "les": true, "nos": true}

// cliticBefore reports whether the word before skeleton rune w is a clitic
// as written (the skeleton reads a capital L as i: "LO" is "io" there).
func cliticBefore(orig string, sk *View, w int) bool {
	e := w
	for e > 0 && !unicode.IsLetter(sk.Runes[e-1]) {
		e--
	}
	if e == w {
		return false
	}
	b := e
	for b > 0 && unicode.IsLetter(sk.Runes[b-1]) && e-b < 4 {
		b--
	}
	return clitics[strings.ToLower(orig[sk.Spans[b].Start:sk.Spans[e-1].End])]
}

// hasAcuteO reports whether s holds an ó or Ó: without one no occurrence
// is a written past. The rules detector asks once per field.
func hasAcuteO(s string) bool { return strings.Contains(s, "ó") || strings.Contains(s, "Ó") }

// dropWrittenPast removes the occurrences in which one of those verbs is
// written in the past (mató, quemó, disparó): the rule then needs another
// term of that group. occ is sorted by start; the result reuses it. The
// caller skips fields without an ó (hasAcuteO).
func dropWrittenPast(t *Text, occ []ruleOcc) []ruleOcc {
	sk := &t.Skeleton
	kept := occ[:0]
	for _, o := range occ {
		if !endsInWrittenO(t.Original, sk, o.i, o.j) {
			kept = append(kept, o)
		}
	}
	return kept
}

// endsInWrittenO reports whether a word of skeleton runes [i, j) is one of
// writtenPast as the author wrote it: rune k is an o written ó, no letter
// follows it, and the word it ends is a past of the list.
func endsInWrittenO(orig string, sk *View, i, j int) bool {
	for k := i; k < j; k++ {
		if sk.Runes[k] != 'o' {
			continue
		}
		if k+1 < sk.Len() && unicode.IsLetter(sk.Runes[k+1]) {
			continue
		}
		sp := sk.Spans[k]
		if r, _ := utf8.DecodeRuneInString(orig[sp.Start:sp.End]); r != 'ó' && r != 'Ó' {
			continue
		}
		w := k
		for w > 0 && unicode.IsLetter(sk.Runes[w-1]) && k-w < 12 {
			w--
		}
		if start := sk.Spans[w].Start; start <= sp.End && writtenPast[strings.ToLower(orig[start:sp.End])] && cliticBefore(orig, sk, w) {
			return true
		}
	}
	return false
}
