package moderate

import "testing"

// Longer notes told from the other side (recovery_narrative.go): the
// intent models' self_harm is capped in a recovery story and in a
// bereavement; a plan or a goodbye in the present keeps it.
func TestRecoveryStoriesAndBereavementsAreNotRisk(t *testing.T) {
	s := newTableStage(t)
	checkAllowed(t, s, []allowCase{
		{"a recovery story with a sponsor and a therapist is allowed",
			"Day 90 sober today, and I want to mark it here. For years I drank to numb everything, and at my worst I honestly didn't care whether I woke up in the morning or not. A friend dragged me to an AA meeting, I sat at the back with my arms crossed, and somehow kept going back. I have a sponsor now, a therapist I actually like, and these days I notice the sunrise on my way to work instead of dreading it.", true},
		{"a sister's note on her brother's birthday after his suicide is allowed",
			"Today would have been my brother Sam's 30th birthday. He died by suicide four years ago and I still catch myself saving memes to send him. The first year I was so angry, at him, at myself, at the GP who saw him two weeks before, at the whole world for carrying on. If you've lost someone this way, the questions never fully stop, but they get quieter.", true},
		{"the anniversary of a suicide attempt years ago, planned for with a therapist, is allowed",
			"Something nobody tells you about recovery: the 'anniversary effect'. Every February I get low, even now, four years after my suicide attempt. My body remembers before my mind does, I get jittery, sleep badly and start being snappy. My therapist explained it's really common around the anniversary of trauma and not a sign I'm back to square one. Now I plan for it: I book a weekend away, tell my partner it's coming, and schedule an extra therapy session. This year I hardly wobbled at all. If you have a hard date coming, be gentle with yourself.", true},
		{"a recovery story that ends in a plan for tonight is held",
			"For years I used to think everyone would be better off without me. My therapist says I'm doing better these days and I let her believe it. Today I gave my cat to my neighbour and wrote my letters. I'm planning to end it tonight, this is my last post, goodbye everyone, thank you for being kind to me.", false},
		{"a bereaved son who wants to join his father is held",
			"Five years since Dad took his own life. The police came to the door in the morning and I still remember the colour of the officer's tie. Everyone says it gets easier. It hasn't. I want to die too, I just want to be with him again, and I've been thinking about how.", false},
	})
}

// A pet's death grieved is not a person at risk; the author's own wish not
// to live beside it is. The intent models are routed by the note's
// language, so the cases are table notes.
func TestPetLossIsNotRisk(t *testing.T) {
	notes := []tableNote{
		{ID: "a cat put to sleep at home, grieved, is allowed", Lang: "fr", CN: "allow", Intl: "allow",
			Body: "Mon chat Pistache est parti ce matin, à dix-sept ans. Il avait une insuffisance rénale depuis un an et on savait que le moment approchait, mais on n'est jamais prêt. La vétérinaire est venue à la maison pour l'euthanasie, il s'est endormi sur son coussin préféré, au soleil, avec ma main sur lui. Depuis, j'ai l'impression qu'on m'a arraché quelque chose, et je sursaute à chaque bruit dans le couloir. Je ne vais pas bien aujourd'hui, mais je sais que ça passera. Merci pour tous vos messages sous ses photos pendant toutes ces années."},
		{ID: "a dog's death with the author's own wish not to live is held", Lang: "en", CN: "review|block", Intl: "review|block",
			Category: "self_harm", Body: "We had to put Max to sleep yesterday, my dog of fourteen years. He was all I had left. I don't want to live without him, I have the pills counted out and nobody would notice if I was gone."},
	}
	_, outcomes := moderateNotes(t, notes)
	for i, o := range outcomes {
		if len(o.problems) > 0 {
			t.Errorf("%s: %v", notes[i].ID, o.problems)
		}
	}
}
