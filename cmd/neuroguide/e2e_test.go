package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/neuroguide/neuroguide/corpus"
	"github.com/neuroguide/neuroguide/web"
)

var (
	appOnce sync.Once
	testApp *app
	appErr  error
)

// sharedApp builds the real assistant over the embedded review once.
func sharedApp(t *testing.T) *app {
	t.Helper()
	appOnce.Do(func() {
		testApp, appErr = build(context.Background(), Config{}, slog.New(slog.DiscardHandler))
	})
	if appErr != nil {
		t.Fatalf("build: %v", appErr)
	}

	return testApp
}

// startServer serves the real assistant on a free port with the default
// settings, no history and no rate limit (the tests ask more than a user
// would in a minute), and returns the websocket URL.
func startServer(t *testing.T) string {
	t.Helper()

	cfg, err := loadConfig([]string{"NEUROGUIDE_DB=off", "NEUROGUIDE_QUESTIONS_PER_MINUTE=0"})
	if err != nil {
		t.Fatal(err)
	}

	return serveApp(t, sharedApp(t), cfg)
}

// until reads the frames of ask id until its done or error frame.
func (c *wsClient) until(id string) []frame {
	c.t.Helper()

	var out []frame
	for {
		f := c.read()
		if f.ID != id {
			c.t.Fatalf("frame for %q while waiting for %q: %+v", f.ID, id, f)
		}

		out = append(out, f)
		if f.Type == "done" || f.Type == "error" {
			return out
		}
	}
}

// turn is one checked answer: its done frame and sources.
type turn struct {
	done    frame
	sources []web.Source
}

// askOK asks a question and checks the protocol: start, deltas, sources, done;
// the deltas joined equal the answer; every marker has its source.
func (c *wsClient) askOK(id, conversation, text string) turn {
	c.t.Helper()

	c.send(map[string]string{"type": "ask", "id": id, "text": text,
		"conversation": conversation})
	frames := c.until(id)

	var kinds []string
	var deltas strings.Builder
	for _, f := range frames {
		if len(kinds) == 0 || kinds[len(kinds)-1] != f.Type {
			kinds = append(kinds, f.Type)
		}
		if f.Type == "delta" {
			deltas.WriteString(f.Text)
		}
	}

	if diff := cmp.Diff([]string{"start", "delta", "sources", "done"}, kinds); diff != "" {
		c.t.Fatalf("%q: frame order (-want +got):\n%s", text, diff)
	}

	done, sources := frames[len(frames)-1], frames[len(frames)-2].Sources
	if deltas.String() != done.Answer {
		c.t.Errorf("%q: deltas joined differ from the done answer", text)
	}

	checkMarkers(c.t, done.Answer, sources)

	return turn{done: done, sources: sources}
}

// marker finds citation markers in answer text.
var marker = regexp.MustCompile(`\[(\d+)\]`)

// checkMarkers checks that every [n] of answer has its source, and that the
// sources are numbered 1..n.
func checkMarkers(t testing.TB, answer string, sources []web.Source) {
	t.Helper()

	for i, s := range sources {
		if s.N != i+1 {
			t.Errorf("source %d numbered %d", i+1, s.N)
		}
	}

	for _, m := range marker.FindAllStringSubmatch(answer, -1) {
		var n int
		fmt.Sscan(m[1], &n)
		if n < 1 || n > len(sources) {
			t.Errorf("marker %s has no source among %d", m[0], len(sources))
		}
	}
}

// matching returns the names of the records a predicate selects.
func matching(t *testing.T, keep func(*corpus.Library) bool) []string {
	t.Helper()

	var out []string
	for i := range sharedApp(t).review.Libraries {
		if l := &sharedApp(t).review.Libraries[i]; keep(l) {
			out = append(out, l.Name)
		}
	}

	return out
}

// library returns the record named name.
func library(t *testing.T, name string) *corpus.Library {
	t.Helper()

	for i := range sharedApp(t).review.Libraries {
		if l := &sharedApp(t).review.Libraries[i]; l.Name == name {
			return l
		}
	}

	t.Fatalf("no record %q", name)

	return nil
}

func hasItem(items []string, want string) bool {
	return slices.ContainsFunc(items, func(s string) bool { return strings.EqualFold(s, want) })
}

