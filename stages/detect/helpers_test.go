package detect

import (
	"sync"
	"testing"
)

var (
	sharedOnce sync.Once
	shared     *Detector
	sharedErr  error
)

// testDetector is one default detector shared by the tests.
func testDetector(t testing.TB) *Detector {
	t.Helper()
	sharedOnce.Do(func() { shared, sharedErr = New(Config{}) })
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}
