package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/gorilla/websocket"
)

// ignoreMessage compares error frames by code: their messages are for people.
var ignoreMessage = cmpopts.IgnoreFields(wireFrame{}, "Message")

func TestAskFrames(t *testing.T) {
	streamed := strings.Join(fakeDeltas, "")

	tests := []struct {
		name       string
		ask        AskFrame
		wantTypes  []FrameType
		wantAnswer string
		wantConv   string
	}{
		{
			name:       "streamed answer in a new conversation",
			ask:        AskFrame{Type: TypeAsk, ID: "q1", Text: "Which library is Caffe?"},
			wantTypes:  []FrameType{"start", "delta", "delta", "delta", "sources", "done"},
			wantAnswer: streamed,
			wantConv:   "conv-new",
		},
		{
			name: "follow-up keeps its conversation",
			ask: AskFrame{Type: TypeAsk, ID: "q2", Text: "And in C++?",
				Conversation: "conv-old"},
			wantTypes:  []FrameType{"start", "delta", "delta", "delta", "sources", "done"},
			wantAnswer: streamed,
			wantConv:   "conv-old",
		},
		{
			name:       "answer returned without streaming is sent as one delta",
			ask:        AskFrame{Type: TypeAsk, ID: "q3", Text: questionNoStream},
			wantTypes:  []FrameType{"start", "delta", "sources", "done"},
			wantAnswer: streamed,
			wantConv:   "conv-new",
		},
		{
			name:       "answer that contradicts its stream keeps the streamed text",
			ask:        AskFrame{Type: TypeAsk, ID: "q4", Text: questionDiverge},
			wantTypes:  []FrameType{"start", "delta", "delta", "delta", "sources", "done"},
			wantAnswer: streamed,
			wantConv:   "conv-new",
		},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := Config{NewConversationID: func() string { return "conv-new" }}
			_, ts, fake := newTestServer(t, cfg)
			client := dial(t, ts)

			client.send(tt.ask)
			frames := client.collect(tt.ask.ID)[tt.ask.ID]

			if diff := cmp.Diff(tt.wantTypes, types(frames)); diff != "" {
				t.Fatalf("frame types (-want +got):\n%s", diff)
			}
			checkAnswerFrames(t, frames, tt.wantConv, tt.wantAnswer)

			if got := fake.lastRequest(t).Conversation; got != tt.wantConv {
				t.Errorf("request conversation = %q, want %q", got, tt.wantConv)
			}
		})
	}
}

// checkAnswerFrames checks the start, sources and done frames of an answered ask
// of fakeAnswerer, and that its deltas join to its answer.
func checkAnswerFrames(t *testing.T, frames []wireFrame, conversation, answer string) {
	t.Helper()

	id := frames[0].ID
	last := frames[len(frames)-1]
	if got := joinDeltas(frames); got != last.Answer {
		t.Errorf("deltas joined = %q, done answer = %q", got, last.Answer)
	}

	wantStart := wireFrame{Type: TypeStart, ID: id, Conversation: conversation}
	if diff := cmp.Diff(wantStart, frames[0]); diff != "" {
		t.Errorf("start frame (-want +got):\n%s", diff)
	}

	wantSources := wireFrame{Type: TypeSources, ID: id, Sources: []Source{
		{N: 1, Kind: "library", Title: "Caffe", Library: "Caffe", URL: "/review#caffe"},
		{N: 2, Kind: "section", Title: "Frameworks", Section: "4.2", URL: "/review#section-4.2"},
	}}
	if diff := cmp.Diff(wantSources, frames[len(frames)-2]); diff != "" {
		t.Errorf("sources frame (-want +got):\n%s", diff)
	}

	wantDone := wireFrame{
		Type: TypeDone, ID: id, Answer: answer, Libraries: []string{"Caffe"}, Mode: "offline",
		Notice: "No language model is configured.", Conversation: conversation,
	}
	if diff := cmp.Diff(wantDone, last); diff != "" {
		t.Errorf("done frame (-want +got):\n%s", diff)
	}
}

