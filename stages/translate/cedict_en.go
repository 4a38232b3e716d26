package translate

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

type enKind uint8

const (
	enWord  enKind = iota // letters, with inner apostrophes and hyphens
	enSpace               // a run of whitespace
	enPunct               // one punctuation mark
	enRaw                 // kept as is: numbers, URLs, mentions, Han, emoji
)

type enToken struct {
	text string
	kind enKind
	// sentenceStart is set on the first word of a sentence, whose capital
	// letter says nothing about it being a name.
	sentenceStart bool
}

// tokenizeEnglish splits s into tokens whose texts concatenate back to s.
func tokenizeEnglish(s string, toks []enToken) []enToken {
	sentence := true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		j := i + size
		kind := enRaw
		switch {
		case unicode.IsSpace(r):
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += n2
			}
			kind = enSpace
			if strings.ContainsRune(s[i:j], '\n') {
				sentence = true
			}
		case isURLStart(s[i:]):
			j = endOfField(s, i)
		case (r == '@' || r == '#') && j < len(s) && isWordRune(firstRune(s[j:])):
			j = endOfRun(s, j, func(r rune) bool { return isWordRune(r) || r == '_' })
		case isWordRune(r) && !unicode.IsDigit(r):
			j = endOfWord(s, j)
			// An e-mail address or a domain is kept whole.
			if j < len(s) && (s[j] == '@' || (s[j] == '.' && j+1 < len(s) && isWordRune(firstRune(s[j+1:])))) {
				j = endOfField(s, i)
			} else {
				kind = enWord
			}
		case unicode.IsDigit(r):
			j = endOfRun(s, j, func(r rune) bool { return isWordRune(r) || r == '.' || r == ',' || r == ':' })
			// "3." at the end of a sentence keeps its full stop apart.
			for j > i+1 && strings.ContainsRune(".,:", rune(s[j-1])) {
				j--
			}
		case isHan(r):
			j = endOfRun(s, j, isHan)
		case unicode.IsPunct(r):
			kind = enPunct
		default:
			j = endOfRun(s, j, func(r rune) bool {
				return !unicode.IsSpace(r) && !isWordRune(r) && !unicode.IsPunct(r) && !isHan(r)
			})
		}
		tok := enToken{text: s[i:j], kind: kind}
		if kind == enWord {
			tok.sentenceStart = sentence
			sentence = false
		} else if kind == enPunct && strings.ContainsAny(tok.text, ".!?") {
			sentence = true
		}
		toks = append(toks, tok)
		i = j
	}
	return toks
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func isWordRune(r rune) bool {
	return (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)) && !isHan(r)
}

func isURLStart(s string) bool {
	if len(s) < 4 {
		return false
	}
	p := strings.ToLower(s[:min(len(s), 8)])
	return strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") || strings.HasPrefix(p, "www.")
}

func endOfRun(s string, j int, keep func(rune) bool) int {
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if !keep(r) {
			break
		}
		j += n
	}
	return j
}

// endOfField returns the end of the whitespace-delimited field at i.
func endOfField(s string, i int) int {
	return endOfRun(s, i, func(r rune) bool { return !unicode.IsSpace(r) })
}

// endOfWord extends a word over letters, digits, and apostrophes or
// hyphens that have a letter on both sides (don't, sugar-free).
func endOfWord(s string, j int) int {
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		if isWordRune(r) {
			j += n
			continue
		}
		if (r == '\'' || r == '’' || r == '-') && j+n < len(s) && isWordRune(firstRune(s[j+n:])) {
			j += n
			continue
		}
		break
	}
	return j
}

// asciiToFullWidth is the Chinese form of punctuation that follows Chinese.
var asciiToFullWidth = map[string]string{
	",": "，", ".": "。", "!": "！", "?": "？", ":": "：", ";": "；",
}

// zhWriter writes Chinese words without spaces between them, and keeps a
// space between Chinese and Latin text where the source had one.
type zhWriter struct {
	b            strings.Builder
	pendingSpace bool
	// afterZh is true when the last thing written was Chinese.
	afterZh bool
	// links, when not nil, collects where each piece of the source went.
	links *[]Link
}

