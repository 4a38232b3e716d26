package detect

import (
	"bufio"
	_ "embed"
	"fmt"
	"strings"
	"unicode/utf8"
)

//go:embed data/opencc/STCharacters.txt
var openccST string

//go:embed data/opencc/TSCharacters.txt
var openccTS string

// chineseScripts tells Simplified from Traditional characters. Most Han
// characters are written the same in both and tell nothing; a character
// counts as Simplified only if OpenCC converts it to something else when
// going to Traditional (发 → 發/髮) and never keeps it (后 → 後/后 is
// neutral), and symmetrically for Traditional.
type chineseScripts struct {
	simplifiedOnly  map[rune]struct{}
	traditionalOnly map[rune]struct{}
}

func newChineseScripts() (*chineseScripts, error) {
	s, err := changedCharacters(openccST)
	if err != nil {
		return nil, fmt.Errorf("STCharacters: %w", err)
	}
	t, err := changedCharacters(openccTS)
	if err != nil {
		return nil, fmt.Errorf("TSCharacters: %w", err)
	}
	// A character that each table converts away is a variant used in
	// both scripts: neutral.
	for r := range s {
		if _, both := t[r]; both {
			delete(s, r)
			delete(t, r)
		}
	}
	return &chineseScripts{simplifiedOnly: s, traditionalOnly: t}, nil
}

// changedCharacters parses an OpenCC character table ("key<TAB>v1 v2 …")
// and returns the keys whose conversions never include the key itself.
func changedCharacters(table string) (map[rune]struct{}, error) {
	out := make(map[rune]struct{}, 4096)
	sc := bufio.NewScanner(strings.NewReader(table))
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		key, values, ok := strings.Cut(text, "\t")
		r, size := utf8.DecodeRuneInString(key)
		if !ok || size != len(key) || r == utf8.RuneError {
			return nil, fmt.Errorf("line %d: want one character, a tab and its conversions: %q", line, text)
		}
		if !strings.Contains(" "+values+" ", " "+key+" ") {
			out[r] = struct{}{}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no conversions")
	}
	return out, nil
}

// vote counts the Simplified-only and Traditional-only characters of text.
func (c *chineseScripts) vote(text string) (simplified, traditional int) {
	for _, r := range text {
		if r < 0x2E80 {
			continue
		}
		if _, ok := c.simplifiedOnly[r]; ok {
			simplified++
		} else if _, ok := c.traditionalOnly[r]; ok {
			traditional++
		}
	}
	return simplified, traditional
}

// script returns "Hans" or "Hant" by majority of the telling characters, or
// fallback when none tell or they are even.
func (c *chineseScripts) script(text, fallback string) string {
	s, t := c.vote(text)
	switch {
	case s > t:
		return "Hans"
	case t > s:
		return "Hant"
	}
	return fallback
}
