package moderate

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

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
	Detector
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
	// and so the memory: about 250 bytes each, allocated as notes come
	// (1,024 at a time) and given back as they leave the window.
	// Default: 100000.
	MaxNotes int `yaml:"max_notes"`
	// MinSimilarity is the smallest resemblance (the Jaccard similarity of
	// two notes' sets of 4-rune shingles, estimated from 16 MinHash
	// values) that makes two notes near-duplicates. At 0.5 a copy with a
	// counter, a changed handle or a changed word joins its campaign; two
	// notes on one topic do not. Default: 0.5.
	MinSimilarity float64 `yaml:"min_similarity"`
	// MaxDistance is ignored: it bounded the Hamming distance between
	// SimHashes, which fingerprints no longer use (see MinSimilarity). It
	// is still accepted so that older configuration files load.
	// Deprecated. Default: 0.
	MaxDistance int `yaml:"max_distance"`
	// MinSize is the smallest campaign (distinct notes, this one included)
	// that gives a finding. Default: 5.
	MinSize int `yaml:"min_size"`
	// MinRunes is the shortest text fingerprinted, after the
	// normalization of campaignRunes, counting a Chinese (or other
	// non-Latin) character as one and a Latin word as two: shorter notes
	// ("好看!", "good morning!", "thanks for sharing") repeat innocently.
	// Default: 16.
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
	if c.MinSimilarity == 0 {
		c.MinSimilarity = 0.5
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
		return fmt.Errorf("campaign: max_distance %d: want 0 to 3 (it is ignored; see min_similarity)", c.MaxDistance)
	case c.MinSimilarity < 0 || c.MinSimilarity > 1:
		return fmt.Errorf("campaign: min_similarity %v: want 0 to 1", c.MinSimilarity)
	case c.MinSize == 1:
		return fmt.Errorf("campaign: min_size 1 would flag every note")
	}
	return nil
}

// A signature is campaignHashes MinHash values; the LSH lookup splits it
// into campaignBands bands of campaignRows values, each hashed to a 16-bit
// bucket. Two notes of resemblance J share a band with probability
// 1-(1-J²)^8: 0.90 at J=0.5, 0.98 at 0.7; candidates are then checked
// against MinSimilarity on the whole signature.
const (
	campaignHashes = 16
	campaignRows   = 2
	campaignBands  = campaignHashes / campaignRows
)

// campaignSig is a MinHash signature.
type campaignSig [campaignHashes]uint32

// campaignBuckets holds the bucket (16 bits) of each band of a signature.
type campaignBuckets [campaignBands]uint16

func (s *campaignSig) buckets() (out campaignBuckets) {
	for b := range out {
		x := uint64(s[campaignRows*b])<<32 | uint64(s[campaignRows*b+1])
		out[b] = uint16(campaignMix(x))
	}
	return out
}

// maxBucket bounds each LSH bucket (when full, its older half is
// forgotten); a campaign larger than this is counted as at least half this
// large, which already scores the maximum.
const maxBucket = 256

// CampaignDetector finds copy-paste campaigns: a note whose text is a near
// duplicate (MinHash over rune 4-gram shingles of the text as campaignRunes
// normalizes it, resemblance ≥ MinSimilarity) of MinSize-1 or more other
// notes seen in the last Window gets a spam finding whose score rises with the campaign's
// size. Every version judged is remembered with the campaign size it got,
// until it leaves the window or MaxNotes pushes it out, so a retry or a
// replay of it gets the same finding; only a note's newest version counts
// towards campaigns. State is in this process, unless ShareState gives a
// store shared by the replicas (see README, "Moderation").
type CampaignDetector struct {
	cfg    CampaignConfig
	now    func() time.Time
	shared *SharedState // nil: in-process only
	mu     sync.Mutex
	ring   campaignRing // circular, oldest at head
	head   int
	size   int
	gen    uint32
	// byNote finds a note's live entry, and through it its other versions.
	byNote  map[string]int32
	buckets map[uint32][]campaignRef
}

// campaignEntry is one judged version of a note.
type campaignEntry struct {
	note    string
	version int64
	sig     campaignSig
	bands   campaignBuckets // bucket of each band of sig
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
		ring:    newCampaignRing(cfg.MaxNotes),
		byNote:  map[string]int32{},
		buckets: map[uint32][]campaignRef{},
	}, nil
}

// ShareState makes the detector count campaigns in s, shared with the
// other replicas that use it, and remember there the size each note
// version was judged with; the in-process state is kept as well and used
// whenever s cannot be reached. Call it before the detector is used.
func (d *CampaignDetector) ShareState(s *SharedState) { d.shared = s }

// Name implements NoteDetector.
func (d *CampaignDetector) Name() string { return "campaign" }

