package moderate

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// ContactDetector finds attempts to move users off the platform: asking
// to be added on WeChat, QQ, Telegram, WhatsApp, LINE and the like,
// handles and QQ or group numbers, phone numbers, e-mail addresses, link
// shorteners and links, however they are written:
//
//   - spaced, padded and stretched: 加 微 信, 加~微~信, 加加加微微微信信信,
//   - V, ➕Ｖ, 加💕微💕信;
//   - homophones and look-alikes of the platform names: 薇信, 威信, 维信,
//     徽信, 嶶信, 微芯, V信, V❤, vx, wx, weixin, 🛰 (卫星), 扣扣, 蔻蔻, 企鹅,
//     群/裙/君羊 with a number, 电报, 纸飞机, tg, 賴 (LINE in Taiwan);
//   - numbers written with Chinese, financial or circled numerals, or
//     spelled out in English with leet (一二三, 壹贰叁, ①②③, 0ne tw0), and
//     phone numbers spelled in words of any of our languages or typed
//     digit by digit, platform or not (contact_spelled_words.go);
//   - bare domains shaped like phishing (contact_phishing.go): defanged
//     (bank-secure[.]com), on a throwaway TLD (.top, .xyz), or a hyphenated
//     name with a lure word (post-paket-info.net);
//   - English requests ("add me on snap", "dm me on telegram @x", "tg: x",
//     "whatsapp me", "contact me for price", "link in bio"), wa.me and
//     t.me links, and Chinese ones with no platform named (私我, 加我,
//     滴滴我, 看主页).
//
// A mere mention of a platform ("微信支付", news about WeChat, "I use
// WhatsApp to call my mom", 扣扣 as a pet's name, "QQ音乐", 威信 meaning
// prestige) is not a finding: a platform name counts only beside a
// request (a verb such as 加, 私, 联系) or a handle, except for spellings
// that exist only to dodge a filter (薇信, V信). Findings are category
// spam.
type ContactDetector struct{}

// Name implements Detector.
func (ContactDetector) Name() string { return "contact" }

// Scores: an explicit request to move off-platform is near certain spam
// (blocks in cn, reviews in intl); a dodging spelling or a disguised
// number alone is strong; a request that names no platform ("加我", "dm
// for price") is reviewed in cn only, unless it asks for the platform's
// own messages ("dm for prices", "price in dm", "私我", "私信我"), which keep
// the buyer on the platform, or points to the author's own page ("link in
// bio"): those only inform; bare contact details less so; an ordinary
// link only informs. An explicit request or handle in a note with no sign
// of spam is capped by the stage (contact_plain.go).
const (
	scoreSolicit   = 0.9
	scoreHandle    = 0.9
	scoreSpelled   = 0.8
	scoreVariant   = 0.7
	scoreShortener = 0.8
	scoreGeneric   = 0.6
	scoreContact   = 0.6
	scoreInApp     = 0.4
	scoreLink      = 0.3
)

var (
	reShort = regexp.MustCompile(`(?:^|[^a-z0-9.])((?:bit\.ly|t\.cn|tinyurl\.com|goo\.gl|t\.co|ow\.ly|is\.gd|buff\.ly|rebrand\.ly|cutt\.ly|url\.cn|dwz\.cn|suo\.im|t\.me|wa\.me|line\.me)/[^\s]*)`)
	reURL   = regexp.MustCompile(`(?:https?://|www\.)[^\s<>"]+`)
)

// Detect implements Detector; it never fails.
func (ContactDetector) Detect(_ context.Context, t *Text) ([]Finding, error) {
	var out []Finding
	add := func(sp Span, score float64, rule string) {
		if sp.Start < sp.End {
			out = append(out, Finding{Category: models.CategorySpam, Score: score, Span: sp, Rule: rule})
		}
	}
	scanContact(t, add)
	scanEnglishRequests(&t.Skeleton, add)
	s := t.Folded.String()
	folded := func(start, end int, score float64, rule string) {
		if start < end {
			add(t.Folded.OriginalSpan(start, end), score, rule)
		}
	}
	// Each pattern runs only when the text holds a string it needs: most
	// notes hold none, and the checks cost far less than the patterns.
	if strings.IndexByte(s, '/') >= 0 || strings.Contains(s, "www.") {
		for _, m := range reShort.FindAllStringSubmatchIndex(s, -1) {
			folded(m[2], m[3], scoreShortener, "link-shortener")
		}
		for _, m := range reURL.FindAllStringIndex(s, -1) {
			folded(m[0], m[1], scoreLink, "link")
		}
	}
	for _, m := range phishingDomains(s) {
		folded(m[0], m[1], scorePhishing, "phishing-domain")
	}
	if strings.IndexByte(s, '@') >= 0 {
		for _, m := range reEmail.FindAllStringIndex(s, -1) {
			score := scoreContact
			if roleEmail(s[m[0]:m[1]]) {
				score = scoreLink // an organisation's desk, like a link
			}
			folded(m[0], m[1], score, "email")
		}
	}
	if countDigits(s) >= 5 {
		// Letters standing in for digits count (O1O-2345-6789).
		ds, _ := digitLookalikes(s)
		if countDigits(ds) >= 9 { // a Spanish mobile has nine digits
			for _, m := range phoneNumbers(ds) {
				if gameID(s, m.start) {
					continue
				}
				score := scoreContact
				if tollFree(m.digits) {
					score = scoreLink // a business's desk, like a link
				}
				folded(m.start, m.end, score, "phone")
			}
		}
	}
	for _, m := range spelledDigitRuns(s) {
		folded(m[0], m[1], scoreSpelled, "spelled-number")
	}
	return out, nil
}

// The Chinese-side (and platform-name) scan works on a compact view of the
// folded text: separators, punctuation and emoji dropped, repeated runes
// collapsed into one with a count (digits excepted), so 加 ~ 微 ~ 信 and
// 加加加微微微信信信 both read 加微信. Each compact rune remembers the folded
// runes it came from, so evidence still quotes the author exactly. Handles
// are read from the folded view, where spacing and punctuation are kept.

// contactRole says what a token can do in a request; a token may have
// several roles.
type contactRole uint8

const (
	roleVerb     contactRole = 1 << iota // 加, 私, 联系 … before a platform
	roleAfter                            // 联系, 私聊 … after a platform (vx联系)
	roleSelf                             // 我, 个, 一下 between verb and platform
	rolePlatform                         // a platform or its disguise
	roleGeneric                          // a request naming no platform (看主页, 私我)
)

// platformKind says how strongly a platform name points off-platform.
type platformKind uint8

const (
	pkWord   platformKind = iota + 1 // a real word (微信, 威信, 企鹅): needs a request or a handle
	pkDodge                          // a spelling that exists to dodge a filter (薇信, V信): counts alone
	pkGroup                          // 群, 裙: needs a number or 加
	pkLetter                         // v, q, 微: only right after 加 or ➕, or with an explicit handle
	pkWeak                           // line, signal, 飞机: a handle needs a colon or 号
	pkPhone                          // 电话, phone: context for a disguised number only
)

