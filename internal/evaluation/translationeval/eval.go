// Package translationeval scores translation providers on aligned
// corpora (FLORES-200 devtest, Tatoeba) with corpus BLEU and chrF.
// `notegate eval translate` is its command.
package translationeval

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/notegate/notegate/stages/translate"
)

// Options say where the data is and how to call the providers.
type Options struct {
	// Data holds flores200-devtest/ and tatoeba/; Tatoeba eng-zho is read
	// from its parent's langid/tatoeba/.
	Data string
	// Limit is at most this many sentences per set, evenly spaced (0: all).
	Limit int
	// Batch is texts per provider call; Timeout bounds one call.
	Batch   int
	Timeout time.Duration
}

// Run scores every provider on every set it serves and prints a table,
// any errors, and one line of JSON with the results.
func Run(ctx context.Context, providers []translate.Provider, o Options, stdout io.Writer) error {
	sets, err := LoadSets(o.Data, o.Limit)
	if err != nil {
		return err
	}
	start := time.Now()
	var results []Result
	for _, p := range providers {
		for _, s := range sets {
			if err := ctx.Err(); err != nil {
				return err
			}
			r := Score(ctx, p, s, o.Batch, o.Timeout)
			if r.Status == "unsupported" {
				continue
			}
			results = append(results, r)
		}
	}

	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', tabwriter.AlignRight|tabwriter.Debug)
	fmt.Fprintln(tw, "provider\tset\tpair\tsentences\tBLEU\tchrF\tseconds\tstatus\t")
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%s\t%s→%s\t%d\t%.2f\t%.2f\t%.1f\t%s\t\n", r.Provider, r.Set, r.From, r.To, r.Sentences, r.BLEU, r.ChrF, r.Seconds, r.Status)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, r := range results {
		if r.Error != "" {
			fmt.Fprintf(stdout, "%s %s %s→%s: %s\n", r.Provider, r.Set, r.From, r.To, r.Error)
		}
	}
	line, err := json.Marshal(struct {
		Eval    string   `json:"eval"`
		Seconds float64  `json:"seconds"`
		Results []Result `json:"results"`
	}{"translate", math.Round(time.Since(start).Seconds()*10) / 10, results})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(stdout, string(line))
	return err
}

// Set is one direction of one aligned corpus.
type Set struct {
	Name     string // "flores200-devtest", "tatoeba"
	From, To string // ISO 639-1
	Sources  []string
	Refs     []string
}

// Result is one provider scored on one set.
type Result struct {
	Provider  string  `json:"provider"`
	Set       string  `json:"set"`
	From      string  `json:"from"`
	To        string  `json:"to"`
	Sentences int     `json:"sentences"`
	Failed    int     `json:"failed,omitempty"`
	BLEU      float64 `json:"bleu"`
	ChrF      float64 `json:"chrf"`
	Seconds   float64 `json:"seconds"`
	// Status is ok, partial (some calls failed; their sentences score as
	// empty), unreachable (the first call failed) or unsupported.
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
}

