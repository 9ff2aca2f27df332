package provider

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/tmc/langchaingo/llms"

	"github.com/neuroguide/neuroguide/assistant/provider/providertest"
)

func TestResolveURL(t *testing.T) {
	tests := []struct {
		name    string
		kind    Kind
		raw     string
		want    string
		wantErr bool
	}{
		{name: "openai default", kind: OpenAI, want: DefaultOpenAIURL},
		{name: "ollama default", kind: Ollama, want: DefaultOllamaURL},
		{name: "openai root gets v1", kind: OpenAI, raw: "http://127.0.0.1:8000",
			want: "http://127.0.0.1:8000/v1"},
		{name: "openai path kept", kind: OpenAI, raw: "https://api.example.com/openai/v1/",
			want: "https://api.example.com/openai/v1"},
		{name: "ollama root", kind: Ollama, raw: "http://gpu-box:11434/",
			want: "http://gpu-box:11434"},
		{name: "ollama with v1", kind: Ollama, raw: "http://127.0.0.1:11434/v1", wantErr: true},
		{name: "no scheme", kind: OpenAI, raw: "127.0.0.1:8000", wantErr: true},
		{name: "unparsable", kind: Ollama, raw: "http://[::1", wantErr: true},
		{name: "ftp", kind: OpenAI, raw: "ftp://host/v1", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ResolveURL(tt.kind, tt.raw)
			if (err != nil) != tt.wantErr {
				t.Fatalf("ResolveURL(%q) error = %v, want error %v", tt.raw, err, tt.wantErr)
			}

			if got != tt.want {
				t.Errorf("ResolveURL(%q) = %q, want %q", tt.raw, got, tt.want)
			}
		})
	}
}

func TestParseKind(t *testing.T) {
	for in, want := range map[string]Kind{"": None, "none": None, "OpenAI": OpenAI,
		" ollama ": Ollama} {
		got, err := ParseKind(in)
		if err != nil || got != want {
			t.Errorf("ParseKind(%q) = %q, %v; want %q", in, got, err, want)
		}
	}

	if _, err := ParseKind("anthropic"); !errors.Is(err, ErrBadKind) {
		t.Errorf("ParseKind(anthropic) error = %v, want ErrBadKind", err)
	}
}

// fakeServer starts a fake server of a kind and returns settings for it.
func fakeServer(t *testing.T, kind Kind, script providertest.Script) (*providertest.Server,
	Settings) {
	t.Helper()

	var srv *providertest.Server
	url := ""
	switch kind {
	case OpenAI:
		srv = providertest.NewOpenAI(script)
		url = srv.URL + "/v1"
	case Ollama:
		srv = providertest.NewOllama(script)
		url = srv.URL
	}
	t.Cleanup(srv.Close)

	return srv, Settings{Kind: kind, URL: url, Model: "fake-model", Temperature: 0.3,
		MaxTokens: 256}
}

// generate streams one reply and returns the chunks the callback saw.
func generate(ctx context.Context, t *testing.T, s Settings) ([]string, string, error) {
	t.Helper()

	chat, err := NewChat(s)
	if err != nil {
		t.Fatalf("NewChat: %v", err)
	}

	var chunks []string
	stream := llms.WithStreamingFunc(func(_ context.Context, b []byte) error {
		if len(b) > 0 {
			chunks = append(chunks, string(b))
		}
		return nil
	})
	msgs := []llms.MessageContent{llms.TextParts(llms.ChatMessageTypeSystem, "rules"),
		llms.TextParts(llms.ChatMessageTypeHuman, "question")}
	resp, err := chat.GenerateContent(ctx, msgs, stream)
	content := ""
	if resp != nil && len(resp.Choices) > 0 {
		content = resp.Choices[0].Content
	}

	return chunks, content, err
}

func TestChatFaults(t *testing.T) {
	tests := []struct {
		name   string
		reply  providertest.Reply
		want   error // nil: the reply arrives whole
		chunks []string
	}{
		{name: "whole", reply: providertest.Reply{Chunks: []string{"EEGNet [1] ", "is a CNN."}},
			chunks: []string{"EEGNet [1] ", "is a CNN."}},
		{name: "split rune", reply: providertest.Reply{Chunks: []string{"Ž", "ižek é"},
			SplitRunes: true}, chunks: []string{"Ž", "ižek é"}},
		{name: "http 500", reply: providertest.Reply{Status: 500}, want: ErrStatus},
		{name: "http 429", reply: providertest.Reply{Status: 429}, want: ErrStatus},
		{name: "disconnect", reply: providertest.Reply{Chunks: []string{"a", "b"},
			Fault: providertest.FaultDisconnect}, want: ErrBroken},
		{name: "malformed", reply: providertest.Reply{Chunks: []string{"a", "b"},
			Fault: providertest.FaultMalformed}, want: ErrMalformed},
		{name: "error object", reply: providertest.Reply{Chunks: []string{"a"},
			Fault: providertest.FaultErrorObject}, want: ErrServerError},
		{name: "no end", reply: providertest.Reply{Chunks: []string{"a"},
			Fault: providertest.FaultNoEnd}, want: ErrBroken},
		{name: "length", reply: providertest.Reply{Chunks: []string{"a"}, Finish: "length"},
			want: ErrTruncated},
	}
	for _, kind := range []Kind{OpenAI, Ollama} {
		for _, tt := range tests {
			t.Run(string(kind)+"/"+tt.name, func(t *testing.T) {
				_, s := fakeServer(t, kind, func(providertest.Request) providertest.Reply {
					return tt.reply
				})
				chunks, content, err := generate(t.Context(), t, s)
				if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
					t.Fatalf("GenerateContent error = %v, want %v", err, tt.want)
				}

				if tt.want != nil {
					return
				}

				if diff := cmp.Diff(tt.chunks, chunks); diff != "" {
					t.Errorf("chunks (-want +got):\n%s", diff)
				}

				if want := strings.Join(tt.chunks, ""); content != want {
					t.Errorf("content = %q, want %q", content, want)
				}
			})
		}
	}
}

