package translate

import (
	"strings"
	"testing"
)

func TestWithAPIKeys(t *testing.T) {
	t.Parallel()
	env := map[string]string{EnvDeepLAPIKey: "dl:fx", EnvGoogleAPIKey: "g", EnvOpenAIAPIKey: "sk"}
	in := ProvidersConfig{
		DeepL:  &DeepLConfig{},
		OpenAI: &OpenAIConfig{HTTPConfig: HTTPConfig{APIKey: "from-test"}},
	}
	out := in.WithAPIKeys(func(k string) string { return env[k] })
	tests := []struct {
		name      string
		got, want string
	}{
		{"an empty key is read from the provider's variable", out.DeepL.APIKey, "dl:fx"},
		{"a key already set is kept", out.OpenAI.APIKey, "from-test"},
		{"the caller's config is not changed", in.DeepL.APIKey, ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	if out.Google != nil {
		t.Error("a section not configured was created")
	}
}

func TestBuildProviders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		cfg       ProvidersConfig
		wantNames string
		wantErr   string
	}{
		{"the gloss alone when nothing is configured", ProvidersConfig{}, CedictGlossName, ""},
		{"configured providers follow the gloss in section order",
			ProvidersConfig{Apertium: &ApertiumConfig{HTTPConfig: HTTPConfig{URL: "http://apy"}}, DeepL: &DeepLConfig{HTTPConfig: HTTPConfig{APIKey: "k"}}},
			CedictGlossName + ",deepl,apertium", ""},
		{"two providers of one name are refused",
			ProvidersConfig{LibreTranslate: &LibreTranslateConfig{HTTPConfig: HTTPConfig{URL: "http://lt", Name: "x"}}, OpenAI: &OpenAIConfig{HTTPConfig: HTTPConfig{URL: "http://llm/v1", Name: "x"}, Model: "m"}},
			"", `two named "x"`},
		{"a section's error names the section", ProvidersConfig{Google: &GoogleConfig{}}, "", "google: api key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ps, err := BuildProviders(tt.cfg, nil)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one saying %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, p := range ps {
				names = append(names, p.Name())
			}
			if got := strings.Join(names, ","); got != tt.wantNames {
				t.Fatalf("providers %s, want %s", got, tt.wantNames)
			}
		})
	}
}
