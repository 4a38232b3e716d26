package desk_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/crypto/bcrypt"

	"github.com/notegate/notegate/desk"
)

// loginCost is the cost of alice's hash in the login tests: low, so the
// tests run fast under -race; the dummy hash must follow it.
const loginCost = bcrypt.MinCost + 1

// loginDesk is a desk whose logins lock after 3 failures for 30s, on a
// clock that stands still, counting attempts in its own registry.
func loginDesk(t *testing.T, trustForwarded bool) (*Desk, *desk.Metrics) {
	t.Helper()
	metrics, err := desk.NewMetrics(prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte("correct horse battery"), loginCost)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	d := newDeskWith(t, func(c *desk.Config, o *desk.Options) {
		c.Accounts[0].PasswordHash = string(hash)
		c.Login = desk.LoginConfig{MaxFailures: 3, BaseDelay: 30 * time.Second, MaxDelay: time.Hour, TrustForwardedFor: trustForwarded}
		o.Clock = func() time.Time { return now }
		o.Metrics = metrics
	})
	return d, metrics
}

type loginAnswer struct {
	status     int
	retryAfter string
	err        string
}

// login posts a login as name from the client address forwardedFor (sent
// as X-Forwarded-For when not empty).
func login(t *testing.T, d *Desk, name, password, forwardedFor string) loginAnswer {
	t.Helper()
	body, _ := json.Marshal(map[string]string{"name": name, "password": password})
	req, err := http.NewRequest("POST", d.URL+"/api/review/login", strings.NewReader(string(body)))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set(desk.CSRFHeader, "1")
	if forwardedFor != "" {
		req.Header.Set("X-Forwarded-For", forwardedFor)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Error string `json:"error"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return loginAnswer{status: resp.StatusCode, retryAfter: resp.Header.Get("Retry-After"), err: out.Error}
}

func wantStatus(t *testing.T, got loginAnswer, status int, what string) {
	t.Helper()
	if got.status != status {
		t.Fatalf("%s: %d (%q), want %d", what, got.status, got.err, status)
	}
}

func TestLogin(t *testing.T) {
	t.Parallel()
	const good = "correct horse battery"
	tests := []struct {
		name    string
		trusted bool
		run     func(t *testing.T, d *Desk)
		// want counts attempts by outcome: ok, bad_credentials, throttled.
		want [3]float64
	}{
		{name: "an unknown name and a wrong password are answered alike, after a comparison at the accounts' cost",
			run: func(t *testing.T, d *Desk) {
				unknown := login(t, d, "nobody", good, "")
				wrong := login(t, d, "alice", "wrong password", "")
				if unknown != wrong || unknown.status != http.StatusUnauthorized {
					t.Errorf("unknown name answered %+v, wrong password %+v; want the same 401", unknown, wrong)
				}
				dummy, err := desk.LoginHashCost(d.Desk, "nobody")
				if err != nil {
					t.Fatal(err)
				}
				account, err := desk.LoginHashCost(d.Desk, "alice")
				if err != nil {
					t.Fatal(err)
				}
				if dummy != account || account != loginCost {
					t.Errorf("an unknown name is compared at cost %d, alice at %d; want both %d", dummy, account, loginCost)
				}
			},
			want: [3]float64{0, 2, 0}},
		{name: "the attempt after max failures of one account is refused with 429 and Retry-After, unchecked",
			trusted: true,
			run: func(t *testing.T, d *Desk) {
				// Each from its own address: only the account's count applies.
				for _, from := range []string{"192.0.2.1", "192.0.2.2", "192.0.2.3"} {
					wantStatus(t, login(t, d, "alice", "wrong password", from), http.StatusUnauthorized, "wrong password from "+from)
				}
				got := login(t, d, "alice", good, "192.0.2.4")
				wantStatus(t, got, http.StatusTooManyRequests, "the right password after 3 failures")
				if got.retryAfter != "30" || !strings.Contains(got.err, "too many failed logins") {
					t.Errorf("429 with Retry-After %q and error %q, want 30 and a message saying why", got.retryAfter, got.err)
				}
				wantStatus(t, login(t, d, "nobody", "x", "192.0.2.5"), http.StatusUnauthorized, "another name")
			},
			want: [3]float64{0, 4, 1}},
		{name: "an unknown name is throttled like a known one",
			trusted: true,
			run: func(t *testing.T, d *Desk) {
				for _, from := range []string{"192.0.2.1", "192.0.2.2", "192.0.2.3"} {
					wantStatus(t, login(t, d, "nobody", "guess", from), http.StatusUnauthorized, "guess from "+from)
				}
				wantStatus(t, login(t, d, "nobody", "guess", "192.0.2.4"), http.StatusTooManyRequests, "the 4th guess")
			},
			want: [3]float64{0, 3, 1}},
		{name: "another account from the same address is throttled by the address limit",
			run: func(t *testing.T, d *Desk) {
				for _, name := range []string{"bob", "carol", "dave"} {
					wantStatus(t, login(t, d, name, "guess", ""), http.StatusUnauthorized, name)
				}
				got := login(t, d, "alice", good, "")
				wantStatus(t, got, http.StatusTooManyRequests, "alice from the address that failed 3 times")
				if got.retryAfter != "30" {
					t.Errorf("Retry-After %q, want 30", got.retryAfter)
				}
			},
			want: [3]float64{0, 3, 1}},
		{name: "an untrusted X-Forwarded-For does not change the address",
			run: func(t *testing.T, d *Desk) {
				for _, from := range []string{"192.0.2.1", "192.0.2.2", "192.0.2.3"} {
					wantStatus(t, login(t, d, "name-"+from, "guess", from), http.StatusUnauthorized, "guess claiming "+from)
				}
				wantStatus(t, login(t, d, "alice", good, "192.0.2.4"), http.StatusTooManyRequests, "alice claiming a fresh address")
			},
			want: [3]float64{0, 3, 1}},
		{name: "a success resets the account's count",
			trusted: true,
			run: func(t *testing.T, d *Desk) {
				wantStatus(t, login(t, d, "alice", "wrong", "192.0.2.1"), http.StatusUnauthorized, "1st failure")
				wantStatus(t, login(t, d, "alice", "wrong", "192.0.2.2"), http.StatusUnauthorized, "2nd failure")
				wantStatus(t, login(t, d, "alice", good, "192.0.2.3"), http.StatusOK, "the right password")
				wantStatus(t, login(t, d, "alice", "wrong", "192.0.2.4"), http.StatusUnauthorized, "1st failure after the success")
				wantStatus(t, login(t, d, "alice", "wrong", "192.0.2.5"), http.StatusUnauthorized, "2nd failure after the success")
				wantStatus(t, login(t, d, "alice", "wrong", "192.0.2.6"), http.StatusUnauthorized, "3rd failure after the success")
				wantStatus(t, login(t, d, "alice", good, "192.0.2.7"), http.StatusTooManyRequests, "after 3 more failures")
			},
			want: [3]float64{1, 5, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d, metrics := loginDesk(t, tt.trusted)
			tt.run(t, d)
			for i, outcome := range []string{desk.LoginOK, desk.LoginBadCredentials, desk.LoginThrottled} {
				if got := metrics.LoginAttempts(outcome); got != tt.want[i] {
					t.Errorf("notegate_review_login_attempts_total{outcome=%q} = %v, want %v", outcome, got, tt.want[i])
				}
			}
		})
	}
}

// BenchmarkLogin measures failed logins through the HTTP API at the
// default bcrypt cost: each iteration posts one unknown name and one known
// name with a wrong password, in alternating order so that load on the
// machine falls on both alike, and reports the median latency of each
// (unknown-ms, wrong-ms) and their ratio. The throttle is set out of
// reach so every attempt is checked.
func BenchmarkLogin(b *testing.B) {
	d := newDeskWith(b, func(c *desk.Config, o *desk.Options) {
		c.Login = desk.LoginConfig{MaxFailures: 1 << 30}
	})
	post := func(name string) time.Duration {
		start := time.Now()
		req, _ := http.NewRequest("POST", d.URL+"/api/review/login", strings.NewReader(`{"name":"`+name+`","password":"wrong password"}`))
		req.Header.Set(desk.CSRFHeader, "1")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			b.Fatalf("status %d", resp.StatusCode)
		}
		return time.Since(start)
	}
	var unknown, wrong []time.Duration
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			unknown = append(unknown, post("nobody"))
			wrong = append(wrong, post("alice"))
		} else {
			wrong = append(wrong, post("alice"))
			unknown = append(unknown, post("nobody"))
		}
	}
	mu, mw := median(unknown), median(wrong)
	b.ReportMetric(float64(mu)/1e6, "unknown-ms")
	b.ReportMetric(float64(mw)/1e6, "wrong-ms")
	b.ReportMetric(float64(mu)/float64(mw), "unknown/wrong")
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
