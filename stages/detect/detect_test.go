package detect

import (
	"context"
	"slices"
	"testing"

	"github.com/notegate/notegate/models"
)

func TestDetect(t *testing.T) {
	t.Parallel()
	d := testDetector(t)
	tests := []struct {
		name, text, code, script string
		mixed                    []string
	}{
		{"short_english_note_is_english", "hi from Ohio, just got here from TikTok", "en", "", nil},
		{"two_simplified_characters_are_chinese", "好看", "zh", "Hans", nil},
		{"traditional_characters_say_hant", "這是繁體中文", "zh", "Hant", nil},
		{"brand_name_in_chinese_does_not_flip_it", "TikTok难民报到！Hello from Ohio", "zh", "Hans", []string{"en"}},
		{"loanword_in_chinese_stays_chinese_and_is_reported", "今天的outfit怎么样", "zh", "Hans", []string{"en"}},
		{"english_note_with_a_chinese_dish", "I really love eating 火锅 with my friends", "en", "", []string{"zh"}},
		{"emoji_only_is_undetermined", "😂😂😂", "und", "", nil},
		{"hashtags_only_are_undetermined", "#ootd #穿搭", "und", "", nil},
		{"url_mention_and_numbers_are_undetermined", "https://x.com/abc @bob 123 !!!", "und", "", nil},
		{"hashtags_do_not_vote_on_real_text", "今天去了海边 #beach #summer #vacation #sunset", "zh", "Hans", nil},
		{"kana_makes_japanese", "日本語を勉強しています", "ja", "", nil},
		{"one_borrowed_no_stays_chinese", "我の日常", "zh", "Hans", nil},
		{"hangul_is_korean", "안녕하세요", "ko", "", nil},
		{"russian_is_told_from_ukrainian", "Привет, как дела?", "ru", "", nil},
		{"ukrainian_is_told_from_russian", "Привіт, як справи?", "uk", "", nil},
		{"spanish_question", "¿Dónde está la biblioteca?", "es", "", nil},
		{"thai_script_is_thai", "สวัสดีครับ", "th", "", nil},
		{"arabic_script_is_arabic", "مرحبا بكم", "ar", "", nil},
		{"chat_abbreviation_is_english", "lol same", "en", "", nil},
		{"short_chat_leans_english", "omg yes", "en", "", nil},
		{"thanks_abbreviation_is_english", "ty!", "en", "", nil},
		{"chat_after_a_word_is_english", "same lmao", "en", "", nil},
		{"turkish_letters_decide_a_word", "ışık", "tr", "", nil},
		{"decomposed_vietnamese_accents_are_composed", "cảm ơn nhiều", "vi", "", nil},
		{"leaning_characters_tell_simplified", "我在看着你", "zh", "Hans", nil},
		{"leaning_characters_tell_traditional", "有人在看著你", "zh", "Hant", nil},
		{"shared_sense_of_a_leaning_character_tells_nothing", "十公里", "zh", "Hans", nil},
		{"english_note_with_chinese_phrase_reports_both", "my first day here and everyone is so nice 大家好", "en", "", []string{"zh"}},
		{"chinese_note_with_english_sentence_reports_both", "第一次来这个平台，大家多多关照 nice to meet you", "zh", "Hans", []string{"en"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got := d.Detect(tc.text)
			if got.Code != tc.code || got.Script != tc.script {
				t.Fatalf("Detect(%q) = %+v, want code %s script %q", tc.text, got, tc.code, tc.script)
			}
			var mixed []string
			for _, m := range got.Mixed {
				mixed = append(mixed, m.Code)
				if m.Share <= 0 || m.Share >= 1 {
					t.Errorf("share of %s = %v, want in (0, 1)", m.Code, m.Share)
				}
			}
			if !slices.Equal(mixed, tc.mixed) {
				t.Errorf("Detect(%q).Mixed = %+v, want %v", tc.text, got.Mixed, tc.mixed)
			}
			if got.Code == models.Undetermined && got.Confidence != 0 || got.Code != models.Undetermined && (got.Confidence <= 0 || got.Confidence > 1) {
				t.Errorf("confidence %v out of range for %s", got.Confidence, got.Code)
			}
		})
	}
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"zero_value_is_the_default_set", Config{}, true},
		{"unknown_code_is_rejected", Config{Languages: []string{"en", "xx"}}, false},
		{"duplicate_code_is_rejected", Config{Languages: []string{"en", "en"}}, false},
		{"loanword_language_must_be_a_candidate", Config{Languages: []string{"zh", "fr"}}, false},
		{"bad_chinese_script_is_rejected", Config{ChineseScript: "Latn"}, false},
		{"min_confidence_above_one_is_rejected", Config{MinConfidence: 2}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if err := tc.cfg.Validate(); (err == nil) != tc.ok {
				t.Fatalf("Validate() = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}

func TestStage(t *testing.T) {
	t.Parallel()
	s := NewStage(testDetector(t))
	if s.Name() != "detect" {
		t.Fatalf("Name() = %q", s.Name())
	}
	notes := []*models.Note{
		{NoteEvent: models.NoteEvent{Title: "今天的穿搭", Body: "好看吗", Tags: []string{"fashion", "style"}}},
		{NoteEvent: models.NoteEvent{Body: "🔥🔥🔥", Tags: []string{"美食", "火锅"}}},
		{NoteEvent: models.NoteEvent{Body: "👍"}},
	}
	if err := s.Process(context.Background(), notes); err != nil {
		t.Fatal(err)
	}
	if got := notes[0].Language; got.Code != "zh" || len(got.Mixed) != 0 {
		t.Errorf("tags voted on a note with text: %+v", got)
	}
	if got := notes[1].Language; got.Code != "zh" {
		t.Errorf("tags should decide a note with nothing else: %+v", got)
	}
	if got := notes[2].Language; got.Code != "und" {
		t.Errorf("emoji note: %+v", got)
	}
}

func FuzzDetect(f *testing.F) {
	for _, s := range []string{"", "lol same", "TikTok难民报到！Hello from Ohio", "#话题[话题]#", "a@b.c", "www.", "#", "@", "http://", "x.com/", "ﾟ", "\xff\xfe", "の", "今天的outfit怎么样 https://t.co/x @u #t"} {
		f.Add(s)
	}
	d := testDetector(f)
	f.Fuzz(func(t *testing.T, s string) {
		got := d.Detect(s)
		if got.Code == "" || got.Confidence < 0 || got.Confidence > 1 {
			t.Fatalf("Detect(%q) = %+v", s, got)
		}
		total := 0.0
		for _, m := range got.Mixed {
			total += m.Share
		}
		if total > 1.001 {
			t.Fatalf("shares add up to %v: %+v", total, got)
		}
	})
}
