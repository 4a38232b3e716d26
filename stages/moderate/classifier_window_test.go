package moderate

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/notegate/notegate/models"
)

func TestSentenceRunsSplitWhereTheRulesSplitSentences(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		want []string // the sentences, as byte ranges of the original cut them
	}{
		{"full stops, question and exclamation marks end sentences",
			"We baked bread. Was it good? It was great! The end",
			[]string{"We baked bread. ", "Was it good? ", "It was great! ", "The end"}},
		{"a line break ends a sentence",
			"first line\nsecond line",
			[]string{"first line\n", "second line"}},
		{"Chinese full stops end sentences",
			"今天很累。明天再说！",
			[]string{"今天很累。", "明天再说！"}},
		{"a dot inside a number or a spelt word does not",
			"It costs 2.5 dollars. f.u.c.k that",
			[]string{"It costs 2.5 dollars. ", "f.u.c.k that"}},
		{"a run of marks is one end, and a field without marks one sentence",
			"no way... Really?! ok",
			[]string{"no way... ", "Really?! ", "ok"}},
		{"an ellipsis before a word begun in lower case goes on with the sentence",
			"te voy a matar... a besos. Firmado: el edificio",
			[]string{"te voy a matar... a besos. ", "Firmado: el edificio"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tx := NewText("body", tt.text)
			var s classifierScratch
			sentenceRuns(tx, &s)
			var got []string
			for i := 0; i+1 < len(s.runBytes); i++ {
				got = append(got, tt.text[s.runBytes[i]:s.runBytes[i+1]])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("sentences %q, want %q", got, tt.want)
			}
			if len(s.runs) != len(s.runBytes) || s.runs[len(s.runs)-1] != int32(len(tx.Skeleton.Runes)) {
				t.Errorf("skeleton bounds %v do not match byte bounds %v (skeleton of %d runes)", s.runs, s.runBytes, len(tx.Skeleton.Runes))
			}
		})
	}
}

// gardenNote is an ordinary long note with one sentence of risk after its
// first: ten more ordinary sentences dilute it.
const (
	gardenRisk = "I keep thinking how quiet it would be if I just wasn't here anymore, nobody would really notice."
	gardenNote = "Finished the garden fence with my dad this weekend. " + gardenRisk +
		" We moved the compost bin closer to the kitchen door. The tomatoes are finally getting sun now that the old shed is gone." +
		" My dad wants to paint the fence green but I think natural wood looks better. The cedar boards came from the yard on the corner of our street." +
		" Next weekend we are building a small bench for the porch. The hardware store had a sale on galvanized screws." +
		" Pictures of the before and after are in the next post. The neighbours brought lemonade while we worked." +
		" We finished before the rain started on Sunday afternoon. The dog slept under the apple tree the whole time."
)

