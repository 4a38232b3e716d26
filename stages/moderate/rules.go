package moderate

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/notegate/notegate/models"
)

//go:embed rules/*.yaml
var embeddedRules embed.FS

// Intent rules: terms that must occur together. The format is documented
// for analysts in rules/README.md; in short, a file CATEGORY.LANG.yaml
// (or CATEGORY.LANG.PART.yaml, one of several files of a category and
// language) holds
//
//	sets:                       # named term lists, used as $name
//	  first_person: [i, im, me, my]
//	rules:
//	  - id: en-self-harm-plan-tonight
//	    score: 0.7
//	    support: true           # self_harm only: the author may be at risk
//	    window: sentence        # sentence (default), note, "N words", "N chars", "N sentences"
//	    any_order: true         # false: the groups must occur in this order
//	    all:                    # one term of every group must occur in the window
//	      - $first_person
//	      - [end it, end my life]
//	      - [tonight, tomorrow]
//	    none: [not, never]      # any of these in the sentence cancels the rule
//	    hit: ["planning to end it tonight, I'm done"]   # examples the tests check
//	    miss: ["I'm not going to end it tonight"]
//
// and sets.LANG.yaml holds sets shared by every file of that language.
// Terms use the lexicon syntax (whole word for Latin, substring for Han,
// term*, *term*, term | han) and are normalized like the text.

// Limits of the format: they keep a rule readable and its check cheap.
const (
	maxRuleGroups = 8
	maxRuleWords  = 200
	maxRuleChars  = 1000
	// maxRuleSentences bounds a sentences window: an argument runs over
	// a paragraph, not over a whole story.
	maxRuleSentences = 12
	maxSetDepth      = 8
	setsFilePrefix   = "sets"
	// allLanguages is the LANG of sets.all.yaml, whose sets every file
	// sees: rules apply to notes of every language, and some lists (a
	// scam named, a fee refused) are the same for all of them.
	allLanguages = "all"
)

// windowKind is the extent within which a rule's terms must occur.
type windowKind uint8

const (
	windowSentence  windowKind = iota // one sentence (the default)
	windowNote                        // the whole field
	windowWords                       // at most n words from first to last term
	windowChars                       // at most n characters (skeleton runes)
	windowSentences                   // at most n sentences in a row, vetoed in the whole field
)

type ruleWindow struct {
	kind windowKind
	n    int
}

func (w ruleWindow) String() string {
	switch w.kind {
	case windowNote:
		return "note"
	case windowWords:
		return strconv.Itoa(w.n) + " words"
	case windowChars:
		return strconv.Itoa(w.n) + " chars"
	case windowSentences:
		return strconv.Itoa(w.n) + " sentences"
	}
	return "sentence"
}

func parseWindow(s string) (ruleWindow, error) {
	s = strings.TrimSpace(s)
	switch s {
	case "", "sentence":
		return ruleWindow{kind: windowSentence}, nil
	case "note":
		return ruleWindow{kind: windowNote}, nil
	}
	num, unit, ok := strings.Cut(s, " ")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n <= 0 {
		return ruleWindow{}, fmt.Errorf("window %q: want sentence, note, \"N words\", \"N chars\" or \"N sentences\"", s)
	}
	switch strings.TrimSpace(unit) {
	case "words", "word":
		if n > maxRuleWords {
			return ruleWindow{}, fmt.Errorf("window %q: at most %d words", s, maxRuleWords)
		}
		return ruleWindow{kind: windowWords, n: n}, nil
	case "chars", "char", "characters":
		if n > maxRuleChars {
			return ruleWindow{}, fmt.Errorf("window %q: at most %d chars", s, maxRuleChars)
		}
		return ruleWindow{kind: windowChars, n: n}, nil
	case "sentences":
		if n < 2 || n > maxRuleSentences {
			return ruleWindow{}, fmt.Errorf("window %q: from 2 to %d sentences", s, maxRuleSentences)
		}
		return ruleWindow{kind: windowSentences, n: n}, nil
	}
	return ruleWindow{}, fmt.Errorf("window %q: want sentence, note, \"N words\", \"N chars\" or \"N sentences\"", s)
}

