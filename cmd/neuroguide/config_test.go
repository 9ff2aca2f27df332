package main

import (
	"strings"
	"testing"
)

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		environ []string
		want    string // a substring of the error; empty means valid
	}{
		{name: "defaults"},
		{name: "ollama with defaults", environ: []string{"NEUROGUIDE_LLM_PROVIDER=ollama",
			"NEUROGUIDE_LLM_MODEL=llama3.2"}},
		{name: "bad provider", environ: []string{"NEUROGUIDE_LLM_PROVIDER=claude"},
			want: "NEUROGUIDE_LLM_PROVIDER"},
		{name: "model required", environ: []string{"NEUROGUIDE_LLM_PROVIDER=openai"},
			want: "NEUROGUIDE_LLM_MODEL: required"},
		{name: "bad url", environ: []string{"NEUROGUIDE_LLM_PROVIDER=ollama",
			"NEUROGUIDE_LLM_MODEL=m", "NEUROGUIDE_LLM_URL=http://[::1"},
			want: "NEUROGUIDE_LLM_URL"},
		{name: "ollama v1 url", environ: []string{"NEUROGUIDE_LLM_PROVIDER=ollama",
			"NEUROGUIDE_LLM_MODEL=m", "NEUROGUIDE_LLM_URL=http://127.0.0.1:11434/v1"},
			want: "use the openai provider"},
		{name: "bad timeout", environ: []string{"NEUROGUIDE_LLM_FIRST_TOKEN_TIMEOUT=soon"},
			want: "NEUROGUIDE_LLM_FIRST_TOKEN_TIMEOUT"},
		{name: "bad temperature", environ: []string{"NEUROGUIDE_LLM_TEMPERATURE=hot"},
			want: "NEUROGUIDE_LLM_TEMPERATURE"},
		{name: "bad switch", environ: []string{"NEUROGUIDE_LLM_UNDERSTAND=maybe"},
			want: "NEUROGUIDE_LLM_UNDERSTAND"},
		{name: "embed model required", environ: []string{"NEUROGUIDE_EMBED_PROVIDER=ollama"},
			want: "NEUROGUIDE_EMBED_MODEL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadConfig(tt.environ)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("loadConfig: %v, want no error", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("loadConfig error = %v, want one naming %q", err, tt.want)
			}
		})
	}
}

func TestConfigRedactsKeys(t *testing.T) {
	cfg, err := loadConfig([]string{"NEUROGUIDE_LLM_API_KEY=sk-secret",
		"NEUROGUIDE_EMBED_API_KEY=sk-other"})
	if err != nil {
		t.Fatal(err)
	}

	for _, v := range cfg.logValues() {
		if s, ok := v.(string); ok && strings.HasPrefix(s, "sk-") {
			t.Errorf("start-up log shows a key: %q", s)
		}
	}
}
