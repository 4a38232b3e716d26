// Package desk is the trust-and-safety reviewer's desk: the review queue
// (read from the index), claims that keep two reviewers off one note,
// decisions published as events (applied by the pipeline's decisions
// consumer, the single writer), the audit trail, reviewer authentication
// and the web page, served from embedded assets.
package desk

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// Roles. An admin may do everything a reviewer may.
const (
	RoleReviewer = "reviewer"
	RoleAdmin    = "admin"
)

// Account is a reviewer who logs in with a password.
type Account struct {
	// Name is the login name, recorded in the audit trail. Required.
	Name string `yaml:"name"`
	// Role is "reviewer" or "admin". Default "reviewer".
	Role string `yaml:"role"`
	// PasswordHash is a bcrypt hash (notegate hash-password). Required.
	PasswordHash string `yaml:"password_hash"`
	// Markets are the markets a reviewer may decide, each a configured
	// market. Default: every configured market (as before accounts had a
	// scope); list them to scope the account. An admin decides every
	// market and lists none.
	Markets []string `yaml:"markets"`
}

// Token is an API credential for scripts: a bearer token that acts as Name
// with Role, deciding in Markets (empty: as Account.Markets). Tokens come
// from the environment only (NOTEGATE_REVIEW_TOKENS).
type Token struct {
	Name, Role, Secret string
	Markets            []string
}

// Config configures the reviewer desk.
type Config struct {
	// Accounts may log in to the page and the API. Default none: nobody
	// can review until accounts or tokens are configured.
	Accounts []Account `yaml:"accounts"`
	// Tokens are bearer tokens, from the environment only. Default none.
	Tokens []Token `yaml:"-"`
	// Claims configures how long a reviewer's claim keeps others off a
	// note (see ClaimsConfig).
	Claims ClaimsConfig `yaml:"claims"`
	// ClaimTTL is the former name of Claims.MaxHold, still read when that
	// is unset. Default unset.
	ClaimTTL time.Duration `yaml:"claim_ttl"`
	// MaxClaims is the former name of Claims.Max, still read when that is
	// unset. Default unset.
	MaxClaims int `yaml:"max_claims"`
	// SessionTTL is how long a login lasts. Default 12h.
	SessionTTL time.Duration `yaml:"session_ttl"`
	// MaxSessions bounds the live sessions held (in memory, or in Redis
	// with shared state); the one that expires first is dropped past it.
	// Default 10000.
	MaxSessions int `yaml:"max_sessions"`
	// AuditFile is the bbolt file of the audit trail. Default
	// ".notegate-data/review/audit.db".
	AuditFile string `yaml:"audit_file"`
	// DecisionWait bounds how long a decision request waits for the
	// decisions consumer to apply it before answering 202. Default 5s.
	DecisionWait time.Duration `yaml:"decision_wait"`
	// QueueMetricsInterval is how often the queue's depth and oldest age
	// are read from the index for /metrics (QueueGauges); a scrape reads
	// what the last refresh found and never queries the index. Default 15s.
	QueueMetricsInterval time.Duration `yaml:"queue_metrics_interval"`
	// SecureCookies marks the session cookie Secure; set it behind TLS.
	// Default false.
	SecureCookies bool `yaml:"secure_cookies"`
	// Login throttles password guessing (see LoginConfig).
	Login LoginConfig `yaml:"login"`
	// SharedState keeps claims, sessions and failed-login counts where
	// every replica sees them (see SharedStateConfig). Default: in this
	// process.
	SharedState SharedStateConfig `yaml:"shared_state"`
}

// ClaimsConfig configures claims. Reading a note never claims it; the
// first action on it does (a decision, starting a reject or label
// dialog, the page's c key), and the page releases it when the reviewer
// opens another note or leaves. A claim also ends Idle after its owner's
// last activity (an action, or the page's heartbeat while the reviewer is
// active on the note), and MaxHold after it was taken, whatever the
// activity.
type ClaimsConfig struct {
	// Idle ends a claim this long after its owner's last activity.
	// Default 90s.
	Idle time.Duration `yaml:"idle"`
	// MaxHold ends a claim this long after it was taken; activity never
	// extends it further. Default 15m.
	MaxHold time.Duration `yaml:"max_hold"`
	// Max bounds the live claims held (in memory, or in Redis with shared
	// state). Default 10000.
	Max int `yaml:"max"`
}

