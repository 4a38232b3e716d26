package moderate

import (
	"fmt"
	"testing"
)

// longFiller makes a field long (more than longFieldRunes) with twelve
// sentences of nothing a rule reads.
const longFiller = "We repainted the hallway this weekend. The kids chose a pale green. It took two coats and a lot of coffee. " +
	"The neighbours lent us a ladder. Our cat supervised from the stairs. Next weekend we tackle the kitchen cabinets. " +
	"We repainted the hallway this weekend. The kids chose a pale green. It took two coats and a lot of coffee. " +
	"The neighbours lent us a ladder. Our cat supervised from the stairs. Next weekend we tackle the kitchen cabinets. "

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
	filler := longFiller
	checkFires(t, rules, []fireCase{
		{"a comment holds both anywhere", "post her home address. and her private phone too.", true},
		{"a long field with both in one sentence is read", filler + "Post her home address and her private phone here. " + filler, true},
		{"a long field with them many sentences apart is not", "Never share your home address online. " + filler + "Landlords, please do not call my private phone at night.", false},
	})
}

// A rule whose signals add up (min_groups) reads a comment whole too, but
// in a long field its signals must meet within noteWindowSentences
// sentences: a landlord's house rules that name a tenant in one paragraph
// and a phone line in another dox no one.
func TestSignalsThatAddUpInALongFieldMeetNearby(t *testing.T) {
	rules := newTestRules(t, map[string]string{"pii.en.yaml": `
rules:
  - id: tenant-signals
    score: 0.85
    window: note
    min_groups: 2
    all:
      - ["the tenant"]
      - ["phone number"]
      - ["lives at"]
`})
	filler := longFiller
	checkFires(t, rules, []fireCase{
		{"a comment holds two signals anywhere", "the tenant is late again. phone number below.", true},
		{"a long field with two signals in one sentence is read", filler + "The tenant lives at the corner flat, go tell him. " + filler, true},
		{"a long field with two signals in neighbouring sentences is read", filler + "Ask about the tenant. He is rude. He lives at number 4. " + filler, true},
		{"a long field with its signals many sentences apart is not", "House rule one: the tenant pays on the first. " + filler + "The landlord's phone number is on the fridge.", false},
		{"a long field with one signal repeated is not", filler + "The tenant, the tenant, the tenant. " + filler, false},
	})
}

// A words window reads across sentences in a comment ("I have a knife.
// Tomorrow you die."), but in a field of more than longFieldRunes its
// terms must share a sentence.
func TestAWordsWindowInALongFieldKeepsToOneSentence(t *testing.T) {
	rules := newTestRules(t, map[string]string{"violence.fr.yaml": `
rules:
  - id: knife-day
    score: 0.8
    window: 12 words
    all:
      - [couteau]
      - [samedi]
`})
	filler := "Boucher à Lyon depuis vingt ans, je réponds aux questions des nouveaux venus sur la découpe. " +
		"Non, on ne jette rien : la joue, la queue, les rognons, tout se cuisine. Cette semaine j'ai désossé trois demi-carcasses. "
	filler += filler
	checkFires(t, rules, []fireCase{
		{"a comment reads across sentences", "J'ai un couteau. Samedi tu vas voir.", true},
		{"a long field with both in one sentence is read", filler + "Samedi je viens avec mon couteau, tu vas voir. " + filler, true},
		{"a long field with them in neighbouring sentences is not", filler + "Un couteau émoussé glisse. Passez à la boutique le samedi. " + filler, false},
	})
}

// A sentences window reads an argument over a paragraph of a long field
// (a group in one sentence, what it is blamed for two sentences on, the
// excuse at the end), which a note window there would not; its terms must
// still lie within its sentences, and a veto anywhere in the field
// cancels it.
func TestASentencesWindowReadsAnArgumentOverAParagraph(t *testing.T) {
	spec := `
rules:
  - id: argued
    score: 0.8
    window: %s
    all:
      - ["those families"]
      - ["like roaches"]
      - ["just asking"]
    none: ["is racism"]
`
	filler := longFiller
	argument := "Those families moved in last year. The stairwell is a mess. The bins overflow. They spread like roaches. Just asking. "
	sentences := newTestRules(t, map[string]string{"hate.en.yaml": fmt.Sprintf(spec, "6 sentences")})
	checkFires(t, sentences, []fireCase{
		{"an argument over five sentences of a long field is read", filler + argument + filler, true},
		{"the same terms twenty sentences apart are not", "Those families moved in last year. " + filler + "They spread like roaches. Just asking.", false},
		{"a veto elsewhere in the field cancels it", filler + argument + "Saying this is racism, plain and simple.", false},
	})
	note := newTestRules(t, map[string]string{"hate.en.yaml": fmt.Sprintf(spec, "note")})
	checkFires(t, note, []fireCase{
		{"a note window does not read the same argument in a long field", filler + argument + filler, false},
	})
}
