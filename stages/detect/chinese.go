package detect

import (
	"bufio"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/notegate/notegate/internal/opencc"
)

// OpenCC's tables, the project's one copy.
var (
	openccST = opencc.ST
	openccTS = opencc.TS
)

// chineseScripts tells Simplified from Traditional characters. Most Han
// characters are written the same in both and tell nothing. The evidence
// comes in two strengths:
//
//   - telling characters, from OpenCC's tables: a character counts as
//     Simplified if OpenCC converts it to something else when going to
//     Traditional (发 → 發/髮) and never keeps it (后 → 後/后 is not
//     telling), and symmetrically for Traditional. Weight 1.
//   - leaning characters: valid in both scripts, and kept by OpenCC for one
//     of their senses, but in running text far more frequent in one script
//     because the other writes their common sense differently (于/於, 后/後,
//     里/裡, 着/著). Weight leaningWeight, and none inside the words where
//     the character has its sense shared by both scripts (公里, 皇后, 著名).
//     They are the characters that OpenCC lists as ambiguous (or, for
//     着/著, converts by phrase) and that are at least four times as
//     frequent in one script as in the other in the FLORES-200 devtest
//     Chinese pair (an independent translation into each script; see
//     TestLeaningCharactersLean, which checks each against it).
type chineseScripts struct {
	simplifiedOnly  map[rune]struct{}
	traditionalOnly map[rune]struct{}
	leaning         map[rune]leaning
}

// leaning is the evidence of one leaning character: the script it leans
// to, and the words where it tells nothing.
type leaning struct {
	traditional bool
	shared      []string
}

// leaningWeight is the evidence of a leaning character against a telling
// one: two leaning characters outweigh one telling character of the other
// script only together with a third.
const leaningWeight = 0.4

const (
	leaningSimplified  = "于种后着据几确万极广适虫准愿价采干筑胜余党范杰卷里"
	leaningTraditional = "於著乾釐徵"
)

// leaningShared are words in which a leaning character has the sense both
// scripts write with it.
var leaningShared = []string{
	"公里", "英里", "海里", "千里", "万里", "萬里", "邻里", "鄰里", "故里", "里程", "里长", "里長",
	"皇后", "王后", "太后", "天后", "后妃",
	"干涉", "干扰", "干擾", "干预", "干預", "若干", "相干", "干戈",
	"著名", "著作", "显著", "顯著", "土著", "昭著", "原著", "名著", "专著", "專著", "巨著",
	"论著", "論著", "著称", "著稱", "卓著", "著述", "著书", "著書",
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
	c := &chineseScripts{simplifiedOnly: s, traditionalOnly: t, leaning: map[rune]leaning{}}
	for _, r := range leaningSimplified {
		c.leaning[r] = leaning{}
	}
	for _, r := range leaningTraditional {
		c.leaning[r] = leaning{traditional: true}
	}
	for _, w := range leaningShared {
		for _, r := range w {
			if l, ok := c.leaning[r]; ok {
				l.shared = append(l.shared, w)
				c.leaning[r] = l
			}
		}
	}
	return c, nil
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

// vote weighs the evidence of text for each script: telling characters
// count 1, leaning ones leaningWeight.
func (c *chineseScripts) vote(text string) (simplified, traditional float64) {
	for i, r := range text {
		if r < 0x2E80 {
			continue
		}
		if _, ok := c.simplifiedOnly[r]; ok {
			simplified++
		} else if _, ok := c.traditionalOnly[r]; ok {
			traditional++
		} else if l, ok := c.leaning[r]; ok && !inSharedWord(text, i, r, l.shared) {
			if l.traditional {
				traditional += leaningWeight
			} else {
				simplified += leaningWeight
			}
		}
	}
	return simplified, traditional
}

// telling counts the telling characters of each script in text (the
// leaning ones aside).
func (c *chineseScripts) telling(text string) (simplified, traditional int) {
	for _, r := range text {
		if _, ok := c.simplifiedOnly[r]; ok {
			simplified++
		} else if _, ok := c.traditionalOnly[r]; ok {
			traditional++
		}
	}
	return simplified, traditional
}

// inSharedWord reports whether the character r at byte i of text is part
// of one of words (each holds r once).
func inSharedWord(text string, i int, r rune, words []string) bool {
	for _, w := range words {
		k := strings.IndexRune(w, r)
		if start := i - k; k >= 0 && start >= 0 && strings.HasPrefix(text[start:], w) {
			return true
		}
	}
	return false
}

// script returns "Hans" or "Hant" by the weight of the evidence, or
// fallback when there is none or it is even: a text whose every character
// is written the same in both scripts is both.
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
