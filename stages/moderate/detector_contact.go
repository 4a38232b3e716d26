package moderate

import (
	"context"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/notegate/notegate/models"
)

// ContactDetector finds attempts to move users off the platform: asking
// to be added on WeChat, QQ, Telegram, WhatsApp, LINE and the like
// (including the usual disguises 威信, 薇信, V信, 加V, ➕V, vx, wx), handles
// and QQ numbers, phone numbers, e-mail addresses, link shorteners and
// links. A mere mention of a platform ("微信支付", "news about WeChat") is
// not a finding. Findings are category spam.
type ContactDetector struct{}

// Name implements Detector.
func (ContactDetector) Name() string { return "contact" }

// Scores: an explicit request to move off-platform is near certain spam;
// bare contact details less so; an ordinary link only informs.
const (
	scoreSolicit   = 0.9
	scoreHandle    = 0.9
	scoreVariant   = 0.7
	scoreShortener = 0.8
	scoreContact   = 0.6
	scoreLink      = 0.3
)

var (
	// 加V, 加我vx, ➕微信, 私q … The letter forms must not run on into a
	// longer word (加vip).
	reAddMe = regexp.MustCompile(`(?:加|➕|\+|私|找|联系|添加|戳)\s*(?:我|个)?\s*(?:(?:v|vx|wx|q|qq|tg|line)(?:[^a-z]|$)|微信|威信|薇信|维信|徽信|v信|v心|扣扣|企鹅|电报|飞机号)`)
	// A platform name and a handle. Strong names take a handle directly;
	// weak ones (common words) need a colon and a handle that looks like
	// one (an @, a digit, an underscore or a dot).
	reStrongHandle = regexp.MustCompile(`(?:微信|威信|薇信|维信|徽信|v信|vx|wx|weixin|wechat|qq|扣扣|telegram|whatsapp|snapchat|kik|discord)\s*(号|id|群)?\s*([:=])?\s*@?([a-z0-9_][a-z0-9_.-]{4,29})`)
	reWeakHandle   = regexp.MustCompile(`(?:^|[^a-z])((?:line|tg|wa|ig|insta|instagram|snap|signal|企鹅)\s*(?:号|id)?\s*[:=]\s*(@?)([a-z0-9_][a-z0-9_.-]{3,29}))`)
	// Names that exist only to dodge a filter.
	reVariant = regexp.MustCompile(`薇信|徽信|v信|v心|威❤|微❤`)
	reAddOn   = regexp.MustCompile(`(?:add|dm|message|text|hit|contact|find|hmu|reach)\s+(?:me\s+)?(?:on|at|via|up on)\s+(?:snap|snapchat|telegram|tg|whatsapp|wa|line|kik|wechat|ig|insta|instagram|discord|signal)(?:[^a-z]|$)`)
	reShort   = regexp.MustCompile(`(?:^|[^a-z0-9.])((?:bit\.ly|t\.cn|tinyurl\.com|goo\.gl|t\.co|ow\.ly|is\.gd|buff\.ly|rebrand\.ly|cutt\.ly|url\.cn|dwz\.cn|suo\.im|t\.me|wa\.me|line\.me)/[^\s]*)`)
	reURL     = regexp.MustCompile(`(?:https?://|www\.)[^\s<>"]+`)
)

// Detect implements Detector; it never fails.
func (ContactDetector) Detect(_ context.Context, t *Text) ([]Finding, error) {
	s := t.Folded.String()
	var out []Finding
	add := func(start, end int, score float64, rule string) {
		if start >= end {
			return
		}
		out = append(out, Finding{
			Category: models.CategorySpam,
			Score:    score,
			Span:     t.Folded.OriginalSpan(start, end),
			Rule:     rule,
		})
	}
	// Each pattern runs only when the text holds a string it needs: most
	// notes hold none, and the checks cost far less than the patterns.
	if strings.ContainsAny(s, "加➕+私找联添戳") {
		for _, m := range reAddMe.FindAllStringIndex(s, -1) {
			add(m[0], trimTrailing(s, m[0], m[1]), scoreSolicit, "add-me")
		}
	}
	if containsAny(s, strongPlatforms) {
		for _, m := range reStrongHandle.FindAllStringSubmatchIndex(s, -1) {
			handle := s[m[6]:m[7]]
			explicit := m[2] >= 0 || m[4] >= 0
			if explicit || strings.ContainsAny(handle, "0123456789_") {
				add(m[0], m[1], scoreHandle, "handle")
			}
		}
	}
	if strings.ContainsAny(s, ":=") {
		for _, m := range reWeakHandle.FindAllStringSubmatchIndex(s, -1) {
			at, handle := m[5] > m[4], s[m[6]:m[7]]
			if at || strings.ContainsAny(handle, "0123456789_.") {
				add(m[2], m[3], scoreHandle, "handle")
			}
		}
	}
	if strings.ContainsAny(s, "信心❤") {
		for _, m := range reVariant.FindAllStringIndex(s, -1) {
			add(m[0], m[1], scoreVariant, "platform-variant")
		}
	}
	if containsAny(s, []string{" on ", " at ", " via "}) {
		for _, m := range reAddOn.FindAllStringIndex(s, -1) {
			add(m[0], trimTrailing(s, m[0], m[1]), scoreSolicit, "add-me-on")
		}
	}
	if strings.IndexByte(s, '/') >= 0 || strings.Contains(s, "www.") {
		for _, m := range reShort.FindAllStringSubmatchIndex(s, -1) {
			add(m[2], m[3], scoreShortener, "link-shortener")
		}
		for _, m := range reURL.FindAllStringIndex(s, -1) {
			add(m[0], m[1], scoreLink, "link")
		}
	}
	if strings.IndexByte(s, '@') >= 0 {
		for _, m := range reEmail.FindAllStringIndex(s, -1) {
			add(m[0], m[1], scoreContact, "email")
		}
	}
	if countDigits(s) >= 10 {
		for _, m := range phoneNumbers(s) {
			add(m.start, m.end, scoreContact, "phone")
		}
	}
	return out, nil
}

// trimTrailing drops a trailing rune that a pattern consumed only to see
// that the term ended there (the "[^a-z]" after 加V), unless it is a
// letter or digit (加V信 keeps 信).
func trimTrailing(s string, start, end int) int {
	for end > start {
		r, size := utf8.DecodeLastRuneInString(s[start:end])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			break
		}
		end -= size
	}
	return end
}

// strongPlatforms are the substrings reStrongHandle needs.
var strongPlatforms = []string{"信", "vx", "wx", "weixin", "wechat", "qq", "扣扣", "telegram", "whatsapp", "snapchat", "kik", "discord"}

func containsAny(s string, subs []string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
