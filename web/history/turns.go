package history

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// NewTurn is a turn whose ask has just started.
type NewTurn struct {
	Conversation, User, ID, Question string
	Started                          time.Time
}

// StartTurn stores a running turn, creating its conversation, owned by t.User,
// if it is new. It returns ErrForbidden when the conversation belongs to another
// user and ErrDuplicate when it already has a turn of that id.
func (s *Store) StartTurn(ctx context.Context, t NewTurn) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("history: start turn: %w", err)
	}
	defer func() { _ = tx.Rollback() }()

	now := t.Started.UnixMilli()

	// The update, and so the row count, happens only for the owner; a conversation
	// without a user is anyone's.
	res, err := tx.ExecContext(ctx, `INSERT INTO conversations (id, user, created_at, updated_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET updated_at = excluded.updated_at
		WHERE conversations.user = '' OR conversations.user = excluded.user`,
		t.Conversation, t.User, now, now)
	if err := affectedOne(res, err, ErrForbidden); err != nil {
		return fmt.Errorf("history: start turn: %w", err)
	}

	res, err = tx.ExecContext(ctx, `INSERT INTO turns
		(conversation, ask_id, question, status, started_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (conversation, ask_id) DO NOTHING`,
		t.Conversation, t.ID, t.Question, StatusRunning, now)
	if err := affectedOne(res, err, ErrDuplicate); err != nil {
		return fmt.Errorf("history: start turn: %w", err)
	}

	if err := tx.Commit(); err != nil {
		return fmt.Errorf("history: start turn: %w", err)
	}

	return nil
}

// affectedOne returns err when it is set, none when res changed no row, and
// nil otherwise.
func affectedOne(res sql.Result, err, none error) error {
	if err != nil {
		return err
	}

	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return none
	}

	return nil
}

// FinishTurn records how a running turn ended: t's answer fields, status and
// finish time. It returns ErrNotFound when no running turn has that id.
func (s *Store) FinishTurn(ctx context.Context, t Turn) error {
	sources := t.Sources
	if len(sources) == 0 {
		sources = json.RawMessage("[]")
	}

	res, err := s.db.ExecContext(ctx, `UPDATE turns SET answer = ?, sources = ?, libraries = ?,
		shown = ?, base = ?, mode = ?, notice = ?, status = ?, error_code = ?, finished_at = ?
		WHERE conversation = ? AND ask_id = ? AND status = ?`,
		t.Answer, string(sources), jsonList(t.Libraries), jsonList(t.Shown), jsonList(t.Base),
		t.Mode, t.Notice, t.Status, t.ErrorCode, t.Finished.UnixMilli(),
		t.Conversation, t.ID, StatusRunning)
	if err := affectedOne(res, err, ErrNotFound); err != nil {
		return fmt.Errorf("history: finish turn %s: %w", t.ID, err)
	}

	return nil
}

