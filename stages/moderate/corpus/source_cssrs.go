package corpus

import (
	"fmt"
	"slices"
	"strings"
)

// The C-SSRS Reddit set grades 500 users (Supportive, Indicator,
// Ideation, Behavior, Attempt) and gives each user's posts as a Python
// list literal. A label is about the user, not about every sentence they
// wrote, so the posts are cut into note-sized chunks and labelled one by
// one:
//
//   - a chunk of an Ideation, Behavior or Attempt user that says, in the
//     first person, that its writer wants to die or to hurt themselves
//     (a phrase of the clinicians' suicide risk lexicon, below) is
//     self_harm;
//   - a chunk of a Supportive user without such a phrase is a
//     counter-example: people talking someone through a crisis ("please
//     don't kill yourself, talk to me") are what the category must not
//     catch;
//   - any other chunk says nothing about self_harm, and is a
//     counter-example for the categories that have nothing to do with
//     it (hate, spam …);
//   - the lexicon phrases themselves are trained on as short examples
//     ("want to die", "cut myself").
//
// A user's chunks stay in one split, and each user gives at most
// cssrsChunksPerUser chunks of each kind so that a few prolific users do
// not make the category.
const cssrsChunksPerUser = 24

// riskConstructs are the columns of the suicide risk lexicon whose
// phrases mark first-person risk.
var riskConstructs = []string{
	"Passive suicidal ideation",
	"Active suicidal ideation & suicidal planning",
	"Direct self-injury",
}

// riskPhraseStop are lexicon phrases that do not mark risk on their own
// in everyday writing.
var riskPhraseStop = map[string]bool{
	"rest in peace": true, "killing me": true, "giving up": true, "give up": true,
	"on the edge": true, "fade out": true, "fade away": true, "fading away": true,
	"escape from reality": true, "quick and easy": true, "quick and painless": true,
	"easy and painless": true, "make a will": true, "hit my head": true, "bang my head": true,
	"banging my head": true, "bash my head": true, "pull my hair": true, "scratch my": true,
	"scratched my": true, "scratch at my": true, "nail-biting": true, "hair-pulling": true,
	"skin picking": true, "skin-picking": true, "pick at my skin": true, "stick and poke tattoo": true,
	"burning my": true, "crash my car": true, "car off a bridge": true, "buying a gun": true,
	"buying a rope": true, "eternal sleep": true, "permanent rest": true, "hit by the train": true,
	"hit by a train": true, "death wish": true, "do with live": true, "think about dying": true,
}

// readRiskPhrases reads first-person risk phrases from the lexicon:
// phrases of two or more words, lower-cased, apostrophes removed (the
// Reddit posts have none).
func readRiskPhrases(root string) ([]string, error) {
	path := root + "/moderation-train/suicide_risk_lexicon_en/src/construct_tracker/data/lexicons/suicide_risk_lexicon_v1-0/suicide_risk_lexicon_validated_24-08-02T21-27-35.csv"
	rows, err := readCSV(path, ',')
	if err != nil {
		return nil, err
	}
	var out []string
	for _, col := range riskConstructs {
		seen := 0
		for _, row := range rows {
			v := strings.TrimSpace(row[col])
			if v == "" {
				continue
			}
			seen++
			if seen <= 4 { // name, definition, citation, examples
				continue
			}
			p := strings.ToLower(strings.ReplaceAll(strings.ReplaceAll(v, "'", ""), "’", ""))
			if len(strings.Fields(p)) < 2 || riskPhraseStop[p] {
				continue
			}
			out = append(out, p)
		}
		if seen == 0 {
			return nil, fmt.Errorf("%s: no column %q", path, col)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// hasPhrase reports whether text (lower-cased, apostrophes removed)
// holds one of phrases between word boundaries.
func hasPhrase(text string, phrases []string) bool {
	for _, p := range phrases {
		for i := 0; ; {
			j := strings.Index(text[i:], p)
			if j < 0 {
				break
			}
			s, e := i+j, i+j+len(p)
			if (s == 0 || !isWordByte(text[s-1])) && (e == len(text) || !isWordByte(text[e])) {
				return true
			}
			i = s + 1
		}
	}
	return false
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

func readCSSRS(r *reader) error {
	phrases, err := readRiskPhrases(r.opts.Root)
	if err != nil {
		return err
	}
	rows, err := readCSV(r.path("500_Reddit_users_posts_labels.csv"), ',')
	if err != nil {
		return err
	}
	// The phrases themselves are short first-person examples (seeds).
	for _, p := range phrases {
		r.addExample(p, "en", Train, selfHarm, harassment|profanity, -1, true)
	}
	for _, row := range rows {
		label := row["Label"]
		atRisk := label == "Ideation" || label == "Behavior" || label == "Attempt"
		group := "cssrs\x00" + row["User"] // used for the split only
		var nPos, nNeg, nOther int
		for _, post := range parsePyList(row["Post"]) {
			for _, chunk := range chunks(post, 280) {
				key := strings.ToLower(strings.NewReplacer("'", "", "’", "").Replace(chunk))
				risk := hasPhrase(key, phrases)
				switch {
				case atRisk && risk:
					if nPos < cssrsChunksPerUser {
						r.add(chunk, "en", group, selfHarm, harassment|profanity, 1)
						nPos++
					}
				case label == "Supportive" && !risk:
					if nNeg < cssrsChunksPerUser {
						r.add(chunk, "en", group, 0, harassment|profanity, -1)
						nNeg++
					}
				case !risk:
					if nOther < cssrsChunksPerUser/2 {
						r.add(chunk, "en", group, 0, selfHarm|harassment|profanity|violence, -1)
						nOther++
					}
				}
			}
		}
	}
	return nil
}

// parsePyList reads the strings of a Python list literal of strings
// (['…', "…"]); a string cut off by the end of the field is kept as far
// as it goes.
func parsePyList(s string) []string {
	var out []string
	for i := 0; i < len(s); i++ {
		q := s[i]
		if q != '\'' && q != '"' {
			continue
		}
		var b strings.Builder
		j := i + 1
		for ; j < len(s) && s[j] != q; j++ {
			if s[j] == '\\' && j+1 < len(s) {
				j++
				switch s[j] {
				case 'n', 't', 'r':
					b.WriteByte(' ')
				default:
					b.WriteByte(s[j])
				}
				continue
			}
			b.WriteByte(s[j])
		}
		if t := collapse(b.String()); t != "" {
			out = append(out, t)
		}
		i = j
	}
	return out
}

// chunks cuts text into runs of whole sentences of about max bytes (a
// longer sentence is a chunk of its own).
func chunks(text string, max int) []string {
	var sentences []string
	start := 0
	for i := 0; i < len(text); i++ {
		if c := text[i]; (c == '.' || c == '!' || c == '?') && (i+1 == len(text) || text[i+1] == ' ') {
			sentences = append(sentences, strings.TrimSpace(text[start:i+1]))
			start = i + 1
		}
	}
	if rest := strings.TrimSpace(text[start:]); rest != "" {
		sentences = append(sentences, rest)
	}
	var out []string
	var cur strings.Builder
	for _, s := range sentences {
		if s == "" {
			continue
		}
		if cur.Len() > 0 && cur.Len()+1+len(s) > max {
			out = append(out, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(s)
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}
