package main

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// plotBounds returns the upper bounds, in ms, of the rows of the latency
// plot, up to the first that is at least top: round numbers about ×1.5
// apart (1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, …), a log scale a
// reader takes in at a glance. Kafka timestamps have whole milliseconds, so
// below 10 ms the steps are whole milliseconds too.
func plotBounds(top float64) []float64 {
	bounds := []float64{1, 2, 3, 5, 7}
	steps := []float64{1, 1.5, 2, 3, 5, 7}
	for decade := 10.0; bounds[len(bounds)-1] < top; decade *= 10 {
		for _, s := range steps {
			if bounds[len(bounds)-1] >= top {
				break
			}
			bounds = append(bounds, s*decade)
		}
	}
	return bounds
}

// plotLatency writes a histogram of latencies (ms, sorted ascending) to w:
// one row per bucket of plotBounds from the first non-empty to the last
// (row i holds latencies above bound i-1 and up to bound i), a bar of block
// characters as long as the row's count relative to the fullest row's
// (width cells for the fullest), the count, the row's share, the cumulative
// share, and which of p50, p90, p99, p99.9 and max fall in the row.
func plotLatency(w io.Writer, sorted []float64, width int) {
	if len(sorted) == 0 {
		fmt.Fprintln(w, "  (no latencies to plot)")
		return
	}
	bounds := plotBounds(sorted[len(sorted)-1])
	counts := make([]int, len(bounds))
	row := func(ms float64) int {
		for i, b := range bounds {
			if ms <= b {
				return i
			}
		}
		return len(bounds) - 1
	}
	for _, ms := range sorted {
		counts[row(ms)]++
	}
	marks := make([][]string, len(bounds))
	for _, p := range []struct {
		name string
		ms   float64
	}{
		{"p50", percentile(sorted, 0.50)}, {"p90", percentile(sorted, 0.90)}, {"p99", percentile(sorted, 0.99)},
		{"p99.9", percentile(sorted, 0.999)}, {"max", sorted[len(sorted)-1]},
	} {
		marks[row(p.ms)] = append(marks[row(p.ms)], p.name)
	}
	first, last, most := -1, 0, 0
	for i, c := range counts {
		if c > 0 {
			if first < 0 {
				first = i
			}
			last = i
			most = max(most, c)
		}
	}
	labels := make([]string, len(bounds))
	labelWidth := 0
	for i := first; i <= last; i++ {
		if i == 0 {
			labels[i] = "≤ " + formatBound(bounds[0])
		} else {
			labels[i] = formatBound(bounds[i-1]) + "–" + formatBound(bounds[i])
		}
		labelWidth = max(labelWidth, len([]rune(labels[i])))
	}
	countWidth := len(strconv.Itoa(most))
	fmt.Fprintf(w, "  %*s │%*s│ %*s %6s %6s\n", labelWidth, "ms", width, "", countWidth, "n", "share", "cum")
	cum := 0
	for i := first; i <= last; i++ {
		cum += counts[i]
		line := fmt.Sprintf("  %*s │%-*s│ %*d %5.1f%% %5.1f%%  %s", labelWidth, labels[i], width, bar(counts[i], most, width), countWidth, counts[i],
			100*float64(counts[i])/float64(len(sorted)), 100*float64(cum)/float64(len(sorted)), strings.Join(marks[i], " "))
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
}

// eighths are the partial blocks of a bar, by eighths of a cell.
var eighths = [8]string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// bar is count/most of width cells drawn in eighths of a block; a count
// above zero shows as at least one eighth, so no non-empty row looks empty.
func bar(count, most, width int) string {
	if count <= 0 || most <= 0 || width <= 0 {
		return ""
	}
	e := int(int64(count) * int64(width) * 8 / int64(most))
	e = max(e, 1)
	return strings.Repeat("█", e/8) + eighths[e%8]
}

// formatBound writes a bound of plotBounds as it is read: 2, 1.5, 150,
// 10000.
func formatBound(ms float64) string {
	if ms == math.Trunc(ms) {
		return strconv.FormatInt(int64(ms), 10)
	}
	return strconv.FormatFloat(ms, 'f', -1, 64)
}
