package detect

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	lingua "github.com/pemistahl/lingua-go"
	"golang.org/x/text/unicode/norm"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/detect/internal/ngrams"
)

// The primary language of a mixed note is the one with the most text,
// measured in Latin letters: a word of a script written with spaces
// (Latin, Cyrillic, Hangul, Devanagari …) weighs wordWeight whatever its
// length, since words, not letters, carry the message, and a Han or Kana
// character weighs cjkWeight, a Chinese word being 1–2 characters. So
// "今天的outfit怎么样" stays Chinese and a Hindi note with a few English
// share buttons stays Hindi. Thai, written without spaces, weighs by
// letter, a letter as a Latin one (times nativeWordWeight/wordWeight).
//
// A word of another script than Latin weighs nativeWordWeight: in a note
// that mixes one with Latin, the other script is most often the author's
// own language and the Latin words are names, brands and boilerplate
// ("Share to Facebook"), as with Chinese.
const (
	wordWeight       = 5
	nativeWordWeight = 8
	cjkWeight        = 3
)

// loanwordMargin is how far behind the best language (in lingua's score
// per letter) the loanword language may be and still win Latin text inside
// a CJK note.
const loanwordMargin = 0.5

// Detector identifies the language of notes. It is safe for concurrent use.
type Detector struct {
	cfg        Config
	candidates map[lingua.Language]bool
	// groups holds, per script written by several candidates, the n-gram
	// table that decides among them; single holds the one candidate of a
	// script written by only one.
	groups  [numScripts]*ngramTable
	single  [numScripts]lingua.Language
	chinese *chineseScripts
	loan    lingua.Language
	// confidence is the model behind the confidence of n-gram decisions.
	confidence ConfidenceModel
	scratch    sync.Pool
}

// New builds a detector: it validates cfg and opens the embedded n-gram
// tables (ngram_table.go) for the candidate languages that share a script,
// and the Chinese script tables. It reads no models: building takes
// milliseconds. A candidate that shares a script with another and has no
// embedded table is a configuration error (Config.Validate says so too).
func New(cfg Config) (*Detector, error) {
	file, err := embeddedTables()
	if err != nil {
		return nil, fmt.Errorf("detect: embedded n-gram tables: %w", err)
	}
	return newDetector(cfg, file)
}

// candidateLanguages returns the candidates of cfg (after defaults), with
// cfg.Languages spelled out when it is "all".
func candidateLanguages(cfg Config) ([]lingua.Language, Config) {
	var langs []lingua.Language
	if len(cfg.Languages) == 1 && strings.EqualFold(cfg.Languages[0], "all") {
		langs = lingua.AllLanguages()
		cfg.Languages = nil
		for _, l := range langs {
			cfg.Languages = append(cfg.Languages, codeOf(l))
		}
		return langs, cfg
	}
	for _, code := range cfg.Languages {
		l, _ := languageOf(code)
		langs = append(langs, l)
	}
	return langs, cfg
}

// scriptGroups returns, per script, the candidates written in it, sorted.
func scriptGroups(langs []lingua.Language) map[script][]lingua.Language {
	byScript := map[script][]lingua.Language{}
	for _, l := range langs {
		for _, s := range scriptsOf(l) {
			byScript[s] = append(byScript[s], l)
		}
	}
	for _, ls := range byScript {
		slices.Sort(ls)
	}
	return byScript
}

// needsTable reports whether the candidates ls of script s compete on
// n-grams.
func needsTable(s script, ls []lingua.Language) bool {
	return s != scriptHan && s != scriptKana && len(ls) > 1
}

func newDetector(cfg Config, file *ngrams.File) (*Detector, error) {
	if err := cfg.validate(file); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	langs, cfg := candidateLanguages(cfg)
	d := &Detector{cfg: cfg, candidates: map[lingua.Language]bool{}, loan: lingua.Unknown, confidence: fittedConfidence}
	d.scratch.New = func() any { return new(work) }
	for _, l := range langs {
		d.candidates[l] = true
	}
	if cfg.LoanwordLanguage != "" {
		d.loan, _ = languageOf(cfg.LoanwordLanguage)
	}
	for s := range d.single {
		d.single[s] = lingua.Unknown
	}
	for s, ls := range scriptGroups(langs) {
		switch {
		case s == scriptHan || s == scriptKana:
			// Han and Kana are decided by the Kana rule in Detect.
		case !needsTable(s, ls):
			d.single[s] = ls[0]
		default:
			t, err := newNgramTable(file, s, ls)
			if err != nil {
				return nil, err
			}
			for code, w := range cfg.Priors {
				if l, ok := languageOf(code); ok {
					if i := slices.Index(ls, l); i >= 0 {
						t.logPrior[i] = math.Log(w)
					}
				}
			}
			d.groups[s] = t
		}
	}
	var err error
	if d.chinese, err = newChineseScripts(); err != nil {
		return nil, fmt.Errorf("detect: load OpenCC tables: %w", err)
	}
	return d, nil
}

