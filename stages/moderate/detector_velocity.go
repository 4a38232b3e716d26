package moderate

import (
	"context"
	"fmt"
	"hash/maphash"
	"math"
	"sync"
	"time"

	"github.com/notegate/notegate/models"
)

// VelocityConfig configures per-author posting velocity.
type VelocityConfig struct {
	// Disabled turns the detector off. Default: false.
	Disabled bool `yaml:"disabled"`
	// Window is the span notes are counted over. Default: 10m.
	Window time.Duration `yaml:"window"`
	// Limit is how many notes an author may post in Window before their
	// notes get a spam finding, rising with each note over it. Default: 20.
	Limit int `yaml:"limit"`
	// MaxAuthors bounds the authors tracked at once (about 500 bytes
	// each); when full, authors idle for a window are forgotten first and
	// new authors are not tracked until there is room. Default: 100000.
	MaxAuthors int `yaml:"max_authors"`
}

// WithDefaults fills in zero fields.
func (c VelocityConfig) WithDefaults() VelocityConfig {
	if c.Window == 0 {
		c.Window = 10 * time.Minute
	}
	if c.Limit == 0 {
		c.Limit = 20
	}
	if c.MaxAuthors == 0 {
		c.MaxAuthors = 100000
	}
	return c
}

// Validate reports settings that cannot work.
func (c VelocityConfig) Validate() error {
	if c.Window < 0 || c.Limit < 0 || c.MaxAuthors < 0 {
		return fmt.Errorf("velocity: negative setting in %+v", c)
	}
	return nil
}

// recentNotes is how many of an author's latest note ids are remembered,
// so that edits and retries of them do not count again, and how many of
// their latest judged note versions are, so that a retry of one gets the
// same finding.
const recentNotes = 16

// VelocityDetector counts each author's distinct notes over a sliding
// window (two fixed windows, the previous one weighted by its overlap)
// and reports spam when an author posts more than Limit. A note version
// judged again while remembered (one of the author's last recentNotes
// judged, the author still tracked) gets the count it got the first time.
// State is in this process, unless ShareState gives a store shared by the
// replicas (see README, "Moderation").
type VelocityDetector struct {
	cfg     VelocityConfig
	shared  *SharedState // nil: in-process only
	now     func() time.Time
	seed    maphash.Seed
	mu      sync.Mutex
	authors map[string]*authorRate
	full    int // authors not tracked because the table was full
	swept   time.Time
}

type authorRate struct {
	start      time.Time // start of the current fixed window
	cur, prev  int
	recent     [recentNotes]uint64 // note ids, hashed
	judged     [recentNotes]judgedRate
	nJudged    uint8 // judged slots in use
	nextRecent uint8
	nextJudged uint8
	last       time.Time
}

// judgedRate is the rate a note version was judged with.
type judgedRate struct {
	key  uint64 // versionKey of the note version
	rate float64
}

// versionKey identifies a version of a note (hashed): distinct versions of
// one note never collide, as multiplying by an odd number is one-to-one.
func versionKey(note uint64, version int64) uint64 {
	return note + uint64(version)*0x9e3779b97f4a7c15
}

// NewVelocityDetector builds the detector; now may be nil (time.Now).
func NewVelocityDetector(cfg VelocityConfig, now func() time.Time) (*VelocityDetector, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if now == nil {
		now = time.Now
	}
	return &VelocityDetector{cfg: cfg, now: now, seed: maphash.MakeSeed(), authors: map[string]*authorRate{}}, nil
}

// ShareState makes the detector count each author's notes in s, shared
// with the other replicas that use it (an exact count over the sliding
// window), and remember there the count each note version was judged
// with; the in-process state is kept as well and used whenever s cannot
// be reached. Call it before the detector is used.
func (d *VelocityDetector) ShareState(s *SharedState) {
	d.shared = s
	s.shareVelocity(d.cfg.Window, d.cfg.Limit)
}

// Name implements NoteDetector.
func (d *VelocityDetector) Name() string { return "velocity" }

