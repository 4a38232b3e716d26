package moderate

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Negated scorn in Chinese. "同性恋一点也不恶心", "穆斯林不是恐怖分子",
// "跨性别者没有病" deny what hate asserts: the scorn word is there, with a
// negation right before it. Rules pair a group with a scorn word, and the
// classifier learnt hate from the same pairs, so both read the denial as
// the assertion. A scorn word is negated when the few characters before it,
// in its clause and after the term before it, end in a negation (不, 没,
// 没有, 并非, 绝非) once degree words and the copula are set aside (一点也不,
// 根本不是, 也不是什么, 没那么), or when its clause opens by denying a
// whole ("不是所有穆斯林都…"). Negation that makes the scorn is the term's
// own (不是人, 不配, 没素质 are terms whose negation lies inside them, and
// they stay). A rhetorical question (哪个穆斯林不是…, 难道女人不是…吗,
// 自己看都不恶心么？), a double negation (没一个不是) and "if not A then B"
// (不是蠢就是坏) assert what they seem to deny, and the additive 不但, 不仅
// and the A-not-A question (是不是, 恶不恶心) deny nothing: none of them
// count. In "not A but B" (不是骗子，而是受害者) A is denied and B, a word of
// its own, is judged apart.

// negationTailsZh end the stretch before a negated term. Longer forms
// come first where a shorter one is their suffix.
var negationTailsZh = []string{"并非", "並非", "绝非", "絕非", "从未", "從未", "没有", "沒有", "不", "没", "沒", "非"}

// negationFillersZh may stand between a negation and the word it denies:
// degree words, the copula, "what kind of" (不是什么变态, 没那么坏).
var negationFillersZh = []string{
	"什么", "甚麼", "什麼", "那么", "那麼", "这么", "這麼", "那种", "那種", "一个", "一個", "都是", "全是", "就是",
	"是", "算", "会", "會", "有", "太", "很", "都", "全", "个", "個", "那", "真的", "真",
	// "not here to" (难民并不是来抢工作的, round 22).
	"来", "來",
}

// falseNegationsZh hold a negation character and deny nothing, or deny
// only the speaker's patience: 不但, 不仅 (not only), 不停, 不少, 非常.
var falseNegationsZh = []string{
	"不但", "不仅", "不僅", "不只", "不光", "不止", "不管", "不论", "不論", "不过", "不過", "不少", "不停", "不断", "不斷",
	"不得不", "不就", "不也", "不要", "不许", "不許", "不准", "不让", "不讓", "非常", "非得", "非要", "无非", "無非", "没准", "沒準",
}

// wholeDenialsZh open a clause that denies a generalisation: not all of
// a group is what follows (不是所有穆斯林都是恐怖分子).
var wholeDenialsZh = []string{
	"不是所有", "并非所有", "並非所有", "不是每个", "不是每個", "并不是所有", "並不是所有", "不是全部", "不都是", "并不都是", "並不都是",
}

// rhetoricalZh turn a clause's negation into an assertion: a question that
// expects yes (哪个…不是, 难道…不是…吗, 谁说…不是) or a double negation
// (没一个不是垃圾: every one is).
var rhetoricalZh = []string{"没一个", "沒一個", "没有一个", "沒有一個", "没有哪", "沒有哪", "没哪", "沒哪", "无一", "無一", "哪个", "哪個", "哪一个", "哪有", "难道", "難道", "谁说", "誰說", "岂", "豈", "吗", "嗎", "?", "？"}

// rhetoricalAfterZh, right after the denied word, make it an answer
// expected: 不是骗子是什么, 不是恐怖分子还能是啥.
var rhetoricalAfterZh = []string{"是什么", "是什麼", "是啥", "还能是", "還能是", "又是什么", "又是什麼"}

// eitherOrZh, after the denied word, make "not A" half of "if not A then
// B": 不是蠢就是坏 says one of them is.
var eitherOrZh = []string{"就是", "便是"}

// questionParticlesZh end a question that expects yes (不恶心么, 不是骗子吗).
var questionParticlesZh = []string{"么", "麼", "吗", "嗎", "嘛", "呢"}

