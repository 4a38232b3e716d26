package models

import (
	"slices"
	"testing"
	"time"
)

func TestQueueMarketsOfReportsAndAppeals(t *testing.T) {
	t.Parallel()
	approveIntl := &Review{DecisionID: "d2", Action: ReviewApprove, Reviewer: "r2", Markets: []string{"intl"},
		Decided: map[string]MarketDecision{"intl": {DecisionID: "d2", Action: ReviewApprove, Reviewer: "r2"}}}
	rejectedCn := &Review{DecisionID: "d1", Action: ReviewReject, Reviewer: "r1", Markets: []string{"cn"},
		Decided: map[string]MarketDecision{"cn": {DecisionID: "d1", Action: ReviewReject, Reviewer: "r1"}}}
	for _, c := range []struct {
		name         string
		mod          Moderation
		want         []string
		wantReported int
		wantAppeal   []string
	}{
		{
			name: "reports below the threshold queue nothing",
			mod: Moderation{Markets: map[string]Decision{"cn": DecisionAllow, "intl": DecisionAllow},
				Reports: &Reports{Reporters: 3}},
		},
		{
			name: "reports at the threshold queue the markets they name",
			mod: Moderation{Markets: map[string]Decision{"cn": DecisionBlock, "intl": DecisionAllow},
				Reports: &Reports{Reporters: 6, Since: map[string]string{"intl": ""}}},
			want: []string{"intl"}, wantReported: 6,
		},
		{
			name: "a reviewer decision since the reports settles them",
			mod: Moderation{Markets: map[string]Decision{"intl": DecisionAllow}, Review: approveIntl,
				Reports: &Reports{Reporters: 6, Since: map[string]string{"intl": ""}}},
		},
		{
			name: "reports queued over a standing decision wait until another stands",
			mod: Moderation{Markets: map[string]Decision{"intl": DecisionAllow}, Review: approveIntl,
				Reports: &Reports{Reporters: 9, Since: map[string]string{"intl": "d2"}}},
			want: []string{"intl"}, wantReported: 9,
		},
		{
			name: "an appeal of a machine block waits in its market",
			mod: Moderation{Markets: map[string]Decision{"cn": DecisionBlock, "intl": DecisionBlock},
				Appeal: &Appeal{ID: "a", Original: map[string]AppealedDecision{"cn": {Decision: DecisionBlock}}}},
			want: []string{"cn"}, wantAppeal: []string{"cn"},
		},
		{
			name: "an appeal of a reviewer's rejection waits while it stands",
			mod: Moderation{Markets: map[string]Decision{"cn": DecisionBlock, "intl": DecisionAllow}, Review: rejectedCn,
				Appeal: &Appeal{ID: "a", Original: map[string]AppealedDecision{"cn": {Decision: DecisionBlock, DecisionID: "d1", Reviewer: "r1"}}}},
			want: []string{"cn"}, wantAppeal: []string{"cn"},
		},
		{
			name: "an appeal is decided once another decision stands",
			mod: Moderation{Markets: map[string]Decision{"cn": DecisionAllow}, Review: &Review{DecisionID: "d3", Action: ReviewApprove,
				Reviewer: "r2", Decided: map[string]MarketDecision{"cn": {DecisionID: "d3", Action: ReviewApprove, Reviewer: "r2"}}},
				Appeal: &Appeal{ID: "a", Original: map[string]AppealedDecision{"cn": {Decision: DecisionBlock, DecisionID: "d1", Reviewer: "r1"}}}},
		},
		{
			name: "an undo of the rejection under appeal decides the appeal",
			mod: Moderation{Markets: map[string]Decision{"cn": DecisionReview}, Review: &Review{DecisionID: "d4", Action: ReviewUndo, Reviewer: "r2"},
				Appeal: &Appeal{ID: "a", Original: map[string]AppealedDecision{"cn": {Decision: DecisionBlock, DecisionID: "d1", Reviewer: "r1"}}}},
			want: []string{"cn"}, // in review again, as the machine decided
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.mod.QueueMarkets(); !slices.Equal(got, c.want) {
				t.Errorf("QueueMarkets = %v, want %v", got, c.want)
			}
			if got := c.mod.Reported(); got != c.wantReported {
				t.Errorf("Reported = %d, want %d", got, c.wantReported)
			}
			if got := c.mod.AppealMarkets(); !slices.Equal(got, c.wantAppeal) {
				t.Errorf("AppealMarkets = %v, want %v", got, c.wantAppeal)
			}
		})
	}
}

