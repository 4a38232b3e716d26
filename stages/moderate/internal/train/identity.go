package main

import (
	"math"
	"strings"
	"unicode"

	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/stages/moderate/corpus"
)

// In the data, the names of groups (women, gay, Muslims, 黑人, 여자) occur
// far more often in hateful and abusive texts than in clean ones, so a
// model learns the name itself as evidence: "My colleague is gay" scored
// as hate. Following Zhang et al. (2020, "Demographics should not be the
// reason of toxicity"), the counter-examples that name a group are
// weighted up until, per language, the name is as common among a
// category's counter-examples as among its examples, so that the name
// alone carries no weight and the words said about the group do.

// identityTerms are group names per language, hand-written: whole words
// for Latin-script languages, substrings for Chinese and Korean (which
// attach particles). Slurs are not here: they are evidence.
var identityTerms = map[string]string{
	"en": "woman women girl girls female females man men male males gay gays lesbian lesbians bisexual trans " +
		"transgender queer lgbt lgbtq homosexual homosexuals muslim muslims islam islamic jew jews jewish " +
		"christian christians catholic catholics hindu hindus black blacks white whites asian asians chinese " +
		"mexican mexicans latino latinos latina hispanic hispanics immigrant immigrants refugee refugees " +
		"migrant migrants arab arabs african africans indian indians disabled disability disabilities " +
		"feminist feminists foreigner foreigners",
	"zh": "女人 女性 女生 男人 男性 男生 黑人 白人 黄种人 河南人 东北人 上海人 北京人 外地人 农村人 乡下人 同性恋 " +
		"穆斯林 犹太人 日本人 美国人 韩国人 外国人 印度人 非洲人 女权 残疾人 老人 新疆人",
	"ko": "여자 여성 남자 남성 동성애 게이 레즈비언 페미 흑인 백인 중국인 일본인 조선족 외국인 장애인 이민자 난민 무슬림",
	"de": "frau frauen mann manner schwul schwule lesbe lesben muslim muslime moslem moslems islam jude juden " +
		"jüdisch christen ausländer auslander flüchtling flüchtlinge fluchtlinge migrant migranten türken turken " +
		"araber afrikaner schwarze",
	"fr": "femme femmes homme hommes gay gays lesbienne lesbiennes musulman musulmans musulmane islam juif juifs " +
		"juive noir noirs noire arabe arabes africain africains migrant migrants immigré immigrés réfugié réfugiés " +
		"étranger étrangers homosexuel homosexuels",
	"pt": "mulher mulheres homem homens gay gays lésbica lésbicas lesbica gordo gorda negro negros negra negras " +
		"preto pretos preta nordestino nordestinos muçulmano muçulmanos judeu judeus imigrante imigrantes " +
		"feminista feministas homossexual homossexuais trans travesti",
	"es": "mujer mujeres hombre hombres gay gays lesbiana lesbianas negro negros negra musulmán musulmanes judío " +
		"judíos inmigrante inmigrantes migrante migrantes feminista feministas homosexual homosexuales",
}

// identityCategories are the categories reweighted.
var identityCategories = []models.Category{models.CategoryHate, models.CategoryHarassment, models.CategoryViolence}

// maxIdentityFactor bounds how far one counter-example is weighted up.
const maxIdentityFactor = 10

// identityIndex finds the group names in a text.
type identityIndex struct {
	words map[string]map[string]bool // lang → whole words
	subs  map[string][]string        // lang → substrings
}

func newIdentityIndex() *identityIndex {
	ix := &identityIndex{words: map[string]map[string]bool{}, subs: map[string][]string{}}
	for lang, terms := range identityTerms {
		for _, t := range strings.Fields(terms) {
			if lang == "zh" || lang == "ko" {
				ix.subs[lang] = append(ix.subs[lang], t)
				continue
			}
			if ix.words[lang] == nil {
				ix.words[lang] = map[string]bool{}
			}
			ix.words[lang][t] = true
		}
	}
	return ix
}

// terms returns the group names of lang found in text.
func (ix *identityIndex) terms(lang, text string) []string {
	var out []string
	if subs := ix.subs[lang]; subs != nil {
		for _, t := range subs {
			if strings.Contains(text, t) {
				out = append(out, t)
			}
		}
		return out
	}
	words := ix.words[lang]
	if words == nil {
		return nil
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	}) {
		if words[w] {
			out = append(out, w)
		}
	}
	return out
}

// debiasIdentity multiplies, per category, the weight of counter-examples
// that name a group (see above); it returns, per category, how many were
// weighted up.
func debiasIdentity(exs []corpus.Example, vs []vec) map[models.Category]int {
	ix := newIdentityIndex()
	terms := make([][]string, len(exs))
	for i, ex := range exs {
		if vs[i].split == corpus.Train {
			terms[i] = ix.terms(ex.Lang, ex.Text)
		}
	}
	changed := map[models.Category]int{}
	for _, cat := range identityCategories {
		c := indexOf(cat)
		type tally struct{ pos, neg float64 }
		all := map[string]*tally{}    // lang
		byTerm := map[string]*tally{} // lang + "\x00" + term
		get := func(m map[string]*tally, k string) *tally {
			t := m[k]
			if t == nil {
				t = &tally{}
				m[k] = t
			}
			return t
		}
		for i, ex := range exs {
			v := &vs[i]
			if v.split != corpus.Train || !v.pos.Has(c) && !v.neg.Has(c) {
				continue
			}
			a := get(all, ex.Lang)
			for _, t := range terms[i] {
				bt := get(byTerm, ex.Lang+"\x00"+t)
				if v.pos.Has(c) {
					bt.pos += v.w
				} else {
					bt.neg += v.w
				}
			}
			if v.pos.Has(c) {
				a.pos += v.w
			} else {
				a.neg += v.w
			}
		}
		for i, ex := range exs {
			v := &vs[i]
			if v.split != corpus.Train || !v.neg.Has(c) || len(terms[i]) == 0 {
				continue
			}
			a := all[ex.Lang]
			if a.pos == 0 {
				continue
			}
			f := 1.0
			for _, t := range terms[i] {
				bt := byTerm[ex.Lang+"\x00"+t]
				if bt.neg == 0 {
					continue
				}
				// Weight the term's negatives so that neg/pos for the term
				// matches neg/pos for the language.
				f = max(f, (a.neg/a.pos)*bt.pos/bt.neg)
			}
			if f = math.Min(f, maxIdentityFactor); f > 1 {
				changed[cat]++
				v.mult[c] = float32(f)
			}
		}
	}
	return changed
}

func indexOf(c models.Category) int {
	for i, x := range corpus.Categories {
		if x == c {
			return i
		}
	}
	return -1
}