func TestALongNoteIsJudgedByItsRunsOfSentences(t *testing.T) {
	t.Parallel()
	c, err := NewIntentClassifier(ClassifierConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if c.runsCategory < 0 || c.model.Categories[c.runsCategory] != models.CategorySelfHarm {
		t.Fatal("the English intent classifier does not judge runs of sentences")
	}
	sh := slices.Index(c.model.Categories, models.CategorySelfHarm)
	tx := NewText("body", gardenNote)
	s := c.pool.Get().(*classifierScratch)
	defer c.pool.Put(s)
	lang := c.logitsIn(tx, s, langEn)
	whole := s.scores[sh]
	wholeAll := slices.Clone(s.scores)
	c.bestRuns(tx, s, lang)
	for k, z := range s.scores {
		if k != sh && z != wholeAll[k] {
			t.Errorf("%s moved with the runs of sentences: %.2f → %.2f; only self_harm is read in runs", c.model.Categories[k], wholeAll[k], z)
		}
	}
	if s.scores[sh] <= whole {
		t.Errorf("self_harm logit %.2f with runs, %.2f for the whole field: want the run of the risky sentence higher", s.scores[sh], whole)
	}
	if from, to := s.from[sh], s.to[sh]; from == to || tx.Skeleton.Spans[from].Start > strings.Index(gardenNote, gardenRisk) {
		t.Errorf("self_harm came from skeleton runes %d-%d, want the run that holds the risky sentence", from, to)
	}

	fs, err := c.Detect(context.Background(), tx)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	lo, hi := strings.Index(gardenNote, "Finished"), strings.Index(gardenNote, "The tomatoes")
	for _, f := range fs {
		if f.Category != models.CategorySelfHarm {
			continue
		}
		found = true
		if !f.Support {
			t.Error("a self_harm finding from a run does not ask for support")
		}
		if f.Span != (Span{}) && (f.Span.Start < lo || f.Span.End > hi) {
			t.Errorf("evidence %q lies outside the run of the risky sentence", gardenNote[f.Span.Start:f.Span.End])
		}
	}
	if !found {
		t.Errorf("no self_harm finding on a long note with a sentence of risk: %v", fs)
	}
}

func TestAFieldOfFewSentencesIsJudgedWhole(t *testing.T) {
	t.Parallel()
	c, err := NewIntentClassifier(ClassifierConfig{})
	if err != nil {
		t.Fatal(err)
	}
	text := "Finished the garden fence with my dad this weekend. " + gardenRisk + " We moved the compost bin. Pictures in the next post."
	tx := NewText("body", text)
	s := c.pool.Get().(*classifierScratch)
	defer c.pool.Put(s)
	lang := c.logitsIn(tx, s, langEn)
	whole := slices.Clone(s.scores)
	c.bestRuns(tx, s, lang)
	if !slices.Equal(s.scores, whole) {
		t.Errorf("a field of %d sentences changed by its runs: %v → %v", sentenceRunMin-1, whole, s.scores)
	}
	for k := range s.from {
		if s.from[k] != s.to[k] {
			t.Errorf("category %s credited to a run in a field of %d sentences", c.model.Categories[k], sentenceRunMin-1)
		}
	}
}

// BenchmarkIntentLongField measures the English intent model on an
// ordinary note of eleven sentences, judged whole and by its runs of
// sentences (fields/s; run with -cpu 1). The note gives no finding either
// way, so the two differ only by the runs.
func BenchmarkIntentLongField(b *testing.B) {
	note := strings.Replace(gardenNote, gardenRisk+" ", "", 1)
	for _, runs := range []bool{false, true} {
		name := "whole"
		if runs {
			name = "runs"
		}
		b.Run(name, func(b *testing.B) {
			c, err := NewIntentClassifier(ClassifierConfig{})
			if err != nil {
				b.Fatal(err)
			}
			if !runs {
				c.runsCategory = -1
			}
			ctx := context.Background()
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				fs, err := c.Detect(ctx, NewText("body", note))
				if err != nil || containsCategory(fs, models.CategorySelfHarm) {
					b.Fatal("the ordinary note: ", fs, err)
				}
				n++
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "fields/s")
		})
	}
}

// FuzzSentenceRuns: any text, judged by the English intent model's runs
// of sentences, never panics, and the run a score came from lies in the
// skeleton and starts where a sentence does.
func FuzzSentenceRuns(f *testing.F) {
	for _, s := range []string{gardenNote, "a. b. c. d. e. f.", "...!!!???\\n\\n", "今天很累。明天再说！后天呢？不知道。算了。", "f.u.c.k. 2.5. x", ""} {
		f.Add(s)
	}
	c, err := NewIntentClassifier(ClassifierConfig{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		tx := NewText("body", text)
		if _, err := c.Detect(context.Background(), tx); err != nil {
			t.Fatal(err)
		}
		s := c.pool.Get().(*classifierScratch)
		defer c.pool.Put(s)
		lang := c.logitsIn(tx, s, langEn)
		if len(s.feats) == 0 {
			return
		}
		c.bestRuns(tx, s, lang)
		for k := range s.from {
			from, to := s.from[k], s.to[k]
			if from == to {
				continue
			}
			if from > to || int(to) > len(tx.Skeleton.Runes) || !slices.Contains(s.runs, from) {
				t.Errorf("category %d credited to skeleton runes %d-%d of %d, sentence starts %v", k, from, to, len(tx.Skeleton.Runes), s.runs)
			}
		}
	})
}
