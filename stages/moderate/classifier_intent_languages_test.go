package moderate

import (
	"context"
	"testing"

	"github.com/notegate/notegate/models"
)

func TestIntentZhClassifierReadsLongChineseWritingOnly(t *testing.T) {
	t.Parallel()
	c, err := NewIntentLanguageClassifier("zh", ClassifierConfig{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		text string
		want models.Category // "" when no finding is wanted
	}{
		{"a person at risk who settles their affairs is read as self-harm, with support",
			"这个月把猫托付给了楼下的阿姨，存款也转给了我妹，该交代的都交代完了，终于可以好好休息了，不用再撑了",
			models.CategorySelfHarm},
		{"a person at risk writing Traditional Chinese is read the same way",
			"這陣子把房間整理好了，喜歡的書都送給學弟了，帳號密碼寫在抽屜裡的本子上，謝謝大家這幾年的照顧，以後就不打擾了",
			models.CategorySelfHarm},
		{"a threat that names where the target walks is read as violence",
			"我知道你每天晚上十点从公司后门出来，走哪条路我都摸清了，下周你就等着躺医院吧，别说我没提醒你",
			models.CategoryViolence},
		{"a line under twenty-four characters is left to the rules and lexicons",
			"不想活了，真的好累", ""},
		{"an ordinary long post is no finding",
			"周末带爸妈去了趟杭州，西湖边走了一圈，晚上吃了片儿川和东坡肉，我妈说比上次来的时候好吃多了", ""},
		{"an English note at risk gets no finding from the Chinese model",
			"i've been giving my things away to friends and telling everyone i'm fine. i don't think i'll be around after the holidays and honestly that feels like relief",
			""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fs, err := c.Detect(context.Background(), NewText("body", tt.text))
			if err != nil {
				t.Fatal(err)
			}
			var got []models.Category
			for _, f := range fs {
				got = append(got, f.Category)
				if f.Category == models.CategorySelfHarm && !f.Support {
					t.Errorf("self_harm finding without Support: the model cannot tell a person at risk from a promoter")
				}
			}
			switch {
			case tt.want == "" && len(fs) > 0:
				t.Errorf("findings %v, want none", got)
			case tt.want != "" && !containsCategory(fs, tt.want):
				t.Errorf("findings %v, want %s", got, tt.want)
			}
		})
	}
}

func TestEachIntentModelReportsInItsOwnLanguage(t *testing.T) {
	t.Parallel()
	en, err := NewIntentClassifier(ClassifierConfig{})
	if err != nil {
		t.Fatal(err)
	}
	zh, err := NewIntentLanguageClassifier("zh", ClassifierConfig{})
	if err != nil {
		t.Fatal(err)
	}
	chinese := NewText("body", "这个月把猫托付给了楼下的阿姨，存款也转给了我妹，该交代的都交代完了，终于可以好好休息了，不用再撑了")
	if fs, _ := en.Detect(context.Background(), chinese); len(fs) > 0 {
		t.Errorf("the English model gave %d findings on a Chinese field", len(fs))
	}
	if en.Name() == zh.Name() {
		t.Errorf("both models are named %q; labels could not tell them apart", en.Name())
	}
}

func TestIntentClassifiersAreConfiguredPerLanguage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		cfg     Config
		wantErr bool
		want    int // intent detectors built
	}{
		{"by default English and every other language with a model run", Config{}, false, 1 + len(IntentLanguages())},
		{"a language can be turned off alone", Config{IntentClassifiers: map[string]ClassifierConfig{"zh": {Disabled: true}}}, false, len(IntentLanguages())},
		{"a language without a model is an error, not a silent no-op", Config{IntentClassifiers: map[string]ClassifierConfig{"xx": {}}}, true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := tt.cfg.Validate(); (err != nil) != tt.wantErr {
				t.Fatalf("Validate() = %v, want error %v", err, tt.wantErr)
			}
			if tt.wantErr {
				return
			}
			ds, err := IntentDetectors(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			if len(ds) != tt.want {
				t.Errorf("%d intent detectors, want %d", len(ds), tt.want)
			}
		})
	}
}
