package history

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()

	path := filepath.Join(t.TempDir(), "history.db")
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })

	return s, path
}

var t0 = time.UnixMilli(1_700_000_000_000)

func start(t *testing.T, s *Store, conv, user, id, question string) {
	t.Helper()

	err := s.StartTurn(context.Background(), NewTurn{Conversation: conv, User: user, ID: id,
		Question: question, Started: t0})
	if err != nil {
		t.Fatalf("StartTurn %s/%s: %v", conv, id, err)
	}
}

func finished(conv, id string) Turn {
	return Turn{
		Conversation: conv, ID: id, Answer: "DeepLabCut [1] tracks poses.",
		Sources:   json.RawMessage(`[{"n":1,"kind":"library","title":"DeepLabCut"}]`),
		Libraries: []string{"DeepLabCut"}, Shown: []string{"image/deeplabcut"},
		Base: []string{"image/deeplabcut", "image/sleap"}, Mode: "offline",
		Status: StatusDone, Finished: t0.Add(time.Second),
	}
}

func TestTurnLifecycle(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()

	start(t, s, "c1", "", "q1", "Which tools track poses?")
	if err := s.FinishTurn(ctx, finished("c1", "q1")); err != nil {
		t.Fatalf("FinishTurn: %v", err)
	}
	start(t, s, "c1", "", "q2", "And the others?")

	got, err := s.Conversation(ctx, "c1", "")
	if err != nil {
		t.Fatalf("Conversation: %v", err)
	}

	first := finished("c1", "q1")
	first.Question, first.Started = "Which tools track poses?", t0
	second := Turn{Conversation: "c1", ID: "q2", Question: "And the others?",
		Sources: json.RawMessage("[]"), Libraries: []string{}, Shown: []string{},
		Base: []string{}, Status: StatusRunning, Started: t0}
	want := []Turn{first, second}
	if diff := cmp.Diff(want, got, cmpopts.EquateComparable(time.Time{})); diff != "" {
		t.Errorf("Conversation (-want +got):\n%s", diff)
	}
}

func TestStartTurnErrors(t *testing.T) {
	s, _ := openTemp(t)
	start(t, s, "alice-conv", "alice", "q1", "first")
	start(t, s, "open-conv", "", "q1", "first")

	tests := []struct {
		name string
		turn NewTurn
		want error
	}{
		{"same id again", NewTurn{Conversation: "alice-conv", User: "alice", ID: "q1"},
			ErrDuplicate},
		{"another user's conversation", NewTurn{Conversation: "alice-conv", User: "bob",
			ID: "q2"}, ErrForbidden},
		{"anonymous in a user's conversation", NewTurn{Conversation: "alice-conv", ID: "q2"},
			ErrForbidden},
		{"a user in an open conversation", NewTurn{Conversation: "open-conv", User: "bob",
			ID: "q2"}, nil},
		{"the owner again", NewTurn{Conversation: "alice-conv", User: "alice", ID: "q2"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.turn.Started = t0
			err := s.StartTurn(context.Background(), tt.turn)
			if !errors.Is(err, tt.want) {
				t.Errorf("StartTurn = %v, want %v", err, tt.want)
			}
		})
	}
}

func TestReadersAndFeedback(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	start(t, s, "alice-conv", "alice", "q1", "first")

	tests := []struct {
		name, conv, id, user string
		want                 error
	}{
		{"owner", "alice-conv", "q1", "alice", nil},
		{"another user", "alice-conv", "q1", "bob", ErrNotFound},
		{"anonymous", "alice-conv", "q1", "", ErrNotFound},
		{"unknown turn", "alice-conv", "q9", "alice", ErrNotFound},
		{"unknown conversation", "nope", "q1", "alice", ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ref := TurnRef{Conversation: tt.conv, ID: tt.id, User: tt.user}
			_, err := s.Turn(ctx, ref)
			if !errors.Is(err, tt.want) {
				t.Errorf("Turn = %v, want %v", err, tt.want)
			}

			err = s.SetFeedback(ctx, ref, Feedback{Rating: -1, At: t0})
			if !errors.Is(err, tt.want) {
				t.Errorf("SetFeedback = %v, want %v", err, tt.want)
			}
		})
	}

	alice := TurnRef{Conversation: "alice-conv", ID: "q1", User: "alice"}
	err := s.SetFeedback(ctx, alice, Feedback{Rating: 1, Comment: "spot on", At: t0})
	if err != nil {
		t.Fatalf("SetFeedback: %v", err)
	}
	got, err := s.Turn(ctx, alice)
	if err != nil {
		t.Fatalf("Turn: %v", err)
	}
	if got.Rating != 1 || got.Comment != "spot on" {
		t.Errorf("feedback = %d %q, want 1 %q", got.Rating, got.Comment, "spot on")
	}

	if err := s.SetFeedback(ctx, alice, Feedback{Rating: 2}); !errors.Is(err, ErrBadRating) {
		t.Errorf("SetFeedback rating 2 = %v, want %v", err, ErrBadRating)
	}
}

