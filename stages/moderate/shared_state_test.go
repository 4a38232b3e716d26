package moderate

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/notegate/notegate/internal/breaker"
	"github.com/notegate/notegate/internal/redistest"
	"github.com/notegate/notegate/models"
)

// sharedState connects one replica to the server.
func sharedState(t testing.TB, srv *redistest.Server, bc breaker.Config) *SharedState {
	t.Helper()
	s, err := NewSharedState(SharedRedisConfig{Addr: srv.Addr, KeyPrefix: "test:", Breaker: bc}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// replicas are two campaign and two velocity detectors, each pair with its
// own connection to one Redis, on one clock.
type replicas struct {
	clock              *clock
	campaign, velocity [2]NoteDetector
	state              [2]*SharedState
}

func newReplicas(t *testing.T, srv *redistest.Server, bc breaker.Config) *replicas {
	t.Helper()
	r := &replicas{clock: &clock{time.Date(2025, 1, 14, 10, 0, 0, 0, time.UTC)}}
	for i := range 2 {
		r.state[i] = sharedState(t, srv, bc)
		c, err := NewCampaignDetector(CampaignConfig{}, r.clock.now)
		if err != nil {
			t.Fatal(err)
		}
		c.ShareState(r.state[i])
		v, err := NewVelocityDetector(VelocityConfig{}, r.clock.now)
		if err != nil {
			t.Fatal(err)
		}
		v.ShareState(r.state[i])
		r.campaign[i], r.velocity[i] = c, v
	}
	return r
}

func TestSharedStateCountsOneCampaignAcrossReplicas(t *testing.T) {
	t.Parallel()
	r := newReplicas(t, redistest.Start(t), breaker.Config{})
	var fs []FieldFinding
	for i := range 5 {
		// Copies edit themselves, and land on alternate replicas.
		body := fmt.Sprintf("第%d批 %s", i+1, campaignText)
		fs = detectNote(t, r.campaign[i%2], campaignNote(fmt.Sprint("n", i), fmt.Sprint("a", i), body))
		r.clock.t = r.clock.t.Add(time.Second)
	}
	if len(fs) != 1 || fs[0].Rule != campaignRule(4) {
		t.Errorf("5th copy (3rd on replica 0): findings %+v, want %q", fs, campaignRule(4))
	}
	for i, st := range r.state {
		if c, _ := st.Stats(); c.OK.Load() == 0 || c.Failed.Load() != 0 {
			t.Errorf("replica %d: %d ok, %d failed calls", i, c.OK.Load(), c.Failed.Load())
		}
	}
}

func TestSharedStateCountsOneAuthorAcrossReplicas(t *testing.T) {
	t.Parallel()
	r := newReplicas(t, redistest.Start(t), breaker.Config{})
	var fs []FieldFinding
	for i := range 25 {
		fs = detectNote(t, r.velocity[i%2], campaignNote(fmt.Sprint("n", i), "fast", "hello"))
		r.clock.t = r.clock.t.Add(time.Second)
	}
	if len(fs) != 1 || fs[0].Rule != velocityRule(25) {
		t.Errorf("25th note (13th on replica 0): findings %+v, want %q", fs, velocityRule(25))
	}
	// An edit and a retry of a note the other replica counted count once.
	n := campaignNote("n3", "fast", "hello again")
	n.Version = 2
	if fs := detectNote(t, r.velocity[0], n); len(fs) != 1 || fs[0].Rule != velocityRule(25) {
		t.Errorf("edit of n3: findings %+v, want %q", fs, velocityRule(25))
	}
}

func TestSharedStateReplayOnAnotherReplicaGetsTheSameFindings(t *testing.T) {
	t.Parallel()
	r := newReplicas(t, redistest.Start(t), breaker.Config{})
	judge := func(replica int, id string, version int64, author, body string) []FieldFinding {
		n := campaignNote(id, author, body)
		n.Version = version
		fs := detectNote(t, r.campaign[replica], n)
		fs = append(fs, detectNote(t, r.velocity[replica], n)...)
		r.clock.t = r.clock.t.Add(time.Second)
		return fs
	}
	for i := range 4 {
		judge(0, fmt.Sprint("n", i), 1, "fast", campaignText)
	}
	for i := 4; i < 20; i++ {
		judge(0, fmt.Sprint("n", i), 1, "fast", campaignText)
	}
	first := judge(0, "n20", 1, "fast", campaignText)
	if len(first) != 2 {
		t.Fatalf("n20 on replica 0: findings %+v, want a campaign and a velocity finding", first)
	}
	for i := 21; i < 40; i++ {
		judge(0, fmt.Sprint("n", i), 1, "fast", campaignText)
	}
	// Replica 1 never saw n20; it replays it and must judge it as replica 0 did.
	if again := judge(1, "n20", 1, "fast", campaignText); !reflect.DeepEqual(again, first) {
		t.Errorf("replay of n20 on replica 1: %+v, replica 0 judged %+v", again, first)
	}
	// An older note judged before its campaign stays out of it.
	if again := judge(1, "n2", 1, "fast", campaignText); len(again) != 0 {
		t.Errorf("replay of n2 on replica 1: %+v, want none (judged before the campaign)", again)
	}
}

func TestSharedStateFallsBackWhenRedisDies(t *testing.T) {
	t.Parallel()
	srv := redistest.Start(t)
	s, err := New(Config{SharedState: SharedStateConfig{Redis: SharedRedisConfig{
		Addr: srv.Addr, KeyPrefix: "test:", Breaker: breaker.Config{Failures: 2, Cooldown: time.Hour},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	process := func(i int) *models.Note {
		n := campaignNote(fmt.Sprint("n", i), "fast", campaignText)
		// A guard against a stall, not a measurement.
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := s.Process(ctx, []*models.Note{n}); err != nil {
			t.Fatalf("note %d: %v", i, err)
		}
		return n
	}
	for i := range 3 {
		process(i)
	}
	srv.Kill()
	var last *models.Note
	for i := 3; i < 12; i++ {
		last = process(i)
	}
	// The in-process state saw every note: the campaign is still found.
	if last.Moderation.Markets["cn"] != models.DecisionBlock {
		t.Errorf("12th copy with Redis dead: %+v", last.Moderation)
	}
	// Both detectors share one round trip a note: two failed round trips
	// open the breaker, and every later note skips Redis.
	campaign, velocity := s.shared.Stats()
	for name, st := range map[string]*SharedStats{"campaign": campaign, "velocity": velocity} {
		if st.OK.Load() != 3 || st.Failed.Load() != 2 || st.Skipped.Load() != 7 {
			t.Errorf("%s: %d ok, %d failed, %d skipped; want 3, 2 (then the breaker opens), 7",
				name, st.OK.Load(), st.Failed.Load(), st.Skipped.Load())
		}
	}
}

// roundTrips counts the commands and pipelines a client sends.
type roundTrips struct{ n atomic.Int64 }

func (r *roundTrips) DialHook(next redis.DialHook) redis.DialHook { return next }
func (r *roundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		r.n.Add(1)
		return next(ctx, cmd)
	}
}
func (r *roundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		r.n.Add(1)
		return next(ctx, cmds)
	}
}

func TestSharedStateJudgesANoteInOneRoundTrip(t *testing.T) {
	t.Parallel()
	srv := redistest.Start(t)
	s, err := New(Config{SharedState: SharedStateConfig{Redis: SharedRedisConfig{Addr: srv.Addr}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	// A first note connects and loads the scripts.
	if err := s.Process(t.Context(), []*models.Note{campaignNote("warm", "b", campaignText)}); err != nil {
		t.Fatal(err)
	}
	trips := &roundTrips{}
	s.shared.conn.Client().AddHook(trips)
	notes := []*models.Note{
		campaignNote("long", "a", campaignText),     // campaign and velocity pipelined
		campaignNote("short", "a", "好看！"),           // too short for a campaign: velocity alone
		campaignNote("anonymous", "", campaignText), // no author: campaign alone
	}
	for _, n := range notes {
		before := trips.n.Load()
		if err := s.Process(t.Context(), []*models.Note{n}); err != nil {
			t.Fatal(err)
		}
		if got := trips.n.Load() - before; got != 1 {
			t.Errorf("note %s: %d round trips, want 1", n.NoteID, got)
		}
	}
}

func TestSharedRedisConfigValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cfg  SharedRedisConfig
		ok   bool
	}{
		{"off is valid", SharedRedisConfig{}, true},
		{"an address with a port is valid", SharedRedisConfig{Addr: "redis:6379"}, true},
		{"an address without a port is not", SharedRedisConfig{Addr: "redis"}, false},
		{"a negative timeout is not", SharedRedisConfig{Addr: "redis:6379", ReadTimeout: -time.Second}, false},
		{"a negative db is not", SharedRedisConfig{Addr: "redis:6379", DB: -1}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := (Config{SharedState: SharedStateConfig{Redis: tt.cfg}}).Validate(); (err == nil) != tt.ok {
				t.Errorf("Validate() = %v, want ok %v", err, tt.ok)
			}
		})
	}
}

func TestSharedRedisConfigHasTheDocumentedDefaults(t *testing.T) {
	t.Parallel()
	got := SharedRedisConfig{Addr: "redis:6379"}.WithDefaults(sharedRedisDefaults)
	want := SharedRedisConfig{Addr: "redis:6379", KeyPrefix: "notegate:mod:",
		DialTimeout: 200 * time.Millisecond, ReadTimeout: 100 * time.Millisecond, WriteTimeout: 100 * time.Millisecond,
		PoolSize: 10, Breaker: breaker.Config{Failures: 3, Cooldown: 5 * time.Second}}
	if got != want {
		t.Errorf("defaults %+v, want %+v", got, want)
	}
}

func TestSharedRedisConfigKeepsThePasswordOutOfLogs(t *testing.T) {
	t.Parallel()
	v := SharedRedisConfig{Addr: "redis:6379", Password: "s3cret"}.LogValue().String()
	if bytes.Contains([]byte(v), []byte("s3cret")) {
		t.Errorf("log value %s shows the password", v)
	}
}

// BenchmarkModerateSharedState is BenchmarkModerate with campaign and
// velocity state in a real redis-server on this machine: the cost of two
// script calls (one round trip each) per note. Every note there is a copy
// of one of 8 texts, so every campaign bucket is full: the worst case.
func BenchmarkModerateSharedState(b *testing.B) {
	srv := redistest.Start(b)
	benchmarkModerate(b, Config{SharedState: SharedStateConfig{Redis: SharedRedisConfig{Addr: srv.Addr, KeyPrefix: "bench:"}}})
}

// BenchmarkModerateDistinctNotes moderates notes that are all different
// (the common case: no campaign), with state in process and in Redis.
func BenchmarkModerateDistinctNotes(b *testing.B) {
	const pool = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
	notes := make([]models.NoteEvent, 4096)
	x := uint64(1)
	runes := []rune(pool)
	for i := range notes {
		var body []rune
		for range 40 {
			x = x*6364136223846793005 + 1442695040888963407
			body = append(body, runes[(x>>33)%uint64(len(runes))])
		}
		notes[i] = models.NoteEvent{Title: "日常", Body: string(body)}
	}
	run := func(b *testing.B, cfg Config) {
		s, err := New(cfg)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { s.Close() })
		batch := make([]*models.Note, 8)
		ctx := context.Background()
		b.ReportAllocs()
		n := 0
		for b.Loop() {
			for i := range batch {
				batch[i] = &models.Note{NoteEvent: notes[(n+i)%len(notes)]}
				batch[i].NoteID = "n" + strconv.Itoa(n+i)
				batch[i].AuthorID = "a" + strconv.Itoa((n+i)%1000)
			}
			if err := s.Process(ctx, batch); err != nil {
				b.Fatal(err)
			}
			n += len(batch)
		}
		b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "notes/s")
	}
	b.Run("in-process", func(b *testing.B) { run(b, Config{}) })
	b.Run("redis", func(b *testing.B) {
		srv := redistest.Start(b)
		run(b, Config{SharedState: SharedStateConfig{Redis: SharedRedisConfig{Addr: srv.Addr, KeyPrefix: "bench:"}}})
	})
}
