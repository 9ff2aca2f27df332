package assistant

import (
	"strings"
	"testing"
	"time"

	"github.com/neuroguide/neuroguide/assistant/provider"
	"github.com/neuroguide/neuroguide/assistant/provider/providertest"
)

func TestModelUnderstanding(t *testing.T) {
	const question = "Which of these would suit recordings of brain waves from the scalp?"
	rules := ask(t, newTestAssistant(t), "", question).Answer
	tests := []struct {
		name  string
		reply providertest.Reply
		want  string // the start of the composed answer; empty means the rules' answer
	}{
		{name: "valid reading", reply: providertest.Reply{Chunks: []string{"Here: ",
			`{"intent":"count","include":[{"kind":"data_type","value":"eeg"}]}`}},
			want: "**"},
		{name: "invalid json", reply: providertest.Reply{Chunks: []string{`{"intent":`}}},
		{name: "unknown value", reply: providertest.Reply{Chunks: []string{
			`{"intent":"list","include":[{"kind":"data_type","value":"brain waves"}]}`}}},
		{name: "timeout", reply: providertest.Reply{Chunks: []string{
			`{"intent":"list","include":[{"kind":"data_type","value":"EEG"}]}`},
			Delay: 2 * time.Second}},
		{name: "server error", reply: providertest.Reply{Status: 500}},
	}
	for _, kind := range kinds {
		for _, tt := range tests {
			t.Run(string(kind)+"/"+tt.name, func(t *testing.T) {
				// The answer itself fails, so the composed answer shows the reading.
				script := func(r providertest.Request) providertest.Reply {
					if r.Stream {
						return providertest.Reply{Status: 500}
					}

					return tt.reply
				}
				a, _ := fakeModel(t, kind, script, LLM{Understand: true,
					UnderstandTimeout: 200 * time.Millisecond})
				c := askCollect(t.Context(), a, question)
				c.check(t)

				got := c.res.Answer
				if tt.want == "" && got != rules {
					t.Errorf("answer = %q, want the rules' answer %q", got, rules)
				}

				if tt.want != "" && !strings.Contains(got, "libraries in the review have "+
					"data type EEG") {
					t.Errorf("answer = %q, want a count of EEG libraries", got)
				}
			})
		}
	}
}

func TestModelUnderstandingSkipsNamedLibraries(t *testing.T) {
	srv := providertest.NewOpenAI(providertest.Fixed(`{"intent":"list","include":[]}`))
	defer srv.Close()

	chat, err := provider.NewChat(provider.Settings{Kind: provider.OpenAI, URL: srv.URL + "/v1",
		Model: "fake"})
	if err != nil {
		t.Fatal(err)
	}

	a := withModel(t, LLM{Model: chat, Understand: true})
	q := a.understandWithModel(t.Context(), "What framework does DeepLabCut use?")
	if q.intent != intentLookup || srv.ChatRequests() != 0 {
		t.Errorf("intent %v after %d model requests, want a lookup without the model",
			q.intent, srv.ChatRequests())
	}
}
