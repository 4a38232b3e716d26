package moderate

import (
	"slices"
	"testing"

	"github.com/notegate/notegate/models"
)

func TestCrudeSwearing(t *testing.T) {
	s := newTestStage(t)
	tests := []struct {
		name, body string
		intl, cn   models.Decision
		words      []string // the crude finding's evidence, nil for none
	}{
		{"one swear word as an intensifier is allowed", "this concert was fucking amazing",
			models.DecisionAllow, models.DecisionAllow, nil},
		{"two strong English swear words are crude", "f*ck this sh!t, mondays are the worst",
			models.DecisionReview, models.DecisionBlock, []string{"f*ck", "sh!t"}},
		{"a French phrase of swear words counts as its words", "Putain de merde, encore raté mon bus.",
			models.DecisionReview, models.DecisionBlock, []string{"Putain", "merde"}},
		{"Korean swearing twice in one sentence", "아 씨발 과제 존나 많네",
			models.DecisionReview, models.DecisionBlock, []string{"씨발", "존나"}},
		{"leet with a final @ for an a", "p0rr@ que calor do c@r@lh0 hoje",
			models.DecisionReview, models.DecisionBlock, []string{"p0rr@", "c@r@lh0"}},
		{"a prefix of a swear word is not a word of its own", "eres un pendejo de mierda, lárgate",
			models.DecisionReview, models.DecisionBlock, []string{"pendejo", "mierda"}},
		{"a thesis about swear words names them and swears at no one",
			"Für meine Hausarbeit: Warum sind deutsche Schimpfwörter so oft fäkal (Scheiße, Arschloch, Kackbratze)?",
			models.DecisionAllow, models.DecisionReview, nil},
		{"Austrian swearing is crude too", "Heast, so a Oaschwetter heit, leck mi am Oasch, Kruzifix nochamoi!",
			models.DecisionReview, models.DecisionBlock, []string{"Oasch", "leck mi am Oasch", "Kruzifix"}},
		{"one swear expression of two words is one swear", "Verdammte Scheiße, die U-Bahn fällt schon wieder aus",
			models.DecisionAllow, models.DecisionAllow, nil},
		{"three everyday swear words are crude without a strong one", "wc 这tm什么鬼天气，cao，出门五分钟全身湿透",
			models.DecisionReview, models.DecisionBlock, []string{"wc", "这tm什么", "cao"}},
		{"two Taiwanese swear words in zhuyin initials are crude as they are written out", "ㄊㄇㄉ 下雨還要加班 ㄎㄅ",
			models.DecisionReview, models.DecisionBlock, []string{"ㄊㄇㄉ", "ㄎㄅ"}},
		{"one zhuyin swear word alone is allowed", "ㄎㄅ 機車又發不動",
			models.DecisionAllow, models.DecisionAllow, nil},
		{"a strong insult beside an oath is crude swearing", "卧槽这什么傻逼天气",
			models.DecisionReview, models.DecisionBlock, []string{"卧槽", "傻逼"}},
		{"two everyday oaths said one after the other are crude", "Huere Seich, scho wieder Räge. Gopferdammi, ich ha mis Velo dusse la.",
			models.DecisionReview, models.DecisionBlock, []string{"Huere Seich", "Gopferdammi"}},
		{"mild words alone are not crude", "damn, what the hell happened to the wifi",
			models.DecisionAllow, models.DecisionReview, nil},
		{"a tourist's guide to one French swear word", "Petit guide pour les touristes à Marseille : « putain » là-bas, c'est presque de la ponctuation",
			models.DecisionAllow, models.DecisionAllow, nil},
		{"a town's name is no swearing", "Kurzer Halt in Fugging, Österreich. Bis 2021 hieß das Dorf wirklich Fucking",
			models.DecisionAllow, models.DecisionAllow, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := moderateBody(t, s, tt.body)
			m := n.Moderation
			if m.Markets["intl"] != tt.intl || m.Markets["cn"] != tt.cn {
				t.Errorf("intl %s, cn %s; want intl %s, cn %s (labels %+v)", m.Markets["intl"], m.Markets["cn"], tt.intl, tt.cn, m.Labels)
			}
			var words []string
			for _, l := range m.Labels {
				if l.Source == "crude" {
					for _, e := range l.Evidence {
						words = append(words, e.Text)
					}
				}
			}
			if !slices.Equal(words, tt.words) {
				t.Errorf("crude evidence %q, want %q", words, tt.words)
			}
		})
	}
}

func TestSeparateSpans(t *testing.T) {
	tests := []struct {
		name        string
		spans, want []Span
	}{
		{"a phrase holding two words is the two words", []Span{{0, 15}, {0, 6}, {10, 15}}, []Span{{0, 6}, {10, 15}}},
		{"one word matched twice counts once", []Span{{4, 11}, {4, 11}}, []Span{{4, 11}}},
		{"a word and its prefix are one word", []Span{{0, 4}, {0, 7}}, []Span{{0, 4}}},
		{"overlapping words merge", []Span{{0, 5}, {3, 8}}, []Span{{0, 8}}},
		{"separate words stay apart, in order", []Span{{9, 12}, {0, 4}}, []Span{{0, 4}, {9, 12}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := separateSpans(slices.Clone(tt.spans)); !slices.Equal(got, tt.want) {
				t.Errorf("separateSpans(%v) = %v, want %v", tt.spans, got, tt.want)
			}
		})
	}
}
