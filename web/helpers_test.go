package web

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/neuroguide/neuroguide/assistant"
)

// testTimeout bounds every wait in the tests, so that a bug fails a test instead
// of hanging it; no test depends on it for timing.
const testTimeout = 10 * time.Second

// The questions that make fakeAnswerer behave differently; any other question is
// answered with fakeDeltas.
const (
	questionBlock    = "block"    // wait for the context to end
	questionPair     = "pair"     // wait until two pair questions run at once
	questionNoStream = "nostream" // return the answer without streaming it
	questionDiverge  = "diverge"  // stream one text and return another
	questionFail     = "fail"     // fail with an error the client must not see
	questionEmpty    = "empty"    // fail with assistant.ErrEmptyQuestion
	questionBusy     = "busy"     // fail with ErrBusy
	questionPanic    = "panic"    // panic
	questionGate     = "gate"     // stream one delta, then wait for the gate to open
	questionFlood    = "flood"    // stream floodDeltas deltas of floodBytes each
	questionTable    = "table"    // stream fakeTable
	questionLate     = "late"     // wait for the gate to open, then stream fakeDeltas
)

const (
	floodDeltas = 20000
	floodBytes  = 4096
)

var fakeDeltas = []string{"Caffe is a library [1]", " for deep learning", " in C++ [2]."}

// fakeTable is a comparison table as answers have them, wider than a phone.
const fakeTable = "Two libraries compare [1]:\n\n" +
	"| Library | Framework | Data type | Task | Language |\n" +
	"| --- | --- | --- | --- | --- |\n" +
	"| DeepLabCut | TensorFlow | video recordings | markerless pose estimation | Python |\n" +
	"| braindecode | PyTorch | electroencephalography | decoding classification | Python |\n"

var fakeSources = []assistant.Source{
	{N: 1, Kind: assistant.KindLibrary, Title: "Caffe", Library: "Caffe", URL: "/review#caffe"},
	{N: 2, Kind: assistant.KindSection, Title: "Frameworks", Section: "4.2",
		URL: "/review#section-4.2"},
}

// errExploded is an Answerer failure whose text must not reach a client.
var errExploded = errors.New("model server exploded at 10.0.0.7")

// fakeAnswerer is an assistant.Answerer that streams canned text, and blocks or
// fails on the questions named above.
type fakeAnswerer struct {
	entered chan string   // the id of every ask that entered Ask
	ended   chan string   // the id of every blocked ask whose context ended
	gate    chan struct{} // closed to let gate asks finish

	mu       sync.Mutex
	requests []assistant.Request
	pairs    int
	paired   chan struct{} // closed when two pair asks have entered
}

func newFakeAnswerer() *fakeAnswerer {
	return &fakeAnswerer{
		entered: make(chan string, 64),
		ended:   make(chan string, 64),
		gate:    make(chan struct{}),
		paired:  make(chan struct{}),
	}
}

// Ask implements assistant.Answerer.
func (f *fakeAnswerer) Ask(ctx context.Context, req assistant.Request, sink assistant.Sink) (
	assistant.Result, error) {
	f.record(req)

	switch req.Text {
	case questionBlock:
		<-ctx.Done()
		f.ended <- req.ID
		return assistant.Result{}, ctx.Err()
	case questionPair:
		if err := f.waitForPair(ctx); err != nil {
			return assistant.Result{}, err
		}
	case questionFail:
		return assistant.Result{}, errExploded
	case questionEmpty:
		return assistant.Result{}, assistant.ErrEmptyQuestion
	case questionBusy:
		return assistant.Result{}, ErrBusy
	case questionPanic:
		panic("fake answerer panics")
	case questionGate:
		return f.gated(ctx, req, sink)
	case questionFlood:
		return f.flood(ctx, req, sink)
	case questionTable:
		if err := sink(fakeTable); err != nil {
			return assistant.Result{}, err
		}
		return f.result(req, fakeTable), nil
	case questionLate:
		select {
		case <-f.gate:
		case <-ctx.Done():
			f.ended <- req.ID
			return assistant.Result{}, ctx.Err()
		}
	}

	return f.stream(req, sink)
}

// gated streams the first delta, waits for the gate, and streams the rest.
func (f *fakeAnswerer) gated(ctx context.Context, req assistant.Request, sink assistant.Sink) (
	assistant.Result, error) {
	if err := sink(fakeDeltas[0]); err != nil {
		return assistant.Result{}, err
	}

	select {
	case <-f.gate:
	case <-ctx.Done():
		f.ended <- req.ID
		return assistant.Result{}, ctx.Err()
	}

	for _, d := range fakeDeltas[1:] {
		if err := sink(d); err != nil {
			return assistant.Result{}, err
		}
	}

	return f.result(req, strings.Join(fakeDeltas, "")), nil
}

