package detect

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	lingua "github.com/pemistahl/lingua-go"
)

// Score counts right answers.
type Score struct {
	Correct int `json:"correct"`
	Total   int `json:"total"`
}

// Accuracy is Correct/Total, or 0 for no cases.
func (s Score) Accuracy() float64 {
	if s.Total == 0 {
		return 0
	}
	return float64(s.Correct) / float64(s.Total)
}

func (s *Score) add(ok bool) {
	s.Total++
	if ok {
		s.Correct++
	}
}

// EvalSets are lingua's test sets, by growing length: the sets are the
// length buckets of the report.
var EvalSets = []string{"single-words", "word-pairs", "sentences"}

// ScriptCase is one Tatoeba sentence whose Simplified/Traditional label
// the detector disagreed with.
type ScriptCase struct {
	Line  int    `json:"line"`
	Text  string `json:"text"`
	Label string `json:"label"`
	Got   string `json:"got"`
}

// CalibrationBin is the accuracy of the answers whose confidence fell in
// [Low, High).
type CalibrationBin struct {
	Low, High float64
	Score
}

// Report is the outcome of Evaluate.
type Report struct {
	// Sets maps a set (EvalSets) to language code to score.
	Sets map[string]map[string]Score `json:"sets"`
	// Lengths scores every case by its length in characters.
	Lengths map[string]Score `json:"lengths"`
	// Calibration scores the answers by their confidence.
	Calibration []CalibrationBin `json:"calibration,omitempty"`
	// ChineseScript is the agreement with Tatoeba's Hans/Hant labels.
	ChineseScript       Score        `json:"chinese_script"`
	ScriptDisagreements []ScriptCase `json:"script_disagreements,omitempty"`
	// ChineseScriptTelling is the agreement on the lines that have at least
	// one Simplified-only or Traditional-only character.
	ChineseScriptTelling Score `json:"chinese_script_telling"`
	// LabelErrors are disagreements where the text has two or more telling
	// characters and all of them contradict the label: label errors.
	LabelErrors int `json:"label_errors"`
	// TatoebaChinese counts Tatoeba's Chinese side detected as zh.
	TatoebaChinese Score `json:"tatoeba_chinese"`
}

// Overall is the score of one set over all its languages.
func (r Report) Overall(set string) Score {
	var s Score
	for _, v := range r.Sets[set] {
		s.Correct += v.Correct
		s.Total += v.Total
	}
	return s
}

var lengthBuckets = []struct {
	name string
	max  int
}{{"1-5", 5}, {"6-15", 15}, {"16-40", 40}, {"41-100", 100}, {"101+", 1 << 30}}

func lengthBucket(text string) string {
	n := runeCount(text)
	for _, b := range lengthBuckets {
		if n <= b.max {
			return b.name
		}
	}
	return ""
}

// Evaluate measures d on the language-identification data in dir (lingua's
// test sets under lingua/, Tatoeba's Chinese side under tatoeba/) for the
// candidate languages of d, and prints tables to w.
func Evaluate(dir string, d *Detector, w io.Writer) (Report, error) {
	r, err := evaluateSets(dir, d.Languages(), func(text string) (string, float64) {
		l := d.Detect(text)
		return l.Code, l.Confidence
	})
	if err != nil {
		return r.Report, err
	}
	bins := []float64{0, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 1.01}
	r.Calibration = nil
	for i := 0; i+1 < len(bins); i++ {
		r.Calibration = append(r.Calibration, CalibrationBin{Low: bins[i], High: bins[i+1]})
	}
	for _, c := range r.confident {
		for i := range r.Calibration {
			if c.conf >= r.Calibration[i].Low && c.conf < r.Calibration[i].High {
				r.Calibration[i].add(c.ok)
			}
		}
	}
	if err := evaluateTatoeba(dir, d, &r.Report); err != nil {
		return r.Report, err
	}
	printReport(w, r.Report, d.Languages())
	return r.Report, nil
}

// EvaluateLingua measures plain lingua-go, restricted to languages (all 75
// when empty) in high-accuracy mode with preloaded models, on the same
// sets, so its figures compare with Evaluate's. It needs lingua's memory:
// ~30 MB per language.
func EvaluateLingua(dir string, languages []string, w io.Writer) (Report, error) {
	ld := buildPlainLingua(languages)
	if len(languages) == 0 {
		for _, l := range lingua.AllLanguages() {
			languages = append(languages, codeOf(l))
		}
	}
	r, err := evaluateSets(dir, languages, func(text string) (string, float64) {
		l, ok := ld.DetectLanguageOf(text)
		if !ok {
			return "und", 0
		}
		return codeOf(l), 1
	})
	if err != nil {
		return r.Report, err
	}
	printReport(w, r.Report, languages)
	return r.Report, nil
}

// buildPlainLingua is the baseline: lingua-go as it comes.
func buildPlainLingua(languages []string) lingua.LanguageDetector {
	b := lingua.NewLanguageDetectorBuilder()
	var built lingua.LanguageDetectorBuilder
	if len(languages) == 0 {
		built = b.FromAllLanguages()
	} else {
		var ls []lingua.Language
		for _, c := range languages {
			if l, ok := languageOf(c); ok {
				ls = append(ls, l)
			}
		}
		built = b.FromLanguages(ls...)
	}
	return built.WithPreloadedLanguageModels().Build()
}

