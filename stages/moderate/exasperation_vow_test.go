package moderate

import "testing"

func TestVowsAndCursesThatHurtNoOne(t *testing.T) {
	s := newTableStage(t)
	checkAllowed(t, s, []allowCase{
		{"a vow to call the landlord", "if my neighbor plays drums at midnight one more time I swear I will call the landlord", true},
		{"a vow to scream into a pillow", "if my neighbor's dog barks at 5am one more time I swear I'll scream into a pillow", true},
		{"a contract brought to a meeting", "honestly if that manager writes me up one more time i'm bringing a printed copy of my contract to the friday meeting and we'll see who's right", true},
		{"a rifle brought to a meeting is a threat", "honestly if that manager writes me up one more time i'm bringing dad's rifle to the friday meeting and we'll see who gets written up", false},
		{"a vow to burn a house is a threat", "if my neighbor plays drums at midnight one more time I swear I will burn his house down", false},
		{"a laptop cursed in Spanish", "Voy a matar a mi portátil, se ha colgado por quinta vez hoy", true},
		{"a computer cursed in Portuguese", "Vou matar esse computador, travou de novo no meio do trabalho", true},
		{"a neighbour threatened with a knife beside a laptop is a threat", "voy a matar al vecino mañana con el cuchillo, el del portátil ruidoso", false},
	})
}
