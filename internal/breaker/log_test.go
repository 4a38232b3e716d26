package breaker

import (
	"bytes"
	"log/slog"
	"testing"
	"time"
)

func TestLogOutagesLogsAnOutageOnceAndTheRecovery(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}}))
	now, advance := handClock()
	b := New(Config{Failures: 1, Cooldown: time.Second}, now, LogOutages(log, "down", "back", "cooldown", time.Second))
	b.Allow()
	b.Done(Failure) // opens
	for range 2 {   // two failed probes reopen it
		advance(time.Second)
		b.Allow()
		b.Done(Failure)
	}
	advance(time.Second)
	b.Allow()
	b.Done(Success) // closes
	want := "level=WARN msg=down cooldown=1s\nlevel=INFO msg=back\n"
	if got := buf.String(); got != want {
		t.Errorf("logged\n%s\nwant\n%s", got, want)
	}
}
