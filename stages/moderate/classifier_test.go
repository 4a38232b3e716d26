package moderate

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

func newTestClassifier(t testing.TB, cfg ClassifierConfig) *Classifier {
	t.Helper()
	c, err := NewClassifier(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClassifierConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		cfg     ClassifierConfig
		wantErr bool
	}{
		{"the zero config is valid", ClassifierConfig{}, false},
		{"a negative min score is rejected", ClassifierConfig{MinScore: -0.1}, true},
		{"a min score above one is rejected", ClassifierConfig{MinScore: 1.5}, true},
		{"max evidence below minus one is rejected", ClassifierConfig{MaxEvidence: -2}, true},
		{"a base rate of one is rejected", ClassifierConfig{BaseRate: 1}, true},
		{"a missing model file is an error", ClassifierConfig{ModelFile: filepath.Join(t.TempDir(), "none.bin.gz")}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := NewClassifier(tt.cfg)
			if (err != nil) != tt.wantErr {
				t.Fatalf("NewClassifier(%+v) error = %v, want error %v", tt.cfg, err, tt.wantErr)
			}
		})
	}
}

// TestClassifierScores checks that the shipped model finds each category
// it knows in plain cases, in the languages it has data for, through
// disguised spellings, and leaves everyday notes in every routed language
// alone; and that its evidence quotes the author's text.
func TestClassifierScores(t *testing.T) {
	t.Parallel()
	c := newTestClassifier(t, ClassifierConfig{})
	tests := []struct {
		name string
		text string
		want []models.Category // categories that must score at least 0.5; nil: no category may
	}{
		{"a regional slur in Chinese is hate", "河南人都是骗子，素质太低了", []models.Category{models.CategoryHate}},
		{"a racial insult in Chinese is hate", "黑人都是垃圾，滚出中国", []models.Category{models.CategoryHate}},
		{"a full-width Traditional spelling scores like the plain one", "黑人都是垃圾，滾出中國", []models.Category{models.CategoryHate}},
		{"an English insult is harassment and profanity", "shut up you stupid bitch, nobody likes you",
			[]models.Category{models.CategoryHarassment, models.CategoryProfanity}},
		{"a leet-spelled insult scores like the plain one", "shut up you stup1d b1tch",
			[]models.Category{models.CategoryHarassment, models.CategoryProfanity}},
		{"a wish to die is self-harm", "I want to kill myself", []models.Category{models.CategorySelfHarm}},
		{"channel promotion is spam", "check out my channel and subscribe", []models.Category{models.CategorySpam}},
		{"a German insult is harassment", "du bist ein dummes Arschloch", []models.Category{models.CategoryHarassment}},
		{"a Portuguese insult is harassment and profanity", "você é um idiota do caralho",
			[]models.Category{models.CategoryHarassment, models.CategoryProfanity}},
		{"a Korean misogynist slur is hate", "여자들은 다 김치녀야", []models.Category{models.CategoryHate}},
		{"a Chinese travel note is clean", "今天去了外滩和豫园，风景很好，推荐傍晚去看夜景。", nil},
		{"a Chinese note about food is clean", "我家乡的面条特别好吃，欢迎大家来尝尝", nil},
		{"an English greeting is clean", "Hi everyone, I'm new here from Ohio. Teach me some Chinese please", nil},
		{"an English recipe is clean", "Grilled chicken breast with garlic, soy sauce and a little honey", nil},
		{"a novel's title is clean", "Moby Dick is my favorite novel", nil},
		{"a friendly mention of gay friends is clean", "I love my gay friends", nil},
		{"a Spanish note about food is clean", "Me encanta la comida de mi abuela", nil},
		{"a French note about a café is clean", "J'aime beaucoup ce petit café", nil},
		{"a German note about a walk is clean", "Ich gehe heute mit meinem Hund spazieren", nil},
		{"a Japanese note about the weather is clean", "今日は天気がいいので散歩に行きます", nil},
		{"a Korean note about a walk is clean", "오늘 날씨가 좋아서 산책했어요", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tx := NewText("body", tt.text)
			scores, lang := c.Scores(tx, nil)
			var got, reported []models.Category
			for k, cat := range c.Categories() {
				if scores[k] >= 0.5 {
					got = append(got, cat)
					if c.Reports(cat) {
						reported = append(reported, cat)
					}
				}
			}
			missing := slices.DeleteFunc(slices.Clone(tt.want), func(c models.Category) bool { return slices.Contains(got, c) })
			if len(missing) > 0 || (tt.want == nil && len(got) > 0) {
				t.Fatalf("categories of %q (%s, scores %.2f over %v) = %v, want %v", tt.text, lang, scores, c.Categories(), got, tt.want)
			}
			fs, err := c.Detect(context.Background(), tx)
			if err != nil {
				t.Fatal(err)
			}
			var found []models.Category
			for _, f := range fs {
				k := slices.Index(c.Categories(), f.Category)
				want := scores[k]
				if f.Category == models.CategoryProfanity {
					want = min(want, profanityCeiling)
				}
				if k < 0 || f.Score != want || f.Rule != c.Model().Version {
					t.Errorf("finding %+v, want a category of the model with its score and rule %s", f, c.Model().Version)
				}
				if f.Span.Start < 0 || f.Span.End > len(tt.text) || f.Span.Start > f.Span.End ||
					!utf8.ValidString(tt.text[f.Span.Start:f.Span.End]) {
					t.Errorf("evidence %v does not lie on rune boundaries of %q", f.Span, tt.text)
				}
				if !slices.Contains(found, f.Category) {
					found = append(found, f.Category)
				}
			}
			if !slices.Equal(found, reported) {
				t.Errorf("findings in categories %v, want exactly the reported categories scoring at least min_score %v", found, reported)
			}
		})
	}
}

