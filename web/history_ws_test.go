package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/gorilla/websocket"

	"github.com/neuroguide/neuroguide/web/history"
)

// openHistory opens a history database in path, closed when the test ends.
func openHistory(t testing.TB, path string) *history.Store {
	t.Helper()

	store, err := history.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("history.Open: %v", err)
	}
	t.Cleanup(func() { _ = store.Close() })

	return store
}

func newHistoryServer(t *testing.T) (*Server, *httptest.Server, *fakeAnswerer, string) {
	t.Helper()

	path := filepath.Join(t.TempDir(), "history.db")
	srv, ts, fake := newTestServer(t, Config{History: openHistory(t, path)})

	return srv, ts, fake, path
}

func (c *testClient) askIn(conversation, id, text string) {
	c.t.Helper()
	c.send(AskFrame{Type: TypeAsk, ID: id, Text: text, Conversation: conversation})
}

func (c *testClient) history(conversation string) wireFrame {
	c.t.Helper()

	c.send(HistoryFrame{Type: TypeHistory, ID: "h", Conversation: conversation})
	f := c.read()
	if f.Type != TypeTurns {
		c.t.Fatalf("history reply %+v, want a turns frame", f)
	}

	return f
}

// TestReloadReadsHistory asks twice, rates an answer, and reads the
// conversation back on a new connection, as a reloaded page does.
func TestReloadReadsHistory(t *testing.T) {
	_, ts, _, _ := newHistoryServer(t)
	client := dial(t, ts)
	if !client.hello.History {
		t.Fatal("hello.history = false with a history store")
	}

	client.askIn("conv-1", "q1", "first question")
	client.askIn("conv-1", "q2", "second question")
	client.collect("q1", "q2")
	client.send(FeedbackFrame{Type: TypeFeedback, ID: "q1", Conversation: "conv-1", Rating: -1,
		Comment: " missing a library "})
	if got := client.read(); got.Type != TypeFeedbackSaved || got.ID != "q1" {
		t.Fatalf("feedback reply %+v, want feedback_saved", got)
	}

	reloaded := dial(t, ts)
	got := reloaded.history("conv-1")

	answer := "Caffe is a library [1] for deep learning in C++ [2]."
	sources := []Source{
		{N: 1, Kind: "library", Title: "Caffe", Library: "Caffe", URL: "/review#caffe"},
		{N: 2, Kind: "section", Title: "Frameworks", Section: "4.2", URL: "/review#section-4.2"},
	}
	turn := func(id, question string) Turn {
		return Turn{ID: id, Question: question, Answer: answer, Sources: sources,
			Libraries: []string{"Caffe"}, Mode: "offline",
			Notice: "No language model is configured.", Status: "done"}
	}
	first := turn("q1", "first question")
	first.Rating, first.Comment = -1, "missing a library"
	want := []Turn{first, turn("q2", "second question")}
	if diff := cmp.Diff(want, got.Turns); diff != "" {
		t.Errorf("turns after reload (-want +got):\n%s", diff)
	}

	// The reloaded page continues the conversation; a reused id is refused.
	reloaded.askIn("conv-1", "q1", "reusing an id")
	if f := reloaded.read(); f.Code != CodeDuplicateID {
		t.Errorf("reused id: %+v, want %s", f, CodeDuplicateID)
	}
	reloaded.askIn("conv-1", "q3", "third question")
	reloaded.collect("q3")
	if n := len(reloaded.history("conv-1").Turns); n != 3 {
		t.Errorf("%d turns after continuing, want 3", n)
	}
}

func TestHistoryFrameErrors(t *testing.T) {
	_, ts, _, _ := newHistoryServer(t)
	_, plain, _ := newTestServer(t, Config{})

	tests := []struct {
		name  string
		ts    *httptest.Server
		frame any
		want  ErrorCode
	}{
		{"unknown conversation", ts,
			HistoryFrame{Type: TypeHistory, ID: "h", Conversation: "nope"},
			CodeUnknownConversation},
		{"history without a conversation", ts, HistoryFrame{Type: TypeHistory, ID: "h"},
			CodeBadID},
		{"feedback on no turn", ts, FeedbackFrame{Type: TypeFeedback, ID: "q9",
			Conversation: "nope", Rating: 1}, CodeUnknownTurn},
		{"rating out of range", ts, FeedbackFrame{Type: TypeFeedback, ID: "q9",
			Conversation: "nope", Rating: 5}, CodeBadFeedback},
		{"resume of no turn", ts, ResumeFrame{Type: TypeResume, ID: "q9",
			Conversation: "nope"}, CodeUnknownTurn},
		{"history kept by no store", plain,
			HistoryFrame{Type: TypeHistory, ID: "h", Conversation: "c"}, CodeNoHistory},
		{"resume on a server without history", plain,
			ResumeFrame{Type: TypeResume, ID: "q1", Conversation: "c"}, CodeUnknownTurn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := dial(t, tt.ts)
			c.send(tt.frame)
			if got := c.read(); got.Type != TypeError || got.Code != tt.want {
				t.Errorf("reply %+v, want error %s", got, tt.want)
			}
		})
	}
}

