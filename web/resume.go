package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/neuroguide/neuroguide/web/history"
)

// historyWait bounds each read and write of the history on a session's reader.
const historyWait = 5 * time.Second

// handleHistory answers a history frame with the conversation's turns.
func (c *session) handleHistory(ctx context.Context, data []byte) {
	var f HistoryFrame
	if err := c.decodeHistoryFrame(data, &f, &f.ID, &f.Conversation); err != nil {
		c.reject(f.ID, err)
		return
	}

	ctx, cancel := context.WithTimeout(ctx, historyWait)
	defer cancel()

	stored, err := c.srv.cfg.History.Conversation(ctx, f.Conversation, c.client.user)
	if err != nil {
		c.reject(f.ID, c.srv.historyError(err))
		return
	}

	turns := make([]Turn, 0, len(stored))
	for _, t := range stored {
		turns = append(turns, wireTurn(t))
	}
	c.deliver(TurnsFrame{Type: TypeTurns, ID: f.ID, Conversation: f.Conversation,
		Turns: turns})
}

// decodeHistoryFrame decodes a history, resume or feedback frame into v and
// checks its id and conversation, and that history is kept.
func (c *session) decodeHistoryFrame(data []byte, v any, id, conversation *string) error {
	if err := decodeObject(data, v); err != nil {
		*id = ""
		return err
	}
	if c.srv.cfg.History == nil {
		return errNoHistory
	}
	if !validID(*id) || !validID(*conversation) {
		return errBadID
	}

	return nil
}

// historyError maps a history error to what the client is told.
func (s *Server) historyError(err error) error {
	if errors.Is(err, history.ErrNotFound) {
		return fmt.Errorf("%w: %w", errUnknownConversation, err)
	}

	return err
}

// wireTurn returns a stored turn as a TurnsFrame holds it.
func wireTurn(t history.Turn) Turn {
	w := Turn{
		ID: t.ID, Question: t.Question, Answer: t.Answer, Libraries: t.Libraries,
		Mode: t.Mode, Notice: t.Notice, Status: string(t.Status),
		Code: ErrorCode(t.ErrorCode), Rating: t.Rating, Comment: t.Comment,
	}

	if err := json.Unmarshal(t.Sources, &w.Sources); err != nil || w.Sources == nil {
		w.Sources = []Source{}
	}
	if w.Libraries == nil {
		w.Libraries = []string{}
	}

	return w
}

// handleResume takes over a running ask, or replays an ended one from the
// history.
func (c *session) handleResume(ctx context.Context, data []byte) {
	var f ResumeFrame
	if err := decodeObject(data, &f); err != nil {
		c.reject("", err)
		return
	}
	if !validID(f.ID) || len(f.Conversation) > MaxIDBytes {
		c.reject(f.ID, errBadID)
		return
	}

	if c.takeOver(turnKey{f.Conversation, f.ID}) {
		return
	}
	if c.srv.cfg.History == nil {
		c.reject(f.ID, errUnknownTurn)
		return
	}

	ctx, cancel := context.WithTimeout(ctx, historyWait)
	defer cancel()

	t, err := c.srv.cfg.History.Turn(ctx,
		history.TurnRef{Conversation: f.Conversation, ID: f.ID, User: c.client.user})
	if errors.Is(err, history.ErrNotFound) {
		err = fmt.Errorf("%w: %w", errUnknownTurn, err)
	}
	if err != nil {
		c.reject(f.ID, err)
		return
	}

	for _, frame := range c.srv.replay(t) {
		c.deliver(frame)
	}
}

// takeOver makes the session the owner of a running ask of its user and sends
// it the ask's start frame and text so far; false when no such ask runs.
func (c *session) takeOver(key turnKey) bool {
	c.srv.mu.Lock()
	t := c.srv.live[key]
	c.srv.mu.Unlock()

	if t == nil || t.user != c.client.user {
		return false
	}

	t.mu.Lock()
	defer t.mu.Unlock()

	if t.ended {
		return false
	}

	if old := t.owner; old != nil && old != c {
		old.mu.Lock()
		delete(old.asks, key.id)
		old.mu.Unlock()
	}
	t.owner = c

	c.mu.Lock()
	c.asks[key.id] = t
	c.mu.Unlock()

	c.deliver(newStartFrame(key.id, key.conversation))
	if t.text.Len() > 0 {
		c.deliver(newDeltaFrame(key.id, t.text.String()))
	}
	c.log.Debug("ask resumed", keyAskID, key.id)

	return true
}

// replay returns the frames of an ended turn as the client would have had
// them. A turn still marked running belongs to a process that stopped.
func (s *Server) replay(t history.Turn) []ServerFrame {
	frames := []ServerFrame{newStartFrame(t.ID, t.Conversation)}
	if t.Answer != "" {
		frames = append(frames, newDeltaFrame(t.ID, t.Answer))
	}

	w := wireTurn(t)
	switch t.Status {
	case history.StatusDone:
		libraries := w.Libraries
		return append(frames, SourcesFrame{Type: TypeSources, ID: t.ID, Sources: w.Sources},
			DoneFrame{Type: TypeDone, ID: t.ID, Answer: t.Answer, Libraries: libraries,
				Mode: t.Mode, Notice: t.Notice, Conversation: t.Conversation})
	case history.StatusRunning:
		return append(frames, s.errorFrame(t.ID, errShuttingDown))
	}

	code, message := ErrorCode(t.ErrorCode), ""
	for _, ce := range clientErrors {
		if ce.code == code {
			_, message = s.clientError(ce.err)
			break
		}
	}
	if message == "" {
		code, message = s.clientError(errors.New("unknown"))
	}

	return append(frames, newErrorFrame(t.ID, code, message))
}

// handleFeedback stores a rating of an answer.
func (c *session) handleFeedback(ctx context.Context, data []byte) {
	var f FeedbackFrame
	if err := c.decodeHistoryFrame(data, &f, &f.ID, &f.Conversation); err != nil {
		c.reject(f.ID, err)
		return
	}

	comment := strings.TrimSpace(f.Comment)
	if f.Rating < -1 || f.Rating > 1 || utf8.RuneCountInString(comment) > MaxCommentRunes {
		c.reject(f.ID, errBadFeedback)
		return
	}

	ctx, cancel := context.WithTimeout(ctx, historyWait)
	defer cancel()

	ref := history.TurnRef{Conversation: f.Conversation, ID: f.ID, User: c.client.user}
	err := c.srv.cfg.History.SetFeedback(ctx, ref,
		history.Feedback{Rating: f.Rating, Comment: comment, At: time.Now()})
	if errors.Is(err, history.ErrNotFound) {
		err = fmt.Errorf("%w: %w", errUnknownTurn, err)
	}
	if err != nil {
		c.reject(f.ID, err)
		return
	}

	c.log.Info("feedback stored", keyAskID, f.ID, "rating", f.Rating)
	c.deliver(FeedbackSavedFrame{Type: TypeFeedbackSaved, ID: f.ID})
}