func TestRejectedFrameKeepsConnection(t *testing.T) {
	tests := []struct {
		name     string
		kind     int
		frame    string
		wantID   string
		wantCode ErrorCode
	}{
		{"not JSON", websocket.TextMessage, `hello there`, "", CodeBadFrame},
		{"JSON array", websocket.TextMessage, `["ask"]`, "", CodeBadFrame},
		{"JSON null", websocket.TextMessage, `null`, "", CodeBadFrame},
		{"binary message", websocket.BinaryMessage, `{"type":"ask"}`, "", CodeBadFrame},
		{"id not a string", websocket.TextMessage, `{"type":"ask","id":7,"text":"hi"}`, "",
			CodeBadFrame},
		{"text not a string", websocket.TextMessage, `{"type":"ask","id":"b1","text":1}`, "b1",
			CodeBadFrame},
		{"text an array", websocket.TextMessage, `{"type":"ask","id":"b2","text":["a"]}`, "b2",
			CodeBadFrame},
		{"punctuation only", websocket.TextMessage, `{"type":"ask","id":"e3","text":"?!. ,"}`,
			"e3", CodeEmptyQuestion},
		{"unknown type", websocket.TextMessage, `{"type":"shout","id":"u1"}`, "u1",
			CodeUnknownType},
		{"missing type", websocket.TextMessage, `{"id":"u2"}`, "u2", CodeUnknownType},
		{"empty question", websocket.TextMessage, `{"type":"ask","id":"e1","text":" \n\t"}`,
			"e1", CodeEmptyQuestion},
		{"100 kB question", websocket.TextMessage,
			`{"type":"ask","id":"l1","text":"` + strings.Repeat("a", 100_000) + `"}`,
			"l1", CodeQuestionTooLong},
		{"2001 runes", websocket.TextMessage,
			`{"type":"ask","id":"l2","text":"` + strings.Repeat("é", 2001) + `"}`,
			"l2", CodeQuestionTooLong},
		{"missing id", websocket.TextMessage, `{"type":"ask","text":"hi"}`, "", CodeBadID},
		{"too long id, not echoed", websocket.TextMessage,
			`{"type":"ask","id":"` + strings.Repeat("x", MaxIDBytes+1) + `","text":"hi"}`,
			"", CodeBadID},
		{"id of MaxIDBytes, echoed", websocket.TextMessage,
			`{"type":"ask","id":"` + strings.Repeat("x", MaxIDBytes) + `","text":" "}`,
			strings.Repeat("x", MaxIDBytes), CodeEmptyQuestion},
		{"unknown type with a too long id", websocket.TextMessage,
			`{"type":"shout","id":"` + strings.Repeat("y", 10_000) + `"}`, "",
			CodeUnknownType},
		{"cancel with a too long id", websocket.TextMessage,
			`{"type":"cancel","id":"` + strings.Repeat("z", MaxIDBytes+1) + `"}`, "",
			CodeBadID},
		{"invalid UTF-8 in the text", websocket.TextMessage,
			"{\"type\":\"ask\",\"id\":\"v1\",\"text\":\"EEG \xff\xfe\"}", "", CodeBadFrame},
		{"invalid UTF-8 in the id", websocket.TextMessage,
			"{\"type\":\"ask\",\"id\":\"v\xc3\",\"text\":\"hi\"}", "", CodeBadFrame},
		{"truncated rune in the type", websocket.TextMessage,
			"{\"type\":\"ask\xe2\x82\",\"id\":\"v2\"}", "", CodeBadFrame},
		{"too long conversation", websocket.TextMessage,
			`{"type":"ask","id":"c1","text":"hi","conversation":"` +
				strings.Repeat("c", MaxIDBytes+1) + `"}`, "c1", CodeBadID},
		{"cancel without id", websocket.TextMessage, `{"type":"cancel"}`, "", CodeBadID},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ts, _ := newTestServer(t, Config{})
			client := dial(t, ts)

			client.sendRaw(tt.kind, []byte(tt.frame))
			got := client.read()

			want := wireFrame{Type: TypeError, ID: tt.wantID, Code: tt.wantCode}
			if diff := cmp.Diff(want, got, ignoreMessage); diff != "" {
				t.Errorf("error frame (-want +got):\n%s", diff)
			}
			if got.Message == "" {
				t.Error("error frame has no message")
			}

			client.ask("after", "Which library is Caffe?")
			frames := client.collect("after")["after"]
			if last := frames[len(frames)-1]; last.Type != TypeDone {
				t.Errorf("next ask ended with %+v, want a done frame", last)
			}
		})
	}
}

