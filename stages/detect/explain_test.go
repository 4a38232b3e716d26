package detect

import "testing"

func TestExplainAgreesWithDetect(t *testing.T) {
	t.Parallel()
	d := testDetector(t)
	tests := []struct {
		name, text string
		ngram      bool
		script     string
	}{
		{"an English sentence is decided by the n-gram scorer", "the weather is lovely today, let's walk by the river", true, ""},
		{"Simplified Chinese carries Simplified evidence", "这个国家的发展很快，经济越来越好", false, "Hans"},
		{"Traditional Chinese carries Traditional evidence", "這個國家的發展很快，經濟越來越好", false, "Hant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e := d.Explain(tt.text)
			got := d.Detect(tt.text)
			if e.Result.Code != got.Code || e.Result.Confidence != got.Confidence {
				t.Fatalf("Explain answers %+v, Detect %+v", e.Result, got)
			}
			if tt.ngram && (!e.NGram || e.ConfidenceFeatures[4] != 1) {
				t.Errorf("n-gram decision not explained: %+v", e)
			}
			if tt.script == "Hans" && (e.Script != "Hans" || e.SimplifiedTelling == 0 || e.SimplifiedVotes <= e.TraditionalVotes) {
				t.Errorf("Simplified evidence missing: %+v", e)
			}
			if tt.script == "Hant" && (e.Script != "Hant" || e.TraditionalTelling == 0 || e.TraditionalVotes <= e.SimplifiedVotes) {
				t.Errorf("Traditional evidence missing: %+v", e)
			}
		})
	}
}
