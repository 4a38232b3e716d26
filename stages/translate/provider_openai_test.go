package translate_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/notegate/notegate/stages/translate"
)

// fakeChat speaks the OpenAI chat-completions protocol as vLLM, Ollama
// and llama.cpp server do: POST /v1/chat/completions, Bearer auth, a
// system and a user message, response_format; a choices array back.
// answer shapes the assistant's content from the translations.
type fakeChat struct {
	t        *testing.T
	noSchema bool // refuse response_format json_schema like older servers
	answer   func(translations []string) string

	mu      sync.Mutex
	formats []string
}

func (f *fakeChat) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	fail := func(status int, msg string) {
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]any{"message": msg, "type": "invalid_request_error", "code": nil}})
	}
	if r.Header.Get("Authorization") != "Bearer sk-test" {
		fail(401, "Incorrect API key provided")
		return
	}
	var req struct {
		Model    string `json:"model"`
		Messages []struct {
			Role    string `json:"role"`
			Content string `json:"content"`
		} `json:"messages"`
		Temperature    float64 `json:"temperature"`
		MaxTokens      int     `json:"max_tokens"`
		Stream         bool    `json:"stream"`
		ResponseFormat *struct {
			Type       string `json:"type"`
			JSONSchema *struct {
				Name   string          `json:"name"`
				Strict bool            `json:"strict"`
				Schema json.RawMessage `json:"schema"`
			} `json:"json_schema"`
		} `json:"response_format"`
	}
	if status := readJSONPost(f.t, r, "/v1/chat/completions", &req); status != 0 {
		fail(status, http.StatusText(status))
		return
	}
	if req.Model != "qwen2.5:7b" || req.Temperature != 0 || req.Stream || len(req.Messages) != 2 ||
		req.Messages[0].Role != "system" || req.Messages[1].Role != "user" {
		f.t.Errorf("request shape: %+v", req)
	}
	format := "none"
	if req.ResponseFormat != nil {
		format = req.ResponseFormat.Type
	}
	f.mu.Lock()
	f.formats = append(f.formats, format)
	f.mu.Unlock()
	if format == "json_schema" {
		if f.noSchema {
			fail(400, "response_format type json_schema is not supported")
			return
		}
		if rf := req.ResponseFormat.JSONSchema; rf == nil || !strings.Contains(string(rf.Schema), `"translations"`) {
			f.t.Errorf("json_schema without the translations schema: %+v", req.ResponseFormat)
		}
	}
	sys := req.Messages[0].Content
	for _, rule := range []string{"hashtags", "@mentions", "URLs", "No explanations", "not instructions"} {
		if !strings.Contains(sys, rule) {
			f.t.Errorf("system prompt lacks %q", rule)
		}
	}
	var user struct {
		Source string   `json:"source_language"`
		Target string   `json:"target_language"`
		Texts  []string `json:"texts"`
	}
	if err := json.Unmarshal([]byte(req.Messages[1].Content), &user); err != nil || len(user.Texts) == 0 {
		f.t.Errorf("user message is not the texts JSON: %v %q", err, req.Messages[1].Content)
		fail(400, "bad user message")
		return
	}
	out := make([]string, len(user.Texts))
	for i, q := range user.Texts {
		out[i] = fakeTranslation(user.Target, q)
	}
	content := f.answer(out)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"id": "chatcmpl-1", "object": "chat.completion", "model": req.Model,
		"choices": []any{map[string]any{"index": 0, "finish_reason": "stop",
			"message": map[string]any{"role": "assistant", "content": content}}},
		"usage": map[string]int{"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
	})
}

func jsonAnswer(translations []string) string {
	b, _ := json.Marshal(map[string][]string{"translations": translations})
	return string(b)
}

func newFakeChat(t *testing.T, fake *fakeChat) *translate.OpenAI {
	t.Helper()
	fake.t = t
	if fake.answer == nil {
		fake.answer = jsonAnswer
	}
	return mustBuild(t, translate.NewOpenAI, translate.OpenAIConfig{HTTPConfig: translate.HTTPConfig{URL: serve(t, fake) + "/v1", APIKey: "sk-test", BatchSize: 8}, Model: "qwen2.5:7b"})
}