// flood streams far more text than the socket buffers hold.
func (f *fakeAnswerer) flood(ctx context.Context, req assistant.Request, sink assistant.Sink) (
	assistant.Result, error) {
	chunk := strings.Repeat("x", floodBytes)
	for range floodDeltas {
		if err := sink(chunk); err != nil {
			f.ended <- req.ID
			return assistant.Result{}, err
		}
	}
	f.ended <- req.ID

	return f.result(req, strings.Repeat(chunk, floodDeltas)), ctx.Err()
}

func (f *fakeAnswerer) stream(req assistant.Request, sink assistant.Sink) (
	assistant.Result, error) {
	answer := strings.Join(fakeDeltas, "")
	if req.Text != questionNoStream {
		for _, d := range fakeDeltas {
			if err := sink(d); err != nil {
				return assistant.Result{}, err
			}
		}
	}
	if req.Text == questionDiverge {
		answer = "A different answer."
	}

	return f.result(req, answer), nil
}

func (f *fakeAnswerer) result(req assistant.Request, answer string) assistant.Result {
	return assistant.Result{
		Answer:       answer,
		Libraries:    []string{"Caffe"},
		Sources:      fakeSources,
		Mode:         assistant.ModeOffline,
		Notice:       "No language model is configured.",
		Conversation: req.Conversation,
	}
}

func (f *fakeAnswerer) record(req assistant.Request) {
	f.mu.Lock()
	f.requests = append(f.requests, req)
	f.mu.Unlock()

	f.entered <- req.ID
}

func (f *fakeAnswerer) waitForPair(ctx context.Context) error {
	f.mu.Lock()
	f.pairs++
	if f.pairs == 2 {
		close(f.paired)
	}
	f.mu.Unlock()

	select {
	case <-f.paired:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (f *fakeAnswerer) lastRequest(t testing.TB) assistant.Request {
	t.Helper()

	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.requests) == 0 {
		t.Fatal("the answerer got no request")
	}

	return f.requests[len(f.requests)-1]
}

// waitFor receives from ch, failing the test after testTimeout.
func waitFor(t testing.TB, ch <-chan string, what string) string {
	t.Helper()

	select {
	case v := <-ch:
		return v
	case <-time.After(testTimeout):
		t.Fatalf("timed out waiting for %s", what)
		return ""
	}
}

// newTestServer starts a Server with cfg over httptest; a nil cfg.Answerer is
// replaced by a new fakeAnswerer, which is returned.
func newTestServer(t testing.TB, cfg Config) (*Server, *httptest.Server, *fakeAnswerer) {
	t.Helper()

	fake := newFakeAnswerer()
	if cfg.Answerer == nil {
		cfg.Answerer = fake
	}
	if cfg.Logger == nil {
		opts := &slog.HandlerOptions{Level: slog.LevelDebug}
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, opts))
	}

	srv, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}

	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)

	return srv, ts, fake
}

// testClient is a websocket client of a test server.
type testClient struct {
	t     testing.TB
	conn  *websocket.Conn
	hello wireFrame
}

// dial opens a websocket to ts, says hello and reads the server's hello frame.
func dial(t testing.TB, ts *httptest.Server) *testClient {
	t.Helper()

	c := dialWith(t, ts, "", nil)
	c.send(HelloRequest{Type: TypeHello})
	c.hello = c.read()
	if c.hello.Type != TypeHello || c.hello.Session == "" {
		t.Fatalf("first frame %+v, want a hello frame", c.hello)
	}

	return c
}

// dialWith opens a websocket to ts with the query and header given, and reads
// nothing.
func dialWith(t testing.TB, ts *httptest.Server, query string, header http.Header) *testClient {
	t.Helper()

	url := wsURL(ts) + query
	conn, resp, err := websocket.DefaultDialer.Dial(url, header)
	if err != nil {
		t.Fatalf("dial %s: %v", url, err)
	}
	_ = resp.Body.Close()
	t.Cleanup(func() { _ = conn.Close() })

	return &testClient{t: t, conn: conn}
}

func wsURL(ts *httptest.Server) string {
	return "ws" + strings.TrimPrefix(ts.URL, "http") + "/ws"
}

func (c *testClient) send(frame any) {
	c.t.Helper()

	data, err := json.Marshal(frame)
	if err != nil {
		c.t.Fatalf("marshal frame: %v", err)
	}
	c.sendRaw(websocket.TextMessage, data)
}

func (c *testClient) sendRaw(kind int, data []byte) {
	c.t.Helper()

	if err := c.conn.SetWriteDeadline(time.Now().Add(testTimeout)); err != nil {
		c.t.Fatalf("set write deadline: %v", err)
	}
	if err := c.conn.WriteMessage(kind, data); err != nil {
		c.t.Fatalf("write frame: %v", err)
	}
}

