package web

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/neuroguide/neuroguide/assistant"
)

// BenchmarkConcurrentSessions runs many websocket sessions at once, each asking
// one question after another, over the fake answerer, with and without history;
// one op is one answered question.
func BenchmarkConcurrentSessions(b *testing.B) {
	for _, sessions := range []int{1, 16, 128} {
		for _, kept := range []bool{false, true} {
			b.Run(fmt.Sprintf("sessions=%d/history=%v", sessions, kept), func(b *testing.B) {
				cfg := Config{Answerer: benchAnswerer{}, QuestionsPerMinute: -1,
					MaxConnsPerClient: -1, MaxAnswers: -1}
				if kept {
					cfg.History = openHistory(b, filepath.Join(b.TempDir(), "h.db"))
				}
				benchSessions(b, cfg, sessions)
			})
		}
	}
}

// benchAnswerer streams the fake answer, with none of fakeAnswerer's channels.
type benchAnswerer struct{}

func (benchAnswerer) Ask(_ context.Context, req assistant.Request, sink assistant.Sink) (
	assistant.Result, error) {
	return (&fakeAnswerer{}).stream(req, sink)
}

func benchSessions(b *testing.B, cfg Config, sessions int) {
	_, ts, _ := newTestServer(b, cfg)
	clients := make([]*testClient, sessions)
	for i := range clients {
		clients[i] = dial(b, ts)
	}

	b.ResetTimer()
	var wg sync.WaitGroup
	per := b.N/sessions + 1
	for i, c := range clients {
		wg.Go(func() {
			for n := range per {
				id := fmt.Sprintf("q%d", n)
				c.send(AskFrame{Type: TypeAsk, ID: id, Text: "a question",
					Conversation: fmt.Sprintf("bench-%d", i)})
				c.collect(id)
			}
		})
	}
	wg.Wait()
}
