package main

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/joho/godotenv"
)

// Config holds every setting of the project. Each field is read from the
// environment variable named in its tag, or else from .env, or else takes
// its default.
type Config struct {
	// Addr is the address the web chat listens on (NEUROGUIDE_ADDR).
	Addr string

	// LogLevel is debug, info, warn or error (NEUROGUIDE_LOG_LEVEL).
	LogLevel string

	// LogFormat is text or json (NEUROGUIDE_LOG_FORMAT).
	LogFormat string

	// LLM names the language model that words answers; provider none means
	// answers are composed offline (NEUROGUIDE_LLM_...).
	LLM ModelConfig

	// Embed names the embedding model that indexes the review; provider none
	// means the offline embedder (NEUROGUIDE_EMBED_...).
	Embed ModelConfig

	// FirstTokenTimeout, StallTimeout and UnderstandTimeout are durations
	// such as 30s (NEUROGUIDE_LLM_FIRST_TOKEN_TIMEOUT, ..._STALL_TIMEOUT,
	// ..._UNDERSTAND_TIMEOUT).
	FirstTokenTimeout, StallTimeout, UnderstandTimeout string

	// Temperature and MaxTokens are sent with every request to the language
	// model (NEUROGUIDE_LLM_TEMPERATURE, NEUROGUIDE_LLM_MAX_TOKENS).
	Temperature, MaxTokens string

	// Understand is a switch (see parseSwitch): whether the language model
	// maps questions to facets before the vocabulary rules
	// (NEUROGUIDE_LLM_UNDERSTAND).
	Understand string

	// EmbedCache is the file embedding vectors are cached in; empty means
	// the user's cache directory, off means no cache (NEUROGUIDE_EMBED_CACHE).
	EmbedCache string

	// LogQuestions is a switch (see parseSwitch): whether question texts are
	// logged at info level (NEUROGUIDE_LOG_QUESTIONS).
	LogQuestions string

	// DB is the history database's path; historyOff keeps no history
	// (NEUROGUIDE_DB).
	DB string

	// AllowedOrigins lists, comma-separated, the other sites' origins whose pages
	// may use the widget and frame /embed (NEUROGUIDE_ALLOWED_ORIGINS).
	AllowedOrigins string

	// Token is the shared token clients must send; empty requires none
	// (NEUROGUIDE_TOKEN).
	Token string

	// UserHeader names the header in which the reverse proxy names the user
	// (NEUROGUIDE_USER_HEADER).
	UserHeader string

	// TrustedProxies lists, comma-separated, the addresses or CIDR ranges of the
	// reverse proxies (NEUROGUIDE_TRUSTED_PROXIES).
	TrustedProxies string

	// The limits, each NEUROGUIDE_ and the name in upper case; see settings.
	MaxFrameBytes, MaxQuestionRunes, QuestionsPerMinute string
	MaxConnections, MaxConnectionsPerClient             string
	MaxAnswers, MaxAnswersPerConnection                 string
	PingInterval, WriteWait, ShutdownWait               string

	// unknown names the variables with the settings' prefix that name no
	// setting; serve warns about them.
	unknown []string
}

// ModelConfig names a model on a server.
type ModelConfig struct {
	// Provider is none, openai or ollama.
	Provider string

	// URL is the server's address; empty means the provider's usual one.
	URL string

	// Model is the model's name on the server.
	Model string

	// APIKey is the bearer token of an OpenAI-compatible server; empty means none.
	APIKey string
}

// setting describes one environment variable of Config.
type setting struct {
	name, def string
	dst       func(*Config) *string
	secret    bool
}

