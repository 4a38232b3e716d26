package translate

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fullWidthPunct maps Chinese punctuation to what English text uses.
var fullWidthPunct = map[rune]string{
	'，': ",", '。': ".", '！': "!", '？': "?", '：': ":", '；': ";", '、': ",",
	'（': "(", '）': ")", '“': "\"", '”': "\"", '‘': "'", '’': "'", '《': "\"",
	'》': "\"", '「': "\"", '」': "\"", '『': "\"", '』': "\"", '【': "[", '】': "]",
	'～': "~", '…': "...", '—': "-", '·': "·", '　': " ",
}

// glossWriter joins glossed words with single spaces while copying
// everything else as it came.
type glossWriter struct {
	b strings.Builder
	// glued is true when the next word needs no space: at the start, after
	// whitespace or after an opening bracket, quote, # or @.
	glued bool
	// quotes counts the straight quotes written for punctuation, to tell
	// an opening quote from a closing one.
	quotes int
	// links, when not nil, collects where each piece of the source went.
	links *[]Link
}

// link records that source bytes [src0, src1) were written from output
// offset before on (after the space that sets a word apart).
func (w *glossWriter) link(src0, src1, before int) {
	if w.links != nil {
		*w.links = append(*w.links, newLink(src0, src1, w.b.String(), before))
	}
}

func (w *glossWriter) word(s string) {
	if s == "" {
		return
	}
	if !w.glued {
		w.b.WriteByte(' ')
	}
	w.b.WriteString(s)
	w.glued = false
}

// raw copies text that is not translated. A letter or digit right after a
// glossed word is set apart from it by a space.
func (w *glossWriter) raw(s string) {
	if s == "" {
		return
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !w.glued && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
		w.b.WriteByte(' ')
	}
	w.b.WriteString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	w.glued = unicode.IsSpace(last) || strings.ContainsRune("([{\"'“‘#@/-", last)
}

// punct writes punctuation: a closing mark hugs the word before it, an
// opening one the word after it.
func (w *glossWriter) punct(s string) {
	if s == "\"" {
		w.quotes++
	}
	opening := s == "(" || s == "[" || (s == "\"" && w.quotes%2 == 1)
	if opening && !w.glued {
		w.b.WriteByte(' ')
	}
	w.b.WriteString(s)
	w.glued = opening || s == " "
}

func isHan(r rune) bool {
	return r == '〇' || unicode.Is(unicode.Han, r)
}

// glossChinese segments s by longest dictionary match and replaces each
// word by its gloss. Text that is not Han (Latin, digits, emoji, spaces) is
// kept; Chinese punctuation becomes its English counterpart.
func (d *cedictDict) glossChinese(s string) string { return d.glossChineseLinked(s, nil) }

// glossChineseLinked is glossChinese that, when links is not nil, also
// records where each word, run of other text and punctuation mark of s
// went (s must then be valid UTF-8).
func (d *cedictDict) glossChineseLinked(s string, links *[]Link) string {
	if s == "" {
		return ""
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	w := glossWriter{glued: true, links: links}
	w.b.Grow(len(s) * 2)
	var ends [256]int // byte offset after the n-th rune of a candidate
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isHan(r) {
			if p, ok := fullWidthPunct[r]; ok {
				before := w.b.Len()
				w.punct(p)
				w.link(i, i+size, before)
				i += size
				continue
			}
			j := i + size
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if isHan(r2) || fullWidthPunct[r2] != "" {
					break
				}
				j += n2
			}
			before := w.b.Len()
			w.raw(s[i:j])
			w.link(i, j, before)
			i = j
			continue
		}
		maxN := int(d.maxRunes[r])
		n := 0
		for j := i; n < maxN && j < len(s); n++ {
			_, sz := utf8.DecodeRuneInString(s[j:])
			j += sz
			ends[n] = j
		}
		matched := false
		before := w.b.Len()
		for ; n > 0; n-- {
			if g, ok := d.zh.get(d.table, s[i:ends[n-1]]); ok {
				w.word(g)
				w.link(i, ends[n-1], before)
				i = ends[n-1]
				matched = true
				break
			}
		}
		if !matched {
			// An unknown character is kept, as a word of its own.
			w.word(s[i : i+size])
			w.link(i, i+size, before)
			i += size
		}
	}
	return w.b.String()
}
