package moderate

import "strings"

// Where someone else lives, with the house number: a street address that
// follows a phrase saying a third person lives there ("the teacher who
// failed our class lives at 12 Elm Street apt 4", "mora na Rua das Flores
// 88", "wohnt in der Musterstraße 12", "他家住在中山路100号") is their home
// published, doxxing even when the note calls no one to go there. The
// author's own home ("I live at", "vivo en", "moro na", "j'habite",
// "ich wohne", "我住在") is not read: those are other words.

// residencePhrases name a third person's home just before its address, in
// the folded form. Latin phrases count as whole words.
var residencePhrases = newTermSet(foldTerms([]string{
	// English
	"lives at", "lives on", "lives in", "his home address", "her home address", "their home address",
	"home address of", "house is at", "house is on",
	// Spanish
	"vive en", "su domicilio", "domicilio de", "su casa está en",
	// Portuguese
	"mora na", "mora no", "mora em", "endereço dele", "endereço dela", "a casa dele", "a casa dela",
	// French
	"il habite", "elle habite", "qui habite", "habite au", "habite à", "habite rue", "habite dans", "ils habitent", "elles habitent", "son adresse", "domicile de",
	// German
	"wohnt in", "wohnt im", "wohnt am", "wohnt an", "wohnt auf", "wohnen in", "wohnadresse", "seine adresse",
	// Round 49 (probe): the street straight after the verb ("wohnt Birkenweg 12", "wohnt selber Thaliastraße 88/14").
	"wohnt", "wohnhaft", "ihre adresse", "adresse von", "adrässe",
	// Chinese (Traditional folds to these)
	"他住在", "她住在", "他家住", "她家住", "他家在", "她家在", "他们住在", "她们住在", "他们家在", "她们家在", "家庭住址",
	// Japanese and Korean
	"の住所", "の自宅", "집 주소", "사는 곳", "집은",
}))

// residenceReach is how far, in bytes of the folded text, an address may
// start after the phrase that says who lives there.
const residenceReach = 48

// residentAddresses returns those of addrs (streetAddresses of s) that a
// residence phrase names as someone's home: the phrase ends at most
// residenceReach bytes before the address or, as a Chinese address can
// take the words before its street into its match (他家住在中山路100号),
// inside it.
func residentAddresses(s string, addrs [][2]int) [][2]int {
	var out [][2]int
	for _, a := range addrs {
		from := max(0, a[0]-residenceReach-24)
		window := s[from:a[1]]
		if residencePhrases.any(window, func(w string, i, j int) bool {
			return from+j >= a[0]-residenceReach && from+j <= a[1] && termEdge(w, i, j) &&
				!strings.HasSuffix(w[:i], "j'") // j'habite au …: the author's own
		}) {
			out = append(out, a)
		}
	}
	return out
}
