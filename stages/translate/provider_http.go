package translate

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// DefaultMaxResponseBytes bounds the body read from a provider.
const DefaultMaxResponseBytes = 4 << 20

// maxErrorBodyBytes bounds how much of an error answer is read for its
// message.
const maxErrorBodyBytes = 64 << 10

// httpCaller sends one provider's requests and turns failures into
// *ProviderError.
type httpCaller struct {
	provider string
	client   *http.Client
	maxBody  int64
	now      func() time.Time
}

func newHTTPCaller(provider string, client *http.Client, timeout time.Duration, maxBody int64) httpCaller {
	if client == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.MaxIdleConnsPerHost = 16
		client = &http.Client{Transport: tr, Timeout: timeout}
	}
	return httpCaller{provider: provider, client: client, maxBody: maxBody, now: time.Now}
}

// errorClassifier reads a provider's error answer: the kind of failure
// (nil for kindForStatus's default) and the provider's message.
type errorClassifier func(status int, body []byte) (kind error, msg string)

// send performs req and returns the body of a 2xx answer. Anything else
// is a *ProviderError; classify (may be nil) reads the provider's error
// shape.
func (c httpCaller) send(req *http.Request, classify errorClassifier) ([]byte, error) {
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, &ProviderError{Provider: c.provider, Kind: ErrTransient, Err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBodyBytes))
		var kind error
		var msg string
		if classify != nil {
			kind, msg = classify(resp.StatusCode, body)
		}
		if kind == nil {
			kind = kindForStatus(resp.StatusCode)
		}
		if msg == "" {
			msg = shortText(body)
		}
		if kind == ErrUnsupportedPair {
			return nil, fmt.Errorf("%w: %s: %s", ErrUnsupportedPair, c.provider, msg)
		}
		return nil, &ProviderError{
			Provider:   c.provider,
			Kind:       kind,
			Status:     resp.StatusCode,
			RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), c.now()),
			Message:    msg,
		}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.maxBody+1))
	if err != nil {
		return nil, &ProviderError{Provider: c.provider, Kind: ErrTransient, Status: resp.StatusCode, Message: "reading the answer", Err: err}
	}
	if int64(len(body)) > c.maxBody {
		return nil, &ProviderError{Provider: c.provider, Kind: ErrPermanent, Status: resp.StatusCode,
			Message: fmt.Sprintf("answer exceeds %d bytes", c.maxBody)}
	}
	return body, nil
}

// postJSON sends v as a JSON POST to u with the given headers and
// decodes the answer strictly (decodeStrict) into answer.
func (c httpCaller) postJSON(ctx context.Context, u string, header http.Header, v any, classify errorClassifier, answer any) error {
	body, err := c.post(ctx, u, header, v, classify)
	if err != nil {
		return err
	}
	return c.decodeStrict(body, answer)
}

// post sends v as a JSON POST to u with the given headers and returns the
// answer's body.
func (c httpCaller) post(ctx context.Context, u string, header http.Header, v any, classify errorClassifier) ([]byte, error) {
	payload, err := json.Marshal(v)
	if err != nil {
		return nil, &ProviderError{Provider: c.provider, Kind: ErrPermanent, Message: "encoding the request", Err: err}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(payload))
	if err != nil {
		return nil, &ProviderError{Provider: c.provider, Kind: ErrPermanent, Message: "building the request", Err: err}
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	return c.send(req, classify)
}

// decodeStrict unmarshals one JSON value from body into v and rejects
// trailing data. Unknown fields are allowed: APIs add fields over time.
func (c httpCaller) decodeStrict(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	err := dec.Decode(v)
	if err == nil {
		if _, tokErr := dec.Token(); tokErr != io.EOF {
			err = errors.New("trailing data after the JSON value")
		}
	}
	if err != nil {
		return c.malformed("decoding the answer: %v (%s)", err, shortText(body))
	}
	return nil
}

// malformed is a 2xx answer that cannot be used.
func (c httpCaller) malformed(format string, args ...any) error {
	return &ProviderError{Provider: c.provider, Kind: ErrTransient, Status: http.StatusOK,
		Message: "malformed answer: " + fmt.Sprintf(format, args...)}
}

// shortText is the start of an error body, on one line, for messages.
func shortText(body []byte) string {
	const max = 200
	s := strings.Join(strings.Fields(strings.ToValidUTF8(string(body), "�")), " ")
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

// translateBatches sends the non-blank texts to call in chunks of at most
// maxTexts texts and maxChars characters (0: no limit; a single longer
// text goes alone), and puts the answers back in place; blank texts come
// back as they are, without a call. call must return one text per input.
func translateBatches(ctx context.Context, provider string, texts []string, maxTexts, maxChars int,
	call func(context.Context, []string) ([]string, error)) ([]string, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", provider, err)
	}
	out := make([]string, len(texts))
	var idx []int
	var chunk []string
	size := 0
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		got, err := call(ctx, chunk)
		if err != nil {
			return err
		}
		if len(got) != len(chunk) {
			return &ProviderError{Provider: provider, Kind: ErrTransient, Status: http.StatusOK,
				Message: fmt.Sprintf("malformed answer: %d translations for %d texts", len(got), len(chunk))}
		}
		for k, i := range idx {
			if !utf8.ValidString(got[k]) {
				got[k] = strings.ToValidUTF8(got[k], "\uFFFD")
			}
			out[i] = got[k]
		}
		idx, chunk, size = idx[:0], nil, 0
		return nil
	}
	for i, t := range texts {
		if strings.TrimSpace(t) == "" {
			out[i] = t
			continue
		}
		n := utf8.RuneCountInString(t)
		if len(chunk) > 0 && (len(chunk) == maxTexts || (maxChars > 0 && size+n > maxChars)) {
			if err := flush(); err != nil {
				return nil, err
			}
		}
		idx = append(idx, i)
		chunk = append(chunk, t)
		size += n
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// validateURL checks a provider's base URL.
func validateURL(field, raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", field, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%s: %q is not an http(s) URL", field, raw)
	}
	return nil
}

// endpoint joins a base URL and a path.
func endpoint(base, path string) string {
	return strings.TrimRight(base, "/") + path
}
