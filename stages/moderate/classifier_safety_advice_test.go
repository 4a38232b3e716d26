package moderate

import (
	"testing"

	"github.com/notegate/notegate/models"
)

func TestSafetyAdviceCapsTheClassifiersViolenceAndHarassment(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		want bool
	}{
		{"a road-rage tip not to chase and to upload the footage is advice", "Dashcam tip: if someone brake-checks you, don't chase them. Get home, upload the footage to the police portal.", true},
		{"a warning to screenshot, report and block is advice", "Heads up: an account is calling women creators \"fat pigs\". Screenshot, report and block, don't engage.", true},
		{"a slur reported and blocked is advice", "Someone called my husband a slur under our video. Reported it. Block and move on.", true},
		{"a Portuguese report of harassment is advice", "Recebi 'manda foto sem roupa' de um desconhecido. Printei e denunciei.", true},
		{"a Chinese report is advice", "有人在评论区骂我，已经举报了", true},
		{"a warning after a friend was followed is advice", "PSA for women who lift: vary your route from the gym and park under lights, someone followed my friend to her car last week and the police are on it", true},
		{"a street warned of after a stabbing is advice", "Cuidado no bairro da Lapa à noite, esfaquearam um rapaz na semana passada perto da estação", true},
		{"help asked for a depressed friend is advice", "Como ajudar um amigo que parou de comer e não sai do quarto? Ele tá com depressão", true},
		{"asking how to report a harasser is advice", "¿Cómo se reporta a alguien que te acosa por privado? Una cuenta me manda insultos todos los días", true},
		{"a teacher's advice to parents on bullying is advice", "Teacher here (6th grade). Bullying rarely looks like a movie villain. If your kid goes quiet about school, ask who they sit with at lunch.", true},
		{"a crash watched on video with a word on seatbelts is advice", "That motorbike crash clip from the highway had me holding my breath, the rider got up and walked off. Buckle up and slow down out there.", true},
		{"a Korean crash video with a seatbelt reminder is advice", "블랙박스 영상 보고 심장 떨어질 뻔했어요. 다들 뒷좌석도 안전벨트 꼭 하세요", true},
		{"a threat to run someone over is no advice", "next time I see your car in my spot I'll run you over, buckle down", false},
		{"a threat is no advice", "I know where you live and I'm coming for you tonight", false},
		{"a question how to hurt someone is no advice", "como machucar alguém sem deixar marcas?", false},
		{"a call to report someone en masse is no advice", "everyone report @anna until her account is gone", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			text := NewText("body", tt.text)
			if got := safetyAdviceFrame(text); got != tt.want {
				t.Errorf("safetyAdviceFrame(%q) = %v, want %v", tt.text, got, tt.want)
			}
			if got := classifierContextCapped(text, models.CategoryViolence, Span{}); tt.want && !got {
				t.Errorf("violence not capped in %q", tt.text)
			}
		})
	}
}
