package translate

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCedictGlossAlignSpans(t *testing.T) {
	t.Parallel()
	g := newGloss(t)
	gloss := func(from, to, s string) string {
		out, err := g.Translate(context.Background(), from, to, []string{s})
		if err != nil {
			t.Fatal(err)
		}
		return out[0]
	}
	span := func(s, part string) [2]int {
		i := strings.Index(s, part)
		if i < 0 {
			t.Fatalf("%q not in %q", part, s)
		}
		return [2]int{i, i + len(part)}
	}
	const spam = "加V信 abc123 领取福利，每天都有新内容。"
	const insult = "You are a stupid bitch. Go die!"
	const particle = "你就是个傻*逼"
	tests := []struct {
		name               string
		provider, from, to string
		source, translated string
		spans              [][2]int
		want               []string // the translated text each span maps to; "" for none
		ok                 bool
	}{
		{"a_chinese_contact_spam_maps_to_the_words_it_was_glossed_into", CedictGlossName, "zh", "en", spam, gloss("zh", "en", spam),
			[][2]int{span(spam, "加V信 abc123"), span(spam, "每天")}, []string{"add V letter abc123", "every day"}, true},
		{"a_span_inside_one_word_maps_to_the_whole_word", CedictGlossName, "zh", "en", spam, gloss("zh", "en", spam),
			[][2]int{span(spam, "福")}, []string{"material benefit"}, true},
		{"a_disguised_insult_maps_across_the_mask", CedictGlossName, "zh", "en", particle, gloss("zh", "en", particle),
			[][2]int{span(particle, "傻*逼")}, []string{"foolish* force"}, true},
		{"a_dropped_particle_maps_to_nothing", CedictGlossName, "zh", "en", particle, gloss("zh", "en", particle),
			[][2]int{span(particle, "个")}, []string{""}, true},
		{"an_english_insult_maps_to_its_chinese_gloss", CedictGlossName, "en", "zh", insult, gloss("en", "zh", insult),
			[][2]int{span(insult, "stupid bitch")}, []string{"愚钝贱货"}, true},
		{"a_note_language_with_a_script_suffix_is_read_as_its_base", CedictGlossName, "zh-Hans", "en", spam, gloss("zh", "en", spam),
			[][2]int{span(spam, "新内容")}, []string{"new content"}, true},
		{"another_provider_is_not_aligned", "libretranslate", "zh", "en", spam, gloss("zh", "en", spam), [][2]int{{0, 3}}, nil, false},
		{"a_text_that_is_not_this_gloss_is_not_aligned", CedictGlossName, "zh", "en", spam, "add WeChat abc123 to get benefits", [][2]int{{0, 3}}, nil, false},
		{"a_traditional_target_is_not_aligned", CedictGlossName, "en", TargetTraditional, insult, ToTraditional(gloss("en", "zh", insult)), [][2]int{{0, 3}}, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			mapped, ok := g.AlignSpans(tt.provider, tt.from, tt.to, tt.source, tt.translated, tt.spans)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			for i, m := range mapped {
				got := ""
				if m[0] >= 0 {
					got = tt.translated[m[0]:m[1]]
				}
				if got != tt.want[i] {
					t.Errorf("span %q maps to %q, want %q (gloss %q)", tt.source[tt.spans[i][0]:tt.spans[i][1]], got, tt.want[i], tt.translated)
				}
			}
		})
	}
}

// FuzzCedictGlossAlignSpans checks, for any text and span, that the
// linked gloss equals the plain one and that a span maps inside the gloss,
// on character boundaries.
func FuzzCedictGlossAlignSpans(f *testing.F) {
	g, err := NewCedictGloss()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"加V信 abc123 领取福利，每天都有新内容。", "You are a stupid bitch. Go die!", "你就是个傻*逼", "“火锅”（好吃）…\n👍 https://x.cn/a?b=1"} {
		f.Add(s, 0, len(s)/2)
	}
	f.Fuzz(func(t *testing.T, s string, a, b int) {
		if !utf8.ValidString(s) || a < 0 || b < a || b > len(s) {
			return
		}
		for _, dir := range [][2]string{{"zh", "en"}, {"en", "zh"}} {
			out, err := g.Translate(context.Background(), dir[0], dir[1], []string{s})
			if err != nil {
				t.Fatal(err)
			}
			mapped, ok := g.AlignSpans(CedictGlossName, dir[0], dir[1], s, out[0], [][2]int{{a, b}})
			if !ok {
				t.Fatalf("%s→%s: the gloss of %q is not aligned with itself", dir[0], dir[1], s)
			}
			m := mapped[0]
			if m == [2]int{-1, -1} {
				continue
			}
			if m[0] < 0 || m[0] >= m[1] || m[1] > len(out[0]) || !utf8.ValidString(out[0][m[0]:m[1]]) {
				t.Fatalf("%s→%s: span [%d,%d) of %q maps to %v in %q", dir[0], dir[1], a, b, s, m, out[0])
			}
		}
	})
}