type contactToken struct {
	role     contactRole
	platform platformKind
	// product: the name is also an app whose features follow it (微信支付,
	// QQ音乐, 微信联系人), which are not requests.
	product bool
}

// contactTerms lists the tokens of the compact view in their written
// form; a rune written twice must appear at least twice (扣扣, 滴滴, qq).
// Latin tokens must not touch other Latin letters in the folded text.
var contactTerms = func() map[string]contactToken {
	m := map[string]contactToken{}
	var put func(t contactToken, terms ...string)
	put = func(t contactToken, terms ...string) {
		for _, s := range terms {
			// Kana and Han terms are matched as the text is folded: で
			// reads て, グ reads ク, 連絡 reads 连絡.
			if f := foldedTerm(s); f != s {
				put(t, f)
			}
			old := m[s]
			t.role |= old.role
			if t.platform == 0 {
				t.platform = old.platform
			}
			m[s] = t
		}
	}
	put(contactToken{role: roleVerb}, "加", "添加", "+", "找", "联系", "联络", "戳", "私", "私聊", "私信", "咨询", "详询", "扫码加", "滴滴", "滴", "找我", "联系我")
	put(contactToken{role: roleSelf}, "我", "个", "下", "一下", "本人", "窝", "偶", "俺")
	// Particles between a platform and its request: 카톡으로 연락, LINEで連絡.
	put(contactToken{role: roleSelf}, "으로", "로", "で", "を", "に")
	// 同号: the account is the phone number (微信同号, VX同号), to be searched.
	put(contactToken{role: roleAfter}, "联系", "联络", "私聊", "私信", "咨询", "详聊", "私我", "找我", "滴我", "滴滴我", "加我", "聊", "交流", "联系我", "私聊我", "来撩", "同号")
	// Japanese and Korean put the request after the platform: LINE交換,
	// カカオ追加して, 카톡 추가해 주세요, 텔레 연락.
	put(contactToken{role: roleAfter}, "交换", "交換", "追加", "友达追加", "友達追加", "登录", "登録", "教えて", "连络", "連絡", "추가", "친추", "연락", "문의", "디엠",
		// LINEで繋がれたら嬉しい (round 36): to connect there.
		"繋が", "つなが")
	// 我发你vx: the author will send the account.
	put(contactToken{role: roleVerb}, "发你", "发我", "私发")
	// Requests that name no platform: 看主页 sends readers to the profile
	// where the contact is; 私我, 加我 … ask to be contacted.
	put(contactToken{role: roleGeneric}, "看主页", "看我主页", "主页联系", "主页有联系", "主页见", "见主页", "戳主页", "看简介")
	put(contactToken{role: roleGeneric | roleVerb}, "私我", "私信我", "滴滴我", "滴我", "戳我", "加我")
	// WeChat. Real words and signs count only with a request or a handle;
	// spellings that exist only to dodge count alone.
	word := contactToken{role: rolePlatform, platform: pkWord}
	put(word, "微信", "wechat", "weixin", "威信", "维信", "維信", "微芯", "卫星", "🛰", "vx", "wx", "v❤", "微x", "绿泡泡", "绿色软件", "绿色app", "绿软")
	dodge := contactToken{role: rolePlatform, platform: pkDodge}
	for _, a := range []string{"薇", "徽", "嶶", "v", "w"} {
		for _, b := range []string{"信", "芯", "心", "欣", "鑫", "❤"} {
			if a+b != "v❤" {
				put(dodge, a+b)
			}
		}
	}
	put(dodge, "微❤", "威❤", "维❤", "薇❤", "微心", "威芯", "维芯", "威心", "薇x", "微亻言")
	put(contactToken{role: rolePlatform, platform: pkLetter}, "v", "q", "微", "薇", "威")
	// QQ and groups.
	put(word, "qq", "扣扣", "蔻蔻", "抠抠", "企鹅", "q号", "扣号")
	put(contactToken{role: rolePlatform, platform: pkGroup}, "群", "裙", "羣", "君羊", "q群", "群号", "裙号", "qun")
	// Telegram and others.
	put(word, "电报", "纸飞机", "小飞机", "飞机号", "telegram", "tg", "whatsapp", "whatsap", "snapchat", "snap", "kik", "discord", "instagram", "insta", "ig", "skype", "viber", "messenger", "onlyfans", "lineid", "line号")
	// 🐧 is QQ's mascot (企鹅): with a number it is a QQ account.
	put(word, "🐧")
	// Japanese, Korean and Portuguese names of the apps.
	put(word, "kakaotalk", "kakao", "カカオ", "カカオトーク", "カトク", "テレグラム", "ワッツアップ", "ウィーチャット", "インスタ", "카톡", "카카오톡", "카카오", "텔레그램", "텔레", "왓츠앱", "위챗", "인스타", "zapzap")
	// 赖 (賴) is what Taiwan calls LINE (加賴, 賴：abc123); it is also a
	// word (信赖, 赖床), so it needs a request or a handle after a colon.
	put(contactToken{role: rolePlatform, platform: pkWeak}, "飞机", "line", "signal", "wa", "sc", "ライン", "라인", "zap", "赖")
	put(contactToken{role: rolePlatform, platform: pkPhone}, "电话", "手机", "手机号", "电话号", "号码", "phone", "tel", "call", "text", "cell", "mobile", "联系方式")
	for _, s := range []string{"微信", "wechat", "weixin", "qq", "企鹅"} {
		t := m[s]
		t.product = true
		m[s] = t
	}
	return m
}()

// foldedTerm returns a Kana or Han term as the folded view writes it.
func foldedTerm(s string) string {
	for _, r := range s {
		if r >= 0x3040 && r < 0xA000 {
			return NewText("term", s).Folded.String()
		}
	}
	return s
}

// contactTrie is contactTerms as a trie over compact runes.
type contactTrie struct {
	ascii [128]int32 // child of the root by ASCII rune, 0 for none
	nodes []contactNode
}

type contactNode struct {
	next map[rune]int32
	// terms ending here, strictest first: terms that differ only in
	// repeats (qq and q, 滴滴 and 滴) share a node.
	terms []contactTerm
}

type contactTerm struct {
	token  contactToken
	counts []uint16 // minimum repeat count of each rune of the term
	strict int      // sum of counts
}

var contactTrieRoot = func() *contactTrie {
	t := &contactTrie{nodes: []contactNode{{next: map[rune]int32{}}}}
	for term, tok := range contactTerms {
		var runes []rune
		var counts []uint16
		for _, r := range term {
			if r == 'l' {
				r = 'i' // as compactLatin reads it
			}
			if n := len(runes); n > 0 && runes[n-1] == r {
				counts[n-1]++
				continue
			}
			runes = append(runes, r)
			counts = append(counts, 1)
		}
		node := int32(0)
		for _, r := range runes {
			child, ok := t.nodes[node].next[r]
			if !ok {
				child = int32(len(t.nodes))
				t.nodes = append(t.nodes, contactNode{next: map[rune]int32{}})
				t.nodes[node].next[r] = child
			}
			node = child
		}
		n := &t.nodes[node]
		strict := 0
		for _, c := range counts {
			strict += int(c)
		}
		n.terms = append(n.terms, contactTerm{tok, counts, strict})
		slices.SortFunc(n.terms, func(a, b contactTerm) int { return b.strict - a.strict })
	}
	for r, child := range t.nodes[0].next {
		if r < 128 {
			t.ascii[r] = child
		}
	}
	return t
}()

