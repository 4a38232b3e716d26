package moderate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/notegate/notegate/internal/breaker"
	"github.com/notegate/notegate/models"
)

// RemoteConfig configures the optional remote classifiers. Both are off by
// default; each is one NoteDetector that asks a server once per note (title
// and body) and, whatever goes wrong, leaves the local result standing.
type RemoteConfig struct {
	// Moderations is an OpenAI-compatible POST /v1/moderations endpoint.
	Moderations RemoteEndpoint `yaml:"moderations"`
	// Guard is a guard model behind an OpenAI-compatible POST
	// /v1/chat/completions endpoint, asked for a JSON verdict over
	// notegate's categories.
	Guard RemoteEndpoint `yaml:"guard"`
}

// RemoteEndpoint configures one remote classifier.
type RemoteEndpoint struct {
	// Enabled turns the classifier on. Default: false.
	Enabled bool `yaml:"enabled"`
	// URL is the server's base URL (http://host:port or .../v1); the
	// protocol's path is appended. Required when enabled.
	URL string `yaml:"url"`
	// Model is sent as "model". Default: "omni-moderation-latest" for
	// moderations, "" (the server's default) for the guard.
	Model string `yaml:"model"`
	// APIKey is sent as a bearer token. It is read only from the
	// environment (NOTEGATE_MODERATIONS_API_KEY, NOTEGATE_GUARD_API_KEY),
	// never from the file. Default: "".
	APIKey string `yaml:"-"`
	// Timeout bounds one request; on timeout the note goes on with the
	// local result. Default: 2s.
	Timeout time.Duration `yaml:"timeout"`
	// MaxConcurrent bounds requests in flight; a note that finds no free
	// slot within Timeout goes on without this classifier. Default: 8.
	MaxConcurrent int `yaml:"max_concurrent"`
	// BreakerFailures consecutive failures open the circuit breaker: the
	// classifier is skipped for BreakerCooldown, then one request tries
	// again. Default: 5.
	BreakerFailures int `yaml:"breaker_failures"`
	// BreakerCooldown is how long an open breaker skips the classifier.
	// Default: 30s.
	BreakerCooldown time.Duration `yaml:"breaker_cooldown"`
	// MinScore is the lowest category score reported as a finding.
	// Default: 0.5.
	MinScore float64 `yaml:"min_score"`
	// MaxInputBytes bounds the text sent, cut on a rune boundary.
	// Default: 8192.
	MaxInputBytes int `yaml:"max_input_bytes"`
}

func (e RemoteEndpoint) withDefaults(model string) RemoteEndpoint {
	if e.Model == "" {
		e.Model = model
	}
	if e.Timeout == 0 {
		e.Timeout = 2 * time.Second
	}
	if e.MaxConcurrent == 0 {
		e.MaxConcurrent = 8
	}
	if e.BreakerFailures == 0 {
		e.BreakerFailures = 5
	}
	if e.BreakerCooldown == 0 {
		e.BreakerCooldown = 30 * time.Second
	}
	if e.MinScore == 0 {
		e.MinScore = 0.5
	}
	if e.MaxInputBytes == 0 {
		e.MaxInputBytes = 8192
	}
	return e
}

// WithDefaults fills in zero fields.
func (c RemoteConfig) WithDefaults() RemoteConfig {
	c.Moderations = c.Moderations.withDefaults("omni-moderation-latest")
	c.Guard = c.Guard.withDefaults("")
	return c
}

// Validate reports settings that cannot work.
func (c RemoteConfig) Validate() error {
	for name, e := range map[string]RemoteEndpoint{"moderations": c.Moderations, "guard": c.Guard} {
		if !e.Enabled {
			continue
		}
		if !strings.HasPrefix(e.URL, "http://") && !strings.HasPrefix(e.URL, "https://") {
			return fmt.Errorf("remote.%s.url %q: want an http(s) URL", name, e.URL)
		}
		if e.Timeout < 0 || e.MaxConcurrent < 0 || e.BreakerFailures < 0 || e.BreakerCooldown < 0 || e.MaxInputBytes < 0 {
			return fmt.Errorf("remote.%s: negative setting", name)
		}
		if e.MinScore < 0 || e.MinScore > 1 {
			return fmt.Errorf("remote.%s.min_score %v: want [0, 1]", name, e.MinScore)
		}
	}
	return nil
}

func newRemoteDetectors(c RemoteConfig, log *slog.Logger) ([]Detector, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	c = c.WithDefaults()
	var out []Detector
	if c.Moderations.Enabled {
		out = append(out, NewRemoteClassifier("remote:moderations", c.Moderations, moderationsProtocol{}, log))
	}
	if c.Guard.Enabled {
		out = append(out, NewRemoteClassifier("remote:guard", c.Guard, guardProtocol{}, log))
	}
	return out, nil
}