func TestFieldLanguage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text, want string
	}{
		{"Simplified Chinese is zh", "今天天气很好", "zh"},
		{"Traditional Chinese is zh", "今天天氣很好", "zh"},
		{"Chinese with an English phrase is zh", "我家猫今天又把杯子推下桌了 cat tax paid", "zh"},
		{"kana make Japanese", "今日は天気がいいですね", "ja"},
		{"Hangul is Korean", "오늘 날씨가 좋네요", "ko"},
		{"English function words make English", "I think this is the best one", "en"},
		{"Spanish function words make Spanish", "creo que es el mejor de todos", "es"},
		{"Portuguese function words make Portuguese", "eu acho que você não vai", "pt"},
		{"French function words make French", "je pense que tu es le meilleur", "fr"},
		{"German function words make German", "ich glaube das ist nicht der beste", "de"},
		{"Latin letters without function words are und", "lol omg", "und"},
		{"emoji alone are und", "😂😂", "und"},
		{"Cyrillic is und", "привет как дела", "und"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := ClassifierLanguage(NewText("body", tt.text)); got != tt.want {
				t.Fatalf("ClassifierLanguage(%q) = %s, want %s", tt.text, got, tt.want)
			}
		})
	}
}

// TestClassifierEvidence checks that evidence covers the words that
// carry the category, whole, and never the neutral rest of the note.
func TestClassifierEvidence(t *testing.T) {
	t.Parallel()
	c := newTestClassifier(t, ClassifierConfig{})
	text := "Lovely weather in the park today. shut up you stupid bitch, you are a worthless idiot"
	fs, err := c.Detect(context.Background(), NewText("body", text))
	if err != nil {
		t.Fatal(err)
	}
	var quoted []string
	for _, f := range fs {
		if f.Category != models.CategoryHarassment {
			continue
		}
		q := text[f.Span.Start:f.Span.End]
		quoted = append(quoted, q)
		if strings.Contains(q, "weather") || strings.Contains(q, "park") {
			t.Errorf("evidence %q quotes the neutral sentence", q)
		}
	}
	if j := strings.Join(quoted, "|"); !strings.Contains(j, "stupid") && !strings.Contains(j, "idiot") {
		t.Errorf("harassment evidence %q misses the insult (findings %+v)", quoted, fs)
	}
	c0 := newTestClassifier(t, ClassifierConfig{MaxEvidence: -1})
	fs, _ = c0.Detect(context.Background(), NewText("body", text))
	if len(fs) == 0 {
		t.Fatal("no finding with max_evidence -1")
	}
	for _, f := range fs {
		if f.Span.Start != f.Span.End {
			t.Errorf("max_evidence -1 gave %+v, want whole-field findings", f)
		}
	}
}

