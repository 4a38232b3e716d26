package moderate

import (
	"slices"
	"strings"
	"testing"
)

func TestMentionsFindHandlesNotAddresses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       []string
	}{
		{"a handle with an underscore is one", "la g0rd4 d3 @martina_fit subiendo", []string{"@martina_fit"}},
		{"a handle with a dot is one", "Mi ex @dani.ortega es un malnacido", []string{"@dani.ortega"}},
		{"a Korean handle is one", "@지수_운동 돼지가 운동한다고", []string{"@지수_운동"}},
		{"a Chinese handle is one", "@小晴 妳這個", []string{"@小晴"}},
		{"two handles are two", "@ana y @bea_m vengan", []string{"@ana", "@bea_m"}},
		{"an e-mail address is no handle", "escríbeme a maria@example.com", nil},
		{"an @ alone is no handle", "nos vemos @ las 8", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, r := range mentions(tt.text) {
				got = append(got, tt.text[r[0]:r[1]])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("mentions(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

// A handle beside an insult points it at one person; the same insult
// beside a thing, or a handle told about abuse reported, decides nothing.
func TestHandleBesideAnInsult(t *testing.T) {
	s := newTableStage(t)
	wantStopped(t, s, "an insult beside a handle hits", []string{
		"la g0rd4 d3 @martina_fit subiendo 'rutina de abs' ¿qué abs, mi reina? la próxima sube tu rutina de tragar jajaja",
		"@thiago.fit tu é um m0ngu0l0id3 kkk treino de frango pra um frango",
		"Reply-all: @david_k is a worthless idiot and a fat slob",
	}, "intl")
	wantAllowed(t, s, "a handle beside praise, or abuse reported, is allowed", []string{
		"@martina_fit qué rutina tan buena, gracias por compartir 💪",
		"Vi gente chamando a @bia_cozinha de 'gorda' e 'feia' nos comentários do vídeo dela. Isso é bullying, gente. Denunciei todos os comentários.",
		"thanks @mike_b, the stupid printer jammed again",
	}, "intl")
}

// A handle is a name someone chose: a threat or a swear word inside it is
// not the author's. The same words outside the handle, or a seller's
// handle, still count.
func TestWordsInsideAHandleAreNotTheAuthors(t *testing.T) {
	rules := newTestRules(t, map[string]string{
		"violence.pt.yaml": `
rules:
  - id: threat
    score: 0.85
    window: 8 words
    all: [["até morrer"], [apanhar]]
`,
		"illicit.en.yaml": `
rules:
  - id: plug
    score: 0.85
    all: [["*weedplug*"], [dm]]
`})
	checkFires(t, rules, []fireCase{
		{"a fan's handle that says to the death", "@flamengo_ate_morrer vocês vão apanhar feio no domingo 😂", false},
		{"the same words said by the author", "vocês vão apanhar até morrer no domingo", true},
		{"a seller's handle still reads", "dm @weedplug_uk for the menu", true},
	})
}

func FuzzMentions(f *testing.F) {
	for _, s := range []string{"@a_b", "x@y.z @q", "@@@", "@小晴 @지수", "a@", "@.", "@_."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range mentions(s) {
			if r[0] < 0 || r[1] > len(s) || r[0] >= r[1] || !strings.HasPrefix(s[r[0]:r[1]], "@") {
				t.Fatalf("mentions(%q) gave %v", s, r)
			}
		}
	})
}
