package assistant

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestUnknownLibraries(t *testing.T) {
	tests := []struct {
		name     string
		question string
		text     string
		want     []string
	}{
		{name: "review's own names", text: "**braindecode** [1] runs on PyTorch with a CLI; " +
			"DeepLabCut [2] tracks 2D and 3D poses in Python, on GitHub, with TensorFlow, " +
			"Keras, U-Net and LSTM for fMRI and EEG. ExBrainable's GUI too, ref. 85."},
		{name: "invented names", text: "Try SuperBrainNet [3] or NeuroMagic [1].",
			want: []string{"SuperBrainNet", "NeuroMagic"}},
		{name: "bold headings are not names", text: "- **Note**: maintained.\n" +
			"- **Recommendation**: use DN3 [2]."},
		{name: "bold list name", text: "1. **BrainFlowX** does EEG.", want: []string{"BrainFlowX"}},
		{name: "named in the question", question: "Is NeuroMagic in the review?",
			text: "NeuroMagic is not among the libraries the review lists."},
	}
	a := newTestAssistant(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := a.unknownLibraries(tt.question, tt.text)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("unknownLibraries (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStatesCount(t *testing.T) {
	tests := []struct {
		name string
		text string
		n    int
		want bool
	}{
		{"digits", "The review lists 3 of 74 that fit.", 3, true},
		{"words", "Three libraries fit.", 3, true},
		{"a marker is not a count", "braindecode [1], DN3 [2] and ExBrainable [3] fit.", 3, false},
		{"markers in a group", "They fit [1, 3].", 3, false},
		{"another number", "The review lists 4 of 74.", 3, false},
		{"none", "No library in the review fits.", 0, true},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := statesCount(tt.text, tt.n); got != tt.want {
				t.Errorf("statesCount(%q, %d) = %v, want %v", tt.text, tt.n, got, tt.want)
			}
		})
	}
}
