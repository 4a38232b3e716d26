package moderate

import "testing"

func TestThingsGivenAwayForAReasonSaid(t *testing.T) {
	s := newTableStage(t)
	checkAllowed(t, s, []allowCase{
		{"baby things passed on because the children are grown are allowed", "regalé mis cosas de bebé a mi prima, ya no las voy a necesitar, ¡mis hijos ya son grandes!", true},
		{"baby things given to a sister are allowed", "j'ai donné mes affaires de bébé à ma sœur, je n'en aurai plus besoin", true},
		{"a clear-out before a move is allowed", "Ich habe meine alten Bücher verschenkt, ich brauche sie nach dem Umzug nicht mehr", true},
		{"things given away with no reason are a warning sign", "Ich habe meine Sachen verschenkt, ich brauche sie bald nicht mehr", false},
		{"a reason does not cover a goodbye", "regalé mis cosas de bebé a mi prima, ya no las voy a necesitar. adiós a todos, quiero morirme", false},
	})
}