func TestOpenAI(t *testing.T) {
	t.Parallel()
	t.Run("a_fenced_answer_after_a_think_block_is_accepted", func(t *testing.T) {
		t.Parallel()
		p := newFakeChat(t, &fakeChat{answer: func(tr []string) string {
			return "<think>easy</think>\n```json\n" + jsonAnswer(tr) + "\n```"
		}})
		out, err := p.Translate(context.Background(), "en", "zh", []string{"hi"})
		if err != nil || len(out) != 1 || !strings.HasSuffix(out[0], "hi") {
			t.Fatalf("got %q, %v", out, err)
		}
	})
	t.Run("chatter_around_the_json_fails_the_batch", func(t *testing.T) {
		t.Parallel()
		p := newFakeChat(t, &fakeChat{answer: func(tr []string) string {
			return "Sure! Here are the translations: " + jsonAnswer(tr)
		}})
		_, err := p.Translate(context.Background(), "en", "zh", []string{"hi"})
		if !errors.Is(err, translate.ErrTransient) {
			t.Fatalf("error = %v, want ErrTransient", err)
		}
	})
	t.Run("a_wrong_count_fails_the_batch", func(t *testing.T) {
		t.Parallel()
		p := newFakeChat(t, &fakeChat{answer: func(tr []string) string { return jsonAnswer(tr[:len(tr)-1]) }})
		_, err := p.Translate(context.Background(), "en", "zh", []string{"one", "two"})
		if !errors.Is(err, translate.ErrTransient) || !strings.Contains(err.Error(), "1 translations for 2 texts") {
			t.Fatalf("error = %v, want a count mismatch", err)
		}
	})
	t.Run("a_server_refusing_json_schema_is_asked_again_with_json_object", func(t *testing.T) {
		t.Parallel()
		fake := &fakeChat{noSchema: true}
		p := newFakeChat(t, fake)
		for range 2 {
			if _, err := p.Translate(context.Background(), "en", "zh", []string{"hi"}); err != nil {
				t.Fatal(err)
			}
		}
		if want := []string{"json_schema", "json_object", "json_object"}; !slices.Equal(fake.formats, want) {
			t.Errorf("formats %v, want %v", fake.formats, want)
		}
	})
	t.Run("a_missing_model_is_a_config_error", func(t *testing.T) {
		t.Parallel()
		if _, err := translate.NewOpenAI(translate.OpenAIConfig{HTTPConfig: translate.HTTPConfig{URL: "http://localhost:11434/v1"}}); err == nil {
			t.Fatal("no error without a model")
		}
	})
}

func TestOpenAIErrors(t *testing.T) {
	t.Parallel()
	choice := func(content, finish string) string {
		b, _ := json.Marshal(map[string]any{"choices": []any{map[string]any{"finish_reason": finish,
			"message": map[string]any{"role": "assistant", "content": content}}}})
		return string(b)
	}
	cases := append([]errorCase{
		{name: "a_429_insufficient_quota_is_the_quota", status: 429, body: `{"error":{"message":"You exceeded your current quota","type":"insufficient_quota","code":"insufficient_quota"}}`, want: translate.ErrQuotaExceeded},
		{name: "a_429_rate_limit_is_rate_limited", status: 429, header: map[string]string{"Retry-After": "20"}, body: `{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}`, want: translate.ErrRateLimited, retryAfter: 20e9},
		{name: "a_400_context_length_is_permanent", status: 400, body: `{"error":{"message":"maximum context length exceeded","type":"invalid_request_error","code":"context_length_exceeded"}}`, want: translate.ErrPermanent},
		{name: "an_answer_cut_off_at_max_tokens_is_transient", status: 200, body: choice(`{"translations":["hal`, "length"), want: translate.ErrTransient},
		{name: "a_prose_answer_is_transient", status: 200, body: choice("Hello world in Chinese is 你好世界.", "stop"), want: translate.ErrTransient},
		{name: "no_choices_is_transient", status: 200, body: `{"choices":[]}`, want: translate.ErrTransient},
		{name: "a_refusal_is_permanent", status: 200, body: `{"choices":[{"finish_reason":"stop","message":{"role":"assistant","content":null,"refusal":"I can't help with that."}}]}`, want: translate.ErrPermanent},
	}, commonErrorCases...)
	runErrorCases(t, cases, "en", "zh", func(url string) (*translate.OpenAI, error) {
		return translate.NewOpenAI(translate.OpenAIConfig{HTTPConfig: translate.HTTPConfig{URL: url + "/v1"}, Model: "m"})
	})
}

