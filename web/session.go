package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gorilla/websocket"

	"github.com/neuroguide/neuroguide/assistant"
)

// errSinkClosed is returned to an Answerer that sends text after Ask returned.
var errSinkClosed = errors.New("sink used after Ask returned")

// session is one websocket connection, in the shape of gorilla's chat example:
// the goroutine that runs serve is the only reader, writePump is the only writer,
// and each ask runs in a goroutine of its own.
type session struct {
	srv  *Server
	conn *websocket.Conn
	log  *slog.Logger

	// cancel ends the connection's context, the parent of every ask's context;
	// closed is that context's Done channel.
	cancel context.CancelFunc
	closed <-chan struct{}

	// send queues frames for writePump, which closes writerDone when it returns.
	send       chan ServerFrame
	writerDone chan struct{}

	// asks holds the cancel function of every running ask, by id.
	mu      sync.Mutex
	asks    map[string]context.CancelCauseFunc
	running sync.WaitGroup
}

// newSession returns the session of conn; ctx is the connection's context and
// cancel ends it.
func newSession(ctx context.Context, cancel context.CancelFunc, srv *Server,
	conn *websocket.Conn, log *slog.Logger) *session {
	return &session{
		srv:        srv,
		conn:       conn,
		log:        log,
		cancel:     cancel,
		closed:     ctx.Done(),
		send:       make(chan ServerFrame, sendBuffer),
		writerDone: make(chan struct{}),
		asks:       make(map[string]context.CancelCauseFunc),
	}
}

// serve reads frames until the connection fails or closes, then stops the
// session's asks and writer and closes the connection.
func (c *session) serve(ctx context.Context) {
	c.log.Info("session opened")
	go c.writePump(ctx)

	c.readPump(ctx)

	// The client is gone: nothing an ask produces can reach it any more.
	c.cancel()
	c.running.Wait()
	<-c.writerDone
	_ = c.conn.Close()
	c.log.Info("session closed")
}

// readPump is the connection's only reader. Any message, a pong included, moves
// the read deadline PongWait ahead.
func (c *session) readPump(ctx context.Context) {
	c.conn.SetReadLimit(c.srv.cfg.MaxFrameBytes) // over it gorilla closes with 1009
	c.conn.SetPongHandler(func(string) error { return c.extendRead() })

	for {
		if err := c.extendRead(); err != nil {
			c.log.Debug("set read deadline", keyErr, err)
			return
		}

		kind, data, err := c.conn.ReadMessage()
		if err != nil {
			c.logReadEnd(err)
			return
		}

		c.handleMessage(ctx, kind, data)
	}
}

func (c *session) extendRead() error {
	return c.conn.SetReadDeadline(time.Now().Add(c.srv.cfg.PongWait))
}

// logReadEnd logs why reading stopped: at Debug for a normal close, else at Info.
func (c *session) logReadEnd(err error) {
	if websocket.IsUnexpectedCloseError(err, websocket.CloseNormalClosure,
		websocket.CloseGoingAway, websocket.CloseNoStatusReceived) {
		c.log.Info("websocket read failed", keyErr, err)
		return
	}

	c.log.Debug("websocket closed", keyErr, err)
}

// handleMessage answers one message from the client.
func (c *session) handleMessage(ctx context.Context, kind int, data []byte) {
	if kind != websocket.TextMessage {
		c.reject("", fmt.Errorf("%w: not a text message", errBadFrame))
		return
	}

	var env envelope
	if err := decodeObject(data, &env); err != nil {
		c.reject("", err)
		return
	}

	switch env.Type {
	case TypeAsk:
		c.handleAsk(ctx, data)
	case TypeCancel:
		c.handleCancel(data)
	default:
		c.reject(env.ID, fmt.Errorf("%w %q", errUnknownType, env.Type))
	}
}

// handleAsk checks an ask frame and starts its ask.
func (c *session) handleAsk(ctx context.Context, data []byte) {
	var f AskFrame
	if err := decodeObject(data, &f); err != nil {
		c.reject("", err)
		return
	}

	req, err := c.srv.askRequest(f)
	if err != nil {
		c.reject(f.ID, err)
		return
	}

	askCtx, err := c.register(ctx, req.ID)
	if err != nil {
		c.reject(f.ID, err)
		return
	}

	c.running.Add(1)
	go c.runAsk(askCtx, req)
}

