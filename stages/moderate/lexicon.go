package moderate

import (
	"bufio"
	"context"
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/notegate/notegate/models"
)

//go:embed lexicons/*.txt
var embeddedLexicons embed.FS

// Lexicon files are named CATEGORY.LANG.txt (or allow.LANG.txt) and hold
// one term a line:
//
//	# comment
//	@score 0.6           default score of the lines below (1 at the top)
//	term                 a whole-word match for Latin, a substring for Han
//	term*                also matches longer words starting with term
//	*term*               matches anywhere inside words
//	term | 0.4           its own score
//	sb | 0.8 | han       only in fields that contain Han characters
//
// Terms are normalized like the text, so one entry covers full-width,
// look-alike, leet, spaced, repeated and Traditional spellings.

// parseTerm compiles one term into a pattern. It fails if the term
// normalizes to nothing.
func parseTerm(term string, cat models.Category, score float64, kind patternKind, hanOnly bool) (pattern, error) {
	code, ok := categoryCodeOf(cat)
	if !ok {
		return pattern{}, fmt.Errorf("term %q: unknown category %q", term, cat)
	}
	p := pattern{term: term, cat: code, score: score, kind: kind, hanOnly: hanOnly}
	prefix := strings.HasPrefix(term, "*")
	suffix := strings.HasSuffix(term, "*") && len(term) > 1
	body := strings.TrimSuffix(strings.TrimPrefix(term, "*"), "*")
	t := NewText("", body)
	v := &t.Skeleton
	// Leading or trailing spaces of the skeleton cannot be matched.
	lo, hi := 0, len(v.Runes)
	for lo < hi && v.Runes[lo] == ' ' {
		lo++
	}
	for hi > lo && v.Runes[hi-1] == ' ' {
		hi--
	}
	if lo == hi {
		return p, fmt.Errorf("term %q normalizes to nothing", term)
	}
	p.runes = append([]rune(nil), v.Runes[lo:hi]...)
	p.digitsAt = writtenDigits(body, v, lo, hi)
	p.wordI = startsWithWordI(body)
	p.counts = termCounts(v.Counts[lo:hi])
	p.wordStart = !prefix && wordRune(p.runes[0])
	p.wordEnd = !suffix && wordRune(p.runes[len(p.runes)-1])
	p.prohibitive = jaProhibitive(p.runes)
	p.spacedDigits = true
	for k := lo; k < hi; k++ {
		if !isASCIIDigit(v.Runes[k]) || !v.Spaced[k] {
			p.spacedDigits = false
			break
		}
	}
	return p, nil
}

// onesCounts backs the counts of the terms whose runes are each written
// once, four of five of them: the rules' terms alone would take 2 MB of
// ones otherwise. Counts are never written once a pattern is built.
var onesCounts = func() (a [128]uint16) {
	for i := range a {
		a[i] = 1
	}
	return a
}()

// termCounts returns a pattern's counts: a slice of onesCounts when every
// count is one and the term is short enough, else a copy of counts.
func termCounts(counts []uint16) []uint16 {
	if len(counts) <= len(onesCounts) && !slices.ContainsFunc(counts, func(c uint16) bool { return c != 1 }) {
		return onesCounts[:len(counts):len(counts)]
	}
	return slices.Clone(counts)
}

// maskRunes are the masks a word is written through (f*ck, 傻＊逼).
var maskRunes = newRuneSet("*#＊＃")

// parseLexicon reads one lexicon file. Allow files give kindAllow patterns.
func parseLexicon(name string, data string) ([]pattern, error) {
	base := path.Base(name)
	catName, _, ok := strings.Cut(base, ".")
	if !ok {
		return nil, fmt.Errorf("lexicon %s: want CATEGORY.LANG.txt", name)
	}
	kind := kindHit
	cat := models.Category(catName)
	if catName == "allow" {
		kind, cat = kindAllow, ""
	} else if !cat.Valid() {
		return nil, fmt.Errorf("lexicon %s: unknown category %q", name, catName)
	}
	var out []pattern
	score := 1.0
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if rest, ok := strings.CutPrefix(line, "@score "); ok {
			s, err := parseScore(rest)
			if err != nil {
				return nil, fmt.Errorf("lexicon %s:%d: %w", name, n, err)
			}
			score = s
			continue
		}
		parts := strings.Split(line, " | ")
		term, s, han := strings.TrimSpace(parts[0]), score, false
		for _, f := range parts[1:] {
			f = strings.TrimSpace(f)
			if f == "han" {
				han = true
				continue
			}
			v, err := parseScore(f)
			if err != nil {
				return nil, fmt.Errorf("lexicon %s:%d: %w", name, n, err)
			}
			s = v
		}
		p, err := parseTerm(term, cat, s, kind, han)
		if err != nil {
			return nil, fmt.Errorf("lexicon %s:%d: %w", name, n, err)
		}
		out = append(out, p)
	}
	return out, sc.Err()
}