// remoteProtocol is one wire protocol: how to ask and how to read the
// answer as scores per category.
type remoteProtocol interface {
	path() string
	request(model, text string) any
	parse(body []byte) (map[models.Category]float64, error)
}

// RemoteClassifier is a NoteDetector backed by a remote server. It never
// returns an error: a timeout, a refusal, a bad answer or an open breaker
// leaves the note with its local findings, and is counted in Stats and
// logged when the breaker opens or a failure streak starts.
type RemoteClassifier struct {
	name   string
	cfg    RemoteEndpoint
	proto  remoteProtocol
	client *http.Client
	slots  chan struct{}

	breaker *breaker.Breaker
	failing atomic.Bool // a failure streak is under way (logged once)

	stats RemoteStats
	log   *slog.Logger
}

// RemoteStats counts a remote classifier's outcomes.
type RemoteStats struct {
	OK, Failed, TimedOut, Skipped atomic.Int64
}

// NewRemoteClassifier builds a classifier speaking proto; cfg must have
// its defaults filled in. A nil log means slog.Default().
func NewRemoteClassifier(name string, cfg RemoteEndpoint, proto remoteProtocol, log *slog.Logger) *RemoteClassifier {
	if log == nil {
		log = slog.Default()
	}
	return &RemoteClassifier{
		name: name, cfg: cfg, proto: proto, log: log,
		client: &http.Client{Timeout: cfg.Timeout},
		slots:  make(chan struct{}, max(1, cfg.MaxConcurrent)),
		breaker: breaker.New(breaker.Config{Failures: cfg.BreakerFailures, Cooldown: cfg.BreakerCooldown}, nil,
			func(_, to breaker.State) {
				switch to {
				case breaker.Open: // after the streak, and again after each failed probe
					log.Warn("remote classifier breaker open", "classifier", name, "failures", cfg.BreakerFailures, "cooldown", cfg.BreakerCooldown)
				case breaker.Closed:
					log.Info("remote classifier recovered", "classifier", name)
				}
			}),
	}
}

// Name implements NoteDetector.
func (c *RemoteClassifier) Name() string { return c.name }

// Stats returns the outcome counters.
func (c *RemoteClassifier) Stats() *RemoteStats { return &c.stats }

// DetectNote implements NoteDetector; it never fails.
func (c *RemoteClassifier) DetectNote(ctx context.Context, n *models.Note, texts []*Text) ([]FieldFinding, error) {
	if len(texts) == 0 {
		return nil, nil
	}
	var parts []string
	field := texts[0].Field
	for _, t := range texts {
		if t.Field == "tags" {
			continue
		}
		parts = append(parts, t.Original)
		if t.Field == "body" {
			field = "body"
		}
	}
	text := truncate(strings.Join(parts, "\n"), c.cfg.MaxInputBytes)
	if strings.TrimSpace(text) == "" || !c.breaker.Allow() {
		c.stats.Skipped.Add(1)
		return nil, nil
	}
	ctx, cancel := context.WithTimeout(ctx, c.cfg.Timeout)
	defer cancel()
	select {
	case c.slots <- struct{}{}:
		defer func() { <-c.slots }()
	case <-ctx.Done():
		c.stats.Skipped.Add(1)
		c.fail(errors.New("no free request slot"))
		return nil, nil
	}
	scores, err := c.call(ctx, text)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			c.stats.TimedOut.Add(1)
		} else {
			c.stats.Failed.Add(1)
		}
		c.fail(err)
		return nil, nil
	}
	c.stats.OK.Add(1)
	c.failing.Store(false)
	c.breaker.Done(breaker.Success)
	var out []FieldFinding
	for _, cat := range models.Categories {
		if s, ok := scores[cat]; ok && s >= c.cfg.MinScore {
			out = append(out, FieldFinding{Field: field, Finding: Finding{Category: cat, Score: s, Rule: c.name}})
		}
	}
	return out, nil
}

func (c *RemoteClassifier) call(ctx context.Context, text string) (map[models.Category]float64, error) {
	body, err := json.Marshal(c.proto.request(c.cfg.Model, text))
	if err != nil {
		return nil, err
	}
	url := strings.TrimRight(c.cfg.URL, "/")
	url = strings.TrimSuffix(url, "/v1") + c.proto.path()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if c.cfg.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+c.cfg.APIKey)
	}
	resp, err := c.client.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("%s: %w", c.name, ctx.Err())
		}
		return nil, fmt.Errorf("%s: %w", c.name, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("%s: read answer: %w", c.name, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: HTTP %d: %.200s", c.name, resp.StatusCode, data)
	}
	scores, err := c.proto.parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.name, err)
	}
	return scores, nil
}

// fail records a failed request, and logs the first of a streak.
func (c *RemoteClassifier) fail(err error) {
	if !c.failing.Swap(true) {
		c.log.Warn("remote classifier failed; notes keep their local result", "classifier", c.name, "err", err)
	}
	c.breaker.Done(breaker.Failure)
}
