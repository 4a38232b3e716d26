package moderate

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/notegate/notegate/models"
)

// clock is a settable time source for the stateful detectors.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func campaignNote(id, author, body string) *models.Note {
	return &models.Note{NoteEvent: models.NoteEvent{NoteID: id, AuthorID: author, Body: body}}
}

func detectNote(t *testing.T, d NoteDetector, n *models.Note) []FieldFinding {
	t.Helper()
	texts := []*Text{NewText("body", n.Body)}
	fs, err := d.DetectNote(context.Background(), n, texts)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

const campaignText = "限时福利！点击主页链接领取新人红包，每天签到还能再领现金奖励，名额有限先到先得"

func TestCampaignDetector(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		notes   func(i int) *models.Note
		n       int
		advance time.Duration // between notes
		want    int           // findings on the last note (0 or 1)
	}{
		{"five copies with small edits are a campaign", func(i int) *models.Note {
			return campaignNote(fmt.Sprint("n", i), fmt.Sprint("a", i), campaignText+strings.Repeat("!", i%3))
		}, 5, time.Second, 1},
		{"four copies are not yet a campaign", func(i int) *models.Note {
			return campaignNote(fmt.Sprint("n", i), fmt.Sprint("a", i), campaignText)
		}, 4, time.Second, 0},
		{"edits of one note are not a campaign", func(i int) *models.Note {
			return campaignNote("same", "a", campaignText+strings.Repeat("～", i))
		}, 10, time.Second, 0},
		{"copies spread beyond the window are not a campaign", func(i int) *models.Note {
			return campaignNote(fmt.Sprint("n", i), "a", campaignText)
		}, 6, 2 * time.Hour, 0},
		// A template that differs only by counters and a word is one
		// campaign (see campaign_variants_test.go); different notes on
		// one topic are not.
		{"different notes on one topic are not a campaign", func(i int) *models.Note {
			return campaignNote(fmt.Sprint("n", i), "a", []string{
				"今天去了一家新开的咖啡店，拿铁味道很好，下次还想试试他们的手冲和甜点。",
				"这家店的装修很有设计感，靠窗的位置阳光特别好，适合周末带本书来坐一下午。",
				"店员推荐了季节限定的桂花拿铁，甜度刚好，桂花香很自然，不是香精味。",
				"价格偏贵，一杯手冲要四十多，不过豆子是自家烘焙的，风味层次很丰富。",
				"人比较多，周末最好早点去，不然要排队，工作日下午就很安静适合办公。",
				"总结：环境好咖啡好，甜点一般，芝士蛋糕有点干，还会再去但只点咖啡。",
			}[i])
		}, 6, time.Second, 0},
		{"short notes repeat innocently", func(i int) *models.Note {
			return campaignNote(fmt.Sprint("n", i), fmt.Sprint("a", i), "好看！")
		}, 20, time.Second, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := &clock{time.Date(2025, 1, 14, 10, 0, 0, 0, time.UTC)}
			d, err := NewCampaignDetector(CampaignConfig{}, c.now)
			if err != nil {
				t.Fatal(err)
			}
			var fs []FieldFinding
			for i := 0; i < tt.n; i++ {
				fs = detectNote(t, d, tt.notes(i))
				c.t = c.t.Add(tt.advance)
			}
			if len(fs) != tt.want {
				t.Fatalf("findings %+v, want %d", fs, tt.want)
			}
			for _, f := range fs {
				if f.Category != models.CategorySpam || f.Field != "body" {
					t.Errorf("finding %+v", f)
				}
			}
		})
	}
}

func TestCampaignScoreRisesWithSize(t *testing.T) {
	t.Parallel()
	c := &clock{time.Date(2025, 1, 14, 10, 0, 0, 0, time.UTC)}
	d, err := NewCampaignDetector(CampaignConfig{}, c.now)
	if err != nil {
		t.Fatal(err)
	}
	prev := 0.0
	for i := 0; i < 30; i++ {
		fs := detectNote(t, d, campaignNote(fmt.Sprint("n", i), "a", campaignText))
		if len(fs) == 0 {
			continue
		}
		if fs[0].Score < prev {
			t.Fatalf("score fell from %v to %v at note %d", prev, fs[0].Score, i)
		}
		prev = fs[0].Score
	}
	if prev < 0.85 {
		t.Errorf("a 30-note campaign scores %v, want at least the block threshold 0.85", prev)
	}
}

func TestCampaignMemoryIsBounded(t *testing.T) {
	t.Parallel()
	c := &clock{time.Date(2025, 1, 14, 10, 0, 0, 0, time.UTC)}
	d, err := NewCampaignDetector(CampaignConfig{MaxNotes: 50}, c.now)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 500; i++ {
		detectNote(t, d, campaignNote(fmt.Sprint("n", i), "a", fmt.Sprintf("%s 第%d号", campaignText, i)))
	}
	if d.Len() > 50 {
		t.Errorf("%d notes remembered, bound 50", d.Len())
	}
	var refs int
	for _, b := range d.buckets {
		refs += len(b)
	}
	if refs > 50*campaignBands {
		t.Errorf("%d bucket references for at most 50 notes", refs)
	}
}