type confidentAnswer struct {
	conf float64
	ok   bool
}

type setReport struct {
	Report
	confident []confidentAnswer
}

func evaluateSets(dir string, languages []string, identify func(string) (string, float64)) (setReport, error) {
	r := setReport{Report: Report{Sets: map[string]map[string]Score{}, Lengths: map[string]Score{}}}
	for _, set := range EvalSets {
		r.Sets[set] = map[string]Score{}
		for _, lang := range languages {
			path := filepath.Join(dir, "lingua", set, lang+".txt")
			lines, err := readLines(path)
			if os.IsNotExist(err) {
				continue
			}
			if err != nil {
				return r, fmt.Errorf("evaluate: %w", err)
			}
			s := r.Sets[set][lang]
			for _, text := range lines {
				got, conf := identify(text)
				ok := got == lang
				s.add(ok)
				b := r.Lengths[lengthBucket(text)]
				b.add(ok)
				r.Lengths[lengthBucket(text)] = b
				r.confident = append(r.confident, confidentAnswer{conf, ok})
			}
			r.Sets[set][lang] = s
		}
	}
	return r, nil
}

// evaluateTatoeba scores the Chinese side of Tatoeba's eng-zho pairs:
// language zh for every line, and the script for lines labelled *_Hans or
// *_Hant (other labels, such as cmn_Bopo or yue, say nothing of it).
func evaluateTatoeba(dir string, d *Detector, r *Report) error {
	texts, err := readLines(filepath.Join(dir, "tatoeba", "eng-zho.zho"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("evaluate: %w", err)
	}
	labels, err := readLines(filepath.Join(dir, "tatoeba", "eng-zho.zho.labels"))
	if err != nil {
		return fmt.Errorf("evaluate: %w", err)
	}
	if len(labels) != len(texts) {
		return fmt.Errorf("evaluate: tatoeba: %d sentences but %d labels", len(texts), len(labels))
	}
	for i, text := range texts {
		got := d.Detect(text)
		r.TatoebaChinese.add(got.Code == "zh")
		_, want, _ := strings.Cut(labels[i], "_")
		if want != "Hans" && want != "Hant" {
			continue
		}
		ok := got.Script == want
		r.ChineseScript.add(ok)
		simp, trad := d.chinese.vote(text)
		if simp+trad > 0 {
			r.ChineseScriptTelling.add(ok)
		}
		if !ok && (want == "Hans" && simp == 0 && trad >= 2 || want == "Hant" && trad == 0 && simp >= 2) {
			r.LabelErrors++
		}
		if !ok {
			r.ScriptDisagreements = append(r.ScriptDisagreements, ScriptCase{Line: i + 1, Text: text, Label: labels[i], Got: got.Script})
		}
	}
	return nil
}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" {
			out = append(out, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return out, nil
}

func printReport(w io.Writer, r Report, languages []string) {
	langs := slices.Clone(languages)
	slices.Sort(langs)
	fmt.Fprintf(w, "%-6s", "lang")
	for _, set := range EvalSets {
		fmt.Fprintf(w, " %13s", set)
	}
	fmt.Fprintln(w)
	for _, l := range langs {
		if r.Sets["sentences"][l].Total+r.Sets["word-pairs"][l].Total+r.Sets["single-words"][l].Total == 0 {
			continue
		}
		fmt.Fprintf(w, "%-6s", l)
		for _, set := range EvalSets {
			fmt.Fprintf(w, " %12.1f%%", 100*r.Sets[set][l].Accuracy())
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%-6s", "all")
	for _, set := range EvalSets {
		fmt.Fprintf(w, " %12.1f%%", 100*r.Overall(set).Accuracy())
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "by length (characters):")
	for _, b := range lengthBuckets {
		s := r.Lengths[b.name]
		fmt.Fprintf(w, "  %-7s %6.1f%% of %d\n", b.name, 100*s.Accuracy(), s.Total)
	}
	if len(r.Calibration) > 0 {
		fmt.Fprintln(w, "calibration (confidence → accuracy):")
		for _, c := range r.Calibration {
			if c.Total > 0 {
				fmt.Fprintf(w, "  [%.2f, %.2f) %6.1f%% of %d\n", c.Low, min(c.High, 1), 100*c.Accuracy(), c.Total)
			}
		}
	}
	if r.TatoebaChinese.Total > 0 {
		fmt.Fprintf(w, "tatoeba zho detected as zh: %.2f%% of %d\n", 100*r.TatoebaChinese.Accuracy(), r.TatoebaChinese.Total)
		fmt.Fprintf(w, "tatoeba Hans/Hant agreement with labels: %.2f%% of %d\n", 100*r.ChineseScript.Accuracy(), r.ChineseScript.Total)
		fmt.Fprintf(w, "  on lines with telling characters: %.2f%% of %d\n", 100*r.ChineseScriptTelling.Accuracy(), r.ChineseScriptTelling.Total)
		fmt.Fprintf(w, "  disagreements that are label errors (>=2 telling characters, all against the label): %d\n", r.LabelErrors)
		clean := Score{Correct: r.ChineseScript.Correct, Total: r.ChineseScript.Total - r.LabelErrors}
		fmt.Fprintf(w, "  agreement without those label errors: %.2f%% of %d\n", 100*clean.Accuracy(), clean.Total)
	}
}
