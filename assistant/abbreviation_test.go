package assistant

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestAbbreviationForms(t *testing.T) {
	tests := []struct {
		short string
		want  []string
	}{
		{"BCI", []string{"BCI"}},
		{"(rs-f)MRI", []string{"MRI", "rs-fMRI", "fMRI"}},
	}
	for _, tt := range tests {
		t.Run(tt.short, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, abbreviationForms(tt.short)); diff != "" {
				t.Errorf("abbreviationForms(%q) (-want +got):\n%s", tt.short, diff)
			}
		})
	}
}

func TestAsksAbbreviation(t *testing.T) {
	tests := []struct {
		name, text, word string
		want             bool
	}{
		{"stand for", "What does BCI stand for?", "BCI", true},
		{"short for", "What is XAI short for?", "XAI", true},
		{"the abbreviation", "what does the abbreviation CAE mean", "CAE", true},
		{"mean", "what does XAI mean", "XAI", true},
		{"full form", "What is the full form of GUI?", "GUI", true},
		{"acronym", "What is the acronym LSTM?", "LSTM", true},
		{"quoted", "what does “EEG” mean?", "EEG", true},
		{"expand is a verb here", "Which EEG tools expand datasets?", "EEG", false},
		{"mean is the average", "the mean stars of EEG tools", "EEG", false},
		{"no cue", "Which BCI libraries are there?", "BCI", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := asksAbbreviation(tt.text, tt.word); got != tt.want {
				t.Errorf("asksAbbreviation(%q, %q) = %v, want %v", tt.text, tt.word, got, tt.want)
			}
		})
	}
}

func TestAbbreviationIntent(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		question string
		want     intent
		shorts   []string
	}{
		{"What does BCI stand for?", intentAbbreviation, []string{"BCI"}},
		{"what does the abbreviation cae mean", intentAbbreviation, []string{"CAE"}},
		{"What do CNNs and RNNs stand for?", intentAbbreviation, []string{"CNN", "RNN"}},
		{"What does fMRI stand for?", intentAbbreviation, []string{"(rs-f)MRI"}},
		{"What does EEG-DL stand for?", intentLookup, nil},
		{"Which BCI libraries are there?", intentList, nil},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			q := a.understand(tt.question)
			if q.intent != tt.want {
				t.Errorf("intent of %q = %v, want %v", tt.question, q.intent, tt.want)
			}

			var got []string
			for _, ab := range q.part.abbrevs {
				got = append(got, ab.entry.Short)
			}

			if diff := cmp.Diff(tt.shorts, got); diff != "" {
				t.Errorf("abbreviations of %q (-want +got):\n%s", tt.question, diff)
			}
		})
	}
}

func TestAbbreviationAnswers(t *testing.T) {
	a := newTestAssistant(t)
	long := func(short string) string {
		for _, e := range a.review.Abbreviations {
			if e.Short == short {
				return e.Long
			}
		}

		t.Fatalf("no abbreviation %s", short)
		return ""
	}

	tests := []struct {
		name, question string
		says           []string
		lacks          []string
	}{
		{"facet value offers a count", "What does BCI stand for?",
			[]string{"**BCI** stands for **" + long("BCI") + "** [1]", "**3 of 74**",
				"Which libraries have area BCI?"}, nil},
		{"no facet value", "What is XAI short for?",
			[]string{"**" + long("XAI") + "**", "section 4.2"}, []string{"of 74"}},
		{"plural", "What do CNNs stand for?", []string{long("CNN")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := askSaysLacks(t, a, tt.question, tt.says, tt.lacks)

			if !citesURL(res, "/review#abbreviations") {
				t.Errorf("answer to %q cites no Abbreviations: %+v", tt.question, res.Sources)
			}
		})
	}
}
