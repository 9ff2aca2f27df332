package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/gorilla/websocket"
)

// session is one websocket connection, in the shape of gorilla's chat example:
// the goroutine that runs serve is the only reader, writePump is the only writer,
// and each ask runs in a goroutine of its own. With history kept, an ask outlives
// its session: the session only owns it, and another session may take it over.
type session struct {
	srv    *Server
	conn   *websocket.Conn
	client client
	id     string
	log    *slog.Logger

	// cancel ends the connection's context; closed is that context's Done
	// channel.
	cancel context.CancelFunc
	closed <-chan struct{}

	// send queues frames for writePump, which closes writerDone when it returns.
	send       chan ServerFrame
	writerDone chan struct{}

	// leaving is closed by goAway: the writer then sends what is queued and a
	// going-away close.
	leaving   chan struct{}
	leaveOnce sync.Once

	// asks holds the asks the session owns, by id.
	mu   sync.Mutex
	asks map[string]*liveTurn
}

// newSession returns the session of a peer; ctx is the connection's context
// and cancel ends it.
func (s *Server) newSession(ctx context.Context, cancel context.CancelFunc, p peer) *session {
	return &session{
		srv:        s,
		conn:       p.conn,
		client:     p.who,
		id:         p.id,
		log:        p.log,
		cancel:     cancel,
		closed:     ctx.Done(),
		send:       make(chan ServerFrame, sendBuffer),
		writerDone: make(chan struct{}),
		leaving:    make(chan struct{}),
		asks:       make(map[string]*liveTurn),
	}
}

// serve reads frames until the connection fails or closes; then it stops the
// writer, lets go of the session's asks and closes the connection.
func (c *session) serve(ctx context.Context) {
	c.log.Info("session opened")
	go c.writePump(ctx)

	c.readPump(ctx)

	// The client is gone: nothing an ask produces can reach it any more.
	c.cancel()
	<-c.writerDone
	c.releaseAsks()
	_ = c.conn.Close()
	c.log.Info("session closed")
}

// releaseAsks lets go of the asks the session still owns: with history they go
// on, to be resumed or read back; without, they stop.
func (c *session) releaseAsks() {
	c.mu.Lock()
	asks := make([]*liveTurn, 0, len(c.asks))
	for _, t := range c.asks {
		asks = append(asks, t)
	}
	c.asks = map[string]*liveTurn{}
	c.mu.Unlock()

	for _, t := range asks {
		if !t.detach(c) {
			continue
		}
		if c.srv.cfg.History == nil {
			t.cancel(errClientGone)
		}
	}
}

// readPump is the connection's only reader. Any message, a pong included, moves
// the read deadline PongWait ahead.
func (c *session) readPump(ctx context.Context) {
	c.conn.SetReadLimit(hardFrameFactor * c.srv.cfg.MaxFrameBytes) // over it: close 1009
	c.conn.SetPongHandler(func(string) error { return c.extendRead() })

	for {
		if err := c.extendRead(); err != nil {
			c.log.Debug("set read deadline", keyErr, err)
			return
		}

		kind, data, err := c.readFrame()
		if errors.Is(err, errFrameTooLarge) {
			c.reject("", err)
			continue
		}
		if err != nil {
			c.logReadEnd(err)
			return
		}

		c.handleMessage(ctx, kind, data)
	}
}

// readFrame reads the next message, up to MaxFrameBytes of it; the rest of a
// longer one is read and dropped, and the error is errFrameTooLarge.
func (c *session) readFrame() (int, []byte, error) {
	kind, r, err := c.conn.NextReader()
	if err != nil {
		return 0, nil, err
	}

	limit := c.srv.cfg.MaxFrameBytes
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return 0, nil, err
	}

	if int64(len(data)) > limit {
		if _, err := io.Copy(io.Discard, r); err != nil {
			return 0, nil, err
		}
		return 0, nil, fmt.Errorf("%w: over %d bytes", errFrameTooLarge, limit)
	}

	return kind, data, nil
}

func (c *session) extendRead() error {
	return c.conn.SetReadDeadline(time.Now().Add(c.srv.cfg.PongWait))
}

// logReadEnd logs why reading stopped: at Debug for a normal close, else at Info.
// A connection dropped without a close frame (1006, abnormal closure) is normal
// too: that is how a browser's tab usually closes.
func (c *session) logReadEnd(err error) {
	if websocket.IsUnexpectedCloseError(err, websocket.CloseNormalClosure,
		websocket.CloseGoingAway, websocket.CloseNoStatusReceived,
		websocket.CloseAbnormalClosure) {
		c.log.Info("websocket read failed", keyErr, err)
		return
	}

	c.log.Debug("websocket closed", keyErr, err)
}

