package moderate

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"sync"
	"time"

	"github.com/notegate/notegate/models"
)

// NoteDetector is a detector that judges a whole note against what it has
// seen of other notes (copy-paste campaigns, posting velocity), rather
// than one field on its own.
//
// DetectNote is called once per note by the moderate stage, after the
// field detectors, with the note's normalized fields; it is called
// concurrently and must not keep texts. It must be idempotent per note_id:
// the runtime retries batches and replays uncommitted events, and authors
// edit notes, and none of these may count twice. A detector that keeps
// state must also be deterministic per (note_id, version): the same
// note_id and version always gets the same findings while remembered,
// however many notes came after it; a new version is judged afresh, and a
// forgotten one (past the detector's window or bound) is judged again.
// Rule-based note detectors never fail.
type NoteDetector interface {
	Name() string
	DetectNote(ctx context.Context, n *models.Note, texts []*Text) ([]FieldFinding, error)
}

// FieldFinding is a finding on one field of a note.
type FieldFinding struct {
	Finding
	Field string
}

// CampaignConfig configures near-duplicate campaign detection.
type CampaignConfig struct {
	// Disabled turns the detector off. Default: false.
	Disabled bool `yaml:"disabled"`
	// Window is how long a note counts towards campaigns. Default: 1h.
	Window time.Duration `yaml:"window"`
	// MaxNotes bounds the note versions remembered (the oldest go first),
	// and so the memory: about 100 bytes each. Default: 100000.
	MaxNotes int `yaml:"max_notes"`
	// MaxDistance is the largest Hamming distance between two 64-bit
	// SimHashes that still makes two notes near-duplicates; at most 3, as
	// the lookup splits the hash into 4 bands. Default: 3.
	MaxDistance int `yaml:"max_distance"`
	// MinSize is the smallest campaign (distinct notes, this one included)
	// that gives a finding. Default: 5.
	MinSize int `yaml:"min_size"`
	// MinRunes is the shortest normalized text fingerprinted; shorter
	// notes ("好看!", "first!") repeat innocently. Default: 16.
	MinRunes int `yaml:"min_runes"`
}

// WithDefaults fills in zero fields.
func (c CampaignConfig) WithDefaults() CampaignConfig {
	if c.Window == 0 {
		c.Window = time.Hour
	}
	if c.MaxNotes == 0 {
		c.MaxNotes = 100000
	}
	if c.MaxDistance == 0 {
		c.MaxDistance = 3
	}
	if c.MinSize == 0 {
		c.MinSize = 5
	}
	if c.MinRunes == 0 {
		c.MinRunes = 16
	}
	return c
}

// Validate reports settings that cannot work.
func (c CampaignConfig) Validate() error {
	switch {
	case c.Window < 0, c.MaxNotes < 0, c.MinSize < 0, c.MinRunes < 0:
		return fmt.Errorf("campaign: negative setting in %+v", c)
	case c.MaxDistance < 0 || c.MaxDistance > 3:
		return fmt.Errorf("campaign: max_distance %d: want 0 to 3", c.MaxDistance)
	case c.MinSize == 1:
		return fmt.Errorf("campaign: min_size 1 would flag every note")
	}
	return nil
}

// campaignBands is the number of 16-bit bands of the LSH lookup: two hashes
// within distance 3 agree on at least one band.
const campaignBands = 4

// maxBucket bounds each LSH bucket; a campaign larger than this is counted
// as this large, which already scores the maximum.
const maxBucket = 256

// CampaignDetector finds copy-paste campaigns: a note whose text is a near
// duplicate (SimHash over rune 4-gram shingles of the normalized text,
// Hamming distance ≤ MaxDistance) of MinSize-1 or more other notes seen in
// the last Window gets a spam finding whose score rises with the campaign's
// size. Every version judged is remembered with the campaign size it got,
// until it leaves the window or MaxNotes pushes it out, so a retry or a
// replay of it gets the same finding; only a note's newest version counts
// towards campaigns. State is in this process only (see README,
// "Moderation").
type CampaignDetector struct {
	cfg  CampaignConfig
	now  func() time.Time
	mu   sync.Mutex
	ring []campaignEntry // circular, oldest at head
	head int
	size int
	gen  uint32
	// byNote finds a note's live entry, and through it its other versions.
	byNote  map[string]int32
	buckets map[uint64][]campaignRef
}

// campaignEntry is one judged version of a note.
type campaignEntry struct {
	note    string
	version int64
	hash    uint64
	at      time.Time
	prev    campaignRef // another version of the note, if still remembered
	gen     uint32      // 0 in a free slot
	size    uint8       // the campaign size it was judged with, ≤ maxCounted
	live    bool        // the note's newest version: in byNote and the buckets
}

// campaignRef points to an entry; it is stale once the slot's gen differs.
type campaignRef struct {
	slot int32
	gen  uint32
}

