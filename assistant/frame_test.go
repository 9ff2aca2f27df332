package assistant

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFrameWordsAreNoSubject(t *testing.T) {
	tests := []struct {
		name     string
		question string
		want     []string // the residual terms the question keeps
	}{
		{name: "verb after the review", question: "What does the review draw on quantum chips?",
			want: []string{"quantum", "chip"}},
		{name: "verb after libraries", question: "What do the image libraries tend to use?"},
		{name: "ing form before to", question: "What is MONAI trying to achieve?",
			want: []string{"achiev"}},
		{name: "manner adverb", question: "How extensively was GaNDLF validated?",
			want: []string{"validat"}},
		{name: "the user's own verb stays", question: "What should I eat before a session?",
			want: []string{"eat", "befor", "session"}},
		{name: "a verb after a preposition stays", question: "What does the review say about " +
			"cooking pasta?", want: []string{"cook", "pasta"}},
	}

	a := newTestAssistant(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := a.understand(tt.question)
			if diff := cmp.Diff(tt.want, q.residual); diff != "" {
				t.Errorf("residual of %q (-want +got):\n%s", tt.question, diff)
			}
		})
	}
}
