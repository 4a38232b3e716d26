// Package opencc holds OpenCC's character tables (SOURCE.md), the one copy
// the project embeds, and converts Chinese text character by character
// with them.
package opencc

import (
	"bufio"
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

// ST is STCharacters.txt: a Simplified character, a tab, and its
// Traditional forms separated by spaces (the usual one first); lines
// starting with # are comments.
//
//go:embed STCharacters.txt
var ST string

// TS is TSCharacters.txt, the same shape from Traditional to Simplified.
//
//go:embed TSCharacters.txt
var TS string

// Pairs reads a table: each single character and its first (usual)
// conversion, where that is a single character other than itself.
func Pairs(table string) map[rune]rune {
	m := make(map[rune]rune, 4096)
	sc := bufio.NewScanner(strings.NewReader(table))
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
		if fn == len(from) && tn == len(to) && f != utf8.RuneError && t != utf8.RuneError && f != t {
			m[f] = t
		}
	}
	return m
}

var (
	s2t = sync.OnceValue(func() map[rune]rune { return Pairs(ST) })
	t2s = sync.OnceValue(func() map[rune]rune { return Pairs(TS) })
)

// ToTraditional writes Simplified Chinese in Traditional characters,
// character by character; everything else is kept.
func ToTraditional(s string) string { return convert(s, s2t()) }

// ToSimplified writes Traditional Chinese in Simplified characters,
// character by character; everything else is kept. Search folds both
// scripts to this form.
func ToSimplified(s string) string { return convert(s, t2s()) }

// TraditionalToSimplified returns the table ToSimplified uses (a copy),
// for analysis chains that fold in another engine (Elasticsearch's mapping
// character filter).
func TraditionalToSimplified() map[rune]rune {
	m := make(map[rune]rune, len(t2s()))
	for k, v := range t2s() {
		m[k] = v
	}
	return m
}

func convert(s string, table map[rune]rune) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if _, ok := table[r]; ok {
			break
		}
		i += n
	}
	if i == len(s) {
		return s // nothing to convert: no allocation
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if t, ok := table[r]; ok {
			r = t
		}
		b.WriteRune(r)
	}
	return b.String()
}
