package moderate

import (
	"regexp"
	"strings"
)

// The Chinese degree complement: 累得想死, 饿到想死, 难到我想死, 写到想死 say how
// tired, hungry or stuck the author was, the way "dying of hunger" does, and
// are written daily about overtime, diets and homework ("今天加班到十点，累得
// 想死，回家泡个脚就睡了", "减肥第30天，饿到想死但体重掉了5斤，继续坚持"). A death
// wish that stands only inside such a complement, in a field that also shows
// the day going on (relief, rest, a meal, a laugh, keeping at it:
// degreeRelief), with nothing of stressRisk, is capped like stress hyperbole.
// Said alone ("期末考考到想死"), or beside a 想死 of its own ("累得想死，其实
// 我是真的想死"), it still counts: a student at risk writes it that way too.

// reDegreeDeathWishZh is a state or an effort, 得 or 到, and the death wish,
// on the skeleton (Simplified, no separators between Han).
var reDegreeDeathWishZh = regexp.MustCompile(`(?:累|饿|热|冷|困|痛|疼|难|难受|烦|忙|写|做|学|考|背|刷|气|笑|尴尬|无聊|撑|吵|晒|冻|卷|肝|跑|练|搬|辣|咸|酸|` + praiseStatesZh + `)(?:得|到)(?:我|人)?(?:想死|要死|快死)`)

// praiseStatesZh are the states of a degree complement that praise (a soup
// so rich, a singer so handsome: 汤头浓到我想死在店里); said of a meal or a
// show they need no relief beside them (rePraiseDeathWishZh).
const praiseStatesZh = `好吃|香|浓|甜|鲜|美|帅|好看|好听|可爱|萌|爽|过瘾|上头`

var rePraiseDeathWishZh = regexp.MustCompile(`(?:` + praiseStatesZh + `)(?:得|到)(?:我|人)?(?:想死|要死|快死)`)

// degreeReliefAfter, after the last complement, set the hard time in the
// past: 戒烟第100天！第一周难受到想死，现在爬楼梯都不喘了.
var degreeReliefAfter = []string{"现在", "如今", "后来", "熬过来"}

// degreeRelief show the day going on after the complement.
var degreeRelief = newTermSet(foldTerms([]string{
	"还好", "终于", "总算", "继续", "坚持", "哈哈", "笑死", "睡了", "睡觉", "泡个脚", "吃了", "去吃", "喝了", "复活", "搞定", "交了",
	"完成", "放假", "周末", "加油", "冲鸭", "😂", "🤣", "掉了", "瘦了",
	// Round 45 (N52): a word explained to a friend abroad, who got it and laughed (嗓子疼得想死。她秒懂 … lol).
	"lol", "lmao", "秒懂", "是什么意思",
	// Round 48 (N78): net slang's mock death that caps the joke (期中考考到我想死，結果老師說下週還有小考，直接原地去世).
	"原地去世", "原地升天", "当场去世", "裂开了",
}))

// degreeHyperboleZh reports whether every death wish of t stands inside a
// degree complement, with relief beside it (or after it, degreeReliefAfter;
// or all of them praise) and no risk.
func degreeHyperboleZh(t *Text) bool {
	if !t.HasHan {
		return false
	}
	s := t.Skeleton.String()
	all := reDegreeDeathWishZh.FindAllStringIndex(s, -1)
	n := len(all)
	if n == 0 || n < strings.Count(s, "想死")+strings.Count(s, "要死")+strings.Count(s, "快死") {
		return false
	}
	f := t.Folded.String()
	if stressRisk.anyTerm(f) {
		return false
	}
	if len(rePraiseDeathWishZh.FindAllStringIndex(s, -1)) == n || degreeRelief.anyTerm(f) {
		return true
	}
	after := s[all[n-1][1]:]
	for _, w := range degreeReliefAfter {
		if strings.Contains(after, w) {
			return true
		}
	}
	return false
}
