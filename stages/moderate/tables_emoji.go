package moderate

// emojiWords gives a word to the few emoji that stand for a substance, a
// weapon or a dealer in sale and threat posts ("plugs 🍃❄️ dm", "🔪 you"),
// or for a group in coded hate ("🦍🍉 stealing bikes"), or for child abuse
// material in trading posts (🧀🍕, "cheese pizza", read as "CP"),
// which normalization would otherwise drop as symbols. Each becomes a word
// of its own in the folded view, spelled so that no written word collides
// with it: a lexicon or rule term written as the emoji itself ("🍃")
// folds to the same word, so analysts write emoji in rule files as they
// appear in notes. The emoji alone decides nothing; rules pair them with an
// offer, a price, a contact or a second-person target.
//
// Kept out: hearts and the penguin, which the contact detector reads
// itself (💚 WeChat, 🐧 QQ), and emoji with no harmful reading common
// enough to be worth a word.
var emojiWords = map[rune]string{
	'🍃': "emojileaf",     // cannabis
	'🌿': "emojiherb",     // cannabis
	'🥦': "emojibroccoli", // cannabis
	'❄': "emojisnow",     // cocaine
	'⛄': "emojisnow",
	'☃': "emojisnow",
	'💊': "emojipill",
	'💉': "emojisyringe",
	'🍄': "emojishroom",
	'🧂': "emojisalt",  // cocaine
	'💎': "emojigem",   // crystal meth ("cristal 💎", "Crystal 💎 Stammkunden")
	'🧊': "emojiice",   // meth ("아이스 🧊", "冰 🧊"), also ketamine in Korean posts
	'🐴': "emojihorse", // ketamine ("ket 🐴", "케이 🐴"), heroin in older slang
	'🎰': "emojislot",  // gambling
	'🔌': "emojiplug",  // a dealer
	'🔫': "emojigun",
	'🔪': "emojiknife",
	'🗡': "emojiknife",
	'💣': "emojibomb",
	'🧨': "emojibomb",
	'⚰': "emojicoffin",
	'🪦': "emojigrave",
	'🩸': "emojiblood",
	// Animals and features that stand in for a group in coded hate
	// ("another 🦍🍉 stealing bikes", "nose like a 🪝"); the hate rules
	// pair them with what the group is blamed for.
	'🦍': "emojigorilla",
	'🐒': "emojimonkey",
	'🐵': "emojimonkey",
	'🐀': "emojirat",
	// A locust is what Hong Kong and Taiwan scorn calls mainland shoppers
	// (蝗蟲, "啲 🦗🦗 又嚟掃貨").
	'🦗': "emojilocust",
	// The rainbow (and the rainbow flag, 🏳️‍🌈, whose white flag is dropped)
	// stands for gay people, in pride and in hate alike (round 48: "🏳️‍🌈の人たち
	// ってぶっちゃけ精神疾患だよね？").
	'🌈': "emojirainbow",
	'🪝': "emojihook",
	// The pig, the cow and the whale that stand for "fat pig" aimed at
	// someone ("look at this 🐷 trying to dance… delete ur acc", 妳這個🐷也敢
	// 跳舞); the harassment rules pair them with a pointer and contempt
	// (round 29).
	'🐷': "emojipig",
	'🐖': "emojipig",
	'🐽': "emojipig",
	'🐄': "emojicow",
	'🐮': "emojicow",
	'🐳': "emojiwhale",
	'🦛': "emojihippo",
	'👃': "emojinose",
	'🍉': "emojimelon",
	// The SS runes of white-power posts, as lightning bolts or the
	// Greek koppa and runic sowilo drawn like them ("1488 ⚡⚡"); the hate
	// rules pair two of them with a code number or a slogan.
	'⚡': "emojibolt",
	'ϟ': "emojibolt",
	'ᛋ': "emojibolt",
	// Child abuse material in trading posts: 🧀🍕 for "cheese pizza", CP.
	'🧀': "emojicheese",
	'🍕': "emojipizza",
	// Emoji that rule terms spell with: a bus in "hope a 🚌 hits you", a
	// dog with blood for dog fights, the green circle for WhatsApp in
	// Brazilian sale posts ("fale no 🟢"), the red circle for the O of
	// "⭕nlyfans". Without a word they were dropped from the terms too,
	// leaving "hope a" and "no".
	'🚌': "emojibus",
	'🐕': "emojidog",
	'🟢': "emojigreencircle",
	'⭕': "emojiredcircle",
	// Sex in sale and promotion posts ("🍆🍑💦 vids, dm for menu", "🔞福利
	// 私聊"); alone they are food, weather and film ratings, so the sexual
	// rules pair them with content offered or a way to reach the seller.
	'🍆': "emojieggplant",
	'🍑': "emojipeach",
	'💦': "emojidroplets",
	'👅': "emojitongue",
	'🔞': "emojiadult",
	// Children in trading posts ("trading 👧🏻 🔞 pics"): the sexual_minors
	// rules pair them with a sexual emoji and a trade.
	'👶': "emojibaby",
	'🧒': "emojichild",
	'👧': "emojigirl",
	'👦': "emojiboy",
}
