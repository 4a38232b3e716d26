package moderate

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
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

// TestClassifierScores checks that the shipped model separates plain
// abuse from plain friendliness in both languages, including disguised
// spellings, and that its evidence quotes the author's text.
func TestClassifierScores(t *testing.T) {
	t.Parallel()
	c := newTestClassifier(t, ClassifierConfig{})
	tests := []struct {
		name    string
		text    string
		abusive bool
	}{
		{"a regional slur in Chinese is abusive", "河南人都是骗子，素质太低了", true},
		{"a racial insult in Chinese is abusive", "黑人都是垃圾，滚出中国", true},
		{"a full-width Traditional spelling scores like the plain one", "黑人都是垃圾，滾出中國", true},
		{"a Chinese travel note is not", "今天去了外滩和豫园，风景很好，推荐傍晚去看夜景。", false},
		{"a Chinese note about food is not", "我家乡的面条特别好吃，欢迎大家来尝尝", false},
		{"an English insult is abusive", "shut up you stupid bitch, nobody likes you", true},
		{"a leet-spelled insult is abusive", "shut up you stup1d b1tch", true},
		{"an English greeting is not", "Hi everyone, I'm new here from Ohio. Teach me some Chinese please", false},
		{"an English recipe is not", "Grilled chicken breast with garlic, soy sauce and a little honey", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tx := NewText("body", tt.text)
			score := c.Score(tx)
			if got := score >= c.Threshold(); got != tt.abusive {
				t.Fatalf("score %.3f (threshold %.3f) of %q: abusive = %v, want %v", score, c.Threshold(), tt.text, got, tt.abusive)
			}
			fs, err := c.Detect(context.Background(), tx)
			if err != nil {
				t.Fatal(err)
			}
			if (len(fs) > 0) != (score >= 0.5) {
				t.Fatalf("score %.3f gave %d findings; want findings exactly when the score reaches min_score 0.5", score, len(fs))
			}
			for _, f := range fs {
				if f.Category != models.CategoryHarassment || f.Score != score || f.Rule != "abuse-v1" {
					t.Errorf("finding %+v, want harassment with score %.3f and rule abuse-v1", f, score)
				}
				if f.Span.Start < 0 || f.Span.End > len(tt.text) || f.Span.Start > f.Span.End ||
					!utf8.ValidString(tt.text[f.Span.Start:f.Span.End]) {
					t.Errorf("evidence %v does not lie on rune boundaries of %q", f.Span, tt.text)
				}
			}
		})
	}
}

// TestClassifierEvidence checks that evidence covers the words that
// carry the abuse, whole, and never the neutral rest of the note.
func TestClassifierEvidence(t *testing.T) {
	t.Parallel()
	c := newTestClassifier(t, ClassifierConfig{})
	text := "Lovely weather in the park today. shut up you stupid bitch"
	fs, err := c.Detect(context.Background(), NewText("body", text))
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) == 0 {
		t.Fatalf("no finding for %q", text)
	}
	var quoted []string
	for _, f := range fs {
		q := text[f.Span.Start:f.Span.End]
		quoted = append(quoted, q)
		if strings.Contains(q, "weather") || strings.Contains(q, "park") {
			t.Errorf("evidence %q quotes the neutral sentence", q)
		}
	}
	if !strings.Contains(strings.Join(quoted, "|"), "bitch") {
		t.Errorf("evidence %q misses the insult", quoted)
	}
	c0 := newTestClassifier(t, ClassifierConfig{MaxEvidence: -1})
	fs, _ = c0.Detect(context.Background(), NewText("body", text))
	if len(fs) != 1 || fs[0].Span.Start != fs[0].Span.End {
		t.Errorf("max_evidence -1 gave %+v, want one whole-field finding", fs)
	}
}

// TestClassifierInStage checks the wiring: the stage reports the
// classifier's label under its versioned source and decides on it.
func TestClassifierInStage(t *testing.T) {
	t.Parallel()
	s, err := New(Config{}, newTestClassifier(t, ClassifierConfig{}))
	if err != nil {
		t.Fatal(err)
	}
	n := &models.Note{NoteEvent: models.NoteEvent{Body: "河南人都是骗子，素质太低了，滚回老家去"}}
	if err := s.Process(context.Background(), []*models.Note{n}); err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, l := range n.Moderation.Labels {
		if l.Source == "classifier:abuse-v1" && l.Category == models.CategoryHarassment {
			found = true
		}
	}
	if !found || n.Moderation.Markets["cn"] == models.DecisionAllow {
		t.Fatalf("moderation %+v: want a classifier:abuse-v1 harassment label that takes the note out of allow in cn", n.Moderation)
	}
}

