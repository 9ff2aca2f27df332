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

func TestMisattributions(t *testing.T) {
	src := newSourceList()
	src.cite("lib:braindecode", Source{Kind: KindLibrary, Library: "braindecode"})
	src.cite("lib:LEAP, SLEAP", Source{Kind: KindLibrary, Library: "LEAP, SLEAP"})
	src.cite("sec:4.1", Source{Kind: KindSection, Section: "4.1"})
	tests := []struct {
		name string
		text string
		want []Misattribution
	}{
		{name: "right record", text: "braindecode [1] and SLEAP [2] fit."},
		{name: "another record", text: "DN3 [1] runs on PyTorch.",
			want: []Misattribution{{Name: "DN3", Marker: 1, Cites: "braindecode"}}},
		{name: "alias written", text: "**DeepLabCut** and **SLEAP** [1].",
			want: []Misattribution{{Name: "SLEAP", Marker: 1, Cites: "braindecode"}}},
		{name: "group with the record", text: "SLEAP [1, 2] tracks poses."},
		{name: "group with a passage", text: "DN3 [1, 3] is discussed in Section 4.1."},
		{name: "no name before the marker", text: "It runs on PyTorch [1]."},
		{name: "name inside a word", text: "XSLEAP [1] is made up."},
		{name: "unknown marker", text: "DN3 [7] fits."},
	}

	a := newTestAssistant(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := a.misattributions(src, tt.text)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("misattributions (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUnbackedMarkers(t *testing.T) {
	mis := []Misattribution{{Name: "DN3", Marker: 1, Cites: "braindecode"}}
	tests := []struct {
		name string
		text string
		want map[int]bool
	}{
		{name: "only use is wrong", text: "DN3 [1] fits.", want: map[int]bool{1: true}},
		{name: "also cited rightly", text: "DN3 [1] fits; braindecode [1] too.",
			want: map[int]bool{}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, unbackedMarkers(tt.text, mis)); diff != "" {
				t.Errorf("unbackedMarkers (-want +got):\n%s", diff)
			}
		})
	}
}