// TestWebsocketAnswers asks real questions of every kind over a real websocket
// and checks the frames, the cited libraries and the facts, each computed
// from the parsed review.
func TestWebsocketAnswers(t *testing.T) {
	c := dialWS(t, startServer(t))
	poseInVideo := matching(t, func(l *corpus.Library) bool {
		return l.Category == corpus.CategoryImage && hasItem(l.Tasks, "Pose estimation")
	})
	eegTorch := matching(t, func(l *corpus.Library) bool {
		return hasItem(l.DataTypes, "EEG") && hasItem(l.Frameworks, "PyTorch")
	})
	federated := matching(t, func(l *corpus.Library) bool {
		return hasItem(l.Tasks, "Federated learning")
	})
	dlc := library(t, "DeepLabCut")

	tests := []struct {
		name      string
		question  string
		libraries []string // exactly these, in any order; nil skips the check
		contains  []string // the answer states these
		kinds     []string // a source of each of these kinds is cited
	}{
		{"list: pose estimation", "Which libraries do pose estimation from video?",
			poseInVideo, []string{fmt.Sprintf("%d of 74", len(poseInVideo))},
			[]string{"library"}},
		{"list: user's words", "Which tools can track the body parts of lab animals in video?",
			poseInVideo, nil, []string{"library"}},
		{"list: two facets", "Which EEG libraries use PyTorch?", eegTorch,
			[]string{fmt.Sprintf("%d of 74", len(eegTorch))}, []string{"library"}},
		{"list: paraphrase", "Several hospitals cannot share patient data: which " +
			"frameworks let them train a model together?", federated, nil,
			[]string{"library"}},
		{"count", "How many libraries does the review list for federated learning?",
			federated, []string{fmt.Sprintf("%d of 74", len(federated))}, []string{"library"}},
		{"lookup", "What deep learning framework does DeepLabCut use?", []string{"DeepLabCut"},
			dlc.Frameworks, []string{"library"}},
		{"lookup: typo", "Where is the code of deeplabcutt?", []string{"DeepLabCut"},
			[]string{dlc.Source}, []string{"library"}},
		{"compare", "Compare DeepLabCut and SLEAP", []string{"DeepLabCut", "LEAP, SLEAP"},
			[]string{"|"}, []string{"library"}},
		{"prose", "How did the authors select the libraries they reviewed?", nil, []string{"“"},
			[]string{"section"}},
		{"out of scope", "What is the best pizza in Rome?", []string{},
			[]string{"does not cover"}, nil},
	}

	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.askOK(fmt.Sprintf("q%d", i), "", tt.question)

			if tt.libraries != nil {
				want := slices.Sorted(slices.Values(tt.libraries))
				have := slices.Sorted(slices.Values(got.done.Libraries))
				if diff := cmp.Diff(want, have); diff != "" {
					t.Errorf("libraries (-want +got):\n%s", diff)
				}
			}

			for _, s := range tt.contains {
				if !strings.Contains(got.done.Answer, s) {
					t.Errorf("answer lacks %q:\n%s", s, got.done.Answer)
				}
			}

			for _, kind := range tt.kinds {
				if !slices.ContainsFunc(got.sources, func(s web.Source) bool {
					return s.Kind == kind && s.URL != ""
				}) {
					t.Errorf("no linked %s source in %+v", kind, got.sources)
				}
			}

			if got.done.Mode != "offline" {
				t.Errorf("mode = %q, want offline", got.done.Mode)
			}
		})
	}
}

// TestWebsocketBadFrames sends each kind of bad frame and checks that it gets
// its error frame and that the same connection then answers a question.
func TestWebsocketBadFrames(t *testing.T) {
	c := dialWS(t, startServer(t))
	huge := strings.Repeat("which EEG library ", 100_000/18+1)

	tests := []struct {
		name, data, id, code string
	}{
		{"not JSON", "this is not json", "", "bad_frame"},
		{"JSON but not an object", `["ask"]`, "", "bad_frame"},
		{"unknown type", `{"type":"shout","id":"x1"}`, "x1", "unknown_type"},
		{"empty question", `{"type":"ask","id":"x2","text":"   "}`, "x2", "empty_question"},
		{"100 kB question", fmt.Sprintf(`{"type":"ask","id":"x3","text":%q}`, huge), "x3",
			"question_too_long"},
		{"missing id", `{"type":"ask","text":"Which EEG libraries?"}`, "", "bad_id"},
	}

	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c.sendText(tt.data)

			f := c.read()
			if f.Type != "error" || f.Code != tt.code || f.ID != tt.id || f.Message == "" {
				t.Fatalf("got %+v, want an error frame %q for id %q", f, tt.code, tt.id)
			}

			got := c.askOK(fmt.Sprintf("ok%d", i), "", "Which libraries handle EMG?")
			if len(got.done.Libraries) == 0 {
				t.Errorf("the next question got no libraries: %s", got.done.Answer)
			}
		})
	}
}

