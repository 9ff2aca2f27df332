package assistant

import (
	"fmt"
	"strings"
	"testing"
)

func TestPercent(t *testing.T) {
	tests := []struct {
		n, of int
		want  string
	}{
		{56, 74, "76%"}, {71, 74, "96%"}, {0, 74, "0%"}, {74, 74, "100%"},
		{1, 300, "0.3%"}, {299, 300, "99.7%"}, {0, 0, "0%"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d of %d", tt.n, tt.of), func(t *testing.T) {
			if got := percent(tt.n, tt.of); got != tt.want {
				t.Errorf("percent(%d, %d) = %q, want %q", tt.n, tt.of, got, tt.want)
			}
		})
	}
}

func TestShareIntent(t *testing.T) {
	a := newTestAssistant(t)
	tests := []intentCase{
		{"What fraction of the libraries are active?", intentShare},
		{"What percentage of libraries are written in Python?", intentShare},
		{"What proportion of the tools have a GUI?", intentShare},
		{"How many distinct libraries are there?", intentDistinct},
		{"How many unique libraries use TensorFlow?", intentDistinct},
		{"What percentage of libraries will be active next year?", intentDecline},
		{"What percentage of libraries have a license?", intentDecline},
		{"How many different data types are there?", intentCount},
		{"How many libraries are active?", intentCount},
	}
	checkIntents(t, a, tests)
}

func TestShareAnswers(t *testing.T) {
	a := newTestAssistant(t)
	all := len(a.review.Libraries)
	active, python := 0, 0
	for _, l := range a.review.Libraries {
		if l.Active() {
			active++
		}

		for _, lang := range l.Languages {
			if strings.HasPrefix(lang, "Python") {
				python++
				break
			}
		}
	}

	distinct, _ := distinctRepositories(a.scope(&question{}))
	tests := []struct {
		name, question string
		says           []string
	}{
		{"active", "What fraction of the libraries are active?",
			[]string{fmt.Sprintf("**%d of %d**", active, all), percent(active, all),
				fmt.Sprintf("The %d that do not", all-active), "NiftyNet (image data)"}},
		{"python", "What percentage of libraries are written in Python?",
			[]string{fmt.Sprintf("**%d of %d**", python, all), percent(python, all)}},
		{"category is the whole", "What share of the image libraries have a GUI?",
			[]string{"libraries for image data", "have interface GUI"}},
		{"distinct", "How many distinct libraries are there?",
			[]string{fmt.Sprintf("**%d distinct libraries**", len(distinct)),
				fmt.Sprintf("over %d entries", all), "DeLINEATE and NiftyNet",
				"counted once"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ask(t, a, "", tt.question)
			for _, s := range tt.says {
				if !strings.Contains(res.Answer, s) {
					t.Errorf("answer to %q lacks %q:\n%s", tt.question, s, res.Answer)
				}
			}
		})
	}
}