// compactView is the compact view of a folded text (see above).
type compactView struct {
	runes       []rune
	counts      []uint16
	first, last []int32 // folded rune indexes each compact rune spans
	toks        []compactToken
}

type compactToken struct {
	contactToken
	i, j int // compact runes [i, j)
}

var compactPool = sync.Pool{New: func() any { return new(compactView) }}

// isHeart: hearts read as 心 (xin) right after a WeChat initial (V❤, 微❤)
// and as padding anywhere else.
func isHeart(r rune) bool {
	switch r {
	case '❤', '♥', '♡', '❣', '💗', '💓', '💖', '💘', '💝', '💞', '💕', '💟', '🧡', '💛', '💚', '💙', '💜', '🖤', '🤍', '🤎', '💌':
		return true
	}
	return false
}

func wechatInitial(r rune) bool {
	switch r {
	case 'v', 'w', '微', '薇', '威', '维', '維', '徽', '嶶', '卫':
		return true
	}
	return false
}

// compactLatin folds a Latin rune as the tokens are written: l reads i
// (as the skeleton does), and a digit between two letters is leet
// (te1egram, w3chat, wh4tsapp).
func compactLatin(f *View, k int, r rune) rune {
	if r == 'l' {
		return 'i'
	}
	if k == 0 || k+1 >= len(f.Runes) {
		return r
	}
	if l, ok := leetDigit(f.Runes[k-1], r, f.Runes[k+1]); ok {
		return l
	}
	return r
}

// build fills the compact view from f.
func (c *compactView) build(f *View) {
	c.runes, c.counts, c.first, c.last, c.toks = c.runes[:0], c.counts[:0], c.first[:0], c.last[:0], c.toks[:0]
	for k, r := range f.Runes {
		switch {
		case r < utf8.RuneSelf:
			if !(isASCIILetter(r) || isASCIIDigit(r) || r == '+') {
				continue
			}
			r = compactLatin(f, k, r)
		case r == '➕' || r == '﹢':
			r = '+'
		case r == '🛰', r == '🐧':
		case isHeart(r):
			if n := len(c.runes); n == 0 || !wechatInitial(c.runes[n-1]) {
				continue
			}
			r = '❤'
		case !unicode.IsLetter(r) && !unicode.IsNumber(r):
			continue
		}
		// Repeats collapse, but numerals count one by one; V❤信 is V信. A
		// Latin letter collapses across a gap only where one of the two
		// stands alone ("l i n e", "w w w"): in "wechat travel88" the two
		// t's end and begin two words, and wechat must not end inside the
		// second.
		if n := len(c.runes); n > 0 && (c.runes[n-1] == r && !numeralRune(r) && (!isASCIILetter(r) || int(c.last[n-1]) == k-1 ||
			loneLetter(f, int(c.last[n-1])) || loneLetter(f, k)) || c.runes[n-1] == '❤' && (r == '信' || r == '心')) {
			if c.counts[n-1] < 0xFFFF {
				c.counts[n-1]++
			}
			c.last[n-1] = int32(k)
			continue
		}
		c.runes = append(c.runes, r)
		c.counts = append(c.counts, 1)
		c.first = append(c.first, int32(k))
		c.last = append(c.last, int32(k))
	}
}

// loneLetter reports whether folded rune k is a letter with no letter or
// digit on either side: one of a spaced word's letters.
func loneLetter(f *View, k int) bool {
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	return (k == 0 || !word(f.Runes[k-1])) && (k+1 >= len(f.Runes) || !word(f.Runes[k+1]))
}

// tokenize finds the longest token at each position, left to right.
func (c *compactView) tokenize(f *View) {
	tr := contactTrieRoot
	for i := 0; i < len(c.runes); {
		r := c.runes[i]
		var node int32
		if r < 128 {
			node = tr.ascii[r]
		} else {
			node = tr.nodes[0].next[r]
		}
		if node == 0 {
			i++
			continue
		}
		var best contactToken
		bestJ, found := 0, false
		for j := i + 1; ; j++ {
			n := &tr.nodes[node]
			for x := range n.terms {
				if countsOK(c.counts[i:j], n.terms[x].counts) && latinBounded(f, c, i, j) && (n.terms[x].token.role&rolePlatform == 0 || wordStart(f, c, i)) {
					best, bestJ = n.terms[x].token, j
					found = true
					break
				}
			}
			if j >= len(c.runes) {
				break
			}
			next, ok := n.next[c.runes[j]]
			if !ok {
				break
			}
			node = next
		}
		if !found {
			i++
			continue
		}
		c.toks = append(c.toks, compactToken{best, i, bestJ})
		i = bestJ
	}
}

func countsOK(have, need []uint16) bool {
	for i, n := range need {
		if have[i] < n {
			return false
		}
	}
	return true
}

func isASCIILetter(r rune) bool { return 'a' <= r && r <= 'z' }
func isASCIIDigit(r rune) bool  { return '0' <= r && r <= '9' }

// latinBounded reports whether a token [i, j) does not begin or end inside
// a longer Latin word of the folded text (vx, not savx; v, not vip).
func latinBounded(f *View, c *compactView, i, j int) bool {
	if isASCIILetter(c.runes[i]) {
		if k := c.first[i] - 1; k >= 0 && isASCIILetter(f.Runes[k]) {
			return false
		}
	}
	if isASCIILetter(c.runes[j-1]) {
		if k := int(c.last[j-1]) + 1; k < len(f.Runes) && isASCIILetter(f.Runes[k]) {
			return false
		}
	}
	return true
}

// wordStart reports whether a Hangul or Katakana platform name at compact
// rune i does not end a longer word (라인 in 온라인, ライン in オンライン:
// online).
func wordStart(f *View, c *compactView, i int) bool {
	r := c.runes[i]
	if r < 0x3000 {
		return true
	}
	k := c.first[i] - 1
	if k < 0 {
		return true
	}
	p := f.Runes[k]
	switch {
	case unicode.Is(unicode.Hangul, r):
		return !unicode.Is(unicode.Hangul, p)
	case unicode.Is(unicode.Katakana, r):
		return !unicode.Is(unicode.Katakana, p) && p != 'ー'
	}
	return true
}

// span maps compact runes [i, j) to the original text.
func (c *compactView) span(f *View, i, j int) Span {
	return Span{f.Spans[c.first[i]].Start, f.Spans[c.last[j-1]].End}
}

