package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
)

func TestProcessWritesOneResultPerLineInInputOrder(t *testing.T) {
	t.Parallel()
	var in strings.Builder
	const n = 1000 // several chunks, so workers finish out of order
	for i := 0; i < n; i++ {
		switch {
		case i%97 == 5:
			in.WriteString("this is not json\n")
		case i%101 == 7:
			in.WriteString(`{"note_id":"","version":1}` + "\n")
		case i%89 == 3:
			in.WriteString("\n") // a blank line is a bad event too: one line, one result
		default:
			fmt.Fprintf(&in, `{"note_id":"n-%d","version":1,"body":"note number %d, 加V信 abc%d"}`+"\n", i, i, i)
		}
	}
	in.WriteString(`{"note_id":"huge","version":1,"body":"` + strings.Repeat("x", 70000) + `"}` + "\n")
	in.WriteString(`{"note_id":"last","version":2,"body":"no newline at the end"}`)
	var out bytes.Buffer
	if err := run(context.Background(), []string{"process", "--stages", "moderate", "--workers", "3"}, strings.NewReader(in.String()), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<20)
	line := 0
	for sc.Scan() {
		line++
		var res struct {
			NoteID     string `json:"note_id"`
			Line       int    `json:"line"`
			Error      string `json:"error"`
			Reason     string `json:"reason"`
			Moderation struct {
				Decision string `json:"decision"`
			} `json:"moderation"`
		}
		if err := json.Unmarshal(sc.Bytes(), &res); err != nil {
			t.Fatalf("line %d is not JSON: %v", line, err)
		}
		i := line - 1
		switch {
		case line == n+1:
			if res.Reason != "too_large" {
				t.Errorf("the oversize line gave %+v", res)
			}
		case line == n+2:
			if res.NoteID != "last" {
				t.Errorf("the last line gave %+v", res)
			}
		case i%97 == 5 || i%101 == 7 || i%89 == 3:
			if res.Error == "" || res.Line != line || res.Reason == "" {
				t.Errorf("line %d: want an error result for line %d, got %+v", line, line, res)
			}
		default:
			if res.NoteID != fmt.Sprintf("n-%d", i) {
				t.Fatalf("line %d holds %q: out of order", line, res.NoteID)
			}
			if res.Moderation.Decision == "" || res.Moderation.Decision == "allow" {
				t.Errorf("line %d: solicitation was not flagged: %q", line, res.Moderation.Decision)
			}
		}
	}
	if line != n+2 {
		t.Errorf("got %d result lines for %d input lines", line, n+2)
	}
}
