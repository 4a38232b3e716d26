package translate

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Kinds of provider failure, for the stage's retry and breaker logic.
// Every error a network provider returns (other than ErrUnsupportedPair)
// is a *ProviderError whose Kind is one of these, so errors.Is(err,
// ErrTransient) and friends work through any wrapping; errors.As gives the
// HTTP status and Retry-After.
var (
	// ErrRateLimited: the provider asked us to slow down (HTTP 429, or
	// Google's rate-limit reasons). Retry after ProviderError.RetryAfter
	// when it is set, with backoff otherwise.
	ErrRateLimited = errors.New("translate: provider rate limited")
	// ErrQuotaExceeded: the account's character or request quota is used
	// up (DeepL 456, Google's daily-limit reasons). Retrying soon will not
	// help; another provider might.
	ErrQuotaExceeded = errors.New("translate: provider quota exceeded")
	// ErrTransient: the call may succeed if repeated (5xx, 408, timeouts,
	// connection failures, a malformed or truncated answer).
	ErrTransient = errors.New("translate: transient provider failure")
	// ErrPermanent: repeating the same call will fail the same way (4xx
	// such as a bad request, a bad API key, a text too large).
	ErrPermanent = errors.New("translate: permanent provider failure")
)

// ProviderError is a failed provider call.
type ProviderError struct {
	// Provider is the Name of the provider that failed.
	Provider string
	// Kind is ErrRateLimited, ErrQuotaExceeded, ErrTransient or
	// ErrPermanent.
	Kind error
	// Status is the HTTP status of the answer, 0 when there was none.
	Status int
	// RetryAfter is the delay the provider asked for (Retry-After), 0 when
	// it gave none.
	RetryAfter time.Duration
	// Message says what went wrong, from the provider's error body when it
	// had one.
	Message string
	// Err is the underlying cause (a network or context error), or nil.
	Err error
}

func (e *ProviderError) Error() string {
	var b strings.Builder
	b.WriteString(e.Provider)
	if e.Status != 0 {
		fmt.Fprintf(&b, ": HTTP %d", e.Status)
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %v)", e.RetryAfter)
	}
	return b.String()
}

// Unwrap makes errors.Is match the Kind and the cause.
func (e *ProviderError) Unwrap() []error {
	errs := make([]error, 0, 2)
	if e.Kind != nil {
		errs = append(errs, e.Kind)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

// RetryAfter returns the delay a provider asked for before the next call,
// if err carries one.
func RetryAfter(err error) (time.Duration, bool) {
	var pe *ProviderError
	if errors.As(err, &pe) && pe.RetryAfter > 0 {
		return pe.RetryAfter, true
	}
	return 0, false
}

// kindForStatus is the usual meaning of an HTTP error status; providers
// refine it from their error bodies.
func kindForStatus(status int) error {
	switch {
	case status == http.StatusTooManyRequests:
		return ErrRateLimited
	case status == http.StatusRequestTimeout, status >= 500:
		return ErrTransient
	default:
		return ErrPermanent
	}
}

// maxRetryAfter caps what a provider may ask for, so that a bogus header
// cannot park a caller for days.
const maxRetryAfter = time.Hour

// parseRetryAfter reads a Retry-After header: delay-seconds or an
// HTTP-date. It returns 0 when the header is absent or malformed.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		if secs > int64(maxRetryAfter/time.Second) {
			return maxRetryAfter
		}
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(v); err == nil {
		d = t.Sub(now)
	}
	if d <= 0 {
		return 0
	}
	return min(d, maxRetryAfter)
}

func unsupported(provider, from, to string) error {
	return fmt.Errorf("%w: %s does not translate %s→%s", ErrUnsupportedPair, provider, from, to)
}