func TestVelocityDetector(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		n       int
		sameID  bool
		advance time.Duration
		want    int
	}{
		{"posting over the limit is spam", 25, false, time.Second, 1},
		{"posting at the limit is fine", 20, false, time.Second, 0},
		{"editing one note many times is fine", 40, true, time.Second, 0},
		{"a steady pace below the limit is fine", 60, false, time.Minute, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := &clock{time.Date(2025, 1, 14, 10, 0, 0, 0, time.UTC)}
			d, err := NewVelocityDetector(VelocityConfig{}, c.now)
			if err != nil {
				t.Fatal(err)
			}
			var fs []FieldFinding
			for i := 0; i < tt.n; i++ {
				id := fmt.Sprint("n", i)
				if tt.sameID {
					id = "n"
				}
				fs = detectNote(t, d, campaignNote(id, "spammer", "hello"))
				c.t = c.t.Add(tt.advance)
			}
			if len(fs) != tt.want {
				t.Fatalf("findings %+v, want %d", fs, tt.want)
			}
		})
	}
}

func TestVelocityMemoryIsBounded(t *testing.T) {
	t.Parallel()
	c := &clock{time.Date(2025, 1, 14, 10, 0, 0, 0, time.UTC)}
	d, err := NewVelocityDetector(VelocityConfig{MaxAuthors: 100}, c.now)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 1000; i++ {
		detectNote(t, d, campaignNote(fmt.Sprint("n", i), fmt.Sprint("a", i), "hello"))
	}
	if tracked, untracked := d.Authors(); tracked > 100 || untracked == 0 {
		t.Errorf("tracked %d, untracked %d; bound 100", tracked, untracked)
	}
}

func TestStageFlagsACampaign(t *testing.T) {
	t.Parallel()
	s := newTestStage(t)
	var last *models.Note
	for i := 0; i < 12; i++ {
		last = campaignNote(fmt.Sprint("camp-", i), fmt.Sprint("a", i), campaignText)
		if err := s.Process(context.Background(), []*models.Note{last}); err != nil {
			t.Fatal(err)
		}
	}
	var found bool
	for _, l := range last.Moderation.Labels {
		found = found || l.Source == "campaign" && l.Category == models.CategorySpam
	}
	if !found || last.Moderation.Markets["cn"] != models.DecisionBlock {
		t.Errorf("12th copy: %+v", last.Moderation)
	}
}

func BenchmarkSimhash(b *testing.B) {
	texts := []*Text{NewText("body", campaignText)}
	for b.Loop() {
		campaignFingerprint(texts)
	}
}

// A campaign that asks nothing of its readers (campaign_ask.go): twelve
// accounts posting an app's share line are reviewed in cn and allowed in
// intl; the same line with a handle to add is spam in both.
func TestStageCapsACampaignThatAsksNothing(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, text string
		cn, intl   models.Decision
	}{
		{"a challenge's daily line is reviewed in cn only",
			"Day 5 of the 30-day yoga challenge done! Twenty minutes of stretching every morning with the community, who's joining tomorrow?",
			models.DecisionReview, models.DecisionAllow},
		{"a prevention day's helpline notice, free and open all night, is reviewed in cn only",
			"Setembro Amarelo: se você está sofrendo, ligue 188 (CVV). É gratuito e funciona 24h. Compartilhe.",
			models.DecisionReview, models.DecisionAllow},
		{"the same notice with a handle to add is spam",
			"Setembro Amarelo: se você está sofrendo, ligue 188. É gratuito e funciona 24h. Me chama no telegram @ajuda_vip",
			models.DecisionBlock, models.DecisionReview},
		{"the same line with a handle to add is spam",
			"Day 5 of the 30-day yoga challenge done! Twenty minutes of stretching every morning, add me on telegram @yoga_rich_club",
			models.DecisionBlock, models.DecisionReview},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			s := newTestStage(t)
			var last *models.Note
			for i := 0; i < 12; i++ {
				last = campaignNote(fmt.Sprint("tpl-", i), fmt.Sprint("a", i), c.text)
				if err := s.Process(context.Background(), []*models.Note{last}); err != nil {
					t.Fatal(err)
				}
			}
			if got := last.Moderation.Markets; got["cn"] != c.cn || got["intl"] != c.intl {
				t.Errorf("12th copy: cn %s intl %s, want %s %s; labels %+v", got["cn"], got["intl"], c.cn, c.intl, last.Moderation.Labels)
			}
		})
	}
}
