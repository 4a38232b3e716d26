package config

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Bytes is an amount of memory, written as GOMEMLIMIT is: a whole number
// of bytes with an optional unit, B, KiB, MiB, GiB or TiB ("300MiB",
// "1GiB", "524288000").
type Bytes int64

// ParseBytes reads s as GOMEMLIMIT would; "" is 0.
func ParseBytes(s string) (Bytes, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	num, mult := s, int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			num, mult = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("%q: want a whole number of bytes with an optional unit (B, KiB, MiB, GiB, TiB), as GOMEMLIMIT takes", s)
	}
	return Bytes(n * mult), nil
}

// UnmarshalYAML reads a string such as "300MiB" or a plain number of bytes.
func (b *Bytes) UnmarshalYAML(n *yaml.Node) error {
	v, err := ParseBytes(n.Value)
	if err != nil {
		return err
	}
	*b = v
	return nil
}

// String writes b in the largest unit that divides it.
func (b Bytes) String() string {
	for _, u := range []struct {
		suffix string
		mult   Bytes
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if b != 0 && b%u.mult == 0 {
			return strconv.FormatInt(int64(b/u.mult), 10) + u.suffix
		}
	}
	return strconv.FormatInt(int64(b), 10) + "B"
}

// MinMemoryLimit is the smallest memory_limit accepted: below it the
// collector would run continuously on start-up's data alone.
const MinMemoryLimit Bytes = 64 << 20