// termEntry is one term or $set reference as written, with its line.
type termEntry struct {
	text string
	line int
}

// termList is a YAML scalar (one term or $set) or a sequence of them.
type termList []termEntry

func (l *termList) UnmarshalYAML(n *yaml.Node) error {
	scalar := func(n *yaml.Node) (termEntry, error) {
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			return termEntry{}, fmt.Errorf("line %d: want a term, got %s", n.Line, nodeKind(n))
		}
		return termEntry{text: n.Value, line: n.Line}, nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		e, err := scalar(n)
		if err != nil {
			return err
		}
		*l = termList{e}
		return nil
	case yaml.SequenceNode:
		out := make(termList, 0, len(n.Content))
		for _, c := range n.Content {
			e, err := scalar(c)
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		*l = out
		return nil
	}
	return fmt.Errorf("line %d: want a term or a list of terms, got %s", n.Line, nodeKind(n))
}

func nodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "nothing"
	}
	return "a scalar"
}

// ruleSpec is one rule as written.
type ruleSpec struct {
	ID       string  `yaml:"id"`
	Score    float64 `yaml:"score"`
	Support  bool    `yaml:"support"`
	Window   string  `yaml:"window"`
	AnyOrder *bool   `yaml:"any_order"`
	// MinGroups, when set, makes the rule fire on that many groups of
	// all: instead of every one (signals that add up: window note only).
	MinGroups int `yaml:"min_groups"`
	// Clears makes the rule read an innocent context instead of a harm:
	// see rule.clears.
	Clears bool `yaml:"clears"`
	// Also names other categories the rule's finding belongs to as well,
	// at the same score and span: a residence published to expose a
	// person is pii and harassment both.
	Also []models.Category `yaml:"also"`
	All  []termList        `yaml:"all"`
	None termList          `yaml:"none"`
	// NoneField are vetoes read anywhere in the field, not only in the
	// sentences the match touches: the context a question or a story
	// gives in a sentence of its own ("…overdose does to the liver?
	// studying for my pharmacology exam").
	NoneField termList `yaml:"none_field"`
	Hit       []string `yaml:"hit"`
	Miss      []string `yaml:"miss"`
	line      int
}

var ruleKeys = []string{"id", "score", "support", "window", "any_order", "min_groups", "clears", "also", "all", "none", "none_field", "hit", "miss"}

// Groups of a rule's veto terms (ruleRef.group below 0).
const (
	groupNone      = -1 // none: the sentences the match touches
	groupNoneField = -2 // none_field: anywhere in the field
)

func (r *ruleSpec) UnmarshalYAML(n *yaml.Node) error {
	if err := checkKeys(n, "rule", ruleKeys); err != nil {
		return err
	}
	type plain ruleSpec
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*r = ruleSpec(p)
	r.line = n.Line
	return nil
}

// ruleFileSpec is one file as written.
type ruleFileSpec struct {
	Sets  map[string]termList `yaml:"sets"`
	Rules []ruleSpec          `yaml:"rules"`
}

var fileKeys = []string{"sets", "rules"}

// checkKeys makes unknown or repeated keys of a mapping errors: a typo
// ("socre") must not silently drop a setting.
func checkKeys(n *yaml.Node, what string, known []string) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: want a %s (a mapping), got %s", n.Line, what, nodeKind(n))
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if k.Kind != yaml.ScalarNode || !slices.Contains(known, k.Value) {
			return fmt.Errorf("line %d: unknown %s key %q (want one of %s)", k.Line, what, k.Value, strings.Join(known, ", "))
		}
		if seen[k.Value] {
			return fmt.Errorf("line %d: %s key %q repeated", k.Line, what, k.Value)
		}
		seen[k.Value] = true
	}
	return nil
}

