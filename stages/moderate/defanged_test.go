package moderate

import "testing"

// A scam's link broken on purpose to warn of it is no link; the same link
// working, and a spammer's dot broken with no warning, are still read.
func TestADefangedLinkIsNoContact(t *testing.T) {
	s := newTestStage(t)
	cases := []allowCase{
		{"a phishing text's link defanged in a warning", "PSA got this at 2am: 'USPS: package on hold, update within 12 hrs: hxxps://usps-redelivery-care[.]top'. Don't click.", true},
		{"a Spanish SMS's link with its dot in brackets", "Ojo con este SMS: 'Correos: paquete retenido, pague aquí: correos-envio-pago[.]info'. Es phishing.", true},
		{"the same link working is still read", "USPS: package on hold, update within 12 hrs: https://usps-redelivery-care.top", false},
		{"a spammer's dot broken to slip past filters is still read", "🎁 S0RT3O iPh0ne 16 gratis!! entra al grupo de Telegram t(.)me/sorteo_gratis ⚡ ganadores hoy", false},
	}
	checkAllowed(t, s, cases)
}