// TestClassifierBaseRate checks that a lower base rate lowers every
// score and a higher one raises it, in order: base_rate for Chinese
// fields, base_rate_other for the rest, each leaving the other alone.
func TestClassifierBaseRate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		text     string
		low, mid ClassifierConfig
		high     ClassifierConfig
	}{
		{"base_rate moves the scores of Chinese fields", "你就是个废物，滚吧",
			ClassifierConfig{BaseRate: 0.05}, ClassifierConfig{}, ClassifierConfig{BaseRate: 0.5}},
		{"base_rate_other moves the scores of English fields", "you are a worthless idiot and everyone hates you",
			ClassifierConfig{BaseRateOther: 0.05}, ClassifierConfig{}, ClassifierConfig{BaseRateOther: 0.5}},
		{"the former name base_rate_latin still works", "you are a worthless idiot and everyone hates you",
			ClassifierConfig{BaseRateLatin: 0.05}, ClassifierConfig{}, ClassifierConfig{BaseRateLatin: 0.5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tx := NewText("body", tt.text)
			low, _ := newTestClassifier(t, tt.low).Scores(tx, nil)
			mid, _ := newTestClassifier(t, tt.mid).Scores(tx, nil)
			high, _ := newTestClassifier(t, tt.high).Scores(tx, nil)
			for k := range mid {
				if !(low[k] < mid[k] && mid[k] < high[k]) {
					t.Errorf("category %d: scores %.3f, %.3f, %.3f, want increasing", k, low[k], mid[k], high[k])
				}
			}
		})
	}
	// The other language's rate leaves a field alone.
	tx := NewText("body", "你就是个废物，滚吧")
	a, _ := newTestClassifier(t, ClassifierConfig{}).Scores(tx, nil)
	b, _ := newTestClassifier(t, ClassifierConfig{BaseRateOther: 0.5}).Scores(tx, nil)
	if !slices.Equal(a, b) {
		t.Errorf("base_rate_other changed a Chinese field's scores: %.3f → %.3f", a, b)
	}
}

// TestClassifierInStage checks the wiring: the stage reports the
// classifier's label under its versioned source and decides on it.
func TestClassifierInStage(t *testing.T) {
	t.Parallel()
	c := newTestClassifier(t, ClassifierConfig{})
	s, err := New(Config{}, c)
	if err != nil {
		t.Fatal(err)
	}
	n := &models.Note{NoteEvent: models.NoteEvent{Body: "河南人都是骗子，素质太低了，滚回老家去"}}
	if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, l := range n.Moderation.Labels {
		if l.Source == c.Name() && l.Category == models.CategoryHate {
			found = true
		}
	}
	if !found || n.Moderation.Markets["cn"] == models.DecisionAllow {
		t.Fatalf("moderation %+v: want a %s hate label that takes the note out of allow in cn", n.Moderation, c.Name())
	}
}

