package moderate

import (
	"context"
	"regexp"
	"strings"

	"github.com/notegate/notegate/models"
)

// HateDetector finds group-targeted hate that no single word gives away:
// a protected group named together with dehumanising or derogatory words
// ("immigrants are vermin"), an expression of hatred of the group ("I hate
// gay people"), or a call for violence against it ("kill all …", "… should
// die"), in English and Chinese. The lexicons catch slurs; the classifier
// catches insults; this catches what HateCheck calls derogation and
// threats. Negated statements ("… are not vermin") and statements inside
// quotation marks (counter-speech quoting hate) are left alone.
//
// It reads the Folded view (case, width, look-alikes and Traditional
// characters folded): the Skeleton's repeat collapsing would turn
// "immigrants" into "imigrants".
type HateDetector struct{}

// Name returns "hate-patterns".
func (HateDetector) Name() string { return "hate-patterns" }

const (
	scoreHateDerogation = 0.8
	scoreHateThreat     = 0.95
)

// groupsEN are protected groups as people name them, most specific first.
const groupsEN = `(?:trans(?:gender)? (?:people|women|men|folks?)|trans(?:gender)?s|gay (?:people|men|women|folks?)|gays|lesbians|homosexuals|queers?|bisexuals|black (?:people|men|women|folks?)|blacks|disabled (?:people|folks?)|the disabled|cripples|muslims|islamists|jews|jewish people|immigrants|migrants|refugees|foreigners|asians|chinese people|mexicans|arabs|women|woman|girls|females|old people|the elderly)`

// groupWordsEN and groupWordsZH are substrings that every group name of
// groupsEN and groupsZH contains one of.
var (
	groupWordsEN = []string{"trans", "gay", "lesbian", "homosexual", "queer", "bisexual", "black", "disabled", "cripple", "muslim", "islamist", "jew", "immigrant", "migrant", "refugee", "foreigner", "asian", "chinese", "mexican", "arab", "wom", "girl", "female", "old people", "elderly"}
	groupWordsZH = []string{"黑", "女", "外地", "河南", "东北", "上海人", "新疆", "农村", "乡下", "同性恋", "基佬", "穆斯林", "回民", "外国", "老外", "美国", "日本", "韩国", "印度", "移民", "难民", "残"}
)

// hostileStemsEN and hostileWordsZH are substrings that every hostile
// word of the patterns contains one of: without any, no pattern can match.
var (
	hostileStemsEN = []string{"hate", "hatred", "abhor", "despis", "detest", "loath", "contempt", "disdain", "scorn", "disgust", "sick", "repuls", "vile", "filth", "despica", "dumb", "ignoran", "uncivil", "worth", "garbage", "trash", "vermin", "rat", "virus", "refuse", "scum", "parasit", "infest", "swarm", "subhuman", "savage", "execut", "extermin", "eradicat", "slaughter", "strangl", "drown", "stab", "shoot", "shot", "hang", "murder", "rape", "raping", "throat", "neck", "die", "dead", "death", "kill", "suffer", "better off", "end to", "gas", "burn", "lynch", "wipe", "rid of", "eliminat", "pest", "plague", "cancer", "evil", "inferior", "dirt", "criminal", "lowlife", "swine", "pig", "dog", "monkey", "ape", "freak", "degenerat", "abominat", "mentally", "burden", "useless", "stupid", "idiot", "moron", "pathetic", "waste", "lesser", "can't stand", "cant stand", "cannot stand", "can not stand", "rot"}
	hostileWordsZH = []string{"垃圾", "畜", "人渣", "蟑螂", "寄生虫", "猪", "狗", "废物", "败类", "杂种", "下等", "劣等", "低等", "贱", "不配", "不是人", "恶心", "杀", "灭", "烧死", "弄死", "该死", "去死", "死光", "死绝", "滚"}
)

const groupsZH = `(?:黑人|黑鬼|女人|女的|女权|外地人|河南人|东北人|上海人|新疆人|农村人|乡下人|同性恋|基佬|穆斯林|回民|外国人|老外|美国人|日本人|韩国人|印度人|移民|难民|残疾人|残废)`

