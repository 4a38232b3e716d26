package desk

import (
	"net/http/httptest"
	"testing"
)

func TestClientAddress(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		remote  string
		xff     []string
		trusted bool
		want    string
	}{
		{name: "the connection's address without its port", remote: "192.0.2.7:51234", want: "192.0.2.7"},
		{name: "X-Forwarded-For is ignored unless trusted", remote: "192.0.2.7:51234", xff: []string{"198.51.100.1"}, want: "192.0.2.7"},
		{name: "a trusted X-Forwarded-For gives its last entry, the proxy's", remote: "10.0.0.1:80", xff: []string{"203.0.113.9, 198.51.100.1"}, trusted: true, want: "198.51.100.1"},
		{name: "of several X-Forwarded-For headers the last counts", remote: "10.0.0.1:80", xff: []string{"203.0.113.9", "198.51.100.2"}, trusted: true, want: "198.51.100.2"},
		{name: "an empty trusted X-Forwarded-For falls back to the connection", remote: "10.0.0.1:80", xff: []string{""}, trusted: true, want: "10.0.0.1"},
		{name: "an IPv6 client stands for its /64", remote: "[2001:db8:1:2:aaaa::1]:443", want: "2001:db8:1:2::/64"},
		{name: "an IPv4-mapped IPv6 address is its IPv4 address", remote: "[::ffff:192.0.2.7]:443", want: "192.0.2.7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := httptest.NewRequest("POST", "/api/review/login", nil)
			r.RemoteAddr = tt.remote
			for _, v := range tt.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := clientAddress(r, tt.trusted); got != tt.want {
				t.Errorf("clientAddress = %q, want %q", got, tt.want)
			}
		})
	}
}