// notAfter lists, for a verb's first rune, the runes that make it part of
// another word: 参加, 增加, 更加 ("增加威信" raises prestige), 自私 (他很自私
// 我…), 一滴 (一滴我都没喝).
var notAfter = map[rune]string{
	'加': "参增更追附外施倍叠累强添",
	'私': "自无隐走公营",
	'滴': "一二两几点每半水",
	'发': "头理毛白出开启爆收散批引沙",
}

// isVerb reports whether a verb token asks here: not one that is part of
// another word (see notAfter), nor the + of Ctrl+V or a+v, nor one read
// across a sentence break (机密，我).
func (c *compactView) isVerb(f *View, t compactToken) bool {
	if t.role&(roleVerb|roleGeneric) == 0 {
		return false
	}
	first := c.runes[t.i]
	if k := c.first[t.i] - 1; k >= 0 && strings.ContainsRune(notAfter[first], f.Runes[k]) {
		return false
	}
	if first == '+' && t.i > 0 && (isASCIILetter(c.runes[t.i-1]) || isASCIIDigit(c.runes[t.i-1])) {
		return false
	}
	return !c.broken(f, t)
}

// broken reports whether sentence punctuation separates the runes of a
// token in the folded text.
func (c *compactView) broken(f *View, t compactToken) bool {
	for x := t.i; x+1 < t.j; x++ {
		for k := c.last[x] + 1; k < c.first[x+1]; k++ {
			if strings.ContainsRune("，。！？；,!?;", f.Runes[k]) {
				return true
			}
		}
	}
	return false
}

// pageShownWords name what a shop's profile page shows, not a contact:
// "地址请看主页置顶" sends the reader there for the address (round 50, N103:
// a farm restaurant's official account with its hours).
var pageShownWords = []string{"地址", "菜单", "菜單", "价目表", "價目表", "营业时间", "營業時間", "路线", "路線", "地图", "地圖"}

// pageShows reports whether the folded runes before k (a request to see
// the profile page) end in a word of pageShownWords, with or without a
// please (请, 請) after it; Simplified or Traditional, as the folded view
// keeps the script.
func pageShows(f *View, k int) bool {
	before := strings.TrimRight(string(f.Runes[max(0, k-6):k]), "请請")
	for _, w := range pageShownWords {
		if strings.HasSuffix(before, w) {
			return true
		}
	}
	return false
}

// addVerb reports the verbs that ask to be added (加, ➕), which alone may
// precede a single letter or a group (加V, ➕Q, 加群).
func (c *compactView) addVerb(t compactToken) bool {
	switch string(c.runes[t.i:t.j]) {
	case "加", "+", "添加", "扫码加", "加我":
		return true
	}
	return false
}

// products lists what follows a platform's name when it names one of its
// features, not an account: QQ音乐, 微信支付, 微信联系人.
var products = []string{"音乐", "空间", "邮箱", "游戏", "飞车", "会员", "钱包", "浏览器", "输入法", "支付", "红包", "读书", "小程序", "转账", "运动", "版本", "更新", "表情", "公众号", "视频号", "联系人", "聊天", "群聊"}

func (c *compactView) productAt(j int) bool { return c.startsAny(j, products) }

// startsAny reports whether one of words begins at compact rune j.
func (c *compactView) startsAny(j int, words []string) bool {
	for _, s := range words {
		k := j
		ok := true
		for _, r := range s {
			if k >= len(c.runes) || c.runes[k] != r {
				ok = false
				break
			}
			k++
		}
		if ok {
			return true
		}
	}
	return false
}

// next returns the index of the token right after token k (touching it in
// the compact view), or -1.
func (c *compactView) next(k int) int {
	if k+1 < len(c.toks) && c.toks[k+1].i == c.toks[k].j {
		return k + 1
	}
	return -1
}

// contactPrefilter holds the non-ASCII runes some token or numeral starts
// with; a field with none of them and no ASCII letter needs no compact
// view.
var contactPrefilter = func() map[rune]bool {
	m := map[rune]bool{}
	for term := range contactTerms {
		if r, _ := utf8.DecodeRuneInString(term); r >= 128 {
			m[r] = true
		}
	}
	for _, r := range "➕﹢〇零一二三四五六七八九幺壹贰貳叁參肆伍陆陸柒捌玖💚" {
		m[r] = true
	}
	return m
}()

// scanContact runs the compact-view rules over the folded view of t.
func scanContact(t *Text, add func(Span, float64, string)) {
	f := &t.Folded
	need := false
	for _, r := range f.Runes {
		if r < 128 {
			if isASCIILetter(r) || r == '+' {
				need = true
				break
			}
		} else if contactPrefilter[r] {
			need = true
			break
		}
	}
	if !need {
		return
	}
	c := compactPool.Get().(*compactView)
	defer compactPool.Put(c)
	c.build(f)
	c.tokenize(f)
	for k := 0; k < len(c.toks); k++ {
		tk := c.toks[k]
		if c.isVerb(f, tk) {
			if end, ok := c.request(f, k); ok {
				score := scoreSolicit
				if c.toks[end].platform == pkGroup {
					score = scoreVariant // 加群 with no number: an invitation
				}
				c.handleAfter(t, end, add)
				last := end
				if a := c.afterVerb(end); a >= 0 && c.toks[a].j-c.toks[a].i > 1 {
					last = a // 加VX详聊, not the 聊 of 加V信聊
				}
				add(c.span(f, tk.i, c.toks[last].j), score, "add-me")
				k = last
				continue
			}
			if tk.role&roleGeneric != 0 {
				// 加我 / 私我 with a number is a request; 加我一个 counts
				// me in.
				if h, ok := readHandle(t, int(c.last[tk.j-1])+1, pkGroup, false); ok {
					add(Span{c.span(f, tk.i, tk.j).Start, h}, scoreSolicit, "add-me")
				} else if c.runes[tk.i] == '私' {
					// 私我 / 私信我 ask for the platform's own private
					// messages ("做法私我"): the reader stays on the
					// platform, as with "dm for prices".
					add(c.span(f, tk.i, tk.j), scoreInApp, "request-in-app")
				} else if !(c.runes[tk.i] == '加' && tk.j < len(c.runes) && c.runes[tk.j] == '一') && !pageShows(f, int(c.first[tk.i])) {
					add(c.span(f, tk.i, tk.j), scoreGeneric, "request")
				}
				continue
			}
		}
		if tk.role&rolePlatform != 0 {
			if c.handleAfter(t, k, add) {
				continue
			}
			if tk.platform == pkDodge {
				add(c.span(f, tk.i, tk.j), scoreVariant, "platform-variant")
			}
			if a := c.afterVerb(k); a >= 0 {
				add(c.span(f, tk.i, c.toks[a].j), scoreSolicit, "contact-me-on")
				k = a
				continue
			}
		}
		if tk.role&roleGeneric != 0 && tk.role&roleVerb == 0 && !c.broken(f, tk) && !pageShows(f, int(c.first[tk.i])) {
			add(c.span(f, tk.i, tk.j), scoreGeneric, "request")
		}
	}
	spelledNumbers(t, c, add)
	greenHeartHandles(t, add)
}

