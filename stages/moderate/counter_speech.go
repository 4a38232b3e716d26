package moderate

import (
	"strings"

	"github.com/notegate/notegate/models"
)

// Counter-speech: a field that rejects discrimination (反对地域黑！河南人也是
// 普通人, 拒绝种族歧视) names the group and the stereotype it rejects, which
// is what the trained classifier learnt hate from: COLD and the other
// Chinese data label the topic, not the stance. The intent rules veto such
// fields themselves ($counter_speech); for the classifier, whose judgement
// covers the whole field, a hate or harassment finding in a field with one
// of these markers is capped like reported speech: it keeps its label for
// reviewers and decides nothing. Slurs (lexicons) and the rules still count.

// counterSpeechMarkers are matched on the skeleton (Simplified Chinese,
// no separators between Han characters), so 反對 地域黑 is 反对地域黑. They
// are slogans of rejection only: COLD labels offensive most comments that
// discuss 刻板印象, 一视同仁 or "黑人并不反对种族歧视", so those phrases do not
// count, and 别歧视 would also match 性别歧视.
var counterSpeechMarkers = []string{
	"反对地域黑", "拒绝地域黑", "抵制地域黑", "不要地域黑", "别地域黑", "别再地域黑", "不要再地域黑", "停止地域黑",
	"拒绝歧视", "抵制歧视", "停止歧视", "拒绝种族歧视", "反对地域歧视", "拒绝地域歧视", "不应该被歧视", "不该被歧视",
	"也是普通人",
	// Naming what was said as discrimination, or calling to report it.
	"就是种族歧视", "是种族歧视", "赤裸裸的种族歧视", "是地域歧视", "就是地域黑", "地域黑真的够了", "这种话", "这种言论",
	"一起举报", "大家举报", "不该被容忍", "不能被容忍", "让人寒心", "真让人寒心", "太可悲了", "上前制止", "侮辱女性的",
	"歧视黑人的", "别被那些谣言", "别再传", "地域黑真的", "怼回去", "这种词", "真不该再出现", "站出来说", "给人道歉",
	// A sentence handed down for abuse, and lessons that teach children where
	// no one may touch them: the classifier reads their words as harassment.
	"被判刑", "被判了", "身体界线", "身体界限", "身体边界",
}

// hateTargetsZh are the groups Chinese hate is about, as the skeleton
// writes them (the groups of rules/hate.zh.yaml, by their common names). A
// classifier hate finding in a field that names none of them is abuse of
// a person or of a group that is not about who people are (国足的球迷,
// 插队的人): harassment, not hate.
var hateTargetsZh = []string{
	"黑人", "黑鬼", "非洲", "女人", "女的", "女性", "女权", "女拳", "娘们", "外地人", "河南", "东北人", "上海人", "新疆",
	"农村人", "乡下人", "山东人", "广东人", "四川人", "安徽人", "湖南人", "南方人", "北方人", "同性恋", "基佬", "拉拉",
	"跨性别", "变性", "穆斯林", "回民", "回族", "绿绿", "犹太", "外国", "老外", "洋人", "美国人", "日本", "韩国人", "印度",
	"越南", "移民", "难民", "残疾", "残废", "瘸子", "聋子", "瞎子", "阿三", "外劳", "移工", "外佣", "菲佣", "外配", "陆配",
	"大陆人", "台湾人", "香港人", "少数民族", "藏族", "维族", "维吾尔", "蒙古人", "艾滋", "精神病人", "gay", "娘炮", "伪娘",
	"白人", "黄种人", "汉族", "支那", "棒子", "鬼子", "尼哥", "黑蛆", "母狗", "田园女", "普信男", "普信女", "男人", "男的",
}

// namesHateTargetZh reports whether a Chinese field names a group hate is
// about.
func namesHateTargetZh(t *Text) bool {
	if !t.HasHan {
		return true // not for this rule to judge
	}
	s := t.Skeleton.String()
	for _, g := range hateTargetsZh {
		if strings.Contains(s, g) {
			return true
		}
	}
	return false
}

// counterSpeechCategories are the classifier's categories the markers cap.
func counterSpeechCategory(c models.Category) bool {
	return c == models.CategoryHate || c == models.CategoryHarassment
}

// counterSpeech reports whether the field carries a counter-speech marker.
func counterSpeech(t *Text) bool {
	if !t.HasHan {
		return false
	}
	s := t.Skeleton.String()
	for _, m := range counterSpeechMarkers {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}