// settings lists every setting with its default; .env.example mirrors it.
var settings = []setting{
	{name: "NEUROGUIDE_ADDR", def: "127.0.0.1:8080", dst: func(c *Config) *string { return &c.Addr }},
	{name: "NEUROGUIDE_LOG_LEVEL", def: "info",
		dst: func(c *Config) *string { return &c.LogLevel }},
	{name: "NEUROGUIDE_LOG_FORMAT", def: "text",
		dst: func(c *Config) *string { return &c.LogFormat }},
	{name: "NEUROGUIDE_LLM_PROVIDER", def: "none",
		dst: func(c *Config) *string { return &c.LLM.Provider }},
	{name: "NEUROGUIDE_LLM_URL", dst: func(c *Config) *string { return &c.LLM.URL }},
	{name: "NEUROGUIDE_LLM_MODEL", dst: func(c *Config) *string { return &c.LLM.Model }},
	{name: "NEUROGUIDE_LLM_API_KEY", secret: true,
		dst: func(c *Config) *string { return &c.LLM.APIKey }},
	{name: "NEUROGUIDE_LLM_TEMPERATURE", def: "0.2",
		dst: func(c *Config) *string { return &c.Temperature }},
	{name: "NEUROGUIDE_LLM_MAX_TOKENS", def: "1500",
		dst: func(c *Config) *string { return &c.MaxTokens }},
	{name: "NEUROGUIDE_LLM_FIRST_TOKEN_TIMEOUT", def: "30s",
		dst: func(c *Config) *string { return &c.FirstTokenTimeout }},
	{name: "NEUROGUIDE_LLM_STALL_TIMEOUT", def: "30s",
		dst: func(c *Config) *string { return &c.StallTimeout }},
	{name: "NEUROGUIDE_LLM_UNDERSTAND", def: "off",
		dst: func(c *Config) *string { return &c.Understand }},
	{name: "NEUROGUIDE_LLM_UNDERSTAND_TIMEOUT", def: "5s",
		dst: func(c *Config) *string { return &c.UnderstandTimeout }},
	{name: "NEUROGUIDE_EMBED_PROVIDER", def: "none",
		dst: func(c *Config) *string { return &c.Embed.Provider }},
	{name: "NEUROGUIDE_EMBED_URL", dst: func(c *Config) *string { return &c.Embed.URL }},
	{name: "NEUROGUIDE_EMBED_MODEL", dst: func(c *Config) *string { return &c.Embed.Model }},
	{name: "NEUROGUIDE_EMBED_API_KEY", secret: true,
		dst: func(c *Config) *string { return &c.Embed.APIKey }},
	{name: "NEUROGUIDE_EMBED_CACHE", dst: func(c *Config) *string { return &c.EmbedCache }},
	{name: "NEUROGUIDE_LOG_QUESTIONS", def: "off",
		dst: func(c *Config) *string { return &c.LogQuestions }},
	{name: "NEUROGUIDE_DB", def: "neuroguide.db", dst: func(c *Config) *string { return &c.DB }},
	{name: "NEUROGUIDE_ALLOWED_ORIGINS", def: "",
		dst: func(c *Config) *string { return &c.AllowedOrigins }},
	{name: "NEUROGUIDE_TOKEN", def: "", secret: true,
		dst: func(c *Config) *string { return &c.Token }},
	{name: "NEUROGUIDE_USER_HEADER", def: "",
		dst: func(c *Config) *string { return &c.UserHeader }},
	{name: "NEUROGUIDE_TRUSTED_PROXIES", def: "",
		dst: func(c *Config) *string { return &c.TrustedProxies }},
	{name: "NEUROGUIDE_MAX_FRAME_BYTES", def: "262144",
		dst: func(c *Config) *string { return &c.MaxFrameBytes }},
	{name: "NEUROGUIDE_MAX_QUESTION_RUNES", def: "2000",
		dst: func(c *Config) *string { return &c.MaxQuestionRunes }},
	{name: "NEUROGUIDE_QUESTIONS_PER_MINUTE", def: "20",
		dst: func(c *Config) *string { return &c.QuestionsPerMinute }},
	{name: "NEUROGUIDE_MAX_CONNECTIONS", def: "1000",
		dst: func(c *Config) *string { return &c.MaxConnections }},
	{name: "NEUROGUIDE_MAX_CONNECTIONS_PER_CLIENT", def: "32",
		dst: func(c *Config) *string { return &c.MaxConnectionsPerClient }},
	{name: "NEUROGUIDE_MAX_ANSWERS", def: "64",
		dst: func(c *Config) *string { return &c.MaxAnswers }},
	{name: "NEUROGUIDE_MAX_ANSWERS_PER_CONNECTION", def: "4",
		dst: func(c *Config) *string { return &c.MaxAnswersPerConnection }},
	{name: "NEUROGUIDE_PING_INTERVAL", def: "30s",
		dst: func(c *Config) *string { return &c.PingInterval }},
	{name: "NEUROGUIDE_WRITE_WAIT", def: "10s",
		dst: func(c *Config) *string { return &c.WriteWait }},
	{name: "NEUROGUIDE_SHUTDOWN_WAIT", def: "10s",
		dst: func(c *Config) *string { return &c.ShutdownWait }},
}

// envFile is the optional settings file read from the working directory.
const envFile = ".env"