// DetectNote implements NoteDetector.
func (d *CampaignDetector) DetectNote(ctx context.Context, n *models.Note, texts []*Text) ([]FieldFinding, error) {
	var body *Text
	for _, t := range texts {
		if t.Field == "body" {
			body = t
		}
	}
	if n.NoteID == "" {
		return nil, nil
	}
	sig, units := campaignFingerprint(texts)
	if units < d.cfg.MinRunes {
		return nil, nil
	}
	at := noteTime(n, d.now)
	var size int
	if d.shared != nil {
		if shared, ok := d.shared.campaign(ctx, n, &sig, at, d.cfg.Window, d.need()); ok {
			// Remember it here too, for when Redis cannot be reached.
			d.observe(n.NoteID, n.Version, &sig, at, shared)
			size = min(shared, maxCounted)
		}
	}
	if size == 0 {
		size = d.observe(n.NoteID, n.Version, &sig, at, 0)
	}
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
// live notes, it included, resemble it, which it then remembers (or size,
// when positive: the size a shared store judged it with). The newest
// version of a note replaces the older one in campaigns; an older version
// judged after it is remembered but not counted.
func (d *CampaignDetector) observe(note string, version int64, sig *campaignSig, at time.Time, size int) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire(at.Add(-d.cfg.Window))
	var own campaignRef // the note's live entry, not a duplicate of itself
	if slot, ok := d.byNote[note]; ok {
		if e := d.find(slot, version); e != nil {
			return int(e.size)
		}
		own = campaignRef{slot, d.ring.gen(slot)}
	}
	if size <= 0 {
		size = d.count(sig, at.Add(-d.cfg.Window), own)
	}
	size = min(size, maxCounted)
	slot := d.add(campaignEntry{note: note, version: version, sig: *sig, bands: sig.buckets(), at: at, size: uint8(size)})
	// Look again: adding may have evicted the live entry.
	latest, ok := d.byNote[note]
	switch {
	case !ok:
		d.index(slot)
	case version > d.ring.at(latest).version:
		d.ring.at(slot).prev = campaignRef{latest, d.ring.gen(latest)}
		d.drop(latest)
		d.index(slot)
	default:
		d.ring.at(slot).prev = d.ring.at(latest).prev
		d.ring.at(latest).prev = campaignRef{slot, d.ring.gen(slot)}
	}
	return size
}

// find returns the remembered entry of the version, walking back from the
// note's live entry in slot, or nil.
func (d *CampaignDetector) find(slot int32, version int64) *campaignEntry {
	for range versionsLookedUp {
		e := d.ring.at(slot)
		if e.version == version {
			return e
		}
		if e.prev.gen == 0 || d.ring.gen(e.prev.slot) != e.prev.gen {
			return nil
		}
		slot = e.prev.slot
	}
	return nil
}

