package moderate

import (
	"context"
	"testing"

	"github.com/notegate/notegate/models"
)

// Violence told of a film, a series or a book is the work's; a threat that
// borrows a film to address someone, and a massacre praised, still count.
func TestViolenceOfAFilmOrBookWatchedIsTheWorks(t *testing.T) {
	s := newTestStage(t)
	cases := []struct {
		name, body string
		allowed    bool
	}{
		{"a Portuguese film review", "Assisti Tropa de Elite ontem. A cena em que eles vão matar o traficante no morro é pesada demais, filme brutal.", true},
		{"a Japanese film in title brackets", "『仁義なき戦い』を観た。最後に全員ぶっ殺すシーンが圧巻だった", true},
		{"an English series episode", "Just watched the new episode, the scene where he stabs his brother at the wedding left me speechless", true},
		{"a threat that borrows a film", "Just watched John Wick, and I'm going to kill you the same way, you're next", false},
		{"a threat with no film", "I'm going to stab him at the wedding tomorrow", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			n := noteWithBody(c.body)
			if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
				t.Fatal(err)
			}
			allowed := n.Moderation.Markets["cn"] == models.DecisionAllow && n.Moderation.Markets["intl"] == models.DecisionAllow
			if allowed != c.allowed {
				t.Errorf("allowed %v, want %v; markets %v labels %+v", allowed, c.allowed, n.Moderation.Markets, n.Moderation.Labels)
			}
		})
	}
}
