package moderate

import (
	"fmt"
	"testing"

	"github.com/notegate/notegate/models"
)

// A post that offers a helpline to readers is not an author at risk, in
// every language; an author who names a helpline and speaks of themselves
// still is.
func TestHelplineOutreachIsNotAnAuthorAtRisk(t *testing.T) {
	s := newTestStage(t)
	miss := []string{
		"Dark thoughts about suicide? You are not alone. The 988 lifeline answers 24/7, call or text.",
		"¿Pensamientos suicidas? No estás sola. Llama a la línea 024, te atienden las 24 horas.",
		"Pensamentos suicidas? Você não está sozinho. Ligue 188, o CVV atende 24 horas.",
		"Des idées suicidaires ? Tu n'es pas seul. Appelle le 3114, c'est gratuit, jour et nuit.",
		"Suizidgedanken? Du bist nicht allein. Die Telefonseelsorge ist rund um die Uhr erreichbar: 0800 111 0 222",
		"死にたい気持ち、ひとりで抱えないで。よりそいホットラインは24時間つながります。",
		"자살 생각이 드나요? 혼자가 아니에요. 자살예방상담전화 109는 24시간 열려 있어요.",
		"有自杀的念头？你不是一个人。24小时心理援助热线 400-161-9995，随时可以打。",
	}
	hit := []string{
		"I have suicidal thoughts every night. I called 988 and it's open 24/7 but I still want to die.",
		"Pensamientos suicidas todos los días. Llamé a la línea 024, atienden las 24 horas, pero yo ya no quiero vivir.",
		"Pensamentos suicidas toda noite. Liguei pro CVV 188, atende 24 horas, mas eu não quero mais viver.",
		"Des idées suicidaires tous les soirs. J'ai appelé le 3114, jour et nuit, mais je veux mourir.",
		"Suizidgedanken seit Wochen. Die Telefonseelsorge ist rund um die Uhr erreichbar, aber ich will sterben.",
		"毎日死にたい。いのちの電話は24時間つながるけど、私はもう無理。",
		"자살 생각이 계속 나요. 109에 24시간 전화해 봤는데 내가 살 이유를 모르겠어요.",
		"我打了热线，24小时都有人接，可是我还是想死",
	}
	wantAllowed(t, s, "a helpline offered to readers is allowed", miss, "cn", "intl")
	for i, body := range hit {
		t.Run(fmt.Sprintf("an author at risk who names a helpline is reviewed %d", i), func(t *testing.T) {
			n := moderateBody(t, s, body)
			if got := n.Moderation.Markets["intl"]; got != models.DecisionReview {
				t.Errorf("%q: intl %s, want review; labels %+v", body, got, n.Moderation.Labels)
			}
		})
	}
}