// Score translates a set in batches and scores it. A provider
// that fails its first call is reported unreachable; one that fails
// three calls in a row stops, its remaining sentences scoring as empty.
func Score(ctx context.Context, p translate.Provider, s Set, batch int, timeout time.Duration) Result {
	r := Result{Provider: p.Name(), Set: s.Name, From: s.From, To: s.To, Sentences: len(s.Sources), Status: "ok"}
	start := time.Now()
	hyps := make([]string, len(s.Sources))
	var lastErr error
	consecutive := 0
	for i := 0; i < len(s.Sources); i += batch {
		j := min(i+batch, len(s.Sources))
		if consecutive >= 3 {
			r.Failed += j - i
			continue
		}
		callCtx, cancel := context.WithTimeout(ctx, timeout)
		out, err := p.Translate(callCtx, s.From, s.To, s.Sources[i:j])
		cancel()
		if err == nil && len(out) != j-i {
			err = fmt.Errorf("%d translations for %d texts", len(out), j-i)
		}
		if errors.Is(err, translate.ErrUnsupportedPair) {
			r.Status = "unsupported"
			return r
		}
		if err != nil {
			if i == 0 {
				r.Status, r.Error, r.Failed = "unreachable", err.Error(), len(s.Sources)
				r.Seconds = time.Since(start).Seconds()
				return r
			}
			lastErr = err
			consecutive++
			r.Failed += j - i
			continue
		}
		consecutive = 0
		copy(hyps[i:], out)
	}
	r.Seconds = math.Round(time.Since(start).Seconds()*10) / 10
	if r.Failed > 0 {
		r.Status, r.Error = "partial", lastErr.Error()
	}
	r.BLEU = round2(CorpusBLEU(hyps, s.Refs, s.To))
	r.ChrF = round2(CorpusChrF(hyps, s.Refs))
	return r
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// LoadSets reads FLORES-200 devtest (en↔zh Simplified, en↔es)
// and Tatoeba (en↔es, and en↔zh from the Mandarin lines labelled
// cmn_Hans), each cut to limit evenly spaced sentences.
func LoadSets(dir string, limit int) ([]Set, error) {
	var sets []Set
	flores := filepath.Join(dir, "flores200-devtest")
	eng, err := readLines(filepath.Join(flores, "eng_Latn.devtest"))
	if err != nil {
		return nil, fmt.Errorf("eval translate: FLORES: %w (is --data right?)", err)
	}
	for _, o := range []struct{ file, code string }{{"zho_Hans.devtest", "zh"}, {"spa_Latn.devtest", "es"}} {
		other, err := readLines(filepath.Join(flores, o.file))
		if err != nil {
			return nil, fmt.Errorf("eval translate: FLORES: %w", err)
		}
		if len(other) != len(eng) {
			return nil, fmt.Errorf("eval translate: FLORES %s has %d lines, eng_Latn %d", o.file, len(other), len(eng))
		}
		a, b := sample(eng, other, limit)
		sets = append(sets,
			Set{Name: "flores200-devtest", From: "en", To: o.code, Sources: a, Refs: b},
			Set{Name: "flores200-devtest", From: o.code, To: "en", Sources: b, Refs: a})
	}
	if e, s, err := readPair(filepath.Join(dir, "tatoeba", "eng-spa.eng"), filepath.Join(dir, "tatoeba", "eng-spa.spa")); err == nil {
		a, b := sample(e, s, limit)
		sets = append(sets,
			Set{Name: "tatoeba", From: "en", To: "es", Sources: a, Refs: b},
			Set{Name: "tatoeba", From: "es", To: "en", Sources: b, Refs: a})
	}
	zhDir := filepath.Join(dir, "..", "langid", "tatoeba")
	if e, z, err := readPair(filepath.Join(zhDir, "eng-zho.eng"), filepath.Join(zhDir, "eng-zho.zho")); err == nil {
		labels, err := readLines(filepath.Join(zhDir, "eng-zho.zho.labels"))
		if err == nil && len(labels) == len(z) {
			var ee, zz []string
			for i, l := range labels {
				if l == "cmn_Hans" {
					ee, zz = append(ee, e[i]), append(zz, z[i])
				}
			}
			a, b := sample(ee, zz, limit)
			sets = append(sets,
				Set{Name: "tatoeba", From: "en", To: "zh", Sources: a, Refs: b},
				Set{Name: "tatoeba", From: "zh", To: "en", Sources: b, Refs: a})
		}
	}
	return sets, nil
}

func readPair(a, b string) ([]string, []string, error) {
	x, err := readLines(a)
	if err != nil {
		return nil, nil, err
	}
	y, err := readLines(b)
	if err != nil {
		return nil, nil, err
	}
	if len(x) != len(y) {
		return nil, nil, fmt.Errorf("%s and %s differ in length", a, b)
	}
	return x, y, nil
}

func readLines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return lines, sc.Err()
}

// sample keeps limit evenly spaced aligned lines (all when limit is 0 or
// covers them).
func sample(a, b []string, limit int) ([]string, []string) {
	if limit == 0 || limit >= len(a) {
		return a, b
	}
	x, y := make([]string, limit), make([]string, limit)
	for i := range limit {
		k := i * len(a) / limit
		x[i], y[i] = a[k], b[k]
	}
	return x, y
}

// CorpusBLEU is sacreBLEU's default corpus BLEU (4-grams, exponential
// smoothing, brevity penalty) with its tokenizer for the target
// language: "zh" (every CJK character a token) for Chinese, "13a"
// (mteval-v13a) otherwise. hyps and refs are aligned, one reference each.
func CorpusBLEU(hyps, refs []string, target string) float64 {
	tok := tokenize13a
	if translate.BaseLanguage(target) == "zh" {
		tok = tokenizeZh
	}
	var correct, total [4]int
	sysLen, refLen := 0, 0
	for i := range hyps {
		h := strings.Fields(tok(hyps[i]))
		r := strings.Fields(tok(refs[i]))
		sysLen += len(h)
		refLen += len(r)
		for n := 1; n <= 4; n++ {
			refCounts := ngramCounts(r, n)
			for g, c := range ngramCounts(h, n) {
				correct[n-1] += min(c, refCounts[g])
				total[n-1] += c
			}
		}
	}
	return bleuScore(correct, total, sysLen, refLen)
}

// bleuScore is sacreBLEU's compute_bleu with smooth_method "exp": an
// order without matches gets precision 100/(2^k·total) for its k-th such
// order; an order with no n-grams at all ends the product, as a zero.
func bleuScore(correct, total [4]int, sysLen, refLen int) float64 {
	var prec [4]float64
	smooth := 1.0
	for n := range 4 {
		if total[n] == 0 {
			break
		}
		if correct[n] == 0 {
			smooth *= 2
			prec[n] = 100 / (smooth * float64(total[n]))
		} else {
			prec[n] = 100 * float64(correct[n]) / float64(total[n])
		}
	}
	bp := 1.0
	if sysLen < refLen {
		if sysLen == 0 {
			return 0
		}
		bp = math.Exp(1 - float64(refLen)/float64(sysLen))
	}
	sum := 0.0
	for _, p := range prec {
		if p == 0 {
			return 0
		}
		sum += math.Log(p)
	}
	return bp * math.Exp(sum/4)
}

