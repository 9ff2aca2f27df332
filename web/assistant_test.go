package web

import (
	"context"
	"net/http"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/neuroguide/neuroguide/assistant"
	"github.com/neuroguide/neuroguide/corpus"
	"github.com/neuroguide/neuroguide/retrieval"
)

// newAssistant builds the real offline assistant, as the command does. Each call
// builds a new one, with a memory of its own, as a restarted process has.
func newAssistant(t testing.TB) (*assistant.Assistant, *corpus.Review) {
	t.Helper()

	review, err := corpus.Parse()
	if err != nil {
		t.Fatalf("parse review: %v", err)
	}
	vocab, err := corpus.LoadVocabulary()
	if err != nil {
		t.Fatalf("load vocabulary: %v", err)
	}
	index, err := retrieval.New(context.Background(), review,
		retrieval.Options{Vocabulary: vocab})
	if err != nil {
		t.Fatalf("index review: %v", err)
	}

	a, err := assistant.New(assistant.Config{Review: review, Vocabulary: vocab, Index: index})
	if err != nil {
		t.Fatalf("assistant: %v", err)
	}

	return a, review
}

// realServerConfig is the config the command gives the server, over a new
// assistant, with the review page mounted.
func realServerConfig(t testing.TB, cfg Config) Config {
	t.Helper()

	a, review := newAssistant(t)
	page, err := ReviewHandler(review)
	if err != nil {
		t.Fatalf("review page: %v", err)
	}

	cfg.Answerer, cfg.Memory = a, a
	cfg.Routes = map[string]http.Handler{"GET " + assistant.ReviewPath: page}

	return cfg
}

// TestFollowUpAfterRestart asks a list question, restarts the server with a new
// assistant over the same history, and asks a follow-up about "those": the
// assistant's memory of the conversation comes back from the history.
func TestFollowUpAfterRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.db")

	_, before, _ := newTestServer(t, realServerConfig(t, Config{History: openHistory(t, path)}))
	client := dial(t, before)
	client.askIn("conv-f", "q1", "Which tools do pose estimation?")
	first := client.collect("q1")["q1"]
	if n := len(first[len(first)-1].Libraries); n < 5 {
		t.Fatalf("list answer cites %d libraries, want many", n)
	}
	before.Close()

	_, after, _ := newTestServer(t, realServerConfig(t, Config{History: openHistory(t, path)}))
	client = dial(t, after)
	client.askIn("conv-f", "q2", "Which of those use PyTorch?")
	frames := client.collect("q2")["q2"]

	done := frames[len(frames)-1]
	if diff := cmp.Diff([]string{"DANNCE"}, done.Libraries); diff != "" {
		t.Errorf("follow-up after restart (-want +got):\n%s\n%s", diff, done.Answer)
	}
}

// TestConversationChainOverWebsocket runs conversations over the websocket
// with the real assistant: comparisons by position and by pronoun, a ranking
// whose whole set the next turn counts, and "it" after a ranking's winner.
func TestConversationChainOverWebsocket(t *testing.T) {
	type turnWant struct {
		question string
		want     []string
	}
	tests := []struct {
		name  string
		turns []turnWant
	}{
		{"compare by position", []turnWant{
			{"Which libraries do pose estimation?", []string{"ALMA", "DANNCE", "DeepBehavior",
				"DeepBhvTracking", "DeepLabCut", "DeepLabStream", "DeepPoseKit", "LEAP, SLEAP",
				"MARS, BENTO", "SimBA", "Visual Fields Analysis"}},
			{"compare the first two", []string{"ALMA", "DANNCE"}},
			{"compare DeepLabCut with the second one", []string{"DeepLabCut", "DANNCE"}},
		}},
		{"compare it", []turnWant{
			{"What is SimBA?", []string{"SimBA"}},
			{"compare it with DeepLabCut", []string{"SimBA", "DeepLabCut"}},
		}},
		{"a ranking, then them and it", []turnWant{
			{"Which libraries do segmentation of MRI?", []string{"ANTsX", "ClinicaDL",
				"DeepNeuro", "FastSurfer", "fetal-code", "hipotalamus_seg", "NiftyNet",
				"ScLimbic"}},
			{"which of those are still maintained?", []string{"ANTsX", "ClinicaDL",
				"DeepNeuro", "FastSurfer", "fetal-code", "hipotalamus_seg", "ScLimbic"}},
			{"which of them is most starred?", []string{"ANTsX", "FastSurfer", "DeepNeuro",
				"hipotalamus_seg", "fetal-code", "ClinicaDL", "ScLimbic"}},
			{"is it still maintained?", []string{"ANTsX"}},
		}},
	}

	_, ts, _ := newTestServer(t, realServerConfig(t, Config{}))
	client := dial(t, ts)
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			conv := "chain-ws-" + string(rune('a'+i))
			for n, turn := range tt.turns {
				id := conv + "-" + string(rune('0'+n))
				client.askIn(conv, id, turn.question)
				frames := client.collect(id)[id]
				done := frames[len(frames)-1]
				if diff := cmp.Diff(turn.want, done.Libraries); diff != "" {
					t.Fatalf("turn %d %q (-want +got):\n%s\n%s", n+1, turn.question, diff,
						done.Answer)
				}
			}
		})
	}
}
