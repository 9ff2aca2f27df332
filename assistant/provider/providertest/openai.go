package providertest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

// NewOpenAI starts a fake OpenAI-compatible server; its base URL for clients
// is URL+"/v1".
func NewOpenAI(script Script) *Server {
	return newServer(script, func(s *Server) *http.ServeMux {
		mux := http.NewServeMux()
		mux.HandleFunc("POST /v1/chat/completions", s.openAIChat)
		mux.HandleFunc("POST /v1/embeddings", s.openAIEmbed)

		return mux
	})
}

// openAIChat answers a chat completion, streamed as server-sent events: a role
// chunk, one chunk per delta, a finish chunk, a usage chunk with no choices,
// then [DONE].
func (s *Server) openAIChat(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Model       string    `json:"model"`
		Messages    []message `json:"messages"`
		Stream      bool      `json:"stream"`
		Temperature *float64  `json:"temperature"`
		MaxTokens   int       `json:"max_tokens"`
	}
	if err := decode(r, &body); err != nil {
		http.Error(w, `{"error":{"message":"bad request"}}`, http.StatusBadRequest)
		return
	}

	req := Request{Path: r.URL.Path, Model: body.Model, Stream: body.Stream,
		Temperature: body.Temperature, MaxTokens: body.MaxTokens,
		Auth: r.Header.Get("Authorization")}
	req.System, req.User = roles(body.Messages)
	reply := s.record(req)

	if reply.Status != 0 && reply.Status != http.StatusOK {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(reply.Status)
		fmt.Fprint(w, errorBody(reply.Status))

		return
	}

	st := &stream{w: w, r: r, reply: reply, srv: s}
	if !body.Stream {
		st.openAIWhole(req)
		return
	}

	w.Header().Set("Content-Type", "text/event-stream")
	st.openAIEvents(req)
}

// openAIEvents writes the events of a streamed reply.
func (st *stream) openAIEvents(req Request) {
	if !st.wait(st.reply.Delay) || !st.event(chunkJSON(`{"role":"assistant","content":""}`, "")) {
		return
	}

	for i, c := range st.reply.chunks(req) {
		if i > 0 && !st.wait(st.reply.Gap) {
			return
		}

		if !st.event(chunkJSON(deltaJSON(c), "")) {
			return
		}

		if i == 0 && st.reply.Fault == FaultMalformed && !st.line(`data: {"choices":[{"delta":`) {
			return
		}
	}

	switch st.reply.Fault {
	case FaultDisconnect:
		panic(http.ErrAbortHandler) // the server drops the connection
	case FaultErrorObject:
		st.event(`{"error":{"message":"scripted failure mid-stream","type":"server_error"}}`)
		return
	case FaultNoEnd:
		return
	}

	st.event(chunkJSON(`{}`, st.reply.finish()))
	st.event(`{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"fake",` +
		`"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":3,"total_tokens":8}}`)
	st.line("data: [DONE]\n")
}

// event writes one data line and the blank line that ends the event.
func (st *stream) event(data string) bool { return st.line("data: " + data + "\n") }

// chunkJSON is a chat.completion.chunk with one choice.
func chunkJSON(delta, finish string) string {
	fr := "null"
	if finish != "" {
		fr = `"` + finish + `"`
	}

	return `{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"fake",` +
		`"choices":[{"index":0,"delta":` + delta + `,"finish_reason":` + fr + `}]}`
}

// deltaJSON is a delta carrying content.
func deltaJSON(content string) string {
	b, _ := json.Marshal(map[string]string{"content": content})
	return string(b)
}

// openAIWhole answers a request that did not ask for a stream with one object.
func (st *stream) openAIWhole(req Request) {
	if !st.wait(st.reply.Delay) {
		return
	}

	content, _ := json.Marshal(strings.Join(st.reply.chunks(req), ""))
	st.w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(st.w, `{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"fake",`+
		`"choices":[{"index":0,"message":{"role":"assistant","content":%s},`+
		`"finish_reason":"%s"}],"usage":{"prompt_tokens":5,"completion_tokens":3,`+
		`"total_tokens":8}}`, content, st.reply.finish())
}

// openAIEmbed answers an embeddings request with Vector of each input.
func (s *Server) openAIEmbed(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Model string   `json:"model"`
		Input []string `json:"input"`
	}
	if err := decode(r, &body); err != nil {
		http.Error(w, `{"error":{"message":"bad request"}}`, http.StatusBadRequest)
		return
	}

	s.record(Request{Path: r.URL.Path, Model: body.Model, Inputs: body.Input})

	type item struct {
		Object    string    `json:"object"`
		Index     int       `json:"index"`
		Embedding []float32 `json:"embedding"`
	}
	data := make([]item, len(body.Input))
	for i, t := range body.Input {
		data[i] = item{Object: "embedding", Index: i, Embedding: Vector(t)}
	}

	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"object": "list", "data": data,
		"model": body.Model, "usage": map[string]int{"prompt_tokens": 1, "total_tokens": 1}})
}
