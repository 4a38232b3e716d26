package moderate

import "testing"

// Words read out from a court record in a law class or at a trial are the
// defendant's, weighed; a threat of the author's own beside them, and a
// quotation with no proceedings named, are still read.
func TestWordsReadOutFromACourtRecordAreNotTheAuthors(t *testing.T) {
	s := newTestStage(t)
	cases := []allowCase{
		{"a threat from an appellate record in a law class", "Crim law today: the prof read a real threat from an appellate record, 'I know where you sleep, I'm going to end you', and we argued about the true-threat test for an hour.", true},
		{"a threat read out by a Taiwanese prosecutor", "今天去法院旁聽,檢察官念出被告傳的簡訊:『我要殺了你全家』。最後恐嚇罪成立。", true},
		{"a slur read out by a Spanish prosecutor", "En el juicio, la fiscal leyó los mensajes del acusado: llamaba 'sudaca' a la víctima una y otra vez. Condenado.", true},
		{"a German threat discussed from a case file", "Strafrecht-AG heute: eine echte Drohung aus einer Akte besprochen, 'Ich stech dich ab'. Frage war, ob § 241 StGB greift.", true},
		{"the author's own threat beside the court talk is still read", "Saw the defendant's text read in court, 'I will end you'. Mark, I will end you too, see you after the trial.", false},
		{"a quoted threat with no proceedings named is still read", "Mark, remember this: 'I know where you sleep, I'm going to end you'.", false},
	}
	checkAllowed(t, s, cases)
}

func TestCourtFrameNeedsTwoTerms(t *testing.T) {
	tests := []struct {
		name, s string
		want    bool
	}{
		{"a court and a defendant", "the defendant said it in court", true},
		{"one term twice is not enough", "court court court", false},
		{"one term alone is not enough", "see you in court", false},
		{"a word holding a term is not it", "a courteous judge", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := courtFrame(foldTerms([]string{tt.s})[0]); got != tt.want {
				t.Errorf("courtFrame(%q) = %v, want %v", tt.s, got, tt.want)
			}
		})
	}
}
