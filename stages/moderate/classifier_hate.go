package moderate

import "github.com/notegate/notegate/models"

// The hate model is one more model of the classifier's kind
// (classifier.go), trained like the harassment model
// (classifier_harassment.go) on the stage's read note sets, where hate is
// written as notes write it: coded and implied ("those people", a group
// called a burden or a disease, calls to keep them out of flats, jobs and
// schools, "jokes" and invented statistics), beside their innocent
// look-alikes (counter-speech that quotes the attack, news and history of
// discrimination, people naming their own identity); with the
// team-written sets (among them innocent notes that only name who people
// are), clean sentences, and the everyday posts of the social-media sets
// as counter-examples only, every routed language together, calibrated
// per language (model/README.md). The abuse classifier's hate is learnt
// from tweets and comments and reads slurs and open attacks; the rules
// read the phrasings someone listed. This model reads what the notes
// share. It reports hate only, in fields of fifteen words or more, and at
// most at review: alone it never blocks. Unlike the harassment model it
// reads fields that address no one: a group is attacked in the third
// person.

// embeddedHateModelPath is the hate model shipped with the package.
const embeddedHateModelPath = "model/hate.bin.gz"

// defaultHateBaseRate is the hate model's base rate in every language.
// On the sealed multilingual sets (5,554 harmful and 12,156 innocent
// notes), 0.25 caught 31 more harmful notes than no model with no innocent
// note more flagged; 0.3 caught 40 more and flagged one more, and allowed
// 0.6 % fewer of HateCheck's non-hateful cases (model/README.md).
const defaultHateBaseRate = 0.25

// hateMinWords is the shortest field the hate model judges. It learnt
// from notes, and in a sentence of a few words its n-grams cannot tell a
// claim from its denial or its quotation ("Los inmigrantes no son
// delincuentes, deja de difundir bulos" reads like the slander it
// rejects): the functional hate suites' Spanish and Chinese non-hateful
// cases fell below their floors at 8 and 12 words and hold at 15, where
// the sealed multilingual sets kept 33 of the 36 harmful notes gained at 8
// (model/README.md). Short fields stay with the rules, the lexicons and
// the abuse model.
const hateMinWords = 15

// hateCeiling caps the model's findings below every market's block
// threshold of hate (0.85): a model's reading alone is for a person to
// confirm.
const hateCeiling = 0.75

// NewHateClassifier loads the hate model (the embedded one unless
// cfg.ModelFile is set). Unset categories and base rates take its
// defaults: hate, 0.25 in every language.
func NewHateClassifier(cfg ClassifierConfig) (*Classifier, error) {
	return newNotesClassifier(cfg, notesModel{
		path:     embeddedHateModelPath,
		category: models.CategoryHate,
		baseRate: defaultHateBaseRate,
		minWords: hateMinWords,
		ceiling:  hateCeiling,
	})
}