// link records that source bytes [src0, src1) were written from output
// offset before on.
func (w *zhWriter) link(src0, src1, before int) {
	if w.links != nil {
		*w.links = append(*w.links, newLink(src0, src1, w.b.String(), before))
	}
}

func (w *zhWriter) space(s string) {
	if strings.ContainsRune(s, '\n') {
		w.b.WriteString(s)
		w.pendingSpace = false
		w.afterZh = true // nothing to keep apart from across a line break
		return
	}
	if w.b.Len() > 0 {
		w.pendingSpace = true
	}
}

func (w *zhWriter) zh(s string) {
	if s == "" {
		return
	}
	if w.pendingSpace && !w.afterZh {
		w.b.WriteByte(' ')
	}
	w.b.WriteString(s)
	w.pendingSpace = false
	w.afterZh = true
}

func (w *zhWriter) raw(s string) {
	if w.pendingSpace {
		w.b.WriteByte(' ')
	}
	w.b.WriteString(s)
	w.pendingSpace = false
	last, _ := utf8.DecodeLastRuneInString(s)
	w.afterZh = isHan(last)
}

func (w *zhWriter) punct(s string) {
	if fw, ok := asciiToFullWidth[s]; ok && w.afterZh {
		w.b.WriteString(fw)
		w.pendingSpace = false
		return
	}
	w.raw(s)
}

// glossEnglish replaces English words and phrases by Chinese, longest
// phrase first, and keeps what it does not know.
func (d *cedictDict) glossEnglish(s string) string { return d.glossEnglishLinked(s, nil) }

