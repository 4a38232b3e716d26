package moderate

import "testing"

func TestTradeFrameIsACraftThatReachesNoOne(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       bool
	}{
		{"a hunter's field dressing", "Opening morning of deer season. Dropped a doe at 80 yards, field dressing took twenty minutes, the venison is in the freezer.", true},
		{"a butcher's week in Spanish", "Semana dura en la carnicería: deshuesamos dos terneras y el cuchillo pide afilado cada hora.", true},
		{"a judo class in Japanese", "今日の稽古は絞め技中心。落ちる前にタップするのが大事", true},
		{"a hunting frame that names an ex", "hunting season opens friday, my rifle is ready and my ex knows where I'll be waiting", false},
		{"a trade's words aimed at the reader", "I'm a butcher, I know exactly where to cut you so you bleed out slow", false},
		{"a gym is no trade: a stalker names it", "elle sort de la salle de sport à 20h40, elle va comprendre", false},
		{"cruelty relished is no craft", "went fishing and tortured the catch for fun, it was still alive", false},
		{"a recipe that turns to a neighbour is no craft", "Receta de arepas de mi abuela, quedan buenísimas. Por cierto, al vecino que me robó la bici lo voy a picar en pedacitos y echarlo al río.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tradeFrame(NewText("body", tt.text)); got != tt.want {
				t.Errorf("tradeFrame(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}
