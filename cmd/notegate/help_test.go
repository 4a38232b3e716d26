package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"strings"
	"testing"
)

// TestEveryCommandHasHelp runs each command and subcommand with -h: it must
// print its usage and succeed, without starting anything.
func TestEveryCommandHasHelp(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
	}{
		{"the top level prints its usage", []string{"-h"}},
		{"dev prints its flags", []string{"dev", "-h"}},
		{"run prints its flags", []string{"run", "-h"}},
		{"process prints its flags", []string{"process", "-h"}},
		{"bench prints its flags", []string{"bench", "-h"}},
		{"bench-search prints its flags", []string{"bench-search", "-h"}},
		{"policy prints its usage", []string{"policy", "-h"}},
		{"policy test prints its flags", []string{"policy", "test", "-h"}},
		{"eval prints its subjects", []string{"eval", "-h"}},
		{"eval moderation prints its flags", []string{"eval", "moderation", "-h"}},
		{"eval translate prints its flags", []string{"eval", "translate", "-h"}},
		{"eval langid prints its flags", []string{"eval", "langid", "-h"}},
		{"hash-password prints its usage", []string{"hash-password", "-h"}},
		{"a long --help works too", []string{"hash-password", "--help"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var out, errOut bytes.Buffer
			err := run(context.Background(), tt.args, strings.NewReader(""), &out, &errOut)
			if err != nil && !isFlagHelp(err) {
				t.Fatalf("notegate %s: %v (stderr %q)", strings.Join(tt.args, " "), err, errOut.String())
			}
			text := out.String() + errOut.String()
			if !strings.Contains(text, "Usage") && !strings.Contains(text, "usage") {
				t.Fatalf("notegate %s printed no usage: %q", strings.Join(tt.args, " "), text)
			}
			if strings.Contains(text, "`") {
				t.Fatalf("notegate %s shows a back-quoted placeholder: %q", strings.Join(tt.args, " "), text)
			}
		})
	}
}

// isFlagHelp reports whether err is the flag package's answer to -h, which
// main turns into exit status 0.
func isFlagHelp(err error) bool { return errors.Is(err, flag.ErrHelp) }
