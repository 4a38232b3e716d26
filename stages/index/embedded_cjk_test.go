package index

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func chainAnalyzer(t testing.TB) func(string) string {
	t.Helper()
	im, err := newEmbeddedMapping()
	if err != nil {
		t.Fatal(err)
	}
	a := im.AnalyzerNamed(textChain)
	if a == nil {
		t.Fatal("no analyzer " + textChain)
	}
	return func(text string) string {
		var out []string
		for _, tok := range a.Analyze([]byte(text)) {
			out = append(out, fmt.Sprintf("%s@%d", tok.Term, tok.Position))
		}
		return strings.Join(out, " ")
	}
}

func TestCJKUnigramsNumberCharactersInTurn(t *testing.T) {
	analyse := chainAnalyzer(t)
	tests := []struct {
		name, text, want string
	}{
		{"a Chinese word is its characters at consecutive positions", "火锅推荐", "火@1 锅@2 推@3 荐@4"},
		{"Traditional characters are indexed as Simplified", "火鍋推薦", "火@1 锅@2 推@3 荐@4"},
		{"punctuation between two characters leaves a position free", "火，锅", "火@1 锅@3"},
		{"a space between two characters leaves a position free", "火锅 推荐", "火@1 锅@2 推@4 荐@5"},
		{"a run of katakana is split into its characters", "コーヒー", "コ@1 ー@2 ヒ@3 ー@4"},
		{"Latin words around Chinese take the next positions", "周末hotpot推荐", "周@1 末@2 hotpot@3 推@4 荐@5"},
		{"a dropped stop word leaves no gap", "cat in the hat", "cat@1 hat@2"},
		{"Hangul words stay whole", "김치 찌개", "김치@1 찌개@2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := analyse(tt.text); got != tt.want {
				t.Errorf("analyse(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestWordClausesPairAdjacentCharacters(t *testing.T) {
	im, err := newEmbeddedMapping()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		text  string
		terms []string
		pairs [][2]string
	}{
		{"one character is a term", "的", []string{"的"}, nil},
		{"two characters are one pair", "火锅", nil, [][2]string{{"火", "锅"}}},
		{"four characters are their three pairs, as their bigrams were", "火锅推荐", nil, [][2]string{{"火", "锅"}, {"锅", "推"}, {"推", "荐"}}},
		{"words of several scripts keep their own clauses", "hotpots 火锅 的", []string{"hotpot", "的"}, [][2]string{{"火", "锅"}}},
		{"characters parted by punctuation are two terms", "火，锅", []string{"火", "锅"}, nil},
		{"stop words leave nothing", "the", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := analyseWords(im, tt.text)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(c.terms, tt.terms) || !slices.Equal(c.pairs, tt.pairs) {
				t.Errorf("clauses of %q = %q %q, want %q %q", tt.text, c.terms, c.pairs, tt.terms, tt.pairs)
			}
		})
	}
}