func TestChatRequest(t *testing.T) {
	for _, kind := range []Kind{OpenAI, Ollama} {
		t.Run(string(kind), func(t *testing.T) {
			srv, s := fakeServer(t, kind, providertest.Fixed("ok"))
			if _, _, err := generate(t.Context(), t, s); err != nil {
				t.Fatalf("GenerateContent: %v", err)
			}

			reqs := srv.Requests()
			if len(reqs) != 1 {
				t.Fatalf("got %d requests, want 1", len(reqs))
			}

			got := reqs[0]
			if got.Model != "fake-model" || got.System != "rules" || got.User != "question" {
				t.Errorf("request = %+v, want model fake-model, system and user text", got)
			}

			if got.Temperature == nil || *got.Temperature < 0.29 || *got.Temperature > 0.31 {
				t.Errorf("temperature = %v, want 0.3", got.Temperature)
			}

			if got.MaxTokens != 256 {
				t.Errorf("max tokens = %d, want 256", got.MaxTokens)
			}

			if kind == OpenAI && got.Auth != "Bearer "+placeholderKey {
				t.Errorf("authorization = %q, want the placeholder token", got.Auth)
			}
		})
	}
}

func TestChatUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now

	for _, kind := range []Kind{OpenAI, Ollama} {
		t.Run(string(kind), func(t *testing.T) {
			s := Settings{Kind: kind, URL: "http://" + addr, Model: "m"}
			if _, _, err := generate(t.Context(), t, s); !errors.Is(err, ErrUnreachable) {
				t.Errorf("error = %v, want ErrUnreachable", err)
			}
		})
	}
}

func TestChatCancelStopsUpstream(t *testing.T) {
	errStop := errors.New("stopped by the test")
	for _, kind := range []Kind{OpenAI, Ollama} {
		t.Run(string(kind), func(t *testing.T) {
			srv, s := fakeServer(t, kind, func(providertest.Request) providertest.Reply {
				return providertest.Reply{Chunks: strings.Split(strings.Repeat("x", 200), ""),
					Gap: 20 * time.Millisecond}
			})
			ctx, cancel := context.WithCancelCause(t.Context())
			time.AfterFunc(60*time.Millisecond, func() { cancel(errStop) })

			_, _, err := generate(ctx, t, s)
			if !errors.Is(err, errStop) {
				t.Errorf("error = %v, want the cancel cause", err)
			}

			select {
			case <-srv.Aborted():
			case <-time.After(2 * time.Second):
				t.Error("the server kept streaming after the cancel")
			}
		})
	}
}

func TestEmbedder(t *testing.T) {
	for _, kind := range []Kind{OpenAI, Ollama} {
		t.Run(string(kind), func(t *testing.T) {
			srv, s := fakeServer(t, kind, providertest.Fixed())
			e, err := NewEmbedder(s)
			if err != nil {
				t.Fatal(err)
			}

			texts := []string{"pose estimation\nfrom video", "EEG decoding"}
			vecs, err := e.EmbedDocuments(t.Context(), texts)
			if err != nil {
				t.Fatal(err)
			}

			if len(vecs) != 2 || len(vecs[0]) != 64 {
				t.Fatalf("got %d vectors, want 2 of 64 dimensions", len(vecs))
			}

			if texts[0] != "pose estimation\nfrom video" {
				t.Errorf("EmbedDocuments rewrote its input: %q", texts[0])
			}

			if got := srv.EmbeddedTexts(); got != 2 {
				t.Errorf("server embedded %d texts, want 2", got)
			}
		})
	}
}

func TestChatIgnoresOpenAIEnvironment(t *testing.T) {
	t.Setenv("OPENAI_BASE_URL", "http://127.0.0.1:1/v1")
	t.Setenv("OPENAI_MODEL", "another-model")
	t.Setenv("OPENAI_API_KEY", "sk-from-the-environment")

	srv, s := fakeServer(t, OpenAI, providertest.Fixed("ok"))
	if _, _, err := generate(t.Context(), t, s); err != nil {
		t.Fatalf("GenerateContent: %v", err)
	}

	got := srv.Requests()[0]
	if got.Model != "fake-model" || got.Auth != "Bearer "+placeholderKey {
		t.Errorf("request model %q auth %q, want our settings alone", got.Model, got.Auth)
	}
}
