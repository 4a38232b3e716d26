package desk

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// Principal is an authenticated reviewer.
type Principal struct {
	Name string `json:"name"`
	Role string `json:"role"`
	// Markets are the markets the principal may decide, sorted: an
	// admin's and an unscoped reviewer's are every configured market.
	Markets []string `json:"markets"`
}

// mayDecide reports whether p may decide in market.
func (p Principal) mayDecide(market string) bool { return slices.Contains(p.Markets, market) }

// scope resolves the markets of an account or token of role among the
// configured markets: all of them for an admin or when none are listed.
func scope(role string, listed, configured []string) ([]string, error) {
	if role == RoleAdmin || len(listed) == 0 {
		return slices.Sorted(slices.Values(configured)), nil
	}
	for _, m := range listed {
		if !slices.Contains(configured, m) {
			return nil, fmt.Errorf("market %q is not a configured market (%s)", m, strings.Join(configured, ", "))
		}
	}
	return slices.Sorted(slices.Values(listed)), nil
}

// allows reports whether p may use a route that needs role.
func (p Principal) allows(role string) bool {
	return role == RoleReviewer && (p.Role == RoleReviewer || p.Role == RoleAdmin) || role == RoleAdmin && p.Role == RoleAdmin
}

// CSRFHeader must be present on every request that changes state and is
// authenticated by the session cookie: a cross-site form cannot set it,
// and a cross-site script cannot send it without a CORS preflight that
// notegate never grants. SameSite=Strict on the cookie is the second
// line.
const CSRFHeader = "X-Notegate-Request"

// sessionCookie is the page's session cookie.
const sessionCookie = "notegate_session"

// authenticator checks passwords, tokens and sessions. Sessions live in a
// sessionStore: a bounded map in this process, or Redis shared by every
// replica.
type authenticator struct {
	accounts map[string]Account
	// scopes holds each account's resolved markets.
	scopes map[string][]string
	tokens map[[32]byte]Principal
	ttl    time.Duration
	clock  func() time.Time
	// dummy is compared against when the name is unknown, so a login takes
	// as long whether or not the account exists: it has the highest cost
	// among the accounts' hashes.
	dummy []byte
	// compare is bcrypt.CompareHashAndPassword; tests watch it.
	compare func(hash, password []byte) error

	sessions sessionStore
}

// newAuthenticator builds an authenticator of a validated cfg; markets
// are the configured markets, which scope accounts and tokens. Sessions
// live in sessions.
func newAuthenticator(cfg Config, markets []string, sessions sessionStore, clock func() time.Time) (*authenticator, error) {
	a := &authenticator{accounts: map[string]Account{}, scopes: map[string][]string{}, tokens: map[[32]byte]Principal{},
		ttl: cfg.SessionTTL, clock: clock, sessions: sessions, compare: bcrypt.CompareHashAndPassword}
	cost := 0
	for _, acc := range cfg.Accounts {
		a.accounts[acc.Name] = acc
		sc, err := scope(acc.Role, acc.Markets, markets)
		if err != nil {
			return nil, fmt.Errorf("account %q: %w", acc.Name, err)
		}
		a.scopes[acc.Name] = sc
		c, err := bcrypt.Cost([]byte(acc.PasswordHash))
		if err != nil {
			return nil, fmt.Errorf("account %q: %w", acc.Name, err)
		}
		cost = max(cost, c)
	}
	if cost == 0 {
		cost = bcrypt.DefaultCost
	}
	for _, t := range cfg.Tokens {
		sc, err := scope(t.Role, t.Markets, markets)
		if err != nil {
			return nil, fmt.Errorf("token of %q: %w", t.Name, err)
		}
		a.tokens[sha256.Sum256([]byte(t.Secret))] = Principal{Name: t.Name, Role: t.Role, Markets: sc}
	}
	var err error
	a.dummy, err = bcrypt.GenerateFromPassword([]byte(randomHex(16)), cost)
	if err != nil {
		return nil, fmt.Errorf("dummy password hash: %w", err)
	}
	return a, nil
}

