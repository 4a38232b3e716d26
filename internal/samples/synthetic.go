package samples

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// The target mix, in events per thousand. Shares of the language classes add
// up to 1000; spam and abuse are drawn independently of the language.
const (
	perMilleSpam    = 80
	perMilleAbuse   = 50
	perMilleEdit    = 60  // of all events, once there is a note to edit
	perMilleComment = 250 // of new events, once there is a note to answer
	// perMilleDisguise is how often a spam or abuse span is disguised.
	perMilleDisguise = 500
)

// langClass is one share of the language mix.
type langClass uint8

const (
	classHans langClass = iota
	classHant
	classEnglish
	classMixed
	classOther
	numClasses
)

var classPerMille = [numClasses]int{
	classHans:    450,
	classHant:    100,
	classEnglish: 300,
	classMixed:   100,
	classOther:   50,
}

// badKind says whether an event is spam, abuse or neither.
type badKind uint8

const (
	badNone badKind = iota
	badSpam
	badAbuse
)

// truth is what the generator meant an event to be, for the tests.
type truth struct {
	class langClass
	lang  string
	bad   badKind
	edit  bool
}

// recentNotes bounds the notes a Generator remembers for edits and
// comments.
const recentNotes = 1024

// recentNote is what an edit or a comment needs of an earlier event.
type recentNote struct {
	id      string
	version int64
	kind    models.Kind
	parent  string
	author  string
	market  string
	class   langClass
	pool    *pool
	title   string
	created time.Time
}

// Generator produces an endless, deterministic stream of synthetic note
// events for benchmarks and load tests: about 45% Simplified Chinese, 10%
// Traditional Chinese, 30% English, 10% Chinese–English code-mixed and 5%
// Spanish, French, Portuguese, Japanese or Korean; about 8% spam and 5%
// abuse (half of them disguised with zero-width characters, full-width or
// Cyrillic letters, asterisks or l33t); about 6% edits of a recent note with
// the next version; a quarter of new events are comments on a recent note.
// Note ids ("s-000000001", …) are unique within one Generator; two
// Generators with any seeds produce the same ids.
//
// The text comes from templates and word pools written for notegate. Phone
// numbers are fictional and handles invented.
//
// A Generator is not safe for concurrent use; give each goroutine its own.
type Generator struct {
	rng     *rand.Rand
	seq     int64
	clock   time.Time
	recent  [recentNotes]recentNote
	nRecent int
	buf     []byte
}

// NewGenerator returns a Generator whose stream is fully determined by
// seed. Creation times start on 13 January 2025 (UTC) and advance by a few
// seconds an event.
func NewGenerator(seed int64) *Generator {
	return &Generator{
		rng:   rand.New(rand.NewPCG(uint64(seed), 0x6e6f746567617465)),
		clock: time.Date(2025, 1, 13, 0, 0, 0, 0, time.UTC),
		buf:   make([]byte, 0, 512),
	}
}

// Next returns the next event. The event and its Tags belong to the caller.
func (g *Generator) Next() models.NoteEvent {
	ev, _ := g.next()
	return ev
}

func (g *Generator) next() (models.NoteEvent, truth) {
	g.clock = g.clock.Add(time.Duration(200+g.rng.IntN(3000)) * time.Millisecond)
	bad := g.drawBad()
	if g.nRecent > 0 && g.rng.IntN(1000) < perMilleEdit {
		return g.edit(bad)
	}
	return g.create(bad)
}

func (g *Generator) drawBad() badKind {
	switch r := g.rng.IntN(1000); {
	case r < perMilleSpam:
		return badSpam
	case r < perMilleSpam+perMilleAbuse:
		return badAbuse
	}
	return badNone
}

func (g *Generator) drawClass() langClass {
	r := g.rng.IntN(1000)
	for c, share := range classPerMille {
		if r < share {
			return langClass(c)
		}
		r -= share
	}
	return classHans
}

func (g *Generator) poolOf(c langClass) *pool {
	switch c {
	case classHant:
		return &poolHant
	case classEnglish:
		return &poolEnglish
	case classMixed:
		return &poolMixed
	case classOther:
		return &poolsOther[g.rng.IntN(len(poolsOther))]
	}
	return &poolHans
}

