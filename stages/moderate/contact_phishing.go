package moderate

import (
	"regexp"
	"strings"
)

// Phishing links are often written as a bare domain, without http:// or
// www. and often defanged ("usps-redelivery-help[.]top"), so reURL does
// not see them. A bare domain is not a finding by itself ("example.com",
// "support.apple.com" are ordinary). It counts when its shape is a lure:
// written defanged, on a TLD that costs next to nothing and carries little
// else, or a hyphenated name that pairs a service with a lure word
// ("dhl-zustellung-info.net", "detran-regulariza.com.br").
const scorePhishing = 0.75

var (
	// reBareDomain: labels joined by a dot, "[.]" or "(.)", ending in a
	// TLD; not part of an e-mail address or a path, but the host of a
	// link (after "//").
	reBareDomain = regexp.MustCompile(`(?:^|//|[^a-z0-9@./_-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.|\[\.\]|\(\.\)))+([a-z]{2,12}))(?:$|[^a-z0-9-])`)
	// cheapTLDs carry little besides throwaway sites.
	cheapTLDs = map[string]bool{"top": true, "xyz": true, "site": true, "icu": true, "buzz": true, "click": true,
		"cyou": true, "sbs": true, "cfd": true, "rest": true, "monster": true, "quest": true, "bond": true, "vip": true, "shop": true,
		"online": true, "live": true, "work": true, "support": true, "help": true}
	// lureWords are what a phishing name pairs with a brand.
	lureWords = []string{"verify", "verification", "secure", "login", "signin", "account", "update", "support", "help", "service",
		"redelivery", "delivery", "deliver", "parcel", "package", "tracking", "track", "refund", "claim", "reward", "bonus", "prize",
		"premio", "airdrop", "gift", "wallet", "check", "confirm", "info", "notice", "official", "oficial", "regulariza", "zustellung",
		"paket", "suspend", "unlock", "recovery", "pagamento", "pago", "multa", "toll",
		// The same lures in the other languages the stage reads:
		// security, customers, gift, tracking, fee, block, survey.
		"seguridad", "seguranca", "securite", "sicherheit", "cliente", "clientes", "kunden", "kunde", "regalo", "regalos",
		"presente", "brinde", "cadeau", "geschenk", "gratis", "suivi", "livraison", "colis", "envio", "entrega", "encomenda",
		"sendung", "reembolso", "remboursement", "erstattung", "taxa", "tarifa", "frais", "gebuhr", "bloqueo", "desbloqueo",
		"desbloqueio", "verificar", "verificacion", "verificacao", "verifier", "actualizar", "atualizar", "aktualisierung",
		"konto", "cuenta", "conta", "compte", "rewards", "survey", "encuesta", "pesquisa", "sorteo", "sorteio", "gewinnspiel",
		"acc", "auth", "alert", "alerta", "aviso", "validar", "validation", "ativar", "activar",
		// Fines, taxes and benefits: a government's name beside them.
		"paiement", "payment", "amende", "tax", "impots", "steuer", "bussgeld", "subsidy", "subsidio", "beneficio",
		"auxilio", "gov"}
)

// reSpacedDomain is a domain written with spaces around its dot to slip
// past link filters ("x-x-x-libre . xyz", "gift-claim . top"): a
// hyphenated name, " . ", and a TLD (round 54, F175: a porn-spam note).
// A sentence that ends before a word ("done . work tomorrow") has no
// hyphenated name before its dot, and the TLD must be one that sites use
// (spacedTLDs), not any word.
var reSpacedDomain = regexp.MustCompile(`(?:^|[^a-z0-9@./_-])([a-z0-9]+(?:-[a-z0-9]+)+ \. ([a-z]{2,8}))(?:$|[^a-z0-9-])`)

// spacedTLDs are the TLDs a spaced domain is read with: the cheap ones
// and the common ones.
var spacedTLDs = map[string]bool{"com": true, "net": true, "org": true, "info": true, "io": true, "me": true, "co": true,
	"xyz": true, "top": true, "site": true, "icu": true, "click": true, "vip": true, "shop": true, "online": true, "live": true,
	"cc": true, "tk": true, "ml": true, "ga": true, "link": true, "app": true}

// phishingDomains returns the byte ranges of the folded string s that
// hold a domain shaped like a lure.
func phishingDomains(s string) [][2]int {
	var out [][2]int
	if strings.Contains(s, " . ") {
		for _, m := range reSpacedDomain.FindAllStringSubmatchIndex(s, -1) {
			if spacedTLDs[s[m[4]:m[5]]] {
				out = append(out, [2]int{m[2], m[3]})
			}
		}
	}
	if !domainShaped(s) {
		return out
	}
	for _, m := range reBareDomain.FindAllStringSubmatchIndex(s, -1) {
		d, tld := s[m[2]:m[3]], s[m[4]:m[5]]
		if !strings.ContainsAny(d[:len(d)-len(tld)], ".[(") {
			continue
		}
		if strings.HasSuffix(s[:m[2]], "//") {
			// The host of a written-out link (https://pxmart-gift.xyz):
			// reURL reads it as a link; it is a lure only by its name, as
			// a shop's own site may sit on a cheap TLD.
			if lureName(d) {
				out = append(out, [2]int{m[2], m[3]})
			}
			continue
		}
		defanged := strings.Contains(d, "[.]") || strings.Contains(d, "(.)")
		if defanged || cheapTLDs[tld] || lureName(d) {
			out = append(out, [2]int{m[2], m[3]})
		}
	}
	return out
}

// lureName reports whether a hyphenated label of d holds a lure word.
func lureName(d string) bool {
	if !strings.Contains(d, "-") {
		return false
	}
	for _, part := range strings.FieldsFunc(d, func(r rune) bool { return r == '-' || r == '.' || r == '[' || r == ']' }) {
		for _, w := range lureWords {
			if part == w {
				return true
			}
		}
	}
	return false
}

// domainShaped is a cheap test run before the pattern: a dot between a
// letter or digit and a letter ("x.top"), or a defanged dot. Most notes
// hold dots only at the ends of sentences.
func domainShaped(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		switch s[i] {
		case '.':
			p, n := s[i-1], s[i+1]
			if (isASCIILetter(rune(p)) || isASCIIDigit(rune(p)) || p == '[' || p == '(') && (isASCIILetter(rune(n)) || n == ']' || n == ')') {
				return true
			}
		}
	}
	return false
}
