package corpus

import (
	"archive/tar"
	"archive/zip"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"regexp"
	"strings"
)

// readCSV reads a CSV (or, with comma '\t', TSV) file with a header and
// returns its rows as maps from column name to value.
func readCSV(path string, comma rune) ([]map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return parseCSV(f, path, comma)
}

func parseCSV(rd io.Reader, name string, comma rune) ([]map[string]string, error) {
	r := csv.NewReader(rd)
	r.Comma = comma
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	for i := range head {
		head[i] = strings.TrimPrefix(strings.TrimSpace(head[i]), "\ufeff")
	}
	var out []map[string]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		row := make(map[string]string, len(head))
		for i, v := range rec {
			if i < len(head) {
				row[head[i]] = v
			}
		}
		out = append(out, row)
	}
	return out, nil
}

// readLines reads a file of one text a line, trimmed, blank lines
// dropped.
func readLines(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out, nil
}

// eachTarGz calls fn with the name and content of every regular file of a
// .tar.gz archive, in archive order.
func eachTarGz(path string, fn func(name string, data []byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		data, err := io.ReadAll(io.LimitReader(tr, 16<<20))
		if err != nil {
			return fmt.Errorf("%s: %s: %w", path, h.Name, err)
		}
		if err := fn(h.Name, data); err != nil {
			return err
		}
	}
}

// readZipFile returns one file of a zip archive.
func readZipFile(path, name string) ([]byte, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	f, err := zr.Open(name)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, 64<<20))
}

// Tweets and comments carry handles, links, retweet marks and HTML
// entities that notes do not; they go, so that no model learns them.
var (
	reMention = regexp.MustCompile(`@[\p{L}\p{N}_]+:?`)
	reURL     = regexp.MustCompile(`(?i)(https?://|www\.)\S+|@?\bURL\b`)
	reRT      = regexp.MustCompile(`(?i)(^|\s)RT\b`)
)

// cleanSocial strips handles, links, retweet marks and HTML entities from
// a post and collapses its spacing.
func cleanSocial(s string) string {
	s = html.UnescapeString(html.UnescapeString(s))
	s = reURL.ReplaceAllString(s, " ")
	s = reMention.ReplaceAllString(s, " ")
	s = reRT.ReplaceAllString(s, " ")
	return strings.Join(strings.Fields(s), " ")
}

// collapse collapses runs of spacing (including line breaks) to one
// space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }
