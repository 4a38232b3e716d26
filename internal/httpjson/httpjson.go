// Package httpjson writes the JSON answers of notegate's HTTP surfaces
// (the public API in httpapi/ and the reviewer desk in desk/), so that
// both speak one shape: a JSON body with its content type, and errors as
// {"error": "..."}.
package httpjson

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
)

// Write answers status with v encoded as JSON (HTML-escaped, so a note's
// text can never close a script tag of a page that embeds the answer).
// Headers set on w before the call are kept.
func Write(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	_ = enc.Encode(v) // the client went away; nothing to do
}

// Error answers status with {"error": msg}.
func Error(w http.ResponseWriter, status int, msg string) {
	Write(w, status, map[string]string{"error": msg})
}

// IntParam reads an integer query parameter: def when s is empty, an
// error that says the allowed range when s is not an integer from lo to
// hi.
func IntParam(s string, def, lo, hi int) (int, error) {
	if s == "" {
		return def, nil
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < lo || v > hi {
		return 0, errors.New("must be an integer from " + strconv.Itoa(lo) + " to " + strconv.Itoa(hi))
	}
	return v, nil
}