// parseRuleFile reads one file strictly: one YAML document, known keys only.
func parseRuleFile(data []byte) (ruleFileSpec, error) {
	var spec ruleFileSpec
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return spec, nil // empty or comments only
		}
		return spec, err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if err != nil {
			return spec, err
		}
		return spec, fmt.Errorf("line %d: one YAML document per file", extra.Line)
	}
	if len(doc.Content) == 0 {
		return spec, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return spec, nil
	}
	if err := checkKeys(root, "file", fileKeys); err != nil {
		return spec, err
	}
	if err := root.Decode(&spec); err != nil {
		return spec, err
	}
	return spec, nil
}

// rule is a compiled rule.
type rule struct {
	id       string
	file     string
	line     int
	category models.Category
	// also are further categories of the rule's finding (ruleSpec.Also).
	also    []models.Category
	score   float64
	support bool
	window  ruleWindow
	ordered bool
	groups  int
	full    uint16 // a bit per group
	need    int    // groups that must match: groups, or min_groups
	// readsAges marks a rule with <minor_age> in a group.
	readsAges bool
	// readsPrices marks a rule with <price> in a group.
	readsPrices bool
	// readsMentions marks a rule with <mention> in a group.
	readsMentions bool
	// readsCashtags marks a rule with <cashtag> in a group.
	readsCashtags bool
	// marks are punctuation vetoes (none: <quote>, <question>).
	marks uint8
	// clears marks a rule that reads an innocent context (game banter,
	// a match report, a comedy idiom) rather than a harm: it reports
	// nothing itself, and the stage drops the lexicon and classifier
	// findings of its category whose evidence lies in the sentences it
	// matched. Other rules keep their own vetoes. Its hit examples are the
	// innocent notes it clears, its misses the harmful ones it must leave
	// (its none: lists what makes the threat real).
	clears bool
	// The hit: and miss: examples are not kept: only tests read them, from
	// the files (1.6 MB of text for the embedded rules).
}

// Punctuation vetoes: the skeleton drops punctuation, so quotation marks
// (counter-speech quoting hate, lyrics) and question marks (asking rather
// than telling) are written as pseudo-terms in none:.
const (
	markQuote    uint8 = 1 << iota // <quote>: " “ ” 「 」 『 』 « » in the sentence
	markQuestion                   // <question>: ? or ？ in the sentence
)

var markTerms = map[string]uint8{"<quote>": markQuote, "<question>": markQuestion}

// ruleRef ties a compiled term to a rule: the rule's index, and the
// index of the group of all: that the term belongs to, or groupNone or
// groupNoneField for a veto. Both are packed in 32 bits, the group plus
// two in the low four: the embedded rules' terms hold 550,000 distinct
// refs.
type ruleRef uint32

// Bounds of what a ruleRef holds.
const (
	refGroupBits = 4
	maxRefRules  = 1 << (32 - refGroupBits)
)

// refSpan says where a pattern's refs are in its rule set's refs.
type refSpan struct{ off, n uint32 }

// of returns the refs of the span in all (the rule set's refs), clipped.
func (sp refSpan) of(all []ruleRef) []ruleRef { return all[sp.off : sp.off+sp.n : sp.off+sp.n] }

// makeRuleRef packs rule ri and group g (groupNoneField … maxRuleGroups-1).
func makeRuleRef(ri int32, g int) ruleRef {
	return ruleRef(uint32(ri)<<refGroupBits | uint32(g-groupNoneField))
}

// rule returns the index of the rule.
func (r ruleRef) rule() int32 { return int32(r >> refGroupBits) }

// group returns the group of all: of the term, or groupNone or
// groupNoneField.
func (r ruleRef) group() int8 { return int8(r&(1<<refGroupBits-1)) + groupNoneField }