// TestBadFrameMessages sends frames the protocol does not accept and reads the
// error frame's message: it says what was wrong.
func TestBadFrameMessages(t *testing.T) {
	tests := []struct {
		name  string
		kind  int
		frame string
		want  string
	}{
		{"binary message", websocket.BinaryMessage, `{"type":"ask","id":"b","text":"hi"}`,
			"Binary frames are not accepted; send each frame as JSON in a text frame."},
		{"numeric id", websocket.TextMessage, `{"type":"ask","id":7,"text":"hi"}`,
			"The id must be a string."},
		{"numeric id of a cancel", websocket.TextMessage, `{"type":"cancel","id":7}`,
			"The id must be a string."},
		{"text not a string", websocket.TextMessage, `{"type":"ask","text":["hi"]}`,
			"The text must be a string."},
		{"type not a string", websocket.TextMessage, `{"type":1,"id":"t"}`,
			"The type must be a string."},
		{"rating not a number", websocket.TextMessage,
			`{"type":"feedback","id":"q","conversation":"c","rating":"up"}`,
			"The rating must be a whole number."},
		{"not UTF-8", websocket.TextMessage, "{\"type\":\"ask\",\"id\":\"\xff\"}",
			"The message is not valid UTF-8."},
		{"not JSON", websocket.TextMessage, `ask: hi`, "The message is not a JSON object."},
		{"broken JSON", websocket.TextMessage, `{"type":"ask",`,
			"The message is not a JSON object."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ts, _ := newTestServer(t, Config{})
			client := dial(t, ts)

			client.sendRaw(tt.kind, []byte(tt.frame))
			got := client.read()

			want := wireFrame{Type: TypeError, Code: CodeBadFrame, Message: tt.want}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("error frame (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAnswererErrors(t *testing.T) {
	tests := []struct {
		name     string
		question string
		wantCode ErrorCode
	}{
		{"internal error", questionFail, CodeInternal},
		{"empty question", questionEmpty, CodeEmptyQuestion},
		{"busy", questionBusy, CodeBusy},
		{"panic", questionPanic, CodeInternal},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ts, _ := newTestServer(t, Config{})
			client := dial(t, ts)

			client.ask("x1", tt.question)
			frames := client.collect("x1")["x1"]

			if diff := cmp.Diff([]FrameType{TypeStart, TypeError}, types(frames)); diff != "" {
				t.Fatalf("frame types (-want +got):\n%s", diff)
			}
			last := frames[len(frames)-1]
			if last.Code != tt.wantCode {
				t.Errorf("code = %q, want %q", last.Code, tt.wantCode)
			}
			for _, secret := range []string{"10.0.0.7", "panic"} {
				if strings.Contains(last.Message, secret) {
					t.Errorf("message %q leaks the server's error", last.Message)
				}
			}

			client.ask("x2", "Which library is Caffe?")
			if f := client.collect("x2")["x2"]; f[len(f)-1].Type != TypeDone {
				t.Errorf("next ask ended with %+v, want a done frame", f[len(f)-1])
			}
		})
	}
}

func TestCancel(t *testing.T) {
	_, ts, fake := newTestServer(t, Config{})
	client := dial(t, ts)

	client.ask("slow", questionBlock)
	waitFor(t, fake.entered, "the blocking ask to start")
	client.send(CancelFrame{Type: TypeCancel, ID: "slow"})

	frames := client.collect("slow")["slow"]
	if diff := cmp.Diff([]FrameType{TypeStart, TypeError}, types(frames)); diff != "" {
		t.Fatalf("frame types (-want +got):\n%s", diff)
	}
	if got := frames[1].Code; got != CodeCancelled {
		t.Errorf("code = %q, want %q", got, CodeCancelled)
	}
	if got := waitFor(t, fake.ended, "the answerer to see its context end"); got != "slow" {
		t.Errorf("ended ask = %q, want %q", got, "slow")
	}

	// A cancel of an ask that ended gets no reply, and the id may be used again.
	client.send(CancelFrame{Type: TypeCancel, ID: "slow"})
	client.ask("slow", "Which library is Caffe?")
	if f := client.collect("slow")["slow"]; f[len(f)-1].Type != TypeDone {
		t.Errorf("next ask ended with %+v, want a done frame", f[len(f)-1])
	}
}

func TestAskRefused(t *testing.T) {
	tests := []struct {
		name     string
		cfg      Config
		secondID string
		wantCode ErrorCode
	}{
		{"duplicate id", Config{}, "first", CodeDuplicateID},
		{"too many asks", Config{MaxAnswersPerConn: 1}, "second", CodeBusy},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ts, fake := newTestServer(t, tt.cfg)
			client := dial(t, ts)

			client.ask("first", questionBlock)
			if f := client.read(); f.Type != TypeStart {
				t.Fatalf("first frame = %+v, want start", f)
			}
			waitFor(t, fake.entered, "the blocking ask to start")

			client.ask(tt.secondID, "Which library is Caffe?")
			got := client.read()
			want := wireFrame{Type: TypeError, ID: tt.secondID, Code: tt.wantCode}
			if diff := cmp.Diff(want, got, ignoreMessage); diff != "" {
				t.Errorf("refusal (-want +got):\n%s", diff)
			}

			client.send(CancelFrame{Type: TypeCancel, ID: "first"})
			if f := client.collect("first")["first"]; f[len(f)-1].Code != CodeCancelled {
				t.Errorf("first ask ended with %+v, want cancelled", f[len(f)-1])
			}
		})
	}
}