// DetectNote implements NoteDetector.
func (d *VelocityDetector) DetectNote(ctx context.Context, n *models.Note, texts []*Text) ([]FieldFinding, error) {
	if n.AuthorID == "" || len(texts) == 0 {
		return nil, nil
	}
	at := noteTime(n, d.now)
	note := maphash.String(d.seed, n.NoteID)
	var rate float64
	if d.shared != nil {
		count, ok, answered := d.shared.takeVelocity(n.NoteID, n.Version)
		if !answered {
			count, ok = d.shared.velocity(ctx, n.AuthorID, n.NoteID, n.Version, at)
		}
		if ok {
			// Count it here too, for when Redis cannot be reached.
			d.observe(n.AuthorID, note, n.Version, at, float64(count))
			rate = float64(count)
		}
	}
	if rate == 0 {
		rate = d.observe(n.AuthorID, note, n.Version, at, 0)
	}
	if rate <= float64(d.cfg.Limit) {
		return nil, nil
	}
	over := rate - float64(d.cfg.Limit)
	return []FieldFinding{{
		Field: texts[0].Field,
		Finding: Finding{
			Category: models.CategorySpam,
			// Just over the limit reviews (0.65); 5 over blocks in cn.
			Score: math.Min(0.95, 0.6+0.05*math.Ceil(over)),
			Span:  Span{},
			Rule:  fmt.Sprintf("author posted %.0f notes within %s (limit %d)", rate, d.cfg.Window, d.cfg.Limit),
		},
	}}, nil
}

// observe counts the note for the author, unless it is one of their recent
// notes again, and returns the estimated count over the sliding window (or
// shared, when positive: the count a shared store judged it with); for a
// version judged before and still remembered, it returns the count it got
// then.
func (d *VelocityDetector) observe(author string, note uint64, version int64, at time.Time, shared float64) float64 {
	d.mu.Lock()
	defer d.mu.Unlock()
	a := d.authors[author]
	if a == nil {
		if len(d.authors) >= d.cfg.MaxAuthors && at.Sub(d.swept) >= d.cfg.Window/10 {
			d.forgetIdle(at) // at most ten sweeps a window, however busy
			d.swept = at
		}
		if len(d.authors) >= d.cfg.MaxAuthors {
			d.full++
			return 0
		}
		a = &authorRate{start: at}
		d.authors[author] = a
	}
	key := versionKey(note, version)
	for _, j := range a.judged[:a.nJudged] {
		if j.key == key {
			return j.rate
		}
	}
	w := d.cfg.Window
	switch elapsed := at.Sub(a.start); {
	case elapsed >= 2*w:
		a.prev, a.cur, a.start = 0, 0, at
	case elapsed >= w:
		a.prev, a.cur, a.start = a.cur, 0, a.start.Add(w)
	}
	repeat := false
	for _, r := range a.recent {
		if r == note {
			repeat = true
			break
		}
	}
	if !repeat {
		a.cur++
		a.recent[a.nextRecent] = note
		a.nextRecent = (a.nextRecent + 1) % recentNotes
	}
	if at.After(a.last) {
		a.last = at
	}
	overlap := 1 - float64(at.Sub(a.start))/float64(w)
	rate := float64(a.cur) + float64(a.prev)*max(0, overlap)
	if shared > 0 {
		rate = shared
	}
	a.judged[a.nextJudged] = judgedRate{key, rate}
	a.nextJudged = (a.nextJudged + 1) % recentNotes
	if a.nJudged < recentNotes {
		a.nJudged++
	}
	return rate
}

// forgetIdle drops authors who posted nothing for two windows.
func (d *VelocityDetector) forgetIdle(at time.Time) {
	for k, a := range d.authors {
		if at.Sub(a.last) >= 2*d.cfg.Window {
			delete(d.authors, k)
		}
	}
}

// Authors reports how many authors are tracked and how many were turned
// away because the table was full.
func (d *VelocityDetector) Authors() (tracked, untracked int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.authors), d.full
}
