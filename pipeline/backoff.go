package pipeline

import "github.com/notegate/notegate/internal/backoff"

// Backoff spaces out retries of transport errors: exponential from Min to
// Max with jitter (backoff.Policy, the project's one retry spacing).
type Backoff = backoff.Policy
