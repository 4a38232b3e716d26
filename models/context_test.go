package models

import "testing"

// TestMarketDecisions: the machine's decision in a market is the one a
// reviewer's decision recorded as the machine's, else the one standing;
// the reviewer decision standing in a market is the per-market record,
// or, on notes decided before it existed, the latest approval or
// rejection when it covered the market.
func TestMarketDecisions(t *testing.T) {
	t.Parallel()
	machine := &MachineOutcome{Markets: map[string]Decision{"cn": DecisionBlock, "intl": DecisionReview}}
	for _, c := range []struct {
		name        string
		m           Moderation
		market      string
		wantMachine Decision
		wantAction  ReviewAction // "": none stands
	}{
		{"a note no reviewer decided", Moderation{Markets: map[string]Decision{"cn": DecisionReview}}, "cn", DecisionReview, ""},
		{"a market a reviewer approved", Moderation{Markets: map[string]Decision{"cn": DecisionBlock, "intl": DecisionAllow},
			Review: &Review{Action: ReviewApprove, Reviewer: "r", Markets: []string{"intl"}, Machine: machine,
				Decided: map[string]MarketDecision{"intl": {Action: ReviewApprove, Reviewer: "r"}}}}, "intl", DecisionReview, ReviewApprove},
		{"the other market of that note", Moderation{Markets: map[string]Decision{"cn": DecisionBlock, "intl": DecisionAllow},
			Review: &Review{Action: ReviewApprove, Reviewer: "r", Markets: []string{"intl"}, Machine: machine,
				Decided: map[string]MarketDecision{"intl": {Action: ReviewApprove, Reviewer: "r"}}}}, "cn", DecisionBlock, ""},
		{"a rejection before per-market records, in every market", Moderation{Markets: map[string]Decision{"cn": DecisionBlock},
			Review: &Review{Action: ReviewReject, Reviewer: "r"}}, "cn", DecisionBlock, ReviewReject},
		{"an escalation decides nothing", Moderation{Markets: map[string]Decision{"cn": DecisionReview},
			Review: &Review{Action: ReviewEscalate, Reviewer: "r", Escalated: true}}, "cn", DecisionReview, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.m.MachineDecision(c.market); got != c.wantMachine {
				t.Errorf("machine %q, want %q", got, c.wantMachine)
			}
			r, ok := c.m.StandingReview(c.market)
			if ok != (c.wantAction != "") || r.Action != c.wantAction || ok && r.Reviewer != "r" {
				t.Errorf("standing %+v (%v), want %q by r", r, ok, c.wantAction)
			}
		})
	}
}
