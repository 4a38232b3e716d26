package moderate

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/notegate/notegate/models"
)

// An honest giveaway that refuses what a scam asks for is no scam; a scam
// that refuses one fee and asks for card details still is.
func TestRulesReadAnAskRefusedByItsShape(t *testing.T) {
	t.Parallel()
	d, err := DefaultRulesDetector()
	if err != nil {
		t.Fatal(err)
	}
	tests := []ruleCase{
		{"a Taiwanese giveaway with no shipping fee and no DM asking for data",
			"抽獎活動🎉 追蹤+留言就能參加，送三組手工皂，完全免費不用運費，得獎名單在這篇公布，不會私訊跟你要任何資料", false},
		{"a Japanese giveaway whose shipping is free and that asks nothing by DM",
			"【プレゼント企画】フォロー＆いいねで手作りアクセサリーを3名様に🎁 送料無料、DMで個人情報を聞くことは一切ありません。当選者はこの投稿で発表します。", false},
		{"a Japanese giveaway that refuses shipping and personal data together",
			"【公式】新商品発売記念のプレゼント企画🎁 当選者にはDMでご連絡します。送料や個人情報をお願いすることは絶対にありません。", false},
		{"a Japanese prize that asks for shipping and a fee together",
			"おめでとうございます！当選しました🎁 送料や手数料だけこちらのリンクからお支払いください", true},
		{"a Japanese prize that will not ship unless the shipping is paid",
			"おめでとうございます！iPhoneに当選しました🎁 送料をこちらのリンクから払わないと発送しません", true},
		{"a French contest that will never ask for bank details",
			"Jeu-concours 🎁 on fait gagner 3 coffrets de macarons. Abonne-toi et commente ton parfum préféré. Aucun frais, on ne te demandera jamais tes coordonnées bancaires.", false},
		{"a Chinese prize with free shipping that only needs the bank card",
			"恭喜您中獎了！免運費，只需填寫銀行卡資料領取iPhone 15", true},
		{"a Chinese free sample with no shipping fee and a bank card to fill in",
			"恭喜获得免费样品，不用运费，点击链接填写银行卡即可领取", true},
		{"a Japanese prize with free shipping and card details at a link",
			"おめでとうございます！iPhoneに当選しました。送料無料、受け取りはこちらのURLからカード情報を入力", true},
		{"a French contest with no shipping fee and bank details at a link",
			"concours : un iphone a gagner, aucun frais de port, entre tes coordonnees bancaires sur le lien", true},
		{"a German giveaway with no shipping fee and bank details by DM",
			"Gewinnspiel: Wir verlosen 10 iPhone 16! Keine Versandgebühr, einfach deine Bankdaten per DM schicken.", true},
		{"an English giveaway with no fees and card details for shipping",
			"GIVEAWAY: 10 iPhone 16 to win! No fees, just click the link in bio and enter your card details for shipping", true},
		{"a Portuguese buyer paying by pix: 'no' is 'in the', not a refusal",
			"alguém me arruma maconha pro fim de semana? pago no pix", true},
	}
	checkScams(t, d, tests)
}

// ruleCase is a note's body and whether the rules read one of the
// categories a test asks about in it.
type ruleCase struct {
	name, body string
	want       bool
}

// checkScams checks that the rules read spam or illicit trade in the
// notes that want it, at any score, and in no other.
func checkScams(t *testing.T, d *RulesDetector, tests []ruleCase) {
	t.Helper()
	checkRuleCategories(t, d, tests, 0, models.CategorySpam, models.CategoryIllicit)
}

// checkRuleCategories checks that the rules give one of cats at min or
// above in the notes that want it, and in no other.
func checkRuleCategories(t *testing.T, d *RulesDetector, tests []ruleCase, min float64, cats ...models.Category) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fs, err := d.Detect(context.Background(), NewText("body", tt.body))
			if err != nil {
				t.Fatal(err)
			}
			got := false
			for _, f := range fs {
				got = got || slices.Contains(cats, f.Category) && f.Score >= min
			}
			if got != tt.want {
				t.Errorf("%v finding = %v, want %v (findings %+v)", cats, got, tt.want, fs)
			}
		})
	}
}

func TestRefusalReachesTheNextWordAfterInLatinScript(t *testing.T) {
	t.Parallel()
	rf := &refusal{objects: []string{"envío", "dm"}, before: []string{"sin"}, after: []string{"gratis", "free"}, undone: []string{"solo"}}
	tests := []refusalCase{
		{"shipping followed by free is refused", "sorteo con envío gratis para todos", "envío", true},
		{"a DM with other words before free is asked", "dm me for free stuff", "dm", false},
		{"a negation before the object refuses it", "sorteo sin envío", "envío", true},
		{"only between the negation and the object undoes it", "sin comisión solo envío", "envío", false},
	}
	checkRefused(t, rf, tests)
}

// In Japanese and Korean the verb ends the clause: a negation there refuses
// the objects before it however far, and a list of objects is refused
// together; a condition before it ("unless you pay") undoes it.
func TestRefusalReadsTheClauseEndInJapaneseAndKorean(t *testing.T) {
	t.Parallel()
	rf := &refusal{objects: []string{"送料", "個人情報", "배송비", "개인정보", "fee", "card details"},
		before: []string{"no"}, after: []string{"ありません", "しません", "없", "free"},
		undone: []string{"ないと", "으면", "only"}}
	tests := []refusalCase{
		{"a Japanese list of objects refused at the clause's end", "送料や個人情報をお願いすることは絶対にありません。", "送料", true},
		{"a Korean list of objects refused at the clause's end", "배송비나 개인정보를 따로 요구하는 일은 절대 없습니다.", "배송비", true},
		{"a Japanese shipping fee that is a condition", "送料をこちらのリンクから払わないと発送しません", "送料", false},
		{"a Japanese shipping fee asked for, its clause ending on a request", "送料だけこちらのリンクからお支払いください", "送料", false},
		{"a Latin clause is not read at its end", "pay the fee by card details link, nothing else is free", "fee", false},
	}
	checkRefused(t, rf, tests)
}

// refusalCase is a text, the ask object looked at in it, and whether a
// negation refuses it there.
type refusalCase struct {
	name, text, object string
	refused            bool
}

func checkRefused(t *testing.T, rf *refusal, tests []refusalCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			i := strings.Index(tt.text, tt.object)
			if got := rf.refused(tt.text, i, i+len(tt.object)); got != tt.refused {
				t.Errorf("refused(%q at %q) = %v, want %v", tt.text, tt.object, got, tt.refused)
			}
		})
	}
}
