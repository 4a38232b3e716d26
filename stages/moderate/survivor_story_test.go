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
		{ID: "the Korean survivor's story with revenge to come is held", Lang: "ko", CN: "review|block", Intl: "review|block", Category: "harassment",
			Body: "중학교 2학년 때 학교폭력 피해자였어요. 반 애들이 저를 \"돼지\", \"찐따\"라고 놀렸어요. 지금 저는 스물여섯이에요. 그 새끼들 주소 다 알아냈고 복수할 거예요. 너네 다 죽여버린다, 찐따 새끼들아."},
	}
	wantTableNotes(t, notes)
}
