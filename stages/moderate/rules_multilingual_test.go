package moderate

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/notegate/notegate/models"
)

// The intent rules in Spanish, Portuguese, French, German, Japanese and
// Korean (rules/*.{es,pt,fr,de,ja,ko}.yaml). TestRuleExamples checks each
// rule's own hit and miss examples; the tests here check what no single
// rule can: that every language covers every category, that an innocent
// example of one rule is not caught by another rule of the same category,
// that the zero-tolerance and support promises hold through the whole
// stage, and how much clean news text in each language leaves allow.

// multilingualLangs are the languages these rules were written for.
var multilingualLangs = []string{"es", "pt", "fr", "de", "ja", "ko"}

// ruleLang is the language of the file a rule comes from (CATEGORY.LANG.yaml).
func ruleLang(r *rule) string {
	parts := strings.Split(r.file, ".")
	if len(parts) != 3 {
		return ""
	}
	return parts[1]
}

func multilingualRules(t *testing.T, d *RulesDetector) []*rule {
	t.Helper()
	var out []*rule
	for i := range d.set.rules {
		if slices.Contains(multilingualLangs, ruleLang(&d.set.rules[i])) {
			out = append(out, &d.set.rules[i])
		}
	}
	if len(out) == 0 {
		t.Fatal("no rules for es, pt, fr, de, ja, ko")
	}
	return out
}

func TestMultilingualRulesCoverEveryCategory(t *testing.T) {
	t.Parallel()
	d := defaultRules(t)
	rules := multilingualRules(t, d)
	for _, lang := range multilingualLangs {
		for _, c := range models.Categories {
			if c == models.CategoryPII {
				continue // the PII detector's job, whatever the language
			}
			t.Run(lang+"/"+string(c), func(t *testing.T) {
				var n, support, promotion int
				for _, r := range rules {
					if ruleLang(r) != lang || r.category != c {
						continue
					}
					n++
					if r.support {
						support++
					} else {
						promotion++
					}
					if len(examplesOf(t, r).miss) == 0 {
						t.Errorf("%s:%d: rule %s gives no innocent reading (miss:)", r.file, r.line, r.id)
					}
					if c == models.CategorySexualMinors && r.score < 0.9 {
						t.Errorf("%s:%d: rule %s scores %.2f; sexual content with minors is zero tolerance (0.9 or more)",
							r.file, r.line, r.id, r.score)
					}
				}
				if n == 0 {
					t.Fatalf("no %s rule in %s", c, lang)
				}
				if c == models.CategorySelfHarm && (support == 0 || promotion == 0) {
					t.Errorf("self_harm in %s: %d rules for a person at risk, %d for promotion; want both", lang, support, promotion)
				}
			})
		}
	}
}

// An innocent reading written for one rule must not be caught by another
// rule of the same category: "me muero de risa" written against the Spanish
// death-wish rule must not fall to the Portuguese one. A clears: rule's
// misses are the harmful notes it must leave, so they are not read here.
func TestMultilingualMissesStayInnocent(t *testing.T) {
	t.Parallel()
	d := defaultRules(t)
	for _, r := range multilingualRules(t, d) {
		if r.clears {
			continue // its misses are the harmful readings (rules/README.md)
		}
		for _, ex := range examplesOf(t, r).miss {
			found, err := d.Detect(context.Background(), NewText("body", ex))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range found {
				if f.Category == r.category && f.Score >= 0.5 {
					t.Errorf("%s:%d: miss example of %s %q is caught by %s (%s %.2f, evidence %q)",
						r.file, r.line, r.id, ex, f.Rule, f.Category, f.Score, ex[f.Span.Start:f.Span.End])
				}
			}
		}
	}
}

// Every hit example of a sexual_minors rule blocks in every market through
// the whole stage, and every hit example of a rule for a person at risk is
// reviewed, never blocked, with a finding that asks for support resources.
func TestMultilingualZeroToleranceAndSupport(t *testing.T) {
	t.Parallel()
	d := defaultRules(t)
	s := newTestStage(t)
	p := s.Policy()
	for _, r := range multilingualRules(t, d) {
		if r.category != models.CategorySexualMinors && !r.support {
			continue
		}
		for i, ex := range examplesOf(t, r).hit {
			name := fmt.Sprintf("%s/%d", r.id, i)
			t.Run(name, func(t *testing.T) {
				n := &models.Note{NoteEvent: models.NoteEvent{NoteID: name, AuthorID: name, Body: ex}}
				m, err := s.Moderate(context.Background(), n)
				if err != nil {
					t.Fatal(err)
				}
				for _, market := range p.MarketNames() {
					got := m.Markets[market]
					switch {
					case r.category == models.CategorySexualMinors && got != models.DecisionBlock:
						t.Errorf("%s: %q is %s in %s, want block", r.id, ex, got, market)
					case r.support && got != models.DecisionReview:
						t.Errorf("%s: %q is %s in %s, want review (a person at risk)", r.id, ex, got, market)
					}
				}
				if r.support && len(ruleHits(t, d, ex, r.id)) > 0 && !ruleHits(t, d, ex, r.id)[0].Support {
					t.Errorf("%s: finding on %q does not ask for support resources", r.id, ex)
				}
			})
		}
	}
}