// greenHeartHandles finds a green heart standing for WeChat (绿泡泡)
// before a colon and a handle: 💚：lvbag2025. A heart alone, or before
// words, is a heart.
func greenHeartHandles(t *Text, add func(Span, float64, string)) {
	rs := t.Folded.Runes
	for k, r := range rs {
		if r != '💚' {
			continue
		}
		p := k + 1
		for p < len(rs) && rs[p] == ' ' {
			p++
		}
		if p >= len(rs) || rs[p] != ':' {
			continue
		}
		if h, ok := readHandle(t, p, pkWeak, false); ok {
			add(Span{t.Folded.Spans[k].Start, h}, scoreHandle, "handle")
		}
	}
}

// request reports whether the verb token k is followed, through at most
// two of 我/个/一下, by a platform it can ask for, and returns that
// platform's token index.
func (c *compactView) request(f *View, k int) (int, bool) {
	m := c.next(k)
	for hops := 0; m >= 0 && c.toks[m].role&roleSelf != 0 && c.toks[m].role&rolePlatform == 0 && hops < 2; hops++ {
		m = c.next(m)
	}
	if m < 0 || c.toks[m].role&rolePlatform == 0 {
		return 0, false
	}
	p := c.toks[m]
	switch {
	case p.platform == pkPhone:
		return 0, false
	case p.product && c.productAt(p.j):
		return 0, false
	case p.platform == pkLetter || p.platform == pkGroup:
		// 加V, 加个群: only the verbs that add; 加微 only before a non-Han
		// rune (加微辣, 加微量 are cooking).
		if !c.addVerb(c.toks[k]) {
			return 0, false
		}
		if unicode.Is(unicode.Han, c.runes[p.i]) && p.j < len(c.runes) && unicode.Is(unicode.Han, c.runes[p.j]) {
			return 0, false
		}
	}
	return m, true
}

// handleAfter adds a handle finding when a handle follows the platform
// token k.
func (c *compactView) handleAfter(t *Text, k int, add func(Span, float64, string)) bool {
	p := c.toks[k]
	if p.role&rolePlatform == 0 {
		return false
	}
	abbrev := p.j-p.i <= 5 && p.j-p.i >= 2 && isASCIILetter(c.runes[p.i])
	h, ok := readHandle(t, int(c.last[p.j-1])+1, p.platform, abbrev)
	if !ok {
		return false
	}
	score, rule := scoreHandle, "handle"
	if p.platform == pkPhone {
		score, rule = scoreSpelled, "spelled-number"
	}
	add(Span{c.span(&t.Folded, p.i, p.j).Start, h}, score, rule)
	return true
}

// afterVerb finds a request right after the platform token k (vx联系,
// 微信详聊), through an optional 我, and returns its index or -1.
func (c *compactView) afterVerb(k int) int {
	p := c.toks[k]
	if p.platform == pkGroup || p.platform == pkLetter || p.platform == pkPhone {
		return -1
	}
	m := c.next(k)
	if m >= 0 && c.toks[m].role&roleSelf != 0 && c.toks[m].role&roleAfter == 0 {
		m = c.next(m)
	}
	if m < 0 || c.toks[m].role&roleAfter == 0 {
		return -1
	}
	if c.narratedAt(c.toks[m].j) {
		return -1
	}
	if p.product {
		// 微信聊天记录, 微信交流群 are the app's own features.
		if c.productAt(p.j) {
			return -1
		}
		if s := string(c.runes[c.toks[m].i:c.toks[m].j]); s == "聊" || s == "交流" {
			return -1
		}
	}
	return m
}

// narratedEndings follow a Japanese or Korean request word (交換, 追加,
// 연락, 추가) when the author tells of an exchange that already happened:
// "マッチングアプリの人とLINE交換した", "카톡 추가했어". A past tense asks
// nothing of the reader. notNarrated are the longer endings that still ask
// or wish (交換したい, 交換したら, 추가했으면 좋겠어).
var (
	narratedEndings = []string{"した", "しました", "しちゃった", "してもらった", "してくれた", "できた", "済み", "った", "ってる", "ってます", "っています", "りました", "했어", "했다", "했는데", "했음", "했고", "했더니", "했어요", "했습니다"}
	notNarrated     = []string{"したい", "したく", "したら", "したければ", "했으면", "했으니"}
)

// narratedAt reports whether a narrated ending begins at compact rune j.
func (c *compactView) narratedAt(j int) bool {
	return !c.startsAny(j, notNarrated) && c.startsAny(j, narratedEndings)
}

// cjkDigit maps the numerals a number can be written with: 〇 to 九,
// financial numerals, and 幺 (one, as read aloud in phone numbers).
func cjkDigit(r rune) bool {
	switch r {
	case '〇', '零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '幺',
		'壹', '贰', '貳', '叁', '參', '肆', '伍', '陆', '陸', '柒', '捌', '玖', '壱', '弐', '参':
		return true
	}
	return false
}

func financialDigit(r rune) bool {
	return strings.ContainsRune("壹贰貳叁參肆伍陆陸柒捌玖壱弐参", r)
}

func numeralRune(r rune) bool { return isASCIIDigit(r) || cjkDigit(r) }

// fancyDigit reports an ASCII digit of the folded view that the author
// wrote otherwise (①, ⑴, ➀, not a full-width １, which IMEs type).
func fancyDigit(t *Text, k int) bool {
	sp := t.Folded.Spans[k]
	if sp.End-sp.Start == 1 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t.Original[sp.Start:])
	return !('０' <= r && r <= '９')
}

// digitWords are English digit names (f1ve and 0ne fold to them).
var digitWords = map[string]bool{
	"zero": true, "oh": true, "one": true, "two": true, "three": true, "four": true,
	"five": true, "six": true, "seven": true, "eight": true, "nine": true,
}

// isDigitWord reports whether w, a lower-case Latin word that may hold
// leet digits, spells a digit.
func isDigitWord(w []rune) bool {
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	var b [5]byte
	letter := false
	for i, r := range w {
		switch r {
		case '0':
			r = 'o'
		case '1':
			r = 'i'
		case '3':
			r = 'e'
		case '4':
			r = 'a'
		case '5':
			r = 's'
		case '7':
			r = 't'
		default:
			if !isASCIILetter(r) {
				return false
			}
			letter = true
		}
		b[i] = byte(r)
	}
	return letter && digitWords[string(b[:len(w)])]
}

// unitAfter reports a counter or unit after a number (人, 元, 年 …): the
// number counts something, it is no account.
func unitAfter(rs []rune, p int) bool {
	for p < len(rs) && rs[p] == ' ' {
		p++
	}
	return p < len(rs) && strings.ContainsRune("人个位名元块次条年月日号天万千百亿岁斤米分秒点期", rs[p])
}

