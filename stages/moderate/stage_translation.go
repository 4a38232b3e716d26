package moderate

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/notegate/notegate/models"
)

// TranslationStage moderates the translation of notes whose language the
// lexicons do not cover (translate-then-moderate). It runs after the
// translate stage, shares its parent Stage's detectors and policy, and may
// only make a note's decisions more restrictive: labels found in the
// translation are added with Source "DETECTOR:translation:LANG" (for
// example "lexicon:translation:en") and evidence in the field
// "translations.LANG.title" or "translations.LANG.body", offsets into the
// translated text. Note detectors (campaigns, velocity, remote) do not run
// again on translations.
type TranslationStage struct {
	s        *Stage
	target   string
	covered  map[string]bool
	sourceFx string
}

// TranslationStage returns the translate-then-moderate stage reading the
// translation into target ("en").
func (s *Stage) TranslationStage(target string) *TranslationStage {
	return &TranslationStage{s: s, target: target, covered: s.languages, sourceFx: ":translation:" + target}
}

// Name implements pipeline.Stage.
func (t *TranslationStage) Name() string { return "moderate_translation" }

// Covers reports whether the lexicons cover a language, so its notes are
// moderated as written and not through a translation.
func (t *TranslationStage) Covers(lang string) bool { return t.covered[lang] }

// Process implements pipeline.Stage. Notes in a covered language, of
// undetermined language, or without an ok translation into the target are
// left as they are. Calling it again on the same notes gives the same
// result.
func (t *TranslationStage) Process(ctx context.Context, notes []*models.Note) error {
	return t.ProcessWith(ctx, t.s.policy.Load(), notes)
}

// ProcessWith is Process under policy p instead of the policy in force
// (for shadow-testing a policy).
func (t *TranslationStage) ProcessWith(ctx context.Context, p *Policy, notes []*models.Note) error {
	for _, n := range notes {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("moderate_translation: %w", err)
		}
		lang := n.Language.Code
		if lang == "" || lang == models.Undetermined || t.covered[lang] {
			continue
		}
		tr, ok := n.Translations[t.target]
		if !ok || tr.Status != models.TranslationOK || tr.Title == "" && tr.Body == "" {
			continue
		}
		prefix := "translations." + t.target + "."
		fields := []field{{prefix + "title", tr.Title}, {prefix + "body", tr.Body}}
		found, err := t.s.findings(ctx, p, n, fields, false, t.sourceFx)
		if err != nil {
			return fmt.Errorf("moderate_translation: note %s: %w", n.NoteID, err)
		}
		m := t.s.decide(p, found, fields)
		n.Moderation = mergeModeration(p, n.Moderation, m, t.sourceFx)
		n.ApprovedMarkets = approved(n.Moderation)
	}
	return nil
}

// mergeModeration adds the translation's result to the note's: each
// market keeps the more restrictive decision; labels of an earlier run on
// the translation (a retry) are replaced. An author at risk on either
// side (Support) puts every market in review instead, unless
// sexual_minors blocks it there (as Stage.decide does).
func mergeModeration(p *Policy, base, tr models.Moderation, sourceSuffix string) models.Moderation {
	out := models.Moderation{
		Decision:      models.DecisionAllow,
		Markets:       make(map[string]models.Decision, len(tr.Markets)),
		PolicyVersion: base.PolicyVersion,
		Author:        base.Author,
	}
	if out.PolicyVersion == "" {
		out.PolicyVersion = tr.PolicyVersion
	}
	for market, d := range base.Markets {
		out.Markets[market] = d
	}
	for market, d := range tr.Markets {
		if cur, ok := out.Markets[market]; ok {
			d = models.MostRestrictive(cur, d)
		}
		out.Markets[market] = d
	}
	for _, d := range out.Markets {
		out.Decision = models.MostRestrictive(out.Decision, d)
	}
	for _, l := range base.Labels {
		if !strings.HasSuffix(l.Source, sourceSuffix) {
			out.Labels = append(out.Labels, l)
		}
	}
	out.Labels = append(out.Labels, tr.Labels...)
	out.Labels = slices.Clip(out.Labels)
	switch {
	case base.Support != nil || tr.Support != nil:
		out.Support = &models.Support{Category: models.CategorySelfHarm, ShowResources: true}
		out.Urgent = models.CategorySelfHarm
		out.Decision = models.DecisionAllow
		for market, d := range out.Markets {
			if d != models.DecisionBlock || !minorsBlock(p, market, out.Labels) {
				d = models.DecisionReview
			}
			out.Markets[market] = d
			out.Decision = models.MostRestrictive(out.Decision, d)
		}
	case base.Urgent != "" || tr.Urgent != "":
		out.Urgent = models.CategorySexualMinors
	}
	return out
}

// minorsBlock reports whether a sexual_minors label blocks the market:
// its score reaches the market's block threshold, or it is the market's
// own block term.
func minorsBlock(p *Policy, market string, labels []models.Label) bool {
	for _, l := range labels {
		if l.Category != models.CategorySexualMinors {
			continue
		}
		if rest, ok := strings.CutPrefix(l.Source, "terms:"); ok {
			m, _, _ := strings.Cut(rest, ":")
			if m == market && l.Score >= 1 {
				return true
			}
			continue
		}
		if p.Decide(market, l.Category, l.Score) == models.DecisionBlock {
			return true
		}
	}
	return false
}
