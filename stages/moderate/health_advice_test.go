package moderate

import "testing"

// A pharmacist's or a nurse's advice to readers about a medicine is no
// person at risk; an author who names a doctor and a plan still is.
func TestHealthAdviceToReadersIsNoRisk(t *testing.T) {
	s := newTableStage(t) // the intent models read the advice as risk
	cases := []allowCase{
		{"a pharmacist's tip on sleeping pills", "藥師小提醒：安眠藥不要自己加量，也不要配酒吃。如果失眠超過三個月，記得去看睡眠門診，不要自己去亂買藥。", true},
		{"an English pharmacist on mixing pills and alcohol", "Pharmacist here: never mix sleeping pills with alcohol, and ask your doctor before you double a dose.", true},
		{"an author with a doctor's pills and a plan", "My doctor gave me sleeping pills last month. I saved them all and tonight I'm taking every one.", false},
		{"a Chinese author with a doctor's pills and a wish", "医生开的安眠药我攒了一瓶，不要劝我，我真的不想活了", false},
	}
	checkAllowed(t, s, cases)
}

func TestHealthAdviceNeedsACarerAdviceAndNoAuthor(t *testing.T) {
	tests := []struct {
		name, body string
		want       bool
	}{
		{"a pharmacist advising readers", "藥師小提醒：安眠藥不要自己加量", true},
		{"advice with no carer named", "安眠藥不要自己加量", false},
		{"a carer named with no advice", "今天去医院拿了安眠药", false},
		{"an author speaking of themselves", "Pharmacist told me never to mix them, but I don't care anymore", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := healthAdvice(NewText("body", tt.body)); got != tt.want {
				t.Errorf("healthAdvice(%q) = %v, want %v", tt.body, got, tt.want)
			}
		})
	}
}
