package moderate

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/notegate/notegate/models"
)

// fixedStandings is an AuthorStandings of a fixed map.
type fixedStandings map[string]models.AuthorStanding

func (f fixedStandings) Standing(id string) (models.AuthorStanding, bool) {
	s, ok := f[id]
	return s, ok
}

// TestAuthorStandingDecidesNewNotesPerMarket: a suspended or muted
// author's new note is decided as the market's author policy says (here
// cn blocks suspended authors and intl reviews them), only in the markets
// of the mute or suspension, never less restrictive than its own
// findings; an author at risk is reviewed, not blocked; strikes alone
// change no decision but are recorded on the note.
func TestAuthorStandingDecidesNewNotesPerMarket(t *testing.T) {
	t.Parallel()
	// Campaign and velocity off: the cases share a text and an author.
	s, err := New(Config{Campaign: CampaignConfig{Disabled: true}, Velocity: VelocityConfig{Disabled: true}})
	if err != nil {
		t.Fatal(err)
	}
	policy := string(defaultPolicyYAML)
	i := strings.LastIndex(policy, "authors: {suspended: block, muted: review}")
	p, err := ParsePolicy([]byte(policy[:i] + "authors: {suspended: review, muted: block}" + policy[i+len("authors: {suspended: block, muted: review}"):]))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.AuthorDecision("intl", models.AuthorSuspended); got != models.DecisionReview {
		t.Fatalf("the test policy reviews suspended authors in intl? it says %s", got)
	}
	if err := s.SetPolicy(p); err != nil {
		t.Fatal(err)
	}
	state := func(st models.AuthorState, markets ...string) models.AuthorStanding {
		out := models.AuthorStanding{Markets: map[string]models.AuthorMarketState{}}
		for _, m := range markets {
			out.Markets[m] = models.AuthorMarketState{State: st, ActionID: "a1", Actor: "r1"}
		}
		return out
	}
	s.SetAuthorStandings(fixedStandings{
		"suspended-everywhere": state(models.AuthorSuspended, "cn", "intl"),
		"suspended-in-cn":      state(models.AuthorSuspended, "cn"),
		"muted-everywhere":     state(models.AuthorMuted, "cn", "intl"),
		"struck":               {Strikes: 2, LastAction: "a9"},
		"lifted":               {LastAction: "a3"},
	})
	const (
		allow  = models.DecisionAllow
		review = models.DecisionReview
		block  = models.DecisionBlock
	)
	clean := "Weekend hotpot with friends, the broth was perfect"
	for _, c := range []struct {
		name, author, body string
		cn, intl           models.Decision
		recorded           bool
	}{
		{"a suspended author's clean note is held as each market says", "suspended-everywhere", clean, block, review, true},
		{"a suspension in cn leaves intl as the note decides", "suspended-in-cn", clean, block, allow, true},
		{"a muted author's clean note is held as each market says", "muted-everywhere", clean, review, block, true},
		{"a muted author's note keeps a stricter decision of its own", "muted-everywhere", "加V信 abc12345 便宜出售", block, block, true},
		{"a suspended author at risk is reviewed, never blocked unseen", "suspended-everywhere", "I don't want to live anymore, planning to end it tonight", review, review, true},
		{"strikes alone decide nothing and are recorded", "struck", clean, allow, allow, true},
		{"a lifted author with no strikes is clear and not recorded", "lifted", clean, allow, allow, false},
		{"an unknown author is active", "someone-else", clean, allow, allow, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			n := &models.Note{NoteEvent: models.NoteEvent{NoteID: "n-" + c.author + fmt.Sprint(len(c.body)), Version: 1, AuthorID: c.author, Body: c.body}}
			if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
				t.Fatal(err)
			}
			m := n.Moderation
			if m.Markets["cn"] != c.cn || m.Markets["intl"] != c.intl {
				t.Errorf("cn %s intl %s, want %s %s; labels %+v", m.Markets["cn"], m.Markets["intl"], c.cn, c.intl, m.Labels)
			}
			if want := models.MostRestrictive(c.cn, c.intl); m.Decision != want {
				t.Errorf("decision %s, want %s", m.Decision, want)
			}
			if got := m.Author != nil; got != c.recorded {
				t.Errorf("author standing recorded: %+v, want %v", m.Author, c.recorded)
			}
			for _, market := range n.ApprovedMarkets {
				if m.Markets[market] != allow {
					t.Errorf("approved in %s, which decided %s", market, m.Markets[market])
				}
			}
		})
	}
}

func TestPolicyRefusesAnAuthorDecisionOtherThanReviewOrBlock(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, authors string
		ok            bool
	}{
		{"review and block are accepted", "{suspended: review, muted: block}", true},
		{"an empty policy takes the defaults", "{}", true},
		{"allow is refused", "{suspended: allow}", false},
		{"an unknown word is refused", "{muted: hide}", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			y := "version: v\nmarkets:\n  cn:\n    authors: " + c.authors + "\n"
			p, err := ParsePolicy([]byte(y))
			if (err == nil) != c.ok {
				t.Fatalf("ParsePolicy: %v, want ok %v", err, c.ok)
			}
			if err == nil && c.authors == "{}" && (p.AuthorDecision("cn", models.AuthorSuspended) != models.DecisionBlock || p.AuthorDecision("cn", models.AuthorMuted) != models.DecisionReview) {
				t.Errorf("defaults: suspended %s muted %s, want block and review", p.AuthorDecision("cn", models.AuthorSuspended), p.AuthorDecision("cn", models.AuthorMuted))
			}
		})
	}
}
