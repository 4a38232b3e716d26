package desk

import (
	dto "github.com/prometheus/client_model/go"
	"golang.org/x/crypto/bcrypt"
)

// LoginHashCost is the bcrypt cost of the hash that a login as name is
// compared against (the dummy's when there is no such account).
func LoginHashCost(d *Desk, name string) (int, error) {
	return bcrypt.Cost(d.auth.hashFor(name))
}

// LoginAttempts is the count of login attempts with outcome.
func (m *Metrics) LoginAttempts(outcome string) float64 {
	var out dto.Metric
	if err := m.logins.WithLabelValues(outcome).Write(&out); err != nil {
		return -1
	}
	return out.GetCounter().GetValue()
}
