package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/notegate/notegate/config"
	"github.com/notegate/notegate/internal/evaluation/langideval"
	"github.com/notegate/notegate/stages/detect"
)

// plainLingua is lingua-go as it comes, the baseline of `eval langid`
// (linguaBaseline; nil unless built with -tags linguabaseline).
type plainLingua struct {
	// evaluate runs Evaluate's sets through plain lingua-go restricted to
	// languages.
	evaluate func(dir string, languages []string) (langideval.Report, error)
	// build loads plain lingua-go with all 75 languages, high accuracy,
	// preloaded models (~2 GB), and returns its detection.
	build func() func(text string)
}

// errNoLinguaBaseline is the answer to --baseline in a build without it.
var errNoLinguaBaseline = errors.New("--baseline compares with plain lingua-go, which this binary leaves out to stay small; build one with it: go build -tags linguabaseline -o notegate ./cmd/notegate")

// cmdEvalLangid is `notegate eval langid`: the detect stage on
// ../shared/evaldata/langid, optionally against plain lingua-go.
func cmdEvalLangid(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval langid", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", filepath.Join("..", "shared", "evaldata", "langid"), "language-identification data (lingua/ and tatoeba/)")
	baseline := fs.Bool("baseline", false, "also run plain lingua-go restricted to the same languages (high accuracy) and compare (needs a build with -tags linguabaseline)")
	throughput := fs.Bool("throughput", false, "time this detector (against plain lingua-go, all 75 languages, high accuracy, preloaded, in a build with -tags linguabaseline) on the same short texts, and measure the peak RSS of notegate process --stages detect")
	n := fs.Int("n", 3000, "short texts for the throughput comparison")
	fit := fs.Bool("fit-confidence", false, "fit the confidence model on the even-numbered lines and print it")
	path := fs.String("config", "", "optional YAML configuration file (its detect section is used)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := config.Load(*path, os.Getenv)
	if err != nil {
		return err
	}
	if *baseline && linguaBaseline == nil {
		return errNoLinguaBaseline
	}
	if _, err := os.Stat(*data); err != nil {
		return fmt.Errorf("eval: no data: %w", err)
	}
	start := time.Now()
	d, err := detect.New(cfg.Detect)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "detector: %d languages, built in %v\n\n", len(d.Languages()), time.Since(start).Round(time.Millisecond))

	if *fit {
		m, cases, err := langideval.FitConfidence(*data, d)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "confidence model fitted on %d n-gram decisions: %+v\n\n", cases, m)
	}
	var discard bytes.Buffer
	ours, err := langideval.Evaluate(*data, d, &discard)
	if err != nil {
		return err
	}
	var base *langideval.Report
	if *baseline {
		fmt.Fprintln(stdout, "plain lingua-go restricted to the same languages, high accuracy, preloaded: evaluating …")
		b, err := linguaBaseline.evaluate(*data, d.Languages())
		if err != nil {
			return err
		}
		base = &b
	}
	langideval.PrintReport(stdout, ours, base)
	if base != nil {
		fmt.Fprintln(stdout, "\noverall, ours vs plain lingua (same languages):")
		for _, set := range langideval.EvalSets {
			o, b := ours.Overall(set), base.Overall(set)
			fmt.Fprintf(stdout, "  %-13s %d vs %d of %d right (%.2f%% vs %.2f%%)\n", set, o.Correct, b.Correct, o.Total, 100*o.Accuracy(), 100*b.Accuracy())
		}
	}
	if *throughput {
		return evalThroughput(ctx, *data, *path, *n, d, stdout)
	}
	return nil
}

// shortTexts are up to n texts of at most 40 characters from the data:
// lingua's single words and word pairs, and both sides of Tatoeba's
// English–Chinese pairs, interleaved so that every kind is represented.
func shortTexts(dir string, languages []string, n int) ([]string, error) {
	var pools [][]string
	add := func(path string) error {
		b, err := os.ReadFile(path)
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		var pool []string
		for _, line := range strings.Split(string(b), "\n") {
			if line = strings.TrimSpace(line); line != "" && len([]rune(line)) <= 40 {
				pool = append(pool, line)
			}
		}
		pools = append(pools, pool)
		return nil
	}
	for _, set := range []string{"single-words", "word-pairs"} {
		for _, l := range languages {
			if err := add(filepath.Join(dir, "lingua", set, l+".txt")); err != nil {
				return nil, err
			}
		}
	}
	for _, f := range []string{"eng-zho.eng", "eng-zho.zho"} {
		for i := 0; i < 4; i++ { // chat-like notes weigh as much as four languages
			if err := add(filepath.Join(dir, "tatoeba", f)); err != nil {
				return nil, err
			}
		}
	}
	var out []string
	for i := 0; len(out) < n; i++ {
		progressed := false
		for p, pool := range pools {
			k := i*7 + p*13 // spread the picks through each file
			if k < len(pool) && len(out) < n {
				out = append(out, pool[k])
				progressed = true
			}
		}
		if !progressed {
			break
		}
	}
	return out, nil
}

