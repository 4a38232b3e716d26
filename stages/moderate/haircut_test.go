package moderate

import "testing"

func TestAHaircutAtHomeIsNotSelfHarm(t *testing.T) {
	s := newTableStage(t)
	checkAllowed(t, s, []allowCase{
		{"a fringe cut by one's own hand is allowed", "mon miroir et moi on est en froid depuis que j'ai coupé ma frange moi-même", true},
		{"a haircut beside a goodbye letter is still read", "j'ai coupé mes cheveux moi-même ce soir. c'est la dernière chose que je fais pour moi, la lettre est sur le bureau, adieu", false},
	})
}

func TestAPublishedAddressOrWorkLine(t *testing.T) {
	s := newTableStage(t)
	checkAllowed(t, s, []allowCase{
		{"a residence published for a visit is held", "这就是那个渣男的住址：朝阳区建国路88号3单元502，大家有空去拜访一下", false},
		{"a shop's address on the same street is allowed", "我们小区建国路88号新开了家面馆，三单元楼下，味道不错", true},
		{"a professional's work line passed on for bookings is allowed", "si vous voulez réserver chez la photographe, son numéro pro c'est le 06 12 34 56 78", true},
		{"a work line published to harass is held", "his work number is 555 201 8834, call him and make his life hell", false},
	})
}
