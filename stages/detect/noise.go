package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// stripNoise returns text with the spans that say nothing about its
// language blanked out: URLs, e-mail addresses, @mentions and #hashtags
// (including the "#话题#" and "#话题[话题]#" forms of Chinese apps). Each span
// becomes one space, so words on either side stay apart. hashtags reports
// the text of the hashtags removed, for notes that have nothing else.
func stripNoise(text string) (clean string, hashtags string) {
	if !strings.ContainsAny(text, "#＃@:.") {
		return text, ""
	}
	var b, tags strings.Builder
	b.Grow(len(text))
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case (r == 'h' || r == 'H' || r == 'w' || r == 'W') && startsURL(text[i:]):
			i = skipURL(text, i)
			b.WriteByte(' ')
			continue
		case r == '@' && i+1 < len(text) && isHandleRune(firstRune(text[i+1:])):
			i = skipHandle(text, i+1)
			b.WriteByte(' ')
			continue
		case (r == '#' || r == '＃') && i+size < len(text) && isTagRune(firstRune(text[i+size:])):
			end := skipTag(text, i+size)
			tags.WriteString(text[i+size : end])
			tags.WriteByte(' ')
			i = closeTag(text, end)
			b.WriteByte(' ')
			continue
		case r == '.' || r == '@':
			// An e-mail address or a bare domain ("foo@bar.com",
			// "example.com/x"): drop the whole token.
			if start, end, ok := addressAround(text, b.String(), i); ok {
				s := b.String()[:start]
				b.Reset()
				b.WriteString(s)
				b.WriteByte(' ')
				i = end
				continue
			}
		}
		b.WriteString(text[i : i+size])
		i += size
	}
	return b.String(), tags.String()
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func startsURL(s string) bool {
	if len(s) < 8 {
		return false
	}
	p := strings.ToLower(s[:8])
	return strings.HasPrefix(p, "http://") || strings.HasPrefix(p, "https://") || strings.HasPrefix(p, "www.")
}

// skipURL returns the end of the URL at i: the next space, or the next CJK
// character, since Chinese text often runs straight on after a link.
func skipURL(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) || r >= 0x2E80 {
			break
		}
		i += size
	}
	return i
}

func isHandleRune(r rune) bool {
	return r < 0x2E80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_') ||
		r >= 0x2E80 && unicode.IsLetter(r)
}

func skipHandle(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isHandleRune(r) && r != '.' && r != '-' {
			break
		}
		i += size
	}
	return i
}

func isTagRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r)
}

func skipTag(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isTagRune(r) {
			break
		}
		i += size
	}
	return i
}

// closeTag consumes the closing part of a "#话题#" or "#话题[话题]#" hashtag.
func closeTag(text string, i int) int {
	rest := text[i:]
	if j := strings.IndexByte(rest, ']'); strings.HasPrefix(rest, "[") && j > 0 && j < 16 {
		rest = rest[j+1:]
	}
	for _, closing := range []string{"#", "＃"} {
		if strings.HasPrefix(rest, closing) {
			return len(text) - len(rest) + len(closing)
		}
	}
	return i
}

// addressAround decides whether the '.' or '@' at i sits inside an e-mail
// address or a bare domain ("name.com", "t.co/xyz"). It returns the start
// of the token in out, the output written so far, and the end of the token
// in text.
func addressAround(text, out string, i int) (outStart, end int, ok bool) {
	start := i
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if r >= 0x80 || !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || r == '.' || r == '@') {
			break
		}
		start -= size
	}
	end = i
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if r >= 0x80 || unicode.IsSpace(r) || r == ',' || r == ')' || r == '!' || r == '?' {
			break
		}
		end += size
	}
	token := text[start:end]
	if text[i] == '@' {
		ok = start < i && strings.Contains(text[i:end], ".")
	} else {
		ok = looksLikeDomain(strings.TrimRight(token, "."))
	}
	if !ok || !strings.HasSuffix(out, text[start:i]) {
		return 0, 0, false
	}
	return len(out) - (i - start), end, true
}

// looksLikeDomain: letters.letters with a common top-level domain, or
// anything with a path after a dotted host.
func looksLikeDomain(token string) bool {
	host, path, hasPath := strings.Cut(token, "/")
	dot := strings.LastIndexByte(host, '.')
	if dot <= 0 || dot == len(host)-1 {
		return false
	}
	tld := strings.ToLower(host[dot+1:])
	switch tld {
	case "com", "net", "org", "io", "co", "cn", "tw", "hk", "jp", "us", "uk", "me", "app", "gg", "tv", "ly", "info", "dev":
		return true
	}
	return hasPath && path != ""
}