func TestAppealConflictNamesTheMarketOfTheFirstReviewer(t *testing.T) {
	t.Parallel()
	mod := Moderation{
		Markets: map[string]Decision{"cn": DecisionBlock, "intl": DecisionBlock},
		Review: &Review{DecisionID: "d1", Action: ReviewReject, Reviewer: "r1", Decided: map[string]MarketDecision{
			"cn": {DecisionID: "d1", Action: ReviewReject, Reviewer: "r1"}}},
		Appeal: &Appeal{ID: "a", Original: map[string]AppealedDecision{
			"cn":   {Decision: DecisionBlock, DecisionID: "d1", Reviewer: "r1"},
			"intl": {Decision: DecisionBlock}}},
	}
	for _, c := range []struct {
		name     string
		reviewer string
		action   ReviewAction
		markets  []string
		want     string
	}{
		{"the first reviewer may not approve in the appealed market", "r1", ReviewApprove, []string{"cn"}, "cn"},
		{"the first reviewer may not reject again there", "r1", ReviewReject, []string{"cn", "intl"}, "cn"},
		{"the first reviewer may not undo the decision under appeal", "r1", ReviewUndo, []string{"cn"}, "cn"},
		{"a decision naming no market covers every market", "r1", ReviewApprove, nil, "cn"},
		{"the first reviewer may decide the machine's block in another market", "r1", ReviewApprove, []string{"intl"}, ""},
		{"the first reviewer may escalate", "r1", ReviewEscalate, []string{"cn"}, ""},
		{"another reviewer may decide the appeal", "r2", ReviewApprove, []string{"cn"}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := mod.AppealConflict(c.reviewer, c.action, c.markets); got != c.want {
				t.Errorf("AppealConflict(%s, %s, %v) = %q, want %q", c.reviewer, c.action, c.markets, got, c.want)
			}
		})
	}
}

func TestAuthorStandingFollowsTheLatestActionPerMarket(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	act := func(id string, k AuthorActionKind) AuthorAction {
		return AuthorAction{ID: id, AuthorID: "u1", Action: k, Actor: "r1", At: at}
	}
	for _, c := range []struct {
		name        string
		steps       []AuthorAction
		markets     [][]string
		wantStrikes int
		want        map[string]AuthorState
		wantClear   bool
	}{
		{"strikes add up and change no market", []AuthorAction{act("a1", AuthorStrike), act("a2", AuthorStrike)}, [][]string{{"cn"}, {"intl"}}, 2, map[string]AuthorState{}, false},
		{"a suspension holds in its markets only", []AuthorAction{act("a1", AuthorSuspend)}, [][]string{{"intl"}}, 0, map[string]AuthorState{"intl": AuthorSuspended}, false},
		{"a later mute replaces a suspension", []AuthorAction{act("a1", AuthorSuspend), act("a2", AuthorMute)}, [][]string{{"cn", "intl"}, {"cn"}}, 0,
			map[string]AuthorState{"cn": AuthorMuted, "intl": AuthorSuspended}, false},
		{"a lift clears its markets and leaves strikes", []AuthorAction{act("a1", AuthorStrike), act("a2", AuthorSuspend), act("a3", AuthorLift)},
			[][]string{{"cn"}, {"cn"}, {"cn"}}, 1, map[string]AuthorState{}, false},
		{"a lift of everything leaves a clear standing", []AuthorAction{act("a1", AuthorMute), act("a2", AuthorLift)}, [][]string{{"cn"}, {"cn"}}, 0, map[string]AuthorState{}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			var s AuthorStanding
			for i, a := range c.steps {
				before, was := s, s.StateIn("cn")
				s = s.Apply(a, c.markets[i])
				if before.StateIn("cn") != was {
					t.Fatalf("Apply(%s) changed the standing it was called on", a.ID)
				}
			}
			if s.Strikes != c.wantStrikes {
				t.Errorf("strikes %d, want %d", s.Strikes, c.wantStrikes)
			}
			for _, m := range []string{"cn", "intl"} {
				if got := s.StateIn(m); got != c.want[m] {
					t.Errorf("state in %s %q, want %q", m, got, c.want[m])
				}
			}
			if s.Clear() != c.wantClear {
				t.Errorf("Clear() = %v, want %v", s.Clear(), c.wantClear)
			}
			if last := c.steps[len(c.steps)-1].ID; s.LastAction != last {
				t.Errorf("last action %q, want %q", s.LastAction, last)
			}
		})
	}
}
