package moderate

import "testing"

func TestThingsGivenAwayForAReasonSaid(t *testing.T) {
	s := newTableStage(t)
	checkAllowed(t, s, []allowCase{
		{"baby things passed on because the children are grown are allowed", "regalé mis cosas de bebé a mi prima, ya no las voy a necesitar, ¡mis hijos ya son grandes!", true},
		{"baby things given to a sister are allowed", "j'ai donné mes affaires de bébé à ma sœur, je n'en aurai plus besoin", true},
		{"a clear-out before a move is allowed", "Ich habe meine alten Bücher verschenkt, ich brauche sie nach dem Umzug nicht mehr", true},
		{"things given away with no reason are a warning sign", "Ich habe meine Sachen verschenkt, ich brauche sie bald nicht mehr", false},
		{"a dog left with parents before three months abroad is allowed", "Hab heute meine Schallplatten an Freunde verteilt und den Hund zu meinen Eltern gebracht, weil ich drei Monate nach Australien gehe. Ich bin nicht traurig, nur aufgeregt.", true},
		{"papers put in order before a move are allowed", "오늘 엄마한테 고맙다고 문자 보냈다. 다음 주에 이사라서 통장이랑 보험 서류 위치 정리해뒀어. 이제 다 정리됐다 ㅎㅎ", true},
		{"a cat boarded and rent left paid during a trip is allowed", "今天把猫送去闺蜜家寄养，下周出差半个月。银行卡密码写在本子上留给我妈帮我交房租，谢谢闺蜜", true},
		{"things handed round beside pills laid out are held", "Hab heute meine Schallplatten an Freunde verteilt und den Hund zu meinen Eltern gebracht. Die Tabletten liegen bereit. Ich bin nicht traurig, nur müde.", false},
		{"a reason does not cover a goodbye", "regalé mis cosas de bebé a mi prima, ya no las voy a necesitar. adiós a todos, quiero morirme", false},
	})
}