// handleMessage answers one message from the client.
func (c *session) handleMessage(ctx context.Context, kind int, data []byte) {
	if kind != websocket.TextMessage {
		c.reject("", errBinaryFrame)
		return
	}
	// gorilla/websocket leaves text messages unchecked, and encoding/json would
	// quietly turn bad bytes into U+FFFD.
	if !utf8.Valid(data) {
		c.reject("", errNotUTF8)
		return
	}

	var env envelope
	if err := decodeObject(data, &env); err != nil {
		c.reject("", err)
		return
	}

	switch env.Type {
	case TypeHello:
		c.deliver(c.srv.hello(c))
	case TypeAsk:
		c.handleAsk(data)
	case TypeCancel:
		c.handleCancel(data)
	case TypeHistory:
		c.handleHistory(ctx, data)
	case TypeResume:
		c.handleResume(ctx, data)
	case TypeFeedback:
		c.handleFeedback(ctx, data)
	default:
		c.reject(env.ID, fmt.Errorf("%w %q", errUnknownType, env.Type))
	}
}

// handleCancel stops the ask a cancel frame names, if it still runs.
func (c *session) handleCancel(data []byte) {
	var f CancelFrame
	if err := decodeObject(data, &f); err != nil {
		c.reject(f.ID, err)
		return
	}

	if !validID(f.ID) {
		c.reject(f.ID, errBadID)
		return
	}

	c.mu.Lock()
	t, running := c.asks[f.ID]
	c.mu.Unlock()

	if !running {
		c.log.Debug("cancel of no running ask", keyAskID, f.ID)
		return
	}
	t.cancel(errCancelled)
}

// reject sends the error frame of a frame that could not be served.
func (c *session) reject(id string, err error) {
	f := c.srv.errorFrame(id, err)
	c.log.Debug("frame rejected", keyAskID, id, keyCode, f.Code, keyErr, err)
	c.srv.metrics.errorFrames.WithLabelValues(string(f.Code)).Inc()

	c.deliver(f)
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

// deliverFor is deliver that also gives up when ctx, an ask's, ends.
func (c *session) deliverFor(ctx context.Context, f ServerFrame) bool {
	select {
	case c.send <- f:
		return true
	case <-c.closed:
		return false
	case <-ctx.Done():
		return false
	}
}

// writePump is the connection's only writer: it sends the queued frames and a
// ping every PingPeriod until the connection's context ends, a write fails or
// the session is told to go away.
func (c *session) writePump(ctx context.Context) {
	defer close(c.writerDone)

	ping := time.NewTicker(c.srv.cfg.PingPeriod)
	defer ping.Stop()

	for {
		var err error
		select {
		case <-ctx.Done():
			return
		case <-c.leaving:
			c.sendGoingAway(ctx)
			return
		case f := <-c.send:
			err = c.write(f)
		case <-ping.C:
			err = c.conn.WriteControl(websocket.PingMessage, nil, c.writeDeadline())
		}

		// A write error is permanent: drop the connection, which ends the reader.
		// The other sessions do not wait for this one: each has its own writer.
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

// sendGoingAway writes the frames already queued and a going-away close; the
// reader then ends when the client answers the close. A client that does not
// answer within WriteWait is dropped.
func (c *session) sendGoingAway(ctx context.Context) {
	for flushed := false; !flushed; {
		select {
		case f := <-c.send:
			if err := c.write(f); err != nil {
				_ = c.conn.Close()
				return
			}
		default:
			flushed = true
		}
	}

	msg := websocket.FormatCloseMessage(websocket.CloseGoingAway, "server shutting down")
	if err := c.conn.WriteControl(websocket.CloseMessage, msg, c.writeDeadline()); err != nil {
		c.log.Debug("send going-away close", keyErr, err)
		_ = c.conn.Close()
		return
	}

	select {
	case <-ctx.Done():
	case <-time.After(c.srv.cfg.WriteWait):
		_ = c.conn.Close()
	}
}

// goAway tells the session to send what it has queued and a going-away close
// frame. It may run concurrently with the reader and writer.
func (c *session) goAway() {
	c.leaveOnce.Do(func() { close(c.leaving) })
}
