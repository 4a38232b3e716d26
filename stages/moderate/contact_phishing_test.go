package moderate

import (
	"slices"
	"testing"
)

func TestPhishingDomainsInEveryLanguageAndInLinks(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		body     string
		evidence string // the domain as the folded view writes it; "" for none
	}{
		{"a spanish bank lure", "verifique sus datos en banco-seguridad-clientes.com hoy", "banco-seguridad-clientes.com"},
		{"a german security lure on a country domain", "bitte bestätigen unter bank-sicherheit.de.com", "bank-sicherheit.de.com"},
		{"a portuguese gift lure", "resgate seu brinde em loja-brinde.net", "loja-brinde.net"},
		{"a french tracking lure", "suivez votre colis sur poste-suivi-colis.fr", "poste-suivi-colis.fr"},
		{"the host of a written-out link with a lure", "claim it at https://shop-gift.xyz/now", "shop-gift.xyz"},
		{"a french fine lure", "réglez l'amende sur agence-amende-paiement.com", "agence-amende-paiement.com"},
		{"the host of a link on a cheap TLD without a lure", "order at https://mybakery.shop/menu", ""},
		{"the host of an ordinary link", "recipe at https://www.rose-and-crumb.com/bread", ""},
		{"a hyphenated name without a lure", "nuestra panadería: pan-de-maria.es", ""},
		// Round 54 (F175): the dot written with spaces around it to slip past link filters.
		{"a porn-spam domain with a spaced dot", "Vidéos gratuites ici ➡ x-x-x-libre . xyz", "x-x-x-libre . xyz"},
		{"a gift lure with a spaced dot", "free robux at robux-gift . top claim now", "robux-gift . top"},
		{"a sentence that ends before a word is no domain", "I'm done . work tomorrow at nine", ""},
		{"a hyphenated word before a sentence's end and an ordinary word", "we had a re-match . then pizza", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := NewText("body", tt.body).Folded.String()
			var got []string
			for _, r := range phishingDomains(s) {
				got = append(got, s[r[0]:r[1]])
			}
			switch {
			case tt.evidence == "" && len(got) > 0:
				t.Errorf("%q: phishing domains %q, want none", tt.body, got)
			case tt.evidence != "" && !slices.Contains(got, tt.evidence):
				t.Errorf("%q: phishing domains %q, want %q", tt.body, got, tt.evidence)
			}
		})
	}
}
