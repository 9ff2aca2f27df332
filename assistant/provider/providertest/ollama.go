package providertest

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// NewOllama starts a fake Ollama server; its URL is the clients' server URL.
func NewOllama(script Script) *Server {
	return newServer(script, func(s *Server) *http.ServeMux {
		mux := http.NewServeMux()
		mux.HandleFunc("POST /api/chat", s.ollamaChat)
		mux.HandleFunc("POST /api/embed", s.ollamaEmbed)

		return mux
	})
}

// ollamaChat answers /api/chat as JSON lines: one message line per delta, then
// a done line with the counts.
func (s *Server) ollamaChat(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Model    string    `json:"model"`
		Messages []message `json:"messages"`
		Stream   bool      `json:"stream"`
		Options  struct {
			Temperature *float64 `json:"temperature"`
			NumPredict  int      `json:"num_predict"`
		} `json:"options"`
	}
	if err := decode(r, &body); err != nil {
		http.Error(w, `{"error":"bad request"}`, http.StatusBadRequest)
		return
	}

	req := Request{Path: r.URL.Path, Model: body.Model, Stream: body.Stream,
		Temperature: body.Options.Temperature, MaxTokens: body.Options.NumPredict}
	req.System, req.User = roles(body.Messages)
	reply := s.record(req)

	if reply.Status != 0 && reply.Status != http.StatusOK {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(reply.Status)
		fmt.Fprintf(w, `{"error":"scripted %d"}`, reply.Status)

		return
	}

	w.Header().Set("Content-Type", "application/x-ndjson")
	st := &stream{w: w, r: r, reply: reply, srv: s}
	st.ollamaLines(req)
}

// ollamaLines writes the lines of a reply.
func (st *stream) ollamaLines(req Request) {
	if !st.wait(st.reply.Delay) {
		return
	}

	for i, c := range st.reply.chunks(req) {
		if i > 0 && !st.wait(st.reply.Gap) {
			return
		}

		content, _ := json.Marshal(c)
		if !st.line(`{"model":"fake","created_at":"2024-01-01T00:00:00Z","message":` +
			`{"role":"assistant","content":` + string(content) + `},"done":false}`) {
			return
		}

		if i == 0 && st.reply.Fault == FaultMalformed && !st.line(`{"model":"fake","message":`) {
			return
		}
	}

	switch st.reply.Fault {
	case FaultDisconnect:
		panic(http.ErrAbortHandler)
	case FaultErrorObject:
		st.line(`{"error":"scripted failure mid-stream"}`)
		return
	case FaultNoEnd:
		return
	}

	st.line(`{"model":"fake","created_at":"2024-01-01T00:00:00Z","message":{"role":"assistant",` +
		`"content":""},"done":true,"done_reason":"` + st.reply.finish() + `",` +
		`"total_duration":1000,"prompt_eval_count":5,"eval_count":3}`)
}

// ollamaEmbed answers /api/embed with Vector of its input.
func (s *Server) ollamaEmbed(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Model string          `json:"model"`
		Input json.RawMessage `json:"input"`
	}
	if err := decode(r, &body); err != nil {
		http.Error(w, `{"error":"bad request"}`, http.StatusBadRequest)
		return
	}

	var inputs []string
	var one string
	if json.Unmarshal(body.Input, &one) == nil {
		inputs = []string{one}
	} else if err := json.Unmarshal(body.Input, &inputs); err != nil {
		http.Error(w, `{"error":"bad input"}`, http.StatusBadRequest)
		return
	}

	s.record(Request{Path: r.URL.Path, Model: body.Model, Inputs: inputs})

	vecs := make([][]float32, len(inputs))
	for i, t := range inputs {
		vecs[i] = Vector(t)
	}

	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"model": body.Model, "embeddings": vecs})
}
