package moderate

import "strings"

// A shop's "jump-off-the-building price" (跳楼价, 跳楼大甩卖) is the oldest
// clearance idiom in Chinese retail: the owner would sooner jump than sell
// that low. The Chinese intent model reads the 跳楼 in it as a way to die
// (a supermarket's clearance notice had self_harm 0.53, round 41). When
// every 跳楼 of a field stands in such an idiom and nothing else in it
// speaks of dying, the intent models' self_harm is capped; the rules
// already know the idiom.

// saleIdiomsZh are the idioms, folded (Simplified).
var saleIdiomsZh = []string{"跳楼价", "跳楼大甩卖", "跳楼甩卖", "跳楼清仓", "跳楼大减价", "跳楼促销", "跳楼大促"}

// deathWordsZh undo the idiom: the field speaks of dying outside it.
var deathWordsZh = []string{"跳楼", "想死", "不想活", "自杀", "轻生", "结束生命", "活着没意思", "去死", "寻死"}

// saleIdiomZh reports whether the field's every 跳楼 is a price idiom and
// no other death word stands in it.
func saleIdiomZh(t *Text) bool {
	if !t.HasHan {
		return false
	}
	s := t.Folded.String()
	found := false
	for _, w := range saleIdiomsZh {
		if strings.Contains(s, w) {
			found = true
			s = strings.ReplaceAll(s, w, "")
		}
	}
	return found && !containsAny(s, deathWordsZh)
}
