package translate

import "github.com/notegate/notegate/internal/opencc"

// Target language tags. A target is an ISO 639-1 code, except that Chinese
// may name its script: "zh" (and its synonym "zh-Hans") is Simplified,
// "zh-Hant" Traditional. Translations are keyed by the canonical tag
// ("zh" or "zh-Hant").
const (
	TargetSimplified  = "zh"
	TargetTraditional = "zh-Hant"
)

// S2TName is the Translation.Provider suffix of a translation whose
// Simplified output was written in Traditional characters.
const S2TName = "opencc-s2t"

// canonicalTarget returns the tag a target is recorded under, and false
// when it is not a valid target.
func canonicalTarget(t string) (string, bool) {
	switch t {
	case "zh-Hans":
		return TargetSimplified, true
	case TargetTraditional:
		return t, true
	}
	return t, validCode(t)
}

// providerTarget is the language asked of providers for a target: they
// are told "zh" and answer in Simplified.
func providerTarget(t string) string {
	if t == TargetTraditional {
		return "zh"
	}
	return t
}

// alreadyIn reports whether a note in language src (and script) needs no
// translation into target. A Traditional note needs none into "zh" either
// (readers of Simplified read it), but a Simplified note is converted for
// a market that wants Traditional.
func alreadyIn(src, script, target string) bool {
	if target == TargetTraditional {
		return src == "zh" && script == "Hant"
	}
	return src == target
}

// ToTraditional writes Simplified Chinese in Traditional characters,
// character by character; everything else is kept.
func ToTraditional(s string) string { return opencc.ToTraditional(s) }