func TestClassifierModelRoundTrip(t *testing.T) {
	t.Parallel()
	cats := []models.Category{models.CategoryHate, models.CategorySpam}
	langs := []string{"und", "en", "zh"}
	// 2 categories × 4 buckets, bucket-major.
	w := []float32{0.5, -1.27, 0, 0.01, 1, -0.3, 0.7, 0.02}
	m, err := NewClassifierModel("test-v1", 2, cats, langs, w, []float32{0.25, -0.5})
	if err != nil {
		t.Fatal(err)
	}
	m.Calib[0][1] = Platt{A: 1.5, B: -0.1, Fitted: true}
	m.Calib[1][2] = Platt{A: 0.7, B: -2, Fitted: true, Guarded: true}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := ReadClassifierModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != m.Version || got.Bits != 2 || !slices.Equal(got.Categories, cats) || !slices.Equal(got.Langs, langs) ||
		!slices.Equal(got.Bias, m.Bias) || !slices.Equal(got.Scale, m.Scale) || !slices.Equal(got.Q, m.Q) {
		t.Fatalf("round trip changed the model: %+v != %+v", got, m)
	}
	for k := range cats {
		if !slices.Equal(got.Calib[k], m.Calib[k]) {
			t.Errorf("category %d calibration %+v, want %+v", k, got.Calib[k], m.Calib[k])
		}
	}
	for i, x := range w {
		b, k := uint32(i/2), i%2
		if d := got.Weight(b, k) - x; d > got.Scale[k] || d < -got.Scale[k] {
			t.Errorf("weight %d of category %d: %v quantized to %v", b, k, x, got.Weight(b, k))
		}
	}
	oldFormat := func() []byte {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte("NGABUSE\x01"))
		zw.Close()
		return b.Bytes()
	}()
	bad := map[string][]byte{
		"empty":          nil,
		"not gzip":       []byte("not gzip"),
		"cut in half":    buf.Bytes()[:buf.Len()/2],
		"an abuse model": oldFormat,
	}
	for name, b := range bad {
		if _, err := ReadClassifierModel(bytes.NewReader(b)); err == nil {
			t.Errorf("ReadClassifierModel(%s) = nil error", name)
		}
	}
	if _, err := NewClassifierModel("x", 2, cats, langs, make([]float32, 6), []float32{0, 0}); err == nil {
		t.Error("NewClassifierModel accepted 6 weights for 2 categories of 4 buckets")
	}
	if _, err := NewClassifierModel("x", 2, cats, []string{"en"}, w, []float32{0, 0}); err == nil {
		t.Error(`NewClassifierModel accepted languages without "und" first`)
	}
}

func TestPlattScore(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		p      Platt
		margin float64
		want   float64
	}{
		{"the identity maps a zero margin to one half", Platt{A: 1}, 0, 0.5},
		{"a slope scales the margin", Platt{A: 2}, math.Log(3) / 2, 0.75},
		{"an intercept shifts it", Platt{A: 1, B: -math.Log(3)}, 0, 0.25},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.p.Score(tt.margin); math.Abs(got-tt.want) > 1e-12 {
				t.Fatalf("%+v.Score(%v) = %v, want %v", tt.p, tt.margin, got, tt.want)
			}
		})
	}
}

// TestClassifierCOLDDev measures the shipped model on COLD's development
// set, which it never trained or calibrated on, and bounds it from below:
// the measured accuracy (any category at min_score) was 0.8587, so a
// change to normalization or features that shifts the features away from
// what the model was trained on fails here.
func TestClassifierCOLDDev(t *testing.T) {
	t.Parallel()
	path := filepath.Join(evalDir(t), "moderation", "cold", "dev.csv")
	f, err := os.Open(path)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	c := newTestClassifier(t, ClassifierConfig{})
	var ok, n int
	for _, r := range rows[1:] { // columns: id, split, topic, label, TEXT
		harmful := c.Score(NewText("body", r[4])) >= 0.5
		if harmful == (r[3] == "1") {
			ok++
		}
		n++
	}
	acc := float64(ok) / float64(n)
	t.Logf("COLD dev: %d of %d right, accuracy %.4f", ok, n, acc)
	if n < 6000 {
		t.Fatalf("read %d rows of COLD dev, want about 6431", n)
	}
	if acc < 0.85 {
		t.Errorf("COLD dev accuracy %.4f below the floor 0.85", acc)
	}
}

