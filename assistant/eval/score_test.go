package eval

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/neuroguide/neuroguide/assistant"
)

func TestScoreValues(t *testing.T) {
	_, r := offlineAssistant(t)
	s := NewScorer(r)
	tests := []struct {
		name   string
		gold   any
		answer string
		pass   bool
	}{
		{"number", 3600, "DeepLabCut has 3600 stars [1].", true},
		{"number in a marker only", 1, "DeepBhvTracking's contributors: not given [1].", false},
		{"number in a longer one", 36, "3600 stars", false},
		{"list in another order", "Octave, MATLAB", "written in MATLAB and Octave", true},
		{"short value as a word", "No", "Datasets: No [2]", true},
		{"short value inside a word", "No", "Interface: Jupyter Notebooks", false},
		{"URL without its scheme", "https://bitbucket.org/delineate/delineate",
			"source: bitbucket.org/delineate/delineate", true},
		{"either name of a combined row", "LEAP, SLEAP", "**SLEAP** has 278 stars", true},
		{"missing number", nil, "stars: not given", true},
		{"missing mark", "(*)", "GitHub stars: not given [1]", true},
		{"missing mark unstated", "(*)", "GitHub stars: 12 [1]", false},
		{"a None value is a value", "None", "Interface: None [1]", true},
		{"row named with its packages", "ANTsX (ANTsPyNet, ANTsRNet)", "**ANTsX** [1]", true},
		{"every value of an object", map[string]any{"stars": 3600, "forks": 1200},
			"3600 stars and 1200 forks", true},
		{"a value of an object unstated", map[string]any{"stars": 3600, "forks": 1200},
			"3600 stars", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gold, _ := json.Marshal(tt.gold)
			sc, err := s.Score(Case{ID: "x", Kind: KindLookup, Gold: gold},
				assistant.Result{Answer: tt.answer})
			if err != nil {
				t.Fatal(err)
			}

			if sc.Pass != tt.pass {
				t.Errorf("pass = %v, want %v (missing %v)", sc.Pass, tt.pass, sc.Missing)
			}
		})
	}
}

func TestScoreFacet(t *testing.T) {
	_, r := offlineAssistant(t)
	s := NewScorer(r)
	gold, _ := json.Marshal([]string{"DeepLabCut", "LEAP, SLEAP", "MARS, BENTO"})
	res := assistant.Result{Libraries: []string{"DeepLabCut", "LEAP, SLEAP", "DANNCE"}}
	sc, err := s.Score(Case{ID: "x", Kind: KindFacet, Gold: gold}, res)
	if err != nil {
		t.Fatal(err)
	}

	if sc.Recall != 2.0/3 || sc.Precision != 2.0/3 || sc.Pass {
		t.Errorf("recall %.2f, precision %.2f, pass %v; want 0.67, 0.67, false", sc.Recall,
			sc.Precision, sc.Pass)
	}
}

func TestKeyFacts(t *testing.T) {
	tests := []struct {
		name   string
		answer string
		want   []string
	}{
		{"sentence openers name nothing", "Because labs lack experts. Mostly EEG, in 2 ways.",
			[]string{"EEG", "2"}},
		{"names keep their place", "DeepLabCut and nnU-Net; Padova hosts them.",
			[]string{"DeepLabCut", "nnU-Net", "Padova"}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, keyFacts(tt.answer)); diff != "" {
				t.Errorf("keyFacts (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadRefusesWhatChecksNothing(t *testing.T) {
	tests := []struct {
		name, input string
	}{
		{"no questions", ""},
		{"blank lines only", "\n\n"},
		{"empty object gold", `{"id":"x","question":"What is DN3?","kind":"lookup","gold":{}}`},
		{"empty list gold", `{"id":"x","question":"What is DN3?","kind":"lookup","gold":[]}`},
		{"empty text gold", `{"id":"x","question":"What is DN3?","kind":"lookup","gold":""}`},
		{"no gold", `{"id":"x","question":"What is DN3?","kind":"lookup"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if cases, err := Read(strings.NewReader(tt.input)); err == nil {
				t.Errorf("Read = %d cases and no error, want an error", len(cases))
			}
		})
	}
}