// RecoverInterrupted marks every turn still running as interrupted: at start-up
// they are the turns of a process that ended without finishing them. It returns
// how many it marked.
func (s *Store) RecoverInterrupted(ctx context.Context) (int64, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE turns SET status = ?, finished_at = ?
		WHERE status = ?`, StatusInterrupted, time.Now().UnixMilli(), StatusRunning)
	if err != nil {
		return 0, fmt.Errorf("history: recover interrupted turns: %w", err)
	}

	return res.RowsAffected()
}

// TurnRef names a turn as its reader asks for it: the conversation, the ask's
// id, and the user asking (empty when the proxy names none).
type TurnRef struct {
	Conversation, ID, User string
}

// Feedback is a user's rating of a turn.
type Feedback struct {
	// Rating is 1 (thumbs up), -1 (thumbs down) or 0 (withdrawn).
	Rating int

	// Comment is optional.
	Comment string

	// At is when it was given.
	At time.Time
}

// ErrBadRating is returned for a rating other than -1, 0 and 1.
var ErrBadRating = errors.New("history: rating must be -1, 0 or 1")

// SetFeedback stores feedback with a turn of a conversation user may read,
// replacing earlier feedback. It returns ErrNotFound when there is no such turn.
func (s *Store) SetFeedback(ctx context.Context, ref TurnRef, f Feedback) error {
	if f.Rating < -1 || f.Rating > 1 {
		return ErrBadRating
	}

	res, err := s.db.ExecContext(ctx, `UPDATE turns SET rating = ?, comment = ?, feedback_at = ?
		WHERE conversation = ? AND ask_id = ? AND conversation IN
		(SELECT id FROM conversations WHERE id = ? AND (user = '' OR user = ?))`,
		f.Rating, f.Comment, f.At.UnixMilli(), ref.Conversation, ref.ID, ref.Conversation, ref.User)
	if err := affectedOne(res, err, ErrNotFound); err != nil {
		return fmt.Errorf("history: feedback on %s: %w", ref.ID, err)
	}

	return nil
}

const turnColumns = `conversation, ask_id, question, answer, sources, libraries, shown, base,
	mode, notice, status, error_code, rating, comment, started_at, finished_at`

// Conversation returns the latest MaxTurns turns of a conversation user may
// read, oldest first; ErrNotFound when there is none.
func (s *Store) Conversation(ctx context.Context, id, user string) ([]Turn, error) {
	if err := s.checkReader(ctx, id, user); err != nil {
		return nil, err
	}

	rows, err := s.db.QueryContext(ctx, `SELECT `+turnColumns+` FROM (SELECT * FROM turns
		WHERE conversation = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq`, id, MaxTurns)
	if err != nil {
		return nil, fmt.Errorf("history: read conversation: %w", err)
	}
	defer rows.Close()

	var turns []Turn
	for rows.Next() {
		t, err := scanTurn(rows)
		if err != nil {
			return nil, fmt.Errorf("history: read conversation: %w", err)
		}
		turns = append(turns, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("history: read conversation: %w", err)
	}

	return turns, nil
}

// Turn returns a turn its reader may read; ErrNotFound when there is none.
func (s *Store) Turn(ctx context.Context, ref TurnRef) (Turn, error) {
	if err := s.checkReader(ctx, ref.Conversation, ref.User); err != nil {
		return Turn{}, err
	}

	row := s.db.QueryRowContext(ctx, `SELECT `+turnColumns+` FROM turns
		WHERE conversation = ? AND ask_id = ?`, ref.Conversation, ref.ID)
	t, err := scanTurn(row)
	if errors.Is(err, sql.ErrNoRows) {
		return Turn{}, fmt.Errorf("history: turn %s: %w", ref.ID, ErrNotFound)
	}
	if err != nil {
		return Turn{}, fmt.Errorf("history: turn %s: %w", ref.ID, err)
	}

	return t, nil
}

// State is the assistant's memory of a turn: the names of the libraries it
// listed (Shown) and of the set they were picked from (Base).
type State struct {
	Shown, Base []string
}

// LastState returns the memory of the latest finished turn of a conversation
// that has one; false when none has.
func (s *Store) LastState(ctx context.Context, conversation string) (State, bool, error) {
	var shownJSON, baseJSON string
	err := s.db.QueryRowContext(ctx, `SELECT shown, base FROM turns
		WHERE conversation = ? AND status = ? AND (shown != '[]' OR base != '[]')
		ORDER BY seq DESC LIMIT 1`, conversation, StatusDone).Scan(&shownJSON, &baseJSON)
	if errors.Is(err, sql.ErrNoRows) {
		return State{}, false, nil
	}
	if err != nil {
		return State{}, false, fmt.Errorf("history: last state: %w", err)
	}

	var st State
	if err := json.Unmarshal([]byte(shownJSON), &st.Shown); err != nil {
		return State{}, false, fmt.Errorf("history: last state: %w", err)
	}
	if err := json.Unmarshal([]byte(baseJSON), &st.Base); err != nil {
		return State{}, false, fmt.Errorf("history: last state: %w", err)
	}

	return st, true, nil
}

// checkReader returns ErrNotFound unless the conversation exists and user may
// read it.
func (s *Store) checkReader(ctx context.Context, id, user string) error {
	var owner string
	err := s.db.QueryRowContext(ctx, `SELECT user FROM conversations WHERE id = ?`, id).
		Scan(&owner)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && owner != "" && owner != user) {
		return fmt.Errorf("history: conversation: %w", ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("history: conversation: %w", err)
	}

	return nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface {
	Scan(dest ...any) error
}

func scanTurn(row scanner) (Turn, error) {
	var (
		t                     Turn
		sources, libs, sh, bs string
		status                string
		startedMS, finishedMS int64
	)
	err := row.Scan(&t.Conversation, &t.ID, &t.Question, &t.Answer, &sources, &libs, &sh, &bs,
		&t.Mode, &t.Notice, &status, &t.ErrorCode, &t.Rating, &t.Comment, &startedMS,
		&finishedMS)
	if err != nil {
		return Turn{}, err
	}

	t.Sources = json.RawMessage(sources)
	t.Status = Status(status)
	t.Started = time.UnixMilli(startedMS)
	if finishedMS != 0 {
		t.Finished = time.UnixMilli(finishedMS)
	}

	for _, l := range []struct {
		raw string
		dst *[]string
	}{{libs, &t.Libraries}, {sh, &t.Shown}, {bs, &t.Base}} {
		if err := json.Unmarshal([]byte(l.raw), l.dst); err != nil {
			return Turn{}, fmt.Errorf("decode list: %w", err)
		}
	}

	return t, nil
}

// jsonList encodes a list of strings as a JSON array, never null.
func jsonList(items []string) string {
	if items == nil {
		items = []string{}
	}
	b, _ := json.Marshal(items) // a []string always encodes

	return string(b)
}
