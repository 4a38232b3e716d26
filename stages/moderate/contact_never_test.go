package moderate

import (
	"strings"
	"testing"
)

func TestSpamSignsInAPromiseNeverToAskDoNotCount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		sign       bool
	}{
		{"a shop that never asks for a transfer by message", "官方LINE帳號@abcshop，我們絕不會私訊跟你要匯款。", false},
		{"an English promise never to ask for money", "Book on our site. We will never DM you asking for money.", false},
		{"a Spanish promise never to ask for a transfer", "Nunca te pedimos transferencias por mensaje.", false},
		{"a lure that says never worry about money", "Never worry about money again, passive income daily", true},
		{"a promise in one clause does not cover the next", "我们绝不私信你，日入三千稳赚", true},
		{"money asked for plainly", "加我私信，先转账再发货，稳赚", true},
		{"readers told not to trust a private transfer", "訂房請走官方平台，不要相信私下轉帳喔", false},
		{"distrust in one clause does not cover the next", "不要相信别人，私下转账给我", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := spamSignText(NewText("body", tt.text), false); got != tt.sign {
				t.Errorf("spamSignText(%q) = %v, want %v", tt.text, got, tt.sign)
			}
		})
	}
}

func FuzzPromisedNever(f *testing.F) {
	f.Add("我們絕不會私訊跟你要匯款", 12)
	f.Add("never DM you for money", 18)
	f.Fuzz(func(t *testing.T, s string, i int) {
		if i < 0 || i > len(s) {
			return
		}
		promisedNever(strings.ToValidUTF8(s, ""), min(i, len(strings.ToValidUTF8(s, ""))), i)
	})
}
