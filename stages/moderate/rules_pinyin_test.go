package moderate

import "testing"

func TestRulesReadChineseTermsInRunsOfPinyin(t *testing.T) {
	t.Parallel()
	d := newTestRules(t, map[string]string{
		"hate.zh.yaml": `
rules:
  - id: swearing
    score: 0.5
    all: [[他妈]]
  - id: group-trash
    score: 0.8
    window: 30 chars
    all: [[黑人, 韩国], [垃圾]]
`,
	})
	cases := []fireCase{
		{"a group and a trait run together in pinyin beside Chinese are read", "heirendoushilaji滚出去", true},
		{"a long run of pinyin alone is read", "heirenquandoushilajiba", true},
		{"pinyin mixed with characters is read", "heiren都是lajiba", true},
		{"a short word of pinyin in an English post stays English", "just made my first 饺子 lol", false},
		{"a short run of pinyin with no Chinese in the field is not read", "heirenlaji", false},
		{"a run of four letters is too short to read", "我觉得laji这种话不能说", false},
		{"a run that does not spell pinyin through is not read", "heirenxlaji滚", false},
		{"a term must start on a syllable boundary: shan guo is no han guo", "shanguolaji是什么", false},
		{"the same run from a boundary is read", "hanguolaji是什么", true},
		{"one term alone is not read in pinyin", "当时tamasese来了", false},
		{"English made of syllables stays English", "I changed my banana order, she said lol", false},
		{"a name written with a capital is not read", "图普阿·塔马塞塞（Tupua Heirenlajiba）遇害", false},
	}
	checkFires(t, d, cases)
}
