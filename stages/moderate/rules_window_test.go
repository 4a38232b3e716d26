package moderate

import "testing"

// A rule of window note reads a comment whole, but in a field of more than
// longFieldRunes its terms must lie within noteWindowSentences sentences.
func TestANoteWindowInALongFieldNeedsItsTermsNearby(t *testing.T) {
	rules := newTestRules(t, map[string]string{"pii.en.yaml": `
rules:
  - id: address-and-phone
    score: 0.85
    window: note
    all:
      - ["home address"]
      - ["private phone"]
`})
	filler := "We repainted the hallway this weekend. The kids chose a pale green. It took two coats and a lot of coffee. " +
		"The neighbours lent us a ladder. Our cat supervised from the stairs. Next weekend we tackle the kitchen cabinets. "
	filler += filler
	checkFires(t, rules, []fireCase{
		{"a comment holds both anywhere", "post her home address. and her private phone too.", true},
		{"a long field with both in one sentence is read", filler + "Post her home address and her private phone here. " + filler, true},
		{"a long field with them many sentences apart is not", "Never share your home address online. " + filler + "Landlords, please do not call my private phone at night.", false},
	})
}