// TestWebsocketFollowUps runs a three-turn conversation: a list, a filter of
// that list, then its complement, each checked against the records.
func TestWebsocketFollowUps(t *testing.T) {
	c := dialWS(t, startServer(t))
	pose := func(l *corpus.Library) bool {
		return l.Category == corpus.CategoryImage && hasItem(l.Tasks, "Pose estimation")
	}
	active := matching(t, func(l *corpus.Library) bool { return pose(l) && l.Active() })
	inactive := matching(t, func(l *corpus.Library) bool { return pose(l) && !l.Active() })

	first := c.askOK("t1", "", "Which libraries do pose estimation from video?")
	conv := first.done.Conversation
	if conv == "" {
		t.Fatal("no conversation in the done frame")
	}

	turns := []struct {
		question string
		want     []string
	}{
		{"Which of those are still maintained?", active},
		{"And the others?", inactive},
	}

	for i, tt := range turns {
		got := c.askOK(fmt.Sprintf("t%d", i+2), conv, tt.question)
		if got.done.Conversation != conv {
			t.Errorf("%q: conversation %q, want %q", tt.question, got.done.Conversation, conv)
		}

		want := slices.Sorted(slices.Values(tt.want))
		have := slices.Sorted(slices.Values(got.done.Libraries))
		if diff := cmp.Diff(want, have); diff != "" {
			t.Errorf("%q: libraries (-want +got):\n%s", tt.question, diff)
		}
	}

	third := c.askOK("t4", conv, "Tell me more about the second one")
	if diff := cmp.Diff([]string{inactive[1]}, third.done.Libraries); diff != "" {
		t.Errorf("the second one (-want +got):\n%s", diff)
	}
}

// TestAskCommand runs `neuroguide ask` as a user would, in both output forms.
func TestAskCommand(t *testing.T) {
	pose := matching(t, func(l *corpus.Library) bool {
		return l.Category == corpus.CategoryImage && hasItem(l.Tasks, "Pose estimation")
	})
	question := "Which libraries do pose estimation from video?"

	var out, errOut strings.Builder
	if err := run(context.Background(), []string{"ask", question}, &out, &errOut); err != nil {
		t.Fatalf("ask: %v (%s)", err, errOut.String())
	}

	text := out.String()
	for _, want := range append([]string{"11 of 74", "Sources:"}, pose...) {
		if !strings.Contains(text, want) {
			t.Errorf("ask output lacks %q", want)
		}
	}

	out.Reset()
	if err := run(context.Background(), []string{"ask", "--json", question}, &out,
		&errOut); err != nil {
		t.Fatalf("ask --json: %v", err)
	}

	var res struct {
		Answer    string       `json:"answer"`
		Libraries []string     `json:"libraries"`
		Sources   []web.Source `json:"sources"`
	}
	if err := json.Unmarshal([]byte(out.String()), &res); err != nil {
		t.Fatalf("ask --json printed %q: %v", out.String(), err)
	}

	if diff := cmp.Diff(pose, res.Libraries); diff != "" {
		t.Errorf("libraries (-want +got):\n%s", diff)
	}

	checkMarkers(t, res.Answer, res.Sources)
}

// TestLibrariesJSON checks the shape of `neuroguide libraries --json`: 74
// records, every field present, list fields arrays, missing numbers null.
func TestLibrariesJSON(t *testing.T) {
	var out, errOut strings.Builder
	if err := run(context.Background(), []string{"libraries", "--json"}, &out,
		&errOut); err != nil {
		t.Fatalf("libraries: %v (%s)", err, errOut.String())
	}

	var recs []map[string]any
	if err := json.Unmarshal([]byte(out.String()), &recs); err != nil {
		t.Fatal(err)
	}

	if len(recs) != 74 {
		t.Fatalf("%d records, want 74", len(recs))
	}

	lists := []string{"aliases", "tables", "refs", "area", "data_types", "tasks", "models",
		"frameworks", "languages", "interfaces"}
	scalars := []string{"name", "category", "datasets", "customization", "online_offline",
		"maintenance", "source"}
	numbers := []string{"stars", "forks", "contributors"}
	nulls := 0
	for _, r := range recs {
		for _, k := range lists {
			if _, ok := r[k].([]any); !ok {
				t.Errorf("%v: %s is %T, want an array", r["name"], k, r[k])
			}
		}

		for _, k := range scalars {
			if _, ok := r[k].(string); !ok {
				t.Errorf("%v: %s is %T, want a string", r["name"], k, r[k])
			}
		}

		for _, k := range numbers {
			v, present := r[k]
			if !present {
				t.Errorf("%v: %s missing", r["name"], k)
			}
			if v == nil {
				nulls++
			} else if _, ok := v.(float64); !ok {
				t.Errorf("%v: %s is %T, want a number or null", r["name"], k, v)
			}
		}
	}

	if nulls == 0 {
		t.Error("no missing number is null, yet the review gives some as (*)")
	}
}

// TestServeStopsOnCancel checks that the serve command prints the address to
// open and returns cleanly when its context ends.
func TestServeStopsOnCancel(t *testing.T) {
	t.Chdir(t.TempDir()) // the history database and .env belong to the working directory
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "--addr", "127.0.0.1:0"}, &out, &errOut) }()

	deadline := time.Now().Add(e2eTimeout)
	for !strings.Contains(out.String(), "http://127.0.0.1:") {
		if time.Now().After(deadline) {
			t.Fatalf("no address printed; stderr: %s", errOut.String())
		}
		time.Sleep(10 * time.Millisecond)
	}

	cancel()
	if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
		t.Errorf("serve returned %v", err)
	}
}

// syncBuffer is a strings.Builder safe for a writer and a reader goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()

	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()

	return s.b.String()
}
