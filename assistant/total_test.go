package assistant

import (
	"strings"
	"testing"
)

func TestTotalIntent(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		question string
		want     intent
		average  bool
	}{
		{"What is the combined GitHub star count of the federated learning frameworks?",
			intentTotal, false},
		{"total stars of the EEG tools", intentTotal, false},
		{"What's the mean number of forks of EEG libraries?", intentTotal, true},
		{"average number of contributors of the pose estimation libraries", intentTotal, true},
		{"How many libraries are there in total?", intentCount, false},
		{"What do the stars mean?", intentProse, false},
		{"Which library has the most stars?", intentRank, false},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			q := a.understand(tt.question)
			if q.intent != tt.want {
				t.Errorf("intent of %q = %v, want %v", tt.question, q.intent, tt.want)
			}

			if got := q.intent == intentTotal && asksAverage(q); got != tt.average {
				t.Errorf("average of %q = %v, want %v", tt.question, got, tt.average)
			}
		})
	}
}

func TestTotalAnswers(t *testing.T) {
	a := newTestAssistant(t)
	snapshot := "usage data were updated to 17 April 2023"
	tests := []struct {
		name, question string
		says           []string
	}{
		{"federated stars", "What is the combined GitHub star count of the federated learning " +
			"frameworks?", []string{"**4 of 74**", "**580 GitHub stars**", "4 libraries",
			"OpenFL [1]: 484 + FeTS [2]: 55 + COINSTAC [3]: 35 + Fed-BioMed [4]: 6 = 580",
			snapshot}},
		{"average with missing", "average stars of the special-application libraries",
			[]string{"**582.3 GitHub stars**", "over the 14 libraries",
				"the review gives no GitHub star count for MeDaS and NeuroGym"}},
		{"two rows once", "How many forks do all the libraries have in total?",
			[]string{"**7482 forks**", "65 libraries", "NiftyNet have a row in two categories"}},
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
