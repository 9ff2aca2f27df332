package main

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/neuroguide/neuroguide/assistant"
	"github.com/neuroguide/neuroguide/assistant/provider"
	"github.com/neuroguide/neuroguide/retrieval"
)

// validate checks a model's settings; prefix is their names' common start.
func (m ModelConfig) validate(prefix string) []error {
	kind, err := provider.ParseKind(m.Provider)
	if err != nil {
		return []error{fmt.Errorf("%sPROVIDER: %w", prefix, err)}
	}

	if kind == provider.None {
		return nil
	}

	var errs []error
	if _, err := provider.ResolveURL(kind, m.URL); err != nil {
		errs = append(errs, fmt.Errorf("%sURL: %w", prefix, err))
	}

	if m.Model == "" {
		errs = append(errs, fmt.Errorf("%sMODEL: required when %sPROVIDER is %s", prefix,
			prefix, kind))
	}

	return errs
}

// validateTuning checks the numbers and durations of the language model settings.
func (c Config) validateTuning() []error {
	var errs []error
	// Written so that NaN fails too.
	if t, err := strconv.ParseFloat(c.Temperature, 64); err != nil || !(t >= 0 && t <= 2) {
		errs = append(errs, fmt.Errorf("NEUROGUIDE_LLM_TEMPERATURE %q: want a number "+
			"from 0 to 2", c.Temperature))
	}

	if n, err := strconv.Atoi(c.MaxTokens); err != nil || n < 0 {
		errs = append(errs, fmt.Errorf("NEUROGUIDE_LLM_MAX_TOKENS %q: want a whole number, "+
			"0 for the server's limit", c.MaxTokens))
	}

	durations := map[string]string{"FIRST_TOKEN_TIMEOUT": c.FirstTokenTimeout,
		"STALL_TIMEOUT": c.StallTimeout, "UNDERSTAND_TIMEOUT": c.UnderstandTimeout}
	for name, v := range durations {
		if d, err := time.ParseDuration(v); err != nil || d <= 0 {
			errs = append(errs, fmt.Errorf("NEUROGUIDE_LLM_%s %q: want a duration above 0, such as 30s",
				name, v))
		}
	}

	if _, err := parseSwitch(c.Understand); err != nil {
		errs = append(errs, fmt.Errorf("NEUROGUIDE_LLM_UNDERSTAND: %w", err))
	}

	return errs
}

// settings returns the provider settings of a validated model config.
func (m ModelConfig) settings(c Config) provider.Settings {
	kind, _ := provider.ParseKind(m.Provider)
	temp, _ := strconv.ParseFloat(c.Temperature, 64)
	maxTokens, _ := strconv.Atoi(c.MaxTokens)

	return provider.Settings{Kind: kind, URL: m.URL, Model: m.Model, APIKey: m.APIKey,
		Temperature: temp, MaxTokens: maxTokens}
}

// llm returns the assistant's language model settings; the zero LLM when
// none is configured.
func (c Config) llm() (assistant.LLM, error) {
	s := c.LLM.settings(c)
	if s.Kind == provider.None {
		return assistant.LLM{}, nil
	}

	chat, err := provider.NewChat(s)
	if err != nil {
		return assistant.LLM{}, fmt.Errorf("language model: %w", err)
	}

	first, _ := time.ParseDuration(c.FirstTokenTimeout)
	stall, _ := time.ParseDuration(c.StallTimeout)
	understandWait, _ := time.ParseDuration(c.UnderstandTimeout)
	understand, _ := parseSwitch(c.Understand)

	return assistant.LLM{Model: chat, FirstToken: first, Stall: stall,
		Understand: understand, UnderstandTimeout: understandWait}, nil
}

// embedder returns the embedder of the retrieval index: nil, meaning the
// offline one, unless an embedding model is configured.
func (c Config) embedder(log *slog.Logger) (retrieval.Embedder, error) {
	s := c.Embed.settings(c)
	if s.Kind == provider.None {
		return nil, nil
	}

	e, err := provider.NewEmbedder(s)
	if err != nil {
		return nil, fmt.Errorf("embedding model: %w", err)
	}

	path := c.embedCachePath()
	if path == "" {
		return e, nil
	}

	return retrieval.NewCached(e, retrieval.CacheOptions{Path: path,
		Model: string(s.Kind) + ":" + s.Model, Logger: log.With("component", "embed_cache")}), nil
}

// embedCachePath returns where embedding vectors are cached, or "" for nowhere.
func (c Config) embedCachePath() string {
	switch c.EmbedCache {
	case "off":
		return ""
	case "":
		dir, err := os.UserCacheDir()
		if err != nil {
			return ""
		}

		return filepath.Join(dir, "neuroguide", "embeddings.gob")
	}

	return c.EmbedCache
}