// LoginConfig throttles failed logins. Failures are counted apart per
// account name (known or not, so throttling reveals nothing about which
// names exist) and per client address. After MaxFailures consecutive
// failures of one key, its attempts are refused with 429 for BaseDelay,
// doubling with every further failure up to MaxDelay; a key's failures
// are forgotten after MaxDelay without an attempt past its lock. A
// successful login clears its account's count, not its address's.
type LoginConfig struct {
	// MaxFailures is how many consecutive failures of one account or one
	// address are checked before attempts are refused. Default 10.
	MaxFailures int `yaml:"max_failures"`
	// BaseDelay is the first refusal period. Default 1s.
	BaseDelay time.Duration `yaml:"base_delay"`
	// MaxDelay caps the doubling refusal period. Default 15m.
	MaxDelay time.Duration `yaml:"max_delay"`
	// MaxTracked bounds the accounts and addresses counted (in memory, or
	// in Redis with shared state); past it, the least recently attempted
	// is forgotten. Default 100000.
	MaxTracked int `yaml:"max_tracked"`
	// TrustForwardedFor takes the client address from the last entry of
	// X-Forwarded-For (the one the proxy in front of notegate appended)
	// instead of the connection's remote address. Set it only behind such
	// a proxy: otherwise a client picks its own address. Default false.
	TrustForwardedFor bool `yaml:"trust_forwarded_for"`
}

// WithDefaults fills unset fields with their defaults.
func (c Config) WithDefaults() Config {
	for i := range c.Accounts {
		if c.Accounts[i].Role == "" {
			c.Accounts[i].Role = RoleReviewer
		}
	}
	if c.Claims.MaxHold == 0 {
		c.Claims.MaxHold = c.ClaimTTL
	}
	if c.Claims.Max == 0 {
		c.Claims.Max = c.MaxClaims
	}
	if c.Claims.Idle == 0 {
		c.Claims.Idle = 90 * time.Second
	}
	if c.Claims.MaxHold == 0 {
		c.Claims.MaxHold = 15 * time.Minute
	}
	if c.Claims.Max == 0 {
		c.Claims.Max = 10000
	}
	if c.SessionTTL == 0 {
		c.SessionTTL = 12 * time.Hour
	}
	if c.MaxSessions == 0 {
		c.MaxSessions = 10000
	}
	if c.AuditFile == "" {
		c.AuditFile = ".notegate-data/review/audit.db"
	}
	if c.DecisionWait == 0 {
		c.DecisionWait = 5 * time.Second
	}
	if c.QueueMetricsInterval <= 0 {
		c.QueueMetricsInterval = 15 * time.Second
	}
	if c.Login.MaxFailures == 0 {
		c.Login.MaxFailures = 10
	}
	if c.Login.BaseDelay == 0 {
		c.Login.BaseDelay = time.Second
	}
	if c.Login.MaxDelay == 0 {
		c.Login.MaxDelay = 15 * time.Minute
	}
	if c.Login.MaxTracked == 0 {
		c.Login.MaxTracked = 100000
	}
	c.SharedState = c.SharedState.WithDefaults()
	return c
}

