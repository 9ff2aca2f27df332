// Package provider makes the language models and embedding models the assistant
// can use, through langchaingo: any OpenAI-compatible server (OpenAI, vLLM,
// llama.cpp's server, LM Studio, Ollama's /v1) and Ollama's native API.
//
// A chat model made here checks its own HTTP stream: langchaingo drops
// malformed chunks, hides errors sent mid-stream and returns nil for a broken
// stream, so the model's transport watches every line it reads and the model
// turns what it saw into one of this package's errors.
package provider

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/tmc/langchaingo/embeddings"
	"github.com/tmc/langchaingo/llms"
	"github.com/tmc/langchaingo/llms/ollama"
	"github.com/tmc/langchaingo/llms/openai"
)

// Kind names a kind of model server.
type Kind string

// The kinds of model server.
const (
	// None means no model: the assistant composes its answers offline.
	None Kind = "none"

	// OpenAI is any server of the OpenAI chat completions and embeddings API.
	OpenAI Kind = "openai"

	// Ollama is an Ollama server's native API (/api/chat, /api/embed).
	Ollama Kind = "ollama"
)

// Default server addresses, used when Settings.URL is empty.
const (
	DefaultOpenAIURL = "https://api.openai.com/v1"
	DefaultOllamaURL = "http://127.0.0.1:11434"
)

// ErrBadKind is returned by ParseKind for an unknown provider name.
var ErrBadKind = errors.New("want none, openai or ollama")

// ParseKind parses a provider name; the empty string is None.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(strings.ToLower(strings.TrimSpace(s))); k {
	case "", None:
		return None, nil
	case OpenAI, Ollama:
		return k, nil
	}

	return "", fmt.Errorf("%q: %w", s, ErrBadKind)
}

// Settings name a model on a server.
type Settings struct {
	// Kind is the server's API; None makes no model.
	Kind Kind

	// URL is the server's address; empty means DefaultOpenAIURL or
	// DefaultOllamaURL. An OpenAI-compatible URL with no path gets /v1.
	URL string

	// Model is the model's name on the server; required.
	Model string

	// APIKey is sent as a bearer token to an OpenAI-compatible server; empty
	// sends a placeholder, which keyless local servers accept.
	APIKey string

	// Temperature is sent with every request: langchaingo would otherwise
	// send 0 for both kinds.
	Temperature float64

	// MaxTokens bounds a reply's length; zero leaves it to the server.
	MaxTokens int
}

// maxPort is the highest TCP port.
const maxPort = 65535

// ResolveURL checks a server address for a kind and returns the address the
// client will use. A URL that url.Parse rejects is an error here, before
// ollama.WithServerURL would call log.Fatal on it, and so is a port out of
// range, which would fail every request.
func ResolveURL(kind Kind, raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		raw = DefaultOpenAIURL
		if kind == Ollama {
			raw = DefaultOllamaURL
		}
	}

	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("%q: %w", raw, err)
	}

	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%q: want an http:// or https:// URL with a host", raw)
	}

	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > maxPort {
			return "", fmt.Errorf("%q: the port must be from 1 to %d", raw, maxPort)
		}
	}

	path := strings.TrimRight(u.Path, "/")
	switch {
	case kind == Ollama && path != "":
		return "", fmt.Errorf("%q: an Ollama URL is the server's root, such as %s "+
			"(for its OpenAI-compatible %s endpoint use the openai provider)", raw,
			DefaultOllamaURL, path)
	case kind == OpenAI && path == "":
		u.Path = "/v1"
	default:
		u.Path = path
	}

	return u.String(), nil
}

// placeholderKey is the bearer token sent to servers that need none:
// langchaingo's openai client refuses to start without one.
const placeholderKey = "no-key"

// ErrNoModel is returned when Settings name no model.
var ErrNoModel = errors.New("no model name given")

// connection checks the settings' server and model, and returns the server's
// base URL and an HTTP client that reports the faults langchaingo hides.
func connection(s Settings) (string, *http.Client, error) {
	base, err := ResolveURL(s.Kind, s.URL)
	if err != nil {
		return "", nil, err
	}

	if strings.TrimSpace(s.Model) == "" {
		return "", nil, ErrNoModel
	}

	return base, &http.Client{Transport: &watchTransport{base: http.DefaultTransport}}, nil
}

// NewChat makes the chat model the settings name.
func NewChat(s Settings) (*Chat, error) {
	base, client, err := connection(s)
	if err != nil {
		return nil, err
	}

	opts := []llms.CallOption{llms.WithTemperature(s.Temperature)}
	if s.MaxTokens > 0 {
		opts = append(opts, llms.WithMaxTokens(s.MaxTokens))
	}

	var inner llms.Model
	switch s.Kind {
	case OpenAI:
		inner, err = newOpenAI(s, base, client)
		// max_tokens, not max_completion_tokens: older llama.cpp servers, vLLM
		// and Ollama's /v1 ignore or reject the newer field.
		opts = append(opts, openai.WithLegacyMaxTokensField())
	case Ollama:
		inner, err = ollama.New(ollama.WithServerURL(base), ollama.WithModel(s.Model),
			ollama.WithHTTPClient(client))
	default:
		return nil, fmt.Errorf("chat model: %w", ErrBadKind)
	}

	if err != nil {
		return nil, fmt.Errorf("make %s client: %w", s.Kind, err)
	}

	return &Chat{inner: inner, kind: s.Kind, model: s.Model, opts: opts}, nil
}

// newOpenAI makes an OpenAI-compatible client from our settings alone: every
// option is given, so no OPENAI_* variable of the process can redirect it.
func newOpenAI(s Settings, base string, client *http.Client) (*openai.LLM, error) {
	key := s.APIKey
	if key == "" {
		key = placeholderKey
	}

	return openai.New(openai.WithToken(key), openai.WithModel(s.Model),
		openai.WithEmbeddingModel(s.Model), openai.WithBaseURL(base),
		openai.WithOrganization(""), openai.WithHTTPClient(client))
}

// NewEmbedder makes the embedding model the settings name. Its method set is
// retrieval.Embedder's.
func NewEmbedder(s Settings) (embeddings.Embedder, error) {
	base, client, err := connection(s)
	if err != nil {
		return nil, err
	}

	var ec embeddings.EmbedderClient
	switch s.Kind {
	case OpenAI:
		ec, err = newOpenAI(s, base, client)
	case Ollama:
		ec, err = ollama.New(ollama.WithServerURL(base), ollama.WithModel(s.Model),
			ollama.WithHTTPClient(client))
	default:
		return nil, fmt.Errorf("embedding model: %w", ErrBadKind)
	}

	if err != nil {
		return nil, fmt.Errorf("make %s client: %w", s.Kind, err)
	}

	return embeddings.NewEmbedder(ec, embeddings.WithStripNewLines(false))
}
