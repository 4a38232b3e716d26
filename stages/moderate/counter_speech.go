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