// FuzzClassifierFeatures feeds arbitrary text through normalization,
// language guessing, feature extraction and scoring: no panic, buckets in
// range, spans inside the skeleton, scores in [0, 1] and evidence on rune
// boundaries of the input.
func FuzzClassifierFeatures(f *testing.F) {
	for _, s := range []string{"", " ", "傻*逼", "ｆｕｃｋ you", "f u c k", "\u200b\u200b", "a\xffb", "黑人都是垃圾", "@@@!!!|||",
		strings.Repeat("ha", 300), "je pense que tu es", "너 진짜", "死ね"} {
		f.Add(s)
	}
	c := newTestClassifier(f, ClassifierConfig{})
	f.Fuzz(func(t *testing.T, s string) {
		tx := NewText("body", s)
		feats := ClassifierFeatures(tx, c.model.Bits, nil)
		for _, ft := range feats {
			if ft.Bucket >= 1<<c.model.Bits || ft.Start < 0 || ft.Start >= ft.End || int(ft.End) > tx.Skeleton.Len() {
				t.Fatalf("feature %+v out of range (skeleton of %d runes)", ft, tx.Skeleton.Len())
			}
		}
		scores, lang := c.Scores(tx, nil)
		if !slices.Contains(ClassifierLanguages(), lang) {
			t.Fatalf("language %q of %q is not a calibration language", lang, s)
		}
		for _, score := range scores {
			if !(score >= 0 && score <= 1) {
				t.Fatalf("score %v of %q outside [0, 1]", score, s)
			}
		}
		fs, err := c.Detect(context.Background(), tx)
		if err != nil {
			t.Fatal(err)
		}
		for _, fd := range fs {
			if fd.Span.Start < 0 || fd.Span.End > len(s) || fd.Span.Start > fd.Span.End {
				t.Fatalf("evidence %v outside %q", fd.Span, s)
			}
			// Invalid bytes are dropped from the views, so a span may end
			// before one; in valid text it quotes whole runes.
			if utf8.ValidString(s) && !utf8.ValidString(s[fd.Span.Start:fd.Span.End]) {
				t.Fatalf("evidence %v of %q not on rune boundaries", fd.Span, s)
			}
		}
	})
}

func BenchmarkClassifier(b *testing.B) {
	c := newTestClassifier(b, ClassifierConfig{})
	texts := make([]*Text, len(shortNotes))
	for i, n := range shortNotes {
		texts[i] = NewText("body", n.Body)
	}
	ctx := context.Background()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, t := range texts {
			c.Detect(ctx, t)
		}
		n += len(texts)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "fields/s")
}

func BenchmarkLoadClassifier(b *testing.B) {
	data, err := embeddedModel.ReadFile(embeddedModelPath)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		// Read from the bytes each time: NewClassifier reads an embedded
		// model once per process.
		m, err := ReadClassifierModel(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := NewClassifierFromModel(ClassifierConfig{}, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkModerateWithClassifier is BenchmarkModerate with the classifier
// wired in as cmd/notegate does.
func BenchmarkModerateWithClassifier(b *testing.B) {
	s, err := New(Config{}, newTestClassifier(b, ClassifierConfig{}))
	if err != nil {
		b.Fatal(err)
	}
	notes := make([]*models.Note, len(shortNotes))
	ctx := context.Background()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for i := range shortNotes {
			notes[i] = &models.Note{NoteEvent: shortNotes[i]}
		}
		if err := s.Process(ctx, notes); err != nil {
			b.Fatal(err)
		}
		n += len(notes)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "notes/s")
}

// An owned Text's shared features are the features of its skeleton, and
// a Text cleared for another field computes them again: no model reads
// the features of the note before.
func TestSharedFeaturesAreTheFieldsOwn(t *testing.T) {
	t.Parallel()
	fields := []string{"you absolute idiot, don't ever post again", "加V信 abc12345 日赚千元", "", "ｆｕｃｋ this traffic"}
	var reused Text
	for _, f := range fields {
		reused.clear()
		reused.normalize("body", f)
		reused.owned = true
		for range 2 { // the second read comes from the cache
			got, ok := reused.sharedFeatures(20)
			if !ok {
				t.Fatal("an owned Text shares no features")
			}
			if want := ClassifierFeatures(NewText("body", f), 20, nil); !slices.Equal(got, want) {
				t.Fatalf("%q: shared features %v, want %v", f, got, want)
			}
		}
		if _, ok := NewText("body", f).sharedFeatures(20); ok {
			t.Fatalf("%q: a Text made by NewText shares its features", f)
		}
	}
}
