package translate

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalizeText(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"space_runs_inside_become_one_space", "hello \t\n world", "hello world"},
		{"leading_and_trailing_space_is_dropped", "  hi\u3000", "hi"},
		{"decomposed_accents_compose", "cafe\u0301", "caf\u00e9"},
		{"chinese_is_kept_as_it_is", "火锅 推荐", "火锅 推荐"},
		{"empty_stays_empty", " \n ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := NormalizeText(tt.in); got != tt.want {
				t.Errorf("NormalizeText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzNormalizeText(f *testing.F) {
	for _, s := range []string{"", "hello  world", "火锅\u200b推荐", "cafe\u0301", "\xff\xfe", " a\tb\nc "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormalizeText(s)
		if NormalizeText(n) != n {
			t.Fatalf("not idempotent: %q → %q → %q", s, n, NormalizeText(n))
		}
		if utf8.ValidString(s) && !utf8.ValidString(n) {
			t.Fatalf("valid input %q gave invalid output %q", s, n)
		}
		if strings.HasPrefix(n, " ") || strings.HasSuffix(n, " ") || strings.Contains(n, "  ") {
			t.Fatalf("space left in %q", n)
		}
	})
}

func TestCacheKeySeparatesPairsAndProviders(t *testing.T) {
	t.Parallel()
	base := newCacheKey("hello", "en", "zh", "a")
	for _, k := range []cacheKey{
		newCacheKey("hello", "en", "fr", "a"),
		newCacheKey("hello", "en", "zh", "b"),
		newCacheKey("hello", "fr", "zh", "a"),
		newCacheKey("hellO", "en", "zh", "a"),
		newCacheKey("a\x00en\x00zh\x00hello", "", "", ""),
	} {
		if k == base {
			t.Errorf("key %s collides with the base key", k)
		}
	}
}

func TestLRU(t *testing.T) {
	t.Parallel()
	key := func(i int) cacheKey { return newCacheKey(fmt.Sprint(i), "en", "zh", "a") }
	t.Run("the_least_recently_used_entry_goes_first", func(t *testing.T) {
		t.Parallel()
		c := newLRU(2, 1<<20)
		c.Put(key(1), "one")
		c.Put(key(2), "two")
		c.Get(key(1))
		c.Put(key(3), "three")
		if _, ok := c.Get(key(2)); ok {
			t.Error("entry 2 survived though it was least recently used")
		}
		if v, ok := c.Get(key(1)); !ok || v != "one" {
			t.Errorf("entry 1 = %q, %v", v, ok)
		}
	})
	t.Run("bytes_are_bounded_too", func(t *testing.T) {
		t.Parallel()
		limit := int64(10 * (lruEntryOverhead + 100))
		c := newLRU(1000, limit)
		for i := range 50 {
			c.Put(key(i), strings.Repeat("x", 100))
		}
		n, b := c.Len()
		if b > limit || n != 10 {
			t.Errorf("%d entries, %d bytes; want 10 entries within %d bytes", n, b, limit)
		}
	})
	t.Run("an_entry_larger_than_the_bound_is_not_kept", func(t *testing.T) {
		t.Parallel()
		c := newLRU(10, 100)
		c.Put(key(1), strings.Repeat("x", 200))
		if n, _ := c.Len(); n != 0 {
			t.Errorf("%d entries", n)
		}
	})
	t.Run("replacing_a_value_keeps_the_byte_count_right", func(t *testing.T) {
		t.Parallel()
		c := newLRU(10, 1<<20)
		c.Put(key(1), "short")
		c.Put(key(1), "a longer value")
		if n, b := c.Len(); n != 1 || b != lruEntryOverhead+int64(len("a longer value")) {
			t.Errorf("%d entries, %d bytes", n, b)
		}
	})
}

func BenchmarkCacheKey(b *testing.B) {
	text := "成都的火锅太好吃了，推荐给大家 and a bit of English for good measure"
	for b.Loop() {
		_ = newCacheKey(NormalizeText(text), "zh", "en", "deepl")
	}
}

func TestToTraditional(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"simplified_characters_are_converted", "火锅推荐给大家", "火鍋推薦給大家"},
		{"latin_and_punctuation_are_kept", "OK，发", "OK，發"},
		{"traditional_stays_traditional", "臺灣", "臺灣"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := ToTraditional(tt.in); got != tt.want {
				t.Errorf("ToTraditional(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
