package moderate

import (
	"strings"
	"testing"
)

func TestInFieldQuotation(t *testing.T) {
	tests := []struct {
		name, s, at string
		want        bool
	}{
		{"a Korean message quoted across its sentences", "'쇼핑몰 재택 알바 하루 10만원, 좋아요만 누르면 돼요. 텔레그램 @cp_job_kr 문의' 이거 전형적인 부업 사기예요.", "@cp_job_kr", true},
		{"an English text quoted across sentences", "Got this: 'Hi Mom. New number. Text me at +1 555 0100.' Scam.", "+1 555 0100", true},
		{"Japanese brackets across a sentence end", "DMで「当選しました。送料をお支払いください」と来た", "送料", true},
		{"words after the closing quote are outside", "Got this: 'Hi Mom.' Text me at +1 555 0100.", "+1 555 0100", false},
		{"apostrophes quote nothing", "I can't believe it's 5 o'clock, call 555 0100", "555 0100", false},
		{"an unclosed quote quotes nothing", "He said 'text me at 555 0100", "555 0100", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i := strings.Index(tt.s, tt.at)
			if got := inFieldQuotation(tt.s, Span{i, i + len(tt.at)}); got != tt.want {
				t.Errorf("inFieldQuotation(%q, %q) = %v, want %v (quotations %v)", tt.s, tt.at, got, tt.want, quotationSpans(tt.s))
			}
		})
	}
}

func FuzzQuotationSpans(f *testing.F) {
	for _, s := range []string{"'a' b", "「x」", "can't 'q'", "“a„b”", "'", "\"\"", "x'y'z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, q := range quotationSpans(s) {
			if q.Start < 0 || q.End > len(s) || q.Start > q.End {
				t.Fatalf("quotationSpans(%q) gave %v", s, q)
			}
		}
	})
}

func TestHasQuotation(t *testing.T) {
	tests := []struct {
		name, s string
		want    bool
	}{
		{"single quotes around words", "the line 'I will burn it' stays", true},
		{"double quotes after a colon", `he wrote:"you're next"`, true},
		{"Japanese brackets", "台詞『有錢就有槍』", true},
		{"straight quotes right after a Han character", "网上骂人'傻逼'算不算侮辱罪", true},
		{"an apostrophe is no quotation", "so they can't testify in court", false},
		{"two apostrophes are none either", "it's the witness's word", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := hasQuotation(tt.s); got != tt.want {
				t.Errorf("hasQuotation(%q) = %v, want %v", tt.s, got, tt.want)
			}
		})
	}
}