// Languages returns the candidate languages as ISO 639-1 codes.
func (d *Detector) Languages() []string { return slices.Clone(d.cfg.Languages) }

// work is the per-call scratch space, pooled to keep Detect allocation-light.
type work struct {
	letters [numScripts]int
	words   [numScripts][]string
	buf     []byte
	grams   []gram
	han     int
	kana    int             // Kana other than の, which Chinese posts borrow as "of"
	glued   int             // Latin words written against Han or Kana
	runs    [numScripts]int // words per script
	noKana  int
	scores  scores
}

func (w *work) reset() {
	w.letters = [numScripts]int{}
	w.runs = [numScripts]int{}
	for i := range w.words {
		w.words[i] = w.words[i][:0]
	}
	w.buf = w.buf[:0]
	w.han, w.kana, w.noKana, w.glued = 0, 0, 0, 0
}

// share is what one language got of a note.
type share struct {
	lang       lingua.Language
	letters    int
	weight     float64
	confidence float64
	// features describe the n-gram decision behind confidence, when one
	// was made (ngram).
	features confFeatures
	ngram    bool
}

// Detect identifies the language of text. Text without letters of any
// candidate's script (emoji, numbers, URLs, mentions, hashtags only,
// punctuation) is models.Undetermined with confidence 0.
func (d *Detector) Detect(text string) models.Language {
	l, _, _ := d.detect(text)
	return l
}

// detect is Detect that also returns the features of the n-gram decision
// behind the primary language's confidence (ngram false if there was none),
// for fitting the confidence model.
func (d *Detector) detect(text string) (lang models.Language, f confFeatures, ngram bool) {
	clean, _ := stripNoise(text)
	// Decomposed accents ("vu" + U+0323) are composed first, so that the
	// letter rules and the models see the letters they know ("vụ").
	if norm.NFC.QuickSpanString(clean) != len(clean) {
		clean = norm.NFC.String(clean)
	}
	w := d.scratch.Get().(*work)
	defer d.scratch.Put(w)
	w.reset()
	d.collect(clean, w)

	var shares []share
	add := func(sh share) {
		for i := range shares {
			if shares[i].lang == sh.lang {
				shares[i].letters += sh.letters
				shares[i].weight += sh.weight
				if sh.confidence > shares[i].confidence {
					shares[i].confidence, shares[i].features, shares[i].ngram = sh.confidence, sh.features, sh.ngram
				}
				return
			}
		}
		shares = append(shares, sh)
	}

	cjk := w.letters[scriptHan] + w.letters[scriptKana] + w.letters[scriptHangul]
	glued := 0.0
	if han := w.letters[scriptHan] + w.letters[scriptKana]; han > 0 {
		l, conf := d.hanLanguage(w)
		if l != lingua.Unknown {
			add(share{lang: l, letters: han, weight: float64(han * cjkWeight), confidence: conf})
		}
	}
	for s := scriptLatin; s < scriptOther; s++ {
		n := w.letters[s]
		if n == 0 || s == scriptHan || s == scriptKana {
			continue
		}
		weight := float64(n)
		switch s {
		case scriptThai:
			weight = float64(n) * nativeWordWeight / wordWeight
		case scriptLatin:
			weight = float64(w.runs[s] * wordWeight)
		default:
			weight = float64(w.runs[s] * nativeWordWeight)
		}
		if l := d.single[s]; l != lingua.Unknown {
			add(share{lang: l, letters: n, weight: weight, confidence: scriptConfidence(n, s)})
			continue
		}
		t := d.groups[s]
		if t == nil {
			continue
		}
		// One or two Latin words inside CJK text are loanwords or brand
		// names ("TikTok", "app", "outfit") unless the models are sure.
		loanword := s == scriptLatin && cjk > 0 && len(w.words[s]) <= 2
		if s == scriptLatin && w.glued > 0 && cjk > 0 {
			// Latin words glued to Han ("TikTok难民") are part of the
			// Chinese sentence for choosing the primary language.
			weight -= float64(w.glued * wordWeight)
			glued = float64(w.glued * wordWeight)
		}
		w.grams = t.score(w.words[s], n, w.grams, &w.scores)
		first, second, _ := w.scores.best(len(t.langs))
		if first < 0 {
			continue
		}
		// Latin text in a CJK note on this platform is most often English:
		// close calls go to the loanword language.
		if cjk > 0 && d.loan != lingua.Unknown {
			if li := slices.Index(t.langs, d.loan); li >= 0 && li != first && w.scores.known[li] &&
				w.scores.value[first]-w.scores.value[li] < loanwordMargin {
				first, second = li, first
			}
		}
		feat := featuresOf(&w.scores, first, second, len(w.words[s]), n)
		conf := d.confidence.probability(feat)
		l := t.langs[first]
		fromModels := true
		if loanword && d.loan != lingua.Unknown && l != d.loan && conf < 0.9 {
			l, conf, fromModels = d.loan, 0.5, false
		}
		if conf < d.cfg.MinConfidence {
			continue
		}
		add(share{lang: l, letters: n, weight: weight, confidence: conf, features: feat, ngram: fromModels})
	}
	if len(shares) == 0 {
		return models.Language{Code: models.Undetermined}, confFeatures{}, false
	}
	if glued > 0 {
		for i := range shares {
			if shares[i].lang == lingua.Chinese || shares[i].lang == lingua.Japanese {
				shares[i].weight += glued
			}
		}
	}
	lang = d.summarize(shares, clean)
	return lang, shares[0].features, shares[0].ngram && len(shares) == 1
}