func ngramCounts(toks []string, n int) map[string]int {
	if len(toks) < n {
		return nil
	}
	m := make(map[string]int, len(toks)-n+1)
	for i := 0; i+n <= len(toks); i++ {
		m[strings.Join(toks[i:i+n], "\x00")]++
	}
	return m
}

// The mteval-v13a rules, as sacreBLEU applies them.
var (
	re13aPunct     = regexp.MustCompile(`([\{-\~\[-\x60 -\&\(-\+\:-\@\/])`)
	re13aPeriodA   = regexp.MustCompile(`([^0-9])([\.,])`)
	re13aPeriodB   = regexp.MustCompile(`([\.,])([^0-9])`)
	re13aDashDigit = regexp.MustCompile(`([0-9])(-)`)
	entities13a    = strings.NewReplacer("&quot;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">")
)

// tokenize13a is sacreBLEU's "13a" tokenizer.
func tokenize13a(s string) string {
	s = strings.ReplaceAll(s, "<skipped>", "")
	s = strings.ReplaceAll(s, "-\n", "")
	s = strings.ReplaceAll(s, "\n", " ")
	if strings.Contains(s, "&") {
		s = entities13a.Replace(s)
	}
	return tokenizeRegexp(" " + s + " ")
}

func tokenizeRegexp(s string) string {
	s = re13aPunct.ReplaceAllString(s, " $1 ")
	s = re13aPeriodA.ReplaceAllString(s, "$1 $2 ")
	s = re13aPeriodB.ReplaceAllString(s, " $1 $2")
	s = re13aDashDigit.ReplaceAllString(s, "$1 $2 ")
	return strings.Join(strings.Fields(s), " ")
}

// tokenizeZh is sacreBLEU's "zh" tokenizer: every character in the CJK
// ranges becomes a token, the rest goes through the 13a rules.
func tokenizeZh(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		if isCJKForBLEU(r) {
			b.WriteByte(' ')
			b.WriteRune(r)
			b.WriteByte(' ')
		} else {
			b.WriteRune(r)
		}
	}
	return tokenizeRegexp(b.String())
}

// cjkRangesForBLEU are the ranges sacreBLEU's zh tokenizer splits:
// ideographs, radicals, CJK punctuation, full-width forms and a few
// symbol blocks.
var cjkRangesForBLEU = [][2]rune{
	{0x3400, 0x4DB5}, {0x4E00, 0x9FA5}, {0x9FA6, 0x9FBB}, {0xF900, 0xFA2D}, {0xFA30, 0xFA6A},
	{0xFA70, 0xFAD9}, {0x20000, 0x2A6D6}, {0x2F800, 0x2FA1D}, {0xFF00, 0xFFEF}, {0x2E80, 0x2EFF},
	{0x3000, 0x303F}, {0x31C0, 0x31EF}, {0x2F00, 0x2FDF}, {0x2FF0, 0x2FFF}, {0x3100, 0x312F},
	{0x31A0, 0x31BF}, {0xFE10, 0xFE1F}, {0xFE30, 0xFE4F}, {0x2600, 0x26FF}, {0x2700, 0x27BF},
	{0x3200, 0x32FF}, {0x3300, 0x33FF},
}

func isCJKForBLEU(r rune) bool {
	for _, rg := range cjkRangesForBLEU {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

// CorpusChrF is sacreBLEU's default chrF (chrF2: character n-grams of
// orders 1 to 6, no word n-grams, β = 2, white space removed): n-gram
// statistics are summed over the corpus, precision and recall averaged
// over the orders that have n-grams on both sides, then combined.
func CorpusChrF(hyps, refs []string) float64 {
	const order, beta = 6, 2.0
	var hypN, refN, match [order]int
	for i := range hyps {
		h := []rune(removeSpace(hyps[i]))
		r := []rune(removeSpace(refs[i]))
		for n := 1; n <= order; n++ {
			hc, rc := charNgrams(h, n), charNgrams(r, n)
			for g, c := range hc {
				hypN[n-1] += c
				match[n-1] += min(c, rc[g])
			}
			for _, c := range rc {
				refN[n-1] += c
			}
		}
	}
	var prec, rec float64
	eff := 0
	for n := range order {
		if hypN[n] > 0 && refN[n] > 0 {
			prec += float64(match[n]) / float64(hypN[n])
			rec += float64(match[n]) / float64(refN[n])
			eff++
		}
	}
	if eff == 0 {
		return 0
	}
	prec /= float64(eff)
	rec /= float64(eff)
	if prec+rec == 0 {
		return 0
	}
	b2 := beta * beta
	return 100 * (1 + b2) * prec * rec / (b2*prec + rec)
}

func removeSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func charNgrams(rs []rune, n int) map[string]int {
	if len(rs) < n {
		return nil
	}
	m := make(map[string]int, len(rs)-n+1)
	for i := 0; i+n <= len(rs); i++ {
		m[string(rs[i:i+n])]++
	}
	return m
}
