package moderate

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/notegate/notegate/models"
)

// The functional hate suite (testdata/hatecheck_zh_es*.yaml) measures hate
// detection in Mandarin and Spanish by behaviour, as HateCheck does for
// English (`notegate eval moderation` runs that one): a hateful case is
// flagged when intl does not allow it and a hate or harassment label
// reaches review; a non-hateful case passes when no hate label reaches
// review (an insult of one person may still be harassment: that is not
// what the suite tests).

// hateSuites are the suite's files and the shares each must not fall
// below, per language and gold label: the figures of the commit that set
// them, so a rule change that loses hateful cases or flags contrasts fails
// here. The first file was written for the first round of functional cases;
// the second holds the seventh round's four sets, the third the tenth
// round's three, the fourth round 22's one, the fifth to ninth round 35's five, the last two sealed (README).
var hateSuites = []struct {
	path   string
	floors map[string]float64
}{
	{"testdata/hatecheck_zh_es.yaml", map[string]float64{
		"zh-Hans/hateful": 0.88, "zh-Hans/non-hateful": 0.96,
		"es/hateful": 0.83, "es/non-hateful": 0.96,
	}},
	{"testdata/hatecheck_zh_es_r13.yaml", map[string]float64{
		"zh-Hans/hateful": 0.85, "zh-Hans/non-hateful": 0.94,
		"es/hateful": 0.73, "es/non-hateful": 0.96,
	}},
	{"testdata/hatecheck_zh_es_r16.yaml", map[string]float64{
		"zh-Hans/hateful": 0.73, "zh-Hans/non-hateful": 0.96,
		"es/hateful": 0.75, "es/non-hateful": 0.96,
	}},
	{"testdata/hatecheck_zh_es_r22.yaml", map[string]float64{
		"zh-Hans/hateful": 0.69, "zh-Hans/non-hateful": 0.98,
		"es/hateful": 0.66, "es/non-hateful": 0.98,
	}},
	{"testdata/hatecheck_zh_es_r35.yaml", map[string]float64{
		"zh-Hans/hateful": 0.90, "zh-Hans/non-hateful": 0.98,
		"es/hateful": 0.88, "es/non-hateful": 0.98,
	}},
	{"testdata/hatecheck_zh_es_r35b.yaml", map[string]float64{
		"zh-Hans/hateful": 0.86, "zh-Hans/non-hateful": 0.98,
		"es/hateful": 0.84, "es/non-hateful": 0.98,
	}},
	{"testdata/hatecheck_zh_r35c.yaml", map[string]float64{
		"zh-Hans/hateful": 0.92, "zh-Hans/non-hateful": 0.98,
	}},
	{"testdata/hatecheck_zh_r35d_sealed.yaml", map[string]float64{
		"zh-Hans/hateful": 0.77, "zh-Hans/non-hateful": 0.95,
	}},
	{"testdata/hatecheck_zh_es_r35e_sealed.yaml", map[string]float64{
		"zh-Hans/hateful": 0.77, "zh-Hans/non-hateful": 0.98,
		"es/hateful": 0.71, "es/non-hateful": 0.95,
	}},
}

type hateCase struct {
	ID            string `yaml:"id"`
	Lang          string `yaml:"lang"`
	Functionality string `yaml:"functionality"`
	Gold          string `yaml:"gold"`
	Target        string `yaml:"target"`
	Text          string `yaml:"text"`
}

func TestFunctionalHateSuite(t *testing.T) {
	s := newTableStage(t)
	for _, suite := range hateSuites {
		t.Run(suite.path, func(t *testing.T) { runHateSuite(t, s, suite.path, suite.floors, sealedSuite(suite.path)) })
	}
}

// sealedSuite reports whether a suite file is kept unread to measure how
// fitting on the others carries (its name ends in _sealed.yaml): its
// shares are logged, its cases never printed.
func sealedSuite(path string) bool { return strings.HasSuffix(path, "_sealed.yaml") }

// runHateSuite moderates every case of the suite at path, logs the shares
// per language, gold label and functionality, and fails below floors.
func runHateSuite(t *testing.T, s *Stage, path string, floors map[string]float64, sealed bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var cases []hateCase
	if err := dec.Decode(&cases); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	p := s.Policy()
	type cell struct{ n, ok int }
	cells := map[string]*cell{}
	count := func(key string, ok bool) {
		if cells[key] == nil {
			cells[key] = &cell{}
		}
		cells[key].n++
		if ok {
			cells[key].ok++
		}
	}
	var misses []string
	for i, c := range cases {
		n := (&tableNote{ID: fmt.Sprint("hc", i), Lang: c.Lang, Body: c.Text}).note()
		if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
			t.Fatal(err)
		}
		hateAt := false
		for _, l := range n.Moderation.Labels {
			if l.Category == models.CategoryHate && p.Decide("intl", l.Category, l.Score) != models.DecisionAllow {
				hateAt = true
			}
		}
		var ok bool
		if c.Gold == "hateful" {
			abuseAt := hateAt
			for _, l := range n.Moderation.Labels {
				if l.Category == models.CategoryHarassment && p.Decide("intl", l.Category, l.Score) != models.DecisionAllow {
					abuseAt = true
				}
			}
			ok = n.Moderation.Markets["intl"] != models.DecisionAllow && abuseAt
		} else {
			ok = !hateAt
		}
		count(c.Lang+"/"+c.Gold, ok)
		count(c.Lang+"/"+c.Functionality, ok)
		if !ok {
			misses = append(misses, fmt.Sprintf("  %-28s %s", c.ID, c.Text))
		}
	}
	keys := make([]string, 0, len(cells))
	for k := range cells {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "  %-32s %3d/%-3d %.3f\n", k, cells[k].ok, cells[k].n, float64(cells[k].ok)/float64(cells[k].n))
	}
	t.Logf("functional hate suite (hateful: flagged in intl with a hate or harassment label; non-hateful: no hate label at review)\n%s", b.String())
	if testing.Verbose() && !sealed {
		t.Logf("cases the stage gets wrong:\n%s", strings.Join(misses, "\n"))
	}
	for k, floor := range floors {
		c := cells[k]
		if c == nil {
			t.Errorf("the suite has no %s cases", k)
			continue
		}
		if got := float64(c.ok) / float64(c.n); got < floor {
			t.Errorf("%s: %.3f, below its floor %.3f", k, got, floor)
		}
	}
}