var (
	// "immigrants are (all just) vermin"
	reHateDerogEN = regexp.MustCompile(`(?:^|[^a-z])(?:all |those |these |the |most |many )?` + groupsEN +
		` (?:are|is|r)(?: (?:all|just|nothing but|such|so|truly|really|basically|simply|literally|a bunch of|like))*(?: an?)? ` +
		`(?:vermin|parasites?|scum|animals?|rats?|cockroach(?:es)?|trash|garbage|filth|filthy|subhuman|savages?|pests?|a plague|a disease|a cancer|cancer|disgusting|worthless|pathetic|inferior|dirty|vile|evil|lesser beings|a waste of (?:space|oxygen)|criminals|lowlifes?|scumbags?|swine|pigs|dogs|monkeys|apes|freaks|degenerates?|abominations?|mentally ill|sick in the head|a burden|useless|stupid|idiots|morons)(?:[^a-z]|$)`)
	// "I (really) hate women"
	reHateExpressEN = regexp.MustCompile(`(?:^|[^a-z])i (?:really |just |absolutely |fucking |truly |so )?(?:hate|despise|detest|loathe|can ?not stand|can't stand|cant stand|am disgusted by) (?:all |those |these |the )?` + groupsEN + `(?:[^a-z]|$)`)
	// "kill all immigrants", "death to …", "… should all die"
	reHateThreatEN = regexp.MustCompile(`(?:^|[^a-z])(?:(?:kill|murder|exterminate|eradicate|slaughter|shoot|hang|gas|burn|lynch|wipe out|get rid of|eliminate) (?:all |every |those |these |the |more )?` + groupsEN +
		`|death to (?:all )?` + groupsEN +
		`|` + groupsEN + ` (?:should|must|need to|deserve to|ought to|have to|are going to|will)(?: all)? (?:die|be killed|be exterminated|be shot|be hanged|be gassed|be eradicated|be wiped out|be put down|be lynched|burn|rot|suffer)` +
		`|` + groupsEN + ` (?:don't|do not|dont) deserve to live)(?:[^a-z]|$)`)
	reHateDerogZH  = regexp.MustCompile(groupsZH + `(?:都是|就是|全是|全都是|是|都|就是一群|就是一帮|都是一群)(?:垃圾|畜生|畜牲|人渣|蟑螂|寄生虫|猪|狗|废物|败类|杂种|下等人|劣等|低等|贱|不配当人|不是人|恶心)`)
	reHateThreatZH = regexp.MustCompile(`(?:杀光|杀了所有|灭了|烧死|弄死|赶尽杀绝)(?:所有|这些|那些)?` + groupsZH + `|` + groupsZH + `(?:都)?(?:该死|去死|死光|死绝|滚出中国|滚回去|滚出去|滚回(?:你们|他们)?(?:老家|国))`)
	// A sentence that names a group and is hostile to it, in wordings the
	// patterns above do not list ("I have so much disdain for these …").
	reGroupEN   = regexp.MustCompile(`(?:^|[^a-z])(?:` + groupsEN + `|woman|trans (?:person|woman|man)|gay (?:person|man|woman)|black (?:person|man|woman)|disabled (?:person|man|woman)|muslim|immigrant|migrant|refugee)(?:[^a-z]|$)`)
	reHostileEN = regexp.MustCompile(`(?:^|[^a-z])(?:hate|hatred|abhor|despise|detest|loathe|contempt|disdain|scorn|disgust(?:ed|ing|s)?|sick of|make me sick|makes me sick|repulsive|vile|filthy|filth|despicable|sickening|dumbest|ignorant|uncivili[sz]ed|worthless|worth nothing|garbage|trash|vermin|rats|virus|refuse|scum|parasites?|infest(?:ing|ed)?|swarms? of|subhuman|savages?|execut(?:e|ed|ion)|exterminat(?:e|ed|ion)|eradicat(?:e|ed)|slaughter|strangle|drown|stab|shoot|shot|hang|murder(?:ing)?|rape|raping|cut their throats|throats cut|snap (?:the|their|that) necks?|deserve to die|better off without|put an end to|should (?:all )?die|be dead|suffer)(?:[^a-z]|$)`)
	reCounterEN = regexp.MustCompile(`(?:^|[^a-z])(?:saying|say that|said that|if you(?:'re| are)?|don't expect|not okay|isn't okay|will get you|can't seriously|cannot seriously|why would you|never said|i don't|i do not|no hatred|stop|is wrong|are wrong|shows how|misguided|call out|calling out|condemn|against|oppose|report(?:ed|ing)?|police|court|victims?|sentenced|arrested|charged|convicted|according to|study|survey|statistics)(?:[^a-z]|$)`)
	reSentence  = regexp.MustCompile(`[^.!?。！？\n]+`)
	reNegation  = regexp.MustCompile(`(?:^|[^a-z])(?:not|never|no|nobody|no one|n't|nt|aren't|arent|isn't|isnt|don't|dont|doesn't|won't|shouldn't|stop)(?:[^a-z]|$)|n't |不是|并不|从不|不该|不应该|别`)
)

