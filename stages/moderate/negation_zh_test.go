package moderate

import (
	"strings"
	"testing"
)

func TestNegatedZh(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text, term string
		want             bool
	}{
		{"a plain denial negates the scorn word", "穆斯林不是恐怖分子，别再地图炮了", "恐怖分子", true},
		{"degree words between negation and word", "同性恋一点也不恶心", "恶心", true},
		{"what kind of, after the negation", "跨性别者没有病，也不是什么变态", "变态", true},
		{"no negation asserts", "河南人都是骗子", "骗子", false},
		{"a clause that denies a generalisation", "不是所有穆斯林都是恐怖分子", "恐怖分子", true},
		{"a double negation asserts", "他们没一个不是垃圾", "垃圾", false},
		{"a rhetorical question asserts", "难道女人不是拜金吗", "拜金", false},
		{"an answer expected after the word asserts", "他们不是骗子是什么", "骗子", false},
		{"an A-not-A question asks", "你是不是忘记放脑子", "脑子", false},
		{"not only adds", "他们不但懒还脏", "脏", false},
		{"a negation in another clause does not reach", "我不是说笑，河南人都是骗子", "骗子", false},
		{"Traditional forms", "黑人並不骯髒", "骯髒", true},
		{"a question ending in a particle asserts", "自己看都不恶心么？", "恶心", false},
		{"a question mark after the clause asserts", "白人看着不恶心？真的吗", "恶心", false},
		{"an A-not-A question over the word itself asks", "什么叫东北啊 恶不恶心", "恶心", false},
		{"if not A then B says one of them", "这种人不是蠢就是坏", "蠢", false},
		{"not A but B denies A", "他们不是骗子，而是受害者", "骗子", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			i := strings.Index(tt.text, tt.term)
			if got := negatedZh(tt.text, i, i+len(tt.term), 0); got != tt.want {
				t.Errorf("negatedZh(%q, %q) = %v, want %v", tt.text, tt.term, got, tt.want)
			}
		})
	}
}

func TestDeniedScornZh(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       bool
	}{
		{"every scorn word denied", "黑人不脏也不懒，别戴有色眼镜看人", true},
		{"one denied, one said", "黑人不懒，就是脏", false},
		{"no scorn word at all", "这几年在上海工作的外国人越来越多了", false},
		{"scorn said outright", "难民都是寄生虫", false},
		{"two scorn words under one negation", "移民根本不是什么小偷骗子，他们跟我们一样起早贪黑", true},
		{"a denied word, then one said", "他们不是小偷，是寄生虫", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := deniedScornZh(NewText("body", tt.text)); got != tt.want {
				t.Errorf("deniedScornZh(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestNegatedOccurrencesDoNotCompleteAHateRule(t *testing.T) {
	t.Parallel()
	d, err := DefaultRulesDetector()
	if err != nil {
		t.Fatal(err)
	}
	hate := func(text string) bool {
		fs, _ := d.Detect(t.Context(), NewText("body", text))
		for _, f := range fs {
			if f.Category == "hate" {
				return true
			}
		}
		return false
	}
	for _, text := range []string{"同性恋一点也不恶心，他们只是爱的人跟你不一样", "跨性别者没有病，也不是什么变态"} {
		if hate(text) {
			t.Errorf("%q: a hate rule fired on a denial", text)
		}
	}
	for _, text := range []string{"同性恋真恶心", "跨性别者都有病"} {
		if !hate(text) {
			t.Errorf("%q: no hate rule fired on the assertion", text)
		}
	}
}

func FuzzNegatedZh(f *testing.F) {
	for _, s := range []string{"穆斯林不是恐怖分子", "他们没一个不是垃圾", "是不是", "不", "", "“不”，"} {
		f.Add(s, 0, 3)
	}
	f.Fuzz(func(t *testing.T, s string, a, b int) {
		if a < 0 || b < a || b > len(s) {
			return
		}
		_ = negatedZh(s, a, b, a/2)
		_ = negatedZh(s, a, b, b+1) // a floor past the term denies nothing
		if negatedZh(s, a, b, b+1) {
			t.Fatalf("negated with the floor past the term: %q", s)
		}
		_ = deniedScornZh(NewText("body", s))
		_ = reportedQuotationZh(NewText("body", s))
	})
}
