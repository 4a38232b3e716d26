package detect

import (
	"archive/zip"
	"bytes"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"math"
	"runtime"
	"runtime/debug"
	"slices"
	_ "unsafe" // for go:linkname

	lingua "github.com/pemistahl/lingua-go"
	"github.com/pemistahl/lingua-go/serialization"
	"google.golang.org/protobuf/proto"
)

// linguaModels is the n-gram data that lingua-go embeds. lingua-go keeps it
// unexported and, once loaded, holds it in package-level maps of
// map[string]float64 (about 30 MB per language, 430 MB for the 13 Latin
// languages of the default set, ~2 GB for all 75), which the memory target of
// this stage cannot afford. So the models are read here, once, into the
// compact table below, and scored the way lingua-go scores them.
// The pinned lingua-go version in go.mod is the one this was checked
// against; TestLinguaModelsLoad fails loudly if the layout changes.
//
//go:linkname linguaModels github.com/pemistahl/lingua-go.languageModels
var linguaModels embed.FS

var ngramFileNames = [...]string{"", "unigrams", "bigrams", "trigrams", "quadrigrams", "fivegrams"}

// readLinguaModel returns lingua's n-gram model of one order for language l:
// groups of n-grams that share one relative frequency.
func readLinguaModel(models fs.ReadFileFS, l lingua.Language, order int) (*serialization.SerializableLanguageModel, error) {
	name := fmt.Sprintf("language-models/%s/%s.pb.bin.zip", codeOf(l), ngramFileNames[order])
	zipped, err := models.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read lingua model %s: %w", name, err)
	}
	zr, err := zip.NewReader(bytes.NewReader(zipped), int64(len(zipped)))
	if err != nil || len(zr.File) == 0 {
		return nil, fmt.Errorf("open lingua model %s: %w", name, err)
	}
	f, err := zr.File[0].Open()
	if err != nil {
		return nil, fmt.Errorf("open lingua model %s: %w", name, err)
	}
	defer f.Close()
	raw, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("unzip lingua model %s: %w", name, err)
	}
	var m serialization.SerializableLanguageModel
	if err := proto.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("decode lingua model %s: %w", name, err)
	}
	return &m, nil
}

// ngramTable holds lingua's n-gram log-probabilities (orders 1 to 5) for the
// languages of one script group. An n-gram is keyed by the 64-bit FNV-1a
// hash of its lower-case UTF-8 bytes; keys are sorted, and a bucket index on
// the top bits makes a lookup one or two comparisons. Each key owns a run of
// postings (language index, log-probability). About 17 bytes per distinct
// n-gram plus 5 per posting, against ~70 per posting in lingua-go's maps.
type ngramTable struct {
	langs   []lingua.Language // index in this slice is the posting's language
	shift   uint              // 64 - bucket bits
	buckets []uint32          // buckets[b] is the first key index of bucket b
	keys    []uint64
	offsets []uint32 // postings of keys[i] are [offsets[i], offsets[i+1])
	lang    []uint8
	logp    []float32
	// rules are lingua's letter rules for the group's languages.
	rules letterRules
	// logPrior is the log of each language's prior weight (Config.Priors);
	// chat is the index of English, whose chat words (chatWords) count as
	// evidence, or -1.
	logPrior [maxGroupLanguages]float64
	chat     int
}

// loadGCPercent is the garbage collector's target while tables load.
const loadGCPercent = 20

type posting struct {
	key  uint64
	logp float32
	lang uint8
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// newNgramTable loads every order of every language in langs.
func newNgramTable(models fs.ReadFileFS, langs []lingua.Language) (*ngramTable, error) {
	if len(langs) > 255 {
		return nil, fmt.Errorf("too many languages in one script group: %d", len(langs))
	}
	// Loading makes ~3× the table's size in short-lived garbage (decoded
	// protobufs, the unsorted postings); collecting often while it lasts
	// keeps the process's peak resident size near the final size, which the
	// memory budget of a detect-only run is about.
	defer debug.SetGCPercent(debug.SetGCPercent(loadGCPercent))
	var all []posting
	for i, l := range langs {
		for order := 1; order <= 5; order++ {
			m, err := readLinguaModel(models, l, order)
			if err != nil {
				return nil, err
			}
			for _, set := range m.NgramSets {
				lp := float32(math.Log(set.Probability))
				for _, g := range set.Ngrams {
					all = append(all, posting{key: fnvString(g), logp: lp, lang: uint8(i)})
				}
			}
		}
		// The decoded protobufs are garbage now; collecting them per
		// language keeps the peak resident size near the final size.
		runtime.GC()
	}
	slices.SortFunc(all, func(a, b posting) int {
		switch {
		case a.key < b.key:
			return -1
		case a.key > b.key:
			return 1
		}
		return int(a.lang) - int(b.lang)
	})
	t := &ngramTable{langs: langs, rules: newLetterRules(langs), chat: slices.Index(langs, lingua.English), lang: make([]uint8, len(all)), logp: make([]float32, len(all))}
	distinct := 0
	for i := range all {
		if i == 0 || all[i].key != all[i-1].key {
			distinct++
		}
	}
	t.keys = make([]uint64, 0, distinct)
	t.offsets = make([]uint32, 0, distinct+1)
	for i, p := range all {
		if i == 0 || p.key != all[i-1].key {
			t.keys = append(t.keys, p.key)
			t.offsets = append(t.offsets, uint32(i))
		}
		t.lang[i] = p.lang
		t.logp[i] = p.logp
	}
	t.offsets = append(t.offsets, uint32(len(all)))
	all = nil

	bits := uint(1)
	for (1<<bits) < distinct && bits < 24 {
		bits++
	}
	t.shift = 64 - bits
	t.buckets = make([]uint32, (1<<bits)+1)
	k := 0
	for b := 0; b <= 1<<bits; b++ {
		for k < len(t.keys) && int(t.keys[k]>>t.shift) < b {
			k++
		}
		t.buckets[b] = uint32(k)
	}
	runtime.GC()
	return t, nil
}

// lookup returns the postings of the n-gram with hash h.
func (t *ngramTable) lookup(h uint64) (lang []uint8, logp []float32) {
	b := h >> t.shift
	lo, hi := t.buckets[b], t.buckets[b+1]
	for i := lo; i < hi; i++ {
		if t.keys[i] == h {
			s, e := t.offsets[i], t.offsets[i+1]
			return t.lang[s:e], t.logp[s:e]
		}
		if t.keys[i] > h {
			break
		}
	}
	return nil, nil
}
