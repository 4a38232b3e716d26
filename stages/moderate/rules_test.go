package moderate

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/notegate/notegate/models"
)

func newTestRules(t testing.TB, files map[string]string) *RulesDetector {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	d, err := NewRulesDetector(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func defaultRules(t testing.TB) *RulesDetector {
	t.Helper()
	d, err := DefaultRulesDetector()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// ruleHits returns the findings of rule id in text.
func ruleHits(t testing.TB, d *RulesDetector, text, id string) []Finding {
	t.Helper()
	found, err := d.Detect(context.Background(), NewText("body", text))
	if err != nil {
		t.Fatal(err)
	}
	var out []Finding
	for _, f := range found {
		if f.Rule == id {
			out = append(out, f)
		}
	}
	return out
}

// ruleExample holds the hit: and miss: examples of one rule.
type ruleExample struct{ hit, miss []string }

// embeddedRuleExamples are the examples of the embedded rules by rule id,
// read from the files (the compiled rules do not keep them).
var embeddedRuleExamples = sync.OnceValues(func() (map[string]ruleExample, error) {
	names, err := fs.Glob(embeddedRules, "rules/*.yaml")
	if err != nil {
		return nil, err
	}
	out := map[string]ruleExample{}
	for _, name := range names {
		data, err := embeddedRules.ReadFile(name)
		if err != nil {
			return nil, err
		}
		spec, err := parseRuleFile(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		for _, r := range spec.Rules {
			out[r.ID] = ruleExample{hit: r.Hit, miss: r.Miss}
		}
	}
	return out, nil
})

// examplesOf returns the examples of the embedded rule r.
func examplesOf(t testing.TB, r *rule) ruleExample {
	t.Helper()
	ex, err := embeddedRuleExamples()
	if err != nil {
		t.Fatal(err)
	}
	return ex[r.id]
}

// TestRuleExamples checks the hit: and miss: examples every shipped rule
// carries: each hit must fire the rule, no miss may. This is how an
// analyst tests a new rule: go test -run TestRuleExamples ./stages/moderate/
func TestRuleExamples(t *testing.T) {
	t.Parallel()
	d := defaultRules(t)
	for _, r := range d.set.rules {
		t.Run(r.id, func(t *testing.T) {
			t.Parallel()
			examples := examplesOf(t, &r)
			if len(examples.hit) == 0 {
				t.Errorf("%s:%d: rule %s has no hit: example", r.file, r.line, r.id)
			}
			for _, ex := range examples.hit {
				if len(ruleHits(t, d, ex, r.id)) == 0 {
					t.Errorf("%s:%d: rule %s does not fire on its hit example %q", r.file, r.line, r.id, ex)
				}
			}
			for _, ex := range examples.miss {
				if fs := ruleHits(t, d, ex, r.id); len(fs) > 0 {
					t.Errorf("%s:%d: rule %s fires on its miss example %q (evidence %q)", r.file, r.line, r.id, ex, ex[fs[0].Span.Start:fs[0].Span.End])
				}
			}
		})
	}
}

func TestRulesWindows(t *testing.T) {
	t.Parallel()
	d := newTestRules(t, map[string]string{
		"sets.en.yaml": "sets:\n  me: [i, me]\n",
		"violence.en.yaml": `
rules:
  - id: sentence
    score: 0.5
    all: [$me, [hate], [mondays]]
    none: [not]
  - id: note
    score: 0.6
    window: note
    all: [[pineapple], [pizza]]
  - id: words
    score: 0.7
    window: 3 words
    all: [[red], [car]]
  - id: chars
    score: 0.8
    window: 6 chars
    all: [[红], [车]]
  - id: ordered
    score: 0.9
    any_order: false
    all: [[alpha], [beta], [gamma]]
  - id: marks
    score: 0.9
    all: [[women], [scum]]
    none: [<quote>, <question>]
  - id: nested
    score: 0.9
    all: [[福利], [福利视频, 黄片]]
`,
	})
	tests := []struct {
		name, rule, text string
		want             []string // evidence, in order; nil: no finding
	}{
		{"terms of one sentence fire", "sentence", "Honestly I hate mondays.", []string{"I hate mondays"}},
		{"the evidence is the shortest window", "sentence", "me? I really hate mondays", []string{"I really hate mondays"}},
		{"terms in two sentences do not fire", "sentence", "I hate it. Mondays are fine", nil},
		{"a none term in the sentence cancels", "sentence", "I do not hate mondays", nil},
		{"a none term in another sentence does not cancel", "sentence", "Not again. I hate mondays!", []string{"I hate mondays"}},
		{"each sentence fires on its own", "sentence", "I hate mondays. Me, I hate MONDAYS too", []string{"I hate mondays", "I hate MONDAYS"}},
		{"a period inside a word does not end the sentence", "sentence", "i h.a.t.e mondays", []string{"i h.a.t.e mondays"}},
		{"Chinese punctuation ends sentences", "chars", "红色。车", []string{"红色。车"}},
		{"a note window spans sentences", "note", "Pineapple? On pizza!", []string{"Pineapple? On pizza"}},
		{"a words window holds close terms", "words", "a red fast car", []string{"red fast car"}},
		{"a words window drops far terms", "words", "a red and very fast car", nil},
		{"a chars window holds close Han", "chars", "红色的小车", []string{"红色的小车"}},
		{"a chars window drops far Han", "chars", "红色的非常非常快的车", nil},
		{"ordered groups fire in order", "ordered", "alpha then beta then gamma", []string{"alpha then beta then gamma"}},
		{"ordered groups do not fire out of order", "ordered", "gamma then beta then alpha", nil},
		{"disguises fold: full-width, spacing, leet, Traditional", "sentence", "Ｉ h a t e m0nd4ys", []string{"Ｉ h a t e m0nd4ys"}},
		{"Traditional characters fold to Simplified", "chars", "紅色車", []string{"紅色車"}},
		{"whole words only", "words", "a redcar", nil},
		{"a quotation mark in the sentence cancels", "marks", `Writing "women are scum" is hateful.`, nil},
		{"CJK quotation marks cancel too", "marks", "「women are scum」", nil},
		{"a question mark in the sentence cancels", "marks", "women are scum?", nil},
		{"marks in another sentence do not cancel", "marks", `He said "hi". Women are scum.`, []string{"Women are scum"}},
		{"a term inside a longer term of another group does not count", "nested", "员工福利视频", nil},
		{"two separate terms do", "nested", "福利 黄片", []string{"福利 黄片"}},
		{"Han terms side by side", "chars", "红车辆", []string{"红车"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, f := range ruleHits(t, d, tt.text, tt.rule) {
				got = append(got, tt.text[f.Span.Start:f.Span.End])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s on %q: evidence %q, want %q", tt.rule, tt.text, got, tt.want)
			}
		})
	}
}

// TestRulesEvidence checks shipped rules end to end: category, score,
// support flag and the exact evidence span.
func TestRulesEvidence(t *testing.T) {
	t.Parallel()
	d := defaultRules(t)
	tests := []struct {
		name     string
		text     string
		category models.Category
		support  bool
		evidence string // "": nothing of the category may be found
	}{
		{"a wish to die is at risk", "I don't want to live anymore, planning to end it tonight", models.CategorySelfHarm, true, "I don't want to live"},
		{"a plan with a time is at risk", "planning to end it tonight", models.CategorySelfHarm, true, "planning to end it tonight"},
		{"Chinese despair is at risk", "我不想活了", models.CategorySelfHarm, true, "不想活了"},
		{"Traditional Chinese despair is at risk", "我真的不想活了，活著沒意思", models.CategorySelfHarm, true, "不想活了"},
		{"teaching purging is promotion", "催吐教程来了", models.CategorySelfHarm, false, "催吐教程"},
		{"news of suicide is not self-harm", "The suicide rate fell last year", models.CategorySelfHarm, false, ""},
		{"hotpot hyperbole is not self-harm", "I'm dying to try this hotpot", models.CategorySelfHarm, false, ""},
		{"missing someone is not self-harm", "想死你了宝贝", models.CategorySelfHarm, false, ""},
		{"asking for images of minors", "looking for underage girls pics", models.CategorySexualMinors, false, "looking for underage girls pics"},
		{"grooming across sentences", "how old are you? dm me", models.CategorySexualMinors, false, "how old are you? dm me"},
		{"a threat to the reader", "I will kill you", models.CategoryViolence, false, "will kill you"},
		{"spaced and leet threat", "i w1ll k i l l you", models.CategoryViolence, false, "w1ll k i l l you"},
		{"a craving is not a threat", "I could kill for a burger", models.CategoryViolence, false, ""},
		{"a drug sale with contact", "出售冰毒 加微信", models.CategoryIllicit, false, "出售冰毒 加微信"},
		{"a spaced drug sale", "出 售 冰 毒，加 微 信", models.CategoryIllicit, false, "出 售 冰 毒，加 微 信"},
		{"news of a seizure", "警方查获冰毒2公斤", models.CategoryIllicit, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			found, err := d.Detect(context.Background(), NewText("body", tt.text))
			if err != nil {
				t.Fatal(err)
			}
			var got []Finding
			for _, f := range found {
				if f.Category == tt.category {
					got = append(got, f)
				}
			}
			if tt.evidence == "" {
				if len(got) > 0 {
					t.Fatalf("found %+v (%q) in innocent text", got[0], tt.text[got[0].Span.Start:got[0].Span.End])
				}
				return
			}
			if len(got) == 0 {
				t.Fatalf("no %s finding in %q (found %+v)", tt.category, tt.text, found)
			}
			f := got[0]
			if ev := tt.text[f.Span.Start:f.Span.End]; ev != tt.evidence {
				t.Errorf("evidence %q, want %q", ev, tt.evidence)
			}
			if f.Support != tt.support {
				t.Errorf("support %v, want %v", f.Support, tt.support)
			}
		})
	}
}

func TestRulesParseErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files map[string]string
		want  string // substring of the error
	}{
		{"an unknown rule key names its line", map[string]string{"hate.en.yaml": "rules:\n  - id: a\n    socre: 0.5\n    all: [x]\n"}, `hate.en.yaml: line 3: unknown rule key "socre"`},
		{"an unknown file key", map[string]string{"hate.en.yaml": "rule: []\n"}, `line 1: unknown file key "rule"`},
		{"an unknown category", map[string]string{"hat.en.yaml": "rules: []\n"}, `unknown category "hat"`},
		{"a file name without language", map[string]string{"hate.yaml": "rules: []\n"}, "want CATEGORY.LANG.yaml"},
		{"a file name with two parts after the language", map[string]string{"hate.en.a.b.yaml": "rules: []\n"}, "want CATEGORY.LANG.yaml"},
		{"a sets file in parts", map[string]string{"sets.en.more.yaml": "sets: {}\n"}, "want CATEGORY.LANG.yaml"},
		{"a score out of range", map[string]string{"hate.en.yaml": "rules:\n  - id: a\n    score: 2\n    all: [x]\n"}, "hate.en.yaml:2: rule a: score 2"},
		{"a score on a clears rule", map[string]string{"hate.en.yaml": "rules:\n  - {id: a, clears: true, score: 0.5, all: [x]}\n"}, "a clears: rule reports nothing"},
		{"a rule without groups", map[string]string{"hate.en.yaml": "rules:\n  - id: a\n    score: 0.5\n"}, "lists no group"},
		{"an unknown set names its line", map[string]string{"hate.en.yaml": "rules:\n  - id: a\n    score: 0.5\n    all:\n      - [x, $nope]\n"}, "hate.en.yaml:5: unknown set $nope"},
		{"a duplicate id", map[string]string{"hate.en.yaml": "rules:\n  - {id: a, score: 0.5, all: [x]}\n  - {id: a, score: 0.5, all: [y]}\n"}, `rule id "a" is already used`},
		{"a bad window", map[string]string{"hate.en.yaml": "rules:\n  - {id: a, score: 0.5, all: [x], window: paragraph}\n"}, `window "paragraph"`},
		{"a sentences window of one sentence", map[string]string{"hate.en.yaml": "rules:\n  - {id: a, score: 0.5, all: [x], window: 1 sentences}\n"}, "from 2 to 12 sentences"},
		{"a sentences window over a whole story", map[string]string{"hate.en.yaml": "rules:\n  - {id: a, score: 0.5, all: [x], window: 13 sentences}\n"}, "from 2 to 12 sentences"},
		{"support outside self-harm", map[string]string{"hate.en.yaml": "rules:\n  - {id: a, score: 0.5, all: [x], support: true}\n"}, "support: true is for self_harm"},
		{"also names an unknown category", map[string]string{"pii.en.yaml": "rules:\n  - {id: a, score: 0.5, also: [harrassment], all: [x]}\n"}, `also: "harrassment" is not another category`},
		{"also repeats the rule's own category", map[string]string{"pii.en.yaml": "rules:\n  - {id: a, score: 0.5, also: [pii], all: [x]}\n"}, `also: "pii" is not another category`},
		{"also names a category twice", map[string]string{"pii.en.yaml": "rules:\n  - {id: a, score: 0.5, also: [hate, hate], all: [x]}\n"}, `also: "hate" is not another category`},
		{"also on a clears rule", map[string]string{"pii.en.yaml": "rules:\n  - {id: a, clears: true, also: [hate], all: [x]}\n"}, "takes no also:"},
		{"a term in two groups", map[string]string{"hate.en.yaml": "rules:\n  - {id: a, score: 0.5, all: [[x], [y, X]]}\n"}, "is in two groups"},
		{"a term and its veto", map[string]string{"hate.en.yaml": "rules:\n  - {id: a, score: 0.5, all: [[x]], none: [x]}\n"}, "is in two groups"},
		{"a term that normalizes to nothing", map[string]string{"hate.en.yaml": "rules:\n  - {id: a, score: 0.5, all: [[\"!!\"]]}\n"}, "hate.en.yaml:2: rule a: term \"!!\" normalizes to nothing"},
		{"a score on a term", map[string]string{"hate.en.yaml": "rules:\n  - {id: a, score: 0.5, all: [[x | 0.4]]}\n"}, `only "| han"`},
		{"an emoji the normaliser drops", map[string]string{"harassment.en.yaml": "rules:\n  - {id: a, score: 0.5, all: [[\"hope a 🚎\"], [you]]}\n"}, `the normaliser drops "🚎"`},
		{"a punctuation veto in all", map[string]string{"hate.en.yaml": "rules:\n  - {id: a, score: 0.5, all: [[x, <quote>]]}\n"}, "<quote> is only allowed in none:"},
		{"min_groups above the groups", map[string]string{"hate.en.yaml": "rules:\n  - {id: a, score: 0.5, window: note, min_groups: 3, all: [[x], [y]]}\n"}, "min_groups 3 outside 1…2"},
		{"min_groups in a sentence window", map[string]string{"hate.en.yaml": "rules:\n  - {id: a, score: 0.5, min_groups: 1, all: [[x], [y]]}\n"}, "min_groups needs window: note"},
		{"a minor age in a veto", map[string]string{"hate.en.yaml": "rules:\n  - {id: a, score: 0.5, all: [[x]], none: [\"<minor_age>\"]}\n"}, "is only allowed in all:"},
		{"a price in a veto", map[string]string{"hate.en.yaml": "rules:\n  - {id: a, score: 0.5, all: [[x]], none: [\"<price>\"]}\n"}, "is only allowed in all:"},
		{"a set cycle", map[string]string{"hate.en.yaml": "sets:\n  a: [$b]\n  b: [$a]\nrules:\n  - {id: a, score: 0.5, all: [$a]}\n"}, "a cycle?"},
		{"a set redefined", map[string]string{"sets.en.yaml": "sets:\n  a: [x]\n", "hate.en.yaml": "sets:\n  a: [y]\nrules: []\n"}, "set \"a\" is already defined in sets.en.yaml"},
		{"rules in a sets file", map[string]string{"sets.en.yaml": "rules:\n  - {id: a, score: 0.5, all: [x]}\n"}, "sets only"},
		{"two documents", map[string]string{"hate.en.yaml": "rules: []\n---\nrules: []\n"}, "one YAML document"},
		{"broken YAML", map[string]string{"hate.en.yaml": "rules: [\n"}, "hate.en.yaml: yaml:"},
		{"a mapping where a term belongs", map[string]string{"hate.en.yaml": "rules:\n  - {id: a, score: 0.5, all: [[{x: 1}]]}\n"}, "want a term"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fsys := fstest.MapFS{}
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			_, err := NewRulesDetector(fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestRulesAlsoReportTheFindingInEachCategory(t *testing.T) {
	t.Parallel()
	d, err := NewRulesDetector(fstest.MapFS{"pii.en.yaml": {Data: []byte(
		"rules:\n  - {id: a, score: 0.85, also: [harassment], window: note, all: [[real name], [lives at]]}\n")}})
	if err != nil {
		t.Fatal(err)
	}
	fs, _ := d.Detect(context.Background(), NewText("body", "his real name is Dan Moore and he lives at 12 Elm St"))
	var got []string
	for _, f := range fs {
		if f.Rule != "a" || f.Score != 0.85 || f.Span != fs[0].Span {
			t.Errorf("finding %+v: want rule a, score 0.85 and the first finding's span", f)
		}
		got = append(got, string(f.Category))
	}
	if want := []string{"pii", "harassment"}; !slices.Equal(got, want) {
		t.Errorf("categories %v, want %v", got, want)
	}
}

func TestRulesEmptyFilesLoad(t *testing.T) {
	t.Parallel()
	d := newTestRules(t, map[string]string{"hate.en.yaml": "# nothing yet\n", "spam.zh.yaml": ""})
	if found, _ := d.Detect(context.Background(), NewText("body", "anything")); len(found) != 0 {
		t.Fatalf("found %+v with no rules", found)
	}
}

func TestRulesOfOneCategorySplitOverFiles(t *testing.T) {
	t.Parallel()
	d := newTestRules(t, map[string]string{
		"sets.en.yaml":           "sets:\n  me: [i]\n",
		"violence.en.yaml":       "rules:\n  - {id: a, score: 0.6, all: [$me, [stab]]}\n",
		"violence.en.slang.yaml": "sets:\n  hit: [shank]\nrules:\n  - {id: b, score: 0.7, all: [$me, $hit]}\n",
	})
	for _, tt := range []struct{ text, rule string }{{"i will stab", "a"}, {"i will shank", "b"}} {
		found, _ := d.Detect(context.Background(), NewText("body", tt.text))
		if len(found) != 1 || found[0].Category != models.CategoryViolence || found[0].Rule != tt.rule {
			t.Errorf("%q: found %+v, want one violence finding of rule %s", tt.text, found, tt.rule)
		}
	}
}

func FuzzRulesParse(f *testing.F) {
	f.Add([]byte("rules:\n  - {id: a, score: 0.5, all: [[i, me], [hate], [\"*day*\"]], window: 3 words, none: [not]}\n"))
	f.Add([]byte("sets:\n  a: [x, $b]\n  b: [y]\nrules:\n  - {id: a, score: 0.5, all: [$a, [z | han]], any_order: false}\n"))
	f.Add([]byte("rules:\n  - {id: s, score: 0.8, all: [[those families], [like roaches]], window: 4 sentences, none: [<quote>]}\n"))
	f.Add([]byte("rules: [\n"))
	f.Add([]byte("&a [*a, *a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := NewRulesDetector(fstest.MapFS{"sets.en.yaml": {Data: []byte("sets:\n  b: [q]\n")}, "hate.en.yaml": {Data: data}})
		if err != nil {
			return
		}
		// Whatever parsed must run safely.
		for _, s := range []string{"i hate mondays", "x y z q", "我 hate 你", ""} {
			if _, err := d.Detect(context.Background(), NewText("body", s)); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func FuzzRulesDetect(f *testing.F) {
	f.Add("I don't want to live anymore, planning to end it tonight")
	f.Add("出 售 冰 毒，加 微 信。办证 刻章 电话")
	f.Add("how old are you?\ndm me")
	f.Add("Those families moved in. The bins overflow. They breed like rabbits. Not naming anyone. Call me what you like, the stats don't lie.")
	f.Add("i w1ll k i l l you!!! …")
	f.Add("Putain de bordel de merde, p0rr@ 아 씨발 존나")
	d := defaultRules(f)
	f.Fuzz(func(t *testing.T, s string) {
		found, err := d.Detect(context.Background(), NewText("body", s))
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range found {
			if x.Span.Start < 0 || x.Span.End > len(s) || x.Span.Start >= x.Span.End {
				t.Fatalf("span %+v out of range for %q", x.Span, s)
			}
			if !utf8ValidBoundary(s, x.Span.Start) || !utf8ValidBoundary(s, x.Span.End) {
				t.Fatalf("span %+v splits a rune of %q", x.Span, s)
			}
		}
	})
}

// utf8ValidBoundary reports whether byte i of s starts a rune as range
// decodes it (an invalid byte is a rune of its own), or is the end.
func utf8ValidBoundary(s string, i int) bool {
	if i == len(s) {
		return true
	}
	for k := range s {
		if k == i {
			return true
		}
	}
	return false
}

// TestRuleTermsFoldTraditional: notes in Traditional Chinese fire the
// rules written in Simplified, through the Traditional→Simplified folding
// of normalize.go (OpenCC's table and the variants tables.go adds).
func TestRuleTermsFoldTraditional(t *testing.T) {
	t.Parallel()
	d := defaultRules(t)
	tests := []struct {
		name, text string
		category   models.Category
	}{
		{"despair", "我真的撐不下去了，活著沒意思", models.CategorySelfHarm},
		{"a threat to wait", "你給我等著", models.CategoryViolence},
		{"a threat to kill", "信不信我弄死你們", models.CategoryViolence},
		{"a drug sale", "低價出售冰毒，聯繫微信", models.CategoryIllicit},
		{"grooming", "妹妹幾歲了？別告訴你爸媽，加我微信", models.CategorySexualMinors},
		{"images of minors", "求幼女資源", models.CategorySexualMinors},
		{"a task scam", "兼職日結，動動手指日賺三百，私聊", models.CategorySpam},
		{"regional hate", "河南人都是騙子", models.CategoryHate},
		{"an insult", "你這個賤人", models.CategoryHarassment},
		{"paid sex", "同城約炮 加微信", models.CategorySexual},
		{"teaching purging", "催吐教程分享", models.CategorySelfHarm},
		{"standing on a bridge", "每天下班都在橋上站一下 想說跳下去是不是就輕鬆了", models.CategorySelfHarm},
		{"a pact with no talking out", "不勸不攔 約好時間地點 私信暗號", models.CategorySelfHarm},
		{"the blue whale tasks", "誰想一起玩藍鯨 五十天任務 私我", models.CategorySelfHarm},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			found, err := d.Detect(context.Background(), NewText("body", tt.text))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range found {
				if f.Category == tt.category {
					return
				}
			}
			t.Errorf("no %s finding in %q: %+v", tt.category, tt.text, found)
		})
	}
}

// TestReportingSetsVetoReportsOnly: the news and research words of the
// shared $reporting sets veto a report, not a word that merely contains or
// folds like one (공연구경 is watching a show; "arrête" is "stop!", not
// "arrested").
func TestReportingSetsVetoReportsOnly(t *testing.T) {
	t.Parallel()
	d := defaultRules(t)
	tests := []struct {
		name, id, text string
		fires          bool
	}{
		{"a Korean word with 연구 inside is no research", "ko-harassment-you", "공연구경 와서 폰 드는 너 진짜 병신이야", true},
		{"Korean research vetoes", "ko-harassment-you", "연구팀이 분석한 댓글: 너 진짜 병신이야", false},
		{"a Korean research team vetoes", "ko-harassment-you", "공동연구 자료의 댓글 예시: 너 진짜 병신이야", false},
		{"the French imperative arrête is no arrest", "fr-harassment-body-shaming",
			"t'es vraiment une grosse vache, arrête de poster tes photos en maillot", true},
		{"a French arrest vetoes", "fr-harassment-body-shaming",
			"Un homme a été arrêté pour avoir écrit « t'es une grosse vache » sous ses photos en maillot", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := len(ruleHits(t, d, tt.text, tt.id)) > 0; got != tt.fires {
				t.Errorf("%s fires = %v, want %v on %q", tt.id, got, tt.fires, tt.text)
			}
		})
	}
}

// fireCase is a text and whether a detector should find anything in it.
type fireCase struct {
	name, text string
	fires      bool
}

// checkFires runs d on each case's text as a body, one subtest per case.
func checkFires(t *testing.T, d FieldDetector, cases []fireCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs, _ := d.Detect(context.Background(), NewText("body", c.text))
			if got := len(fs) > 0; got != c.fires {
				t.Errorf("%q: findings %v, want some: %v", c.text, fs, c.fires)
			}
		})
	}
}

func TestRulesWithMinGroupsFireOnEnoughSignals(t *testing.T) {
	t.Parallel()
	d := newTestRules(t, map[string]string{
		"violence.en.yaml": `
rules:
  - id: signals
    score: 0.8
    window: note
    min_groups: 2
    all: [[schedule], [bat], [waiting]]
    none: [softball]
`,
	})
	checkFires(t, d, []fireCase{
		{"two signals of three", "I know your schedule. Someone will be waiting.", true},
		{"all three signals", "your schedule, a bat, waiting", true},
		{"one signal repeated", "bat bat bat", false},
		{"two signals and a veto", "softball schedule: bring your bat", false},
	})
}

// TestRuleTermsKeepTheirEmoji checks that an emoji with a word in the
// emoji table keeps a term narrow: "hope a 🚌" matches the bus, not any
// "hope a".
func TestRuleTermsKeepTheirEmoji(t *testing.T) {
	t.Parallel()
	d := newTestRules(t, map[string]string{"harassment.en.yaml": "rules:\n  - {id: a, score: 0.6, all: [[\"hope a 🚌\"], [hits you]]}\n"})
	for _, tt := range []struct {
		text string
		want int
	}{{"hope a 🚌 hits you tomorrow", 1}, {"i hope a friend hits you up", 0}} {
		found, _ := d.Detect(context.Background(), NewText("body", tt.text))
		if len(found) != tt.want {
			t.Errorf("%q: %d findings, want %d", tt.text, len(found), tt.want)
		}
	}
}

// Repeated letters fold ("kiiill" is kill), repeated digits do not: a
// number term matches that number only, not a longer one that repeats its
// last digit (a helpline's 188 is no "+18", 1000 is no 100).
func TestNumberTermsMatchTheirNumberOnly(t *testing.T) {
	d := newTestRules(t, map[string]string{"sexual.pt.yaml": "rules:\n  - {id: a, score: 0.6, all: [[ligação], [\"+18\", \"100\"]]}\n"})
	checkFires(t, d, []fireCase{
		{"the number itself", "ligação +18 hoje", true},
		{"the other number of the group", "ligação por 100 reais", true},
		{"a helpline number that repeats the last digit", "o CVV atende pelo 188, ligação gratuita", false},
		{"a larger number that repeats a zero", "ligação de 1000 minutos no plano", false},
	})
}

func TestNoneFieldVetoesFromAnySentence(t *testing.T) {
	d := newTestRules(t, map[string]string{"self_harm.en.yaml": `rules:
  - id: a
    score: 0.7
    window: 8 words
    all: [[overdose], [liver]]
    none: [nurse]
    none_field: [pharmacology]
`})
	checkFires(t, d, []fireCase{
		{"the veto in another sentence of the field", "what does an overdose do to the liver? studying for pharmacology", false},
		{"a sentence veto in another sentence does not reach", "what does an overdose do to the liver? my nurse friend asked", true},
		{"no veto anywhere", "what does an overdose do to the liver? asking for real", true},
	})
}

func TestNoneFieldTermsAreRefusedInTwoPlaces(t *testing.T) {
	_, err := compileRules(fstest.MapFS{"self_harm.en.yaml": {Data: []byte(`rules:
  - {id: a, score: 0.7, all: [[overdose]], none: [exam], none_field: [exam]}
`)}})
	if err == nil || !strings.Contains(err.Error(), "none_field") {
		t.Fatalf("err = %v, want a term in none and none_field refused", err)
	}
}

// A veto term that a negation right before it denies vetoes nothing: the
// pitch's "c'est pas une arnaque" is no warning, "not a joke" no joke.
func TestNegatedVetoesDoNotVeto(t *testing.T) {
	t.Parallel()
	d := newTestRules(t, map[string]string{
		"spam.fr.yaml": `
rules:
  - id: pump
    score: 0.8
    window: note
    all: [[token], [x100]]
    none: [arnaque, joke]
    hit: ["token x100"]
`,
	})
	tests := []struct {
		text string
		want bool
	}{
		{"le token va x100, c'est pas une arnaque frérot", true},
		{"token x100, this is not a joke", true},
		{"attention, arnaque : ce token va x100", false},
		{"token x100 lol what a joke", false},
	}
	for _, tt := range tests {
		if got := len(ruleHits(t, d, tt.text, "pump")) > 0; got != tt.want {
			t.Errorf("%q: fired %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestAChineseANotAQuestionDeniesNothing(t *testing.T) {
	t.Parallel()
	d := newTestRules(t, map[string]string{
		"hate.zh.yaml": `
rules:
  - id: trait
    score: 0.7
    window: 20 chars
    all: [[犹太人, 同性恋], [贪婪, 变态]]
    none: [不是, 不会]
`,
	})
	cases := []fireCase{
		{"a 是不是 question asks in order to assert", "犹太人是不是全世界最贪婪的民族？", true},
		{"a 会不会 question asks in order to assert", "同性恋会不会都是变态？", true},
		{"a plain 不是 still denies", "犹太人不是贪婪的民族", false},
		{"a 不会 after another verb still denies", "同性恋才不会都是变态", false},
	}
	checkFires(t, d, cases)
}