// readHandle reads what follows a platform name at folded rune p: an
// optional connector (号, id, :, =, @), then a handle, and returns the end
// of the handle in the original. Numbers may be written in any numerals,
// spelled out and spaced; a Latin handle must look like one (a digit or an
// underscore in it) unless @, 号 or id introduces it, or a colon follows
// an abbreviation (tg: johnny).
func readHandle(t *Text, p int, kind platformKind, abbrev bool) (int, bool) {
	f := &t.Folded
	rs := f.Runes
	n := len(rs)
	strong, colon, at := false, false, false
	skipSpace := func() {
		for p < n && (rs[p] == ' ' || rs[p] == '\t' || rs[p] == '\n') {
			p++
		}
	}
	skipSpace()
	// A particle and an arrow before the connector: 詳しくはLINEで→ ID: …
	// (round 51, F135); the arrow counts as the colon it stands for.
	for _, w := range []string{"で", "て", "に", "は", "으로", "로"} { // で folds to て
		if hasWord(rs, p, w) && p+len([]rune(w)) < n && strings.ContainsRune("→>:：", rs[p+len([]rune(w))]) {
			p += len([]rune(w))
			break
		}
	}
	for p < n && strings.ContainsRune("→>", rs[p]) {
		colon = true
		p++
		skipSpace()
	}
	// "call me at …", "whatsapp me on …"
	for _, w := range []string{"me at", "me on", "us at", "me", "at", "on"} {
		if hasWord(rs, p, w) {
			p += len(w)
			skipSpace()
			break
		}
	}
	// 아이디 also spaced as the platform name often is (카 톡 아 이 디 ausfarm77, round 50, F117).
	for _, w := range []string{"号码", "号是", "号", "账号", "帐号", "id", "아이디", "아 이 디", "#", "no.", "是", "为", "is"} {
		if hasWord(rs, p, w) {
			p += len([]rune(w))
			strong = strong || !(w == "是" || w == "为" || w == "is")
			break
		}
	}
	skipSpace()
	// A hyphen glued to the platform name and to a word after it makes a
	// compound, not a connector: "WhatsApp-Gruppe", "kein WhatsApp-Job-Quatsch"
	// (round 36, N3's barista job ad); "wechat - abc123" keeps its handle.
	if p < n && p > 0 && rs[p] == '-' && unicode.IsLetter(rs[p-1]) && p+1 < n && unicode.IsLetter(rs[p+1]) {
		return 0, false
	}
	for p < n && strings.ContainsRune(":=-~>→@", rs[p]) {
		colon = colon || rs[p] != '@'
		at = at || rs[p] == '@'
		p++
		skipSpace()
	}
	if p >= n || (kind == pkWeak || kind == pkLetter) && !strong && !colon && !at {
		return 0, false
	}
	start := p
	// A number: digits in any numerals, spelled-out digit words, single
	// spaces or hyphens between them.
	digits, disguised, end := 0, false, -1
	for q := p; q < n; {
		r := rs[q]
		if isASCIIDigit(r) && !(q+1 < n && isASCIILetter(rs[q+1])) {
			digits++
			disguised = disguised || fancyDigit(t, q)
			q++
			end = q
			continue
		}
		// A numeral after a gap that begins a Han word is the word's
		// (…0188 参观时间, the visiting hours after a care home's number).
		if cjkDigit(r) && !(q > p && end < q && q+1 < n && unicode.Is(unicode.Han, rs[q+1]) && !cjkDigit(rs[q+1])) {
			digits++
			disguised = true
			q++
			end = q
			continue
		}
		if isASCIILetter(r) || isASCIIDigit(r) {
			e := q
			for e < n && (isASCIILetter(rs[e]) || isASCIIDigit(rs[e])) {
				e++
			}
			if isDigitWord(rs[q:e]) && (e == n || !unicode.IsLetter(rs[e])) {
				digits++
				disguised = true
				q = e
				end = q
				continue
			}
			break
		}
		if (r == ' ' || r == '-' || r == ',') && end == q && q+1 < n {
			q++
			continue
		}
		break
	}
	if end > 0 && !unitAfter(rs, end) && (end == n || !isASCIILetter(rs[end]) || !isASCIILetter(rs[end-1])) {
		need := 5
		if kind == pkGroup {
			need = 6 // group numbers have six digits or more; 群 10000 … counts people
		}
		if kind == pkPhone && digits >= 7 && disguised || kind != pkPhone && digits >= need {
			if !(isASCIIDigit(rs[end-1]) && end < n && isASCIILetter(rs[end])) {
				return f.Spans[end-1].End, true
			}
		}
	}
	if kind == pkGroup || kind == pkPhone {
		return 0, false
	}
	if e, ok := spacedHandle(rs, start); ok && (at || strong || colon) {
		return f.Spans[e-1].End, true
	}
	if strong && kind != pkWeak {
		if e, ok := hangulHandle(rs, start); ok {
			return f.Spans[e-1].End, true
		}
	}
	// A Latin handle: [a-z0-9_.-], Chinese numerals allowed inside.
	q := start
	letters, digs, marks, cjk := 0, 0, 0, 0
scan:
	for ; q < n; q++ {
		r := rs[q]
		switch {
		case isASCIILetter(r):
			letters++
		case isASCIIDigit(r):
			digs++
		case r == '_':
			marks++
		case (r == '.' || r == '-') && q+1 < n && (isASCIILetter(rs[q+1]) || isASCIIDigit(rs[q+1])),
			r == '#' && q+1 < n && isASCIIDigit(rs[q+1]): // a Discord tag: name#1234
			marks++
		case cjkDigit(r) && letters+digs > 0:
			cjk++
		default:
			break scan
		}
	}
	size := letters + digs + marks + cjk
	if size < 3 || size > 32 || letters+digs == 0 {
		return 0, false
	}
	lettersOnly := digs+marks+cjk == 0
	if lettersOnly {
		// A word after a colon is a handle only after an abbreviation and
		// when no other word follows (tg: johnny, not "WeChat: the app").
		r := q
		for r < n && rs[r] == ' ' {
			r++
		}
		alone := r >= n || !isASCIILetter(rs[r]) && !unicode.Is(unicode.Han, rs[r])
		switch {
		case at && kind != pkWeak:
		case at && alone:
		case strong && kind != pkWeak && alone:
		case colon && abbrev && kind != pkWeak && alone && size >= 3:
		default:
			return 0, false
		}
		return f.Spans[q-1].End, true
	}
	switch {
	case cjk >= 3,
		at || strong || colon,
		size >= 5 && letters > 0:
		return f.Spans[q-1].End, true
	}
	return 0, false
}

// spacedHandle reads a handle typed one character at a time with a space
// between ("r i n a _ 0 3 0 3", "l o a n 7 7 7") so that no filter sees it
// whole, and returns the end of its last character. It asks for at least
// five characters with a letter and a digit or an underscore among them:
// spaced-out words ("s o  g o o d") and initials are no handle. The caller
// asks for a colon, an @ or an id word before it as well.
func spacedHandle(rs []rune, p int) (int, bool) {
	n := len(rs)
	handleRune := func(r rune) bool {
		return isASCIILetter(r) || isASCIIDigit(r) || r == '_' || r == '.'
	}
	letters, other, end := 0, 0, -1
	for q := p; q < n && handleRune(rs[q]); q += 2 {
		if q+1 < n && handleRune(rs[q+1]) {
			return 0, false // a word, not one character
		}
		if isASCIILetter(rs[q]) {
			letters++
		} else {
			other++
		}
		end = q + 1
		if q+1 >= n || rs[q+1] != ' ' {
			break
		}
		if q+3 < n && handleRune(rs[q+2]) && handleRune(rs[q+3]) {
			break // the next token is a word of its own
		}
	}
	if end < 0 || letters+other < 5 || letters == 0 || other == 0 {
		return 0, false
	}
	if rs[end-1] == '.' {
		end--
	}
	return end, true
}

