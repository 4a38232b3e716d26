package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/notegate/notegate/config"
	"github.com/notegate/notegate/httpapi"
	"github.com/notegate/notegate/internal/samples"
	"github.com/notegate/notegate/models"
	"github.com/notegate/notegate/pipeline"
	"github.com/notegate/notegate/stages/index"
)

// searchBenchReport is the final JSON line of notegate bench-search.
type searchBenchReport struct {
	Notes      int                `json:"notes"`
	Clients    int                `json:"clients"`
	Seconds    float64            `json:"seconds"`
	Query      string             `json:"query"`
	Search     searchBenchOutcome `json:"search"`
	Healthz    map[string]latency `json:"healthz_ms"`
	RSSMB      map[string]float64 `json:"rss_mb"`
	Config     searchBenchConfig  `json:"search_config"`
	GOMAXPROCS int                `json:"gomaxprocs"`
	LoadAvg    string             `json:"load_avg"`
}

type searchBenchOutcome struct {
	// Status counts answers by HTTP status ("error" for no answer).
	Status   map[string]int `json:"status"`
	Admitted float64        `json:"admitted"`
	// OKMillis are the latencies of the answers with status 200.
	OKMillis latency `json:"ok_ms"`
	// Total and TotalRelation are those of the first answer with status
	// 200: how many hits the search reported, exactly ("eq") or at least.
	Total         int    `json:"total"`
	TotalRelation string `json:"total_relation"`
}

type searchBenchConfig struct {
	MaxConcurrent int    `json:"max_concurrent"`
	MaxQueued     int    `json:"max_queued"`
	Timeout       string `json:"timeout"`
	MaxWindow     int    `json:"max_window"`
	Unbounded     bool   `json:"unbounded"`
}

type latency struct {
	N      int     `json:"n"`
	Failed int     `json:"failed,omitempty"`
	P50    float64 `json:"p50"`
	P99    float64 `json:"p99"`
	Max    float64 `json:"max"`
}

