package assistant

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestAuthorsInQuestions checks how questions name the review's authors, by
// any part of their names or by their place in the list, and how a name that
// holds an author's part but is another person's is told apart.
func TestAuthorsInQuestions(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		name, question string
		authors        []string // as the front matter writes them
		strangers      []string
		intent         intent
		verdict        string
	}{
		{"full name", "Who is Manfredo Atzori?", []string{"Manfredo Atzori"}, nil,
			intentCitation, ""},
		{"surname of two words", "Is Del Pup one of the authors?",
			[]string{"Federico Del Pup"}, nil, intentCitation, "Yes: "},
		{"lower case", "who is atzori", []string{"Manfredo Atzori"}, nil, intentCitation, ""},
		{"given name", "Tell me about Maurizio", []string{"Maurizio Corbetta"}, nil,
			intentCitation, ""},
		{"possessive", "What was Atzori's role?", []string{"Manfredo Atzori"}, nil,
			intentCitation, ""},
		{"place in the list", "Who is the first author?", []string{"Louis Fabrice Tshimanga"},
			nil, intentCitation, ""},
		{"name and place differ", "Is Corbetta the first author?",
			[]string{"Maurizio Corbetta", "Louis Fabrice Tshimanga"}, nil, intentCitation, "No: "},
		{"not a corresponding author", "Is Corbetta a corresponding author?",
			[]string{"Maurizio Corbetta"}, nil, intentCitation, "No: "},
		{"a country of the affiliations", "Does Atzori work in Switzerland?",
			[]string{"Manfredo Atzori"}, nil, intentCitation, "Yes: "},
		{"not a country of the affiliations", "Does Corbetta work in Switzerland?",
			[]string{"Maurizio Corbetta"}, nil, intentCitation, "No: "},
		{"another given name", "Who is Marcello Atzori?", nil, []string{"Marcello Atzori"},
			intentDecline, ""},
		{"another given name, lower case", "who is marcello atzori", nil,
			[]string{"marcello atzori"}, intentDecline, ""},
		{"two authors' parts", "Is Maurizio Atzori an author?", nil,
			[]string{"Maurizio Atzori"}, intentDecline, ""},
		{"no author's part", "Is Smith one of the authors?", nil, []string{"Smith"},
			intentDecline, ""},
		{"a library question", "Which tools help with EEG?", nil, nil, intentList, ""},
		{"a short part in lower case is a word", "pup vocalizations", nil, nil, intentDecline,
			""},
		{"a short part written as a name", "Is Pup an author?", []string{"Federico Del Pup"},
			nil, intentCitation, "Yes: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := a.understand(tt.question)
			var authors, strangers []string
			for _, i := range namedAuthors(q) {
				authors = append(authors, a.review.Front.Authors[i])
			}

			for _, s := range q.strangers {
				strangers = append(strangers, s.name)
			}

			got := []any{authors, strangers, q.intent.String(), q.verdict}
			want := []any{tt.authors, tt.strangers, tt.intent.String(), tt.verdict}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%q: authors, strangers, intent, verdict (-want +got):\n%s",
					tt.question, diff)
			}
		})
	}
}

// TestBackMatterStatements checks that a question about a statement of the
// back matter is answered by quoting it as parsed, citing it alone.
func TestBackMatterStatements(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		question, heading string
	}{
		{"Who funded this work?", "Funding"},
		{"Was the review supported by a grant?", "Funding"},
		{"Do the authors declare any conflict of interest?", "Conflicts of Interest"},
		{"Are there competing interests?", "Conflicts of Interest"},
		{"Is there a data availability statement?", "Data Availability Statement"},
		{"Did it need ethics approval?", "Institutional Review Board Statement"},
		{"What about informed consent?", "Informed Consent Statement"},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			st, ok := a.review.Statement(tt.heading)
			if !ok {
				t.Fatalf("the review has no statement %q", tt.heading)
			}

			res := ask(t, a, "", tt.question)
			if !strings.Contains(res.Answer, "“"+st.Text+"”") {
				t.Errorf("answer does not quote the %s statement %q:\n%s", st.Heading, st.Text,
					res.Answer)
			}

			want := []Source{{N: 1, Kind: KindSection, Title: "Review, back matter: " + st.Heading,
				Section: st.Heading, URL: ReviewPath + "#" + st.Anchor()}}
			if diff := cmp.Diff(want, res.Sources); diff != "" || len(res.Libraries) > 0 {
				t.Errorf("sources (-want +got):\n%s\nlibraries %v", diff, res.Libraries)
			}
		})
	}
}

