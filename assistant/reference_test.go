package assistant

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestAskedReference(t *testing.T) {
	tests := []struct {
		name, text string
		want       int
		ok         bool
	}{
		{"reference n", "What is reference 95?", 95, true},
		{"ref dot", "ref. 46?", 46, true},
		{"which paper", "Which paper is reference 63?", 63, true},
		{"hash", "show me ref #12", 12, true},
		{"bracket", "what is reference [7]?", 7, true},
		{"citation no", "citation no. 3", 3, true},
		{"out of range still parsed", "what is ref 400", 400, true},
		{"year is no entry", "the citation 2023", 0, false},
		{"number before", "which libraries have 2 references?", 0, false},
		{"no number", "What does the review cite for DeepLabCut?", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := askedReference(tt.text)
			if got != tt.want || ok != tt.ok {
				t.Errorf("askedReference(%q) = %d, %v, want %d, %v", tt.text, got, ok, tt.want,
					tt.ok)
			}
		})
	}
}

func TestRefNumbers(t *testing.T) {
	tests := []struct {
		name, text string
		want       []int
	}{
		{"one", "MNE (https://mne.tools) [30], that runs", []int{30}},
		{"list", "as shown [2,3] and [9, 10].", []int{2, 3, 9, 10}},
		{"range", "several tools [46–48]", []int{46, 47, 48}},
		{"none", "no citation here", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, refNumbers(tt.text)); diff != "" {
				t.Errorf("refNumbers(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestReferenceIntent(t *testing.T) {
	a := newTestAssistant(t)
	tests := []intentCase{
		{"What is reference 95?", intentReference},
		{"ref. 46?", intentReference},
		{"Which paper is reference 63?", intentReference},
		{"How many references does the review have?", intentReference},
		{"How many papers does the review cite?", intentReference},
		{"What does the review cite for DeepLabCut?", intentLookup},
		{"How many references does DeepLabCut have?", intentLookup},
		{"How many libraries are there?", intentCount},
	}
	checkIntents(t, a, tests)
}

func TestReferenceAnswers(t *testing.T) {
	a := newTestAssistant(t)
	ref95, _ := a.review.Reference(95)
	ref30, _ := a.review.Reference(30)
	total := fmt.Sprint(len(a.review.References))
	tests := []struct {
		name, question string
		says           []string
		url            string // a source the answer must cite
		libraries      []string
	}{
		{"record's reference", "What is reference 95?",
			[]string{ref95.Text, "reference of **nnU-Net**"}, "/review#ref-95", []string{"nnU-Net"}},
		{"prose reference", "Who wrote reference 30?",
			[]string{ref30.Text, "No library record", "section 2.3. Neuroinformatics"},
			"/review#ref-30", nil},
		{"out of range", "What is ref 400?",
			[]string{"There is no reference 400", "**" + total + "** entries"},
			"/review#references", nil},
		{"count", "How many references does the review have?",
			[]string{"**" + total + "** entries"}, "/review#references", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ask(t, a, "", tt.question)
			for _, s := range tt.says {
				if !strings.Contains(res.Answer, s) {
					t.Errorf("answer to %q lacks %q:\n%s", tt.question, s, res.Answer)
				}
			}

			if !citesURL(res, tt.url) {
				t.Errorf("answer to %q cites no %s: %+v", tt.question, tt.url, res.Sources)
			}

			if diff := cmp.Diff(tt.libraries, res.Libraries, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("libraries of %q (-want +got):\n%s", tt.question, diff)
			}
		})
	}
}

// citesURL reports whether an answer cites a source linked to url.
func citesURL(res Result, url string) bool {
	for _, s := range res.Sources {
		if s.URL == url {
			return true
		}
	}

	return false
}