// loadConfig reads the settings from environ (KEY=value pairs) and .env; a
// variable set in the environment wins over the file. The file is read, not
// loaded into the process's environment, so that it cannot configure
// libraries behind our back (langchaingo reads OPENAI_* variables).
func loadConfig(environ []string) (Config, error) {
	file, err := godotenv.Read(envFile)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return Config{}, fmt.Errorf("read %s: %w", envFile, err)
	}

	env := map[string]string{}
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}

	return configFrom(env, file)
}

// configFrom takes each setting from env, else from file, else its default. A
// value that is empty, or only spaces, counts as unset, in either place: a
// stray NEUROGUIDE_LOG_LEVEL= in a shell or an empty line copied from
// .env.example falls back rather than stopping start-up.
func configFrom(env, file map[string]string) (Config, error) {
	var cfg Config
	for _, s := range settings {
		v := strings.TrimSpace(env[s.name])
		if v == "" {
			v = strings.TrimSpace(file[s.name])
		}

		if v == "" {
			v = s.def
		}

		*s.dst(&cfg) = v
	}

	cfg.unknown = unknownSettings(env, file)

	return cfg, cfg.Validate()
}

// settingPrefix starts the name of every setting.
const settingPrefix = "NEUROGUIDE_"

// testSwitches are the names with the settings' prefix that the tests read,
// not the program: the browser tests' (see README.md).
var testSwitches = []string{"NEUROGUIDE_REQUIRE_BROWSER", "NEUROGUIDE_CHROMIUM"}

// unknownSettings returns the names with the settings' prefix, in the
// environment or the file, that name no setting: most likely misspelt ones.
func unknownSettings(env, file map[string]string) []string {
	var out []string
	for _, m := range []map[string]string{env, file} {
		for name, v := range m {
			if strings.TrimSpace(v) == "" {
				continue // unset, as in configFrom
			}

			known := slices.ContainsFunc(settings, func(s setting) bool { return s.name == name }) ||
				slices.Contains(testSwitches, name)
			if strings.HasPrefix(name, settingPrefix) && !known && !slices.Contains(out, name) {
				out = append(out, name)
			}
		}
	}

	slices.Sort(out)

	return out
}

// Validate checks every setting and names the bad ones.
func (c Config) Validate() error {
	var errs []error
	if !validAddr(c.Addr) {
		errs = append(errs, fmt.Errorf("NEUROGUIDE_ADDR %q: want host:port, port 0 to 65535",
			c.Addr))
	}

	if _, err := parseLevel(c.LogLevel); err != nil {
		errs = append(errs, fmt.Errorf("NEUROGUIDE_LOG_LEVEL: %w", err))
	}

	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("NEUROGUIDE_LOG_FORMAT %q: want text or json", c.LogFormat))
	}

	errs = append(errs, c.LLM.validate("NEUROGUIDE_LLM_")...)
	errs = append(errs, c.Embed.validate("NEUROGUIDE_EMBED_")...)
	errs = append(errs, c.validateTuning()...)
	_, err := c.server()
	errs = append(errs, err)

	return errors.Join(errs...)
}

// validAddr reports whether addr is host:port with a numeric port in range.
func validAddr(addr string) bool {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}

	n, err := strconv.Atoi(port)

	return err == nil && n >= 0 && n <= 65535
}

// parseLevel parses a log level name.
func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("%q: want debug, info, warn or error", s)
	}

	return l, nil
}

// historyOff is the NEUROGUIDE_DB value that keeps no history. An empty value
// cannot say so: it means the default, as for every setting.
const historyOff = "off"

// parseSwitch parses the value of a switch, a setting that is on or off; true
// and false mean the same. Every switch is parsed here, so that each accepts
// exactly these four words, as .env.example and the README say.
func parseSwitch(s string) (bool, error) {
	switch s {
	case "on", "true":
		return true, nil
	case "off", "false":
		return false, nil
	}

	return false, fmt.Errorf("%q: want on or off (or true or false)", s)
}

// logger makes the process's logger as configured, writing to stderr.
func (c Config) logger() *slog.Logger {
	level, _ := parseLevel(c.LogLevel)
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}

	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}

// logValues returns the effective settings for the start-up log, secrets redacted.
func (c Config) logValues() []any {
	var out []any
	for _, s := range settings {
		v := *s.dst(&c)
		if s.secret && v != "" {
			v = "(set)"
		}

		out = append(out, strings.ToLower(strings.TrimPrefix(s.name, "NEUROGUIDE_")), v)
	}

	return out
}