// TestRunningAskUnaffected sends, while the ask "run" is running, frames that
// name an id: a cancel of an id that is not running gets no frame at all, and
// an ask reusing the running id gets an error frame of code duplicate_id with
// that id, which refuses only the new ask. Either way "run" goes on to its
// done frame. A hello request after them shows which frames they got: the
// reader answers frames in order.
func TestRunningAskUnaffected(t *testing.T) {
	tests := []struct {
		name   string
		before []string // ids of asks answered before "run" starts
		send   []any
		want   []wireFrame // the frames before the hello frame
	}{
		{"cancel of an id never asked", nil,
			[]any{CancelFrame{Type: TypeCancel, ID: "other"}}, nil},
		{"cancel of an ask that ended", []string{"over"},
			[]any{CancelFrame{Type: TypeCancel, ID: "over"}}, nil},
		{"ask reusing the running id", nil,
			[]any{AskFrame{Type: TypeAsk, ID: "run", Text: "Which library is DN3?"}},
			[]wireFrame{{Type: TypeError, ID: "run", Code: CodeDuplicateID}}},
		{"two asks reusing it, then a cancel of another id", nil, []any{
			AskFrame{Type: TypeAsk, ID: "run", Text: "Which library is DN3?"},
			AskFrame{Type: TypeAsk, ID: "run", Text: questionBlock},
			CancelFrame{Type: TypeCancel, ID: "other"},
		}, []wireFrame{
			{Type: TypeError, ID: "run", Code: CodeDuplicateID},
			{Type: TypeError, ID: "run", Code: CodeDuplicateID},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ts, fake := newTestServer(t, Config{})
			client := dial(t, ts)
			for _, id := range tt.before {
				client.ask(id, "Which library is Caffe?")
				client.collect(id)
				waitFor(t, fake.entered, "the earlier ask to start")
			}

			client.ask("run", questionLate)
			if f := client.read(); f.Type != TypeStart || f.ID != "run" {
				t.Fatalf("first frame = %+v, want the start of run", f)
			}
			waitFor(t, fake.entered, "run to start")

			for _, f := range tt.send {
				client.send(f)
			}
			client.send(HelloRequest{Type: TypeHello})
			var got []wireFrame
			for f := client.read(); f.Type != TypeHello; f = client.read() {
				got = append(got, f)
			}
			if diff := cmp.Diff(tt.want, got, ignoreMessage); diff != "" {
				t.Errorf("frames before hello (-want +got):\n%s", diff)
			}

			close(fake.gate)
			frames := client.collect("run")["run"]
			last := frames[len(frames)-1]
			if want := strings.Join(fakeDeltas, ""); last.Type != TypeDone ||
				last.Answer != want {
				t.Errorf("run ended with %+v, want done with %q", last, want)
			}
			if n := len(fake.entered); n != 0 {
				t.Errorf("%d refused asks reached the answerer, want none", n)
			}
		})
	}
}