// TestAuthorAnswers checks answers about the authors against the parsed
// front and back matter: affiliations, correspondence and roles.
func TestAuthorAnswers(t *testing.T) {
	a := newTestAssistant(t)
	fm := a.review.Front
	contributions, _ := a.review.Statement("Author Contributions")
	tests := []struct {
		question    string
		says, lacks []string
	}{
		{"Where do the authors work?", append([]string{
			fm.Affiliations[0] + ": all four authors",
			fm.Affiliations[2] + ": Federico Del Pup",
			fm.Affiliations[3] + ": Maurizio Corbetta",
			fm.Affiliations[4] + ": Manfredo Atzori"}, fm.Affiliations...), []string{"Citation:"}},
		{"Which university are the authors from?", fm.Affiliations, nil},
		{"Who are the corresponding authors?", []string{"corresponding authors, to whom " +
			"correspondence should be addressed, are Louis Fabrice Tshimanga and Manfredo Atzori"},
			[]string{"Federico Del Pup"}},
		{"Who is Manfredo Atzori?", append([]string{"Manfredo Atzori is the fourth of the " +
			"review's four authors, and one of the two authors to whom correspondence",
			"roles are: conceptualization and methodology; writing—review and editing; " +
				"supervision"}, fm.AffiliationsOf(3)...), []string{fm.Affiliations[2]}},
		{"Is Del Pup one of the authors?", append([]string{"Yes: Federico Del Pup is the " +
			"second of the review's four authors"}, fm.AffiliationsOf(1)...),
			[]string{"correspondence"}},
		{"Who did what / author contributions?", []string{"“" + contributions.Text + "”",
			"- Supervision: Manfredo Atzori and Maurizio Corbetta",
			"- Validation: Louis Fabrice Tshimanga and Federico Del Pup"}, nil},
		{"Who supervised the work?", []string{"gives supervision to Manfredo Atzori and " +
			"Maurizio Corbetta"}, []string{"validation"}},
		{"What was Tshimanga's role?", []string{"writing—original draft preparation"},
			[]string{fm.Affiliations[0]}},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			res := askSaysLacks(t, a, tt.question, tt.says, tt.lacks)

			if len(res.Libraries) > 0 || res.Sources[0].URL != ReviewPath &&
				!strings.HasPrefix(res.Sources[0].URL, ReviewPath+"#statement-") {
				t.Errorf("sources %+v, libraries %v: not the front and back matter",
					res.Sources, res.Libraries)
			}
		})
	}
}

// TestReviewQuestionsBeyondItsMatter checks that questions the front and
// back matter do not answer are declined, and that a name that is no
// author's is never presented as an author.
func TestReviewQuestionsBeyondItsMatter(t *testing.T) {
	a := newTestAssistant(t)
	funding, _ := a.review.Statement("Funding")
	tests := []struct {
		question    string
		says, lacks []string
	}{
		{"How much funding did they get in euros?", []string{"does not cover funding amounts",
			funding.Text}, nil},
		{"What is Corbetta's h-index?", []string{"does not cover “h-index”",
			"Maurizio Corbetta among them"}, []string{"Maurizio Corbetta is"}},
		{"Who is Marcello Atzori?", []string{"does not cover “Marcello Atzori”",
			"they are Louis Fabrice Tshimanga, Federico Del Pup, Maurizio Corbetta and " +
				"Manfredo Atzori"}, []string{"Atzori is the", "affiliations"}},
		{"Is Smith one of the authors?", []string{"does not cover “Smith”"}, []string{"Yes"}},
		{"Did Hinton write the review?", []string{"does not cover “Hinton”"}, []string{"Yes"}},
		{"How can I contact the authors?", []string{"does not cover contact details"}, nil},
		{"What is the email of the corresponding author?",
			[]string{"does not cover contact details"}, nil},
		{"what's the h-index of the authors?", []string{"does not cover"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			res := ask(t, a, "", tt.question)
			if len(res.Libraries) > 0 || !strings.Contains(res.Answer, "does not cover") {
				t.Errorf("not declined: libraries %v\n%s", res.Libraries, res.Answer)
			}

			for _, s := range tt.says {
				if !strings.Contains(res.Answer, s) {
					t.Errorf("answer lacks %q:\n%s", s, res.Answer)
				}
			}

			for _, s := range tt.lacks {
				if strings.Contains(res.Answer, s) {
					t.Errorf("answer has %q:\n%s", s, res.Answer)
				}
			}
		})
	}

	ask(t, a, "matter-1", "What is DN3?")
	res := ask(t, a, "matter-1", "Who funded it?")
	if !strings.Contains(res.Answer, "does not cover") ||
		strings.Contains(res.Answer, funding.Text) {
		t.Errorf("after a library, “it” is not the review, whose funding is its own:\n%s",
			res.Answer)
	}
}

func BenchmarkAskAuthor(b *testing.B) {
	a := newTestAssistant(b)
	ctx := context.Background()
	sink := func(string) error { return nil }
	for b.Loop() {
		if _, err := a.Ask(ctx, Request{Text: "Who is Manfredo Atzori?"}, sink); err != nil {
			b.Fatal(err)
		}
	}
}
