package moderate

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// The harassment model is one more model of the classifier's kind
// (classifier.go), trained on the one place harassment is written as
// notes: the stage's read note sets (corpus source notes_dev: the
// multilingual sets written blind from the category briefs and then read,
// the note table, the team notes and the wide notes), against their
// innocent look-alikes (teasing among friends, abuse quoted or reported,
// harsh reviews), the team-written sets and clean sentences, in every
// routed language together, calibrated per language (model/README.md).
// The abuse classifier's harassment is learnt from tweets and comments and
// misses a person insulted, shamed or piled on in a note's own words; the
// rules catch the phrasings someone listed. This model reads what those
// notes share. It reports harassment only, in fields of eight words or
// more (a short reply is the rules') that address or point at someone
// (aimedAtSomeone), and at most at review: alone it never blocks.

// embeddedHarassmentModelPath is the harassment model shipped with the
// package.
const embeddedHarassmentModelPath = "model/harassment.bin.gz"

// defaultHarassmentBaseRate is the harassment model's base rate in every
// language. On the sealed multilingual sets (1,580 harmful and 1,750
// innocent notes), 0.3 caught 17 more harmful notes than no model with no
// innocent note more flagged, and the everyday posts of `notegate eval
// moderation` stopped for more than swearing went from 3.68 % to 3.90 %;
// 0.45 caught 22 more, at 4.46 % (model/README.md).
const defaultHarassmentBaseRate = 0.3

// harassmentMinWords is the shortest field the harassment model judges:
// below it a reply of a few words is judged on one n-gram ("@ana foto
// feia kkk" and "@ana que foto linda" share most of theirs).
const harassmentMinWords = 8

// harassmentCeiling caps the model's findings below every market's block
// threshold of harassment (0.8 in cn): a model's reading alone is for a
// person to confirm.
const harassmentCeiling = 0.75

// NewHarassmentClassifier loads the harassment model (the embedded one
// unless cfg.ModelFile is set). Unset categories and base rates take its
// defaults: harassment, 0.3 in every language.
func NewHarassmentClassifier(cfg ClassifierConfig) (*Classifier, error) {
	return newNotesClassifier(cfg, notesModel{
		path:     embeddedHarassmentModelPath,
		category: models.CategoryHarassment,
		baseRate: defaultHarassmentBaseRate,
		minWords: harassmentMinWords,
		reads:    aimedAtSomeone,
		ceiling:  harassmentCeiling,
	})
}

// Someone addressed or pointed at: harassment is aimed at a person, and a
// field that names no one (swearing at a late train, a harsh word about a
// film) is no one's harassment, whatever its words. aimedAtSomeone reads
// the second and third person of every routed language, a handle, and a
// Chinese, Japanese or Korean form of address.
var (
	// personWords are whole words of the folded view (lower case, no
	// accents, apostrophes kept as in "t'es").
	personWords = wordSet(
		// en
		"you", "your", "youre", "yours", "yourself", "u", "ur", "ya", "yall", "he", "she", "him", "her", "his", "hers", "they", "them", "their",
		// es
		"tu", "tus", "te", "ti", "usted", "ustedes", "vosotros", "vosotras", "os", "el", "ella", "ellos", "ellas", "le", "les", "eres", "sos", "vos",
		// pt
		"voce", "voces", "vc", "vcs", "ce", "teu", "tua", "contigo", "ele", "ela", "eles", "elas", "dele", "dela", "lhe",
		// fr
		"toi", "vous", "votre", "vos", "ton", "ta", "tes", "il", "elle", "ils", "elles", "lui", "leur", "t",
		// de
		"du", "dich", "dir", "dein", "deine", "deinen", "deinem", "deiner", "ihr", "euch", "euer", "eure", "er", "sie", "ihn", "ihm", "ihre", "ihren", "seine", "seinen",
	)
	// personMarks are substrings of the folded view for Chinese and
	// Japanese, written without spaces between words.
	personMarks = newTermSet([]string{
		"你", "妳", "您", "他", "她", "这货", "这人", "此人",
		"お前", "おまえ", "あんた", "てめえ", "貴様", "きさま", "君", "あいつ", "こいつ", "そいつ", "彼", "彼女", "さん", "ちゃん", "くん",
	})
	// koPersonStarts begin a Korean word that addresses or points at
	// someone, whatever particle follows (너는, 당신이, 걔가); Korean is
	// spaced, and as a substring 너 is inside 너무 (very) and 씨 inside
	// 날씨 (the weather).
	koPersonStarts = []string{"너", "넌", "니가", "네가", "당신", "걔", "쟤", "얘", "그놈", "그년", "이놈", "이년"}
)

// koPerson reports whether a Korean word (its first bytes) starts with one
// of koPersonStarts.
func koPerson(w []byte) bool {
	if bytes.HasPrefix(w, []byte("너무")) {
		return false
	}
	for _, p := range koPersonStarts {
		if bytes.HasPrefix(w, []byte(p)) {
			return true
		}
	}
	return false
}

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// aimedAtSomeone reports whether a field addresses or points at a person:
// a handle, a personal pronoun, or a form of address (see personWords).
// It reads the folded view's words in place: it runs on every long field.
func aimedAtSomeone(t *Text) bool {
	if strings.Contains(t.Original, "@") {
		return true
	}
	var buf [16]byte // a longer word is no pronoun; its start is kept for Korean
	n, long, cjk := 0, false, false
	runes := t.Folded.Runes
	for i := 0; i <= len(runes); i++ {
		// Letters, apostrophes (t'es) and hyphens (U-Bahn is one word) make words.
		if i < len(runes) && (unicode.IsLetter(runes[i]) || runes[i] == '\'' || runes[i] == '-') {
			r := runes[i]
			cjk = cjk || r >= 0x2E80
			if !long && n+utf8.RuneLen(r) <= len(buf) {
				n += utf8.EncodeRune(buf[n:], r)
			} else {
				long = true
			}
			continue
		}
		if w := buf[:n]; n > 0 && !long {
			if personWords[string(w)] {
				return true
			}
			if j := bytes.IndexByte(w, '\''); j > 0 && personWords[string(w[:j])] {
				return true // t'es, t'as: the elided pronoun
			}
		}
		if n > 0 && koPerson(buf[:n]) {
			return true
		}
		n, long = 0, false
	}
	return cjk && personMarks.in(string(runes))
}
