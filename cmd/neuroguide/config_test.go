package main

import (
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
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
		{name: "port out of range", environ: []string{"NEUROGUIDE_LLM_PROVIDER=openai",
			"NEUROGUIDE_LLM_MODEL=m", "NEUROGUIDE_LLM_URL=http://127.0.0.1:99999/v1"},
			want: "NEUROGUIDE_LLM_URL: \"http://127.0.0.1:99999/v1\": the port must be from 1"},
		{name: "timeout not above 0", environ: []string{"NEUROGUIDE_LLM_PROVIDER=openai",
			"NEUROGUIDE_LLM_MODEL=m", "NEUROGUIDE_LLM_FIRST_TOKEN_TIMEOUT=-5s"},
			want: "want a duration above 0"},
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

func TestServerSettings(t *testing.T) {
	cfg, err := loadConfig([]string{
		"NEUROGUIDE_ALLOWED_ORIGINS=https://wiki.lab.example, https://*.core.example",
		"NEUROGUIDE_TRUSTED_PROXIES=10.0.0.0/8,192.0.2.1",
		"NEUROGUIDE_USER_HEADER=X-Remote-User",
		"NEUROGUIDE_QUESTIONS_PER_MINUTE=0",
		"NEUROGUIDE_PING_INTERVAL=20s",
	})
	if err != nil {
		t.Fatalf("loadConfig: %v", err)
	}
	s, err := cfg.server()
	if err != nil {
		t.Fatalf("server: %v", err)
	}

	var origins []string
	for _, o := range s.web.AllowedOrigins {
		origins = append(origins, o.String())
	}
	got := map[string]any{
		"origins": origins, "proxies": s.web.TrustedProxies,
		"per_minute": s.web.QuestionsPerMinute, "pong_wait": s.web.PongWait.String(),
		"db": cfg.DB,
	}
	want := map[string]any{
		"origins": []string{"https://wiki.lab.example", "https://*.core.example"},
		"proxies": []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"),
			netip.MustParsePrefix("192.0.2.1/32")},
		"per_minute": -1, "pong_wait": "40s", "db": "neuroguide.db",
	}
	if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b netip.Prefix) bool {
		return a == b
	})); diff != "" {
		t.Errorf("settings (-want +got):\n%s", diff)
	}
}

func TestBadSettingsAreNamed(t *testing.T) {
	tests := []struct {
		name, env, want string
	}{
		{"origin with a path", "NEUROGUIDE_ALLOWED_ORIGINS=https://wiki.example/x",
			"NEUROGUIDE_ALLOWED_ORIGINS"},
		{"proxy", "NEUROGUIDE_TRUSTED_PROXIES=proxy.lab", "NEUROGUIDE_TRUSTED_PROXIES"},
		{"user header without proxies", "NEUROGUIDE_USER_HEADER=X-User", "NEUROGUIDE_USER_HEADER"},
		{"limit", "NEUROGUIDE_MAX_CONNECTIONS=-3", "NEUROGUIDE_MAX_CONNECTIONS"},
		{"question length over the assistant's", "NEUROGUIDE_MAX_QUESTION_RUNES=5000",
			"NEUROGUIDE_MAX_QUESTION_RUNES"},
		{"duration", "NEUROGUIDE_PING_INTERVAL=often", "NEUROGUIDE_PING_INTERVAL"},
		{"boolean", "NEUROGUIDE_LOG_QUESTIONS=maybe", "NEUROGUIDE_LOG_QUESTIONS"},
		{"port out of range", "NEUROGUIDE_ADDR=127.0.0.1:99999", "NEUROGUIDE_ADDR"},
		{"frame too small for a question", "NEUROGUIDE_MAX_FRAME_BYTES=10",
			"NEUROGUIDE_MAX_FRAME_BYTES"},
		{"temperature not a number", "NEUROGUIDE_LLM_TEMPERATURE=NaN",
			"NEUROGUIDE_LLM_TEMPERATURE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadConfig([]string{tt.env})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("loadConfig(%s) = %v, want an error naming %s", tt.env, err, tt.want)
			}
		})
	}
}

func TestTokenIsRedacted(t *testing.T) {
	cfg, err := loadConfig([]string{"NEUROGUIDE_TOKEN=hunter2"})
	if err != nil {
		t.Fatalf("loadConfig: %v", err)
	}

	values := cfg.logValues()
	for i := 0; i+1 < len(values); i += 2 {
		if values[i] == "token" && values[i+1] != "(set)" {
			t.Errorf("token logged as %v, want (set)", values[i+1])
		}
		if values[i+1] == "hunter2" {
			t.Errorf("%v logged as the token", values[i])
		}
	}
}

func TestUnknownSettingsAreFound(t *testing.T) {
	cfg, err := loadConfig([]string{"NEUROGUIDE_ADRR=127.0.0.1:1", "NEUROGUIDE_DB=off",
		"NEUROGUIDE_TYPO=", "OTHER_TOOL_SETTING=1"})
	if err != nil {
		t.Fatal(err)
	}

	if diff := cmp.Diff([]string{"NEUROGUIDE_ADRR"}, cfg.unknown); diff != "" {
		t.Errorf("unknown settings (-want +got):\n%s", diff)
	}
}

