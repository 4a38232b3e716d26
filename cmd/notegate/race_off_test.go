//go:build !race

package main

// raceDetector reports a test binary built with -race, whose service runs
// several times slower than a release build.
const raceDetector = false