// cmdBenchSearch fills an embedded index with synthetic notes run through
// the stages, serves it over HTTP as the service does (the main listener
// and the ops listener), floods /api/search with concurrent clients and
// meanwhile probes /healthz on both listeners, then reports the probes'
// latency, the searches' answers and the process's RSS.
func cmdBenchSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench-search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	notes := fs.Int("notes", 20000, "synthetic notes in the index")
	seed := fs.Int64("seed", 1, "seed of the synthetic note generator")
	data := fs.String("data", "", "folder of the index, kept and reused by later runs with the same --notes and --seed; empty: a temporary one")
	clients := fs.Int("clients", 200, "concurrent search clients")
	duration := fs.Duration("duration", 20*time.Second, "how long the clients search")
	q := fs.String("q", "的", "query text")
	limit := fs.Int("limit", 100, "page size")
	offset := fs.Int("offset", 900, "offset of every search (with limit, within http.search.max_window unless --unbounded)")
	cursor := fs.Bool("cursor", false, "walk the pages with next_cursor instead of asking for one offset")
	politely := fs.Bool("honor-retry-after", true, "clients wait Retry-After after a 429 or 503; false floods")
	unbounded := fs.Bool("unbounded", false, "no concurrency limit, deadline or window: search as it was before the limits")
	path := fs.String("config", "", "optional YAML configuration file (http.search)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *notes <= 0 || *clients <= 0 {
		return errors.New("--notes and --clients must be positive")
	}
	cfg, err := config.Load(*path, os.Getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg.LogLevel, stderr)
	applyMemoryLimit(cfg.MemoryLimit, os.Getenv, log)
	dir := *data
	if dir == "" {
		if dir, err = os.MkdirTemp("", "notegate-bench-search-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	idx, err := fillSearchBenchIndex(ctx, cfg, dir, *notes, *seed, log, stderr)
	if err != nil {
		return err
	}
	defer idx.Close()
	runtime.GC()
	debug.FreeOSMemory()

	search := cfg.HTTP.Search.WithDefaults()
	if *unbounded {
		search = httpapi.SearchConfig{MaxConcurrent: 1 << 20, MaxQueued: -1, Timeout: time.Hour, MaxWindow: 1 << 30}.WithDefaults()
	}
	reg := prometheus.NewRegistry()
	metrics, err := httpapi.NewSearchMetrics(reg)
	if err != nil {
		return err
	}
	httpCfg := httpapi.Config{Markets: []string{"cn", "intl"}, Gatherer: reg, Logger: log, Health: pipeline.NewHealth(cfg.Health),
		Search: search, SearchMetrics: metrics}
	mainAddr, stopMain, err := serveBench(httpapi.New(idx, httpCfg))
	if err != nil {
		return err
	}
	defer stopMain()
	opsAddr, stopOps, err := serveBench(httpapi.NewOps(httpCfg))
	if err != nil {
		return err
	}
	defer stopOps()

	rssBefore := rssMB()
	fmt.Fprintf(stderr, "bench-search: %d notes; %d clients for %s searching %q limit %d offset %d cursor %v; slots %d, queue %d, timeout %s, window %d; RSS %.0f MB\n",
		*notes, *clients, *duration, *q, *limit, *offset, *cursor, search.MaxConcurrent, search.MaxQueued, search.Timeout, search.MaxWindow, rssBefore)
	loadCtx, stop := context.WithTimeout(ctx, *duration)
	defer stop()
	var peakRSS atomic.Uint64
	var samplers sync.WaitGroup
	samplers.Go(func() { sampleRSS(loadCtx, &peakRSS) })
	probes := map[string]*[]float64{"main": new([]float64), "ops": new([]float64)}
	failedProbes := map[string]*atomic.Int64{"main": new(atomic.Int64), "ops": new(atomic.Int64)}
	for name, addr := range map[string]string{"main": mainAddr, "ops": opsAddr} {
		samplers.Go(func() { probeHealth(loadCtx, addr, probes[name], failedProbes[name]) })
	}
	res := floodSearch(loadCtx, mainAddr, *clients, *q, *limit, *offset, *cursor, *politely)
	samplers.Wait()

	rep := searchBenchReport{
		Notes: *notes, Clients: *clients, Seconds: duration.Seconds(),
		Query: fmt.Sprintf("q=%s&limit=%d&offset=%d cursor=%v honor_retry_after=%v", *q, *limit, *offset, *cursor, *politely),
		Search: searchBenchOutcome{Status: res.status, Admitted: gathered(reg, "notegate_search_admitted_total"), OKMillis: summarize(res.okMillis, 0),
			Total: res.total, TotalRelation: res.relation},
		Healthz: map[string]latency{
			"main": summarize(*probes["main"], int(failedProbes["main"].Load())),
			"ops":  summarize(*probes["ops"], int(failedProbes["ops"].Load())),
		},
		RSSMB: map[string]float64{"before": round(rssBefore, 1), "peak_during": round(float64(peakRSS.Load())/1024, 1)},
		Config: searchBenchConfig{MaxConcurrent: search.MaxConcurrent, MaxQueued: search.MaxQueued, Timeout: search.Timeout.String(),
			MaxWindow: search.MaxWindow, Unbounded: *unbounded},
		GOMAXPROCS: runtime.GOMAXPROCS(0), LoadAvg: loadAvg(),
	}
	fmt.Fprintf(stderr, "bench-search: searches %v (admitted %.0f), total %d (%s), 200s p50 %.0f ms p99 %.0f ms; /healthz main p50 %.1f ms p99 %.1f ms max %.1f ms (%d failed), ops p50 %.1f ms p99 %.1f ms max %.1f ms (%d failed); peak RSS %.0f MB; load %s\n",
		rep.Search.Status, rep.Search.Admitted, rep.Search.Total, rep.Search.TotalRelation, rep.Search.OKMillis.P50, rep.Search.OKMillis.P99,
		rep.Healthz["main"].P50, rep.Healthz["main"].P99, rep.Healthz["main"].Max, rep.Healthz["main"].Failed,
		rep.Healthz["ops"].P50, rep.Healthz["ops"].P99, rep.Healthz["ops"].Max, rep.Healthz["ops"].Failed, rep.RSSMB["peak_during"], rep.LoadAvg)
	return json.NewEncoder(stdout).Encode(rep)
}

// fillSearchBenchIndex opens the embedded index in dir and, unless an
// earlier run left the same notes there, runs n synthetic note events
// through the stages into it.
func fillSearchBenchIndex(ctx context.Context, cfg config.Config, dir string, n int, seed int64, log *slog.Logger, stderr io.Writer) (*index.Embedded, error) {
	idx, err := index.OpenEmbedded(index.EmbeddedConfig{Dir: filepath.Join(dir, "index"), Logger: log})
	if err != nil {
		return nil, err
	}
	marker := filepath.Join(dir, "bench-search.json")
	want := fmt.Sprintf(`{"notes":%d,"seed":%d}`, n, seed)
	if got, err := os.ReadFile(marker); err == nil && string(got) == want {
		fmt.Fprintf(stderr, "bench-search: reusing the %d notes in %s\n", n, dir)
		// A run stopped early leaves notes for the search index to take.
		if err := idx.Refresh(ctx); err != nil {
			_ = idx.Close()
			return nil, err
		}
		return idx, nil
	}
	built, err := buildStages(cfg, stageNames, log)
	if err != nil {
		_ = idx.Close()
		return nil, err
	}
	quiet := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	proc := pipeline.NewProcessor(pipeline.ProcessorConfig{Stages: built.stages, Indexer: idx, Backoff: cfg.Kafka.Backoff, Logger: quiet})
	gen := samples.NewGenerator(seed)
	const batch = 500
	started := time.Now()
	batches := make(chan []*pipeline.Envelope, 2)
	errs := make(chan error, 2)
	var workers sync.WaitGroup
	for range 2 {
		workers.Go(func() {
			for b := range batches {
				if err := proc.Process(ctx, b); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	go func() {
		defer close(batches)
		for done := 0; done < n; done += batch {
			b := make([]*pipeline.Envelope, 0, batch)
			for range min(batch, n-done) {
				ev := gen.Next()
				b = append(b, &pipeline.Envelope{Note: &models.Note{NoteEvent: ev}})
			}
			select {
			case batches <- b:
			case <-ctx.Done():
				return
			}
			if (done/batch)%20 == 19 {
				fmt.Fprintf(stderr, "bench-search: %d of %d notes indexed (%.0f/s)\n", done+batch, n, float64(done+batch)/time.Since(started).Seconds())
			}
		}
	}()
	workers.Wait()
	close(errs)
	if err := <-errs; err != nil {
		_ = idx.Close()
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		_ = idx.Close()
		return nil, err
	}
	// Search trails the note store: wait until every note is searchable.
	if err := idx.Refresh(ctx); err != nil {
		_ = idx.Close()
		return nil, err
	}
	fmt.Fprintf(stderr, "bench-search: indexed %d notes in %s\n", n, time.Since(started).Round(time.Second))
	if err := os.WriteFile(marker, []byte(want), 0o644); err != nil {
		return nil, err
	}
	return idx, nil
}

// serveBench serves h on a free port of 127.0.0.1 as the service does.
func serveBench(h http.Handler) (string, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := newHTTPServer(h)
	go func() { _ = srv.Serve(ln) }()
	return ln.Addr().String(), func() { _ = srv.Close() }, nil
}

// probeHealth asks addr for /healthz every 20ms, one probe at a time as an
// orchestrator would, each allowed 5s, and records every latency in ms.
func probeHealth(ctx context.Context, addr string, out *[]float64, failed *atomic.Int64) {
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
	defer client.CloseIdleConnections()
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		start := time.Now()
		res, err := client.Get("http://" + addr + "/healthz")
		ms := float64(time.Since(start).Microseconds()) / 1000
		if err == nil {
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
		if ctx.Err() != nil && err != nil {
			return // cut off by the end of the run
		}
		*out = append(*out, ms)
		if err != nil || res.StatusCode != http.StatusOK {
			failed.Add(1)
		}
	}
}

type floodResult struct {
	status   map[string]int
	okMillis []float64
	// total and relation are those of the first answer with status 200.
	total    int
	relation string
}

// floodSearch runs clients that search addr in a loop until ctx ends.
func floodSearch(ctx context.Context, addr string, clients int, q string, limit, offset int, cursor, politely bool) floodResult {
	transport := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	client := &http.Client{Transport: transport, Timeout: time.Minute}
	defer client.CloseIdleConnections()
	var mu sync.Mutex
	out := floodResult{status: map[string]int{}}
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			next := ""
			for ctx.Err() == nil {
				v := url.Values{"q": {q}, "limit": {strconv.Itoa(limit)}}
				switch {
				case cursor && next != "":
					v.Set("cursor", next)
				case !cursor:
					v.Set("offset", strconv.Itoa(offset))
				}
				req, _ := http.NewRequestWithContext(ctx, "GET", "http://"+addr+"/api/search?"+v.Encode(), nil)
				start := time.Now()
				res, err := client.Do(req)
				ms := float64(time.Since(start).Microseconds()) / 1000
				if err != nil {
					if ctx.Err() == nil {
						mu.Lock()
						out.status["error"]++
						mu.Unlock()
					}
					continue
				}
				var page struct {
					NextCursor    string `json:"next_cursor"`
					Total         int    `json:"total"`
					TotalRelation string `json:"total_relation"`
				}
				_ = json.NewDecoder(res.Body).Decode(&page)
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				next = page.NextCursor
				mu.Lock()
				out.status[strconv.Itoa(res.StatusCode)]++
				if res.StatusCode == http.StatusOK {
					if out.okMillis == nil {
						out.total, out.relation = page.Total, page.TotalRelation
					}
					out.okMillis = append(out.okMillis, ms)
				}
				mu.Unlock()
				if wait, err := strconv.Atoi(res.Header.Get("Retry-After")); err == nil && politely {
					select {
					case <-ctx.Done():
					case <-time.After(time.Duration(wait) * time.Second):
					}
				}
			}
		})
	}
	wg.Wait()
	return out
}

func summarize(ms []float64, failed int) latency {
	if len(ms) == 0 {
		return latency{Failed: failed}
	}
	s := slices.Clone(ms)
	slices.Sort(s)
	return latency{N: len(s), Failed: failed, P50: round(percentile(s, 0.50), 1), P99: round(percentile(s, 0.99), 1), Max: round(s[len(s)-1], 1)}
}

// sampleRSS keeps the peak resident set, in KiB, every 50ms until ctx ends.
func sampleRSS(ctx context.Context, peak *atomic.Uint64) {
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		if kb := uint64(rssMB() * 1024); kb > peak.Load() {
			peak.Store(kb)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// rssMB reads the process's resident set (VmRSS) on Linux; 0 elsewhere.
func rssMB() float64 { return procStatusMB(0, "VmRSS:") }

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	return strings.Join(strings.Fields(string(b))[:3], " ")
}

// gathered returns the value of the counter name in reg, 0 when absent.
func gathered(reg prometheus.Gatherer, name string) float64 {
	families, err := reg.Gather()
	if err != nil {
		return 0
	}
	for _, f := range families {
		if f.GetName() == name && len(f.GetMetric()) > 0 {
			return f.GetMetric()[0].GetCounter().GetValue()
		}
	}
	return 0
}