func TestParseChatTranslations(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		content string
		n       int
		want    []string
	}{
		{"a_plain_object_is_read", `{"translations":["a","b"]}`, 2, []string{"a", "b"}},
		{"a_bare_array_is_read", ` ["a"] `, 1, []string{"a"}},
		{"a_json_fence_is_removed", "```json\n{\"translations\":[\"a\"]}\n```", 1, []string{"a"}},
		{"an_unlabelled_fence_is_removed", "```\n[\"a\"]\n```\n", 1, []string{"a"}},
		{"a_think_block_is_removed", "<think>\nhmm {x}\n</think>\n{\"translations\":[\"a\"]}", 1, []string{"a"}},
		{"emoji_and_markup_inside_strings_survive", `{"translations":["😂 #火锅 @amy https://x.y/z?a=1"]}`, 1, []string{"😂 #火锅 @amy https://x.y/z?a=1"}},
		{"prose_before_is_rejected", `Here you go: {"translations":["a"]}`, 1, nil},
		{"prose_after_is_rejected", `{"translations":["a"]} Let me know if you need more!`, 1, nil},
		{"an_unknown_field_is_rejected", `{"translations":["a"],"note":"informal"}`, 1, nil},
		{"a_missing_translations_field_is_rejected", `{"result":["a"]}`, 1, nil},
		{"a_non_string_item_is_rejected", `{"translations":[1]}`, 1, nil},
		{"too_many_is_rejected", `{"translations":["a","b"]}`, 1, nil},
		{"too_few_is_rejected", `{"translations":[]}`, 1, nil},
		{"a_python_fence_is_rejected", "```python\n[\"a\"]\n```", 1, nil},
		{"an_unterminated_fence_is_rejected", "```json\n[\"a\"]", 1, nil},
		{"an_unterminated_think_is_rejected", "<think>[\"a\"]", 1, nil},
		{"empty_is_rejected", "  ", 1, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := translate.ParseChatTranslations(tc.content, tc.n)
			if tc.want == nil {
				if err == nil {
					t.Fatalf("accepted %q as %q", tc.content, got)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Fatalf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func FuzzParseChatTranslations(f *testing.F) {
	for _, s := range []string{`{"translations":["a","b"]}`, "```json\n[\"a\"]\n```", "<think>x</think>[\"a\"]", "Sure: [\"a\"]", `{"translations":["a"]} ok`} {
		f.Add(s, 1)
	}
	f.Fuzz(func(t *testing.T, content string, n int) {
		n = n & 0xff
		got, err := translate.ParseChatTranslations(content, n)
		if err != nil {
			return
		}
		if len(got) != n {
			t.Fatalf("accepted %d translations for n=%d", len(got), n)
		}
		// Whatever is accepted is exactly one JSON value once the think
		// block and fence are gone: no prose can have slipped through.
		s := strings.TrimSpace(content)
		if !strings.HasPrefix(s, "{") && !strings.HasPrefix(s, "[") && !strings.HasPrefix(s, "```") && !strings.HasPrefix(s, "<think>") {
			t.Fatalf("accepted prose-led answer %q", content)
		}
	})
}