// count returns how many distinct live notes, this one included, resemble
// sig and are not older than cutoff, skipping own. Counting stops at
// maxCounted, where the score has long saturated.
func (d *CampaignDetector) count(sig *campaignSig, cutoff time.Time, own campaignRef) int {
	need := d.need()
	qb := sig.buckets()
	count := 1
	for b := 0; b < campaignBands && count < maxCounted; b++ {
	refs:
		for _, r := range d.buckets[bandKey(b, qb[b])] {
			e := d.ring.at(r.slot)
			if r == own || !e.live || e.gen != r.gen || e.at.Before(cutoff) {
				continue
			}
			for k := 0; k < b; k++ {
				if e.bands[k] == qb[k] {
					continue refs // met in an earlier band's bucket
				}
			}
			if sigMatches(&e.sig, sig) < need {
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

// need is how many of the signature's values must agree for MinSimilarity.
func (d *CampaignDetector) need() int {
	return int(math.Ceil(d.cfg.MinSimilarity * campaignHashes))
}

// sigMatches counts the values two signatures agree on.
func sigMatches(a, b *campaignSig) int {
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return n
}

// expire forgets entries older than cutoff from the head.
func (d *CampaignDetector) expire(cutoff time.Time) {
	for d.size > 0 && d.ring.at(int32(d.head)).at.Before(cutoff) {
		d.pop()
	}
}

// pop forgets the oldest entry.
func (d *CampaignDetector) pop() {
	d.drop(int32(d.head))
	*d.ring.at(int32(d.head)) = campaignEntry{}
	old := int32(d.head)
	d.head = (d.head + 1) % d.ring.slots
	d.size--
	d.ring.release(old, d.head, d.size)
}

// add remembers an entry, forgetting the oldest when the ring is full, and
// returns its slot; it is not live until indexed.
func (d *CampaignDetector) add(e campaignEntry) int32 {
	if d.size == d.ring.slots {
		d.pop()
	}
	slot := int32((d.head + d.size) % d.ring.slots)
	d.size++
	if d.gen++; d.gen == 0 { // 0 marks a free slot
		d.gen = 1
	}
	e.gen = d.gen
	*d.ring.at(slot) = e
	return slot
}

// index makes an entry its note's live one, counted in campaigns.
func (d *CampaignDetector) index(slot int32) {
	e := d.ring.at(slot)
	e.live = true
	d.byNote[e.note] = slot
	for b := 0; b < campaignBands; b++ {
		k := bandKey(b, e.bands[b])
		refs := d.buckets[k]
		if len(refs) >= maxBucket {
			// Forget the older half at once: shifting one out per note
			// would copy the bucket for every copy of a large campaign.
			refs = append(refs[:0], refs[len(refs)/2:]...)
		}
		d.buckets[k] = append(refs, campaignRef{slot, e.gen})
	}
}

// drop unlinks a live entry from the note index and its buckets; it stays
// remembered.
func (d *CampaignDetector) drop(slot int32) {
	e := d.ring.at(slot)
	if !e.live {
		return
	}
	e.live = false
	if d.byNote[e.note] == slot {
		delete(d.byNote, e.note)
	}
	for b := 0; b < campaignBands; b++ {
		k := bandKey(b, e.bands[b])
		refs := d.buckets[k]
		own := campaignRef{slot, e.gen}
		if len(refs) > 1 && refs[0] == own {
			// Entries are mostly indexed in ring order, so the oldest,
			// which pop drops, heads its buckets: the rest stay where
			// they are rather than being copied down one place.
			d.buckets[k] = refs[1:]
			continue
		}
		out := refs[:0]
		for _, r := range refs {
			if r != own {
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

// maxCounted is where counting a campaign stops: the score is at its
// maximum from 19 notes.
const maxCounted = 32

// bandKey is the key of a band's bucket in the index.
func bandKey(band int, bucket uint16) uint32 {
	return uint32(band)<<16 | uint32(bucket)
}

// campaignFingerprint fingerprints the title and body as a campaign sees
// them (campaignRunes) and says how much text that is: a rune of Chinese
// (or any script but Latin) counts one, a Latin word two.
func campaignFingerprint(texts []*Text) (sig campaignSig, units int) {
	buf := campaignBufs.Get().(*[]rune)
	rs := (*buf)[:0]
	for _, t := range texts {
		if t.Field != "tags" {
			rs, units = campaignRunes(&t.Folded, rs, units)
		}
	}
	sig = minhash(rs)
	if len(rs) < 8 {
		units = 0 // too few shingles to tell notes apart ("#️⃣ @a @b …")
	}
	*buf = rs
	campaignBufs.Put(buf)
	return sig, units
}

var campaignBufs = sync.Pool{New: func() any { b := make([]rune, 0, 256); return &b }}

// campaignHandle stands for every handle, number-bearing word and @mention
// in campaignRunes.
const campaignHandle = '#'

// campaignRunes appends the text of f as a campaign fingerprints it, so
// that copies that edit themselves read alike: digits and Chinese numerals
// dropped (第3批, batch 12, 一二三), words that hold a digit or an
// underscore and @mentions masked as one rune (a changed handle), spacing,
// punctuation, emoji and symbols dropped, and repeated runes collapsed.
// Zero-width runes, full-width forms and look-alikes are already folded.
func campaignRunes(f *View, out []rune, units int) ([]rune, int) {
	rs := f.Runes
	emit := func(r rune) {
		if n := len(out); n == 0 || out[n-1] != r {
			out = append(out, r)
		}
	}
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case isASCIILetter(r) || isASCIIDigit(r) || r == '_':
			j := i
			masked := i > 0 && rs[i-1] == '@'
			letters := 0
			for j < len(rs) && (isASCIILetter(rs[j]) || isASCIIDigit(rs[j]) || rs[j] == '_') {
				if isASCIILetter(rs[j]) {
					letters++
				} else {
					masked = true
				}
				j++
			}
			switch {
			case letters == 0:
				// a number: a counter, a price, a date
			case masked:
				emit(campaignHandle)
				units += 2
			default:
				for _, c := range rs[i:j] {
					emit(c)
				}
				units += min(2, letters)
			}
			i = j
			continue
		case r < utf8.RuneSelf, cjkDigit(r):
		case 0x4E00 <= r && r <= 0x9FFF || unicode.IsLetter(r): // CJK first: most text
			emit(r)
			units++
		case unicode.IsNumber(r):
		}
		i++
	}
	return out, units
}

// minhash is the MinHash signature of the set of rune 4-grams of rs: for
// each of campaignHashes hash functions (multiply-shift over a mixed FNV
// hash of the shingle), the least value over the shingles.
func minhash(rs []rune) campaignSig {
	const k = 4
	var sig campaignSig
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	for i := 0; i+k <= len(rs); i++ {
		h := uint64(14695981039346656037)
		for _, r := range rs[i : i+k] {
			h ^= uint64(r)
			h *= 1099511628211
		}
		h = campaignMix(h)
		for j := range sig {
			if v := uint32((h*minhashMul[j] + minhashAdd[j]) >> 32); v < sig[j] {
				sig[j] = v
			}
		}
	}
	return sig
}

// minhashMul (odd) and minhashAdd define the hash functions, fixed so that
// every replica computes the same signatures.
var minhashMul, minhashAdd = func() (mul, add [campaignHashes]uint64) {
	x := uint64(0x6a09e667f3bcc909)
	for i := range mul {
		x = campaignMix(x + 0x9e3779b97f4a7c15)
		mul[i] = x | 1
		x = campaignMix(x + 0x9e3779b97f4a7c15)
		add[i] = x
	}
	return mul, add
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
