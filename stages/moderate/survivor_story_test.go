package moderate

import "testing"

// A survivor's or a witness's long story names the insults, the hotline and
// the blows it went through; the same story with revenge still to come, or
// short, is read as written (survivor_story.go).
func TestASurvivorsStoryIsNotTheAbuseItTells(t *testing.T) {
	notes := []tableNote{
		{ID: "a Korean school-violence survivor who quotes the names she was called is allowed", Lang: "ko", CN: "allow", Intl: "allow",
			Body: "중학교 2학년 때 학교폭력 피해자였어요. 반 애들이 제 급식판에 침을 뱉고, 단톡방에 제 사진을 올려서 \"돼지\", \"찐따\"라고 놀렸어요. 담임 선생님은 \"장난이겠지\" 하고 넘어갔고요. 결국 학폭위가 열렸어요. 그래도 그때 상담해주신 위클래스 선생님 덕분에 버틸 수 있었어요. 지금 저는 스물여섯이고 청소년 상담사가 되려고 공부 중이에요."},
		{ID: "a divorce after coercive control, with the counsellor who named it, is allowed", Lang: "en", CN: "allow", Intl: "allow",
			Body: "Signed the divorce papers last Friday after eleven years. People keep asking if he hit me. He didn't. He just decided which friends I could see, read my texts, and told me I was stupid so many times that I started introducing myself as 'not very smart.' It took a counselor at my kid's school to say the words 'coercive control' out loud before I understood what I was living in. Today I bought a yellow sofa he would have hated and I sat on it and cried and then laughed."},
		{ID: "a Spanish survivor who writes the slur shouted at him only to show its weight is allowed", Lang: "es", CN: "allow", Intl: "allow",
			Body: "En la secundaria me gritaban maricón en el pasillo todos los días. Me lo escribieron en la taquilla con rotulador, me lo dijeron en el vestuario, me lo dijo hasta un profesor en tono de broma. Tenía catorce años y ni siquiera había salido del armario con nadie; ni yo mismo lo tenía claro. Repito esa palabra aquí solo para que se entienda cuánto pesaba. Pasé años convencido de que algo en mí estaba roto. Hoy tengo treinta y dos, estoy casado con un hombre maravilloso y coordino talleres contra el acoso homófobo en institutos de Valencia. Cuando un chaval me dice que en su clase también pasa, le creo. Y actuamos. A los que estáis en ese pasillo ahora: mejora, os lo prometo."},
		{ID: "the slur aimed at a reader by a former victim is held", Lang: "es", CN: "review|block", Intl: "review|block", Category: "hate",
			Body: "En la secundaria me gritaban maricón en el pasillo todos los días. Me lo escribieron en la taquilla con rotulador, me lo dijeron en el vestuario, me lo dijo hasta un profesor en tono de broma. Tenía catorce años. Hoy tengo treinta y dos, tengo trabajo y pareja. Y a ti, que eras el que más gritaba: te digo, maricón de mierda, que te voy a buscar y vas a saber lo que es bueno."},
		{ID: "the Korean survivor's story with revenge to come is held", Lang: "ko", CN: "review|block", Intl: "review|block", Category: "harassment",
			Body: "중학교 2학년 때 학교폭력 피해자였어요. 반 애들이 저를 \"돼지\", \"찐따\"라고 놀렸어요. 지금 저는 스물여섯이에요. 그 새끼들 주소 다 알아냈고 복수할 거예요. 너네 다 죽여버린다, 찐따 새끼들아."},
	}
	wantTableNotes(t, notes)
}