// Detect implements Detector.
func (HateDetector) Detect(_ context.Context, t *Text) ([]Finding, error) {
	s := t.Folded.String()
	var out []Finding
	add := func(re *regexp.Regexp, score float64, rule string) {
		for _, m := range re.FindAllStringIndex(s, -1) {
			start, end := trimToWord(s, m[0], m[1])
			if start >= end || vetoed(s, start, end) {
				continue
			}
			out = append(out, Finding{Category: models.CategoryHate, Score: score, Span: t.Folded.OriginalSpan(start, end), Rule: rule})
		}
	}
	// The patterns are costly; most notes name no group at all, and the
	// substring checks settle that at a fraction of the cost.
	if t.HasHan && containsAny(s, groupWordsZH) && containsAny(s, hostileWordsZH) {
		add(reHateDerogZH, scoreHateDerogation, "hate-derogation-zh")
		add(reHateThreatZH, scoreHateThreat, "hate-threat-zh")
	}
	if hasLatinLetter(s) && containsAny(s, groupWordsEN) && containsAny(s, hostileStemsEN) && reGroupEN.MatchString(s) {
		add(reHateDerogEN, scoreHateDerogation, "hate-derogation")
		add(reHateExpressEN, scoreHateDerogation, "hate-expression")
		add(reHateThreatEN, scoreHateThreat, "hate-threat")
		if len(out) == 0 {
			out = append(out, hostileSentences(t, s)...)
		}
	}
	return out, nil
}

// scoreHateHostile is below every block threshold: a sentence that only
// names a group near hostile words goes to a person, never blocked unseen
// (news and counter-speech use the same words).
const scoreHateHostile = 0.6

// hostileSentences flags sentences that name a protected group and use
// hostile words about it, unless they read as reporting or counter-speech.
func hostileSentences(t *Text, s string) []Finding {
	var out []Finding
	for _, m := range reSentence.FindAllStringIndex(s, -1) {
		sent := s[m[0]:m[1]]
		if !reGroupEN.MatchString(sent) || !reHostileEN.MatchString(sent) || reCounterEN.MatchString(sent) || vetoed(s, m[0], m[1]) {
			continue
		}
		start, end := trimToWord(s, m[0], m[1])
		if start < end {
			out = append(out, Finding{Category: models.CategoryHate, Score: scoreHateHostile, Span: t.Folded.OriginalSpan(start, end), Rule: "hate-hostile-sentence"})
		}
	}
	return out
}

// trimToWord drops the non-letter boundary bytes a pattern consumed.
func trimToWord(s string, start, end int) (int, int) {
	for start < end && !isWordByte(s[start]) {
		start++
	}
	for end > start && !isWordByte(s[end-1]) {
		end--
	}
	return start, end
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

func hasLatinLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'a' && s[i] <= 'z' {
			return true
		}
	}
	return false
}

// vetoed reports whether the match s[start:end] sits in a sentence that
// negates it ("I never said that …", "we should not let … suffer") or
// quotes someone (counter-speech quoting hate to refute it).
func vetoed(s string, start, end int) bool {
	from, to := start, end
	for from > 0 && !strings.ContainsRune(".!?。！？\n", rune(s[from-1])) {
		from--
	}
	for to < len(s) && !strings.ContainsRune(".!?。！？\n", rune(s[to])) {
		to++
	}
	sent := s[from:to]
	return reNegation.MatchString(sent) || strings.ContainsAny(sent, "\"“”「」")
}