func TestAbuseModelRoundTrip(t *testing.T) {
	t.Parallel()
	w := []float32{0.5, -1.27, 0, 0.01, 1, -0.3, 0.7, 0.02}
	m, err := NewAbuseModel("abuse-test", w, 0.25, 1.5, -0.1, 0.6)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := ReadAbuseModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != m.Version || got.Bits != 3 || got.Bias != m.Bias || got.CalibA != m.CalibA ||
		got.CalibB != m.CalibB || got.Threshold != m.Threshold || !bytes.Equal(int8Bytes(got.Q), int8Bytes(m.Q)) {
		t.Fatalf("round trip changed the model: %+v != %+v", got, m)
	}
	for i, x := range w {
		if d := got.Weight(uint32(i)) - x; d > got.Scale || d < -got.Scale {
			t.Errorf("weight %d: %v quantized to %v", i, x, got.Weight(uint32(i)))
		}
	}
	bad := [][]byte{nil, []byte("not gzip"), buf.Bytes()[:buf.Len()/2]}
	for _, b := range bad {
		if _, err := ReadAbuseModel(bytes.NewReader(b)); err == nil {
			t.Errorf("ReadAbuseModel(%d bytes of damage) = nil error", len(b))
		}
	}
	if _, err := NewAbuseModel("x", make([]float32, 6), 0, 1, 0, 0.5); err == nil {
		t.Error("NewAbuseModel accepted 6 weights")
	}
}

func int8Bytes(q []int8) []byte {
	b := make([]byte, len(q))
	for i, x := range q {
		b[i] = byte(x)
	}
	return b
}

// TestClassifierCOLDDev measures the shipped model on COLD's development
// set (tune set of the training program) and bounds it from below: the
// measured accuracy was 0.8946 at the model's threshold, so a change to
// normalization or features that shifts the features away from what the
// model was trained on fails here.
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
	thr := c.Threshold()
	var ok, n int
	for _, r := range rows[1:] { // columns: id, split, topic, label, TEXT
		abusive := c.Score(NewText("body", r[4])) >= thr
		if abusive == (r[3] == "1") {
			ok++
		}
		n++
	}
	acc := float64(ok) / float64(n)
	t.Logf("COLD dev: %d of %d right, accuracy %.4f at threshold %.3f", ok, n, acc, thr)
	if n < 6000 {
		t.Fatalf("read %d rows of COLD dev, want about 6431", n)
	}
	if acc < 0.88 {
		t.Errorf("COLD dev accuracy %.4f below the floor 0.88", acc)
	}
}

// FuzzAbuseFeatures feeds arbitrary text through normalization, feature
// extraction and scoring: no panic, buckets in range, spans inside the
// skeleton, score in [0, 1] and evidence on rune boundaries of the input.
func FuzzAbuseFeatures(f *testing.F) {
	for _, s := range []string{"", " ", "傻*逼", "ｆｕｃｋ you", "f u c k", "\u200b\u200b", "a\xffb", "黑人都是垃圾", "@@@!!!|||", strings.Repeat("ha", 300)} {
		f.Add(s)
	}
	c := newTestClassifier(f, ClassifierConfig{})
	f.Fuzz(func(t *testing.T, s string) {
		tx := NewText("body", s)
		feats := AbuseFeatures(tx, c.model.Bits, nil)
		for _, ft := range feats {
			if ft.Bucket >= 1<<c.model.Bits || ft.Start < 0 || ft.Start >= ft.End || int(ft.End) > tx.Skeleton.Len() {
				t.Fatalf("feature %+v out of range (skeleton of %d runes)", ft, tx.Skeleton.Len())
			}
		}
		score := c.Score(tx)
		if !(score >= 0 && score <= 1) {
			t.Fatalf("score %v of %q outside [0, 1]", score, s)
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
