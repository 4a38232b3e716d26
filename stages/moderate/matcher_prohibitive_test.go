package moderate

import "testing"

func TestJapaneseProhibitionIsNotAConditional(t *testing.T) {
	rules := newTestRules(t, map[string]string{"hate.ja.yaml": `
rules:
  - id: keep-out
    score: 0.8
    window: 30 chars
    all:
      - ["*移民*"]
      - ["*入れるな*", "*来るな*"]
`})
	checkFires(t, rules, []fireCase{
		{"a prohibition at a sentence's end is read", "移民は一人も入れるな", true},
		{"a prohibition followed by よ is read", "移民なんか来るなよ", true},
		{"a prohibition quoted with と is read", "移民は入れるなと言っていた", true},
		{"a conditional with なら is not a prohibition", "移民を受け入れるなら日本語教育も必要だ", false},
		{"なり (as soon as) is not a prohibition", "移民の友達が来るなりご飯を作ってくれた", false},
		{"なんて is not a prohibition", "移民の家族が来るなんて嬉しい", false},
	})
}