func codesOf(ls []lingua.Language) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = codeOf(l)
	}
	return out
}

// summarize turns per-language shares into the note's language: the
// primary one by weight, the others as Mixed by share of letters.
func (d *Detector) summarize(shares []share, clean string) models.Language {
	slices.SortStableFunc(shares, func(a, b share) int {
		switch {
		case a.weight > b.weight:
			return -1
		case a.weight < b.weight:
			return 1
		}
		return int(a.lang) - int(b.lang)
	})
	totalLetters, totalWeight := 0, 0.0
	for _, s := range shares {
		totalLetters += s.letters
		totalWeight += s.weight
	}
	p := shares[0]
	out := models.Language{Code: codeOf(p.lang)}
	// A mixed note is as sure as its primary language's part, discounted by
	// how much of the note that part is.
	out.Confidence = round3(p.confidence * math.Min(1, 0.5+p.weight/totalWeight/2+0.25))
	if p.lang == lingua.Chinese {
		out.Script = d.chinese.script(clean, d.cfg.ChineseScript)
	}
	for _, s := range shares[1:] {
		out.Mixed = append(out.Mixed, models.LanguageShare{
			Code:  codeOf(s.lang),
			Share: round3(float64(s.letters) / float64(totalLetters)),
		})
	}
	return out
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// hanLanguage decides Han and Kana text: Japanese when it has Kana beyond
// the odd "の" that Chinese posts borrow, Chinese otherwise; whichever is a
// candidate.
func (d *Detector) hanLanguage(w *work) (lingua.Language, float64) {
	zh, ja := d.candidates[lingua.Chinese], d.candidates[lingua.Japanese]
	japanese := w.kana > 0 && (w.kana*10 >= w.han || w.kana >= 3) || w.han == 0
	switch {
	case japanese && ja || !zh && ja:
		if w.kana == 0 && w.han > 0 {
			return lingua.Japanese, 0.5
		}
		return lingua.Japanese, scriptConfidence(w.han+w.kana+w.noKana, scriptKana)
	case zh:
		conf := scriptConfidence(w.han, scriptHan)
		if w.kana+w.noKana > 0 {
			conf *= 0.8
		}
		return lingua.Chinese, conf
	}
	return lingua.Unknown, 0
}

// collect splits clean text into letters per script, and into lower-case
// words for the scripts that n-gram models decide.
func (d *Detector) collect(clean string, w *work) {
	cur := scriptNone
	wordStart := -1
	// A Latin run touching Han or Kana with no space between is glued.
	prevCJK, runLatin, runGlued := false, 0, false
	endRun := func() {
		if runGlued && runLatin > 0 {
			w.glued++
		}
		runLatin, runGlued = 0, false
	}
	flush := func() {
		if wordStart >= 0 && d.groups[cur] != nil {
			w.words[cur] = append(w.words[cur], string(w.buf[wordStart:]))
		}
		w.buf = w.buf[:0]
		wordStart = -1
	}
	for _, r := range clean {
		s := scriptOfRune(r)
		isCJK := s == scriptHan || s == scriptKana
		switch {
		case s == scriptLatin:
			if runLatin == 0 {
				runGlued = prevCJK
			}
			runLatin++
		case isCJK:
			if runLatin > 0 {
				runGlued = true
			}
			endRun()
		default:
			endRun()
		}
		prevCJK = isCJK
		if s == scriptNone {
			// Combining marks (Thai and Devanagari vowel signs, accents
			// left decomposed) belong to the word they follow and count as
			// its letters; anything else ends the word.
			if cur != scriptNone && isWordMark(r) {
				w.letters[cur]++
				if wordStart >= 0 {
					w.buf = utf8.AppendRune(w.buf, r)
				}
				continue
			}
			flush()
			cur = scriptNone
			continue
		}
		switch s {
		case scriptHan:
			w.han++
		case scriptKana:
			if r == 'の' {
				w.noKana++
			} else {
				w.kana++
			}
		}
		w.letters[s]++
		if s != cur {
			flush()
			cur = s
			w.runs[s]++
		}
		if d.groups[s] != nil {
			if wordStart < 0 {
				wordStart = 0
			}
			w.buf = utf8.AppendRune(w.buf, unicode.ToLower(r))
		}
	}
	flush()
	endRun()
}
