package index

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
)

// cachedStemmerName is bleve's Snowball English stemmer with a bounded
// cache of the stems it made. Words repeat across notes (Zipf), and
// stemming every token anew was a tenth of what indexing a note cost; the
// stems are the same as stemmer_en_snowball's.
const cachedStemmerName = "notegate_stemmer_en_cached"

// stemCacheSize bounds the words whose stem is remembered; past it the
// cache starts afresh.
const stemCacheSize = 1 << 16

var registerStemmer sync.Once

// registerAnalysis registers the token filters of the embedded mapping
// with bleve, which looks them up by name when an index is created or
// opened. Called before either.
func registerAnalysis() {
	registerStemmer.Do(func() {
		registerJoinedAnalyzer(textAnalyzer, textChain)
		registerCJKUnigrams()
		err := registry.RegisterTokenFilter(cachedStemmerName, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
			return &cachedStemmer{stems: make(map[string]string, 1024)}, nil
		})
		if err != nil {
			panic(err) // only a second registration of the name fails, which the Once rules out
		}
	})
}

// cachedStemmer stems terms like en.EnglishStemmerFilter; bleve shares one
// per analyzer between its analysis workers.
type cachedStemmer struct {
	mu    sync.RWMutex
	stems map[string]string
}

func (s *cachedStemmer) Filter(input analysis.TokenStream) analysis.TokenStream {
	for _, token := range input {
		s.mu.RLock()
		stem, ok := s.stems[string(token.Term)]
		s.mu.RUnlock()
		if !ok {
			word := string(token.Term)
			env := snowballstem.NewEnv(word)
			english.Stem(env)
			stem = env.Current()
			s.mu.Lock()
			if len(s.stems) >= stemCacheSize {
				clear(s.stems)
			}
			s.stems[word] = stem
			s.mu.Unlock()
		}
		token.Term = []byte(stem)
	}
	return input
}
