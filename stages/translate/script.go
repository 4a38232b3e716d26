package translate

import (
	"bufio"
	"bytes"
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

// Target language tags. A target is an ISO 639-1 code, except that Chinese
// may name its script: "zh" (and its synonym "zh-Hans") is Simplified,
// "zh-Hant" Traditional. Translations are keyed by the canonical tag
// ("zh" or "zh-Hant").
const (
	TargetSimplified  = "zh"
	TargetTraditional = "zh-Hant"
)

// S2TName is the Translation.Provider suffix of a translation whose
// Simplified output was written in Traditional characters.
const S2TName = "opencc-s2t"

// canonicalTarget returns the tag a target is recorded under, and false
// when it is not a valid target.
func canonicalTarget(t string) (string, bool) {
	switch t {
	case "zh-Hans":
		return TargetSimplified, true
	case TargetTraditional:
		return t, true
	}
	return t, validCode(t)
}

// providerTarget is the language asked of providers for a target: they
// are told "zh" and answer in Simplified.
func providerTarget(t string) string {
	if t == TargetTraditional {
		return "zh"
	}
	return t
}

// alreadyIn reports whether a note in language src (and script) needs no
// translation into target. A Traditional note needs none into "zh" either
// (readers of Simplified read it), but a Simplified note is converted for
// a market that wants Traditional.
func alreadyIn(src, script, target string) bool {
	if target == TargetTraditional {
		return src == "zh" && script == "Hant"
	}
	return src == target
}

//go:embed data/opencc/STCharacters.txt
var stCharacters []byte

// s2tTable maps a Simplified character to its usual Traditional form.
var s2tTable = sync.OnceValue(func() map[rune]rune {
	m := make(map[rune]rune, 4096)
	sc := bufio.NewScanner(bytes.NewReader(stCharacters))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		from, to, ok := strings.Cut(line, "\t")
		if !ok {
			continue
		}
		if i := strings.IndexByte(to, ' '); i >= 0 {
			to = to[:i]
		}
		f, fn := utf8.DecodeRuneInString(from)
		t, tn := utf8.DecodeRuneInString(to)
		if fn == len(from) && tn == len(to) && f != utf8.RuneError && t != utf8.RuneError {
			m[f] = t
		}
	}
	return m
})

// ToTraditional writes Simplified Chinese in Traditional characters,
// character by character; everything else is kept.
func ToTraditional(s string) string {
	table := s2tTable()
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for _, r := range s {
		if t, ok := table[r]; ok {
			r = t
		}
		b.WriteRune(r)
	}
	return b.String()
}