// handleCancel stops the ask a cancel frame names, if it still runs.
func (c *session) handleCancel(data []byte) {
	var f CancelFrame
	if err := decodeObject(data, &f); err != nil {
		c.reject("", err)
		return
	}

	if !validID(f.ID) {
		c.reject(f.ID, errBadID)
		return
	}

	c.mu.Lock()
	cancel, running := c.asks[f.ID]
	c.mu.Unlock()

	if !running {
		c.log.Debug("cancel of no running ask", keyAskID, f.ID)
		return
	}
	cancel(errCancelled)
}

// askRequest checks an ask frame and returns the request to put to the Answerer,
// naming a new conversation when the frame names none.
func (s *Server) askRequest(f AskFrame) (assistant.Request, error) {
	if !validID(f.ID) {
		return assistant.Request{}, errBadID
	}
	if len(f.Conversation) > MaxIDBytes {
		return assistant.Request{}, fmt.Errorf("conversation: %w", errBadID)
	}

	if strings.TrimSpace(f.Text) == "" {
		return assistant.Request{}, assistant.ErrEmptyQuestion
	}
	if n := utf8.RuneCountInString(f.Text); n > s.cfg.MaxQuestionRunes {
		return assistant.Request{}, fmt.Errorf("%w: %d runes", errQuestionTooLong, n)
	}

	conversation := f.Conversation
	if conversation == "" {
		conversation = s.cfg.NewConversationID()
	}

	return assistant.Request{ID: f.ID, Text: f.Text, Conversation: conversation}, nil
}

func validID(id string) bool {
	return id != "" && len(id) <= MaxIDBytes
}

// register records a new running ask and returns its context.
func (c *session) register(ctx context.Context, id string) (context.Context, error) {
	c.mu.Lock()
	defer c.mu.Unlock()

	if _, running := c.asks[id]; running {
		return nil, errDuplicateID
	}
	if n := len(c.asks); n >= c.srv.cfg.MaxAnswersPerConn {
		return nil, fmt.Errorf("%w: %d asks running on the connection", ErrBusy, n)
	}

	askCtx, cancel := context.WithCancelCause(ctx)
	c.asks[id] = cancel

	return askCtx, nil
}

// unregister forgets a running ask and releases its context.
func (c *session) unregister(id string) {
	c.mu.Lock()
	cancel := c.asks[id]
	delete(c.asks, id)
	c.mu.Unlock()

	if cancel != nil {
		cancel(nil)
	}
}

// runAsk answers one ask and sends its frames: start, deltas, then sources and
// done, or an error.
func (c *session) runAsk(ctx context.Context, req assistant.Request) {
	defer c.running.Done()

	log := c.log.With(keyAskID, req.ID, keyConversation, req.Conversation)
	log.Debug("ask started", keyQuestionLen, utf8.RuneCountInString(req.Text),
		keyQuestion, req.Text)
	started := time.Now()

	c.deliver(newStartFrame(req.ID, req.Conversation))
	res, streamed, err := c.answer(ctx, req)

	// Forget the ask before its last frame, so that the client may reuse its id as
	// soon as it sees that frame.
	c.unregister(req.ID)

	if err != nil {
		c.fail(log, req.ID, err)
		return
	}

	answer := c.completeAnswer(log, req.ID, res.Answer, streamed)
	c.deliver(newSourcesFrame(req.ID, res.Sources))
	c.deliver(newDoneFrame(req.ID, req.Conversation, answer, res))
	log.Info("ask answered", keyMode, res.Mode,
		keyDurationMS, time.Since(started).Milliseconds())
}

// answer puts req to the Answerer, streaming its text as delta frames, and
// returns its result and the text streamed. A cancelled ask is an error even if
// the Answerer returned none, since its answer may have been cut short.
func (c *session) answer(ctx context.Context, req assistant.Request) (
	assistant.Result, string, error) {
	out := &deltaStream{sess: c, ctx: ctx, id: req.ID}
	res, err := c.ask(ctx, req, out.sink)
	streamed := out.close()

	if ctx.Err() != nil {
		return res, streamed, fmt.Errorf("answer %s: %w", req.ID, context.Cause(ctx))
	}
	if err != nil {
		return res, streamed, fmt.Errorf("answer %s: %w", req.ID, err)
	}

	return res, streamed, nil
}

