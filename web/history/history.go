// Package history keeps the chat's conversations and their turns in an embedded
// SQLite database, through modernc.org/sqlite, a driver written in Go, so that
// the binary needs no C library and builds with CGO_ENABLED=0.
//
// A turn is one question and its answer. It is stored when its ask starts, with
// status StatusRunning, and finished once with the answer, its sources and how
// it ended. A reload of the chat reads a conversation back with Conversation; a
// restart finds it unchanged, and RecoverInterrupted marks the turns that were
// running when the process died. Feedback (thumbs up or down, with an optional
// comment) is stored with its turn.
//
// A conversation may belong to a user. One that has a user is read, continued
// and rated only by that user; one without is open to whoever knows its id,
// which the server chooses at random.
package history

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// The errors callers branch on.
var (
	// ErrNotFound means the conversation or turn does not exist, or belongs to
	// another user.
	ErrNotFound = errors.New("history: not found")

	// ErrDuplicate means the conversation already has a turn of that id.
	ErrDuplicate = errors.New("history: duplicate turn id")

	// ErrForbidden means the conversation belongs to another user.
	ErrForbidden = errors.New("history: conversation of another user")
)

// Status says how a turn ended, or that it still runs.
type Status string

// The statuses of a turn.
const (
	StatusRunning     Status = "running"
	StatusDone        Status = "done"
	StatusFailed      Status = "failed"
	StatusCancelled   Status = "cancelled"
	StatusInterrupted Status = "interrupted"
)

// MaxTurns is how many of a conversation's latest turns Conversation returns.
const MaxTurns = 200

// Turn is one stored question and its answer.
type Turn struct {
	// Conversation is the id of the conversation the turn belongs to.
	Conversation string

	// ID is the ask's id, chosen by the client, unique in the conversation.
	ID string

	// Question is the question as asked.
	Question string

	// Answer is the answer text; for a turn that did not finish, the part sent.
	Answer string

	// Sources is the answer's sources as the websocket protocol encodes them: a
	// JSON array, never null once the turn is finished.
	Sources json.RawMessage

	// Libraries names the libraries the answer cites, in citation order.
	Libraries []string

	// Shown and Base are the assistant's memory of the turn, library IDs kept
	// so that follow-ups work after a restart.
	Shown, Base []string

	// Mode and Notice are the answer's, as in the protocol's done frame.
	Mode, Notice string

	// Status says how the turn ended; ErrorCode is the protocol's error code of a
	// turn that failed.
	Status    Status
	ErrorCode string

	// Rating is 1 (thumbs up), -1 (thumbs down) or 0 (none); Comment goes with it.
	Rating  int
	Comment string

	// Started and Finished are when the ask started and ended; Finished is zero
	// for a running turn.
	Started, Finished time.Time
}

// Store is a history database. It is safe for concurrent use.
type Store struct {
	db *sql.DB
}

// Open opens, or creates, the database at path and brings its schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("history: empty database path")
	}

	// Each connection waits for a writer instead of failing, and enforces the
	// foreign keys; write-ahead logging lets reads run beside a write.
	dsn := "file:" + path + "?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)" +
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("history: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)

	if err := migrate(ctx, db); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("history: %s: %w", path, err)
	}

	return &Store{db: db}, nil
}

// Close closes the database.
func (s *Store) Close() error {
	return s.db.Close()
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.db.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("history: ping: %w", err)
	}

	return nil
}

// schema is the database's layout at schemaVersion. Times are Unix milliseconds;
// lists are JSON arrays.
const schema = `
CREATE TABLE conversations (
	id         TEXT PRIMARY KEY,
	user       TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE TABLE turns (
	seq          INTEGER PRIMARY KEY AUTOINCREMENT,
	conversation TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
	ask_id       TEXT NOT NULL,
	question     TEXT NOT NULL,
	answer       TEXT NOT NULL DEFAULT '',
	sources      TEXT NOT NULL DEFAULT '[]',
	libraries    TEXT NOT NULL DEFAULT '[]',
	shown        TEXT NOT NULL DEFAULT '[]',
	base         TEXT NOT NULL DEFAULT '[]',
	mode         TEXT NOT NULL DEFAULT '',
	notice       TEXT NOT NULL DEFAULT '',
	status       TEXT NOT NULL,
	error_code   TEXT NOT NULL DEFAULT '',
	rating       INTEGER NOT NULL DEFAULT 0,
	comment      TEXT NOT NULL DEFAULT '',
	started_at   INTEGER NOT NULL,
	finished_at  INTEGER NOT NULL DEFAULT 0,
	feedback_at  INTEGER NOT NULL DEFAULT 0,
	UNIQUE (conversation, ask_id)
);
CREATE INDEX turns_status ON turns(status);
`

// schemaVersion is the PRAGMA user_version of the schema above.
const schemaVersion = 1

// migrate creates the schema in a new database and refuses one made by a newer
// version of the program.
func migrate(ctx context.Context, db *sql.DB) error {
	var version int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}

	switch {
	case version == schemaVersion:
		return nil
	case version > schemaVersion:
		return fmt.Errorf("schema version %d is newer than this program's %d",
			version, schemaVersion)
	}

	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin migration: %w", err)
	}
	defer func() { _ = tx.Rollback() }()

	if _, err := tx.ExecContext(ctx, schema); err != nil {
		return fmt.Errorf("create schema: %w", err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d",
		schemaVersion)); err != nil {
		return fmt.Errorf("set schema version: %w", err)
	}

	return tx.Commit()
}
