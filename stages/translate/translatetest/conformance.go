// Package translatetest holds the conformance suite that every
// translate.Provider must pass.
package translatetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/notegate/notegate/stages/translate"
)

// Pair is a language pair a provider claims to support, with a few texts
// in the source language.
type Pair struct {
	From, To string
	Texts    []string
}

// Run checks the Provider contract: one output per input and in order,
// valid UTF-8, empty texts stay empty, a batch larger than any
// provider's limit comes back whole and in order, ErrUnsupportedPair for a pair it
// does not serve, an error once ctx is done, and safe concurrent use.
// unsupported is a pair the provider does not serve; leave From empty if
// it serves every pair.
func Run(t *testing.T, p translate.Provider, supported []Pair, unsupported Pair) {
	t.Helper()
	t.Run("name_is_not_empty", func(t *testing.T) {
		if p.Name() == "" {
			t.Fatal("Name() is empty")
		}
	})
	for _, pair := range supported {
		t.Run(fmt.Sprintf("%s_to_%s_returns_one_valid_text_per_input_in_order", pair.From, pair.To), func(t *testing.T) {
			in := append([]string{""}, pair.Texts...)
			out, err := p.Translate(context.Background(), pair.From, pair.To, in)
			if err != nil {
				t.Fatalf("Translate: %v", err)
			}
			if len(out) != len(in) {
				t.Fatalf("got %d outputs for %d inputs", len(out), len(in))
			}
			if out[0] != "" {
				t.Errorf("empty input came back as %q", out[0])
			}
			for i, o := range out {
				if !utf8.ValidString(o) {
					t.Errorf("output %d is not valid UTF-8: %q", i, o)
				}
				if i > 0 && o == "" {
					t.Errorf("input %q came back empty", in[i])
				}
			}
			// Order: translating each text alone gives the same result.
			for i, text := range pair.Texts {
				one, err := p.Translate(context.Background(), pair.From, pair.To, []string{text})
				if err != nil {
					t.Fatalf("Translate(%q): %v", text, err)
				}
				if len(one) != 1 || one[0] != out[i+1] {
					t.Errorf("alone %q → %q, in a batch → %q", text, one, out[i+1])
				}
			}
		})
		t.Run(fmt.Sprintf("%s_to_%s_returns_a_batch_larger_than_any_provider_limit_whole_and_in_order", pair.From, pair.To), func(t *testing.T) {
			// 130 texts exceed every provider's batch limit (DeepL 50,
			// Google 128), so a provider that splits must put the pieces
			// back in order.
			if len(pair.Texts) == 0 {
				t.Skip("no texts")
			}
			alone := make([]string, len(pair.Texts))
			for i, text := range pair.Texts {
				one, err := p.Translate(context.Background(), pair.From, pair.To, []string{text})
				if err != nil || len(one) != 1 {
					t.Fatalf("Translate(%q) = %q, %v", text, one, err)
				}
				alone[i] = one[0]
			}
			in := make([]string, 130)
			for i := range in {
				in[i] = pair.Texts[i%len(pair.Texts)]
			}
			out, err := p.Translate(context.Background(), pair.From, pair.To, in)
			if err != nil {
				t.Fatalf("Translate(%d texts): %v", len(in), err)
			}
			if len(out) != len(in) {
				t.Fatalf("got %d outputs for %d inputs", len(out), len(in))
			}
			for i, o := range out {
				if want := alone[i%len(alone)]; o != want {
					t.Fatalf("text %d (%q) → %q, alone → %q", i, in[i], o, want)
				}
			}
		})
		t.Run(fmt.Sprintf("%s_to_%s_fails_once_the_context_is_done", pair.From, pair.To), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			if _, err := p.Translate(ctx, pair.From, pair.To, pair.Texts); err == nil {
				t.Fatal("Translate with a cancelled context returned no error")
			}
		})
		t.Run(fmt.Sprintf("%s_to_%s_is_safe_for_concurrent_use", pair.From, pair.To), func(t *testing.T) {
			var wg sync.WaitGroup
			errs := make(chan error, 8)
			for range 8 {
				wg.Go(func() {
					if _, err := p.Translate(context.Background(), pair.From, pair.To, pair.Texts); err != nil {
						errs <- err
					}
				})
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
		})
	}
	if unsupported.From != "" {
		t.Run("an_unsupported_pair_returns_ErrUnsupportedPair", func(t *testing.T) {
			_, err := p.Translate(context.Background(), unsupported.From, unsupported.To, []string{"x"})
			if !errors.Is(err, translate.ErrUnsupportedPair) {
				t.Fatalf("Translate(%s→%s) error = %v, want ErrUnsupportedPair", unsupported.From, unsupported.To, err)
			}
		})
	}
}
