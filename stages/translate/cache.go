package translate

import (
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// SharedCache is an optional second cache tier shared by replicas (Redis,
// Memcached …), consulted after the in-process LRU misses.
//
// Keys are hex strings naming (normalized text, source, target, provider);
// values are translations. Get returns the entries it holds among keys
// (a missing key is simply absent). Both may be called from many
// goroutines. Errors are logged and otherwise ignored: the cache saves
// money, it is never needed for correctness, so a shared tier that is
// down costs calls, not notes. An implementation should bound its own
// latency (a short timeout) since it sits on the translation path.
type SharedCache interface {
	Get(ctx context.Context, keys []string) (map[string]string, error)
	Set(ctx context.Context, entries map[string]string) error
}

// cacheKey identifies one translation: SHA-256 of the normalized text,
// the pair and the provider. Different providers translate differently,
// so a gloss never answers for a real translator.
type cacheKey [sha256.Size]byte

func newCacheKey(normalized, from, to, provider string) cacheKey {
	h := sha256.New()
	for _, s := range []string{provider, from, to} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	h.Write([]byte(normalized))
	var k cacheKey
	h.Sum(k[:0])
	return k
}

func (k cacheKey) String() string { return hex.EncodeToString(k[:]) }

// NormalizeText is the form of a text that the cache keys on: Unicode NFC,
// leading and trailing space dropped, and every run of white space inside
// made one space. Texts that differ only in these ways translate alike.
func NormalizeText(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// lru is the in-process cache: least recently used entries are evicted to
// keep both the entry count and the bytes held (keys and values) within
// bounds. Safe for concurrent use.
type lru struct {
	maxEntries int
	maxBytes   int64

	mu    sync.Mutex
	ll    *list.List // front: most recent
	items map[cacheKey]*list.Element
	bytes int64
}

type lruEntry struct {
	key   cacheKey
	value string
}

const lruEntryOverhead = int64(len(cacheKey{})) + 64 // key, list element and map slot, roughly

func newLRU(maxEntries int, maxBytes int64) *lru {
	return &lru{maxEntries: maxEntries, maxBytes: maxBytes, ll: list.New(), items: make(map[cacheKey]*list.Element)}
}

func (c *lru) Get(k cacheKey) (string, bool) {
	if c == nil {
		return "", false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[k]
	if !ok {
		return "", false
	}
	c.ll.MoveToFront(el)
	return el.Value.(*lruEntry).value, true
}

func (c *lru) Put(k cacheKey, v string) {
	if c == nil {
		return
	}
	size := lruEntryOverhead + int64(len(v))
	if size > c.maxBytes {
		return // would evict everything else for one entry
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		e := el.Value.(*lruEntry)
		c.bytes += int64(len(v)) - int64(len(e.value))
		e.value = v
		c.ll.MoveToFront(el)
	} else {
		c.items[k] = c.ll.PushFront(&lruEntry{key: k, value: v})
		c.bytes += size
	}
	for c.ll.Len() > c.maxEntries || c.bytes > c.maxBytes {
		el := c.ll.Back()
		e := el.Value.(*lruEntry)
		c.ll.Remove(el)
		delete(c.items, e.key)
		c.bytes -= lruEntryOverhead + int64(len(e.value))
	}
}

// Len returns the number of entries and the bytes they hold.
func (c *lru) Len() (int, int64) {
	if c == nil {
		return 0, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ll.Len(), c.bytes
}

// inflight coalesces concurrent requests for the same translation: the
// first caller (the leader) sends it, later callers wait for its result
// instead of sending it again. Partitions are processed in parallel, so
// without it a text arriving on two partitions at once would be sent twice.
type inflight struct {
	mu sync.Mutex
	m  map[cacheKey]*flight
}

type flight struct {
	done chan struct{}
	val  string
	err  error
}

// join returns the flight of k and whether the caller leads it. A leader
// must call land exactly once.
func (f *inflight) join(k cacheKey) (*flight, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if fl, ok := f.m[k]; ok {
		return fl, false
	}
	if f.m == nil {
		f.m = make(map[cacheKey]*flight)
	}
	fl := &flight{done: make(chan struct{})}
	f.m[k] = fl
	return fl, true
}

// land publishes the leader's result to the waiting callers.
func (f *inflight) land(k cacheKey, fl *flight, val string, err error) {
	f.mu.Lock()
	delete(f.m, k)
	f.mu.Unlock()
	fl.val, fl.err = val, err
	close(fl.done)
}