// negatedZh reports whether the term at orig[start:end] is denied by a
// negation before it, looking no further back than floor (the end of the
// term before it in a rule's match; 0 for none) nor across a clause (the
// sentence cut at commas: sentenceAround, clauseAround).
func negatedZh(orig string, start, end, floor int) bool {
	if start < 0 || end > len(orig) || start > end {
		return false
	}
	lo, hi := sentenceAround(orig, start, end)
	lo, hi = clauseAround(orig, lo, hi, Span{start, end})
	clause := orig[lo:hi]
	if containsAny(clause, rhetoricalZh) || hasPrefixAny(orig[end:hi], rhetoricalAfterZh) || containsAny(orig[end:hi], eitherOrZh) ||
		hasSuffixAny(strings.TrimRight(clause, " 　~～"), questionParticlesZh) || hasPrefixAny(orig[hi:], []string{"?", "？"}) {
		return false
	}
	if i := firstWordIndex(clause, wholeDenialsZh); i >= 0 && lo+i < start {
		return true
	}
	if floor > start {
		return false // an occurrence overlapping the one before it
	}
	gap := strings.TrimRightFunc(orig[max(lo, floor):start], unicode.IsSpace)
	if utf8.RuneCountInString(gap) > 10 {
		_, gap = splitLastRunes(gap, 10)
	}
	first, _ := utf8.DecodeRuneInString(orig[start:end])
	if aNotAZh(gap + string(first)) {
		return false
	}
	for _, f := range falseNegationsZh {
		if strings.Contains(gap, f) {
			return false
		}
	}
	for trimmed := true; trimmed; {
		trimmed = false
		for _, f := range negationFillersZh {
			if rest, ok := strings.CutSuffix(gap, f); ok && rest != "" {
				gap, trimmed = rest, true
				break
			}
		}
	}
	for _, n := range negationTailsZh {
		if strings.HasSuffix(gap, n) {
			return true
		}
	}
	return false
}

// aNotAZh reports whether s holds an A-not-A question (是不是, 有没有, 会不会,
// 好不好): it asks, and denies nothing.
func aNotAZh(s string) bool {
	rs := []rune(s)
	for i := 1; i+1 < len(rs); i++ {
		if (rs[i] == '不' || rs[i] == '没' || rs[i] == '沒') && rs[i-1] == rs[i+1] {
			return true
		}
	}
	return false
}

// splitLastRunes splits s before its last n runes.
func splitLastRunes(s string, n int) (string, string) {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[:i], s[i:]
}

// hasPrefixAny reports whether s starts with one of ws.
func hasPrefixAny(s string, ws []string) bool {
	for _, w := range ws {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// scornWordsZh are what hate says of a group, in the original text's
// Simplified and Traditional forms: the words deniedScornZh looks for.
// Longer forms come first, so 精神病 is read whole, not as 病.
var scornWordsZh = []string{
	"恐怖分子", "寄生虫", "寄生蟲", "精神病", "神经病", "神經病", "心理扭曲", "拜金", "吸血鬼", "劣等", "低等", "下等", "低贱", "低賤",
	"肮脏", "骯髒", "野蛮", "野蠻", "垃圾", "恶心", "噁心", "罪犯", "小偷", "骗子", "騙子", "变态", "變態", "蟑螂", "畜生", "人渣",
	"货色", "貨色", "败类", "敗類", "废物", "廢物", "危险", "危險", "极端", "極端", "有病", "暴力", "邪恶", "邪惡", "可怕", "蠢", "笨", "懒", "懶",
	"脏", "髒", "臭", "贱", "賤", "病", "偷",
}

// deniedScornSpanZh reports whether the evidence orig[sp] holds a scorn
// word that a negation before it denies. The classifier's other evidence
// of denial, 不歧视 and 不喜欢, is the author's disclaimer ("我不歧视黑人，
// 但…") and not a denial of what the group is said to be: it stays.
func deniedScornSpanZh(orig string, sp Span) bool {
	if sp.Start < 0 || sp.End > len(orig) || sp.Start >= sp.End {
		return false
	}
	ev := orig[sp.Start:sp.End]
	for _, w := range scornWordsZh {
		if i := strings.Index(ev, w); i >= 0 && negatedZh(orig, sp.Start+i, sp.Start+i+len(w), 0) {
			return true
		}
	}
	return false
}

// deniedScornZh reports whether a Chinese field says scorn only to deny it:
// at least one scorn word, and every one negated (穆斯林不是恐怖分子，别再乱扣
// 帽子了; 黑人不脏也不懒). The classifier's hate in such a field is the
// denial's words, whichever stretch it shows.
func deniedScornZh(t *Text) bool {
	if !t.HasHan {
		return false
	}
	s := t.Original
	var occ [][2]int // scorn words, longest first where they overlap
	for _, w := range scornWordsZh {
		for i := 0; ; {
			j := strings.Index(s[i:], w)
			if j < 0 {
				break
			}
			j += i
			i = j + len(w)
			if !slices.ContainsFunc(occ, func(c [2]int) bool { return j < c[1] && c[0] < i }) {
				occ = append(occ, [2]int{j, i})
			}
		}
	}
	if len(occ) == 0 {
		return false
	}
	slices.SortFunc(occ, func(a, b [2]int) int { return a[0] - b[0] })
	prevDenied := false
	for k, c := range occ {
		denied := negatedZh(s, c[0], c[1], 0) || k > 0 && prevDenied && slices.Contains(coordinatedZh, s[occ[k-1][1]:c[0]])
		if !denied {
			return false
		}
		prevDenied = true
	}
	return true
}

// coordinatedZh join a scorn word to the one before it: 不是什么小偷骗子,
// 不是小偷、骗子, 不是小偷或者骗子 deny both.
var coordinatedZh = []string{"", "、", "和", "或", "或者", "也不是", "更不是", "跟", "与", "，"}
