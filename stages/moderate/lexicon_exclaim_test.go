package moderate

import "testing"

func TestExclamations(t *testing.T) {
	tests := []struct {
		name, text, want string // want: the evidence, "" for none
	}{
		{"a Taiwanese swear opening a sentence", "幹，熱死了，台北今天38度", "幹"},
		{"a swear with an exclamation mark", "幹！又輸了", "幹"},
		{"a repeated swear at the end", "捷運又誤點，幹幹幹", "幹幹幹"},
		{"asking what someone is doing", "你在幹嘛？", ""},
		{"a tree trunk and a capable person", "樹幹上有松鼠，他很能幹", ""},
		{"a cadre", "他是公司的幹部", ""},
		{"Simplified 干 cheering is not the swear", "干！我们一起创业", ""},
		{"a letter next to it", "A幹 B", ""},
		{"its homophone alone is the swear", "淦，又遲到，這個公車司機", "淦"},
		{"its homophone in a river's name is not", "淦江发源于江西，流经新淦", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := exclamations(NewText("body", tt.text))
			got := ""
			if len(fs) > 0 {
				got = tt.text[fs[0].Span.Start:fs[0].Span.End]
			}
			if got != tt.want || len(fs) > 1 {
				t.Errorf("exclamations(%q) = %v, want evidence %q", tt.text, fs, tt.want)
			}
		})
	}
}
