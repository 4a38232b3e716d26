package breaker

import "log/slog"

// LogOutages returns an onChange for New that logs an outage once: a
// warning, down with attrs, when the breaker opens after a closed spell
// (not each time a failed probe reopens it), and an info, back, when it
// closes again.
func LogOutages(log *slog.Logger, down, back string, attrs ...any) func(from, to State) {
	return func(from, to State) {
		switch {
		case to == Closed:
			log.Info(back)
		case to == Open && from == Closed:
			log.Warn(down, attrs...)
		}
	}
}
