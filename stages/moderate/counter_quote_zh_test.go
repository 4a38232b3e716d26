package moderate

import "testing"

func TestChineseCounterSpeechShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       bool
	}{
		{"someone's words quoted", "又看到有人说“河南人都是偷井盖的”，多大人了还玩地域黑", true},
		{"a post's line quoted", "楼主那句“难民都是寄生虫”被举报删了，活该。", true},
		{"the author's own words quoted", "我说“难民都是寄生虫”，怎么了", false},
		{"a quotation agreed with", "有人说“难民都是寄生虫”，说得对", false},
		{"scare quotes around a group", "那些“难民”都是寄生虫", false},
		{"abuse named as a deed", "那个辱骂穆斯林的视频居然还上了热搜", true},
		{"mocking named as a deed", "那个博主拿残疾人开恶心的玩笑，太让人心寒了", true},
		{"bigots named by their bigotry", "评论区冒出一堆厌女的，恶心的是这些人", true},
		{"scorn said outright", "穆斯林都该滚出去", false},
		{"someone doing the abuse", "看到有人在群里辱骂穆斯林，我直接退群了", true},
		{"a slur taken as one's own", "我就是你们说的女拳怎么了，我骄傲", true},
		{"others' bigotry discussed without a shape", "他们从来没反对歧视", false},
		{"what was said to a group", "你刚才对男同性恋说的那些话太恶心了。", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tx := NewText("body", tt.text)
			if got := reportedQuotationZh(tx) || abuseDeedZh(tx) || reclaimedZh(tx); got != tt.want {
				t.Errorf("%q: counter-speech shape %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestHateInsideANamedDeedIsCapped(t *testing.T) {
	t.Parallel()
	wantFlagged(t, newTableStage(t), []flagCase{
		{"the deed named, then condemned", "那个博主拿残疾人开恶心的玩笑，评论区居然还有人叫好，太让人心寒了。", false},
		{"the deed named, then hate said outright", "拿黑人开玩笑怎么了，黑人本来就是猴子", true},
	})
}

// FuzzAbuseDeedAnchorsZh checks that the anchors only skip work: no string
// matches reAbuseDeedZh without one.
func FuzzAbuseDeedAnchorsZh(f *testing.F) {
	for _, s := range []string{"有人在群里辱骂穆斯林", "你刚才对男同性恋说的那些话", "拿残疾人开恶心的玩笑", "恐同的人", "今天天气很好"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if reAbuseDeedZh.MatchString(s) && !abuseDeedAnchorsZh.in(s) {
			t.Fatalf("%q matches reAbuseDeedZh without an anchor", s)
		}
	})
}
