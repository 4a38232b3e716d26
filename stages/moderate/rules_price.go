package moderate

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// priceTerm is the pseudo-term of rule groups that stands for an amount of
// money as sellers write it in the markets' languages: "$60", "80€",
// "15 euros", "R$ 50", "50 reais", "5 balles", "2 mil", "30 bucks",
// "5000円", "2万円", "30만원", "5만", "200元", "一包三千", "四千块". A price
// tells a sale from talk about a thing; the digits are too many
// combinations for sets. Quantities written like money ("1万条", "10万")
// count too: they stand beside prices in the same posts.
const priceTerm = "<price>"

const (
	// Units written after the number. Latin words end at a word
	// boundary so that "12 euros" counts and "3 eurovision" does not;
	// "k" alone is left out ("10k followers").
	rePriceUnit = `(?:€|\$|£|¥|₩|[万萬千]?(?:円|元|块|塊)|萬|万|千|만\s?원|만|천\s?원|원|` +
		`(?:eur|euros?|usd|dollars?|bucks|reais|pesos|soles|balles|quid|rmb|mil|grand)\b)`
)

var (
	// "$60", "€ 80", "R$50", "US$ 20", "£5".
	rePriceSign = regexp.MustCompile(`(?i)(?:r\$|us\$|[$€£¥₩])\s?\d(?:[\d.,]*\d)?`)
	// "80€", "15 euros", "5000円", "30만원", "200元".
	rePriceNumber = regexp.MustCompile(`(?i)(?:^|[^\d.,])(\d(?:[\d.,]*\d)?\s?` + rePriceUnit + `)`)
	// "三千", "四千块", "五百元", "两万": Chinese numerals with a unit, not the
	// end of a larger number.
	rePriceHan = regexp.MustCompile(`(?:^|[^一二三四五六七八九十百千万萬两〇零])([一二三四五六七八九两十][十百千]?[万萬]?\s?(?:元|块|塊|円|千|万|萬))`)
)

// priceDigitRunes and currencySignRunes are the runes priceHint and
// prices look for (runeset.go).
var (
	priceDigitRunes   = newRuneSet("0123456789一二三四五六七八九两十")
	currencySignRunes = newRuneSet("$€£¥₩")
)

// priceHint is a cheap test for text that may hold a price: a digit or a
// Chinese numeral.
func priceHint(s string) bool {
	return priceDigitRunes.in(s)
}

// priceUnitFirst holds the runes a unit of rePriceUnit can begin with
// (its Latin words in either case, and the long s that (?i) folds to s).
const priceUnitFirst = "€$£¥₩万萬千円元块塊만천원eudbrpsqmgEUDBRPSQMGſ"

// digitBeforeUnit reports whether s holds an ASCII digit followed, after
// at most one space, by a rune a price unit can begin with: rePriceNumber
// cannot match without one.
func digitBeforeUnit(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isASCIIDigit(rune(s[i])) {
			continue
		}
		k := i + 1
		if k < len(s) && strings.IndexByte(" \t\n\f\r", s[k]) >= 0 {
			k++
		}
		if k < len(s) {
			r, _ := utf8.DecodeRuneInString(s[k:])
			if strings.ContainsRune(priceUnitFirst, r) {
				return true
			}
		}
	}
	return false
}

// prices returns the byte ranges of the folded string s that give an
// amount of money.
func prices(s string) [][2]int {
	var out [][2]int
	// Each pattern is read only where the text holds what it cannot match
	// without: a currency sign and a digit, a digit before what may begin
	// a unit, a Han unit.
	digits := strings.IndexAny(s, "0123456789") >= 0
	if digits && currencySignRunes.in(s) {
		for _, m := range rePriceSign.FindAllStringIndex(s, -1) {
			out = append(out, [2]int{m[0], m[1]})
		}
	}
	for _, re := range []*regexp.Regexp{rePriceNumber, rePriceHan} {
		if re == rePriceNumber && !(digits && digitBeforeUnit(s)) || re == rePriceHan && !strings.ContainsAny(s, "元块塊円千万萬") {
			continue
		}
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			out = append(out, [2]int{m[2], m[3]})
		}
	}
	return out
}

// priceMatches adds a match of the <price> pattern for every amount of
// money in the field, on the skeleton runes it covers.
func (d *RulesDetector) priceMatches(t *Text, ms []match) []match {
	if d.set.price < 0 || !recognizerWanted(ms, feedsPrices) || !priceHint(t.Original) {
		return ms
	}
	return d.recognized(t, d.set.price, prices(t.Folded.String()), ms)
}
