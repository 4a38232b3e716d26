package moderate

import "github.com/notegate/notegate/internal/opencc"

// confusables folds look-alike letters of other scripts to the Latin letter
// they imitate, for lower-case runes that TR39's table (tr39Letters,
// generated from Unicode's confusables.txt and consulted first) does not
// fold the way abusers use them (Cyrillic и for u, Greek η for n, Latin
// small capitals). Mathematical, full-width, circled and parenthesized
// letters need no entry: NFKD already maps them.
var confusables = map[rune]rune{
	// Cyrillic
	'а': 'a', 'в': 'b', 'г': 'r', 'е': 'e', 'и': 'u', 'к': 'k', 'м': 'm',
	'н': 'h', 'о': 'o', 'п': 'n', 'р': 'p', 'с': 'c', 'т': 't', 'у': 'y',
	'х': 'x', 'ш': 'w', 'щ': 'w', 'ъ': 'b', 'ь': 'b', 'і': 'i', 'ј': 'j',
	'ѕ': 's', 'ԁ': 'd', 'һ': 'h', 'ӏ': 'l', 'ԛ': 'q', 'ԝ': 'w', 'ү': 'y',
	'ѵ': 'v', 'ɡ': 'g', 'ɑ': 'a', 'ꙇ': 'i',
	// Greek
	'α': 'a', 'β': 'b', 'γ': 'y', 'ε': 'e', 'η': 'n', 'ι': 'i', 'κ': 'k',
	'μ': 'u', 'ν': 'v', 'ο': 'o', 'π': 'n', 'ρ': 'p', 'τ': 't', 'υ': 'u',
	'χ': 'x', 'ω': 'w', 'ϲ': 'c', 'ϳ': 'j',
	// Latin look-alikes and small capitals
	'ı': 'i', 'ɩ': 'i', 'ɪ': 'i', 'ᴀ': 'a', 'ʙ': 'b', 'ᴄ': 'c', 'ᴅ': 'd',
	'ᴇ': 'e', 'ꜰ': 'f', 'ɢ': 'g', 'ʜ': 'h', 'ᴊ': 'j', 'ᴋ': 'k', 'ʟ': 'l',
	'ᴍ': 'm', 'ɴ': 'n', 'ᴏ': 'o', 'ᴘ': 'p', 'ʀ': 'r', 'ꜱ': 's', 'ᴛ': 't',
	'ᴜ': 'u', 'ᴠ': 'v', 'ᴡ': 'w', 'ʏ': 'y', 'ᴢ': 'z',
}

// emojiLetter folds regional indicators and negative circled or squared
// letters, which have no compatibility decomposition, to a-z.
func emojiLetter(r rune) (rune, bool) {
	for _, base := range [...]rune{0x1F1E6, 0x1F150, 0x1F170} {
		if base <= r && r < base+26 {
			return 'a' + r - base, true
		}
	}
	return r, false
}

// traditionalToSimplified folds Traditional Chinese to Simplified, one
// character to one, so that the lexicons and intent rules, written in
// Simplified, match notes in either script. It is OpenCC's table (package
// opencc, the project's one copy) plus traditionalVariants.
var traditionalToSimplified = func() map[rune]rune {
	m := opencc.TraditionalToSimplified()
	rs := []rune(traditionalVariants)
	for i := 0; i+1 < len(rs); i += 2 {
		m[rs[i]] = rs[i+1]
	}
	return m
}()

// hanStart is below every key of traditionalToSimplified (CJK Radicals
// Supplement), so that Latin text skips the lookup.
const hanStart = 0x2E80

// traditionalVariants lists characters each followed by the form the rules
// use, for variants OpenCC keeps as they are (妳 and 祂 are standard
// Traditional for a woman and a god, 著 is both zhù and the particle, 婬 and
// 砲 are old spellings people use to dodge filters).
const traditionalVariants = "祂他妳你婬淫著着氹凼砲炮"
