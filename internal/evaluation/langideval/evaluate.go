package langideval

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/notegate/notegate/stages/detect"
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

// EvalSets are lingua's test sets, by growing length.
var EvalSets = []string{"single-words", "word-pairs", "sentences"}

// ScriptCase is one Tatoeba sentence whose Simplified/Traditional label
// the detector disagreed with.
type ScriptCase struct {
	Line  int    `json:"line"`
	Text  string `json:"text"`
	Label string `json:"label"`
	Got   string `json:"got"`
	// LabelError is set when the text contradicts its label: two or more
	// characters that exist only in the other script and none of the
	// label's.
	LabelError bool `json:"label_error,omitempty"`
}

// CalibrationBin is the accuracy of the answers whose confidence fell in
// [Low, High).
type CalibrationBin struct {
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
	Score `json:"score"`
}

// ScriptReport is the agreement with Tatoeba's Hans/Hant labels.
type ScriptReport struct {
	// DetectedZh counts Tatoeba's Chinese side (every line) detected as zh.
	DetectedZh Score `json:"detected_zh"`
	// All is the agreement on every line labelled *_Hans or *_Hant.
	All Score `json:"all"`
	// Evidence is the agreement on the lines that have at least one
	// telling or leaning character; the others (Neutral) are written the
	// same in both scripts, get the configured fallback, and are right
	// under either label.
	Evidence Score `json:"evidence"`
	Neutral  int   `json:"neutral"`
	// WithoutLabelErrors is All without the lines whose label the text
	// contradicts; EvidenceWithoutLabelErrors likewise for Evidence.
	WithoutLabelErrors         Score `json:"without_label_errors"`
	EvidenceWithoutLabelErrors Score `json:"evidence_without_label_errors"`
	// NeutralEither is WithoutLabelErrors with the script-neutral lines
	// counted as right: their text is valid under either label.
	NeutralEither Score `json:"neutral_either"`
	// Confusion counts label → answer ("Hans", "Hant", "neutral→Hans" …).
	Confusion     map[string]map[string]int `json:"confusion"`
	Disagreements []ScriptCase              `json:"disagreements,omitempty"`
}

// LabelErrors are the disagreements that are label errors.
func (r *ScriptReport) LabelErrors() []ScriptCase {
	var out []ScriptCase
	for _, c := range r.Disagreements {
		if c.LabelError {
			out = append(out, c)
		}
	}
	return out
}