// hashFor is the hash a login as name is compared against: the
// account's, or the dummy when there is no such account.
func (a *authenticator) hashFor(name string) []byte {
	if acc, ok := a.accounts[name]; ok {
		return []byte(acc.PasswordHash)
	}
	return a.dummy
}

// login checks a password and opens a session; it returns the session
// token. ok is false for a wrong name or password; an error says the
// session could not be stored.
func (a *authenticator) login(ctx context.Context, name, password string) (p Principal, token string, ok bool, err error) {
	acc, ok := a.accounts[name]
	// Known or not, the name costs one comparison at the accounts' cost.
	if a.compare(a.hashFor(name), []byte(password)) != nil || !ok {
		return Principal{}, "", false, nil
	}
	p = Principal{Name: acc.Name, Role: acc.Role, Markets: a.scopes[acc.Name]}
	token = randomHex(32)
	if err := a.sessions.open(ctx, sha256.Sum256([]byte(token)), session{Principal: p, expires: a.clock().Add(a.ttl)}); err != nil {
		return Principal{}, "", false, fmt.Errorf("open session: %w", err)
	}
	return p, token, true, nil
}

func (a *authenticator) logout(ctx context.Context, token string) error {
	return a.sessions.end(ctx, sha256.Sum256([]byte(token)))
}

// lookup resolves a token: a session token or a configured API token.
// Keys are SHA-256 digests, so lookups leak no timing about secrets. An
// error says the sessions could not be read (API tokens never fail).
func (a *authenticator) lookup(ctx context.Context, token string) (Principal, bool, error) {
	if token == "" {
		return Principal{}, false, nil
	}
	key := sha256.Sum256([]byte(token))
	if p, ok := a.tokens[key]; ok {
		return p, true, nil
	}
	s, ok, err := a.sessions.get(ctx, key)
	if err != nil || !ok {
		return Principal{}, false, err
	}
	return s.Principal, true, nil
}

// credentials reads the bearer token or the session cookie of r, and says
// whether it came from the cookie.
func credentials(r *http.Request) (token string, fromCookie bool) {
	if h := r.Header.Get("Authorization"); h != "" {
		if t, ok := strings.CutPrefix(h, "Bearer "); ok {
			return strings.TrimSpace(t), false
		}
		return "", false
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		return c.Value, true
	}
	return "", false
}

// authenticate returns the principal of r, if any.
func (a *authenticator) authenticate(r *http.Request) (Principal, bool, error) {
	token, _ := credentials(r)
	return a.lookup(r.Context(), token)
}

type principalKey struct{}

func principalOf(ctx context.Context) Principal {
	p, _ := ctx.Value(principalKey{}).(Principal)
	return p
}

// require wraps h: 401 without credentials, 403 without the role or, for
// a state-changing request authenticated by cookie, without CSRFHeader;
// unavailable answers when the sessions cannot be read (a 503, never a
// 401 that would send the page back to its login form).
func (a *authenticator) require(role string, unavailable func(http.ResponseWriter, error), h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		token, fromCookie := credentials(r)
		p, ok, err := a.lookup(r.Context(), token)
		if err != nil {
			unavailable(w, err)
			return
		}
		if !ok {
			w.Header().Set("WWW-Authenticate", `Bearer realm="notegate review"`)
			writeError(w, http.StatusUnauthorized, "log in first")
			return
		}
		if !p.allows(role) {
			writeError(w, http.StatusForbidden, "this needs the "+role+" role")
			return
		}
		if fromCookie && !safeMethod(r.Method) && r.Header.Get(CSRFHeader) == "" {
			writeError(w, http.StatusForbidden, "missing "+CSRFHeader+" header")
			return
		}
		h(w, r.WithContext(context.WithValue(r.Context(), principalKey{}, p)))
	}
}

func safeMethod(m string) bool { return m == http.MethodGet || m == http.MethodHead }

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b)
}
