package detect

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLeaningCharactersLean checks the leaning characters against the
// corpus they were chosen on: FLORES-200 devtest's Chinese pair, one
// translation into each script. Each must be at least four times as
// frequent (add-one smoothed) in the script it leans to.
func TestLeaningCharactersLean(t *testing.T) {
	t.Parallel()
	dir := filepath.Join("..", "..", "..", "shared", "evaldata", "translation", "flores200-devtest")
	hans, err1 := os.ReadFile(filepath.Join(dir, "zho_Hans.devtest"))
	hant, err2 := os.ReadFile(filepath.Join(dir, "zho_Hant.devtest"))
	if err1 != nil || err2 != nil {
		t.Skipf("no FLORES-200 Chinese pair at %s", dir)
	}
	c, err := newChineseScripts()
	if err != nil {
		t.Fatal(err)
	}
	count := func(text []byte, r rune, shared []string) int {
		n := 0
		s := string(text)
		for i, c := range s {
			if c == r && !inSharedWord(s, i, r, shared) {
				n++
			}
		}
		return n
	}
	for r, l := range c.leaning {
		s, tr := count(hans, r, l.shared), count(hant, r, l.shared)
		lean, other := s, tr
		if l.traditional {
			lean, other = tr, s
		}
		if float64(lean+1) < 4*float64(other+1) {
			t.Errorf("%c: %d in the script it leans to, %d in the other", r, lean, other)
		}
	}
}

func TestChineseScript(t *testing.T) {
	t.Parallel()
	c, err := newChineseScripts()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, text, fallback, want string }{
		{"telling_simplified", "这是简体字", "Hant", "Hans"},
		{"telling_traditional", "這是繁體字", "Hans", "Hant"},
		{"neutral_text_gets_the_fallback", "很好吃", "Hant", "Hant"},
		{"majority_decides_mixed_text", "一個醉了的男人在長椅上睡觉", "Hans", "Hant"},
		{"one_telling_outweighs_two_leaning", "之后于是他說", "Hans", "Hant"},
		{"shared_word_does_not_lean", "皇后", "Hant", "Hant"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if got := c.script(tc.text, tc.fallback); got != tc.want {
				s, tr := c.vote(tc.text)
				t.Errorf("script(%q) = %s, want %s (evidence %.1f/%.1f)", tc.text, got, tc.want, s, tr)
			}
		})
	}
	if strings.ContainsRune(leaningSimplified+leaningTraditional, 'a') {
		t.Fatal("leaning lists hold Han characters only")
	}
}
