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
// letters, which have no compatibility decomposition, to a-z, and the
// dingbat circled digits one to nine (❶, ➀, ➊: round 51, F145's phone
// typed "+33 6 ➊➋ ➌➍ ➎➏ ➐➑") to 1-9; ten is two digits and stays.
func emojiLetter(r rune) (rune, bool) {
	for _, base := range [...]rune{0x1F1E6, 0x1F150, 0x1F170} {
		if base <= r && r < base+26 {
			return 'a' + r - base, true
		}
	}
	for _, base := range [...]rune{0x2776, 0x2780, 0x278A} {
		if base <= r && r < base+9 {
			return '1' + r - base, true
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
	for _, pairs := range []string{traditionalVariants, cantoneseWords} {
		rs := []rune(pairs)
		for i := 0; i+1 < len(rs); i += 2 {
			m[rs[i]] = rs[i+1]
		}
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

// cantoneseWords lists the characters of written Cantonese (Hong Kong,
// Macau) that Mandarin does not use in the same sense, each followed by the
// Mandarin word the rules are written with: 唔 reads 不, 嘅 的, 咗 了,
// 嚟 来, 冇 没, 喺 在, 睇 看, 搵 and 揾 找, 畀 给, 啲 些. So that "唔想再醒"
// meets the rules for "不想再醒" without a Cantonese copy of each.
// Characters Mandarin also writes in their own sense (係 is 关係, 返 is
// 往返, 俾 is 俾斯麦) are not folded, and neither is 佢: read as 他 it
// would make "佢媽" (his mum) the swear 他妈 and a Mandarin story's "杀死了他"
// a Cantonese threat's "杀死佢"; rules list 佢 and its phrases (佢哋,
// 滚返) beside the Mandarin ones.
const cantoneseWords = "唔不嘅的咗了嚟来冇没喺在睇看搵找揾找畀给啲些"
