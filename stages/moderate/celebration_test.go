package moderate

import "testing"

func TestGoodWishesCalledForAreNoPileOn(t *testing.T) {
	s := newTableStage(t)
	checkAllowed(t, s, []allowCase{
		{"a call to congratulate an engaged friend is allowed", "everyone go leave a comment on her latest post, she just got engaged!!", true},
		{"a call to wish a birthday in Traditional Chinese is allowed", "大家一起去她IG留言祝她生日快樂", true},
		{"a call to congratulate new parents in Portuguese is allowed", "bora todo mundo no perfil dela dar parabéns pelo nenê", true},
		{"a call to mock is still a pile-on", "everyone go leave a comment on her latest post telling her how ugly she is", false},
		{"a congratulation that mocks is still a pile-on", "bora todo mundo no perfil dela dar parabéns pela cara de baranga kkkk", false},
	})
}
