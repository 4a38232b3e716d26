package translate

import (
	"runtime"
	"testing"
)

// heldBytes returns the heap that a freshly parsed dictionary keeps alive.
func heldBytes(t testing.TB) (uint64, *cedictDict) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	d, err := parseCedict(cedictGlossData)
	if err != nil {
		t.Fatalf("parseCedict: %v", err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(d)
	if after.HeapAlloc < before.HeapAlloc {
		return 0, d
	}
	return after.HeapAlloc - before.HeapAlloc, d
}

// Not parallel: it measures the heap.
func TestCedictDictionaryMemoryStaysBounded(t *testing.T) {
	held, d := heldBytes(t)
	t.Logf("dictionary holds %.1f MiB (%d zh headwords, %d en keys, table %d bytes)",
		float64(held)/(1<<20), d.zh.n, d.en.n, len(d.table))
	if held > 16<<20 {
		t.Fatalf("dictionary holds %d bytes, want under 16 MiB (the table and its indexes; 23 MiB as maps)", held)
	}
}

func BenchmarkCedictLoad(b *testing.B) {
	var held uint64
	b.ReportAllocs()
	for b.Loop() {
		held, _ = heldBytes(b)
	}
	b.ReportMetric(float64(held)/(1<<20), "MiB-held")
}
