package assistant

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tmc/langchaingo/llms"

	"github.com/neuroguide/neuroguide/assistant/provider"
	"github.com/neuroguide/neuroguide/assistant/provider/providertest"
)

// instantModel is an in-process llms.Model that streams its reply at once.
type instantModel struct{ reply []string }

func (m instantModel) GenerateContent(ctx context.Context, _ []llms.MessageContent,
	options ...llms.CallOption) (*llms.ContentResponse, error) {
	var opts llms.CallOptions
	for _, o := range options {
		o(&opts)
	}

	for _, r := range m.reply {
		if err := opts.StreamingFunc(ctx, []byte(r)); err != nil {
			return nil, err
		}
	}

	return &llms.ContentResponse{Choices: []*llms.ContentChoice{{StopReason: "stop"}}}, nil
}

func (m instantModel) Call(ctx context.Context, p string, o ...llms.CallOption) (string, error) {
	return llms.GenerateFromSinglePrompt(ctx, m, p, o...)
}

// errFirstDelta stops an answer at its first delta: the benchmark measures
// the wait for it, not the rest.
var errFirstDelta = errors.New("first delta seen")

// benchFirstDelta measures how long Ask takes to send its first delta.
func benchFirstDelta(b *testing.B, a *Assistant) {
	b.ReportAllocs()

	var total time.Duration
	for b.Loop() {
		start := time.Now()
		_, err := a.Ask(b.Context(), Request{Text: eegQuestion}, func(string) error {
			total += time.Since(start)
			return errFirstDelta // Ask returns at once: no other delta is sent
		})
		if err == nil {
			b.Fatal("Ask did not stop at the first delta")
		}
	}

	b.ReportMetric(float64(total.Microseconds())/float64(b.N), "µs/first_delta")
}

// BenchmarkFirstDeltaOffline is the composed answer's first delta, for reference.
func BenchmarkFirstDeltaOffline(b *testing.B) {
	benchFirstDelta(b, newTestAssistant(b))
}

// BenchmarkFirstDeltaModelInProcess is our overhead before a model's first
// token: understanding, the draft, the prompt and the filter, with a model
// that answers at once in process.
func BenchmarkFirstDeltaModelInProcess(b *testing.B) {
	a := *newTestAssistant(b)
	a.llm = LLM{Model: instantModel{reply: []string{"braindecode [1] ", "fits."}}}
	benchFirstDelta(b, &a)
}

// BenchmarkFirstDeltaModelHTTP adds langchaingo and a local HTTP round trip
// to a fake OpenAI-compatible server that streams at once.
func BenchmarkFirstDeltaModelHTTP(b *testing.B) {
	srv := providertest.NewOpenAI(providertest.Fixed("braindecode [1] ", "fits."))
	defer srv.Close()

	chat, err := provider.NewChat(provider.Settings{Kind: provider.OpenAI, URL: srv.URL + "/v1",
		Model: "fake"})
	if err != nil {
		b.Fatal(err)
	}

	a := *newTestAssistant(b)
	a.llm = LLM{Model: chat}
	benchFirstDelta(b, &a)
}
