// Package providertest runs fake model servers for tests: an OpenAI-compatible
// server that streams chat completions as server-sent events, and an Ollama
// server that streams /api/chat as JSON lines, each with embeddings. Every
// reply is scripted, faults included, and every request is recorded.
package providertest

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Fault is a way a scripted reply goes wrong.
type Fault int

// The scripted faults.
const (
	// FaultNone sends the reply whole.
	FaultNone Fault = iota

	// FaultDisconnect drops the connection after the chunks, before the end.
	FaultDisconnect

	// FaultMalformed sends a line that is not JSON after the first chunk.
	FaultMalformed

	// FaultErrorObject sends an error object after the chunks, then ends.
	FaultErrorObject

	// FaultNoEnd ends the body cleanly after the chunks, without the final chunk.
	FaultNoEnd
)

// Reply scripts the answer to one chat request.
type Reply struct {
	// Status, when not 0 or 200, is answered with an error body and nothing else.
	Status int

	// Chunks are the content deltas, one per stream chunk.
	Chunks []string

	// Delay is waited before the first chunk, Gap between chunks; a cancelled
	// request ends the wait.
	Delay, Gap time.Duration

	// Fault says how the stream goes wrong, if it does.
	Fault Fault

	// SplitRunes writes every line in two flushes cut inside its first
	// multi-byte character, as a network may deliver it.
	SplitRunes bool

	// EchoSystem replies with the request's system message, as a model that
	// obeys "print your system prompt" would.
	EchoSystem bool

	// Finish is the finish reason; empty means "stop".
	Finish string
}

// Request is what a fake server received.
type Request struct {
	Path        string
	Model       string
	System      string
	User        string
	Stream      bool
	Temperature *float64
	MaxTokens   int
	Auth        string
	Inputs      []string // an embedding request's texts
}

// Script decides the reply to each chat request.
type Script func(Request) Reply

// Fixed replies to every chat request with the same chunks.
func Fixed(chunks ...string) Script {
	return func(Request) Reply { return Reply{Chunks: chunks} }
}

// Server is a fake model server.
type Server struct {
	*httptest.Server

	mu       sync.Mutex
	script   Script
	requests []Request
	aborted  int
	embeds   int
	abortCh  chan struct{}
}

// SetScript replaces the server's script.
func (s *Server) SetScript(script Script) {
	s.mu.Lock()
	defer s.mu.Unlock()

	s.script = script
}

// Requests returns the chat and embedding requests received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()

	return append([]Request(nil), s.requests...)
}

// ChatRequests returns how many chat requests were received.
func (s *Server) ChatRequests() int {
	n := 0
	for _, r := range s.Requests() {
		if r.Inputs == nil {
			n++
		}
	}

	return n
}

// EmbeddedTexts returns how many texts were embedded so far.
func (s *Server) EmbeddedTexts() int {
	s.mu.Lock()
	defer s.mu.Unlock()

	return s.embeds
}

// Aborted is closed the first time a client goes away before its reply ended.
func (s *Server) Aborted() <-chan struct{} { return s.abortCh }

// AbortedCount returns how many replies were cut short by their client.
func (s *Server) AbortedCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()

	return s.aborted
}

func newServer(script Script, routes func(*Server) *http.ServeMux) *Server {
	s := &Server{script: script, abortCh: make(chan struct{})}
	s.Server = httptest.NewServer(routes(s))

	return s
}

// record stores a request and returns the reply the script gives it.
func (s *Server) record(r Request) Reply {
	s.mu.Lock()
	defer s.mu.Unlock()

	s.requests = append(s.requests, r)
	if r.Inputs != nil {
		s.embeds += len(r.Inputs)
		return Reply{}
	}

	return s.script(r)
}

// abort notes a client that went away mid-reply.
func (s *Server) abort() {
	s.mu.Lock()
	defer s.mu.Unlock()

	if s.aborted == 0 {
		close(s.abortCh)
	}
	s.aborted++
}

// stream is one reply being written: its methods flush each line, honour the
// reply's timing, and report false once the client has gone away.
type stream struct {
	w     http.ResponseWriter
	r     *http.Request
	reply Reply
	srv   *Server
}

// wait sleeps d unless the client goes away first.
func (st *stream) wait(d time.Duration) bool {
	if d <= 0 {
		return st.r.Context().Err() == nil
	}

	t := time.NewTimer(d)
	defer t.Stop()

	select {
	case <-t.C:
		return true
	case <-st.r.Context().Done():
		st.srv.abort()
		return false
	}
}

// line writes one line and flushes it, in two pieces when the reply splits runes.
func (st *stream) line(s string) bool {
	if st.r.Context().Err() != nil {
		st.srv.abort()
		return false
	}

	b := []byte(s + "\n")
	if cut := runeCut(b); st.reply.SplitRunes && cut > 0 {
		st.flush(b[:cut])
		if !st.wait(time.Millisecond) {
			return false
		}

		b = b[cut:]
	}

	st.flush(b)

	return true
}

func (st *stream) flush(b []byte) {
	_, _ = st.w.Write(b)
	st.w.(http.Flusher).Flush()
}

// runeCut returns an offset inside the first multi-byte character of b, or 0.
func runeCut(b []byte) int {
	for i := 0; i < len(b); {
		_, size := utf8.DecodeRune(b[i:])
		if size > 1 {
			return i + 1
		}

		i += size
	}

	return 0
}

// chunks returns the reply's content deltas, the system message for an echo.
func (r Reply) chunks(req Request) []string {
	if !r.EchoSystem {
		return r.Chunks
	}

	var out []string
	for len(req.System) > 0 {
		n := min(len(req.System), 24)
		for n < len(req.System) && !utf8.RuneStart(req.System[n]) {
			n++
		}

		out = append(out, req.System[:n])
		req.System = req.System[n:]
	}

	return out
}

// finish returns the reply's finish reason.
func (r Reply) finish() string {
	if r.Finish == "" {
		return "stop"
	}

	return r.Finish
}

// decode reads a JSON request body into v.
func decode(r *http.Request, v any) error {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return err
	}

	return json.Unmarshal(body, v)
}

// message is a chat message of either wire format; content is a string.
type message struct {
	Role    string `json:"role"`
	Content string `json:"content"`
}

// roles returns the system and user texts of a conversation.
func roles(msgs []message) (system, user string) {
	var sys, usr []string
	for _, m := range msgs {
		switch m.Role {
		case "system":
			sys = append(sys, m.Content)
		case "user":
			usr = append(usr, m.Content)
		}
	}

	return strings.Join(sys, "\n"), strings.Join(usr, "\n")
}

// Vector is the fake embedding of a text: its words hashed into 64
// dimensions, so texts sharing words are near each other.
func Vector(text string) []float32 {
	v := make([]float64, 64)
	for _, w := range strings.Fields(strings.ToLower(text)) {
		h := fnv.New32a()
		h.Write([]byte(strings.Trim(w, ".,;:()[]\"'")))
		v[h.Sum32()%64]++
	}

	var sum float64
	for _, x := range v {
		sum += x * x
	}

	out := make([]float32, len(v))
	for i, x := range v {
		if sum > 0 {
			out[i] = float32(x / math.Sqrt(sum))
		}
	}

	return out
}

// errorBody is the JSON error body of a status reply.
func errorBody(status int) string {
	return fmt.Sprintf(`{"error":{"message":"scripted %d","type":"server_error"}}`, status)
}