// glossEnglishLinked is glossEnglish that, when links is not nil, also
// records where each word, phrase, punctuation mark and run of other text
// of s went (s must then be valid UTF-8).
func (d *cedictDict) glossEnglishLinked(s string, links *[]Link) string {
	if s == "" {
		return ""
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var buf [64]enToken
	toks := tokenizeEnglish(s, buf[:0])
	w := zhWriter{links: links}
	w.b.Grow(len(s))
	at := 0 // byte offset of toks[k] in s: the tokens concatenate back to s
	for k := 0; k < len(toks); k++ {
		t := toks[k]
		start, before := at, w.b.Len()
		at += len(t.text)
		switch t.kind {
		case enSpace:
			w.space(t.text)
			continue
		case enPunct:
			w.punct(t.text)
			w.link(start, at, before)
			continue
		case enRaw:
			w.raw(t.text)
			w.link(start, at, before)
			continue
		}
		if zh, last, ok := d.lookupPhrase(toks, k); ok {
			w.zh(zh)
			for _, u := range toks[k+1 : last+1] {
				at += len(u.text)
			}
			w.link(start, at, before)
			k = last
			continue
		}
		if zh, ok := d.lookupWord(t.text, t.sentenceStart); ok {
			w.zh(zh)
		} else {
			w.raw(t.text)
		}
		w.link(start, at, before)
	}
	return w.b.String()
}

// lookupPhrase tries the longest run of words starting at toks[k], joined
// by single spaces, that the dictionary knows; it returns the index of the
// run's last token.
func (d *cedictDict) lookupPhrase(toks []enToken, k int) (zh string, last int, ok bool) {
	var idxBuf [8]int
	idx := append(idxBuf[:0], k)
	for j := k + 1; len(idx) < min(d.maxWords, len(idxBuf)) && j+1 < len(toks); j += 2 {
		if toks[j].kind != enSpace || toks[j].text != " " || toks[j+1].kind != enWord {
			break
		}
		idx = append(idx, j+1)
	}
	if len(idx) < 2 {
		return "", k, false
	}
	// Keys are built in stack buffers and looked up as they are.
	var exactBuf, lowerBuf [128]byte
	for n := len(idx); n >= 2; n-- {
		exact := exactBuf[:0]
		named := false // a capital inside the phrase: only a name may match
		for i, ti := range idx[:n] {
			if i > 0 {
				exact = append(exact, ' ')
				if unicode.IsUpper(firstRune(toks[ti].text)) {
					named = true
				}
			}
			exact = append(exact, normalizeApostrophe(toks[ti].text)...)
		}
		if zh, ok := d.en.getBytes(d.table, exact); ok {
			return zh, idx[n-1], true
		}
		if named && !toks[k].sentenceStart {
			continue
		}
		lower := appendLower(lowerBuf[:0], exact)
		if zh, ok := d.en.getBytes(d.table, lower); ok {
			return zh, idx[n-1], true
		}
		// The last word may be inflected: "hot pots", "ice creams".
		sp := bytes.LastIndexByte(lower, ' ') + 1
		head := lower[:sp]
		for _, l := range lemmas(string(lower[sp:])) {
			if zh, ok := d.en.getBytes(d.table, append(head[:sp:sp], l...)); ok {
				return zh, idx[n-1], true
			}
		}
	}
	return "", k, false
}

// appendLower appends b lower-cased to dst, without allocating for ASCII.
func appendLower(dst, b []byte) []byte {
	for i := 0; i < len(b); i++ {
		if b[i] >= utf8.RuneSelf {
			return append(dst, strings.ToLower(string(b))...)
		}
	}
	for _, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// lookupWord finds one word. A capitalized word inside a sentence is taken
// for a name and matched only against names ("Rose" stays Rose, "Ohio"
// becomes 俄亥俄); elsewhere the word is lower-cased and its inflections
// undone.
func (d *cedictDict) lookupWord(word string, sentenceStart bool) (string, bool) {
	word = normalizeApostrophe(word)
	if zh, ok := d.en.get(d.table, word); ok {
		return zh, true
	}
	lower := strings.ToLower(word)
	capital := unicode.IsUpper(firstRune(word))
	allCaps := len(word) > 1 && lower != word && strings.ToUpper(word) == word
	pronounI := word == "I" || strings.HasPrefix(lower, "i'")
	if capital && !sentenceStart && !allCaps && !pronounI {
		return "", false
	}
	if zh, ok := d.en.get(d.table, lower); ok {
		return zh, true
	}
	if lower != "" {
		if zh, ok := d.en.get(d.table, strings.ToUpper(lower[:1])+lower[1:]); ok {
			return zh, true
		}
	}
	for _, l := range lemmas(lower) {
		if zh, ok := d.en.get(d.table, l); ok {
			return zh, true
		}
	}
	return "", false
}

func normalizeApostrophe(s string) string {
	if strings.ContainsRune(s, '’') {
		return strings.ReplaceAll(s, "’", "'")
	}
	return s
}

// lemmas returns candidate base forms of a lower-case English word, most
// likely first: plurals and possessives, -ing, -ed. Comparatives are left
// alone: undoing -er turns more nouns into nonsense (burger) than it helps.
func lemmas(w string) []string {
	var out []string
	add := func(s string) {
		if len(s) >= 2 {
			out = append(out, s)
		}
	}
	undouble := func(s string) {
		if n := len(s); n >= 3 && s[n-1] == s[n-2] && !strings.ContainsRune("aeiou", rune(s[n-1])) {
			add(s[:n-1])
		}
	}
	switch {
	case strings.HasSuffix(w, "'s"):
		add(w[:len(w)-2])
	case strings.HasSuffix(w, "ies"):
		add(w[:len(w)-3] + "y")
	case strings.HasSuffix(w, "es"):
		add(w[:len(w)-1])
		add(w[:len(w)-2])
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		add(w[:len(w)-1])
	case strings.HasSuffix(w, "ing"):
		stem := w[:len(w)-3]
		add(stem)
		add(stem + "e")
		undouble(stem)
	case strings.HasSuffix(w, "ied"):
		add(w[:len(w)-3] + "y")
	case strings.HasSuffix(w, "ed"):
		add(w[:len(w)-1])
		add(w[:len(w)-2])
		undouble(w[:len(w)-2])
	}
	return out
}
