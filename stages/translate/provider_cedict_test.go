package translate

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func newGloss(t testing.TB) *CedictGloss {
	t.Helper()
	g, err := NewCedictGloss()
	if err != nil {
		t.Fatalf("NewCedictGloss: %v", err)
	}
	return g
}

// glossCase is a text and what its gloss must and must not contain.
type glossCase struct {
	name    string
	in      string
	want    []string // substrings of the gloss
	notWant []string
}

// checkGlosses glosses each case's text from one language to the other
// and checks the substrings it must and must not hold.
func checkGlosses(t *testing.T, g *CedictGloss, from, to string, cases []glossCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out, err := g.Translate(context.Background(), from, to, []string{tc.in})
			if err != nil {
				t.Fatal(err)
			}
			got := out[0]
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("gloss of %q = %q, want it to contain %q", tc.in, got, w)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(got, w) {
					t.Errorf("gloss of %q = %q, want no %q", tc.in, got, w)
				}
			}
		})
	}
}

func TestCedictGlossChineseToEnglish(t *testing.T) {
	t.Parallel()
	tests := []glossCase{
		{"hotpot_recommendation_title_glosses_both_words", "火锅推荐", []string{"hotpot", "recommend"}, nil},
		{"food_note_keeps_emoji_and_turns_punctuation_english",
			"成都必吃的火锅推荐！真的太好吃了😋", []string{"Chengdu", "hotpot", "recommend!", "delicious", "😋"}, []string{"！", "的"}},
		{"traditional_script_is_glossed_like_simplified",
			"這家餐廳的牛肉麵超級好吃", []string{"beef noodle", "super", "delicious"}, nil},
		{"latin_runs_and_numbers_are_kept_with_spaces_around",
			"iPhone 15 Pro 真的值得买吗？", []string{"iPhone 15 Pro really", "buy?"}, []string{"吗"}},
		{"latin_glued_to_chinese_gets_a_space", "欢迎TikTok难民！", []string{"welcome TikTok refugee!"}, nil},
		{"particles_are_dropped_not_glossed", "你吃饭了吗？真的太好吃了", []string{"you have a meal? really too delicious"}, []string{"marker", "particle"}},
		{"pronoun_and_copula_read_as_english", "我是美国人，我的猫咪特别可爱", []string{"I am American", "my kitty", "adorable"}, []string{"of"}},
		{"names_are_shortened_to_the_name", "第一次来上海，大家好", []string{"first time", "Shanghai,", "everyone"}, []string{"municipality"}},
		{"hashtags_keep_their_sign", "#旅行 #上海", []string{"#travel #Shanghai"}, nil},
		{"line_breaks_are_kept", "今天天气很好\n我们去公园", []string{"today weather very good\nwe go park"}, nil},
		{"chinese_quotes_become_straight_quotes_hugging_the_words", "我爱“火锅”和“奶茶”", []string{`love "hotpot" and "milk tea"`}, nil},
		{"emoji_only_note_comes_back_unchanged", "😂😂👍", []string{"😂😂👍"}, nil},
		{"unknown_characters_are_kept", "𠀾火锅", []string{"𠀾", "hotpot"}, nil},
		{"glossary_hides_pinyin_and_cross_references", "吧台", nil, []string{"[", "]", "|"}},
	}
	checkGlosses(t, newGloss(t), "zh", "en", tests)
}

