package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"sync/atomic"
	"time"
)

// memorySampler follows the bench process's Go heap while the bench runs:
// the peak of the heap in use (live data and the garbage not yet
// collected) and the peak of the live heap (what the last collection
// found reachable), which with GOGC sets how far the heap grows.
type memorySampler struct {
	heapInuse atomic.Uint64
	liveHeap  atomic.Uint64
	// rssAnon and rssFile are the peaks of the resident set's two parts
	// (in kB, Linux): anonymous memory (the Go heap, stacks, the runtime's
	// own) and pages of mapped files (the executable, its embedded tables
	// included, and the index's mapped files), which the kernel can drop
	// and read again.
	rssAnon atomic.Uint64
	rssFile atomic.Uint64

	stop context.CancelFunc
	done sync.WaitGroup
	err  error // of writing the peak profile; read after done
}

// startMemorySampler samples every 100 ms until stopped. With peakProfile
// set it writes the heap profile there whenever the live heap has grown a
// tenth past the largest one profiled, so that in the end the file holds
// the reachable heap near its peak: what was in flight then, not what is
// left once the run is over.
func startMemorySampler(peakProfile string) *memorySampler {
	ctx, stop := context.WithCancel(context.Background())
	m := &memorySampler{stop: stop}
	m.done.Go(func() {
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		var ms runtime.MemStats
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}}
		// profiled is the live heap of the last profile written; due, when
		// not 0, the collection after which to write the next one.
		var profiled, due uint64
		for {
			runtime.ReadMemStats(&ms)
			m.heapInuse.Store(max(m.heapInuse.Load(), ms.HeapInuse))
			m.rssAnon.Store(max(m.rssAnon.Load(), uint64(procStatusMB(0, "RssAnon:")*1024)))
			m.rssFile.Store(max(m.rssFile.Load(), uint64(procStatusMB(0, "RssFile:")*1024)))
			metrics.Read(sample)
			live, cycles := sample[0].Value.Uint64(), sample[1].Value.Uint64()
			m.liveHeap.Store(max(m.liveHeap.Load(), live))
			if peakProfile != "" && m.err == nil {
				if live > profiled+profiled/10 && due == 0 {
					// A heap profile trails the collections by up to two
					// (frees are known after sweeping): the one that
					// found this live heap shows two cycles later.
					profiled, due = live, cycles+2
				}
				if due != 0 && cycles >= due {
					m.err = writeProfile(peakProfile, false)
					due = 0
				}
			}
			select {
			case <-ctx.Done():
				if peakProfile != "" && m.err == nil && (due != 0 || profiled == 0) {
					// The run ended before the collections a peak
					// waited for: the latest profile is the nearest.
					m.err = writeProfile(peakProfile, false)
				}
				return
			case <-t.C:
			}
		}
	})
	return m
}

// PeakHeapInuseMB, PeakLiveHeapMB, PeakRSSAnonMB and PeakRSSFileMB are
// the peaks sampled so far. The two parts of the RSS peak at different
// times: their sum may exceed the peak RSS.
func (m *memorySampler) PeakHeapInuseMB() float64 { return float64(m.heapInuse.Load()) / (1 << 20) }
func (m *memorySampler) PeakLiveHeapMB() float64  { return float64(m.liveHeap.Load()) / (1 << 20) }
func (m *memorySampler) PeakRSSAnonMB() float64   { return float64(m.rssAnon.Load()) / 1024 }
func (m *memorySampler) PeakRSSFileMB() float64   { return float64(m.rssFile.Load()) / 1024 }

// Stop ends the sampling and returns the error of writing the peak
// profile, if any.
func (m *memorySampler) Stop() error {
	m.stop()
	m.done.Wait()
	return m.err
}

// writeProfile writes the heap profile to path: the heap in use as of the
// last collection, or of a fresh one when collect is set.
func writeProfile(path string, collect bool) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if collect {
		runtime.GC()
	}
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("memprofile: %w", err)
	}
	return f.Close()
}

// peakRSSMB reads the process's peak resident set (VmHWM) on Linux; 0
// elsewhere.
func peakRSSMB() float64 { return procStatusMB(0, "VmHWM:") }
