package moderate

import (
	"strings"
	"unicode"

	"github.com/notegate/notegate/models"
)

// A defanged link: "hxxps://usps-redelivery-care[.]top", "correos-envio-pago[.]info".
// Security people and careful warners break a scam's link so that nobody
// can follow it: hxxp for http, which no spammer writes (a link that does
// not open brings nobody). The dot broken ([.], (.), [dot]) is theirs too,
// but spammers also break it to slip past filters ("t(.)me/sorteo_iph0ne",
// a read harmful note), so it counts only in a field that warns of a scam
// (scamWarning). A contact finding whose evidence is such a link keeps its
// label for reviewers and decides nothing.

// dotMarks are the ways a link's dot is broken, lower case.
var dotMarks = []string{"[.]", "(.)", "[dot]", "(dot)"}

// capDefangedLink: a contact finding on a link broken on purpose
// (defanged.go).
func capDefangedLink(t *Text, source string, x *Finding, _ *[]Span) {
	if source != "contact" || x.Category != models.CategorySpam || x.Score <= reportedScoreCap ||
		x.Span.Start < 0 || x.Span.End > len(t.Original) || x.Span.Start >= x.Span.End {
		return
	}
	// The whole word the evidence stands in: the link detector's evidence
	// may leave out the scheme ("hxxps://" before the domain).
	from := strings.LastIndexFunc(t.Original[:x.Span.Start], unicode.IsSpace) + 1
	ev := strings.ToLower(t.Original[from:x.Span.End])
	if strings.Contains(ev, "hxxp") || containsAny(ev, dotMarks) && scamWarning(t) {
		x.Score = reportedScoreCap
	}
}