func TestCedictGlossEnglishToChinese(t *testing.T) {
	t.Parallel()
	tests := []glossCase{
		{"greeting_from_ohio_starts_with_nihao", "hello from Ohio", []string{"你好从"}, nil},
		{"whole_sentence_is_glossed_without_spaces_between_chinese",
			"My cat loves eating dumplings", []string{"我的猫爱吃饺子"}, []string{" "}},
		{"multiword_place_names_match_before_single_words",
			"Can anyone recommend a good restaurant in New York?", []string{"推荐", "纽约？"}, []string{"York", "新"}},
		{"phrases_match_before_their_words", "I love ice cream and milk tea", []string{"冰淇淋", "奶茶"}, nil},
		{"urls_and_emails_are_kept_whole", "check https://example.com/x?y=1 or mail me@x.io",
			[]string{"https://example.com/x?y=1", "me@x.io"}, nil},
		{"capitalized_words_inside_a_sentence_match_only_names", "I met Rose and Mark yesterday", []string{"Rose", "马克", "昨天"}, []string{"玫瑰"}},
		{"mentions_and_hashtags_are_kept", "hi @lily #tiktokrefugee", []string{"@lily", "#tiktokrefugee"}, nil},
		{"unknown_words_stay_with_a_space_to_chinese", "TikTok refugees say hi 👋", []string{"TikTok 难民", "👋"}, nil},
		{"plurals_ing_and_ed_are_undone", "dogs loved playing with cats", []string{"狗爱玩", "猫"}, []string{"dogs", "loved", "playing", "cats"}},
		{"contractions_and_articles_read_as_chinese", "I don't like the rain", []string{"我不喜欢", "雨"}, []string{"the", "'"}},
		{"numbers_are_kept", "3 cats for 2.5 dollars", []string{"3", "2.5"}, nil},
		{"chinese_inside_english_is_kept", "I love 火锅", []string{"我爱", "火锅"}, nil},
		{"curly_apostrophes_work_like_straight_ones", "I’m hungry", []string{"我饿"}, nil},
		{"line_breaks_are_kept", "good morning\nfriends", []string{"\n"}, nil},
	}
	checkGlosses(t, newGloss(t), "en", "zh", tests)
}

func TestCedictGlossPairs(t *testing.T) {
	t.Parallel()
	g := newGloss(t)
	tests := []struct {
		name        string
		from, to    string
		unsupported bool
	}{
		{"chinese_to_english_is_served", "zh", "en", false},
		{"english_to_chinese_is_served", "en", "zh", false},
		{"regional_tags_reduce_to_their_language", "zh-Hant", "EN-us", false},
		{"french_to_chinese_is_unsupported", "fr", "zh", true},
		{"english_to_english_is_unsupported", "en", "en", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := g.Translate(context.Background(), tt.from, tt.to, []string{"x"})
			if got := errors.Is(err, ErrUnsupportedPair); got != tt.unsupported {
				t.Fatalf("Translate(%s→%s) error = %v, want unsupported=%v", tt.from, tt.to, err, tt.unsupported)
			}
		})
	}
}

func TestCedictGlossStats(t *testing.T) {
	t.Parallel()
	st := newGloss(t).Stats()
	if st.ChineseHeadwords < 150_000 || st.EnglishKeys < 50_000 || st.TableBytes < 1<<20 {
		t.Fatalf("Stats() = %+v, want the whole CC-CEDICT table loaded", st)
	}
}

func TestTokenizeEnglishKeepsEveryByte(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		in    string
		words []string
	}{
		{"contractions_and_hyphens_stay_in_the_word", "don't sugar-free it’s", []string{"don't", "sugar-free", "it’s"}},
		{"urls_are_not_words", "see https://a.b/c?d=e now", []string{"see", "now"}},
		{"mentions_hashtags_and_emails_are_not_words", "@bob #food a@b.co", nil},
		{"numbers_are_not_words", "3.5 and 10,000", []string{"and"}},
		{"trailing_apostrophe_is_punctuation", "dogs' bowls", []string{"dogs", "bowls"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			toks := tokenizeEnglish(tt.in, nil)
			var joined strings.Builder
			var words []string
			for _, tok := range toks {
				joined.WriteString(tok.text)
				if tok.kind == enWord {
					words = append(words, tok.text)
				}
			}
			if joined.String() != tt.in {
				t.Errorf("tokens join to %q, want %q", joined.String(), tt.in)
			}
			if strings.Join(words, "|") != strings.Join(tt.words, "|") {
				t.Errorf("words = %q, want %q", words, tt.words)
			}
		})
	}
}