func parseScore(s string) (float64, error) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || v < 0 || v > 1 {
		return 0, fmt.Errorf("score %q: want a number in [0, 1]", s)
	}
	return v, nil
}

// LexiconDetector matches the category lexicons and their allowlists in
// one pass over a field's skeleton.
type LexiconDetector struct {
	m *matcher
	// words are the one-word Latin terms, for masked and split spellings;
	// bySkeleton indexes them by their skeleton.
	words      []wordPattern
	bySkeleton map[string][]wordPattern
	languages  map[string]bool
}

// NewLexiconDetector loads every *.txt lexicon at the top of fsys.
func NewLexiconDetector(fsys fs.FS) (*LexiconDetector, error) {
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, fmt.Errorf("list lexicons: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no lexicon files found")
	}
	var all []pattern
	langs := map[string]bool{}
	for _, name := range names {
		if parts := strings.Split(name, "."); len(parts) == 3 && parts[0] != "allow" {
			langs[parts[1]] = true
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read lexicon: %w", err)
		}
		ps, err := parseLexicon(name, string(data))
		if err != nil {
			return nil, err
		}
		if strings.HasSuffix(name, ".zh.txt") {
			ps = append(ps, pinyinPatterns(ps)...)
		}
		all = append(all, ps...)
	}
	d := &LexiconDetector{m: newMatcher(all), bySkeleton: map[string][]wordPattern{}, languages: langs}
	d.words = latinWords(d.m.patterns)
	for _, w := range d.words {
		k := string(w.p.runes)
		d.bySkeleton[k] = append(d.bySkeleton[k], w)
	}
	return d, nil
}

// DefaultLexiconDetector returns the detector of the lexicons shipped with
// the package, built once per process and shared by every stage that uses
// them: a LexiconDetector is never changed after it is built and is safe
// for concurrent use.
func DefaultLexiconDetector() (*LexiconDetector, error) { return embeddedLexiconsOnce() }

var embeddedLexiconsOnce = sync.OnceValues(func() (*LexiconDetector, error) {
	sub, err := fs.Sub(embeddedLexicons, "lexicons")
	if err != nil {
		return nil, fmt.Errorf("embedded lexicons: %w", err)
	}
	return NewLexiconDetector(sub)
})

// Name implements Detector.
func (d *LexiconDetector) Name() string { return "lexicon" }

// Languages returns the languages the lexicon files cover (the LANG of
// CATEGORY.LANG.txt).
func (d *LexiconDetector) Languages() map[string]bool { return maps.Clone(d.languages) }

// Detect implements Detector; it never fails.
func (d *LexiconDetector) Detect(_ context.Context, t *Text) ([]Finding, error) {
	out, _ := d.detect(t)
	return out, nil
}

// detect returns the findings of Detect and the spans of the allowlisted
// phrases in the field ("stupidly funny", "en retard"), which the stage
// also holds against a classifier's evidence.
func (d *LexiconDetector) detect(t *Text) ([]Finding, []Span) {
	hits, allows := dropAllowed(asWritten(t.Original, &t.Skeleton, d.m.scan(&t.Skeleton, t.HasHan, nil)))
	var allowed []Span
	for _, a := range allows {
		allowed = append(allowed, Span{t.Skeleton.Spans[a.i].Start, t.Skeleton.Spans[a.j-1].End})
	}
	out := make([]Finding, 0, len(hits))
	for _, h := range hits {
		out = append(out, Finding{
			Category: h.p.category(),
			Score:    h.p.score,
			Span:     Span{t.Skeleton.Spans[h.i].Start, t.Skeleton.Spans[h.j-1].End},
			Rule:     h.p.term,
		})
	}
	if maskRunes.in(t.Original) {
		out = append(out, d.maskedWords(t, allows)...)
	}
	out = append(out, d.splitWords(t, allows)...)
	out = append(out, exclamations(t)...)
	return out, allowed
}

// Terms reports how many terms of each category the detector holds, and
// of the allowlist under "allow".
func (d *LexiconDetector) Terms() map[string]int {
	out := map[string]int{}
	for _, p := range d.m.patterns {
		if p.kind == kindAllow {
			out["allow"]++
		} else {
			out[string(p.category())]++
		}
	}
	return out
}

// osDirFS opens a lexicon directory on disk.
func osDirFS(dir string) fs.FS { return os.DirFS(dir) }