func evalThroughput(ctx context.Context, dir, configPath string, n int, d *detect.Detector, stdout io.Writer) error {
	texts, err := shortTexts(dir, d.Languages(), n)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\nthroughput on %d short texts (≤ 40 characters), one goroutine, GOMAXPROCS=%d:\n", len(texts), runtime.GOMAXPROCS(0))

	// Ours: repeat the texts until the clock has something to measure.
	start := time.Now()
	detected := 0
	for time.Since(start) < 2*time.Second {
		for _, t := range texts {
			d.Detect(t)
		}
		detected += len(texts)
	}
	ours := float64(detected) / time.Since(start).Seconds()
	fmt.Fprintf(stdout, "  this detector (default set):                %10.0f notes/s\n", ours)

	if linguaBaseline == nil {
		fmt.Fprintln(stdout, "  plain lingua-go: not in this build (go build -tags linguabaseline)")
	} else {
		buildStart := time.Now()
		plain := linguaBaseline.build()
		built := time.Since(buildStart)
		start = time.Now()
		for _, t := range texts {
			plain(t)
		}
		plainRate := float64(len(texts)) / time.Since(start).Seconds()
		fmt.Fprintf(stdout, "  plain lingua-go (75 languages, high accuracy, preloaded; built in %v): %.0f notes/s\n", built.Round(time.Millisecond), plainRate)
		fmt.Fprintf(stdout, "  ratio: %.1f×\n", ours/plainRate)
		fmt.Fprintf(stdout, "  peak RSS of this process with both loaded (VmHWM): %s\n", vmHWM())
	}

	rss, lines, err := processRSS(ctx, dir, configPath, d.Languages())
	if err != nil {
		return fmt.Errorf("measure process RSS: %w", err)
	}
	fmt.Fprintf(stdout, "peak RSS of `notegate process --stages detect` on %d note events: %.0f MB\n", lines, rss/1024/1024)
	return nil
}

// processRSS runs this binary's `process --stages detect` on every text of
// lingua's sets as note events, under /usr/bin/time, and returns the
// child's peak resident size in bytes. It goes through time(1) because a
// child's own rusage would inherit this process's peak (Linux carries
// ru_maxrss across the exec of a vforked child), and this process holds
// plain lingua-go by then.
func processRSS(ctx context.Context, dir, configPath string, languages []string) (float64, int, error) {
	var events bytes.Buffer
	enc := json.NewEncoder(&events)
	lines := 0
	for _, set := range langideval.EvalSets {
		for _, l := range languages {
			f, err := os.Open(filepath.Join(dir, "lingua", set, l+".txt"))
			if err != nil {
				continue
			}
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				lines++
				_ = enc.Encode(map[string]any{"note_id": fmt.Sprintf("n-%d", lines), "version": 1, "body": sc.Text()})
			}
			f.Close()
		}
	}
	self, err := os.Executable()
	if err != nil {
		return 0, 0, err
	}
	timeTool, err := exec.LookPath("/usr/bin/time")
	if err != nil {
		return 0, 0, fmt.Errorf("needs /usr/bin/time (Debian package time): %w", err)
	}
	args := []string{"-f", "maxrss_kb=%M", self, "process", "--stages", "detect"}
	if configPath != "" {
		args = append(args, "--config", configPath)
	}
	cmd := exec.CommandContext(ctx, timeTool, args...)
	cmd.Stdin = &events
	cmd.Stdout = io.Discard
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return 0, 0, fmt.Errorf("%w: %s", err, stderr.String())
	}
	i := strings.LastIndex(stderr.String(), "maxrss_kb=")
	if i < 0 {
		return 0, 0, fmt.Errorf("no maxrss in %q", stderr.String())
	}
	var kb float64
	if _, err := fmt.Sscanf(stderr.String()[i:], "maxrss_kb=%f", &kb); err != nil {
		return 0, 0, fmt.Errorf("parse maxrss: %w", err)
	}
	return kb * 1024, lines, nil
}

// vmHWM is this process's peak resident size from /proc, or "n/a".
func vmHWM() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "n/a"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			return strings.Join(strings.Fields(strings.TrimPrefix(l, "VmHWM:")), " ")
		}
	}
	return "n/a"
}