func (g *Generator) marketOf(c langClass) string {
	switch c {
	case classHans, classHant:
		return "cn"
	case classMixed:
		if g.rng.IntN(2) == 0 {
			return "cn"
		}
	}
	return "intl"
}

func (g *Generator) create(bad badKind) (models.NoteEvent, truth) {
	class := g.drawClass()
	p := g.poolOf(class)
	market := g.marketOf(class)
	kind, parent := models.KindNote, ""
	if g.nRecent > 0 && g.rng.IntN(1000) < perMilleComment {
		r := &g.recent[g.rng.IntN(g.nRecent)]
		kind, parent = models.KindComment, r.id
		if r.kind == models.KindComment {
			parent = r.parent
		}
	}
	g.seq++
	n := recentNote{
		id:      noteID(g.seq),
		version: 1,
		kind:    kind,
		parent:  parent,
		author:  g.authorID(market),
		market:  market,
		class:   class,
		pool:    p,
		created: g.clock,
	}
	if kind == models.KindNote && g.rng.IntN(100) < 85 {
		n.title = g.text(p, pick(g.rng, p.titles), false)
	}
	g.recent[(g.seq-1)%recentNotes] = n
	g.nRecent = min(g.nRecent+1, recentNotes)
	return g.event(&n, bad), truth{class: class, lang: p.lang, bad: bad}
}

func (g *Generator) edit(bad badKind) (models.NoteEvent, truth) {
	n := &g.recent[g.rng.IntN(g.nRecent)]
	n.version++
	return g.event(n, bad), truth{class: n.class, lang: n.pool.lang, bad: bad, edit: true}
}

// event writes a new body and tags for version n.version of n.
func (g *Generator) event(n *recentNote, bad badKind) models.NoteEvent {
	ev := models.NoteEvent{
		NoteID:    n.id,
		Version:   n.version,
		Kind:      n.kind,
		ParentID:  n.parent,
		AuthorID:  n.author,
		Market:    n.market,
		Title:     n.title,
		Body:      g.body(n.pool, bad),
		CreatedAt: n.created,
	}
	if n.kind == models.KindNote && len(n.pool.tags) > 0 {
		// Up to three distinct tags, as neighbours in the pool.
		if k := min(g.rng.IntN(4), len(n.pool.tags)); k > 0 {
			ev.Tags = make([]string, k)
			start := g.rng.IntN(len(n.pool.tags))
			for i := range ev.Tags {
				ev.Tags[i] = n.pool.tags[(start+i)%len(n.pool.tags)]
			}
		}
	}
	return ev
}

// sentences draws a body length: mostly one to three sentences, with a long
// tail up to forty.
func (g *Generator) sentences() int {
	switch r := g.rng.IntN(100); {
	case r < 35:
		return 1
	case r < 65:
		return 2
	case r < 82:
		return 3
	case r < 92:
		return 4 + g.rng.IntN(3)
	case r < 98:
		return 7 + g.rng.IntN(6)
	default:
		return 13 + g.rng.IntN(28)
	}
}

func (g *Generator) body(p *pool, bad badKind) string {
	n := g.sentences()
	badAt := -1
	if bad != badNone {
		badAt = g.rng.IntN(n)
	}
	b := g.buf[:0]
	for i := range n {
		if i > 0 {
			b = append(b, p.sep...)
		}
		switch {
		case i != badAt:
			b = g.appendTemplate(b, p, pick(g.rng, p.sentences), false)
		case bad == badSpam:
			b = g.appendTemplate(b, p, pick(g.rng, p.spam), true)
		default:
			b = g.appendTemplate(b, p, pick(g.rng, p.abuse), true)
		}
	}
	g.buf = b
	return string(b)
}

func (g *Generator) text(p *pool, tpl string, disguise bool) string {
	g.buf = g.appendTemplate(g.buf[:0], p, tpl, disguise)
	return string(g.buf)
}

// appendTemplate fills tpl's slots from p; with disguise, it may disguise
// each [..] span.
func (g *Generator) appendTemplate(b []byte, p *pool, tpl string, disguise bool) []byte {
	for {
		i := indexMarker(tpl)
		if i < 0 {
			return append(b, tpl...)
		}
		b = append(b, tpl[:i]...)
		tpl = tpl[i:]
		if tpl[0] == '{' && len(tpl) >= 3 && tpl[2] == '}' {
			b = g.appendSlot(b, p, tpl[1])
			tpl = tpl[3:]
			continue
		}
		end := strings.IndexByte(tpl, ']')
		if tpl[0] != '[' || end < 0 {
			b = append(b, tpl[0])
			tpl = tpl[1:]
			continue
		}
		span := tpl[1:end]
		tpl = tpl[end+1:]
		if disguise && g.rng.IntN(1000) < perMilleDisguise {
			b = g.appendDisguised(b, span)
		} else {
			b = append(b, span...)
		}
	}
}

