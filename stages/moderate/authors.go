package moderate

import (
	"maps"

	"github.com/notegate/notegate/models"
)

// AuthorStandings tells what reviewers did to an author's account
// (rules.AuthorStore, fed by the author actions topic).
//
// Standing is called for every note moderated, from the partition workers
// at once, so it must be safe for concurrent use and quick (no I/O). It
// returns the author's standing and whether it knows the author; the
// caller owns the result.
type AuthorStandings interface {
	Standing(authorID string) (models.AuthorStanding, bool)
}

// SetAuthorStandings makes Process decide the new notes of muted and
// suspended authors as the policy says (applyAuthorStanding); call it
// before the stage runs. Without it, authors count for nothing.
func (s *Stage) SetAuthorStandings(a AuthorStandings) { s.authors = a }

// applyAuthorStanding records on mod the standing of n's author, when it
// is not clear, and makes each market where the author is muted or
// suspended at least as restrictive as p's AuthorDecision says there. An
// author at risk (mod.Support) is reviewed rather than blocked there:
// care, not punishment.
func (s *Stage) applyAuthorStanding(p *Policy, n *models.Note, mod *models.Moderation) {
	if s.authors == nil || n.AuthorID == "" {
		return
	}
	st, ok := s.authors.Standing(n.AuthorID)
	if !ok || st.Clear() {
		return
	}
	st.Markets = maps.Clone(st.Markets)
	mod.Author = &st
	for market, d := range mod.Markets {
		state := st.StateIn(market)
		if state == "" {
			continue
		}
		ad := p.AuthorDecision(market, state)
		if mod.Support != nil && ad == models.DecisionBlock {
			ad = models.DecisionReview
		}
		mod.Markets[market] = models.MostRestrictive(d, ad)
	}
	if len(mod.Markets) == 0 {
		return
	}
	mod.Decision = models.DecisionAllow
	for _, d := range mod.Markets {
		mod.Decision = models.MostRestrictive(mod.Decision, d)
	}
}
