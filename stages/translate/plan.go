package translate

import (
	"slices"

	"github.com/notegate/notegate/models"
)

// Purposes of a translation, the purpose label of
// notegate_translate_chars_sent_total and
// notegate_translate_cost_estimated_total.
const (
	// PurposeFeed: a market shows the note in the target's language (or
	// moderation did not run, so every market may).
	PurposeFeed = "feed"
	// PurposeReview: no market that allows the note reads the target; it
	// is translated because the note waits in the review queue, for the
	// reviewers and for the markets a reviewer may approve it in.
	PurposeReview = "review"
)

func purposeRank(p string) int {
	if p == PurposeFeed {
		return 0
	}
	return 1
}

// wanted is one translation a note needs, and why.
type wanted struct {
	target  string
	purpose string
}

// plan returns the translations n needs under its moderation, in a
// stable order, or, for a note that nobody may read (blocked in every
// market and not waiting for a reviewer), nothing and the targets to mark
// skipped as blocked:
//
//   - without market decisions (moderation did not run), every market's
//     targets, for feeds, unless the overall decision is block;
//   - the targets of every market the note is not blocked in: for feeds
//     when a market that allows it reads them, else for review (the
//     market is in review);
//   - while the note is in the review queue (QueueMarkets), also the
//     reviewers' languages (Config.ReviewTargets), for review, whatever
//     it is blocked in.
func (s *Stage) plan(n *models.Note) (want []wanted, blocked []string) {
	mod := &n.Moderation
	if len(mod.Markets) == 0 {
		if mod.Decision == models.DecisionBlock {
			return nil, s.cfg.targetsOf(nil)
		}
		for _, t := range s.cfg.targetsOf(nil) {
			want = append(want, wanted{t, PurposeFeed})
		}
		return want, nil
	}
	var shown, open []string
	for m, d := range mod.Markets {
		if d == models.DecisionAllow {
			shown = append(shown, m)
		}
		if d != models.DecisionBlock {
			open = append(open, m)
		}
	}
	queued := len(mod.QueueMarkets()) > 0
	if len(open) == 0 && !queued {
		return nil, s.cfg.targetsOf(nil)
	}
	var feed []string
	if len(shown) > 0 {
		feed = s.cfg.targetsOf(shown)
	}
	add := func(t string) {
		if slices.ContainsFunc(want, func(w wanted) bool { return w.target == t }) {
			return
		}
		p := PurposeReview
		if slices.Contains(feed, t) {
			p = PurposeFeed
		}
		want = append(want, wanted{t, p})
	}
	if len(open) > 0 {
		for _, t := range s.cfg.targetsOf(open) {
			add(t)
		}
	}
	if queued {
		for _, t := range s.cfg.ReviewTargets {
			add(t)
		}
	}
	return want, nil
}

// Lacking returns, sorted, the targets that n needs under its moderation
// now (as Process would translate it) and has no translation into: none
// recorded, or skipped while the note was blocked. A reviewer's decision
// can open a market the note was blocked in; the decisions consumer asks
// for these then (marked pending, for the retrier). Notes that Process
// would skip anyway (undetermined language, too long, nothing to
// translate) lack nothing.
func (s *Stage) Lacking(n *models.Note) []string {
	src := BaseLanguage(n.Language.Code)
	if n.Deleted() || s.skipReason(n, src) != "" {
		return nil
	}
	want, _ := s.plan(n)
	var out []string
	for _, w := range want {
		if alreadyIn(src, n.Language.Script, w.target) {
			continue
		}
		tr, ok := n.Translations[w.target]
		if !ok || (tr.Status == models.TranslationSkipped && tr.Error == ReasonBlocked) {
			out = append(out, w.target)
		}
	}
	slices.Sort(out)
	return out
}
