package detect

import (
	"strings"

	lingua "github.com/pemistahl/lingua-go"
)

// script is a writing system that routes text to its candidate languages.
type script uint8

const (
	scriptNone script = iota // digits, punctuation, symbols, emoji, spaces
	scriptLatin
	scriptCyrillic
	scriptArabic
	scriptDevanagari
	scriptHan
	scriptKana
	scriptHangul
	scriptThai
	scriptGreek
	scriptHebrew
	scriptArmenian
	scriptGeorgian
	scriptBengali
	scriptGujarati
	scriptGurmukhi
	scriptTamil
	scriptTelugu
	scriptOther // letters of a script no candidate is written in
	numScripts
)

// singleScriptLanguage is the one lingua language written in each script
// that only one of them uses.
var singleScriptLanguage = map[script]lingua.Language{
	scriptHangul:   lingua.Korean,
	scriptThai:     lingua.Thai,
	scriptGreek:    lingua.Greek,
	scriptHebrew:   lingua.Hebrew,
	scriptArmenian: lingua.Armenian,
	scriptGeorgian: lingua.Georgian,
	scriptBengali:  lingua.Bengali,
	scriptGujarati: lingua.Gujarati,
	scriptGurmukhi: lingua.Punjabi,
	scriptTamil:    lingua.Tamil,
	scriptTelugu:   lingua.Telugu,
}

// LinguaLanguage maps an ISO 639-1 code, as detect answers it, to
// lingua-go's language; false for a code lingua-go does not know.
func LinguaLanguage(code string) (lingua.Language, bool) { return languageOf(code) }

// LinguaCode is the lower-case ISO 639-1 code detect answers for one of
// lingua-go's languages.
func LinguaCode(l lingua.Language) string { return codeOf(l) }

// languageOf maps an ISO 639-1 code to lingua's language.
func languageOf(code string) (lingua.Language, bool) {
	iso := lingua.GetIsoCode639_1FromValue(strings.ToUpper(code))
	if iso == lingua.UnknownIsoCode639_1 {
		return lingua.Unknown, false
	}
	l := lingua.GetLanguageFromIsoCode639_1(iso)
	return l, l != lingua.Unknown
}

// codeOf is the lower-case ISO 639-1 code of l.
func codeOf(l lingua.Language) string {
	return strings.ToLower(l.IsoCode639_1().String())
}

// scriptsOf lists the scripts l is written in, for routing.
func scriptsOf(l lingua.Language) []script {
	switch l {
	case lingua.Chinese:
		return []script{scriptHan}
	case lingua.Japanese:
		return []script{scriptKana, scriptHan}
	}
	for s, one := range singleScriptLanguage {
		if one == l {
			return []script{s}
		}
	}
	var out []script
	for _, group := range []struct {
		s     script
		langs []lingua.Language
	}{
		{scriptLatin, lingua.AllLanguagesWithLatinScript()},
		{scriptCyrillic, lingua.AllLanguagesWithCyrillicScript()},
		{scriptArabic, lingua.AllLanguagesWithArabicScript()},
		{scriptDevanagari, lingua.AllLanguagesWithDevanagariScript()},
	} {
		for _, g := range group.langs {
			if g == l {
				out = append(out, group.s)
			}
		}
	}
	return out
}