// ruleSet is what the files of a directory compile into.
type ruleSet struct {
	rules    []rule
	patterns []pattern
	// refs are the patterns' refs: pattern p's are p.refs.of(refs).
	refs []ruleRef
	// minorAge is the pattern of <minor_age>, -1 when no rule uses it.
	minorAge int
	// price is the pattern of <price>, -1 when no rule uses it.
	price int
	// mention is the pattern of <mention>, -1 when no rule uses it.
	mention int
	// cashtag is the pattern of <cashtag>, -1 when no rule uses it.
	cashtag int
	// refusal reads an ask object refused (rules_refusal.go) for the
	// spam and illicit rules; nil without its lists.
	refusal *refusal
}

// compileRules loads every *.yaml file at the top of fsys.
func compileRules(fsys fs.FS) (*ruleSet, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, fmt.Errorf("list rules: %w", err)
	}
	type file struct {
		name, category, lang string
		spec                 ruleFileSpec
	}
	var files []file
	shared := map[string]map[string]termList{} // lang → shared sets
	sharedFrom := map[string]string{}          // lang/set → file
	for _, name := range names {
		// CATEGORY.LANG.yaml, or CATEGORY.LANG.PART.yaml for a category's
		// rules in one language split over several files (by family, or
		// by whoever writes them).
		parts := strings.Split(name, ".")
		if len(parts) < 3 || len(parts) > 4 || parts[1] == "" || len(parts) == 4 && (parts[2] == "" || parts[0] == setsFilePrefix) {
			return nil, fmt.Errorf("rules %s: want CATEGORY.LANG.yaml, CATEGORY.LANG.PART.yaml or sets.LANG.yaml", name)
		}
		cat, lang := parts[0], parts[1]
		if cat != setsFilePrefix && !models.Category(cat).Valid() {
			return nil, fmt.Errorf("rules %s: unknown category %q", name, cat)
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("read rules: %w", err)
		}
		spec, err := parseRuleFile(data)
		if err != nil {
			return nil, fmt.Errorf("rules %s: %w", name, err)
		}
		if cat == setsFilePrefix {
			if len(spec.Rules) > 0 {
				return nil, fmt.Errorf("rules %s:%d: a sets file holds sets only", name, spec.Rules[0].line)
			}
			if shared[lang] == nil {
				shared[lang] = map[string]termList{}
			}
			for k, v := range spec.Sets {
				shared[lang][k] = v
				sharedFrom[lang+"/"+k] = name
			}
			continue
		}
		files = append(files, file{name: name, category: cat, lang: lang, spec: spec})
	}
	c := &ruleCompiler{set: &ruleSet{minorAge: -1, price: -1, mention: -1, cashtag: -1}, byKey: map[string]int{}, ids: map[string]string{}}
	c.set.refusal = newRefusal(shared[allLanguages])
	// Every rule's problems are reported at once, so that an analyst fixes
	// a folder in one pass.
	var errs []error
	for _, f := range files {
		// sets.all.yaml is seen by every file, sets.LANG.yaml by the
		// files of its language; a name is defined once across them.
		sets := map[string]termList{}
		for k, v := range shared[allLanguages] {
			sets[k] = v
		}
		for k, v := range shared[f.lang] {
			if _, dup := sets[k]; dup && f.lang != allLanguages {
				return nil, fmt.Errorf("rules %s:%d: set %q is already defined in %s", sharedFrom[f.lang+"/"+k], firstLine(v), k,
					sharedFrom[allLanguages+"/"+k])
			}
			sets[k] = v
		}
		for k, v := range f.spec.Sets {
			if _, dup := sets[k]; dup {
				return nil, fmt.Errorf("rules %s:%d: set %q is already defined in %s", f.name, firstLine(v), k, sharedFrom[f.lang+"/"+k])
			}
			sets[k] = v
		}
		for _, spec := range f.spec.Rules {
			if err := c.add(f.name, models.Category(f.category), sets, spec); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	c.set.compact(c.refs)
	return c.set, nil
}

func firstLine(l termList) int {
	if len(l) == 0 {
		return 0
	}
	return l[0].line
}

type ruleCompiler struct {
	set   *ruleSet
	byKey map[string]int    // pattern key → index in set.patterns
	refs  [][]ruleRef       // by index in set.patterns, until compact
	ids   map[string]string // rule id → where it was defined
	// parsed memoises parseRuleTerm by the term as written: a set such as
	// $reporting is listed by a hundred rules, and normalising its terms
	// again for each was most of the start-up.
	parsed map[string]parsedTerm
}

// parsedTerm is one memoised parseRuleTerm result.
type parsedTerm struct {
	p   pattern
	key string
	err error
}

// parse returns parseRuleTerm(text) and its pattern key, once per text.
func (c *ruleCompiler) parse(text string) (pattern, string, error) {
	if pt, ok := c.parsed[text]; ok {
		return pt.p, pt.key, pt.err
	}
	p, err := parseRuleTerm(text)
	var key string
	if err == nil {
		key = patternKey(&p)
	}
	if c.parsed == nil {
		c.parsed = map[string]parsedTerm{}
	}
	c.parsed[text] = parsedTerm{p, key, err}
	return p, key, err
}

// recognizedTerm reports whether term is a pseudo-term that code reads
// rather than the automaton (<minor_age>, <price>, <mention>, <cashtag>).
func recognizedTerm(term string) bool {
	return term == minorAgeTerm || term == priceTerm || term == mentionTerm || term == cashtagTerm
}

// askRefusedSet names the set of sets.all.yaml that vetoes every spam and
// illicit rule (see add).
const askRefusedSet = "ask_refused"

// add compiles one rule and its terms.
func (c *ruleCompiler) add(file string, cat models.Category, sets map[string]termList, spec ruleSpec) error {
	where := fmt.Sprintf("rules %s:%d", file, spec.line)
	switch {
	case spec.ID == "":
		return fmt.Errorf("%s: rule without an id", where)
	case strings.ContainsAny(spec.ID, " \t\n"):
		return fmt.Errorf("%s: rule id %q has spaces", where, spec.ID)
	case c.ids[spec.ID] != "":
		return fmt.Errorf("%s: rule id %q is already used at %s", where, spec.ID, c.ids[spec.ID])
	case spec.Clears && (spec.Score != 0 || spec.Support):
		return fmt.Errorf("%s: rule %s: a clears: rule reports nothing, so it takes no score or support", where, spec.ID)
	case !spec.Clears && (spec.Score <= 0 || spec.Score > 1):
		return fmt.Errorf("%s: rule %s: score %v: want a number in (0, 1]", where, spec.ID, spec.Score)
	case len(spec.All) == 0:
		return fmt.Errorf("%s: rule %s: all: lists no group of terms", where, spec.ID)
	case len(spec.All) > maxRuleGroups:
		return fmt.Errorf("%s: rule %s: all: at most %d groups", where, spec.ID, maxRuleGroups)
	case spec.Support && cat != models.CategorySelfHarm:
		return fmt.Errorf("%s: rule %s: support: true is for self_harm rules only", where, spec.ID)
	case spec.Clears && len(spec.Also) > 0:
		return fmt.Errorf("%s: rule %s: a clears: rule reports nothing, so it takes no also:", where, spec.ID)
	}
	for i, a := range spec.Also {
		if !a.Valid() || a == cat || slices.Contains(spec.Also[:i], a) {
			return fmt.Errorf("%s: rule %s: also: %q is not another category of the taxonomy, once", where, spec.ID, a)
		}
	}
	c.ids[spec.ID] = fmt.Sprintf("%s:%d", file, spec.line)
	w, err := parseWindow(spec.Window)
	if err != nil {
		return fmt.Errorf("%s: rule %s: %w", where, spec.ID, err)
	}
	if spec.MinGroups != 0 {
		switch {
		case spec.MinGroups < 1 || spec.MinGroups > len(spec.All):
			return fmt.Errorf("%s: rule %s: min_groups %d outside 1…%d (the groups of all:)", where, spec.ID, spec.MinGroups, len(spec.All))
		case w.kind != windowNote:
			return fmt.Errorf("%s: rule %s: min_groups needs window: note", where, spec.ID)
		case spec.AnyOrder != nil && !*spec.AnyOrder:
			return fmt.Errorf("%s: rule %s: min_groups cannot keep an order", where, spec.ID)
		}
	}
	r := rule{
		id: spec.ID, file: file, line: spec.line, category: cat, also: spec.Also, score: spec.Score,
		support: spec.Support, window: w, ordered: spec.AnyOrder != nil && !*spec.AnyOrder,
		groups: len(spec.All), full: uint16(1)<<len(spec.All) - 1,
		need: len(spec.All), clears: spec.Clears,
	}
	if spec.MinGroups > 0 {
		r.need = spec.MinGroups
	}
	if len(c.set.rules) >= maxRefRules {
		return fmt.Errorf("%s: rule %s: more than %d rules", where, spec.ID, maxRefRules)
	}
	ri := int32(len(c.set.rules))
	owner := map[string]int{} // pattern key → group, to catch a term in two groups
	addTerms := func(list termList, group int) error {
		terms, err := expandSets(list, sets, 0, nil)
		if err != nil {
			return fmt.Errorf("rules %s:%w", file, err)
		}
		if len(terms) == 0 && group >= 0 {
			return fmt.Errorf("%s: rule %s: group %d of all: is empty", where, spec.ID, group+1)
		}
		for _, t := range terms {
			if m, ok := markTerms[strings.TrimSpace(t.text)]; ok {
				if group != groupNone {
					return fmt.Errorf("rules %s:%d: rule %s: %s is only allowed in none:", file, t.line, spec.ID, t.text)
				}
				r.marks |= m
				continue
			}
			var p pattern
			var key string
			var err error
			if term := strings.TrimSpace(t.text); recognizedTerm(term) {
				if group < 0 {
					return fmt.Errorf("rules %s:%d: rule %s: %s is only allowed in all:", file, t.line, spec.ID, t.text)
				}
				p = pattern{term: term, recognizer: true}
				key = p.term
				r.readsAges = r.readsAges || term == minorAgeTerm
				r.readsPrices = r.readsPrices || term == priceTerm
				r.readsMentions = r.readsMentions || term == mentionTerm
				r.readsCashtags = r.readsCashtags || term == cashtagTerm
			} else {
				p, key, err = c.parse(t.text)
			}
			if err != nil {
				return fmt.Errorf("rules %s:%d: rule %s: %w", file, t.line, spec.ID, err)
			}
			if g, ok := owner[key]; ok {
				if g == group {
					continue // listed twice in one group: harmless
				}
				return fmt.Errorf("rules %s:%d: rule %s: term %q is in two groups (%s and %s): the rule could never fire or would need nothing of one",
					file, t.line, spec.ID, t.text, groupName(g), groupName(group))
			}
			owner[key] = group
			pi, ok := c.byKey[key]
			if !ok {
				pi = len(c.set.patterns)
				c.byKey[key] = pi
				c.set.patterns = append(c.set.patterns, p)
				c.refs = append(c.refs, nil)
				switch p.term {
				case priceTerm:
					c.set.price = pi
				case mentionTerm:
					c.set.mention = pi
				case cashtagTerm:
					c.set.cashtag = pi
				case minorAgeTerm:
					c.set.minorAge = pi
				}
			}
			c.refs[pi] = append(c.refs[pi], makeRuleRef(ri, group))
		}
		return nil
	}
	for g, list := range spec.All {
		if err := addTerms(list, g); err != nil {
			return err
		}
	}
	if err := addTerms(spec.None, groupNone); err != nil {
		return err
	}
	if err := addTerms(spec.NoneField, groupNoneField); err != nil {
		return err
	}
	// An honest shop, clinic or giveaway refuses what a scam asks for
	// ("Nunca pedimos senha, dados de cartão ou Pix", 也不會請你加LINE):
	// sets.all's ask_refused vetoes every spam and illicit rule in the
	// sentences it shares with the match, as if each listed it in none:.
	// A term the rule itself needs is left out.
	if refused, ok := sets[askRefusedSet]; ok && (cat == models.CategorySpam || cat == models.CategoryIllicit) {
		var own termList
		for _, t := range refused {
			if _, key, err := c.parse(t.text); err == nil {
				if _, taken := owner[key]; taken {
					continue
				}
			}
			own = append(own, t)
		}
		if err := addTerms(own, groupNone); err != nil {
			return err
		}
	}
	c.set.rules = append(c.set.rules, r)
	return nil
}

func groupName(g int) string {
	switch g {
	case groupNone:
		return "none"
	case groupNoneField:
		return "none_field"
	}
	return "all group " + strconv.Itoa(g+1)
}

// expandSets replaces $name entries by the terms of the set, recursively.
func expandSets(list termList, sets map[string]termList, depth int, out termList) (termList, error) {
	for _, e := range list {
		name, ok := strings.CutPrefix(strings.TrimSpace(e.text), "$")
		if !ok {
			out = append(out, e)
			continue
		}
		set, found := sets[name]
		if !found {
			return nil, fmt.Errorf("%d: unknown set $%s", e.line, name)
		}
		if depth >= maxSetDepth {
			return nil, fmt.Errorf("%d: set $%s nests more than %d deep (a cycle?)", e.line, name, maxSetDepth)
		}
		var err error
		if out, err = expandSets(set, sets, depth+1, out); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// parseRuleTerm compiles one rule term: lexicon syntax with an optional
// "| han" and no score (a rule has one score).
func parseRuleTerm(s string) (pattern, error) {
	term, flag, hasFlag := strings.Cut(s, " | ")
	term = strings.TrimSpace(term)
	han := false
	if hasFlag {
		if strings.TrimSpace(flag) != "han" {
			return pattern{}, fmt.Errorf("term %q: only \"| han\" may follow a rule term", s)
		}
		han = true
	}
	if term == "" || term == "*" || term == "**" {
		return pattern{}, fmt.Errorf("term %q is empty", s)
	}
	if r, ok := droppedEmoji(term); ok {
		return pattern{}, fmt.Errorf("term %q: the normaliser drops %q (no word for it in tables_emoji.go), so the term would match without it; give it a word there or leave it out", s, string(r))
	}
	p, err := parseTerm(term, "", 0, kindHit, han)
	p.exact = err == nil && len(p.runes) == 1 && p.wordStart && p.wordEnd
	return p, err
}

// droppedEmoji returns an emoji of term that normalising drops (an emoji
// without a word in emojiWords is a separator of the skeleton). Masks such as
// ○ and □ (お○んこ) are not emoji and fold away in notes as in terms.
func droppedEmoji(term string) (rune, bool) {
	for _, r := range term {
		if !(r >= 0x1F000 || 0x2600 <= r && r <= 0x27BF || 0x2B00 <= r && r <= 0x2BFF) {
			continue
		}
		if strings.TrimSpace(string(NewText("", string(r)).Skeleton.Runes)) == "" {
			return r, true
		}
	}
	return 0, false
}

// patternKey identifies a compiled term: two spellings that normalize to
// the same skeleton with the same boundaries are one pattern.
func patternKey(p *pattern) string {
	var b strings.Builder
	b.WriteString(string(p.runes))
	b.WriteByte(0)
	for _, c := range p.counts {
		b.WriteString(strconv.Itoa(int(c)))
		b.WriteByte(',')
	}
	b.WriteString(strconv.Itoa(int(p.digitsAt)))
	b.WriteByte(',')
	for _, f := range []bool{p.wordStart, p.wordEnd, p.hanOnly, p.exact, p.wordI} {
		if f {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	}
	return b.String()
}