// versionsLookedUp bounds the versions of one note looked at on a lookup,
// so a note edited many times cannot slow every lookup; an older version is
// judged again.
const versionsLookedUp = 8

// NewCampaignDetector builds the detector; now may be nil (time.Now).
func NewCampaignDetector(cfg CampaignConfig, now func() time.Time) (*CampaignDetector, error) {
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if now == nil {
		now = time.Now
	}
	return &CampaignDetector{
		cfg: cfg, now: now,
		ring:    make([]campaignEntry, cfg.MaxNotes),
		byNote:  map[string]int32{},
		buckets: map[uint64][]campaignRef{},
	}, nil
}

// Name implements Detector and NoteDetector.
func (d *CampaignDetector) Name() string { return "campaign" }

// Detect implements Detector: nothing per field; see DetectNote.
func (d *CampaignDetector) Detect(context.Context, *Text) ([]Finding, error) { return nil, nil }

// DetectNote implements NoteDetector.
func (d *CampaignDetector) DetectNote(_ context.Context, n *models.Note, texts []*Text) ([]FieldFinding, error) {
	var body *Text
	runes := 0
	for _, t := range texts {
		if t.Field != "tags" {
			runes += len(t.Skeleton.Runes)
		}
		if t.Field == "body" {
			body = t
		}
	}
	if runes < d.cfg.MinRunes || n.NoteID == "" {
		return nil, nil
	}
	h := simhash(texts)
	at := noteTime(n, d.now)
	size := d.observe(n.NoteID, n.Version, h, at)
	if size < d.cfg.MinSize {
		return nil, nil
	}
	field, span := "title", Span{}
	if body != nil {
		field, span = "body", Span{0, len(body.Original)}
	} else if len(texts) > 0 {
		span = Span{0, len(texts[0].Original)}
	}
	return []FieldFinding{{
		Field: field,
		Finding: Finding{
			Category: models.CategorySpam,
			Score:    campaignScore(size),
			Span:     span,
			Rule:     fmt.Sprintf("near-duplicate of %d notes within %s", size-1, d.cfg.Window),
		},
	}}, nil
}

// campaignScore rises with the campaign: 5 notes 0.70, 10 0.83, 20 0.95.
func campaignScore(size int) float64 {
	return math.Min(0.95, 0.4+0.13*math.Log2(float64(size)))
}

// noteTime is when the note was written, or now when it does not say or
// claims the future.
func noteTime(n *models.Note, now func() time.Time) time.Time {
	t := now()
	if !n.CreatedAt.IsZero() && n.CreatedAt.Before(t.Add(time.Minute)) {
		return n.CreatedAt
	}
	return t
}

// observe returns the campaign size a version of a note is judged with:
// the one it got before, if it is remembered; otherwise how many distinct
// live notes, it included, are within distance, which it then remembers.
// The newest version of a note replaces the older one in campaigns; an
// older version judged after it is remembered but not counted.
func (d *CampaignDetector) observe(note string, version int64, h uint64, at time.Time) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire(at.Add(-d.cfg.Window))
	var own campaignRef // the note's live entry, not a duplicate of itself
	if slot, ok := d.byNote[note]; ok {
		if e := d.find(slot, version); e != nil {
			return int(e.size)
		}
		own = campaignRef{slot, d.ring[slot].gen}
	}
	size := d.count(h, at.Add(-d.cfg.Window), own)
	slot := d.add(campaignEntry{note: note, version: version, hash: h, at: at, size: uint8(size)})
	// Look again: adding may have evicted the live entry.
	latest, ok := d.byNote[note]
	switch {
	case !ok:
		d.index(slot)
	case version > d.ring[latest].version:
		d.ring[slot].prev = campaignRef{latest, d.ring[latest].gen}
		d.drop(latest)
		d.index(slot)
	default:
		d.ring[slot].prev = d.ring[latest].prev
		d.ring[latest].prev = campaignRef{slot, d.ring[slot].gen}
	}
	return size
}

// find returns the remembered entry of the version, walking back from the
// note's live entry in slot, or nil.
func (d *CampaignDetector) find(slot int32, version int64) *campaignEntry {
	for range versionsLookedUp {
		e := &d.ring[slot]
		if e.version == version {
			return e
		}
		if e.prev.gen == 0 || d.ring[e.prev.slot].gen != e.prev.gen {
			return nil
		}
		slot = e.prev.slot
	}
	return nil
}

// count returns how many distinct live notes, this one included, are
// within distance of h and not older than cutoff, skipping own. An entry is
// counted in the first band it shares with h, so none counts twice;
// counting stops at maxCounted, where the score has long saturated.
func (d *CampaignDetector) count(h uint64, cutoff time.Time, own campaignRef) int {
	count := 1
	for b := 0; b < campaignBands && count < maxCounted; b++ {
		for _, r := range d.buckets[bandKey(h, b)] {
			e := &d.ring[r.slot]
			if r == own || !e.live || e.gen != r.gen || e.at.Before(cutoff) {
				continue
			}
			if bits.OnesCount64(e.hash^h) > d.cfg.MaxDistance || sharesEarlierBand(e.hash, h, b) {
				continue
			}
			count++
			if count >= maxCounted {
				break
			}
		}
	}
	return count
}

