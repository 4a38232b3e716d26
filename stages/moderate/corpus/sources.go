package corpus

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/notegate/notegate/models"
)

var (
	hate       = Of(models.CategoryHate)
	harassment = Of(models.CategoryHarassment)
	sexual     = Of(models.CategorySexual)
	violence   = Of(models.CategoryViolence)
	selfHarm   = Of(models.CategorySelfHarm)
	spam       = Of(models.CategorySpam)
	profanity  = Of(models.CategoryProfanity)

	// abuseKinds are what a text labelled only "offensive" or "hateful"
	// may also be: such a label says nothing either way about them.
	abuseKinds = hate | harassment | profanity | violence | sexual
)

// cueUnknown leaves profanity and sexual unlabelled on a text the source
// calls clean when the lexicons find a swear word or a sexual term in it:
// sources that do not annotate these categories call swearing clean.
func (r *reader) cueUnknown(text string) Set {
	return r.cues(text) & (profanity | sexual)
}

// readCOLD reads COLD (columns split, topic, label, TEXT). Its offensive
// comments were sampled on race, region and gender and mostly attack
// groups: they are hate, and may be anything else abusive. train.csv is
// split 85/15 into train and calib; dev.csv is the dev split.
func readCOLD(r *reader) error {
	for _, name := range []string{"train.csv", "dev.csv"} {
		rows, err := readCSV(r.path(name), ',')
		if err != nil {
			return err
		}
		for i, row := range rows {
			label, err := strconv.Atoi(row["label"])
			if err != nil || label < 0 || label > 1 {
				return fmt.Errorf("%s: row %d: label %q", name, i+2, row["label"])
			}
			text := collapse(row["TEXT"])
			split := Dev
			if name == "train.csv" {
				split = Train
				if COLDHeldOut(text) {
					split = Calib
				}
			}
			if label == 1 {
				r.addSplit(text, "zh", split, hate, abuseKinds&^hate, -1)
			} else {
				r.addSplit(text, "zh", split, 0, r.cueUnknown(text), -1)
			}
		}
	}
	return nil
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

var reWord = regexp.MustCompile(`[A-Za-z']+`)

// davidsonText rewrites a tweet for training and reports whether it had
// reclaimed forms.
func davidsonText(tweet string) (text string, hadReclaimed bool) {
	s := cleanSocial(tweet)
	s = reWord.ReplaceAllStringFunc(s, func(w string) string {
		lw := strings.ToLower(w)
		if reclaimed[lw] {
			hadReclaimed = true
			return ""
		}
		if std, ok := dialectSpelling[lw]; ok {
			return std
		}
		return w
	})
	return collapse(s), hadReclaimed
}

// readDavidson reads Davidson et al.'s tweets (class 0 hate speech, 1
// offensive, 2 neither):
//
//   - class 2: clean;
//   - class 0: hate, unless the tweet's only cue in the lexicons was a
//     reclaimed form (left out);
//   - class 1: harassment when the lexicons find an insult, slur, threat
//     or sexual term in it; profanity, and neither harassment nor hate,
//     when they find only swearing (swearing aimed at no one); left out
//     when they find nothing (the label then mostly reflects the
//     annotators' dialect bias).
func readDavidson(r *reader) error {
	rows, err := readCSV(r.path("labeled_data.csv"), ',')
	if err != nil {
		return err
	}
	for i, row := range rows {
		class, err := strconv.Atoi(row["class"])
		if err != nil || class < 0 || class > 2 {
			return fmt.Errorf("row %d: class %q", i+2, row["class"])
		}
		text, hadReclaimed := davidsonText(row["tweet"])
		if text == "" {
			continue
		}
		var cues []models.Category
		if r.opts.Cues != nil {
			cues = r.opts.Cues(text)
		}
		insult := slices.ContainsFunc(cues, func(c models.Category) bool {
			return c == models.CategoryHarassment || c == models.CategoryHate || c == models.CategoryViolence || c == models.CategorySexual
		})
		switch class {
		case 0:
			if hadReclaimed && len(cues) == 0 {
				continue
			}
			r.add(text, "en", "", hate, abuseKinds&^hate, -1)
		case 1:
			switch {
			case insult:
				r.add(text, "en", "", harassment, abuseKinds&^harassment, -1)
			case len(cues) > 0:
				r.add(text, "en", "", profanity, sexual|violence, -1)
			}
		default:
			r.add(text, "en", "", 0, r.cueUnknown(text), -1)
		}
	}
	return nil
}

// readToxicSpans reads the Toxic Spans posts (Civil Comments posts rated
// toxic) with the typed spans of their three or more raters. A type
// marked by at least a third of a post's raters (half for Threat) makes
// the post an example of its category (Insult: harassment, Threat: violence, Identity
// based Attack: hate, Profane/Obscene: profanity); a type nobody marked
// makes it a counter-example; in between it is left unlabelled. Every
// post is harmful.
//
// Every post being toxic, its topic (politics, crime, religion) would
// pass for toxicity. Two derived examples per post teach the difference,
// in the post's split: each span a rater marked, cut out to whole words,
// is a short example of its type (and a counter-example of the types no
// rater marked there); and the post with every marked span removed, when
// every rater marked spans and the lexicons find nothing left, is a
// counter-example of every category — the same topic, said civilly.
func readToxicSpans(r *reader) error {
	comments, err := readCSV(r.path("data/comments.csv"), ',')
	if err != nil {
		return err
	}
	annotations, err := readCSV(r.path("data/annotations.csv"), ',')
	if err != nil {
		return err
	}
	spans, err := readCSV(r.path("data/spans.csv"), ',')
	if err != nil {
		return err
	}
	typeOf := map[string]Set{
		"Insult": harassment, "Threat": violence, "Identity based Attack": hate, "Profane/Obscene": profanity,
	}
	type span struct {
		start, end int
		cat        Set
	}
	marked := map[string][]span{} // annotation id → spans (cat 0: other toxicity)
	for _, s := range spans {
		start, err1 := strconv.Atoi(s["start"])
		end, err2 := strconv.Atoi(s["end"])
		if err1 != nil || err2 != nil || start < 0 || end <= start {
			continue
		}
		marked[s["annotation"]] = append(marked[s["annotation"]], span{start, end, typeOf[strings.TrimSpace(s["type"])]})
	}
	raters := map[string][]string{} // comment id → annotation ids
	for _, a := range annotations {
		raters[a["comment_id"]] = append(raters[a["comment_id"]], a["annotation"])
	}
	for _, c := range comments {
		ids := raters[c["comment_id"]]
		if len(ids) == 0 || len(ids) > 10 { // unrated, or a raters' quiz item
			continue
		}
		var pos, unknown Set
		allMarked := true
		for i := range Categories {
			n := 0
			for _, id := range ids {
				if slices.ContainsFunc(marked[id], func(s span) bool { return s.cat.Has(i) }) {
					n++
				}
			}
			// A threat is rarer and more often misread (a rater marks
			// "kill" in "they kill the economy"): it needs half the raters.
			need := 3 * n
			if Categories[i] == models.CategoryViolence {
				need = 2 * n
			}
			switch {
			case n > 0 && need >= len(ids):
				pos |= 1 << i
			case n > 0:
				unknown |= 1 << i
			}
		}
		for _, id := range ids {
			allMarked = allMarked && len(marked[id]) > 0
		}
		// Obscene may be sexual; a post with no agreed type is toxic in
		// some way nobody named.
		unknown |= sexual
		if pos == 0 {
			unknown |= abuseKinds
		}
		post := collapse(c["comment_text"])
		r.add(post, "en", "", pos, unknown&^pos, 1)

		group := groupKey("", post)
		runes := []rune(c["comment_text"])
		var all []span
		for _, id := range ids {
			for _, s := range marked[id] {
				if s.end <= len(runes) {
					all = append(all, s)
				}
			}
		}
		covered := make([]bool, len(runes))
		for _, s := range all {
			for i := s.start; i < s.end; i++ {
				covered[i] = true
			}
		}
		for _, cat := range []Set{harassment, violence, hate, profanity} {
			// The union of this type's spans, grown to whole words.
			in := make([]bool, len(runes))
			for _, s := range all {
				if s.cat == cat {
					for i := s.start; i < s.end; i++ {
						in[i] = true
					}
				}
			}
			for i := 0; i < len(runes); {
				if !in[i] {
					i++
					continue
				}
				j := i
				for j < len(runes) && in[j] {
					j++
				}
				s, e := i, j
				for s > 0 && isWordRune(runes[s-1]) && isWordRune(runes[s]) {
					s--
				}
				for e < len(runes) && isWordRune(runes[e-1]) && isWordRune(runes[e]) {
					e++
				}
				i = e
				frag := collapse(string(runes[s:e]))
				if len([]rune(frag)) < 3 {
					continue
				}
				// Other types marked over the same words are left open.
				var other Set
				for _, sp := range all {
					if sp.start < e && s < sp.end && sp.cat != cat {
						other |= sp.cat
					}
				}
				if other == 0 && slices.ContainsFunc(all, func(sp span) bool { return sp.start < e && s < sp.end && sp.cat == 0 }) {
					other = abuseKinds
				}
				r.addDerived(frag, "en", group, cat, (other|sexual)&^cat)
			}
		}
		if allMarked && len(all) > 0 {
			var b strings.Builder
			for i, ch := range runes {
				if covered[i] {
					b.WriteByte(' ')
				} else {
					b.WriteRune(ch)
				}
			}
			rest := collapse(b.String())
			if len([]rune(rest)) >= 20 && len(r.cueList(rest)) == 0 {
				r.addDerived(rest, "en", group, 0, 0)
			}
		}
	}
	return nil
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' }

// readStormfront reads the Stormfront sentences (label hate / noHate;
// relation, which is hate only with its neighbours, and idk/skip are
// left out). A post's sentences stay in one split.
func readStormfront(r *reader) error {
	rows, err := readCSV(r.path("annotations_metadata.csv"), ',')
	if err != nil {
		return err
	}
	label := make(map[string]string, len(rows))
	for _, row := range rows {
		label[row["file_id"]] = row["label"]
	}
	return eachTarGz(r.path("sentence_files_all_sampled.tar.gz"), func(name string, data []byte) error {
		if !strings.HasPrefix(name, "all_files/") {
			return nil
		}
		id := strings.TrimSuffix(path.Base(name), ".txt")
		post, _, _ := strings.Cut(id, "_")
		text := collapse(string(data))
		switch label[id] {
		case "hate":
			r.add(text, "en", "stormfront\x00"+post, hate, abuseKinds&^hate, -1)
		case "noHate":
			r.add(text, "en", "stormfront\x00"+post, 0, r.cueUnknown(text), -1)
		}
		return nil
	})
}

// readMLMA reads the English and French tweets of MLMA (hostility types
// joined by "_"; labels are kept where two annotators agreed). Hateful or
// fearful tweets are hate; offensive, abusive or disrespectful ones
// harassment (they target a group attribute, so hate is left open); a
// tweet labelled normal and nothing else is clean; mixtures with normal
// are left out.
func readMLMA(r *reader) error {
	for _, f := range []struct{ name, lang string }{
		{"hate_speech_mlma/en_dataset_with_stop_words.csv", "en"},
		{"hate_speech_mlma/fr_dataset.csv", "fr"},
	} {
		data, err := readZipFile(r.path("hate_speech_mlma.zip"), f.name)
		if err != nil {
			return err
		}
		rows, err := parseCSV(bytes.NewReader(data), f.name, ',')
		if err != nil {
			return err
		}
		for _, row := range rows {
			kinds := strings.Split(row["sentiment"], "_")
			text := cleanSocial(row["tweet"])
			switch {
			case slices.Equal(kinds, []string{"normal"}):
				r.add(text, f.lang, "", 0, r.cueUnknown(text), -1)
			case slices.Contains(kinds, "normal"):
			case slices.Contains(kinds, "hateful") || slices.Contains(kinds, "fearful"):
				r.add(text, f.lang, "", hate, abuseKinds&^hate, -1)
			default:
				r.add(text, f.lang, "", harassment, abuseKinds&^harassment, -1)
			}
		}
	}
	return nil
}

// readToxigen reads ToxiGen's human-written seed statements: implicit
// hate (no slurs) and neutral statements about the same 13 groups.
func readToxigen(r *reader) error {
	add := func(name string, data []byte) {
		base := path.Base(name)
		isHate := strings.HasPrefix(base, "hate_")
		if !isHate && !strings.HasPrefix(base, "neutral_") {
			return
		}
		for _, line := range strings.Split(string(data), "\n") {
			// Prompt files hold one prompt a line, statements joined by
			// a literal "\n-".
			for _, s := range strings.Split(line, `\n`) {
				s = collapse(strings.TrimLeft(strings.TrimSpace(s), "- "))
				if len([]rune(s)) < 8 {
					continue
				}
				if isHate {
					r.add(s, "en", "", hate, harassment, -1)
				} else {
					r.add(s, "en", "", 0, r.cueUnknown(s), -1)
				}
			}
		}
	}
	matches, err := filepath.Glob(r.path("demonstrations/*/*.txt"))
	if err != nil {
		return err
	}
	if len(matches) == 0 {
		return fmt.Errorf("no demonstrations under %s", r.dir)
	}
	slices.Sort(matches)
	for _, m := range matches {
		data, err := os.ReadFile(m)
		if err != nil {
			return err
		}
		add(m, data)
	}
	return eachTarGz(r.path("prompts.tar.gz"), func(name string, data []byte) error {
		add(name, data)
		return nil
	})
}

// readSWSR reads the SWSR Weibo comments on gender topics: sexist
// comments are hate (against women or men as a group), and those of
// category SO (sexual offence) sexual too. Non-sexist comments may still
// insult or swear.
func readSWSR(r *reader) error {
	rows, err := readCSV(r.path("SWSR/SexComment.csv"), ',')
	if err != nil {
		return err
	}
	for _, row := range rows {
		text := collapse(row["comment_text"])
		switch row["label"] {
		case "1":
			pos := hate
			if row["category"] == "SO" {
				pos |= sexual
			}
			r.add(text, "zh", "", pos, abuseKinds&^pos, -1)
		case "0":
			r.add(text, "zh", "", 0, harassment|profanity|r.cueUnknown(text), -1)
		}
	}
	return nil
}

// readKoreanHate reads the Korean entertainment-news comments (hate,
// offensive, none).
func readKoreanHate(r *reader) error {
	for _, name := range []string{"labeled/train.tsv", "labeled/dev.tsv"} {
		rows, err := readCSV(r.path(name), '\t')
		if err != nil {
			return err
		}
		for _, row := range rows {
			text := collapse(row["comments"])
			switch row["hate"] {
			case "hate":
				r.add(text, "ko", "", hate, abuseKinds&^hate, -1)
			case "offensive":
				r.add(text, "ko", "", harassment, abuseKinds&^harassment, -1)
			case "none":
				r.add(text, "ko", "", 0, profanity|sexual, -1)
			}
		}
	}
	return nil
}

// readToLDBr reads ToLD-Br's Brazilian Portuguese tweets, each with the
// number (0–3) of raters who flagged each kind: two or more make an
// example, none a counter-example, one leaves the category open. Insult
// is harassment, obscene profanity (and maybe sexual), homophobia,
// racism, misogyny and xenophobia hate.
func readToLDBr(r *reader) error {
	rows, err := readCSV(r.path("ToLD-BR.csv"), ',')
	if err != nil {
		return err
	}
	kinds := []struct {
		col string
		cat Set
	}{
		{"insult", harassment}, {"obscene", profanity}, {"homophobia", hate},
		{"racism", hate}, {"misogyny", hate}, {"xenophobia", hate},
	}
	for i, row := range rows {
		var pos, some Set
		for _, k := range kinds {
			v, err := strconv.ParseFloat(row[k.col], 64)
			if err != nil {
				return fmt.Errorf("row %d: %s %q", i+2, k.col, row[k.col])
			}
			switch {
			case v >= 2:
				pos |= k.cat
			case v >= 1:
				some |= k.cat
			}
		}
		unknown := some &^ pos
		if (pos|some)&profanity != 0 {
			unknown |= sexual
		}
		r.add(cleanSocial(row["text"]), "pt", "", pos, unknown&^pos, -1)
	}
	return nil
}

// readGermEval reads GermEval 2018's German tweets (OTHER, ABUSE,
// INSULT, PROFANITY). ABUSE ascribes a degrading identity to a group or
// its member: hate.
func readGermEval(r *reader) error {
	for _, name := range []string{"germeval2018.training.txt", "germeval2018.test.txt"} {
		lines, err := readLines(r.path(name))
		if err != nil {
			return err
		}
		for i, l := range lines {
			f := strings.Split(l, "\t")
			if len(f) != 3 {
				return fmt.Errorf("%s: line %d: %d fields", name, i+1, len(f))
			}
			text := cleanSocial(strings.ReplaceAll(f[0], "|LBR|", " "))
			switch f[2] {
			case "OTHER":
				r.add(text, "de", "", 0, r.cueUnknown(text), -1)
			case "ABUSE":
				r.add(text, "de", "", hate, abuseKinds&^hate, -1)
			case "INSULT":
				r.add(text, "de", "", harassment, abuseKinds&^harassment, -1)
			case "PROFANITY": // swearing without an insult
				r.add(text, "de", "", profanity, sexual, -1)
			default:
				return fmt.Errorf("%s: line %d: label %q", name, i+1, f[2])
			}
		}
	}
	return nil
}

// readJapaneseToxic reads the small Japanese toxicity set (vote counts
// per level and per category). A text some rater called toxic is an
// example of every category a rater chose for it (discrimination: hate,
// harassment, obscenity: sexual, vulgar: profanity); one every rater
// called not toxic is clean; the rest is left out.
func readJapaneseToxic(r *reader) error {
	rows, err := readCSV(r.path("data/subset.csv"), ',')
	if err != nil {
		return err
	}
	num := func(row map[string]string, col string) int {
		n, _ := strconv.Atoi(row[col])
		return n
	}
	cats := []struct {
		col string
		cat Set
	}{
		{"category_差別", hate}, {"category_迷惑行為", harassment},
		{"category_猥褻", sexual}, {"category_卑語", profanity},
	}
	for _, row := range rows {
		text := collapse(row["text"])
		n := num(row, "annotation_num")
		toxic := num(row, "Toxic")+num(row, "Very Toxic") > 0
		switch {
		case toxic:
			var pos Set
			for _, c := range cats {
				if num(row, c.col) > 0 {
					pos |= c.cat
				}
			}
			r.add(text, "ja", "", pos, abuseKinds&^pos, 1)
		case n > 0 && num(row, "Not Toxic") == n:
			r.add(text, "ja", "", 0, 0, -1)
		}
	}
	return nil
}

// readSMSSpam reads the UCI SMS Spam Collection (ham / spam). Ham is
// private chat: it may flirt, tease or swear.
func readSMSSpam(r *reader) error {
	lines, err := readLines(r.path("SMSSpamCollection"))
	if err != nil {
		return err
	}
	for i, l := range lines {
		label, text, ok := strings.Cut(l, "\t")
		if !ok {
			return fmt.Errorf("line %d: no tab", i+1)
		}
		text = collapse(text)
		switch label {
		case "spam":
			r.add(text, "en", "", spam, sexual, -1)
		case "ham":
			r.add(text, "en", "", 0, sexual|profanity|harassment, -1)
		default:
			return fmt.Errorf("line %d: label %q", i+1, label)
		}
	}
	return nil
}

// readYouTubeSpam reads the UCI YouTube Spam Collection (CLASS 1 spam:
// self-promotion, link drops). Links are removed first: a link alone is
// not spam on the platform, so the model must learn the wording.
func readYouTubeSpam(r *reader) error {
	matches, err := filepath.Glob(r.path("datasets/*.csv"))
	if err != nil {
		return err
	}
	if len(matches) == 0 {
		return fmt.Errorf("no datasets under %s", r.dir)
	}
	slices.Sort(matches)
	for _, m := range matches {
		rows, err := readCSV(m, ',')
		if err != nil {
			return err
		}
		for _, row := range rows {
			text := cleanSocial(row["CONTENT"])
			if len([]rune(text)) < 3 {
				continue
			}
			switch row["CLASS"] {
			case "1":
				r.add(text, "en", "", spam, 0, -1)
			case "0":
				r.add(text, "en", "", 0, profanity|harassment, -1)
			}
		}
	}
	return nil
}

// readTatoeba reads everyday sentences from Tatoeba (English with
// Chinese, Spanish, Japanese and Korean translations) as clean text (see
// addClean).
func readTatoeba(r *reader) error {
	files := []struct{ name, lang string }{
		{"langid/tatoeba/eng-zho.eng", "en"}, {"langid/tatoeba/eng-zho.zho", "zh"},
		{"translation/tatoeba/eng-spa.eng", "en"}, {"translation/tatoeba/eng-spa.spa", "es"},
		{"translation/tatoeba/eng-jpn.eng", "en"}, {"translation/tatoeba/eng-jpn.jpn", "ja"},
		{"translation/tatoeba/eng-kor.eng", "en"}, {"translation/tatoeba/eng-kor.kor", "ko"},
	}
	for _, f := range files {
		lines, err := readLines(filepath.Join(r.opts.Root, f.name))
		if err != nil {
			return err
		}
		for _, l := range lines {
			r.addClean(l, f.lang)
		}
	}
	return nil
}

// readLeipzig reads the Leipzig news and web sentences of lingua-go's
// test data (one file per language) as clean text: the only news-style
// writing in the data, where the other sources are tweets, comments and
// everyday sentences. `notegate eval moderation` measures the share of
// their dev split that leaves allow.
func readLeipzig(r *reader) error {
	matches, err := filepath.Glob(r.path("*.txt"))
	if err != nil {
		return err
	}
	if len(matches) == 0 {
		return fmt.Errorf("no sentences under %s", r.dir)
	}
	slices.Sort(matches)
	for _, m := range matches {
		lang := strings.TrimSuffix(filepath.Base(m), ".txt")
		lines, err := readLines(m)
		if err != nil {
			return err
		}
		for _, l := range lines {
			r.addClean(l, lang)
		}
	}
	return nil
}

// addClean adds a clean sentence. One the lexicons flag is left out
// (Tatoeba has a few real insults and threats), unless all they find is
// swearing: "Damn, I missed the bus" is clean of everything but
// profanity, and the classifier must see swearing that insults no one.
func (r *reader) addClean(text, lang string) {
	text = collapse(text)
	var unknown Set
	for _, c := range r.cueList(text) {
		if c != models.CategoryProfanity {
			return
		}
		unknown = profanity | sexual
	}
	r.add(text, lang, "", 0, unknown, -1)
}