// TestReopenKeepsHistory reopens the database file, as a restart does: turns,
// feedback and the assistant's memory are still there, and a turn left running
// is marked interrupted.
func TestReopenKeepsHistory(t *testing.T) {
	s, path := openTemp(t)
	ctx := context.Background()
	start(t, s, "c1", "", "q1", "Which tools track poses?")
	if err := s.FinishTurn(ctx, finished("c1", "q1")); err != nil {
		t.Fatalf("FinishTurn: %v", err)
	}
	start(t, s, "c1", "", "q2", "cut short by a crash")
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	s2, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s2.Close()

	n, err := s2.RecoverInterrupted(ctx)
	if err != nil || n != 1 {
		t.Fatalf("RecoverInterrupted = %d, %v; want 1, nil", n, err)
	}

	turns, err := s2.Conversation(ctx, "c1", "")
	if err != nil {
		t.Fatalf("Conversation: %v", err)
	}
	var got []Status
	for _, tr := range turns {
		got = append(got, tr.Status)
	}
	if diff := cmp.Diff([]Status{StatusDone, StatusInterrupted}, got); diff != "" {
		t.Errorf("statuses after reopen (-want +got):\n%s", diff)
	}

	st, ok, err := s2.LastState(ctx, "c1")
	if err != nil || !ok {
		t.Fatalf("LastState = %v, %v", ok, err)
	}
	want := finished("c1", "q1")
	if diff := cmp.Diff(State{Shown: want.Shown, Base: want.Base}, st); diff != "" {
		t.Errorf("LastState (-want +got):\n%s", diff)
	}
}

func TestFinishTurnOnlyOnce(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	start(t, s, "c1", "", "q1", "question")

	if err := s.FinishTurn(ctx, finished("c1", "q1")); err != nil {
		t.Fatalf("FinishTurn: %v", err)
	}
	if err := s.FinishTurn(ctx, finished("c1", "q1")); !errors.Is(err, ErrNotFound) {
		t.Errorf("second FinishTurn = %v, want %v", err, ErrNotFound)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	s, path := openTemp(t)
	if _, err := s.db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatalf("set version: %v", err)
	}
	_ = s.Close()

	if _, err := Open(context.Background(), path); err == nil {
		t.Error("Open of a newer schema succeeded, want an error")
	}
}

// TestConcurrentWriters starts turns from many goroutines at once, as many
// sessions do; the busy timeout must make them wait for each other, not fail.
func TestConcurrentWriters(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()

	const n = 32
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			conv := "conv-" + strconv.Itoa(i)
			err := s.StartTurn(ctx, NewTurn{Conversation: conv, ID: "q", Started: t0})
			if err == nil {
				err = s.FinishTurn(ctx, finished(conv, "q"))
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)

	for err := range errs {
		if err != nil {
			t.Errorf("concurrent write: %v", err)
		}
	}
}

func BenchmarkStartFinishTurn(b *testing.B) {
	s, err := Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()

	i := 0
	for b.Loop() {
		i++
		conv := "bench"
		id := "q" + strconv.Itoa(i)
		if err := s.StartTurn(ctx, NewTurn{Conversation: conv, ID: id, Started: t0}); err != nil {
			b.Fatal(err)
		}
		if err := s.FinishTurn(ctx, finished(conv, id)); err != nil {
			b.Fatal(err)
		}
	}
}