// TestResumeAfterReconnect drops the connection in the middle of an answer: the
// answer goes on, and the client that reconnects gets it by its id, whether it
// is still running or finished while the client was away.
func TestResumeAfterReconnect(t *testing.T) {
	tests := []struct {
		name         string
		finishBefore bool
	}{
		{"still running", false},
		{"finished while away", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ts, fake, _ := newHistoryServer(t)
			first := dial(t, ts)
			first.askIn("conv-r", "q1", questionGate)
			waitFor(t, fake.entered, "the gated ask to start")
			if got := first.read(); got.Type != TypeStart {
				t.Fatalf("first frame %+v, want start", got)
			}
			if got := first.read(); got.Type != TypeDelta {
				t.Fatalf("second frame %+v, want delta", got)
			}
			_ = first.conn.Close()

			again := dial(t, ts)
			if tt.finishBefore {
				close(fake.gate)
				waitForStatus(t, again, "conv-r", "q1", "done")
			}
			again.send(ResumeFrame{Type: TypeResume, ID: "q1", Conversation: "conv-r"})
			if !tt.finishBefore {
				start := again.read()
				if start.Type != TypeStart {
					t.Fatalf("resume reply %+v, want start", start)
				}
				close(fake.gate)
				frames := append([]wireFrame{start}, again.collect("q1")["q1"]...)
				checkAnswerFrames(t, frames, "conv-r", "Caffe is a library [1] for deep "+
					"learning in C++ [2].")
				return
			}

			frames := again.collect("q1")["q1"]
			if diff := cmp.Diff([]FrameType{TypeStart, TypeDelta, TypeSources, TypeDone},
				types(frames)); diff != "" {
				t.Errorf("replayed frames (-want +got):\n%s", diff)
			}
			checkAnswerFrames(t, frames, "conv-r", "Caffe is a library [1] for deep "+
				"learning in C++ [2].")
		})
	}
}

// waitForStatus reads the conversation until the turn has the status.
func waitForStatus(t *testing.T, c *testClient, conversation, id, status string) {
	t.Helper()

	for range 500 {
		for _, turn := range c.history(conversation).Turns {
			if turn.ID == id && turn.Status == status {
				return
			}
		}
	}
	t.Fatalf("turn %s never reached status %s", id, status)
}

// TestShutdownInterruptsAndRestartKeepsHistory stops the server in the middle of
// an answer: the client gets an interrupted error and a going-away close, and a
// new server over the same database file shows the conversation, the
// interrupted turn included.
func TestShutdownInterruptsAndRestartKeepsHistory(t *testing.T) {
	srv, ts, fake, path := newHistoryServer(t)
	client := dial(t, ts)
	client.askIn("conv-s", "q1", "answered before")
	client.collect("q1")
	client.askIn("conv-s", "q2", questionGate)
	waitFor(t, fake.entered, "first ask")
	waitFor(t, fake.entered, "the gated ask to start")

	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	go func() { _ = srv.Shutdown(ctx) }()

	frames := client.collect("q2")["q2"]
	if last := frames[len(frames)-1]; last.Code != CodeInterrupted {
		t.Errorf("last frame of the cut answer %+v, want error %s", last, CodeInterrupted)
	}
	if code := readUntilClose(t, client); code != websocket.CloseGoingAway {
		t.Errorf("close code = %d, want %d", code, websocket.CloseGoingAway)
	}

	_, restarted, _ := newTestServer(t, Config{History: openHistory(t, path)})
	got := dial(t, restarted).history("conv-s").Turns

	var statuses []string
	for _, turn := range got {
		statuses = append(statuses, turn.Status)
	}
	if diff := cmp.Diff([]string{"done", "interrupted"}, statuses); diff != "" {
		t.Errorf("statuses after restart (-want +got):\n%s", diff)
	}
	if len(got) == 2 && got[1].Answer != fakeDeltas[0] {
		t.Errorf("interrupted answer = %q, want the part sent, %q", got[1].Answer, fakeDeltas[0])
	}
}

// TestConversationOfAnotherUser names users through the trusted proxy header: a
// user's conversation is not readable, continued, resumed or rated by another.
func TestConversationOfAnotherUser(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")
	_, ts, _ := newTestServer(t, Config{History: openHistory(t, path),
		UserHeader:     "X-Remote-User",
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})
	as := func(user string) *testClient {
		c := dialWith(t, ts, "", http.Header{"X-Remote-User": {user}})
		c.send(HelloRequest{Type: TypeHello})
		c.hello = c.read()
		return c
	}

	alice := as("alice")
	alice.askIn("conv-a", "q1", "a question")
	alice.collect("q1")

	tests := []struct {
		name  string
		frame any
		want  ErrorCode
	}{
		{"history", HistoryFrame{Type: TypeHistory, ID: "h", Conversation: "conv-a"},
			CodeUnknownConversation},
		{"ask", AskFrame{Type: TypeAsk, ID: "b1", Text: "mine now", Conversation: "conv-a"},
			CodeUnknownConversation},
		{"resume", ResumeFrame{Type: TypeResume, ID: "q1", Conversation: "conv-a"},
			CodeUnknownTurn},
		{"feedback", FeedbackFrame{Type: TypeFeedback, ID: "q1", Conversation: "conv-a",
			Rating: -1}, CodeUnknownTurn},
	}
	bob := as("bob")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bob.send(tt.frame)
			if got := bob.read(); got.Code != tt.want {
				t.Errorf("bob's %s: %+v, want %s", tt.name, got, tt.want)
			}
		})
	}

	if n := len(alice.history("conv-a").Turns); n != 1 {
		t.Errorf("alice sees %d turns, want 1", n)
	}
}