// hasWord reports whether the runes at p spell w and, when w ends in a
// Latin letter, a Latin letter does not follow.
func hasWord(rs []rune, p int, w string) bool {
	last := rune(0)
	for _, r := range w {
		if p >= len(rs) || rs[p] != r {
			return false
		}
		last = r
		p++
	}
	return !(isASCIILetter(last) && p < len(rs) && isASCIILetter(rs[p]))
}

// spelledNumbers finds numbers of seven or more digits written to dodge a
// filter with no platform named: financial numerals (壹贰叁), circled
// digits, or Chinese numerals mixed with digits (1三8一2三4).
func spelledNumbers(t *Text, c *compactView, add func(Span, float64, string)) {
	for i := 0; i < len(c.runes); {
		if !numeralRune(c.runes[i]) {
			i++
			continue
		}
		j := i
		ascii, cjk, fancy := 0, 0, 0
		for ; j < len(c.runes) && numeralRune(c.runes[j]); j++ {
			switch r := c.runes[j]; {
			case isASCIIDigit(r) && fancyDigit(t, int(c.first[j])):
				fancy++
			case isASCIIDigit(r):
				ascii++
			case financialDigit(r):
				fancy++
			default:
				cjk++
			}
		}
		n := ascii + cjk + fancy
		mixed := ascii > 0 && cjk+fancy >= 2 || cjk > 0 && fancy > 0 || fancy == n
		if n >= 7 && n <= 15 && mixed {
			add(c.span(&t.Folded, i, j), scoreSpelled, "spelled-number")
		}
		i = j
	}
}

// English requests are read word by word on the skeleton (lower-case,
// leet folded, spaced letters joined, repeats collapsed, l read as i), so
// "a d d me on sn4p" reads "ad me on snap". The tables give words as
// written; they are folded the same way when built.

// enRole is a set of roles of an English word.
type enRole uint32

const (
	enVerb     enRole = 1 << iota // add, dm, message … (me) on PLATFORM
	enFollow                      // follow, sub: cross-promotion, weaker
	enMe                          // me, us
	enUp                          // hit me up
	enPrep                        // on, at, via, over
	enApp                         // a messaging app
	enAppVerb                     // an app that is also a verb: whatsapp me, snap me
	enAsk                         // contact, dm … before "for price"
	enFor                         // for, to
	enOffer                       // price, details … after "for"
	enInfo                        // link, price … before "in bio"
	enIn                          // in
	enBio                         // bio, dm, dms, inbox: "link in bio", "price in dm"
	enCheck                       // check, see, visit … before "my bio"
	enMy                          // my, the
	enInApp                       // dm, pm, inbox, message: the platform's own messages
	enVerbMe                      // füg, ajoute, adiciona: a request only beside me (füg mich, me adiciona)
	enLink                        // link, links: "link in bio" names no app and offers nothing
	enJoin                        // join, únete, entren, rejoins, tritt: an invitation into a group
	enGroup                       // group, grupo, groupe, canal, channel, server
	enOf                          // de, do, da, on, sur, auf, in: "grupo de WhatsApp", "groupe sur Telegram"
	enNot                         // ne, no, don't, never, nunca: a join word negated before it
	enNotAfter                    // pas, jamais, nicht, not: after it ("rejoignez pas", "tritt nicht bei")
)

var enWords = func() map[string]enRole {
	m := map[string]enRole{}
	put := func(k enRole, words ...string) {
		for _, w := range words {
			m[skeletonWord(w)] |= k
		}
	}
	put(enVerb, "add", "message", "msg", "hit", "contact", "find", "reach", "chat", "talk", "inbox", "ping", "catch", "join", "write", "hmu", "dm", "pm", "text", "call")
	put(enFollow, "follow", "sub", "subscribe", "sigueme", "siganme", "folgt", "suivez")
	put(enMe, "me", "us", "mich", "mir", "moi", "mi", "uns", "nous", "dich", "euch")
	// German, French, Spanish and Portuguese requests, accents folded as
	// the skeleton folds them: "füg mich auf WeChat hinzu", "ajoute-moi
	// sur snap", "agrégame al WhatsApp", "me adiciona no zap". Verbs that
	// carry their object (agrégame, escríbeme) ask alone; the others only
	// beside me, so "j'écris sur Instagram" is no request.
	put(enVerbMe, "fug", "fuge", "adde", "schreib", "schreibe", "kontaktier", "kontaktiere", "meld", "melde", "meldet", "ajoute", "ajoutez", "ecris", "ecrivez", "contacte", "contactez", "agrega", "anade", "escribe", "contacta", "habla", "adiciona", "adicione", "add", "chama", "chame", "manda", "fala")
	put(enVerb, "agregame", "anademe", "escribeme", "escribime", "contactame", "hablame", "agreguenme", "escribenos", "contactanos", "ajoutemoi")
	put(enUp, "up")
	put(enPrep, "on", "at", "via", "over", "thru", "through", "auf", "bei", "uber", "per", "sur", "par", "por", "en", "al", "no", "na", "pelo", "pela")
	put(enApp, "telegram", "tg", "whatsapp", "wa", "line", "kik", "wechat", "weixin", "discord", "signal", "skype", "viber", "snapchat", "snap", "snp", "sc", "instagram", "insta", "ig", "onlyfans", "fb", "facebook", "messenger", "threema", "qq", "kakaotalk", "kakao", "zap", "zapzap", "whats", "wpp", "insta")
	put(enAppVerb, "snap", "whatsapp", "telegram", "wechat", "kik", "snapchat")
	put(enAsk, "contact", "dm", "pm", "message", "msg", "inbox", "text", "email", "whatsapp", "telegram", "wechat", "call", "hmu", "ping")
	put(enFor, "for", "to")
	put(enOffer, "price", "prices", "pricing", "order", "orders", "buy", "purchase", "details", "detail", "info", "menu", "rates", "quote", "deals", "booking", "bookings", "collab", "promo")
	put(enInfo, "link", "links", "price", "prices", "pricing", "menu", "info", "contact", "details")
	put(enLink, "link", "links")
	put(enIn, "in")
	put(enBio, "bio", "dm", "dms", "pm", "inbox", "profile")
	put(enCheck, "check", "see", "visit")
	put(enMy, "my", "the")
	put(enInApp, "dm", "dms", "pm", "message", "msg", "inbox")
	// An invitation into a group on another app is a move off the platform
	// however it is worded: "join my WhatsApp group", "entren al grupo de
	// whatsapp", "rejoins mon groupe Telegram", "tritt unserer WhatsApp-Gruppe bei".
	put(enJoin, "join", "unete", "unanse", "unirse", "entra", "entren", "entrar", "entre", "entrem", "rejoins", "rejoignez",
		"rejoindre", "tritt", "tretet", "beitreten", "junta", "juntate", "juntem", "participa", "participe")
	put(enGroup, "group", "groups", "grupo", "grupos", "groupe", "groupes", "gruppe", "gruppen", "canal", "channel", "server", "servidor", "serveur", "comunidad", "comunidade")
	put(enOf, "de", "do", "da", "del", "on", "sur", "auf", "in", "im", "en", "no", "na", "of", "bei")
	put(enNot, "ne", "no", "not", "dont", "never", "nunca", "nao", "nie")
	put(enNotAfter, "pas", "jamais", "nicht", "not", "nie")
	return m
}()

