// Command memcheck measures a detect-only run: it builds the default
// detector, detects the lingua sentences and word pairs under the given
// directory, and prints the peak resident memory (VmHWM) and build time.
//
//	go run ./stages/detect/internal/memcheck ../shared/evaldata/langid
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/notegate/notegate/stages/detect"
)

func main() {
	dir := "../shared/evaldata/langid"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	start := time.Now()
	d, err := detect.New(detect.Config{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	built := time.Since(start)
	n := 0
	files, _ := filepath.Glob(filepath.Join(dir, "lingua", "*", "*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n") {
			d.Detect(line)
			n++
		}
	}
	status, _ := os.ReadFile("/proc/self/status")
	for _, l := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(l, "VmHWM") || strings.HasPrefix(l, "VmRSS") {
			fmt.Println(strings.Join(strings.Fields(l), " "))
		}
	}
	fmt.Printf("build %v, detected %d texts\n", built.Round(time.Millisecond), n)
}