func FuzzGlossChinese(f *testing.F) {
	for _, s := range []string{"火锅推荐", "這家餐廳的牛肉麵超級好吃", "iPhone 15 Pro 真的值得买吗？", "😂", "", "\xff\xfe火", "〇〇七", "（）《》“”", "a\u0301中"} {
		f.Add(s)
	}
	g := newGloss(f)
	f.Fuzz(func(t *testing.T, s string) {
		out := g.dict.glossChinese(s)
		if !utf8.ValidString(out) {
			t.Fatalf("glossChinese(%q) = %q, not valid UTF-8", s, out)
		}
		if s != "" && strings.TrimSpace(s) != "" && out == "" && !onlyParticles(g, s) {
			t.Fatalf("glossChinese(%q) is empty", s)
		}
	})
}

// onlyParticles reports whether every character of s glosses to nothing.
func onlyParticles(g *CedictGloss, s string) bool {
	for _, r := range s {
		if gl, ok := g.dict.zh.get(g.dict.table, string(r)); !ok || gl != "" {
			if !isHan(r) || ok {
				return false
			}
		}
	}
	return true
}

func FuzzGlossEnglish(f *testing.F) {
	for _, s := range []string{"hello from Ohio", "I’m new here!!! https://x.y/z", "@a #b c@d.e", "3.5,", "don't-", "'s", "", "\xffabc", "New York New York"} {
		f.Add(s)
	}
	g := newGloss(f)
	f.Fuzz(func(t *testing.T, s string) {
		var joined strings.Builder
		for _, tok := range tokenizeEnglish(s, nil) {
			if tok.text == "" {
				t.Fatalf("tokenizeEnglish(%q) made an empty token", s)
			}
			joined.WriteString(tok.text)
		}
		if joined.String() != s {
			t.Fatalf("tokens of %q join to %q", s, joined.String())
		}
		out := g.dict.glossEnglish(s)
		if !utf8.ValidString(out) {
			t.Fatalf("glossEnglish(%q) = %q, not valid UTF-8", s, out)
		}
	})
}

var benchZh = []string{
	"成都必吃的火锅推荐！真的太好吃了😋",
	"第一次用小红书，大家好！我是美国人，来自俄亥俄州。",
	"求推荐上海好玩的地方～ #旅行 #上海",
	"這家餐廳的牛肉麵超級好吃",
}

var benchEn = []string{
	"Hello from Ohio! I'm new here, looking for the best hotpot in Chengdu.",
	"My cat loves eating dumplings",
	"Can anyone recommend a good restaurant in New York?",
	"TikTok refugees say hi 👋 learning Chinese is hard lol",
}

func BenchmarkCedictGlossChineseToEnglish(b *testing.B) {
	g := newGloss(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := g.Translate(ctx, "zh", "en", benchZh); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(benchZh))/b.Elapsed().Seconds(), "texts/s")
}

func BenchmarkCedictGlossEnglishToChinese(b *testing.B) {
	g := newGloss(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := g.Translate(ctx, "en", "zh", benchEn); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(benchEn))/b.Elapsed().Seconds(), "texts/s")
}

func TestParseCedictRejectsMalformedTables(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		table string
		ok    bool
	}{
		{"well_formed_table_loads", "# comment\nz\t火锅\thotpot\ne\thotpot\t火锅\n", true},
		{"line_without_tabs_fails", "z 火锅 hotpot\n", false},
		{"unknown_record_kind_fails", "x\ta\tb\n", false},
		{"empty_key_fails", "z\t\thotpot\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := parseCedict(gzipString(t, tt.table))
			if (err == nil) != tt.ok {
				t.Fatalf("parseCedict error = %v, want ok=%v", err, tt.ok)
			}
		})
	}
	if _, err := parseCedict([]byte("not gzip")); err == nil {
		t.Fatal("parseCedict accepted data that is not gzip")
	}
}

func gzipString(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(s)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
