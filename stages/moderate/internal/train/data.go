package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/moderate"
)

// example is one labelled text.
type example struct {
	text   string
	label  bool    // abusive
	weight float64 // how much it counts in the loss
	source string  // "cold", "davidson", "clean"
}

// readCSV reads a CSV file with a header, returning rows as maps.
func readCSV(path string) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", path, err)
	}
	for i := range head {
		head[i] = strings.TrimPrefix(strings.TrimSpace(head[i]), "\ufeff")
	}
	var out []map[string]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		row := make(map[string]string, len(head))
		for i, v := range rec {
			if i < len(head) {
				row[head[i]] = v
			}
		}
		out = append(out, row)
	}
	return out, nil
}

// readCOLD reads a COLD split (columns: split, topic, label, TEXT).
func readCOLD(path string) ([]example, error) {
	rows, err := readCSV(path)
	if err != nil {
		return nil, err
	}
	out := make([]example, 0, len(rows))
	for i, row := range rows {
		label, err := strconv.Atoi(row["label"])
		if err != nil || (label != 0 && label != 1) {
			return nil, fmt.Errorf("%s: row %d: label %q", path, i+2, row["label"])
		}
		out = append(out, example{text: row["TEXT"], label: label == 1, weight: 1, source: "cold"})
	}
	return out, nil
}

// Tweets carry handles, links and HTML entities that notes do not.
var (
	reMention = regexp.MustCompile(`@[A-Za-z0-9_]+:?`)
	reURL     = regexp.MustCompile(`https?://\S+`)
	reRT      = regexp.MustCompile(`(^|\s)RT\b`)
	reWord    = regexp.MustCompile(`[A-Za-z']+`)
)

func cleanTweet(s string) string {
	s = html.UnescapeString(html.UnescapeString(s))
	s = reURL.ReplaceAllString(s, " ")
	s = reMention.ReplaceAllString(s, " ")
	s = reRT.ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(s), " ")
}

// dialectSpelling maps African-American English (and general Twitter)
// spellings to standard ones. Davidson et al.'s annotators over-labelled
// tweets in AAE as offensive; rewriting these spellings before training
// means the model has no weight for them at all (a bucket nobody trained
// stays zero), so at run time they neither raise nor lower a score.
var dialectSpelling = map[string]string{
	"dat": "that", "dis": "this", "dem": "them", "da": "the", "wit": "with",
	"finna": "going to", "fenna": "going to", "tryna": "trying to", "ima": "i am going to",
	"imma": "i am going to", "ion": "i don't", "yall": "you all", "y'all": "you all",
	"ya": "you", "lil": "little", "bout": "about", "aint": "is not", "ain't": "is not",
	"gon": "going to", "nah": "no", "bruh": "brother", "bae": "babe", "thang": "thing",
	"dawg": "friend", "homie": "friend", "homies": "friends",
	"den": "then", "dey": "they", "tha": "the", "fo": "for", "ur": "your",
}

// reclaimed are in-group forms of a slur, used in AAE as a term of address
// far more than as an attack. They are removed from the training text (the
// curated lexicon, not the classifier, decides about them) and a tweet
// whose only cue was one of them is not used.
var reclaimed = map[string]bool{"nigga": true, "niggas": true, "niggaz": true, "nigguh": true, "niggah": true}

// davidsonText rewrites a tweet for training and reports whether it had
// dialect spellings or reclaimed forms.
func davidsonText(tweet string) (text string, dialect, hadReclaimed bool) {
	s := cleanTweet(tweet)
	s = reWord.ReplaceAllStringFunc(s, func(w string) string {
		lw := strings.ToLower(w)
		if reclaimed[lw] {
			hadReclaimed = true
			return ""
		}
		if std, ok := dialectSpelling[lw]; ok {
			dialect = true
			return std
		}
		return w
	})
	return strings.Join(strings.Fields(s), " "), dialect, hadReclaimed
}

// davidsonStats counts what the dialect rules did.
type davidsonStats struct {
	byClass                                                [3]int
	excludedReclaimed0, excludedProfanity1, excludedNoCue1 int
	kept                                                   [3]int
	dialectRewritten                                       int
}

// readDavidson reads Davidson et al.'s tweets (class 0 hate, 1 offensive,
// 2 neither) and maps them to abusive / not abusive:
//
//   - class 2: not abusive, weight 1;
//   - class 0: abusive, weight 1, unless the tweet's only cue in the
//     lexicons was a reclaimed form (then it is left out);
//   - class 1: abusive only when the lexicons find an insult, slur or
//     threat in it (harassment, hate, violence, sexual); left out
//     otherwise. Swearing alone is the profanity category, which the
//     lexicons score and the markets treat apart (intl allows it), and a
//     class 1 label with no cue at all mostly reflects the annotators'
//     dialect bias.
//
// Every tenth tweet (by row number) is held out for evaluation.
func readDavidson(path string, lex *moderate.LexiconDetector) (train, held []example, st davidsonStats, err error) {
	rows, err := readCSV(path)
	if err != nil {
		return nil, nil, st, err
	}
	ctx := context.Background()
	for i, row := range rows {
		class, err := strconv.Atoi(row["class"])
		if err != nil || class < 0 || class > 2 {
			return nil, nil, st, fmt.Errorf("%s: row %d: class %q", path, i+2, row["class"])
		}
		st.byClass[class]++
		text, dialect, hadReclaimed := davidsonText(row["tweet"])
		if dialect {
			st.dialectRewritten++
		}
		if text == "" {
			continue
		}
		cue, insult := false, false
		if class != 2 {
			fs, _ := lex.Detect(ctx, moderate.NewText("body", text))
			for _, f := range fs {
				cue = true
				switch f.Category {
				case models.CategoryHarassment, models.CategoryHate, models.CategoryViolence, models.CategorySexual:
					insult = true
				}
			}
		}
		ex := example{text: text, source: "davidson", weight: 1}
		switch class {
		case 0:
			if hadReclaimed && !cue {
				st.excludedReclaimed0++
				continue
			}
			ex.label = true
		case 1:
			if !insult {
				if cue {
					st.excludedProfanity1++
				} else {
					st.excludedNoCue1++
				}
				continue
			}
			ex.label = true
		}
		st.kept[class]++
		if i%10 == 7 {
			held = append(held, ex)
		} else {
			train = append(train, ex)
		}
	}
	return train, held, st, nil
}

// readLines reads a file of one text a line.
func readLines(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out, nil
}

// readClean reads everyday sentences (Tatoeba eng-zho) as non-abusive
// examples, skipping lines the lexicons flag (Tatoeba has a few real
// insults).
func readClean(dir string, lex *moderate.LexiconDetector) ([]example, error) {
	var out []example
	for _, name := range []string{"eng-zho.eng", "eng-zho.zho"} {
		lines, err := readLines(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		for _, l := range lines {
			fs, _ := lex.Detect(context.Background(), moderate.NewText("body", l))
			if len(fs) > 0 {
				continue
			}
			out = append(out, example{text: l, weight: 1, source: "clean"})
		}
	}
	return out, nil
}
