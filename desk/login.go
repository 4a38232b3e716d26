package desk

import (
	"context"
	"crypto/sha256"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// login answers POST /api/review/login. Before the password is checked,
// the attempt must pass the limiter for its account name and its client
// address; otherwise it is refused with 429 and Retry-After, unchecked.
// Without the shared state (counts or sessions) it answers 503, unchecked
// or without a session.
func (d *Desk) login(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get(CSRFHeader) == "" {
		writeError(w, http.StatusForbidden, "missing "+CSRFHeader+" header")
		return
	}
	var body struct {
		Name     string `json:"name"`
		Password string `json:"password"`
	}
	if !readJSON(w, r, &body) {
		return
	}
	addr := clientAddress(r, d.cfg.Login.TrustForwardedFor)
	account, address := accountKey(body.Name), addressKey(addr)
	wait, ok, err := d.limit.begin(r.Context(), account, address)
	if err != nil {
		d.unavailable(w, err)
		return
	}
	if !ok {
		d.opts.Metrics.loginAttempt(LoginThrottled)
		secs := int(math.Ceil(wait.Seconds()))
		w.Header().Set("Retry-After", strconv.Itoa(secs))
		writeError(w, http.StatusTooManyRequests, "too many failed logins for this name or from this address; try again in "+(time.Duration(secs)*time.Second).String())
		return
	}
	p, token, ok, err := d.auth.login(r.Context(), body.Name, body.Password)
	// The attempt ends even when the request's context does.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 2*time.Second)
	defer cancel()
	if ferr := d.limit.finish(ctx, !ok && err == nil, account, account, address); ferr != nil {
		d.log.Warn("a login attempt could not be counted", "err", ferr)
	}
	if err != nil {
		d.unavailable(w, err)
		return
	}
	if !ok {
		d.opts.Metrics.loginAttempt(LoginBadCredentials)
		d.log.Warn("failed login", "name", truncate(body.Name, 64), "client", addr)
		writeError(w, http.StatusUnauthorized, "wrong name or password")
		return
	}
	d.opts.Metrics.loginAttempt(LoginOK)
	http.SetCookie(w, &http.Cookie{
		Name: sessionCookie, Value: token, Path: "/", HttpOnly: true, Secure: d.cfg.SecureCookies,
		SameSite: http.SameSiteStrictMode, MaxAge: int(d.cfg.SessionTTL.Seconds()),
	})
	writeJSON(w, http.StatusOK, map[string]any{"name": p.Name, "role": p.Role, "markets": nonNil(p.Markets), "token": token})
}

// accountKey is the limiter's key of a login name, known or not. It is a
// digest so an attacker's long names cost the limiter 33 bytes each.
func accountKey(name string) string {
	sum := sha256.Sum256([]byte(name))
	return "n" + string(sum[:])
}

func addressKey(addr string) string { return "a" + addr }

// clientAddress is the address the limiter counts r's failures against:
// the connection's remote address or, when trustForwarded is set, the
// last X-Forwarded-For entry (appended by the proxy in front; earlier
// entries are the client's to choose). An IPv6 address stands for its
// /64, which one client usually holds whole.
func clientAddress(r *http.Request, trustForwarded bool) string {
	raw := r.RemoteAddr
	if host, _, err := net.SplitHostPort(raw); err == nil {
		raw = host
	}
	if trustForwarded {
		if hops := r.Header.Values("X-Forwarded-For"); len(hops) > 0 {
			parts := strings.Split(hops[len(hops)-1], ",")
			if last := strings.TrimSpace(parts[len(parts)-1]); last != "" {
				raw = last
			}
		}
	}
	ip, err := netip.ParseAddr(raw)
	if err != nil {
		return raw
	}
	ip = ip.Unmap()
	if ip.Is4() {
		return ip.String()
	}
	p, _ := ip.WithZone("").Prefix(64) // cannot fail: an IPv6 address without zone
	return p.String()
}

// truncate cuts s to at most n bytes, on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
