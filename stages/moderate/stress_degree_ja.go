package moderate

import (
	"regexp"
	"strings"
)

// The Japanese measure of a state: 消えたい…ってくらい眠い, 死ぬほど疲れた,
// 恥ずかしすぎて消えたい say how sleepy, tired or embarrassed the author is,
// as the Chinese degree complement does (stress_degree_zh.go), and are
// written daily after a night shift or a blunder ("夜勤明け、もう無理、消えたい
// …ってくらい眠い。ベッドに着いたら10秒で寝る自信ある"). A death wish that
// stands only inside such a measure of a bodily state or of embarrassment,
// with nothing of stressRisk in the field, is capped like stress
// hyperbole. A measure of pain of the heart (消えたいくらい辛い, 死にたいほど
// 苦しい) is not among the states: someone at risk writes it that way.

// reDegreeDeathWishJa is the wish followed by a measure (ってくらい, ほど) of a
// state, or a state gone too far (眠すぎて) followed by the wish, on the
// skeleton (separators dropped).
// The skeleton keeps a space where punctuation stood between kana and
// drops voicing marks (ぐらい reads くらい, すぎで すきて).
var reDegreeDeathWishJa = regexp.MustCompile(
	`(?:消えたい|死にたい|死ぬ|溶けたい) ?(?:って ?(?:いう)?)?(?:くらい|ほと)(?:に)? ?(?:眠|ねむ|疲|つかれ|たる|暑|あつ|寒|さむ|忙し|恥ずかし|はずかし|お腹|腹减|腹へ)` +
		`|(?:眠|ねむ|疲れ|たる|暑|寒|忙し|恥ずかし|はずかし)(?:すき|过き)(?:て) ?(?:消えたい|死にたい|死ぬ|溶けたい)`)

// deathWishesJa are the wishes reDegreeDeathWishJa reads.
var deathWishesJa = []string{"消えたい", "死にたい", "死ぬ", "溶けたい"}

// degreeHyperboleJa reports whether every death wish of t stands inside a
// measure of a state, with no risk beside it.
func degreeHyperboleJa(t *Text) bool {
	s := t.Skeleton.String()
	wishes := 0
	for _, w := range deathWishesJa {
		wishes += strings.Count(s, w)
	}
	// 死にたい holds no 死ぬ and 死ぬ no 死にたい: each wish counts once.
	if wishes == 0 {
		return false
	}
	frames := reDegreeDeathWishJa.FindAllStringIndex(s, -1)
	if len(frames) < wishes {
		return false
	}
	// The risk is read outside the measures: stressRisk holds the wishes.
	var rest strings.Builder
	last := 0
	for _, f := range frames {
		rest.WriteString(s[last:f[0]])
		rest.WriteByte(' ')
		last = f[1]
	}
	rest.WriteString(s[last:])
	return !stressRisk.anyTerm(rest.String())
}
