package moderate

import (
	"context"
	"strconv"
	"testing"

	"github.com/notegate/notegate/models"
)

// shortNotes are typical short notes: mostly clean, a few with findings.
var shortNotes = []models.NoteEvent{
	{Title: "上海一日游", Body: "今天去了外滩和豫园，人很多但是风景很好，推荐傍晚去看夜景。", Tags: []string{"旅行", "上海"}},
	{Title: "First day on RedNote!", Body: "Hi everyone, I'm a TikTok refugee from Ohio. Teach me some Chinese please 😊", Tags: []string{"hello", "tiktokrefugee"}},
	{Title: "猫咪日常", Body: "我家猫今天又把杯子推下桌了 😂 cat tax paid", Tags: []string{"猫"}},
	{Title: "Recipe", Body: "Grilled chicken breast with garlic, soy sauce and a little honey. So good!", Tags: []string{"food"}},
	{Title: "兼职", Body: "想赚钱的加V信 abc12345，日赚千元不是梦", Tags: []string{"赚钱"}},
	{Title: "", Body: "ｆｕｃｋ this traffic, 2 hours to get home", Tags: nil},
	{Title: "学中文", Body: "How do you say 'nice to meet you' in Mandarin? 很高兴认识你 right?", Tags: []string{"learnchinese"}},
	{Title: "吐槽", Body: "这个人真是傻*逼，气死我了", Tags: []string{"日常"}},
}

// BenchmarkModerate measures the whole stage on short notes, with the
// default detectors (campaign and velocity included: every note has its
// own id and one of 1000 authors); notes/s is reported as a metric (one
// core: run with -cpu 1).
func BenchmarkModerate(b *testing.B) { benchmarkModerate(b, Config{}) }

// BenchmarkModerateWithoutNoteDetectors is BenchmarkModerate with campaign
// and velocity off, to show what they cost.
func BenchmarkModerateWithoutNoteDetectors(b *testing.B) {
	benchmarkModerate(b, Config{Campaign: CampaignConfig{Disabled: true}, Velocity: VelocityConfig{Disabled: true}})
}

// BenchmarkModerateServed is BenchmarkModerate with the trained
// detectors cmd/notegate wires in (ClassifierDetectors: the abuse
// classifier, the intent model of every routed language and the
// harassment model): the stage as it is served.
func BenchmarkModerateServed(b *testing.B) {
	extra, err := ClassifierDetectors(Config{})
	if err != nil {
		b.Fatal(err)
	}
	benchmarkModerate(b, Config{}, extra...)
}

func benchmarkModerate(b *testing.B, cfg Config, extra ...Detector) {
	s, err := New(cfg, extra...)
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
			notes[i].NoteID = "n" + strconv.Itoa(n+i)
			notes[i].AuthorID = "a" + strconv.Itoa((n+i)%1000)
		}
		if err := s.Process(ctx, notes); err != nil {
			b.Fatal(err)
		}
		n += len(notes)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "notes/s")
}

func BenchmarkLexiconDetect(b *testing.B) {
	d, err := DefaultLexiconDetector()
	if err != nil {
		b.Fatal(err)
	}
	t := NewText("body", shortNotes[1].Body)
	for b.Loop() {
		d.Detect(context.Background(), t)
	}
}

func BenchmarkContactDetect(b *testing.B) {
	t := NewText("body", shortNotes[4].Body)
	for b.Loop() {
		t.Folded.built = false
		ContactDetector{}.Detect(context.Background(), t)
	}
}

func BenchmarkPIIDetect(b *testing.B) {
	t := NewText("body", "call 13812345678 or card 4111 1111 1111 1111")
	for b.Loop() {
		t.Folded.built = false
		PIIDetector{}.Detect(context.Background(), t)
	}
}

// BenchmarkNoteDetectors measures the campaign and velocity detectors
// alone on short notes, each with its own id (the hot path: a note not seen
// before), one of 1000 authors.
func BenchmarkNoteDetectors(b *testing.B) {
	campaign, err := NewCampaignDetector(CampaignConfig{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	velocity, err := NewVelocityDetector(VelocityConfig{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	texts := make([][]*Text, len(shortNotes))
	for i, e := range shortNotes {
		for _, f := range noteFields(&models.Note{NoteEvent: e}) {
			if f.text != "" {
				texts[i] = append(texts[i], NewText(f.name, f.text))
			}
		}
	}
	for _, d := range []NoteDetector{campaign, velocity} {
		b.Run(d.Name(), func(b *testing.B) {
			ctx := context.Background()
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				i := n % len(shortNotes)
				note := &models.Note{NoteEvent: shortNotes[i]}
				note.NoteID = "n" + strconv.Itoa(n)
				note.AuthorID = "a" + strconv.Itoa(n%1000)
				if _, err := d.DetectNote(ctx, note, texts[i]); err != nil {
					b.Fatal(err)
				}
				n++
			}
		})
	}
}

// BenchmarkIntentDetectors measures the intent models on long fields in
// four languages, each field read by all of them (every model but one
// skips it on its language); fields/s is reported (run with -cpu 1).
func BenchmarkIntentDetectors(b *testing.B) {
	ds, err := IntentDetectors(Config{})
	if err != nil {
		b.Fatal(err)
	}
	bodies := []string{
		"i've been giving my things away to friends and telling everyone i'm fine, honestly it feels like relief now",
		"周末带爸妈去了趟杭州，西湖边走了一圈，晚上吃了片儿川和东坡肉，我妈说比上次来的时候好吃多了",
		"Este fin de semana fuimos a la sierra con mis suegros, hicimos una paella enorme y los niños jugaron en el río",
		"週末は義両親と海に行って、港でお寿司を食べて、子どもたちは夕方まで砂浜で大きなお城を作っていた。",
	}
	ctx := context.Background()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, body := range bodies {
			t := NewText("body", body)
			for _, d := range ds {
				if _, err := d.(FieldDetector).Detect(ctx, t); err != nil {
					b.Fatal(err)
				}
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "fields/s")
}
