package main

import (
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/neuroguide/neuroguide/assistant/provider/providertest"
	"github.com/neuroguide/neuroguide/web"
)

// fakeModels are a fake OpenAI-compatible server and a fake Ollama server
// whose replies the test scripts.
type fakeModels struct {
	mu     sync.Mutex
	script providertest.Script
	openai *providertest.Server
	ollama *providertest.Server
}

func newFakeModels(t testing.TB) *fakeModels {
	f := &fakeModels{}
	run := func(r providertest.Request) providertest.Reply {
		f.mu.Lock()
		defer f.mu.Unlock()

		return f.script(r)
	}
	f.openai, f.ollama = providertest.NewOpenAI(run), providertest.NewOllama(run)
	t.Cleanup(f.openai.Close)
	t.Cleanup(f.ollama.Close)

	return f
}

func (f *fakeModels) set(s providertest.Script) {
	f.mu.Lock()
	defer f.mu.Unlock()

	f.script = s
}

// serveWith builds the real assistant from settings, serves it with the real
// web server on a free port, and returns the websocket URL.
func serveWith(t testing.TB, environ []string) string {
	t.Helper()

	// The history database, unless the settings name one, is kept apart
	// from the source tree.
	environ = append([]string{"NEUROGUIDE_DB=" + t.TempDir() + "/history.db"}, environ...)
	cfg, err := loadConfig(environ)
	if err != nil {
		t.Fatalf("loadConfig: %v", err)
	}

	log := slog.New(slog.DiscardHandler)
	a, err := build(t.Context(), cfg, log)
	if err != nil {
		t.Fatalf("build: %v", err)
	}

	return serveApp(t, a, cfg)
}

// modelEnv returns the settings of a provider pointing at the fake servers.
func (f *fakeModels) env(kind string) []string {
	url := f.openai.URL + "/v1"
	if kind == "ollama" {
		url = f.ollama.URL
	}

	return []string{"NEUROGUIDE_LLM_PROVIDER=" + kind, "NEUROGUIDE_LLM_URL=" + url,
		"NEUROGUIDE_LLM_MODEL=fake", "NEUROGUIDE_LLM_FIRST_TOKEN_TIMEOUT=300ms",
		"NEUROGUIDE_EMBED_CACHE=off", "NEUROGUIDE_DB=off", "NEUROGUIDE_QUESTIONS_PER_MINUTE=0"}
}

func (f *fakeModels) server(kind string) *providertest.Server {
	if kind == "ollama" {
		return f.ollama
	}

	return f.openai
}

// answer reads an ask's frames up to its done or error frame, calling
// onDelta after each delta.
func (c *wsClient) answer(onDelta func(n int)) (deltas []string, end frame) {
	c.t.Helper()

	for {
		f := c.read()
		switch f.Type {
		case "delta":
			deltas = append(deltas, f.Text)
			if onDelta != nil {
				onDelta(len(deltas))
			}
		case "done", "error":
			return deltas, f
		}
	}
}

// citing is a model that cites every source of the prompt in small tokens.
func citing(extra string) providertest.Script {
	return func(r providertest.Request) providertest.Reply {
		var b strings.Builder
		b.WriteString("The review lists 3 of 74 that fit: ")
		for _, name := range []string{"braindecode [1]", "DN3 [2]", "ExBrainable [3]"} {
			b.WriteString("**" + name[:strings.Index(name, " ")] + "**" +
				name[strings.Index(name, " "):] + ", ")
		}

		b.WriteString("all in PyTorch" + extra + ".")

		var chunks []string
		for _, w := range strings.SplitAfter(b.String(), " ") {
			chunks = append(chunks, w[:len(w)/2], w[len(w)/2:])
		}

		return providertest.Reply{Chunks: chunks}
	}
}

const e2eQuestion = "Which EEG libraries use PyTorch?"

var e2eLibraries = []string{"braindecode", "DN3", "ExBrainable"}

func TestLLMEndToEnd(t *testing.T) {
	models := newFakeModels(t)
	tests := []struct {
		name    string
		script  providertest.Script
		mode    string
		notice  string
		dropped []int
	}{
		{name: "verified stream", script: citing(""), mode: "llm"},
		{name: "unknown marker", script: citing(" [9]"), mode: "llm",
			notice: "do not exist", dropped: []int{9}},
		{name: "http 500", mode: "offline", notice: "HTTP 500",
			script: func(providertest.Request) providertest.Reply {
				return providertest.Reply{Status: 500}
			}},
		{name: "no first token", mode: "offline", notice: "sent nothing within 300ms",
			script: func(providertest.Request) providertest.Reply {
				return providertest.Reply{Chunks: []string{"late"}, Delay: 5 * time.Second}
			}},
		{name: "broken mid-stream", mode: "offline", notice: "broke off",
			script: func(providertest.Request) providertest.Reply {
				return providertest.Reply{Chunks: []string{"DN3 [2] is "},
					Fault: providertest.FaultDisconnect}
			}},
	}
	for _, kind := range []string{"openai", "ollama"} {
		url := serveWith(t, models.env(kind))
		for _, tt := range tests {
			t.Run(kind+"/"+tt.name, func(t *testing.T) {
				models.set(tt.script)
				c := dialWS(t, url)
				c.send(web.AskFrame{Type: web.TypeAsk, ID: "q1", Text: e2eQuestion})

				deltas, done := c.answer(nil)
				if done.Type != "done" {
					t.Fatalf("ask ended with %+v, want a done frame", done)
				}

				checkDone(t, deltas, done, tt.mode, tt.notice)
				if diff := cmp.Diff(tt.dropped, done.DroppedCitations); diff != "" {
					t.Errorf("dropped citations (-want +got):\n%s", diff)
				}
			})
		}
	}
}

