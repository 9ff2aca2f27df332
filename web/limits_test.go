package web

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// fakeClock is a clock the tests move by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()

	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()

	c.now = c.now.Add(d)
}

func TestRateLimit(t *testing.T) {
	srv, ts, _ := newTestServer(t, Config{QuestionsPerMinute: 2})
	clock := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	srv.questions.now = clock.Now
	client := dial(t, ts)

	client.ask("q1", "first")
	client.ask("q2", "second")
	client.collect("q1", "q2")

	client.ask("q3", "third")
	got := client.read()
	if got.Type != TypeError || got.Code != CodeRateLimited || got.ID != "q3" {
		t.Fatalf("third ask in a minute: %+v, want error %s", got, CodeRateLimited)
	}
	if got.RetryAfter != 30 {
		t.Errorf("retry_after = %d, want 30 (one question every 30 s)", got.RetryAfter)
	}

	// Another client has a bucket of its own only if it is another client: on the
	// same address it shares this one.
	other := dial(t, ts)
	other.ask("o1", "from the same address")
	if got := other.read(); got.Code != CodeRateLimited {
		t.Errorf("same address, other connection: %+v, want %s", got, CodeRateLimited)
	}

	// The connection stays usable, and the bucket refills with time.
	clock.Advance(30 * time.Second)
	client.ask("q4", "fourth")
	frames := client.collect("q4")["q4"]
	if last := frames[len(frames)-1]; last.Type != TypeDone {
		t.Errorf("ask after waiting ended with %+v, want done", last)
	}
}

func TestQuestionLimitsAreBounded(t *testing.T) {
	q := newQuestionLimits(1, 3)
	clock := &fakeClock{now: time.Unix(1_700_000_000, 0)}
	q.now = clock.Now

	for i := range 10 {
		if ok, _ := q.allow(fmt.Sprintf("client-%d", i)); !ok {
			t.Errorf("first question of client %d refused", i)
		}
		if n := q.size(); n > 3 {
			t.Fatalf("%d clients remembered, want at most 3", n)
		}
	}

	// A client whose bucket refilled is forgotten before any client in debt.
	clock.Advance(time.Minute)
	_, _ = q.allow("debtor") // evicts the refilled ones
	if ok, _ := q.allow("debtor"); ok {
		t.Error("second question of debtor within a minute allowed")
	}
	if n := q.size(); n != 1 {
		t.Errorf("%d clients remembered after eviction, want 1", n)
	}
}

// TestServerBusy fills the server's answers from one connection and asks from
// another: busy, and the connection stays usable.
func TestServerBusy(t *testing.T) {
	_, ts, fake := newTestServer(t, Config{MaxAnswers: 1})
	first, second := dial(t, ts), dial(t, ts)

	first.ask("long", questionBlock)
	waitFor(t, fake.entered, "the blocking ask to start")

	second.ask("refused", "a question")
	if got := second.read(); got.Code != CodeBusy || got.ID != "refused" {
		t.Fatalf("ask while the server is full: %+v, want %s", got, CodeBusy)
	}

	first.send(CancelFrame{Type: TypeCancel, ID: "long"})
	first.collect("long")

	second.ask("later", "a question")
	frames := second.collect("later")["later"]
	if last := frames[len(frames)-1]; last.Type != TypeDone {
		t.Errorf("ask after the server freed up: %+v, want done", last)
	}
}

func TestTooManyConnections(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"server", Config{MaxConns: 1}},
		{"client", Config{MaxConnsPerClient: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ts, _ := newTestServer(t, tt.cfg)
			dial(t, ts)

			extra := dialWith(t, ts, "", nil)
			if got := extra.read(); got.Code != CodeTooManyConnections {
				t.Errorf("frame = %+v, want error %s", got, CodeTooManyConnections)
			}
			if code := readUntilClose(t, extra); code != websocket.CloseTryAgainLater {
				t.Errorf("close code = %d, want %d", code, websocket.CloseTryAgainLater)
			}
		})
	}
}