// TestStartBeforeDuplicate sends an ask and, before reading anything, a second
// ask with the same id: the first ask's start frame must come before the
// refusal of the second, since the client learns of the first ask from it. The
// reader refuses the second while the first starts, so a race shows up only
// over many rounds.
func TestStartBeforeDuplicate(t *testing.T) {
	_, ts, fake := newTestServer(t, Config{QuestionsPerMinute: -1})
	client := dial(t, ts)

	for i := range 200 {
		id := fmt.Sprintf("r%d", i)
		client.ask(id, questionBlock)
		client.ask(id, "Which library is Caffe?")

		got := []wireFrame{client.read(), client.read()}
		want := []wireFrame{
			{Type: TypeStart, ID: id, Conversation: got[0].Conversation},
			{Type: TypeError, ID: id, Code: CodeDuplicateID},
		}
		if diff := cmp.Diff(want, got, ignoreMessage); diff != "" {
			t.Fatalf("round %d: frames (-want +got):\n%s", i, diff)
		}

		waitFor(t, fake.entered, "the blocking ask to start")
		client.send(CancelFrame{Type: TypeCancel, ID: id})
		client.collect(id)
		waitFor(t, fake.ended, "the blocking ask to end")
	}
}

func TestConcurrentAsks(t *testing.T) {
	_, ts, _ := newTestServer(t, Config{})
	client := dial(t, ts)

	// Each pair ask waits until the other has started: both finish only if they
	// run at once.
	client.ask("p1", questionPair)
	client.ask("p2", questionPair)
	got := client.collect("p1", "p2")

	for _, id := range []string{"p1", "p2"} {
		frames := got[id]
		last := frames[len(frames)-1]
		if last.Type != TypeDone {
			t.Errorf("ask %s ended with %+v, want done", id, last)
			continue
		}
		if joined := joinDeltas(frames); joined != last.Answer {
			t.Errorf("ask %s: deltas joined = %q, done answer = %q", id, joined, last.Answer)
		}
	}
}

func TestClientCloseCancelsAsk(t *testing.T) {
	_, ts, fake := newTestServer(t, Config{})
	client := dial(t, ts)

	client.ask("gone", questionBlock)
	waitFor(t, fake.entered, "the blocking ask to start")
	_ = client.conn.Close()

	if got := waitFor(t, fake.ended, "the answerer to see its context end"); got != "gone" {
		t.Errorf("ended ask = %q, want %q", got, "gone")
	}
}

func TestOversizedFrame(t *testing.T) {
	_, ts, _ := newTestServer(t, Config{})
	client := dial(t, ts)

	big := `{"type":"ask","id":"big","text":"` + strings.Repeat("a", DefaultMaxFrameBytes) + `"}`
	client.sendRaw(websocket.TextMessage, []byte(big))
	if got := client.read(); got.Type != TypeError || got.Code != CodeFrameTooLarge {
		t.Fatalf("frame after an oversized frame = %+v, want error %s", got, CodeFrameTooLarge)
	}

	// The connection stays usable.
	client.send(AskFrame{Type: TypeAsk, ID: "after", Text: "a question", Conversation: "c1"})
	checkAnswerFrames(t, client.collect("after")["after"], "c1", strings.Join(fakeDeltas, ""))

	huge := strings.Repeat("a", hardFrameFactor*DefaultMaxFrameBytes+1)
	client.sendRaw(websocket.TextMessage, []byte(huge))

	_, err := client.readMessage()
	if !websocket.IsCloseError(err, websocket.CloseMessageTooBig) {
		t.Errorf("read after an oversized frame: %v, want close %d", err,
			websocket.CloseMessageTooBig)
	}
}

