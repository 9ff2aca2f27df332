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

	"github.com/neuroguide/neuroguide/assistant"
	"github.com/neuroguide/neuroguide/web/history"
)

// errSinkClosed is returned to an Answerer that sends text after Ask returned.
var errSinkClosed = errors.New("sink used after Ask returned")

// turnKey names a running ask across sessions.
type turnKey struct {
	conversation, id string
}

// liveTurn is a running ask. Its frames go to the session that owns it, if any;
// the text so far is kept, so that a session that resumes it can catch up.
type liveTurn struct {
	key     turnKey
	user    string
	stored  bool // the turn is in the history
	restore bool // the ask named its conversation, whose memory may need restoring
	started time.Time
	cancel  context.CancelCauseFunc
	log     *slog.Logger // names the ask, its conversation and the session that began it

	mu     sync.Mutex
	owner  *session // nil while no session owns it
	text   strings.Builder
	deltas int
	closed bool // Ask returned: the sink takes no more text
	ended  bool // forgotten: no session may take the turn over
}

// emit sends f to the owner, if any, giving up when ctx ends.
func (t *liveTurn) emit(ctx context.Context, f ServerFrame) {
	t.mu.Lock()
	defer t.mu.Unlock()

	if t.owner != nil {
		t.owner.deliverFor(ctx, f)
	}
}

// sink returns the Sink of the ask: it keeps the text and sends it to the owner
// as delta frames. Holding t.mu while the owner's queue is full slows only this
// ask; it gives way when the owner's connection or the ask ends.
func (t *liveTurn) sink(ctx context.Context, firstDelta func()) assistant.Sink {
	return func(delta string) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if delta == "" {
			return nil
		}

		t.mu.Lock()
		defer t.mu.Unlock()

		if t.closed {
			return errSinkClosed
		}
		if t.deltas == 0 {
			firstDelta()
		}
		t.deltas++
		t.text.WriteString(delta)
		if t.owner != nil {
			t.owner.deliverFor(ctx, newDeltaFrame(t.key.id, delta))
		}

		return nil
	}
}

// close makes later sink calls fail and returns the text produced.
func (t *liveTurn) close() string {
	t.mu.Lock()
	defer t.mu.Unlock()

	t.closed = true

	return t.text.String()
}

// detach lets go of the turn if c owns it, and reports whether it did.
func (t *liveTurn) detach(c *session) bool {
	t.mu.Lock()
	defer t.mu.Unlock()

	if t.owner != c {
		return false
	}
	t.owner = nil

	return true
}

// hello is the first frame of a session.
func (s *Server) hello(c *session) HelloFrame {
	return HelloFrame{
		Type:             TypeHello,
		Session:          c.id,
		User:             c.client.user,
		History:          s.cfg.History != nil,
		MaxQuestionRunes: s.cfg.MaxQuestionRunes,
		MaxFrameBytes:    s.cfg.MaxFrameBytes,
		MaxCommentRunes:  MaxCommentRunes,
	}
}

