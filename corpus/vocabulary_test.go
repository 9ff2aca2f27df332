package corpus

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func vocabulary(t *testing.T) *Vocabulary {
	t.Helper()
	v, err := LoadVocabulary()
	if err != nil {
		t.Fatalf("LoadVocabulary: %v", err)
	}

	return v
}

// TestVocabularyCoversEveryItem checks that every item of every facet field of
// the 74 records falls under at least one value of the vocabulary.
func TestVocabularyCoversEveryItem(t *testing.T) {
	r, v := review(t), vocabulary(t)
	for _, kind := range FacetKinds {
		for i := range r.Libraries {
			for _, item := range kind.Items(&r.Libraries[i]) {
				covered := slices.ContainsFunc(v.Values, func(fv FacetValue) bool {
					return fv.Kind == kind && fv.Covers(item)
				})
				if !covered {
					t.Errorf("%s item %q of %s: no vocabulary value", kind, item,
						r.Libraries[i].ID)
				}
			}
		}
	}
}

// TestVocabularyValuesMatch checks facet values against the records they
// must select, computed by reading the tables, not by the vocabulary.
func TestVocabularyValuesMatch(t *testing.T) {
	r, v := review(t), vocabulary(t)
	tests := []struct {
		kind  FacetKind
		value string
		want  []string
	}{
		{FacetTask, "Federated learning", []string{"COINSTAC", "Fed-BioMed", "FeTS", "OpenFL"}},
		{FacetTask, "Extraction", []string{"SynthStrip"}},
		{FacetArea, "BCI", []string{"DN3", "EEG-DL", "gumpy"}},
		{FacetInterface, "Web app", []string{"MEYE"}},
		{FacetArea, "Eye tracking and oculography",
			[]string{"DeepVOG", "MEYE", "Visual Fields Analysis"}},
		{FacetLanguage, "R", []string{"ANTsX"}},
		{FacetFramework, "Theano", []string{"gumpy", "PyCog"}},
		{FacetLanguage, "Julia", nil},
		{FacetPublication, "Without a publication", []string{"DeepEEG"}},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			fv, ok := v.Value(tt.kind, tt.value)
			if !ok {
				t.Fatalf("no value %s %q", tt.kind, tt.value)
			}

			var got []string
			for i := range r.Libraries {
				if fv.Matches(&r.Libraries[i]) {
					got = append(got, r.Libraries[i].Name)
				}
			}

			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s %q (-want +got):\n%s", tt.kind, tt.value, diff)
			}
		})
	}
}

func TestTerms(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"plurals", "Which libraries track body parts?", []string{"which", "library", "track",
			"body", "part"}},
		{"hyphens", "skull-stripping of 3-D images", []string{"skull", "strip", "of", "3",
			"d", "imag"}},
		{"symbols kept", "C++ or fast.ai, nnU-Net", []string{"c++", "or", "fast.ai", "nnu",
			"net"}},
		{"verb endings", "maintained, tracking, mapped", []string{"maintain", "track", "map"}},
		{"silent e", "customize, customized, evaluating, images, imaging", []string{"customiz",
			"customiz", "evaluat", "imag", "imag"}},
		{"ied", "queried, studies", []string{"query", "study"}},
		{"missing mark", `What does "(*)" mean?`, []string{"what", "doe", "*", "mean"}},
		{"acronym plurals", "GPUs and CNNs, corpus", []string{"gpu", "and", "cnn", "corpus"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Terms(tt.in)); diff != "" {
				t.Errorf("Terms(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}
