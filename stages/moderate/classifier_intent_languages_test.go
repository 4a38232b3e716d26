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
			// The model cannot tell a person at risk from a promoter:
			// its self_harm findings always ask for support.
			checkIntentFindings(t, c, tt.text, tt.want, true)
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
		{"by default English, every other language with a model, the harassment and the hate model run", Config{}, false, 1 + len(IntentLanguages()) + 2},
		{"a language can be turned off alone", Config{IntentClassifiers: map[string]ClassifierConfig{"zh": {Disabled: true}}}, false, len(IntentLanguages()) + 2},
		{"the harassment model can be turned off", Config{HarassmentClassifier: ClassifierConfig{Disabled: true}}, false, 1 + len(IntentLanguages()) + 1},
		{"the hate model can be turned off", Config{HateClassifier: ClassifierConfig{Disabled: true}}, false, 1 + len(IntentLanguages()) + 1},
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

func TestEveryLanguageModelReadsItsOwnLanguageOnly(t *testing.T) {
	t.Parallel()
	// The same two notes in each language: someone who has given their
	// cat and things away, written letters and set a day, and a weekend
	// with the in-laws. "" when no finding is wanted.
	tests := []struct {
		lang, text string
		want       models.Category
	}{
		{"es", "Le dejé el perro a mi vecina y ya repartí mis cosas entre mis primos. Escribí cartas para mi mamá y mi hermana, están en el cajón. Ya no quiero seguir siendo una carga para nadie, esta semana termino con todo.", models.CategorySelfHarm},
		{"es", "Este fin de semana fuimos a la sierra con mis suegros, hicimos una paella enorme y los niños jugaron en el río hasta que se hizo de noche. Volvimos cansados pero felices.", ""},
		{"pt", "Doei minhas roupas e deixei a gata com a minha tia. Já escrevi as cartas pra minha mãe e pro meu irmão. Cansei de ser um peso pra todo mundo, sexta-feira eu acabo com isso de vez.", models.CategorySelfHarm},
		{"pt", "Domingo fizemos um churrasco na casa da minha avó, veio a família toda, as crianças correram no quintal o dia inteiro e ainda sobrou farofa pra semana toda.", ""},
		{"fr", "J'ai confié mon chat à ma voisine et donné mes affaires à mes cousins. Les lettres pour ma mère et ma sœur sont dans le tiroir. Je ne veux plus être un poids pour personne, vendredi j'en finis pour de bon.", models.CategorySelfHarm},
		{"fr", "Ce week-end on est allés à la mer avec les beaux-parents, on a mangé des moules-frites sur le port et les enfants ont construit un château de sable énorme avant la marée.", ""},
		{"de", "Meine Katze ist jetzt bei der Nachbarin, meine Sachen habe ich an meine Cousins verschenkt. Die Briefe für Mama und meine Schwester liegen in der Schublade. Ich will niemandem mehr zur Last fallen, am Freitag mache ich Schluss mit allem.", models.CategorySelfHarm},
		{"de", "Am Wochenende waren wir mit den Schwiegereltern am See, haben gegrillt und die Kinder sind bis zum Sonnenuntergang im Wasser geblieben. Müde, aber glücklich wieder zu Hause.", ""},
		{"ja", "週末は義両親と海に行って、港でお寿司を食べて、子どもたちは夕方まで砂浜で大きなお城を作っていた。疲れたけど楽しい一日だった。", ""},
		{"ko", "주말에 시부모님이랑 바다에 가서 항구에서 회를 먹고 아이들은 해질 때까지 모래사장에서 큰 성을 만들었어요. 피곤했지만 즐거운 하루였어요.", ""},
	}
	const english = "i've been giving my things away to friends and telling everyone i'm fine. i don't think i'll be around after the holidays and honestly that feels like relief"
	for _, code := range IntentLanguages() {
		c, err := NewIntentLanguageClassifier(code, ClassifierConfig{})
		if err != nil {
			t.Fatal(err)
		}
		checkIntentFindings(t, c, english, "", true)
		for _, tt := range tests {
			if tt.lang != code {
				continue
			}
			checkIntentFindings(t, c, tt.text, tt.want, true)
		}
	}
}