// ask calls the Answerer, turning a panic into an error: a bug in one answer must
// not stop the server's other sessions.
func (c *session) ask(ctx context.Context, req assistant.Request, sink assistant.Sink) (
	res assistant.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("answerer panicked: %v", p)
		}
	}()

	return c.srv.cfg.Answerer.Ask(ctx, req, sink)
}

// completeAnswer makes the streamed text equal the Answerer's answer where it can:
// an answer that extends the streamed text has the rest sent as one more delta.
// It returns the answer as the client has received it.
func (c *session) completeAnswer(log *slog.Logger, id, answer, streamed string) string {
	if answer == streamed {
		return answer
	}

	if strings.HasPrefix(answer, streamed) {
		c.deliver(newDeltaFrame(id, answer[len(streamed):]))
		return answer
	}

	// The client has shown the streamed text; a done frame must not contradict it.
	log.Warn("answer differs from its streamed text; keeping the streamed text")

	return streamed
}

// fail sends the error frame that ends a failed ask.
func (c *session) fail(log *slog.Logger, id string, err error) {
	code, message := c.srv.clientError(err)
	if code == CodeInternal {
		log.Error("ask failed", keyErr, err)
	} else {
		log.Info("ask ended", keyCode, code)
	}

	c.deliver(newErrorFrame(id, code, message))
}

// reject sends the error frame of a frame that could not start or cancel an ask.
func (c *session) reject(id string, err error) {
	code, message := c.srv.clientError(err)
	c.log.Debug("frame rejected", keyAskID, id, keyCode, code, keyErr, err)

	c.deliver(newErrorFrame(id, code, message))
}

// deliver queues f for the writer. It waits while the queue is full and gives up
// only when the connection ends.
func (c *session) deliver(f ServerFrame) bool {
	select {
	case c.send <- f:
		return true
	case <-c.closed:
		return false
	}
}

// writePump is the connection's only writer: it sends the queued frames and a
// ping every PingPeriod until the connection's context ends or a write fails.
func (c *session) writePump(ctx context.Context) {
	defer close(c.writerDone)

	ping := time.NewTicker(c.srv.cfg.PingPeriod)
	defer ping.Stop()

	for {
		var err error
		select {
		case <-ctx.Done():
			return
		case f := <-c.send:
			err = c.write(f)
		case <-ping.C:
			err = c.conn.WriteControl(websocket.PingMessage, nil, c.writeDeadline())
		}

		// A write error is permanent: drop the connection, which ends the reader.
		if err != nil {
			c.log.Debug("websocket write failed", keyErr, err)
			c.cancel()
			_ = c.conn.Close()
			return
		}
	}
}

func (c *session) write(f ServerFrame) error {
	if err := c.conn.SetWriteDeadline(c.writeDeadline()); err != nil {
		return fmt.Errorf("set write deadline: %w", err)
	}

	if err := c.conn.WriteJSON(f); err != nil {
		return fmt.Errorf("write frame: %w", err)
	}

	return nil
}

func (c *session) writeDeadline() time.Time {
	return time.Now().Add(c.srv.cfg.WriteWait)
}

// goAway stops the session's asks and writer and sends the client a going-away
// close frame; the reader then ends when the client answers the close, or when
// the connection is dropped. It may run concurrently with the reader and writer.
func (c *session) goAway() {
	c.cancel()

	msg := websocket.FormatCloseMessage(websocket.CloseGoingAway, "server shutting down")
	if err := c.conn.WriteControl(websocket.CloseMessage, msg, c.writeDeadline()); err != nil {
		c.log.Debug("send going-away close", keyErr, err)
		_ = c.conn.Close()
	}
}

// deltaStream is the Sink of one ask: it sends each piece of text as a delta
// frame and keeps the text it sent.
type deltaStream struct {
	sess *session
	ctx  context.Context
	id   string

	mu     sync.Mutex
	text   strings.Builder
	closed bool
}

func (d *deltaStream) sink(delta string) error {
	d.mu.Lock()
	defer d.mu.Unlock()

	if d.closed {
		return errSinkClosed
	}
	if err := d.ctx.Err(); err != nil {
		return err
	}
	if delta == "" {
		return nil
	}

	select {
	case d.sess.send <- newDeltaFrame(d.id, delta):
		d.text.WriteString(delta)
		return nil
	case <-d.ctx.Done():
		return d.ctx.Err()
	}
}

// close makes later sink calls fail and returns the text sent.
func (d *deltaStream) close() string {
	d.mu.Lock()
	defer d.mu.Unlock()

	d.closed = true

	return d.text.String()
}
