package translate

import (
	"errors"
	"fmt"
)

// languageSet is a provider's optional allowlist of ISO 639-1 codes (the
// languages its server loads); nil allows every valid code.
type languageSet map[string]bool

func newLanguageSet(codes []string) languageSet {
	if len(codes) == 0 {
		return nil
	}
	s := make(languageSet, len(codes))
	for _, c := range codes {
		s[c] = true
	}
	return s
}

// allows reports whether a base language code may be sent.
func (s languageSet) allows(base string) bool {
	return validCode(base) && (s == nil || s[base])
}

// validateLanguages checks a configured allowlist.
func validateLanguages(codes []string) error {
	var errs []error
	for _, l := range codes {
		if !validCode(l) {
			errs = append(errs, fmt.Errorf("languages: %q is not a lower-case ISO 639-1 code", l))
		}
	}
	return errors.Join(errs...)
}