// handleAsk checks an ask frame and the limits, and starts its ask.
func (c *session) handleAsk(data []byte) {
	var f AskFrame
	if err := decodeObject(data, &f); err != nil {
		// A field of the wrong type leaves the others decoded: the error
		// names the ask's id when that was well formed.
		c.reject(f.ID, err)
		return
	}

	req, err := c.srv.askRequest(f)
	if err != nil {
		c.reject(f.ID, err)
		return
	}

	t, err := c.startTurn(req, f.Conversation != "")
	if err != nil {
		c.reject(f.ID, err)
		return
	}

	ctx, cancel := context.WithCancelCause(c.srv.answerCtx)
	t.cancel = cancel
	c.srv.metrics.questions.Inc()

	// The reader queues the start frame itself, before it can read and refuse
	// another ask of this id: a client sees start(id) before any duplicate_id
	// about id.
	t.emit(ctx, newStartFrame(req.ID, req.Conversation))
	go c.srv.runTurn(ctx, t, req)
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

	if assistant.Empty(f.Text) {
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

// validID reports whether id is one a client may send: 1 to MaxIDBytes bytes of
// UTF-8.
func validID(id string) bool {
	return id != "" && len(id) <= MaxIDBytes && utf8.ValidString(id)
}

// startTurn applies the limits to a new ask, stores it in the history and
// registers it with the session and the server. It runs on the reader, so that
// the asks of one session are checked one at a time.
func (c *session) startTurn(req assistant.Request, named bool) (*liveTurn, error) {
	if err := c.checkAskLimits(req.ID); err != nil {
		return nil, err
	}
	if !c.srv.slots.tryAcquire() {
		return nil, fmt.Errorf("%w: the server runs as many answers as allowed", ErrBusy)
	}

	t := &liveTurn{key: turnKey{req.Conversation, req.ID}, user: c.client.user, owner: c,
		restore: named, started: time.Now(),
		log: c.log.With(keyAskID, req.ID, keyConversation, req.Conversation)}
	if err := c.srv.storeTurn(t, req); err != nil {
		c.srv.slots.release()
		return nil, err
	}

	c.mu.Lock()
	c.asks[req.ID] = t
	c.mu.Unlock()

	c.srv.mu.Lock()
	c.srv.live[t.key] = t
	c.srv.answers.Add(1)
	c.srv.mu.Unlock()

	return t, nil
}

// checkAskLimits refuses an ask whose id runs already, one over the session's
// limit and one over the client's question rate.
func (c *session) checkAskLimits(id string) error {
	c.mu.Lock()
	_, running := c.asks[id]
	n := len(c.asks)
	c.mu.Unlock()

	if running {
		return errDuplicateID
	}
	if n >= c.srv.cfg.MaxAnswersPerConn {
		return fmt.Errorf("%w: %d asks running on the connection", ErrBusy, n)
	}

	if q := c.srv.questions; q != nil {
		if ok, wait := q.allow(c.client.key()); !ok {
			return retryError{wait: wait}
		}
	}

	return nil
}

// storeTurn records a new turn in the history. A database failure is logged and
// the ask goes on unrecorded: answering matters more than keeping it.
func (s *Server) storeTurn(t *liveTurn, req assistant.Request) error {
	if s.cfg.History == nil {
		return nil
	}

	err := s.cfg.History.StartTurn(context.Background(), history.NewTurn{
		Conversation: req.Conversation, User: t.user, ID: req.ID, Question: req.Text,
		Started: t.started,
	})
	switch {
	case errors.Is(err, history.ErrDuplicate):
		return errDuplicateID
	case errors.Is(err, history.ErrForbidden):
		return errUnknownConversation
	case err != nil:
		s.log.Error("store turn", keyAskID, req.ID, keyErr, err)
		return nil
	}

	t.stored = true

	return nil
}

// runTurn answers one ask, whose start frame handleAsk has sent, and sends its
// other frames to its owner, if any: deltas, then sources and done, or an error;
// and records how it ended.
func (s *Server) runTurn(ctx context.Context, t *liveTurn, req assistant.Request) {
	defer s.answers.Done()
	defer s.slots.release()
	defer t.cancel(nil)

	s.metrics.answering.Inc()
	defer s.metrics.answering.Dec()

	log := t.log
	s.logAskStart(log, req)

	if t.restore {
		s.restoreMemory(ctx, log, req.Conversation)
	}

	firstDelta := func() { s.metrics.firstDelta.Observe(time.Since(t.started).Seconds()) }
	res, err := s.ask(ctx, req, t.sink(ctx, firstDelta))
	streamed := t.close()
	if ctx.Err() != nil {
		err = fmt.Errorf("answer %s: %w", req.ID, context.Cause(ctx))
	} else if err != nil {
		err = fmt.Errorf("answer %s: %w", req.ID, err)
	}

	end := s.endOf(t, answered{res: res, streamed: streamed, err: err})
	s.finishTurn(log, t, end)
	s.forget(t)

	// The ask is forgotten before its last frames, so that the client may reuse its
	// id as soon as it sees them. A context of its own lets them out after a
	// cancel.
	for _, f := range end.frames {
		t.emit(context.Background(), f)
	}
	s.logAskEnd(log, end, time.Since(t.started))
}

// logAskStart logs the question itself at Info only if so configured.
func (s *Server) logAskStart(log *slog.Logger, req assistant.Request) {
	runes := utf8.RuneCountInString(req.Text)
	if s.cfg.LogQuestions {
		log.Info("ask started", keyQuestionLen, runes, keyQuestion, req.Text)
		return
	}

	log.Debug("ask started", keyQuestionLen, runes, keyQuestion, req.Text)
}

// ask calls the Answerer, turning a panic into an error: a bug in one answer must
// not stop the server's other sessions.
func (s *Server) ask(ctx context.Context, req assistant.Request, sink assistant.Sink) (
	res assistant.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("answerer panicked: %v", p)
		}
	}()

	return s.cfg.Answerer.Ask(ctx, req, sink)
}

// The statuses of an ended ask, in the history and the metrics.
const (
	statusDone        = string(history.StatusDone)
	statusFailed      = string(history.StatusFailed)
	statusCancelled   = string(history.StatusCancelled)
	statusInterrupted = string(history.StatusInterrupted)
)

