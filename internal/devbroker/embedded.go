// Package devbroker runs an embedded Kafka-protocol broker (franz-go's kfake)
// on a real TCP port, for dev mode, benchmarks and tests. Any Kafka client
// (kafka-go, kcat) talks to it as to a one-node cluster.
package devbroker

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
)

// Config configures an embedded broker.
type Config struct {
	// Port to listen on at 127.0.0.1; 0 picks a free one. Default 0.
	Port int
	// Partitions of every topic created here or by auto-creation. Default 4.
	Partitions int
	// Topics are created at start.
	Topics []string
	// DataDir, when set, persists the log there so topics, messages and
	// committed offsets survive a restart. Default "" (memory only).
	DataDir string
	// Logger receives the broker's warnings; nil discards them.
	Logger *slog.Logger
	// Stallable puts a TCP proxy in front of the broker, which the broker
	// advertises, so that Stall can make it hang for every client (fault
	// tests). Port is then ignored. Default false.
	Stallable bool
}

// Embedded is a running broker.
type Embedded struct {
	cluster *kfake.Cluster
	addrs   []string
	gate    *stallGate // nil unless Stallable
}

// Start starts a broker. Topics are also auto-created on first use, as
// with a default Kafka, so external producers need no set-up.
func Start(cfg Config) (*Embedded, error) {
	if cfg.Port < 0 || cfg.Port > 65535 {
		return nil, fmt.Errorf("broker port %d out of range", cfg.Port)
	}
	if cfg.Partitions <= 0 {
		cfg.Partitions = 4
	}
	opts := []kfake.Opt{
		kfake.NumBrokers(1),
		kfake.AllowAutoTopicCreation(),
		kfake.DefaultNumPartitions(cfg.Partitions),
		kfake.ClusterID("notegate-dev"),
		// kafka-go's default session timeout is 10s; the fake's default
		// minimum would refuse faster test groups.
		kfake.GroupMinSessionTimeout(100 * time.Millisecond),
	}
	var gate *stallGate
	if cfg.Stallable {
		var err error
		if gate, err = newStallGate(); err != nil {
			return nil, fmt.Errorf("start embedded broker: %w", err)
		}
		opts = append(opts, kfake.ListenFn(gate.listen))
	} else if cfg.Port != 0 {
		opts = append(opts, kfake.Ports(cfg.Port))
	}
	if len(cfg.Topics) > 0 {
		opts = append(opts, kfake.SeedTopics(int32(cfg.Partitions), cfg.Topics...))
	}
	if cfg.DataDir != "" {
		opts = append(opts, kfake.DataDir(cfg.DataDir))
	}
	if cfg.Logger != nil {
		opts = append(opts, kfake.WithLogger(slogAdapter{cfg.Logger}))
	}
	c, err := kfake.NewCluster(opts...)
	if err != nil {
		if gate != nil {
			gate.close()
		}
		return nil, fmt.Errorf("start embedded broker: %w", err)
	}
	addrs := c.ListenAddrs()
	if len(addrs) == 0 {
		c.Close()
		return nil, errors.New("embedded broker has no listen address")
	}
	return &Embedded{cluster: c, addrs: addrs, gate: gate}, nil
}

// Stall makes the broker hang for every client: connections stay open
// and new ones are accepted, but no byte is forwarded either way until
// Resume. It does nothing unless the broker was started Stallable.
func (e *Embedded) Stall() {
	if e.gate != nil {
		e.gate.stall()
	}
}

// Resume ends a Stall; what was held is forwarded.
func (e *Embedded) Resume() {
	if e.gate != nil {
		e.gate.resume()
	}
}

// Addrs returns the bootstrap addresses (host:port).
func (e *Embedded) Addrs() []string { return e.addrs }

// Close stops the broker.
func (e *Embedded) Close() {
	if e.gate != nil {
		e.gate.close()
	}
	e.cluster.Close()
}

type slogAdapter struct{ l *slog.Logger }

func (a slogAdapter) Logf(level kfake.LogLevel, msg string, args ...any) {
	text := fmt.Sprintf(msg, args...)
	switch level {
	case kfake.LogLevelError:
		a.l.Error(text, "component", "kfake")
	case kfake.LogLevelWarn:
		a.l.Warn(text, "component", "kfake")
	default:
		a.l.Debug(text, "component", "kfake")
	}
}