// checkDone asserts what a done frame must hold after its deltas.
func checkDone(t *testing.T, deltas []string, done frame, mode, notice string) {
	t.Helper()

	if got := strings.Join(deltas, ""); got != done.Answer {
		t.Errorf("deltas joined = %q, done answer = %q", got, done.Answer)
	}

	if done.Mode != mode || !strings.Contains(done.Notice, notice) {
		t.Errorf("mode %q notice %q, want %q and a notice with %q", done.Mode, done.Notice,
			mode, notice)
	}

	if diff := cmp.Diff(e2eLibraries, done.Libraries); diff != "" {
		t.Errorf("libraries (-want +got):\n%s", diff)
	}

	if mode == "llm" && len(deltas) < 10 {
		t.Errorf("got %d deltas, want the model's tokens streamed one by one", len(deltas))
	}

	if strings.Contains(done.Answer, "[9]") {
		t.Errorf("answer keeps an unknown marker: %q", done.Answer)
	}
}

func TestLLMCancelStopsUpstream(t *testing.T) {
	models := newFakeModels(t)
	models.set(func(providertest.Request) providertest.Reply {
		return providertest.Reply{Chunks: strings.SplitAfter(strings.Repeat("DN3 [2] ", 100), " "),
			Gap: 30 * time.Millisecond}
	})

	for _, kind := range []string{"openai", "ollama"} {
		t.Run(kind, func(t *testing.T) {
			c := dialWS(t, serveWith(t, models.env(kind)))
			c.send(web.AskFrame{Type: web.TypeAsk, ID: "q1", Text: e2eQuestion})
			_, end := c.answer(func(n int) {
				if n == 2 {
					c.send(web.CancelFrame{Type: web.TypeCancel, ID: "q1"})
				}
			})

			if end.Type != "error" || end.Code != string(web.CodeCancelled) {
				t.Errorf("ask ended with %+v, want a cancelled error", end)
			}

			select {
			case <-models.server(kind).Aborted():
			case <-time.After(3 * time.Second):
				t.Error("the model server kept streaming after the cancel frame")
			}
		})
	}
}

func TestEmbeddingModelCachedAcrossRestarts(t *testing.T) {
	models := newFakeModels(t)
	models.set(citing(""))
	for _, kind := range []string{"openai", "ollama"} {
		t.Run(kind, func(t *testing.T) {
			srv := models.server(kind)
			url := srv.URL + "/v1"
			if kind == "ollama" {
				url = srv.URL
			}

			env := []string{"NEUROGUIDE_EMBED_PROVIDER=" + kind, "NEUROGUIDE_EMBED_URL=" + url,
				"NEUROGUIDE_EMBED_MODEL=fake-embed",
				"NEUROGUIDE_EMBED_CACHE=" + t.TempDir() + "/embeddings.gob"}

			ws := serveWith(t, env)
			first := srv.EmbeddedTexts()
			if first < 100 {
				t.Fatalf("the first start embedded %d chunks, want every chunk", first)
			}

			serveWith(t, env) // a restart
			if got := srv.EmbeddedTexts(); got != first {
				t.Errorf("the restart embedded %d more texts, want none", got-first)
			}

			c := dialWS(t, ws)
			c.send(web.AskFrame{Type: web.TypeAsk, ID: "q1",
				Text: "What does the review say about reproducibility?"})
			if _, end := c.answer(nil); end.Type != "done" || end.Mode != "offline" {
				t.Errorf("ask ended with %+v, want an offline answer", end)
			}

			if srv.EmbeddedTexts() <= first {
				t.Errorf("the question was not embedded by the model")
			}
		})
	}
}

// BenchmarkWebsocketFirstDelta measures what the whole server adds before a
// model's first token reaches the client: an ask frame in, the answer's first
// delta frame out, with a fake OpenAI-compatible server that streams at once.
func BenchmarkWebsocketFirstDelta(b *testing.B) {
	models := newFakeModels(b)
	models.set(citing(""))
	c := dialWS(b, serveWith(b, models.env("openai")))

	var first time.Duration
	i := 0
	for b.Loop() {
		i++
		id := "q" + strconv.Itoa(i)
		start := time.Now()
		c.send(web.AskFrame{Type: web.TypeAsk, ID: id, Text: e2eQuestion})
		for seen := false; ; {
			f := c.read()
			if f.Type == "delta" && !seen {
				first += time.Since(start)
				seen = true
			}

			if f.Type == "done" || f.Type == "error" {
				break
			}
		}
	}

	b.ReportMetric(float64(first.Microseconds())/float64(b.N), "µs/first_delta")
}