// indexMarker is strings.IndexAny(tpl, "{[") without the set lookup.
func indexMarker(tpl string) int {
	for i := 0; i < len(tpl); i++ {
		if c := tpl[i]; c == '{' || c == '[' {
			return i
		}
	}
	return -1
}

func (g *Generator) appendSlot(b []byte, p *pool, c byte) []byte {
	switch c {
	case 'H':
		b = append(b, pick(g.rng, handleStems)...)
		return strconv.AppendInt(b, int64(100+g.rng.IntN(99900)), 10)
	case 'L':
		b = append(b, pick(g.rng, linkStems)...)
		return strconv.AppendInt(b, int64(g.rng.IntN(10000)), 10)
	case 'P':
		return g.appendPhone(b, p.lang == "zh")
	}
	if words := p.slot(c); len(words) > 0 {
		return append(b, pick(g.rng, words)...)
	}
	return b
}

// appendPhone writes a fictional phone number: 138 0013 8000 for Chinese
// text, else one of the US 555-0100…0199 numbers reserved for fiction.
func (g *Generator) appendPhone(b []byte, chinese bool) []byte {
	if chinese {
		return append(b, "138 0013 8000"...)
	}
	last := int64(g.rng.IntN(100))
	if g.rng.IntN(2) == 0 {
		b = append(b, "+1 555 01"...)
	} else {
		b = append(b, "555-01"...)
	}
	if last < 10 {
		b = append(b, '0')
	}
	return strconv.AppendInt(b, last, 10)
}

// The disguises seen on the platform.
const (
	disguiseZeroWidth = iota
	disguiseFullWidth
	disguiseAsterisk
	disguiseCyrillic
	disguiseLeet
	numDisguises
)

func (g *Generator) appendDisguised(b []byte, span string) []byte {
	how := g.rng.IntN(numDisguises)
	for i, r := range span {
		switch how {
		case disguiseZeroWidth:
			if i > 0 {
				b = utf8.AppendRune(b, '\u200b')
			}
		case disguiseAsterisk:
			if i > 0 && i == len(span)-utf8.RuneLen(lastRune(span)) {
				b = append(b, '*')
			}
		case disguiseFullWidth:
			if r > ' ' && r <= '~' {
				r += 0xFEE0
			}
		case disguiseCyrillic:
			r = cyrillicLookalike(r)
		case disguiseLeet:
			r = leet(r)
		}
		b = utf8.AppendRune(b, r)
	}
	return b
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func cyrillicLookalike(r rune) rune {
	switch r {
	case 'a':
		return 'а'
	case 'c':
		return 'с'
	case 'e':
		return 'е'
	case 'i':
		return 'і'
	case 'o':
		return 'о'
	case 'p':
		return 'р'
	case 'x':
		return 'х'
	case 'y':
		return 'у'
	}
	return r
}

func leet(r rune) rune {
	switch r {
	case 'a':
		return '4'
	case 'e':
		return '3'
	case 'i':
		return '1'
	case 'o':
		return '0'
	case 's':
		return '5'
	}
	return r
}

func (g *Generator) authorID(market string) string {
	b := make([]byte, 0, 12)
	if market == "cn" {
		b = append(b, "u-c"...)
	} else {
		b = append(b, "u-i"...)
	}
	return string(appendPadded(b, int64(g.rng.IntN(50000)), 5))
}

func noteID(seq int64) string {
	return string(appendPadded(append(make([]byte, 0, 12), "s-"...), seq, 9))
}

// appendPadded appends n in decimal, zero-padded to width digits.
func appendPadded(b []byte, n int64, width int) []byte {
	var digits [20]byte
	d := strconv.AppendInt(digits[:0], n, 10)
	for i := len(d); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, d...)
}

func pick(rng *rand.Rand, words []string) string {
	return words[rng.IntN(len(words))]
}
