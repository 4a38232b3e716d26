package moderate

import (
	"regexp"
	"strings"
	"unicode"
)

// National identity numbers outside mainland China, mobile numbers in the
// local formats of the markets' languages, and street addresses, for the
// PII detector. Every pattern runs on a field's folded view (lower case,
// full-width folded); identity numbers are reported only when their check
// characters hold (or, for Korean numbers issued since 2020, which have
// none, when written in the hyphenated form with a valid birth date).
//
// Mobile numbers join phoneNumbers, which the contact detector shares: a
// number alone is contact (spam) and mild personal data, as a CN mobile
// is. Landlines are left alone on purpose: a shop's or an office's number
// is how people find a business. Addresses are personal data only beside a
// call to expose or visit someone (exposureIntent): "Calle Mayor 5" in a
// restaurant review is not doxxing.
var (
	reTWID = regexp.MustCompile(`(?:^|[^a-z0-9])([a-z][1289][0-9]{8})`)
	// The same with a space or a dash between its characters.
	reTWIDSpaced = regexp.MustCompile(`(?:^|[^a-z0-9])([a-z][ -]?[1289](?:[ -]?[0-9]){8})`)
	reDNI        = regexp.MustCompile(`(?:^|[^a-z0-9])([0-9]{8}[ -]?[a-z])`)
	reNIE        = regexp.MustCompile(`(?:^|[^a-z0-9])([xyz][ -]?[0-9]{7}[ -]?[a-z])`)
	reCPF        = regexp.MustCompile(`(?:^|[^0-9])([0-9]{3}\.[0-9]{3}\.[0-9]{3}-[0-9]{2}|[0-9]{11})`)
	reKRRN       = regexp.MustCompile(`(?:^|[^0-9])([0-9]{6}-?[1-8][0-9]{6})`)

	reTWMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])((?:\+?886[ -]?|0)9[0-9]{2}[ -]?[0-9]{3}[ -]?[0-9]{3})`)
	reESMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])((?:\+?34[ -]?)?[67][0-9]{2}(?:(?:[ -]?[0-9]{3}){2}|(?: [0-9]{2}){3}))`)
	reBRMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])((?:\+?55[ -]?\(?[1-9]{2}\)?[ -]?|\([1-9]{2}\) ?|[1-9]{2} )9[0-9]{4}[ -]?[0-9]{4})`)
	reFRMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])((?:\+33[ .]?(?:\(0\))?|0033[ .]?|0)[67](?:[ .-]?[0-9]{2}){4})`)
	// German mobiles: 015x, 016x, 017x and seven to nine digits, in any
	// grouping ("0176 12345678", "0151 239 847 16", "0176 48 29 31 07").
	reDEMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])((?:\+49[ -]?(?:\(0\))?|0049[ -]?|0)1[5-7][0-9](?:[ /.-]?[0-9]){7,9})`)
	reJPMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])((?:\+81[ -]?|0)[789]0[ -]?[0-9]{4}[ -]?[0-9]{4})`)
	reKRMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])((?:\+82[ -]?|0)1[016789][ -]?[0-9]{3,4}[ -]?[0-9]{4})`)
	// Swiss mobiles (Natel): 07[5-9] and seven digits, "079 512 33 84";
	// Austrian ones: 06[5-9]x and six to eight digits, "0664 1234567",
	// "0664 382 91 57"; Belgian ones: 04[5-9]x and six, "0478 31 62 90".
	// Japanese landlines share the prefixes (075 Kyoto, 0475 Chiba) and
	// are written with hyphens, which these take no more than the
	// originals do.
	reCHMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])((?:\+41[ ]?|0041[ ]?|0)7[5-9][ ]?[0-9]{3}[ ]?[0-9]{2}[ ]?[0-9]{2})`)
	reATMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])((?:\+43[ ]?|0043[ ]?|0)6[5-9][0-9](?:[ /.]?[0-9]){6,8})`)
	reBEMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])((?:\+32[ ]?|0032[ ]?|0)4[5-9][0-9](?:[ /.]?[0-9]){6})`)
	// British mobiles: 07 and nine digits (071–075, 077–079; 070 and 076
	// are personal numbers and pagers), "07911 123456", "07700 900 123",
	// "+44 7911 123456". Eleven digits from 07: a French mobile has ten.
	reUKMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])((?:\+44[ ]?(?:\(0\))?|0044[ ]?|0)7[1-57-9][0-9]{2}[ ]?[0-9]{3}[ ]?[0-9]{3})`)
	// Hong Kong mobiles have eight digits from 5, 6, 7 or 9, written in
	// two fours ("9123 4567", "6123-7788") or after +852; eight bare
	// digits are too often something else (a date, an order number).
	reHKMobile = regexp.MustCompile(`(?:^|[^0-9+/=_.#&?a-z])(\+?852[ -]?[5679][0-9]{3}[ -]?[0-9]{4}|[5679][0-9]{3}[ -][0-9]{4})`)
	// A Hong Kong identity card number: one or two letters, six digits and
	// a check character (a digit or A), usually in brackets: A123456(3).
	reHKID = regexp.MustCompile(`(?:^|[^a-z0-9])([a-z]{1,2}[0-9]{6}) ?\(?([0-9a])\)?`)
)

// intlMobiles are the local mobile formats phoneNumbers reads after the CN
// and US ones. None starts inside a link or an identifier (/answer/673910089,
// id=612345678, v612345678).
var intlMobiles = append([]*regexp.Regexp{reTWMobile, reESMobile, reBRMobile, reFRMobile, reDEMobile, reJPMobile, reKRMobile, reHKMobile, reCHMobile, reATMobile, reBEMobile, reUKMobile}, americasMobiles...)

// standalonePattern are the mobile patterns whose matches count only when
// no other digits sit one or two separators away (inLongerNumber).
var standalonePattern = func() map[*regexp.Regexp]bool {
	m := map[*regexp.Regexp]bool{reHKMobile: true, reUKMobile: true}
	for _, re := range americasMobiles {
		m[re] = true
	}
	return m
}()

// plausibleMobile rejects matches of the mobile patterns that are not
// numbers one dials: round figures ("600 000 000" people) and German
// numbers of the wrong length.
func plausibleMobile(re *regexp.Regexp, digits string) bool {
	if strings.HasSuffix(digits, "000") {
		return false
	}
	if re == reDEMobile {
		d := strings.TrimPrefix(strings.TrimPrefix(digits, "0049"), "49")
		d = strings.TrimPrefix(d, "0")
		return len(d) >= 10 && len(d) <= 11
	}
	return true
}

// beijingLandline reports whether a Korean-mobile match of s is a Beijing
// landline instead: 010, one separator and eight digits together
// (010-12345678, the way Beijing numbers are written; a Korean mobile is
// 010-1234-5678 or eleven digits together), in a field with Han and no
// Hangul.
func beijingLandline(s string, m numberMatch) bool {
	t := s[m.start:m.end]
	if len(t) != 12 || !strings.HasPrefix(t, "010") || t[3] != '-' && t[3] != ' ' {
		return false
	}
	for i := 4; i < len(t); i++ {
		if !isDigit(t[i]) {
			return false
		}
	}
	han := false
	for _, r := range s {
		if unicode.Is(unicode.Hangul, r) {
			return false
		}
		han = han || unicode.Is(unicode.Han, r)
	}
	return han
}

// letterBounded reports whether the match ending at end is not followed by
// a Latin letter or a digit (12345678z, not 12345678zz).
func letterBounded(s string, end int) bool {
	return end >= len(s) || !(isDigit(s[end]) || 'a' <= s[end] && s[end] <= 'z')
}

// validTWID checks a Taiwan national ID (身分證字號) or resident
// certificate number: a letter for the place of registration, then nine
// digits whose weighted sum with the letter's code is a multiple of ten.
func validTWID(id string) bool {
	if len(id) != 10 || id[0] < 'a' || id[0] > 'z' {
		return false
	}
	for i := 1; i < 10; i++ {
		if !isDigit(id[i]) {
			return false
		}
	}
	// Codes of A to Z, in the order of the letters.
	codes := [26]int{10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33}
	c := codes[id[0]-'a']
	sum := c/10 + c%10*9
	for i := 1; i < 9; i++ {
		sum += int(id[i]-'0') * (9 - i)
	}
	sum += int(id[9] - '0')
	return sum%10 == 0
}

// dniLetters is the check letter of a Spanish DNI by the number mod 23.
const dniLetters = "trwagmyfpdxbnjzsqvhlcke"

// validDNI checks a Spanish DNI (eight digits and a letter) or NIE (X, Y
// or Z, seven digits and a letter), separators removed.
func validDNI(id string) bool {
	id = strings.NewReplacer(" ", "", "-", "").Replace(id)
	if len(id) != 9 {
		return false
	}
	switch id[0] {
	case 'x':
		id = "0" + id[1:]
	case 'y':
		id = "1" + id[1:]
	case 'z':
		id = "2" + id[1:]
	}
	n := 0
	for i := 0; i < 8; i++ {
		if !isDigit(id[i]) {
			return false
		}
		n = n*10 + int(id[i]-'0')
	}
	return id[8] == dniLetters[n%23]
}

// validCPF checks a Brazilian CPF: eleven digits, the last two check
// digits (mod 11), not all one digit (000.000.000-00 passes the sums).
func validCPF(d string) bool {
	if len(d) != 11 || strings.Count(d, d[:1]) == 11 {
		return false
	}
	for k := 9; k <= 10; k++ {
		sum := 0
		for i := 0; i < k; i++ {
			sum += int(d[i]-'0') * (k + 1 - i)
		}
		check := sum * 10 % 11 % 10
		if int(d[k]-'0') != check {
			return false
		}
	}
	return true
}

// validKRRN checks a Korean resident registration number (주민등록번호):
// a birth date YYMMDD, a sex and century digit 1-8, six more digits. The
// check digit exists only for numbers issued before October 2020, so a
// hyphenated number needs only a valid date; thirteen bare digits also
// need the check digit, since any long number could hold a date.
func validKRRN(id string) bool {
	hyphen := strings.IndexByte(id, '-') >= 0
	d := strings.ReplaceAll(id, "-", "")
	if len(d) != 13 {
		return false
	}
	if !validYYMMDD(d[:6]) || d[6] < '1' || d[6] > '8' {
		return false
	}
	if hyphen {
		return true
	}
	weights := [12]int{2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5}
	sum := 0
	for i, w := range weights {
		sum += int(d[i]-'0') * w
	}
	return int(d[12]-'0') == (11-sum%11)%10
}

// validYYMMDD checks a YYMMDD birth date (a Korean resident number's,
// a CURP's).
func validYYMMDD(s string) bool {
	if len(s) < 6 {
		return false
	}
	for i := 0; i < 6; i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	mm, dd := atoi(s[2:4]), atoi(s[4:6])
	return mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31
}

// exposureIntent lists, in the folded form, what people write when they
// publish someone's details so others go after them: calls to spread,
// visit, call or hunt a person, and the scam-alert framing that comes
// with them. Checked only in fields that hold personal data or an
// address.
var exposureIntent = newTermSet(foldTerms([]string{
	// Chinese
	"肉搜", "人肉", "开盒", "開盒", "扩散", "擴散", "曝光", "挂出来", "掛出來", "大家去找", "去找她", "去找他", "去堵", "大家小心", "骗子", "騙子",
	// Round 23: a number or an address published to be called or visited
	// until the person gives in (打爆他 "call until it bursts", 公布 … 住, 爆料);
	// Cantonese folds to the same words (打爆佢).
	"打爆他", "打爆她", "打爆佢", "打到他", "公布那个", "公布这个", "爆料", "起底", "起他底", "起她底",
	// Japanese
	"晒し", "晒す", "晒そ", "さらし", "特定した", "特定済", "凸して", "凸れ", "凸しろ", "電凸", "拡散", "こいつ", "詐欺師",
	// Korean
	"퍼뜨려", "퍼뜨리", "퍼트려", "신상 공개", "신상털", "신상 털", "박제", "좌표", "찾아가", "사기꾼", "널리 알려",
	// Round 37: "다들 알아서" — everyone knows what to do with it.
	"다들 알아서", "알아서들", "알아서 해", "연락해 봐", "연락해봐", "전화해 봐", "전화해봐",
	// Round 50 (F123, read): "탈주범 집주소 공개함" — someone's home address published.
	"집주소 공개", "집 주소 공개", "주소 공개함", "주소 공개합", "집주소 올림", "집주소 올린", "번호 공개함",
	// Round 50 (F129, read): "다들 연락해보셈" — everyone call her.
	"다들 연락해", "연락해보셈", "연락해 보셈", "전화해보셈", "전화해 보셈", "다들 전화", "전화 한 통씩", "문자 한 통씩",
	// Spanish
	"cuidado con este", "cuidado con esta", "estafador", "estafadora", "difundan", "difundid", "compartan esto", "vayan a su casa", "id a su casa", "visitarle", "visitadle", "hacedle una visita", "hagan una visita", "llamadle", "llámenle", "escrache",
	// Portuguese
	"golpista", "cuidado com esse", "cuidado com este", "cuidado com essa", "espalhem", "compartilhem", "divulguem", "façam uma visita", "visitem ele", "visitem ela", "liguem pra", "liguem para",
	// French
	"rendre visite", "allez le voir", "allez la voir", "faites tourner", "partagez son", "partagez sa", "arnaqueur", "arnaqueuse", "balancez", "appelez-le", "appelez-la", "harcelez",
	// German
	"besucht ihn", "besucht sie", "besuchen wir", "teilt das", "teilt es", "verbreitet das", "verbreitet es", "betrüger", "betrügerin", "ruft ihn an", "ruft sie an", "ruft sie ruhig", "ruft ihn ruhig", "ruft sie alle", "ruft ihn alle", "klingelt bei", "stattet ihm", "stattet ihr",
	// Swiss German and plain German "for whoever wants to know" before a
	// person's address (round 23).
	"wer es wissen will", "für alle die es wissen wollen", "für alle, die es wissen wollen", "wänd wüsse", "wend wüsse", "macht was draus", "macht was daraus",
	// Round 49 (probe, F113): readers sent to call, write or visit, or told to do as they please ("Ruft den alle an!",
	// "Macht damit, was ihr wollt", "Gebt ihr Saures", "Jeder soll wissen, wer das ist", "kann eam jo moi an Besuch abstattn").
	"ruft den alle an", "ruft die alle an", "ruft alle an", "ruft ihn mal an", "ruft sie mal an", "schreibt ihm alle", "schreibt ihr alle",
	"macht damit, was ihr wollt", "macht damit was ihr wollt", "gebt ihr saures", "gebt ihm saures", "jeder soll wissen, wer",
	"jeder soll wissen wer", "besuch abstatten", "besuch abstattn", "falls ihn mal jemand", "falls sie mal jemand", "gebts ihr bescheid",
	"gebts eam bescheid", "gebt ihr bescheid", "gebt ihm bescheid", "sagt ihr die meinung", "sagt ihm die meinung", "er geht immer ran",
	"sie geht immer ran", "teilt es bevor", "viel spass, ihr", "viel spaß, ihr",
	// French: "Allez lui dire bonjour de ma part", "Crevez-lui les pneus", "elle répond toujours", "Je balance tout".
	"crevez-lui", "crevez lui", "il répond toujours", "elle répond toujours", "je balance tout", "dites-lui ce que", "dites lui ce que",
	"écrivez-lui", "ecrivez-lui", "envoyez-lui", "qui veulent dire ce qu'ils pensent",
	// English
	"spread it", "spread this", "dox", "doxx", "expose him", "expose her", "pay him a visit", "pay her a visit", "go visit", "call her at", "call him at", "scammer", "this is the guy", "this is the girl",
	"this is her address", "this is his address", "here is her address", "here is his address", "here's her address", "here's his address",
	"her address is", "his address is", "go tell her", "go tell him", "show up at her", "show up at his", "you know what to do",
	"let her know what you think", "let him know what you think", "make her life hell", "make his life hell", "know what to do",
	"hab rausgefunden, wo", "rausgefunden, wo", "wer bock hat", "persönlich hallo", "mal besuchen",
	// Chinese, Spanish, French, German: "this is her address", "go to her house"
	"她家地址", "他家地址", "她的住址", "他的住址", "去她家", "去他家", "上门找她", "上门找他",
	// Round 31: a residence published for a visit (那个渣男的住址：… 大家有空去拜访一下).
	"的住址", "住址:", "去拜访一下", "去拜訪一下", "登门拜访", "登門拜訪",
	"esta es su dirección", "esta es su direccion", "aquí vive", "aqui vive", "c'est son adresse", "voici son adresse", "das ist ihre adresse", "das ist seine adresse", "hier wohnt",
	// Round 24: a person's details handed to readers ("les paso los datos
	// del profe", "ahí se los dejo", "voilà le num perso de", "amusez-vous",
	// "let him have it").
	"les paso los datos", "les paso sus datos", "les dejo sus datos", "les dejo los datos", "ahí se los dejo", "ahi se los dejo",
	"ahí les dejo", "ahi les dejo", "ya saben qué hacer", "ya saben que hacer", "hagan lo suyo", "escrachen",
	"voilà le num", "voila le num", "voici le num", "le num perso", "son num perso", "amusez-vous", "amusez vous", "faites-vous plaisir",
	"allez lui dire", "appelez-la tous", "appelez-le tous", "let him have it", "let her have it", "have fun with him", "have fun with her",
	"go say hi", "go and say hi", "let's see how she likes it", "let's see how he likes it", "ring him whenever", "ring her whenever",
	"do wetin una like", "make una use am", "partilhem", "quem tiver contas a ajustar", "vazou o número",
	// Round 27: the address "of the one who" wronged the author, and a
	// little visit paid ("la dirección de la que me robó el novio … id a
	// visitarla", "o endereço desse lixo … quem quiser fazer uma visitinha").
	"id a visitarla", "id a visitarlo", "vayan a visitarla", "vayan a visitarlo", "dirección de la que", "dirección del que",
	"visitinha", "visitem",
	// Round 30: the address of the one who wronged the author ("la dirección
	// de la profe que me suspendió, calle Mayor 12, ya sabéis").
	"que me suspendió", "que me suspendio", "que me despidió", "que me despidio", "que me robó", "que me robo", "que me estafó",
	"ya sabéis qué hacer", "ya sabeis que hacer", "ya sabéis lo que", "que me reprovou", "que me demitiu", "que me roubou",
	"qui m'a viré", "qui m'a recalé", "qui m'a volé", "der mich gefeuert", "die mich gefeuert", "der mich beklaut", "die mich beklaut",
	"who fired me", "who failed me", "who robbed me",
}))

// foldTerms returns terms as the folded view writes them (accents and
// dakuten dropped, Traditional Chinese simplified), without duplicates.
func foldTerms(terms []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range terms {
		f := NewText("term", w).Folded.String()
		if f != "" && !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// hasExposureIntent reports whether the folded text calls readers to go
// after a person. Latin terms must start a word (cuidado, not descuidado).
func hasExposureIntent(s string) bool {
	return exposureIntent.any(s, func(s string, i, _ int) bool {
		return s[i] >= 0x80 || i == 0 || !isASCIIWordByte(s[i-1])
	})
}

func isASCIIWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || isDigit(c)
}

// Street addresses: a street word with a house number, in the markets'
// languages. Only read beside exposure intent.
var reAddress = []*regexp.Regexp{
	// Spanish and Portuguese: Calle Mayor 5, Rua das Flores 100, Av. Paulista, 1000
	regexp.MustCompile(`(?:^|[^\pL])((?:calle|c/|avenida|avda\.?|av\.|plaza|paseo|camino|carretera|ronda|rua|travessa|alameda|praça|praca|estrada|rodovia)\s+[\pL' .]{2,40}?,?\s*(?:n[º°o]\.?\s*)?[0-9]{1,5})`),
	// French: 12 rue de la Paix, 3 bis avenue Foch
	regexp.MustCompile(`(?:^|[^0-9])([0-9]{1,4}(?:\s*(?:bis|ter))?,?\s+(?:rue|avenue|av\.|boulevard|bd|place|allée|allee|impasse|chemin|quai|route|cours)\s+[\pL' -]{2,40})`),
	// German: Hauptstraße 12, Am Ring 3a; the street word apart (Venloer Str. 302, Brünner Straße 57, Amsel weg 3 b)
	regexp.MustCompile(`(?:^|[^\pL])(\pL[\pL-]{1,30}(?:straße|strasse|str\.|weg|allee|platz|gasse|ring|damm|ufer)\s*[0-9]{1,4}[a-z]?)`),
	regexp.MustCompile(`(?:^|[^\pL])(\pL[\pL-]{1,30} (?:straße|strasse|str\.|weg|allee|platz|gasse|damm|ufer) ?[0-9]{1,4}[a-z]?)`),
	// French in Belgium and Switzerland, the number after the street: avenue Clemenceau 57, rue de Fer 112
	regexp.MustCompile(`(?:^|[^\pL])((?:rue|avenue|boulevard|chaussée|chaussee|place|allée|allee|chemin|quai) [\pL' -]{2,40}? [0-9]{1,4}\b)`),
	// English: 221 Baker Street
	regexp.MustCompile(`(?:^|[^0-9])([0-9]{1,5}\s+[a-z][a-z ]{1,30}\s(?:street|st|avenue|ave|road|rd|lane|ln|drive|dr|boulevard|blvd|court|ct)\b)`),
	// Japanese: 新宿区西新宿2-8-1, 中央区銀座4丁目5番
	regexp.MustCompile(`(\p{Han}{1,8}[都道府県市区町村]\p{Han}{0,8}[0-9]{1,4}(?:丁目|[-−ー])[0-9]{1,4}(?:(?:番地?|[-−ー])[0-9]{1,4})?)`),
	// Chinese: 望京花园5号楼302, 中山路100号; Taiwan's lanes and alleys and
	// Hong Kong's floors, spaced or not: 崇德路三段 88 巷 6 號, 富華大廈 12 樓 B 室
	regexp.MustCompile(`(\p{Han}{1,10}(?:路|街|道|巷|弄|小区|小區|花园|花園|村|大厦|大廈)\p{Han}{0,6} ?[0-9]{1,5} ?(?:号楼|號樓|号|號|弄|栋|棟|单元|單元|室|巷|楼|樓)(?: ?[0-9a-z]{1,5} ?(?:号|號|弄|楼|樓|室|f))*[0-9]{0,5})`),
	// Korean: 테헤란로 123, 역삼동 12-3
	regexp.MustCompile(`(\p{Hangul}{1,10}(?:로|길|동)\s?[0-9]{1,4}(?:-[0-9]{1,4})?)`),
}

// streetAddresses finds street addresses in the folded text.
func streetAddresses(s string) [][2]int {
	var out [][2]int
	for _, re := range reAddress {
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			out = append(out, [2]int{m[2], m[3]})
		}
	}
	return out
}

// validHKID checks a Hong Kong identity card number (letters and six
// digits, as reHKID's first group has them, lower case) against its check
// character: the letters count 10 to 35 (a lone letter is preceded by a
// space, 36), weighted 9 and 8, the digits 7 down to 2; the check makes
// the sum a multiple of 11, 10 written A.
func validHKID(body string, check byte) bool {
	if len(body) == 7 {
		body = " " + body
	}
	if len(body) != 8 {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		c := body[i]
		var v int
		switch {
		case c == ' ':
			v = 36
		case 'a' <= c && c <= 'z' && i < 2:
			v = int(c-'a') + 10
		case isDigit(c) && i >= 2:
			v = int(c - '0')
		default:
			return false
		}
		sum += v * (9 - i)
	}
	want := (11 - sum%11) % 11
	if check == 'a' {
		return want == 10
	}
	return isDigit(check) && int(check-'0') == want
}

// hkIDLabels name an identity card just before its number: a number of
// the card's shape so named is one even when its check character is
// mistyped.
var hkIDLabels = foldTerms([]string{"身份证", "身分证", "hkid", "id card"})

// labelledBefore reports whether one of labels ends within 24 bytes
// before start in s.
func labelledBefore(s string, start int, labels []string) bool {
	from := max(0, start-24)
	window := s[from:start]
	for _, l := range labels {
		if strings.Contains(window, l) {
			return true
		}
	}
	return false
}

// inLongerNumber reports whether a match is the tail or the head of a
// longer number: a digit one or two separators away before or after it
// (030 5550 0123, (11) 5555-0162, a friend code SW-4821-6603-1957). Eight
// digits in two fours are a Hong Kong mobile only on their own.
func inLongerNumber(s string, m numberMatch) bool {
	sep := func(c byte) bool { return c == ' ' || c == '-' || c == '.' || c == ')' || c == '(' || c == '/' }
	for i, n := m.start-1, 0; i >= 0 && n < 3; i, n = i-1, n+1 {
		if isDigit(s[i]) {
			return true
		}
		if !sep(s[i]) {
			break
		}
	}
	for i, n := m.end, 0; i < len(s) && n < 3; i, n = i+1, n+1 {
		if isDigit(s[i]) {
			return true
		}
		if !sep(s[i]) {
			break
		}
	}
	return false
}
