package eval

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/neuroguide/neuroguide/assistant"
	"github.com/neuroguide/neuroguide/corpus"
	"github.com/neuroguide/neuroguide/retrieval"
)

var (
	buildOnce sync.Once
	built     *assistant.Assistant
	builtRev  *corpus.Review
	buildErr  error
)

// offlineAssistant builds the offline assistant over the real review once, as
// the command does.
func offlineAssistant(t *testing.T) (*assistant.Assistant, *corpus.Review) {
	t.Helper()
	buildOnce.Do(func() {
		r, err := corpus.Parse()
		if err != nil {
			buildErr = err
			return
		}

		v, err := corpus.LoadVocabulary()
		if err != nil {
			buildErr = err
			return
		}

		ix, err := retrieval.New(context.Background(), r, retrieval.Options{Vocabulary: v})
		if err != nil {
			buildErr = err
			return
		}

		builtRev = r
		built, buildErr = assistant.New(assistant.Config{Review: r, Vocabulary: v, Index: ix})
	})
	if buildErr != nil {
		t.Fatalf("build assistant: %v", buildErr)
	}

	return built, builtRev
}

// TestQuestionFilesMeetTheTargets answers the sample questions and the
// project's own set and checks the project's targets: facet recall 0.95 and
// precision 0.90, every lookup and aggregate right, the right section cited
// for 9 prose answers in 10, every out-of-scope question declined; and every
// comparison right.
func TestQuestionFilesMeetTheTargets(t *testing.T) {
	a, r := offlineAssistant(t)
	targets := Targets
	targets.Compare = 1
	for _, file := range []string{"testdata/sample-questions.jsonl", questionsFile} {
		t.Run(filepath.Base(file), func(t *testing.T) {
			cases, err := ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}

			report, err := Run(context.Background(), a, NewScorer(r), cases)
			if err != nil {
				t.Fatal(err)
			}

			if err := targets.Check(report); err != nil {
				var table strings.Builder
				_ = report.WriteTable(&table)
				t.Errorf("%v\n%s", err, table.String())
			}
		})
	}
}

// unseenFloor is what the unseen question files must keep scoring: below the
// targets, since they were written by people who saw neither the code nor
// the other question files, and what they measure is how the assistant
// does on wordings no rule was written for. A drop below it is a regression.
var unseenFloor = Thresholds{FacetRecall: 0.93, FacetPrecision: 0.95, Lookup: 1,
	Aggregate: 0.9, Compare: 1, ProseSection: 0.85, OutOfScope: 0.9}

// unseenFloors are the floors of the files that keep a level of their own:
// unseen-3 was scored only after most rules were written, and asks more of
// the prose and of what lies beyond the tables; unseen-4 to unseen-6 came
// later still.
// .ci/run holds the same.
var unseenFloors = map[string]Thresholds{
	"unseen-3.jsonl": {FacetRecall: 0.93, FacetPrecision: 0.9, Lookup: 1, Aggregate: 1,
		Compare: 1, ProseSection: 0.78, OutOfScope: 0.85},
	"unseen-4.jsonl": {FacetRecall: 0.95, FacetPrecision: 0.95, Lookup: 1, Aggregate: 1,
		Compare: 1, ProseSection: 0.9, OutOfScope: 1},
	"unseen-5.jsonl": {FacetRecall: 0.95, FacetPrecision: 0.95, Lookup: 1, Aggregate: 1,
		Compare: 1, ProseSection: 0.88, OutOfScope: 1},
	"unseen-6.jsonl": {FacetRecall: 0.95, FacetPrecision: 0.95, Lookup: 1, Aggregate: 1,
		Compare: 1, ProseSection: 0.85, OutOfScope: 1},
}

// TestUnseenQuestionFilesHoldTheirLevel answers the unseen question files
// and checks they keep their level.
func TestUnseenQuestionFilesHoldTheirLevel(t *testing.T) {
	a, r := offlineAssistant(t)
	files, err := filepath.Glob("testdata/unseen-*.jsonl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no unseen question files: %v", err)
	}

	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			cases, err := ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}

			report, err := Run(context.Background(), a, NewScorer(r), cases)
			if err != nil {
				t.Fatal(err)
			}

			floor, ok := unseenFloors[filepath.Base(file)]
			if !ok {
				floor = unseenFloor
			}

			if err := floor.Check(report); err != nil {
				var table strings.Builder
				_ = report.WriteTable(&table)
				t.Errorf("%v\n%s", err, table.String())
			}
		})
	}
}

func TestThresholdsCheck(t *testing.T) {
	report := NewReport([]Score{
		{ID: "F1", Kind: KindFacet, Pass: true, Recall: 1, Precision: 1},
		{ID: "F2", Kind: KindFacet, Recall: 0.8, Precision: 0.5},
		{ID: "P1", Kind: KindProse, Pass: true, Section: true},
		{ID: "O1", Kind: KindOutOfScope},
	})
	tests := []struct {
		name    string
		t       Thresholds
		wantErr bool
	}{
		{"zero accepts anything", Thresholds{}, false},
		{"recall met", Thresholds{FacetRecall: 0.9}, false},
		{"precision missed", Thresholds{FacetPrecision: 0.9}, true},
		{"absent kind not checked", Thresholds{Lookup: 1}, false},
		{"out of scope missed", Thresholds{OutOfScope: 1}, true},
		{"overall missed", Thresholds{Pass: 0.75}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.t.Check(report)
			if got := err != nil; got != tt.wantErr {
				t.Fatalf("Check() = %v, want error %v", err, tt.wantErr)
			}

			if err != nil && !errors.Is(err, ErrBelowThreshold) {
				t.Errorf("Check() = %v, not ErrBelowThreshold", err)
			}
		})
	}
}
