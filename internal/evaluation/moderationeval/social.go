package moderationeval

import (
	"fmt"
	"slices"
	"text/tabwriter"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/moderate/corpus"
)

// socialSources are the training sources with everyday posts their
// annotators found harmless in every way: SMS between friends, Brazilian
// and German tweets, Korean news comments, Japanese web comments. They
// are the register of comments on the platform (slang, swearing among
// friends, @replies, politics), where the clean sentences of clean() are
// news and textbook sentences.
var socialSources = []string{"sms_spam", "told_br", "germeval2018", "korean_hate_speech", "japanese_toxic"}

// socialCount counts the everyday posts of one language: all of them,
// those stopped in some market, those stopped in intl (whose feed shows
// one swear word and reviews crude swearing) and those stopped for more
// than swearing.
type socialCount struct{ n, stopped, intl, other int }

func (c socialCount) summary() map[string]float64 {
	return map[string]float64{"n": float64(c.n), "stopped": round4(ratio(c.stopped, c.n)),
		"stopped_intl": round4(ratio(c.intl, c.n)), "not_swearing": round4(ratio(c.other, c.n))}
}

// social measures how many harmless everyday posts (the dev split of
// socialSources, examples without any harmful label) the stage stops for
// something other than swearing: profanity is graded by the policy and
// strong swearing among friends is reviewed by design, anything else
// (harassment, hate, violence, self-harm …) on such a post is a false
// positive. The rules and the intent models were never tuned on these
// posts; the abuse classifier trains on their train split.
func (e *moderationEval) social(root string) error {
	cues, err := corpus.LexiconCues()
	if err != nil {
		return err
	}
	// One source at a time, so that a source missing from this machine is
	// reported and the others are still measured.
	var exs []corpus.Example
	var absent []string
	for _, src := range socialSources {
		got, err := corpus.Load(corpus.Options{Root: root, Cues: cues, Only: []string{src}})
		if err != nil {
			absent = append(absent, src)
			continue
		}
		exs = append(exs, got...)
	}
	byLang := map[string]*socialCount{}
	var langs []string
	p := e.stage.Policy()
	var shown []string
	for _, ex := range exs {
		if ex.Split != corpus.Dev || ex.Derived || ex.Harmful == 1 || ex.Pos != 0 {
			continue
		}
		c := byLang[ex.Lang]
		if c == nil {
			c = &socialCount{}
			byLang[ex.Lang] = c
			langs = append(langs, ex.Lang)
		}
		c.n++
		m, err := e.moderateBody(e.stage, ex.Text)
		if err != nil {
			return err
		}
		stopped, intl, other := false, false, false
		var why []string
		for _, market := range []string{"cn", "intl"} {
			for cat := range stageCategories(p, m, market) {
				stopped = true
				intl = intl || market == "intl"
				if cat != models.CategoryProfanity {
					other = true
					why = append(why, market+":"+string(cat))
				}
			}
		}
		if stopped {
			c.stopped++
		}
		if intl {
			c.intl++
		}
		if other {
			c.other++
			if len(shown) < e.showFP {
				shown = append(shown, fmt.Sprintf("  %s: %q %v", ex.Lang, ex.Text, why))
			}
		}
	}
	slices.Sort(langs)
	fmt.Fprintf(e.out, "\nEveryday posts leaving allow (dev split of %v, posts without a harmful label)\n", socialSources)
	tw := tabwriter.NewWriter(e.out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  lang\tn\tstopped in a market\tin intl\tfor more than swearing\n")
	summary := map[string]any{}
	var all socialCount
	for _, l := range langs {
		c := byLang[l]
		all.n += c.n
		all.stopped += c.stopped
		all.intl += c.intl
		all.other += c.other
		fmt.Fprintf(tw, "  %s\t%d\t%.4f\t%.4f\t%.4f\n", l, c.n, ratio(c.stopped, c.n), ratio(c.intl, c.n), ratio(c.other, c.n))
		summary[l] = c.summary()
	}
	for _, src := range absent {
		fmt.Fprintf(tw, "  (%s)\tabsent\n", src)
	}
	fmt.Fprintf(tw, "  all\t%d\t%.4f\t%.4f\t%.4f\n", all.n, ratio(all.stopped, all.n), ratio(all.intl, all.n), ratio(all.other, all.n))
	summary["all"] = all.summary()
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, s := range shown {
		fmt.Fprintln(e.out, s)
	}
	e.summary["everyday_posts_leaving_allow"] = summary
	return nil
}
