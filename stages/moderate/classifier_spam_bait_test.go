package moderate

import "testing"

func TestSpamBaitReadsWhatSpamNeeds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		want       bool
	}{
		{"a friendly imperative after a news item has no bait", "Our local news covered the fentanyl crisis tonight, please check on your friends", false},
		{"a recipe has no bait", "Grilled chicken with garlic and a little honey, so good", false},
		{"a number is bait", "call 0800 123 now", true},
		{"a link is bait", "best deals at shop.example.com", true},
		{"a handle mark is bait", "follow @cheap_bags", true},
		{"a currency sign is bait", "only $5 today", true},
		{"shouted self-promotion is bait", "PLEASE SUBSCRIBEEEEE TO MY CHANNNNEL", true},
		{"a Chinese contact request is bait", "想赚钱的加我私聊", true},
		{"a Korean side-job ad is bait", "집에서 하는 부업 문의 주세요", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := spamBait(NewText("body", tt.text)); got != tt.want {
				t.Errorf("spamBait(%q) = %v, want %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestClassifierSpamWithoutBaitDecidesNothing(t *testing.T) {
	t.Parallel()
	x := Finding{Category: "spam", Score: 0.79}
	capClassifierSpamWithoutBait(NewText("body", "please check on your friends tonight"), "classifier:moderation-v2", &x, nil)
	if x.Score != reportedScoreCap {
		t.Errorf("classifier spam without bait scored %.2f, want %.2f", x.Score, reportedScoreCap)
	}
	y := Finding{Category: "spam", Score: 0.79}
	capClassifierSpamWithoutBait(NewText("body", "please check out my channel"), "classifier:moderation-v2", &y, nil)
	if y.Score != 0.79 {
		t.Errorf("classifier spam with bait scored %.2f, want 0.79", y.Score)
	}
	z := Finding{Category: "spam", Score: 0.79}
	capClassifierSpamWithoutBait(NewText("body", "please check on your friends tonight"), "rules", &z, nil)
	if z.Score != 0.79 {
		t.Errorf("a rule's spam finding scored %.2f, want 0.79 (only the classifier is capped)", z.Score)
	}
}