// TestEmptyMeansUnset gives settings empty values in the environment and in
// .env: an empty value is no value, so the next place or the default counts.
func TestEmptyMeansUnset(t *testing.T) {
	tests := []struct {
		name      string
		env, file map[string]string
		want      map[string]string // setting name to effective value
	}{
		{"empty in the environment, set in the file",
			map[string]string{"NEUROGUIDE_LOG_LEVEL": ""},
			map[string]string{"NEUROGUIDE_LOG_LEVEL": "debug"},
			map[string]string{"NEUROGUIDE_LOG_LEVEL": "debug"}},
		{"spaces in the environment, set in the file",
			map[string]string{"NEUROGUIDE_LOG_FORMAT": "  "},
			map[string]string{"NEUROGUIDE_LOG_FORMAT": "json"},
			map[string]string{"NEUROGUIDE_LOG_FORMAT": "json"}},
		{"empty in both", map[string]string{"NEUROGUIDE_LOG_LEVEL": ""},
			map[string]string{"NEUROGUIDE_LOG_LEVEL": ""},
			map[string]string{"NEUROGUIDE_LOG_LEVEL": "info"}},
		{"empty history path is the default",
			map[string]string{"NEUROGUIDE_DB": ""}, nil,
			map[string]string{"NEUROGUIDE_DB": "neuroguide.db"}},
		{"off keeps no history", map[string]string{"NEUROGUIDE_DB": "off"},
			map[string]string{"NEUROGUIDE_DB": "lab.db"},
			map[string]string{"NEUROGUIDE_DB": historyOff}},
		{"the environment wins when set",
			map[string]string{"NEUROGUIDE_ADDR": "127.0.0.1:9000"},
			map[string]string{"NEUROGUIDE_ADDR": "127.0.0.1:7000"},
			map[string]string{"NEUROGUIDE_ADDR": "127.0.0.1:9000"}},
		{"empty switch is its default", map[string]string{"NEUROGUIDE_LLM_UNDERSTAND": "",
			"NEUROGUIDE_LOG_QUESTIONS": ""}, nil,
			map[string]string{"NEUROGUIDE_LLM_UNDERSTAND": "off",
				"NEUROGUIDE_LOG_QUESTIONS": "off"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := configFrom(tt.env, tt.file)
			if err != nil {
				t.Fatalf("configFrom: %v", err)
			}

			got := map[string]string{}
			for _, s := range settings {
				if _, ok := tt.want[s.name]; ok {
					got[s.name] = *s.dst(&cfg)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("settings (-want +got):\n%s", diff)
			}
			if len(cfg.unknown) > 0 {
				t.Errorf("unknown settings %v, want none", cfg.unknown)
			}
		})
	}
}

// TestEmptyEnvironmentFallsBackToDotEnv is the reported case end to end: an
// empty NEUROGUIDE_LOG_LEVEL in the environment, .env's value in the file.
func TestEmptyEnvironmentFallsBackToDotEnv(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, envFile),
		[]byte("NEUROGUIDE_LOG_LEVEL=warn\nNEUROGUIDE_ADDR=\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)

	cfg, err := loadConfig([]string{"NEUROGUIDE_LOG_LEVEL="})
	if err != nil {
		t.Fatalf("loadConfig: %v", err)
	}

	got := []string{cfg.LogLevel, cfg.Addr}
	if diff := cmp.Diff([]string{"warn", "127.0.0.1:8080"}, got); diff != "" {
		t.Errorf("log level and address (-want +got):\n%s", diff)
	}
}

// TestSwitches gives both switches every value: each accepts exactly on, off,
// true and false, and names itself otherwise.
func TestSwitches(t *testing.T) {
	tests := []struct {
		value   string
		want    bool
		wantErr bool
	}{
		{"on", true, false},
		{"true", true, false},
		{"off", false, false},
		{"false", false, false},
		{"yes", false, true},
		{"1", false, true},
		{"0", false, true},
		{"ON", false, true},
		{"True", false, true},
	}
	for _, name := range []string{"NEUROGUIDE_LLM_UNDERSTAND", "NEUROGUIDE_LOG_QUESTIONS"} {
		for _, tt := range tests {
			t.Run(name+"="+tt.value, func(t *testing.T) {
				cfg, err := configFrom(map[string]string{name: tt.value}, nil)
				if tt.wantErr {
					if err == nil || !strings.Contains(err.Error(), name+": ") {
						t.Errorf("error = %v, want one naming %s", err, name)
					}
					return
				}
				if err != nil {
					t.Fatalf("configFrom: %v", err)
				}

				got, err := parseSwitch(cfg.Understand)
				if name == "NEUROGUIDE_LOG_QUESTIONS" {
					s, serr := cfg.server()
					got, err = s.web.LogQuestions, serr
				}
				if err != nil || got != tt.want {
					t.Errorf("%s=%s: %v (err %v), want %v", name, tt.value, got, err, tt.want)
				}
			})
		}
	}
}