func TestShutdownSendsGoingAway(t *testing.T) {
	srv, ts, fake := newTestServer(t, Config{})
	client := dial(t, ts)

	client.ask("running", questionBlock)
	waitFor(t, fake.entered, "the blocking ask to start")

	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	shutdown := make(chan error, 1)
	go func() { shutdown <- srv.Shutdown(ctx) }()

	if got := readUntilClose(t, client); got != websocket.CloseGoingAway {
		t.Errorf("close code = %d, want %d", got, websocket.CloseGoingAway)
	}
	waitFor(t, fake.ended, "the running ask to be cancelled")

	select {
	case err := <-shutdown:
		if err != nil {
			t.Errorf("Shutdown: %v", err)
		}
	case <-ctx.Done():
		t.Fatal("Shutdown did not return")
	}

	// A session opened after Shutdown is closed at once.
	late := dialWith(t, ts, "", nil)
	if got := readUntilClose(t, late); got != websocket.CloseGoingAway {
		t.Errorf("late session close code = %d, want %d", got, websocket.CloseGoingAway)
	}
}

// readUntilClose reads frames until the connection closes and returns its close
// code, or -1 if it ended without a close frame.
func readUntilClose(t *testing.T, c *testClient) int {
	t.Helper()

	for {
		_, err := c.readMessage()
		if err == nil {
			continue
		}

		var ce *websocket.CloseError
		if errors.As(err, &ce) {
			return ce.Code
		}
		t.Logf("read: %v", err)
		return -1
	}
}

// TestDisconnectLogs ends sessions the ways clients do: the usual ones are
// logged at Debug, only an unexpected close code at Info.
func TestDisconnectLogs(t *testing.T) {
	closeWith := func(code int) func(*testClient) {
		return func(c *testClient) {
			msg := websocket.FormatCloseMessage(code, "")
			deadline := time.Now().Add(testTimeout)
			if err := c.conn.WriteControl(websocket.CloseMessage, msg, deadline); err != nil {
				c.t.Fatalf("write close: %v", err)
			}
		}
	}

	tests := []struct {
		name     string
		end      func(*testClient)
		wantInfo bool
	}{
		{"tab closed: no close frame (1006)", func(c *testClient) { _ = c.conn.Close() }, false},
		{"normal closure (1000)", closeWith(websocket.CloseNormalClosure), false},
		{"going away (1001)", closeWith(websocket.CloseGoingAway), false},
		{"unexpected code (4000)", closeWith(4000), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logs lockedBuffer
			_, ts, _ := newTestServer(t, Config{Logger: slogTo(&logs)})
			client := dial(t, ts)

			tt.end(client)
			got := waitForLog(t, &logs, "session closed")

			info := strings.Contains(got, `level=INFO msg="websocket read failed"`)
			if info != tt.wantInfo {
				t.Errorf("logged at Info: %v, want %v:\n%s", info, tt.wantInfo, got)
			}
			if !tt.wantInfo && !strings.Contains(got, `level=DEBUG msg="websocket closed"`) {
				t.Errorf("logs lack the close at Debug:\n%s", got)
			}
		})
	}
}

// waitForLog waits until logs hold msg and returns them.
func waitForLog(t *testing.T, logs *lockedBuffer, msg string) string {
	t.Helper()

	deadline := time.Now().Add(testTimeout)
	for !strings.Contains(logs.String(), msg) {
		if time.Now().After(deadline) {
			t.Fatalf("logs lack %q:\n%s", msg, logs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}

	return logs.String()
}

func TestInfoLogsOmitQuestion(t *testing.T) {
	var logs lockedBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	srv, ts, _ := newTestServer(t, Config{Logger: logger})
	client := dial(t, ts)

	const secret = "my unpublished EEG cohort"
	client.ask("s1", secret)
	client.collect("s1")

	// Shutdown waits for the session, and so for every log line it writes.
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	go func() { // answer the going-away close, so that the session ends at once
		for {
			if _, _, err := client.conn.ReadMessage(); err != nil {
				return
			}
		}
	}()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown: %v", err)
	}

	got := logs.String()
	if !strings.Contains(got, "ask answered") {
		t.Errorf("logs lack the answered ask:\n%s", got)
	}
	if strings.Contains(got, secret) {
		t.Errorf("Info logs contain the question:\n%s", got)
	}
}
