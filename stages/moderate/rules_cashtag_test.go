package moderate

import (
	"strings"
	"testing"
)

func TestCashtagsFindTickersNotAmounts(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, text string
		want       []string // the tickers found, as written in the folded text
	}{
		{"a coin's ticker", "$MOONBABE va faire x100", []string{"$moonbabe"}},
		{"a ticker before Chinese", "$ZORKA今晚起飞", []string{"$zorka"}},
		{"two tickers", "swap $sol for $PEPEX", []string{"$sol", "$pepex"}},
		{"an amount in dollars is no ticker", "looks legit, $60, dm", nil},
		{"a Brazilian price is no ticker", "R$ 50 cada", nil},
		{"a dollar inside a word is no ticker", "US$abc", nil},
		{"a ticker too long to be one", "$abcdefghijklmnop", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f := NewText("body", c.text).Folded.String()
			var got []string
			for _, r := range cashtags(f) {
				got = append(got, f[r[0]:r[1]])
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("cashtags(%q) = %q, want %q", f, got, c.want)
			}
		})
	}
}

// A pump names its coin by a ticker in every language; the same promise
// warned about, or a ticker without a group to join, is no spam.
func TestRulesReadACryptoPumpByItsTicker(t *testing.T) {
	t.Parallel()
	d, err := DefaultRulesDetector()
	if err != nil {
		t.Fatal(err)
	}
	tests := []ruleCase{
		{"a French pump with Telegram in Cyrillic letters", "💎 $KOALA va faire x1OO cette nuit, achetez avant le pump, lien dans le Тelegram @koala_vip", true},
		{"a Portuguese pump with a VIP group", "$KOALA vai bombar amanhã, comprem antes, grupo vip no telegram", true},
		{"a German pump with a group", "$KOALA geht durch die Decke, jetzt einsteigen, Telegram-Gruppe im Link", true},
		{"a pump quoted in a warning", "Achtung: „$KOALA geht durch die Decke, jetzt einsteigen, Telegram-Gruppe“ ist Betrug", false},
		{"a ticker discussed with no group to join", "$KOALA va exploser ou pas ? Je garde mes ETF de toute façon", false},
	}
	checkScams(t, d, tests)
}
