package main

import "testing"

func TestGlossOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		e    entry
		want string
	}{
		{"first_sense_without_infinitive_to", entry{Simp: "推荐", Pinyin: "tui1 jian4", Senses: []string{"to recommend", "recommendation"}}, "recommend"},
		{"first_alternative_of_a_sense", entry{Simp: "好吃", Pinyin: "hao3 chi1", Senses: []string{"tasty; delicious"}}, "tasty"},
		{"classifier_note_is_removed", entry{Simp: "猫", Pinyin: "mao1", Senses: []string{"cat (CL:隻|只[zhi1])"}}, "cat"},
		{"surname_and_variant_senses_are_passed_over", entry{Simp: "张", Pinyin: "zhang1", Senses: []string{"surname Zhang", "variant of 張[zhang1]", "to open up"}}, "open up"},
		{"marked_register_loses_to_a_plain_sense", entry{Simp: "行", Pinyin: "xing2", Senses: []string{"(literary) trip", "capable; competent"}}, "capable"},
		{"idiom_takes_its_figurative_reading", entry{Simp: "对牛弹琴", Pinyin: "dui4 niu2 tan2 qin2", Senses: []string{"lit. to play the lute to a cow (idiom); fig. to cast pearls before swine"}}, "cast pearls before swine"},
		{"sb_and_sth_are_spelt_out", entry{Simp: "放", Pinyin: "fang4", Senses: []string{"to let (sb) off", "to put sth down"}}, "let off"},
		{"cross_references_and_pinyin_vanish", entry{Simp: "的", Pinyin: "di1", Senses: []string{"a taxi; a cab (abbr. for 的士[di1 shi4])"}}, "a taxi"},
		{"names_are_cut_to_the_name", entry{Simp: "成都市", Pinyin: "Cheng2 du1 Shi4", Senses: []string{"Chengdu, sub-provincial city and capital of Sichuan Province 四川省[Si4 chuan1 Sheng3]"}}, "Chengdu"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := glossOf(tt.e); got != tt.want {
				t.Errorf("glossOf(%v) = %q, want %q", tt.e.Senses, got, tt.want)
			}
		})
	}
}

func TestReverseKey(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in, want string
	}{
		{"infinitive_to_is_dropped", "to recommend", "recommend"},
		{"leading_article_is_dropped", "a cat", "cat"},
		{"sentence_case_words_keep_their_case_for_names", "Hello", "Hello"},
		{"names_keep_their_capital", "New York", "New York"},
		{"long_phrases_are_not_keys", "to be fond of eating and drinking", ""},
		{"digits_and_punctuation_are_not_keys", "COVID-19, the disease", ""},
		{"empty_is_not_a_key", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := reverseKey(tt.in); got != tt.want {
				t.Errorf("reverseKey(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestBuildReversePrefersExactCommonWords(t *testing.T) {
	t.Parallel()
	entries := []entry{
		{Simp: "饭店", Pinyin: "fan4 dian4", Senses: []string{"restaurant; hotel"}},
		{Simp: "馆子", Pinyin: "guan3 zi5", Senses: []string{"(coll.) restaurant"}},
		{Simp: "猫只", Pinyin: "mao1 zhi1", Senses: []string{"(formal) cat"}},
		{Simp: "猫", Pinyin: "mao1", Senses: []string{"cat"}},
		{Simp: "猫", Pinyin: "Mao1", Senses: []string{"surname Mao"}},
	}
	got := buildReverse(entries, map[string]int{"饭店": 500, "馆子": 100, "猫": 1000, "猫只": 1})
	for key, want := range map[string]string{"restaurant": "饭店", "cat": "猫"} {
		if got[key] != want {
			t.Errorf("reverse[%q] = %q, want %q", key, got[key], want)
		}
	}
}
