package moderate

// campaignChunk is how many entries the campaign ring allocates at a time
// (about 150 KB).
const campaignChunk = 1024

// campaignRing holds the entries of a CampaignDetector in a fixed number of
// slots, used circularly. A slot's number never changes, so references to
// it stay valid, but its memory is allocated a chunk at a time, when a slot
// in the chunk is first written, and given back when the oldest entry
// leaves a chunk that no remembered entry is in: the ring holds as much
// memory as the notes it remembers, up to its bound, rather than the bound
// from the start (14 MB at the default 100,000 notes).
type campaignRing struct {
	chunks [][]campaignEntry // nil: no entry in the chunk
	slots  int
}

func newCampaignRing(slots int) campaignRing {
	return campaignRing{chunks: make([][]campaignEntry, (slots+campaignChunk-1)/campaignChunk), slots: slots}
}

// at returns the entry in slot, allocating its chunk if need be: callers
// use it for slots that hold an entry or are about to.
func (r *campaignRing) at(slot int32) *campaignEntry {
	c := int(slot) / campaignChunk
	if r.chunks[c] == nil {
		r.chunks[c] = make([]campaignEntry, min(campaignChunk, r.slots-c*campaignChunk))
	}
	return &r.chunks[c][int(slot)%campaignChunk]
}

// gen returns the generation of the entry in slot, 0 when the slot is free
// (its chunk too, perhaps); it allocates nothing.
func (r *campaignRing) gen(slot int32) uint32 {
	c := r.chunks[int(slot)/campaignChunk]
	if c == nil {
		return 0
	}
	return c[int(slot)%campaignChunk].gen
}

// release gives back the chunk of slot, which the oldest entry has just
// left, when none of the size entries from head is in it.
func (r *campaignRing) release(slot int32, head, size int) {
	c := int(slot) / campaignChunk
	start := c * campaignChunk
	if end := start + len(r.chunks[c]); int(slot) != end-1 {
		return // the head is still in the chunk
	}
	if (start-head+r.slots)%r.slots < size {
		return // the newest entries have wrapped around into it
	}
	r.chunks[c] = nil
}

// allocated reports how many slots have memory, for tests.
func (r *campaignRing) allocated() int {
	n := 0
	for _, c := range r.chunks {
		n += len(c)
	}
	return n
}