func (c *testClient) ask(id, text string) {
	c.t.Helper()
	c.send(AskFrame{Type: TypeAsk, ID: id, Text: text})
}

// readMessage reads one message, or returns the error that ended the connection.
func (c *testClient) readMessage() ([]byte, error) {
	if err := c.conn.SetReadDeadline(time.Now().Add(testTimeout)); err != nil {
		return nil, err
	}
	_, data, err := c.conn.ReadMessage()

	return data, err
}

func (c *testClient) read() wireFrame {
	c.t.Helper()

	data, err := c.readMessage()
	if err != nil {
		c.t.Fatalf("read frame: %v", err)
	}

	return decodeWireFrame(c.t, data)
}

// collect reads frames until every ask in ids has ended with done or error, and
// returns each ask's frames in the order they came.
func (c *testClient) collect(ids ...string) map[string][]wireFrame {
	c.t.Helper()

	got := make(map[string][]wireFrame)
	open := make(map[string]bool)
	for _, id := range ids {
		open[id] = true
	}

	for len(open) > 0 {
		f := c.read()
		if _, ok := open[f.ID]; !ok {
			c.t.Fatalf("unexpected frame %+v while waiting for %q", f, ids)
		}
		got[f.ID] = append(got[f.ID], f)
		if f.Type == TypeDone || f.Type == TypeError {
			delete(open, f.ID)
		}
	}

	return got
}

// wireFrame holds any server frame, for comparing frames of every type.
type wireFrame struct {
	Type             FrameType                  `json:"type"`
	ID               string                     `json:"id"`
	Text             string                     `json:"text"`
	Conversation     string                     `json:"conversation"`
	Sources          []Source                   `json:"sources"`
	Answer           string                     `json:"answer"`
	Libraries        []string                   `json:"libraries"`
	Mode             string                     `json:"mode"`
	Notice           string                     `json:"notice"`
	DroppedCitations []int                      `json:"dropped_citations"`
	UnknownLibraries []string                   `json:"unknown_libraries"`
	Misattributed    []assistant.Misattribution `json:"misattributed_citations"`
	Code             ErrorCode                  `json:"code"`
	Message          string                     `json:"message"`
	RetryAfter       int                        `json:"retry_after"`
	Session          string                     `json:"session"`
	User             string                     `json:"user"`
	History          bool                       `json:"history"`
	MaxQuestionRunes int                        `json:"max_question_runes"`
	MaxFrameBytes    int64                      `json:"max_frame_bytes"`
	MaxCommentRunes  int                        `json:"max_comment_runes"`
	Turns            []Turn                     `json:"turns"`
}

// decodeWireFrame decodes a server frame, first strictly into its own type, so
// that a field that does not belong to the frame's type fails the test.
func decodeWireFrame(t testing.TB, data []byte) wireFrame {
	t.Helper()

	var env envelope
	if err := json.Unmarshal(data, &env); err != nil {
		t.Fatalf("frame %s: %v", data, err)
	}

	typed := map[FrameType]any{
		TypeStart: &StartFrame{}, TypeDelta: &DeltaFrame{}, TypeSources: &SourcesFrame{},
		TypeDone: &DoneFrame{}, TypeError: &ErrorFrame{}, TypeHello: &HelloFrame{},
		TypeTurns: &TurnsFrame{}, TypeFeedbackSaved: &FeedbackSavedFrame{},
	}[env.Type]
	if typed == nil {
		t.Fatalf("frame %s: unknown type %q", data, env.Type)
	}

	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(typed); err != nil {
		t.Fatalf("frame %s: %v", data, err)
	}

	var f wireFrame
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("frame %s: %v", data, err)
	}

	return f
}

// types returns the types of frames, in order.
func types(frames []wireFrame) []FrameType {
	out := make([]FrameType, 0, len(frames))
	for _, f := range frames {
		out = append(out, f.Type)
	}

	return out
}

// joinDeltas returns the texts of the delta frames, joined.
func joinDeltas(frames []wireFrame) string {
	var b strings.Builder
	for _, f := range frames {
		if f.Type == TypeDelta {
			b.WriteString(f.Text)
		}
	}

	return b.String()
}

// httpGet fetches path from ts and returns the response and its body.
func httpGet(t testing.TB, ts *httptest.Server, method, path string) (*http.Response, string) {
	t.Helper()

	req, err := http.NewRequest(method, ts.URL+path, nil)
	if err != nil {
		t.Fatalf("new request: %v", err)
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()

	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}

	return resp, string(body)
}

// lockedBuffer is a bytes.Buffer safe for concurrent logging.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()

	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()

	return b.buf.String()
}

// slogTo returns a text logger at Debug that writes to w.
func slogTo(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// Reset empties the buffer.
func (b *lockedBuffer) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()

	b.buf.Reset()
}