// Report is the outcome of Evaluate.
type Report struct {
	// Sets maps a set (EvalSets) to language code to score.
	Sets map[string]map[string]Score `json:"sets"`
	// Lengths maps a set to a length bucket (characters) to score.
	Lengths map[string]map[string]Score `json:"lengths"`
	// Reliability scores the answers on the held-out (odd-numbered) lines
	// of the sets by their confidence.
	Reliability []CalibrationBin `json:"reliability,omitempty"`
	// Tatoeba is the Chinese side of Tatoeba; nil without the data.
	Tatoeba *ScriptReport `json:"tatoeba,omitempty"`
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

// LengthBuckets are the length buckets of the report, in characters.
var LengthBuckets = []struct {
	Name string
	Max  int
}{{"1-5", 5}, {"6-15", 15}, {"16-40", 40}, {"41-100", 100}, {"101+", 1 << 30}}

func lengthBucket(text string) string {
	n := utf8.RuneCountInString(text)
	for _, b := range LengthBuckets {
		if n <= b.Max {
			return b.Name
		}
	}
	return ""
}

// reliabilityEdges are the confidence buckets of the reliability table.
var reliabilityEdges = []float64{0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.01}

// Evaluate measures d on the language-identification data in dir (lingua's
// test sets under lingua/, Tatoeba's Chinese side under tatoeba/) for the
// candidate languages of d, and prints tables to w.
func Evaluate(dir string, d *detect.Detector, w io.Writer) (Report, error) {
	var rel []CalibrationBin
	for i := 0; i+1 < len(reliabilityEdges); i++ {
		rel = append(rel, CalibrationBin{Low: reliabilityEdges[i], High: reliabilityEdges[i+1]})
	}
	r, err := evaluateSets(dir, d.Languages(), func(line int, lang, text string) string {
		got := d.Detect(text)
		if line%2 == 1 {
			ok := got.Code == lang
			for i := range rel {
				if got.Confidence >= rel[i].Low && got.Confidence < rel[i].High {
					rel[i].add(ok)
				}
			}
		}
		return got.Code
	})
	if err != nil {
		return r, err
	}
	r.Reliability = rel
	if r.Tatoeba, err = evaluateTatoeba(dir, d); err != nil {
		return r, err
	}
	PrintReport(w, r, nil)
	return r, nil
}

// EvaluateLingua measures plain lingua-go, restricted to languages (all 75
// when empty) in high-accuracy mode with preloaded models, on the same
// sets, so its figures compare with Evaluate's. It needs lingua's memory:
// ~30 MB per language.
func EvaluateLingua(dir string, languages []string, w io.Writer) (Report, error) {
	ld := NewPlainLingua(languages)
	if len(languages) == 0 {
		for _, l := range lingua.AllLanguages() {
			languages = append(languages, detect.LinguaCode(l))
		}
	}
	r, err := evaluateSets(dir, languages, func(_ int, _, text string) string {
		l, ok := ld.DetectLanguageOf(text)
		if !ok {
			return "und"
		}
		return detect.LinguaCode(l)
	})
	if err != nil {
		return r, err
	}
	PrintReport(w, r, nil)
	return r, nil
}

// NewPlainLingua is the baseline: lingua-go as it comes, restricted to
// languages (all 75 when empty), high accuracy, preloaded models.
func NewPlainLingua(languages []string) lingua.LanguageDetector {
	b := lingua.NewLanguageDetectorBuilder()
	var built lingua.LanguageDetectorBuilder
	var ls []lingua.Language
	for _, c := range languages {
		if l, ok := detect.LinguaLanguage(c); ok {
			ls = append(ls, l)
		}
	}
	if len(ls) == 0 {
		built = b.FromAllLanguages()
	} else {
		built = b.FromLanguages(ls...)
	}
	return built.WithPreloadedLanguageModels().Build()
}

// evaluateSets runs identify on every line of lingua's sets for languages;
// line numbers count from 0 within each file.
func evaluateSets(dir string, languages []string, identify func(line int, lang, text string) string) (Report, error) {
	r := Report{Sets: map[string]map[string]Score{}, Lengths: map[string]map[string]Score{}}
	for _, set := range EvalSets {
		r.Sets[set] = map[string]Score{}
		r.Lengths[set] = map[string]Score{}
		for _, lang := range languages {
			lines, err := readLines(filepath.Join(dir, "lingua", set, lang+".txt"))
			if os.IsNotExist(err) {
				continue
			}
			if err != nil {
				return r, fmt.Errorf("evaluate: %w", err)
			}
			s := r.Sets[set][lang]
			for i, text := range lines {
				ok := identify(i, lang, text) == lang
				s.add(ok)
				b := r.Lengths[set][lengthBucket(text)]
				b.add(ok)
				r.Lengths[set][lengthBucket(text)] = b
			}
			r.Sets[set][lang] = s
		}
	}
	return r, nil
}

// evaluateTatoeba scores the Chinese side of Tatoeba's eng-zho pairs:
// language zh for every line, and the script for lines labelled *_Hans or
// *_Hant (other labels, such as cmn_Bopo or wuu, say nothing of it).
func evaluateTatoeba(dir string, d *detect.Detector) (*ScriptReport, error) {
	texts, err := readLines(filepath.Join(dir, "tatoeba", "eng-zho.zho"))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	labels, err := readLines(filepath.Join(dir, "tatoeba", "eng-zho.zho.labels"))
	if err != nil {
		return nil, fmt.Errorf("evaluate: %w", err)
	}
	if len(labels) != len(texts) {
		return nil, fmt.Errorf("evaluate: tatoeba: %d sentences but %d labels", len(texts), len(labels))
	}
	r := &ScriptReport{Confusion: map[string]map[string]int{}}
	for i, text := range texts {
		got := d.Detect(text)
		r.DetectedZh.add(got.Code == "zh")
		_, want, _ := strings.Cut(labels[i], "_")
		if want != "Hans" && want != "Hant" {
			continue
		}
		e := d.Explain(text)
		answer := e.Script
		ok := answer == want
		neutral := e.SimplifiedVotes == 0 && e.TraditionalVotes == 0
		s, t := e.SimplifiedTelling, e.TraditionalTelling
		labelError := !ok && (want == "Hans" && s == 0 && t >= 2 || want == "Hant" && t == 0 && s >= 2)

		r.All.add(ok)
		if !labelError {
			r.WithoutLabelErrors.add(ok)
			r.NeutralEither.add(ok || neutral)
		}
		key := answer
		if neutral {
			r.Neutral++
			key = "neutral→" + answer
		} else {
			r.Evidence.add(ok)
			if !labelError {
				r.EvidenceWithoutLabelErrors.add(ok)
			}
		}
		if r.Confusion[labels[i]] == nil {
			r.Confusion[labels[i]] = map[string]int{}
		}
		r.Confusion[labels[i]][key]++
		if !ok {
			r.Disagreements = append(r.Disagreements, ScriptCase{Line: i + 1, Text: text, Label: labels[i], Got: answer, LabelError: labelError})
		}
	}
	return r, nil
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

// PrintReport writes r's tables to w; with a baseline, each accuracy is
// followed by the baseline's and the difference.
func PrintReport(w io.Writer, r Report, baseline *Report) {
	var langs []string
	for l := range r.Sets["sentences"] {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	cell := func(s Score, b *Score) string {
		if b == nil {
			return fmt.Sprintf(" %13.1f%%", 100*s.Accuracy())
		}
		return fmt.Sprintf(" %6.1f%% %6.1f%% %+5.1f", 100*s.Accuracy(), 100*b.Accuracy(), 100*(s.Accuracy()-b.Accuracy()))
	}
	header := func(first string) {
		fmt.Fprintf(w, "%-7s", first)
		for _, set := range EvalSets {
			if baseline == nil {
				fmt.Fprintf(w, " %14s", set)
			} else {
				fmt.Fprintf(w, " %-22s", set+" (ours lingua ±)")
			}
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, "accuracy by language and set (lingua test data):")
	header("lang")
	for _, l := range langs {
		fmt.Fprintf(w, "%-7s", l)
		for _, set := range EvalSets {
			var b *Score
			if baseline != nil {
				bs := baseline.Sets[set][l]
				b = &bs
			}
			fmt.Fprint(w, cell(r.Sets[set][l], b))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%-7s", "all")
	for _, set := range EvalSets {
		var b *Score
		if baseline != nil {
			bs := baseline.Overall(set)
			b = &bs
		}
		fmt.Fprint(w, cell(r.Overall(set), b))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "\naccuracy by length in characters:")
	header("length")
	for _, lb := range LengthBuckets {
		fmt.Fprintf(w, "%-7s", lb.Name)
		for _, set := range EvalSets {
			s := r.Lengths[set][lb.Name]
			if s.Total == 0 {
				fmt.Fprintf(w, " %14s", "-")
				if baseline != nil {
					fmt.Fprintf(w, "%9s", "")
				}
				continue
			}
			var b *Score
			if baseline != nil {
				bs := baseline.Lengths[set][lb.Name]
				b = &bs
			}
			fmt.Fprint(w, cell(s, b))
		}
		fmt.Fprintln(w)
	}
	if len(r.Reliability) > 0 {
		fmt.Fprintln(w, "\nreliability on held-out lines (confidence → observed accuracy):")
		for _, c := range r.Reliability {
			if c.Total > 0 {
				fmt.Fprintf(w, "  [%.2f, %.2f)  %6.1f%% of %d\n", c.Low, min(c.High, 1), 100*c.Accuracy(), c.Total)
			}
		}
		fmt.Fprintf(w, "  expected calibration error: %.3f\n", ExpectedCalibrationError(r.Reliability))
	}
	if t := r.Tatoeba; t != nil {
		printScriptReport(w, t)
	}
}

// ExpectedCalibrationError is the mean gap between a bin's confidence
// (its middle) and its observed accuracy, weighted by the bin's size.
func ExpectedCalibrationError(bins []CalibrationBin) float64 {
	total, sum := 0, 0.0
	for _, b := range bins {
		if b.Total == 0 {
			continue
		}
		mid := (b.Low + min(b.High, 1)) / 2
		sum += float64(b.Total) * math.Abs(mid-b.Accuracy())
		total += b.Total
	}
	if total == 0 {
		return 0
	}
	return sum / float64(total)
}

func printScriptReport(w io.Writer, t *ScriptReport) {
	fmt.Fprintf(w, "\nTatoeba zho detected as zh: %.2f%% of %d\n", 100*t.DetectedZh.Accuracy(), t.DetectedZh.Total)
	fmt.Fprintln(w, "Simplified/Traditional agreement with Tatoeba's labels:")
	fmt.Fprintf(w, "  all labelled lines:                         %6.2f%% of %d\n", 100*t.All.Accuracy(), t.All.Total)
	fmt.Fprintf(w, "  without label errors:                       %6.2f%% of %d\n", 100*t.WithoutLabelErrors.Accuracy(), t.WithoutLabelErrors.Total)
	fmt.Fprintf(w, "  lines the characters decide:                %6.2f%% of %d\n", 100*t.Evidence.Accuracy(), t.Evidence.Total)
	fmt.Fprintf(w, "  lines the characters decide, w/o label errors: %6.2f%% of %d\n", 100*t.EvidenceWithoutLabelErrors.Accuracy(), t.EvidenceWithoutLabelErrors.Total)
	fmt.Fprintf(w, "  w/o label errors, script-neutral lines right under either label: %6.2f%% of %d\n",
		100*t.NeutralEither.Accuracy(), t.NeutralEither.Total)
	fmt.Fprintf(w, "  script-neutral lines (every character the same in both scripts): %d\n", t.Neutral)

	fmt.Fprintln(w, "  confusion (label → answer):")
	var labels []string
	for l := range t.Confusion {
		labels = append(labels, l)
	}
	slices.Sort(labels)
	cols := []string{"Hans", "Hant", "neutral→Hans", "neutral→Hant"}
	fmt.Fprintf(w, "    %-9s", "label")
	for _, c := range cols {
		fmt.Fprintf(w, " %13s", c)
	}
	fmt.Fprintln(w)
	for _, l := range labels {
		fmt.Fprintf(w, "    %-9s", l)
		for _, c := range cols {
			fmt.Fprintf(w, " %13d", t.Confusion[l][c])
		}
		fmt.Fprintln(w)
	}
	errs := t.LabelErrors()
	fmt.Fprintf(w, "  label errors (>= 2 characters only the other script has, none of the label's): %d\n", len(errs))
	byLabel := map[string][]int{}
	for _, c := range errs {
		byLabel[c.Label] = append(byLabel[c.Label], c.Line)
	}
	for _, l := range slices.Sorted(maps.Keys(byLabel)) {
		fmt.Fprintf(w, "    %s (%d): lines %s\n", l, len(byLabel[l]), lineRanges(byLabel[l]))
	}
}

// lineRanges writes sorted line numbers as "3, 7-9, 12".
func lineRanges(lines []int) string {
	var b strings.Builder
	for i := 0; i < len(lines); {
		j := i
		for j+1 < len(lines) && lines[j+1] == lines[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		if j > i {
			fmt.Fprintf(&b, "%d-%d", lines[i], lines[j])
		} else {
			fmt.Fprintf(&b, "%d", lines[i])
		}
		i = j + 1
	}
	return b.String()
}
