package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestPlotLatency(t *testing.T) {
	t.Parallel()
	repeat := func(ms float64, n int) []float64 { return slices.Repeat([]float64{ms}, n) }
	tests := []struct {
		name   string
		sorted []float64
		width  int
		want   string
	}{
		{
			name:   "no latencies say so instead of drawing an empty frame",
			sorted: nil, width: 8,
			want: "  (no latencies to plot)\n",
		},
		{
			name:   "rows run from the first non-empty bucket to the last, empty ones between kept, the fullest row fills the width",
			sorted: []float64{1, 1, 2, 2, 2, 2, 10, 10}, width: 8,
			want: "" +
				"    ms │        │ n  share    cum\n" +
				"   ≤ 1 │████    │ 2  25.0%  25.0%\n" +
				"   1–2 │████████│ 4  50.0%  75.0%  p50\n" +
				"   2–3 │        │ 0   0.0%  75.0%\n" +
				"   3–5 │        │ 0   0.0%  75.0%\n" +
				"   5–7 │        │ 0   0.0%  75.0%\n" +
				"  7–10 │████    │ 2  25.0% 100.0%  p90 p99 p99.9 max\n",
		},
		{
			name:   "rows start where the latencies start, bounds above 10 ms step by about 1.5, percentiles are the report's",
			sorted: slices.Concat(repeat(12, 3), repeat(20, 1)), width: 6,
			want: "" +
				"     ms │      │ n  share    cum\n" +
				"  10–15 │██████│ 3  75.0%  75.0%  p50 p90 p99 p99.9\n" +
				"  15–20 │██    │ 1  25.0% 100.0%  max\n",
		},
		{
			name:   "a row of one in a thousand still shows a sliver and partial cells use eighths",
			sorted: slices.Concat(repeat(3, 1000), repeat(4, 190), []float64{6}), width: 4,
			want: "" +
				"   ms │    │    n  share    cum\n" +
				"  2–3 │████│ 1000  84.0%  84.0%  p50\n" +
				"  3–5 │▊   │  190  16.0%  99.9%  p90 p99 p99.9\n" +
				"  5–7 │▏   │    1   0.1% 100.0%  max\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			plotLatency(&b, tt.sorted, tt.width)
			if got := b.String(); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestPlotLatencyCoversTheSlowest(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	plotLatency(&b, []float64{4, 12_345}, 10)
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if last := lines[len(lines)-1]; !strings.Contains(last, "10000–15000") || !strings.HasSuffix(last, "max") {
		t.Errorf("last row %q: want the bucket 10000–15000 holding max", last)
	}
	if got, want := len(lines), 1+len(plotBounds(12_345))-3; got != want {
		t.Errorf("%d lines, want a header and one row per bucket from 3–5 to 10000–15000 (%d)", got, want)
	}
}

func TestPlotBounds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		top  float64
		want []float64
	}{
		{"below a millisecond the first row suffices, whole milliseconds up to 10", 0.4, []float64{1, 2, 3, 5, 7}},
		{"a top on a bound ends there", 10, []float64{1, 2, 3, 5, 7, 10}},
		{"above 10 ms the steps are 1, 1.5, 2, 3, 5 and 7 a decade", 160, []float64{1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := plotBounds(tt.top); !slices.Equal(got, tt.want) {
				t.Errorf("plotBounds(%v) = %v, want %v", tt.top, got, tt.want)
			}
		})
	}
}

func TestBar(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name               string
		count, most, width int
		want               string
	}{
		{"nothing draws nothing", 0, 10, 8, ""},
		{"the fullest row fills the width", 10, 10, 8, "████████"},
		{"half the fullest fills half", 5, 10, 8, "████"},
		{"a remainder shows as eighths of a cell", 5, 16, 3, "▉"},
		{"three eighths of a cell after whole ones", 11, 16, 4, "██▊"},
		{"one in a thousand is at least one eighth", 1, 1000, 8, "▏"},
		{"no width draws nothing", 3, 10, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bar(tt.count, tt.most, tt.width); got != tt.want {
				t.Errorf("bar(%d, %d, %d) = %q, want %q", tt.count, tt.most, tt.width, got, tt.want)
			}
		})
	}
}