// TestIdleConnectionSurvives keeps a connection idle for several pong waits: the
// server's pings are answered by the client's reader, so it is not dropped.
func TestIdleConnectionSurvives(t *testing.T) {
	const pongWait = 150 * time.Millisecond
	_, ts, _ := newTestServer(t, Config{PongWait: pongWait, PingPeriod: pongWait / 3})
	client := dial(t, ts)

	pings := make(chan struct{}, 100)
	client.conn.SetPingHandler(func(data string) error {
		pings <- struct{}{}
		return client.conn.WriteControl(websocket.PongMessage, []byte(data),
			time.Now().Add(time.Second))
	})

	// Reading is what answers pings; no frame comes while idle.
	_ = client.conn.SetReadDeadline(time.Now().Add(4 * pongWait))
	if _, _, err := client.conn.ReadMessage(); !isTimeout(err) {
		t.Fatalf("idle read: %v, want a timeout (the server closed?)", err)
	}
	if len(pings) < 3 {
		t.Errorf("%d pings in four pong waits, want at least 3", len(pings))
	}

	// A read timeout breaks a gorilla connection for good, so ask on a new one
	// that idled the same way while its reader ran in the background.
	fresh := dial(t, ts)
	got := make(chan wireFrame, 8)
	go func() {
		for {
			data, err := fresh.readMessage()
			if err != nil {
				close(got)
				return
			}
			got <- decodeWireFrame(t, data)
		}
	}()
	time.Sleep(3 * pongWait)
	fresh.ask("late", "a question after idling")
	for f := range got {
		if f.Type == TypeDone {
			return
		}
	}
	t.Error("connection ended while idle, want it kept alive by pings")
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// TestStalledClientIsDropped streams a long answer to a client that stops
// reading: the write deadline drops it, and another client is served meanwhile.
func TestStalledClientIsDropped(t *testing.T) {
	srv, ts, fake := newTestServer(t, Config{WriteWait: 200 * time.Millisecond})
	stalled, other := dial(t, ts), dial(t, ts)

	stalled.ask("flood", questionFlood)
	waitFor(t, fake.entered, "the flood to start")

	started := time.Now()
	other.ask("quick", "a question")
	frames := other.collect("quick")["quick"]
	if last := frames[len(frames)-1]; last.Type != TypeDone {
		t.Errorf("other client's ask: %+v, want done", last)
	}
	if took := time.Since(started); took > 2*time.Second {
		t.Errorf("other client waited %v for its answer", took)
	}

	waitFor(t, fake.ended, "the flood to stop")
	deadline := time.Now().Add(testTimeout)
	for sessionCount(srv) > 1 {
		if time.Now().After(deadline) {
			t.Fatal("the stalled client was not dropped")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func sessionCount(s *Server) int {
	s.mu.Lock()
	defer s.mu.Unlock()

	return len(s.sessions)
}

func TestMetricsCount(t *testing.T) {
	_, ts, _ := newTestServer(t, Config{})
	client := dial(t, ts)
	client.send(AskFrame{Type: TypeAsk, ID: "m1", Text: "a question", Conversation: "c"})
	client.collect("m1")
	client.send(map[string]string{"type": "nonsense", "id": "x"})
	client.read()

	_, body := httpGet(t, ts, http.MethodGet, "/metrics")
	for _, want := range []string{
		"neuroguide_connections_open 1",
		"neuroguide_connections_total 1",
		"neuroguide_questions_total 1",
		`neuroguide_answers_total{mode="offline",status="done"} 1`,
		"neuroguide_answer_first_delta_seconds_count 1",
		`neuroguide_answer_done_seconds_count{mode="offline"} 1`,
		`neuroguide_errors_total{code="unknown_type"} 1`,
		"neuroguide_llm_fallbacks_total 1", // the fake's offline answer carries a notice
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}