// TestMultilingualCleanTextStaysAllowed measures how much clean text in
// each language leaves allow: Leipzig news-corpus sentences and FLORES news
// translations. It fails when more than 0.5 % of a file leaves allow
// because of an intent rule; the share leaving allow for any reason
// (e-mail addresses the contact and PII detectors review, the classifier,
// the other lexicons) is logged, with every flagged sentence.
//
// Figures at the time of writing (any reason / by an intent rule); the
// rest are e-mail addresses the contact and PII detectors review, English
// lexicon words that are other words here ("dick" is German for thick,
// "retard" French for delay) and the classifier:
//
//	es Leipzig 3/1000 / 1 (boludeces, real profanity)   es FLORES 1/1012 / 0
//	pt Leipzig 6/1000 / 0                               fr Leipzig 7/1000 / 0
//	de Leipzig 6/1000 / 1 (Fick mich jetzt!, real)
//	ja Leipzig 2/412 / 2 (real adult-dating spam)       ja FLORES 0/1012 / 0
//	ko Leipzig 2/1000 / 0                               ko FLORES 0/1012 / 0
func TestMultilingualCleanTextStaysAllowed(t *testing.T) {
	t.Parallel()
	dir := evalDir(t)
	s := newTableStage(t) // as the service wires it, classifier included
	p := s.Policy()
	files := []struct{ lang, file string }{
		{"es", "langid/lingua/sentences/es.txt"},
		{"pt", "langid/lingua/sentences/pt.txt"},
		{"fr", "langid/lingua/sentences/fr.txt"},
		{"de", "langid/lingua/sentences/de.txt"},
		{"ja", "langid/lingua/sentences/ja.txt"},
		{"ko", "langid/lingua/sentences/ko.txt"},
		{"es", "translation/flores200-devtest/spa_Latn.devtest"},
		{"ja", "translation/flores200-devtest/jpn_Jpan.devtest"},
		{"ko", "translation/flores200-devtest/kor_Hang.devtest"},
	}
	const maxByRules = 0.005
	for _, f := range files {
		t.Run(f.lang+" "+filepath.Base(f.file), func(t *testing.T) {
			t.Parallel()
			lines := readLines(t, filepath.Join(dir, f.file))
			flagged, byRules := 0, 0
			for i, line := range lines {
				id := fmt.Sprintf("%s-%d", filepath.Base(f.file), i)
				n := &models.Note{NoteEvent: models.NoteEvent{NoteID: id, AuthorID: id, Body: line}}
				m, err := s.Moderate(context.Background(), n)
				if err != nil {
					t.Fatal(err)
				}
				if m.Decision == models.DecisionAllow {
					continue
				}
				flagged++
				if decidedBySource(p, m, "rules") {
					byRules++
				}
				t.Logf("%s: %s %v", m.Decision, line, m.Labels)
			}
			rate := float64(byRules) / float64(len(lines))
			t.Logf("%s: %d of %d left allow (%.4f), %d by an intent rule (%.4f)",
				f.file, flagged, len(lines), float64(flagged)/float64(len(lines)), byRules, rate)
			if rate > maxByRules {
				t.Errorf("intent rules took %.4f of clean %s text out of allow, above %.4f", rate, f.lang, maxByRules)
			}
		})
	}
}

// decidedBySource reports whether a label of source alone would take the
// note out of allow in some market.
func decidedBySource(p *Policy, m models.Moderation, source string) bool {
	for _, l := range m.Labels {
		if l.Source != source {
			continue
		}
		for _, market := range p.MarketNames() {
			if p.thresholds(market, l.Category).decide(l.Score) != models.DecisionAllow {
				return true
			}
		}
	}
	return false
}

// multilingualNotes are short notes in the six languages, mostly clean,
// some harmful, for the benchmark below (hand-written).
var multilingualNotes = []models.NoteEvent{
	{Title: "Ruta por Asturias", Body: "Tres días por los Picos de Europa, comimos fabada y sidra. ¡Me muero de ganas de volver!", Tags: []string{"viajes"}},
	{Title: "", Body: "Eres un idiota, no vuelvas a escribirme", Tags: nil},
	{Title: "Receita de pão de queijo", Body: "Polvilho, queijo meia cura e ovos. Fica pronto em 30 minutos, matei a fome da família toda", Tags: []string{"receitas"}},
	{Title: "Week-end à Lyon", Body: "On a tué le temps au parc de la Tête d'Or, puis bouchon lyonnais le soir.", Tags: []string{"voyage"}},
	{Title: "Berlin", Body: "Ich hab mich totgelacht über die Führung im Bundestag, sehr empfehlenswert", Tags: []string{"reise"}},
	{Title: "京都旅行", Body: "抹茶パフェが死ぬほど美味しかった！また行きたい", Tags: []string{"旅行"}},
	{Title: "", Body: "お前バカだろ、二度とコメントすんな", Tags: nil},
	{Title: "맛집 추천", Body: "배고파 죽겠다 해서 간 국밥집, 진짜 맛있어요", Tags: []string{"맛집"}},
}

// BenchmarkRulesDetectMultilingual measures the intent rules alone on the
// fields of short notes in the six languages (notes/s as a metric; run
// with -cpu 1).
func BenchmarkRulesDetectMultilingual(b *testing.B) {
	d, err := DefaultRulesDetector()
	if err != nil {
		b.Fatal(err)
	}
	var texts []*Text
	for _, n := range multilingualNotes {
		for _, f := range []field{{"title", n.Title}, {"body", n.Body}, {"tags", TagsText(n.Tags)}} {
			if f.text != "" {
				texts = append(texts, NewText(f.name, f.text))
			}
		}
	}
	ctx := context.Background()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, t := range texts {
			if _, err := d.Detect(ctx, t); err != nil {
				b.Fatal(err)
			}
		}
		n += len(multilingualNotes)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "notes/s")
}
