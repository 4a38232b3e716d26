package moderate

import (
	"strings"
	"testing"
)

func TestGameIDIsNoPhone(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text, number string
		want               bool
	}{
		{"a Genshin UID is a player's number", "whoever wants to play genshin together, my uid is 612048375 (na server)", "612048375", true},
		{"a Free Fire ID is a player's number", "quem quiser jogar free fire comigo, meu id é 2187449031, nick bruxinha_br", "2187449031", true},
		{"the author's own UID after the label asked for is a player's number", "genshin players drop your uid in the comments, mine is 701234567 (asia server)", "701234567", true},
		{"'mine is' without any ID named proves nothing", "playing genshin tonight, mine is 701234567 if you want to call", "701234567", false},
		{"an ID without a game proves nothing", "加我 id 12345678901 私聊", "12345678901", false},
		{"a phone number in a game post is still a phone", "playing genshin tonight, call me 503-555-0148", "503-555-0148", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := NewText("body", tt.text).Folded.String()
			i := strings.Index(s, tt.number)
			if i < 0 {
				t.Fatalf("%q not in %q", tt.number, s)
			}
			if got := gameID(s, i); got != tt.want {
				t.Errorf("gameID(%q at %d) = %v, want %v", s, i, got, tt.want)
			}
		})
	}
}
