package assistant

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRestoreConversation moves a conversation's last turn from one assistant to
// another, as a restart with stored history does, and checks that follow-ups
// read it.
func TestRestoreConversation(t *testing.T) {
	a := newTestAssistant(t)
	ask(t, a, "restore-src", "Which tools do pose estimation?")
	ask(t, a, "restore-src", "Which of those use PyTorch?")

	st, ok := a.ConversationState("restore-src")
	if !ok {
		t.Fatal("ConversationState: no state after two turns")
	}
	if !a.RestoreConversation("restore-dst", st) {
		t.Fatal("RestoreConversation of a new conversation = false, want true")
	}
	if a.RestoreConversation("restore-dst", TurnState{Shown: []string{"no/such"}}) {
		t.Error("RestoreConversation over a remembered conversation = true, want false")
	}

	tests := []struct {
		name, question string
		want           []string
	}{
		{"the others", "And the others?", []string{"ALMA", "DeepBehavior", "DeepBhvTracking",
			"DeepLabCut", "DeepLabStream", "DeepPoseKit", "LEAP, SLEAP", "MARS, BENTO",
			"SimBA", "Visual Fields Analysis"}},
		{"an ordinal", "Tell me more about the fourth one", []string{"DeepLabCut"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ask(t, a, "restore-dst", tt.question)
			if diff := cmp.Diff(tt.want, res.Libraries); diff != "" {
				t.Errorf("%q after restore (-want +got):\n%s", tt.question, diff)
			}
		})
	}
}

func TestRestoreConversationSkipsUnknownIDs(t *testing.T) {
	a := newTestAssistant(t)

	tests := []struct {
		name, conversation string
		st                 TurnState
		want               bool
	}{
		{"no libraries", "skip-1", TurnState{}, false},
		{"only unknown ids", "skip-2", TurnState{Shown: []string{"no/such"}}, false},
		{"empty conversation id", "", TurnState{Shown: []string{"image/deeplabcut"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := a.RestoreConversation(tt.conversation, tt.st); got != tt.want {
				t.Errorf("RestoreConversation = %v, want %v", got, tt.want)
			}
		})
	}
}