// Validate reports contradictions in a configuration with defaults applied.
func (c Config) Validate() error {
	var errs []error
	names := map[string]bool{}
	for i, a := range c.Accounts {
		switch {
		case a.Name == "":
			errs = append(errs, fmt.Errorf("accounts[%d]: name is empty", i))
		case names[a.Name]:
			errs = append(errs, fmt.Errorf("accounts[%d]: name %q appears twice", i, a.Name))
		}
		names[a.Name] = true
		if a.Role != RoleReviewer && a.Role != RoleAdmin {
			errs = append(errs, fmt.Errorf("accounts[%d]: role %q is neither %q nor %q", i, a.Role, RoleReviewer, RoleAdmin))
		}
		if _, err := bcrypt.Cost([]byte(a.PasswordHash)); err != nil {
			errs = append(errs, fmt.Errorf("accounts[%d]: password_hash is not a bcrypt hash (use notegate hash-password)", i))
		}
		if err := validScope(a.Role, a.Markets); err != nil {
			errs = append(errs, fmt.Errorf("accounts[%d]: %w", i, err))
		}
	}
	for i, t := range c.Tokens {
		if t.Name == "" || len(t.Secret) < 16 || (t.Role != RoleReviewer && t.Role != RoleAdmin) {
			errs = append(errs, fmt.Errorf("tokens[%d]: want name:role:secret with a role of reviewer or admin and a secret of 16 bytes or more", i))
		}
		if err := validScope(t.Role, t.Markets); err != nil {
			errs = append(errs, fmt.Errorf("tokens[%d]: %w", i, err))
		}
	}
	if c.SessionTTL < time.Minute {
		errs = append(errs, errors.New("session_ttl must be at least 1m"))
	}
	if c.MaxSessions < 1 {
		errs = append(errs, errors.New("max_sessions must be positive"))
	}
	if err := c.Claims.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("claims: %w", err))
	}
	if err := c.Login.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("login: %w", err))
	}
	if err := c.SharedState.Validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// validScope reports a contradiction in the markets of an account or a
// token of role. Whether each is a configured market is checked by New,
// which knows the markets.
func validScope(role string, markets []string) error {
	if role == RoleAdmin && len(markets) > 0 {
		return errors.New("an admin decides every market: list markets on reviewers only")
	}
	for i, m := range markets {
		if m == "" || slices.Contains(markets[:i], m) {
			return fmt.Errorf("markets: %q is empty or listed twice", m)
		}
	}
	return nil
}

// Validate reports contradictions in a ClaimsConfig with defaults applied.
func (c ClaimsConfig) Validate() error {
	var errs []error
	if c.Idle < 10*time.Second {
		errs = append(errs, errors.New("idle must be at least 10s (the page's heartbeat comes every third of it)"))
	}
	if c.MaxHold < c.Idle {
		errs = append(errs, errors.New("max_hold must be at least idle"))
	}
	if c.Max < 1 {
		errs = append(errs, errors.New("max must be positive"))
	}
	return errors.Join(errs...)
}

// Validate reports contradictions in a LoginConfig with defaults applied.
func (c LoginConfig) Validate() error {
	var errs []error
	if c.MaxFailures < 1 {
		errs = append(errs, errors.New("max_failures must be positive"))
	}
	if c.BaseDelay < time.Second {
		errs = append(errs, errors.New("base_delay must be at least 1s (Retry-After counts whole seconds)"))
	}
	if c.MaxDelay < c.BaseDelay {
		errs = append(errs, errors.New("max_delay must be at least base_delay"))
	}
	if c.MaxTracked < 2 {
		errs = append(errs, errors.New("max_tracked must be at least 2 (an account and an address)"))
	}
	return errors.Join(errs...)
}

// ParseTokens reads NOTEGATE_REVIEW_TOKENS: comma-separated
// name:role:secret, where a reviewer's role may name the markets the
// token decides, joined by "+": "ci:reviewer@cn+intl:secret".
func ParseTokens(s string) ([]Token, error) {
	var out []Token
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		parts := strings.SplitN(item, ":", 3)
		if len(parts) != 3 {
			return nil, errors.New("review tokens: want name:role:secret or name:reviewer@market+market:secret, comma-separated")
		}
		t := Token{Name: parts[0], Role: parts[1], Secret: parts[2]}
		if role, markets, ok := strings.Cut(t.Role, "@"); ok {
			t.Role, t.Markets = role, strings.Split(markets, "+")
		}
		out = append(out, t)
	}
	return out, nil
}

// HashPassword returns the bcrypt hash of password for an Account.
func HashPassword(password string) (string, error) {
	if len(password) < 8 {
		return "", errors.New("a password needs 8 bytes or more")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return string(h), nil
}