// expire forgets entries older than cutoff from the head.
func (d *CampaignDetector) expire(cutoff time.Time) {
	for d.size > 0 && d.ring[d.head].at.Before(cutoff) {
		d.pop()
	}
}

// pop forgets the oldest entry.
func (d *CampaignDetector) pop() {
	d.drop(int32(d.head))
	d.ring[d.head] = campaignEntry{}
	d.head = (d.head + 1) % len(d.ring)
	d.size--
}

// add remembers an entry, forgetting the oldest when the ring is full, and
// returns its slot; it is not live until indexed.
func (d *CampaignDetector) add(e campaignEntry) int32 {
	if d.size == len(d.ring) {
		d.pop()
	}
	slot := int32((d.head + d.size) % len(d.ring))
	d.size++
	if d.gen++; d.gen == 0 { // 0 marks a free slot
		d.gen = 1
	}
	e.gen = d.gen
	d.ring[slot] = e
	return slot
}

// index makes an entry its note's live one, counted in campaigns.
func (d *CampaignDetector) index(slot int32) {
	e := &d.ring[slot]
	e.live = true
	d.byNote[e.note] = slot
	for b := 0; b < campaignBands; b++ {
		k := bandKey(e.hash, b)
		refs := d.buckets[k]
		if len(refs) >= maxBucket {
			refs = append(refs[:0], refs[1:]...)
		}
		d.buckets[k] = append(refs, campaignRef{slot, e.gen})
	}
}

// drop unlinks a live entry from the note index and its buckets; it stays
// remembered.
func (d *CampaignDetector) drop(slot int32) {
	e := &d.ring[slot]
	if !e.live {
		return
	}
	e.live = false
	if d.byNote[e.note] == slot {
		delete(d.byNote, e.note)
	}
	for b := 0; b < campaignBands; b++ {
		k := bandKey(e.hash, b)
		refs := d.buckets[k]
		out := refs[:0]
		for _, r := range refs {
			if !(r.slot == slot && r.gen == e.gen) {
				out = append(out, r)
			}
		}
		if len(out) == 0 {
			delete(d.buckets, k)
		} else {
			d.buckets[k] = out
		}
	}
}

// Len reports how many notes are remembered.
func (d *CampaignDetector) Len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.byNote)
}

// maxCounted is where counting a campaign stops.
const maxCounted = 64

// sharesEarlierBand reports whether a and b agree on a band before band.
func sharesEarlierBand(a, b uint64, band int) bool {
	for k := 0; k < band; k++ {
		if (a>>(16*k))&0xFFFF == (b>>(16*k))&0xFFFF {
			return true
		}
	}
	return false
}

func bandKey(h uint64, band int) uint64 {
	return uint64(band)<<16 | (h>>(16*band))&0xFFFF
}

// simhash fingerprints the title and body skeletons: each rune 4-gram
// votes its 64-bit hash into the sum. Votes are counted eight bits at a
// time in packed byte counters (flushed before they can overflow), eight
// additions a shingle instead of 64.
func simhash(texts []*Text) uint64 {
	const k = 4
	var ones [64]int32
	var packed [8]uint64
	pending, total := 0, 0
	flush := func() {
		for j, p := range packed {
			for i := 0; i < 8; i++ {
				ones[8*j+i] += int32(byte(p >> (8 * i)))
			}
		}
		packed = [8]uint64{}
		pending = 0
	}
	for _, t := range texts {
		if t.Field == "tags" {
			continue
		}
		rs := t.Skeleton.Runes
		for i := 0; i+k <= len(rs); i++ {
			h := uint64(14695981039346656037)
			for _, r := range rs[i : i+k] {
				h ^= uint64(r)
				h *= 1099511628211
			}
			h = campaignMix(h)
			for j := range packed {
				packed[j] += spreadBits[byte(h>>(8*j))]
			}
			total++
			if pending++; pending == 255 {
				flush()
			}
		}
	}
	flush()
	var out uint64
	for b, n := range ones {
		if 2*int(n) > total {
			out |= 1 << b
		}
	}
	return out
}

// spreadBits[v] holds bit i of v in its byte i.
var spreadBits = func() (t [256]uint64) {
	for v := range t {
		for i := 0; i < 8; i++ {
			if v&(1<<i) != 0 {
				t[v] |= 1 << (8 * i)
			}
		}
	}
	return t
}()

// campaignMix spreads FNV's weak high bits (splitmix64's finalizer).
func campaignMix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}