// turnEnd is how an ask ended: its last frames and what the history keeps.
type turnEnd struct {
	frames []ServerFrame
	res    assistant.Result
	answer string
	status string
	code   ErrorCode
	err    error
}

// answered is what the Answerer returned for an ask, and the text it streamed.
type answered struct {
	res      assistant.Result
	streamed string
	err      error
}

// endOf works out the last frames of an ask from the Answerer's result.
func (s *Server) endOf(t *liveTurn, a answered) turnEnd {
	if a.err != nil {
		f := s.errorFrame(t.key.id, a.err)
		status := statusFailed
		switch f.Code {
		case CodeCancelled:
			status = statusCancelled
		case CodeInterrupted:
			status = statusInterrupted
		}

		return turnEnd{frames: []ServerFrame{f}, res: a.res, answer: a.streamed,
			status: status, code: f.Code, err: a.err}
	}

	var frames []ServerFrame
	answer := a.res.Answer
	switch {
	case answer == a.streamed:
	case strings.HasPrefix(answer, a.streamed):
		// An answer that extends the streamed text has the rest sent as one more delta.
		frames = append(frames, newDeltaFrame(t.key.id, answer[len(a.streamed):]))
	default:
		// The client has shown the streamed text; a done frame must not contradict it.
		t.log.Warn("answer differs from its streamed text; keeping the streamed text")
		answer = a.streamed
	}

	frames = append(frames, newSourcesFrame(t.key.id, a.res.Sources),
		newDoneFrame(t.key.id, t.key.conversation, answer, a.res))

	return turnEnd{frames: frames, res: a.res, answer: answer, status: statusDone}
}

// finishTurn records how a stored ask ended, with the assistant's memory of it.
func (s *Server) finishTurn(log *slog.Logger, t *liveTurn, end turnEnd) {
	if !t.stored {
		return
	}

	rec := history.Turn{
		Conversation: t.key.conversation, ID: t.key.id, Answer: end.answer,
		Sources:   mustJSON(wireSources(end.res.Sources)),
		Libraries: end.res.Libraries, Mode: string(end.res.Mode), Notice: end.res.Notice,
		Status: history.Status(end.status), ErrorCode: string(end.code), Finished: time.Now(),
	}
	if end.status == statusDone && s.cfg.Memory != nil {
		if st, ok := s.cfg.Memory.ConversationState(t.key.conversation); ok {
			rec.Shown, rec.Base = st.Shown, st.Base
		}
	}

	// The ask's own context may be cancelled already; the record must still land.
	if err := s.cfg.History.FinishTurn(context.Background(), rec); err != nil {
		log.Error("record turn", keyErr, err)
	}
}

// restoreMemory gives the assistant back its memory of a conversation it has
// forgotten, as after a restart, from the history.
func (s *Server) restoreMemory(ctx context.Context, log *slog.Logger, conversation string) {
	if s.cfg.History == nil || s.cfg.Memory == nil {
		return
	}
	if _, ok := s.cfg.Memory.ConversationState(conversation); ok {
		return
	}

	st, ok, err := s.cfg.History.LastState(ctx, conversation)
	if err != nil {
		log.Error("read conversation memory", keyErr, err)
		return
	}
	if ok && s.cfg.Memory.RestoreConversation(conversation,
		assistant.TurnState{Shown: st.Shown, Base: st.Base}) {
		log.Debug("conversation memory restored")
	}
}

// forget removes an ended ask from the server and from its owner.
func (s *Server) forget(t *liveTurn) {
	s.mu.Lock()
	delete(s.live, t.key)
	s.mu.Unlock()

	t.mu.Lock()
	t.ended = true
	owner := t.owner
	t.mu.Unlock()

	if owner != nil {
		owner.mu.Lock()
		if owner.asks[t.key.id] == t {
			delete(owner.asks, t.key.id)
		}
		owner.mu.Unlock()
	}
}

// logAskEnd logs and counts how an ask ended.
func (s *Server) logAskEnd(log *slog.Logger, end turnEnd, took time.Duration) {
	s.metrics.answered(end.res, end.status, took)
	if end.code != "" {
		s.metrics.errorFrames.WithLabelValues(string(end.code)).Inc()
	}

	switch {
	case end.code == CodeInternal:
		log.Error("ask failed", keyErr, end.err)
	case end.code != "":
		log.Info("ask ended", keyCode, end.code, keyStatus, end.status)
	default:
		log.Info("ask answered", keyMode, end.res.Mode, keyDurationMS, took.Milliseconds())
	}
}
