package moderate

import (
	"testing"
)

// Violence told of a film, a series or a book is the work's; a threat that
// borrows a film to address someone, and a massacre praised, still count.
func TestViolenceOfAFilmOrBookWatchedIsTheWorks(t *testing.T) {
	s := newTestStage(t)
	cases := []allowCase{
		{"a Portuguese film review", "Assisti Tropa de Elite ontem. A cena em que eles vão matar o traficante no morro é pesada demais, filme brutal.", true},
		{"a Japanese film in title brackets", "『仁義なき戦い』を観た。最後に全員ぶっ殺すシーンが圧巻だった", true},
		{"an English series episode", "Just watched the new episode, the scene where he stabs his brother at the wedding left me speechless", true},
		{"a threat that borrows a film", "Just watched John Wick, and I'm going to kill you the same way, you're next", false},
		{"a threat with no film", "I'm going to stab him at the wedding tomorrow", false},
	}
	checkAllowed(t, s, cases)
}

// A reader's account of a novel's losses is the novel's; a reader who
// puts themselves in it is not (round 29).
func TestSelfHarmOfABookReadIsTheBooks(t *testing.T) {
	s := newTableStage(t)
	wantAllowed(t, s, "a novel's story told by its reader is allowed", []string{
		"《活着》看完哭了一整晚，福贵失去了所有亲人还是要活下去",
	}, "intl", "cn")
	wantStopped(t, s, "a reader who wants to leave like the heroine is seen", []string{
		"看完《挪威的森林》，我也想像直子一样离开这个世界，今晚就走",
	}, "intl")
}