// skeletonWord folds a word as the skeleton does: l reads i, repeated
// letters collapse.
func skeletonWord(w string) string {
	var b strings.Builder
	var prev rune
	for _, r := range w {
		if r == 'l' {
			r = 'i'
		}
		if r == prev {
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// enTok is one word of the skeleton: its runes [i, j) and roles.
type enTok struct {
	i, j  int
	roles enRole
}

// scanEnglishRequests finds English requests to move off-platform.
func scanEnglishRequests(v *View, add func(Span, float64, string)) {
	rs := v.Runes
	var buf [32]enTok
	words := buf[:0]
	var scratch [16]byte
	found := false
	for i := 0; i < len(rs); {
		if !isASCIILetter(rs[i]) {
			i++
			continue
		}
		j := i
		for j < len(rs) && isASCIILetter(rs[j]) {
			j++
		}
		var roles enRole
		if j-i <= len(scratch) {
			b := scratch[:0]
			for _, r := range rs[i:j] {
				b = append(b, byte(r))
			}
			roles = enWords[string(b)] // a lookup by string(bytes) does not allocate
		}
		found = found || roles&(enVerb|enFollow|enAppVerb|enInfo|enCheck|enVerbMe|enJoin) != 0
		words = append(words, enTok{i, j, roles})
		i = j
	}
	if !found {
		return
	}
	is := func(k int, r enRole) bool { return k < len(words) && words[k].roles&r != 0 }
	// Words must touch: nothing but one space between them.
	adj := func(k int) bool { return k+1 < len(words) && words[k+1].i-words[k].j <= 1 }
	span := func(a, b int) Span { return Span{v.Spans[words[a].i].Start, v.Spans[words[b].j-1].End} }
	for k := 0; k < len(words); k++ {
		if is(k, enJoin) {
			if end := groupInvite(words, k, is, adj); end > 0 {
				add(span(k, end), scoreSolicit, "join-group")
				k = end
				continue
			}
		}
		if is(k, enVerb|enFollow|enAsk) || is(k, enVerbMe) && (adj(k) && is(k+1, enMe) || k > 0 && adj(k-1) && is(k-1, enMe)) {
			m := k
			if adj(m) && is(m+1, enMe) {
				m++
			}
			if adj(m) && is(m+1, enUp) {
				m++
			}
			if adj(m) && is(m+1, enPrep) && adj(m+1) && is(m+2, enApp) {
				score := scoreSolicit
				if !is(k, enVerb|enVerbMe) {
					score = scoreVariant // follow me on ig
				}
				add(span(k, m+2), score, "add-me-on")
				k = m + 2
				continue
			}
			if is(k, enAsk) && adj(m) && is(m+1, enFor) && adj(m+1) && is(m+2, enOffer) {
				score := scoreGeneric
				switch {
				case is(k, enAppVerb) && m > k:
					score = scoreSolicit // whatsapp me for orders
				case is(k, enInApp):
					score = scoreInApp // dm for prices: stays on the platform
				}
				add(span(k, m+2), score, "request")
				k = m + 2
				continue
			}
		}
		switch {
		case is(k, enAppVerb) && adj(k) && is(k+1, enMe) && !(k+2 < len(words) && is(k+2, enUp)) &&
			// "no Telegram me ofereceu" (on Telegram someone offered me): the
			// app after a preposition is where, not a verb.
			!(k > 0 && adj(k-1) && is(k-1, enPrep)):
			// whatsapp me, snap me; not a verb in a request already read.
			add(span(k, k+1), scoreSolicit, "add-me-on")
			k++
		case is(k, enInfo) && adj(k) && is(k+1, enIn) && adj(k+1) && is(k+2, enBio):
			score := scoreGeneric
			if is(k+2, enInApp) || is(k, enLink) {
				// price in dm; link in bio points to the author's own
				// page, not an app: it informs, as a link does.
				score = scoreInApp
			}
			add(span(k, k+2), score, "request")
			k += 2
		case is(k, enCheck) && adj(k) && is(k+1, enMy) && adj(k+1) && is(k+2, enBio) && !is(k+2, enVerb):
			add(span(k, k+2), scoreGeneric, "request")
			k += 2
		}
	}
}

// groupInvite reads an invitation into a group on an app after the join
// word at k: within the next five words a group word touching an app
// ("WhatsApp group", "grupo WhatsApp", "grupo de WhatsApp", "canal sur
// Telegram"). It returns the index of the last word read, or 0.
func groupInvite(words []enTok, k int, is func(int, enRole) bool, adj func(int) bool) int {
	// "Ne rejoignez pas ces groupes", "don't join", "nunca entren": a warning.
	if k > 0 && is(k-1, enNot) || is(k+1, enNotAfter) {
		return 0
	}
	for m := k + 1; m <= k+5 && m < len(words); m++ {
		if !is(m, enGroup) {
			continue
		}
		switch {
		case adj(m) && is(m+1, enApp):
			return m + 1
		case adj(m) && is(m+1, enOf) && adj(m+1) && is(m+2, enApp):
			return m + 2
		case adj(m) && adj(m+1) && is(m+2, enOf) && adj(m+2) && is(m+3, enApp):
			return m + 3 // "grupo vip do telegram", "groupe privé sur WhatsApp"
		case adj(m-1) && is(m-1, enApp):
			return m
		}
	}
	return 0
}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// hangulHandle reads an id spelt in Hangul after 아이디, with an add or a
// search right after it: "카톡 아이디 아이폰나눔 추가하고" (round 36). Kakao ids
// are Latin letters and digits, so one written in Hangul is a handle
// disguised; without the add or search it is a nickname or a sentence.
func hangulHandle(rs []rune, p int) (int, bool) {
	q := p
	for q < len(rs) && rs[q] >= 0xAC00 && rs[q] <= 0xD7A3 {
		q++
	}
	if q-p < 2 || q-p > 12 {
		return 0, false
	}
	rest := string(rs[q:min(len(rs), q+8)])
	for _, verb := range []string{"추가", "검색", "친추"} {
		if strings.Contains(rest, verb) {
			return q, true
		}
	}
	return 0, false
}
