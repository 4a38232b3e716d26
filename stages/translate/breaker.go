package translate

import "github.com/notegate/notegate/internal/breaker"

// BreakerState is the state of a provider's circuit breaker, or of the
// shared cache's (internal/breaker, the one breaker of the service).
type BreakerState = breaker.State

const (
	// BreakerClosed: calls go through; consecutive failures are counted.
	BreakerClosed = breaker.Closed
	// BreakerHalfOpen: the cool-down has passed; one probe call at a time
	// goes through, and its outcome closes or reopens the breaker.
	BreakerHalfOpen = breaker.HalfOpen
	// BreakerOpen: calls are refused until the cool-down ends.
	BreakerOpen = breaker.Open
)

// BreakerConfig configures a circuit breaker: Failures consecutive failed
// calls open it, and it stays open for Cooldown before one probe call may
// go through. Defaults: 5 failures, 30s for the providers (Config.Breaker);
// 3 failures, 5s for the shared cache (RedisCacheConfig.Breaker).
type BreakerConfig = breaker.Config
