package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
)

// wire is the format of a streamed reply.
type wire int

// The stream formats: OpenAI's server-sent events and Ollama's JSON lines.
const (
	wireSSE wire = iota
	wireNDJSON
)

// watch is what the transport saw of one GenerateContent's HTTP exchange.
// The transport finds it in the request's context.
type watch struct {
	wire   wire
	stream bool // the caller asked for a streamed reply

	mu          sync.Mutex
	requested   bool
	unreachable error // the round trip failed
	status      int
	fault       error // the first malformed line or error object
	readErr     error // the body failed before its end
	closed      bool  // the client closed the body: later read errors are its own
	finish      string
	done        bool
	callbackErr error // the caller's streaming func stopped the stream
}

// watchKey is the context key of a request's watch.
type watchKey struct{}

// withWatch returns ctx carrying w for the transport.
func withWatch(ctx context.Context, w *watch) context.Context {
	return context.WithValue(ctx, watchKey{}, w)
}

// judge turns what the transport saw, and the error langchaingo returned,
// into the error of the reply. ctx is the caller's: when it ended, its cause
// wins, since langchaingo may then return nil with a partial reply.
func (w *watch) judge(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return context.Cause(ctx)
	}

	w.mu.Lock()
	defer w.mu.Unlock()

	switch {
	case w.callbackErr != nil:
		return w.callbackErr
	case w.unreachable != nil:
		return fmt.Errorf("%w: %w", ErrUnreachable, w.unreachable)
	case w.status != 0 && w.status != http.StatusOK:
		return &StatusError{Code: w.status}
	case w.fault != nil:
		return w.fault
	case w.readErr != nil:
		return fmt.Errorf("%w: %w", ErrBroken, w.readErr)
	case err != nil && !w.requested:
		return err
	case err != nil:
		return fmt.Errorf("%w: %w", ErrBroken, err)
	case w.finish == "length":
		return ErrTruncated
	case w.watching() && w.finish == "" && !w.done:
		return fmt.Errorf("%w: the reply ended without its final chunk", ErrBroken)
	}

	return nil
}

// watching reports whether the body is read line by line: every Ollama reply,
// and a streamed OpenAI one (a plain OpenAI reply is one JSON object).
func (w *watch) watching() bool { return w.wire == wireNDJSON || w.stream }

// setFault records the first fault of the stream.
func (w *watch) setFault(err error) {
	if w.fault == nil {
		w.fault = err
	}
}

// line checks one line of the body.
func (w *watch) line(b []byte) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return
	}

	w.mu.Lock()
	defer w.mu.Unlock()

	if w.wire == wireNDJSON {
		w.ndjsonLine(b)
		return
	}

	w.sseLine(b)
}

// sseLine checks an event-stream line: a data line must hold JSON or [DONE].
func (w *watch) sseLine(b []byte) {
	data, ok := bytes.CutPrefix(b, []byte("data:"))
	if !ok {
		return // comments, event:, id: and retry: lines
	}

	data = bytes.TrimSpace(data)
	if string(data) == "[DONE]" {
		w.done = true
		return
	}

	var chunk struct {
		Error   json.RawMessage `json:"error"`
		Choices []struct {
			FinishReason *string `json:"finish_reason"`
		} `json:"choices"`
	}
	if err := json.Unmarshal(data, &chunk); err != nil {
		w.setFault(fmt.Errorf("%w: %w", ErrMalformed, err))
		return
	}

	if len(chunk.Error) > 0 && string(chunk.Error) != "null" {
		w.setFault(fmt.Errorf("%w: %s", ErrServerError, errorText(chunk.Error)))
		return
	}

	if len(chunk.Choices) > 0 && chunk.Choices[0].FinishReason != nil {
		w.finish = *chunk.Choices[0].FinishReason
	}
}

// ndjsonLine checks a JSON line of Ollama's stream.
func (w *watch) ndjsonLine(b []byte) {
	var chunk struct {
		Error      string `json:"error"`
		Done       bool   `json:"done"`
		DoneReason string `json:"done_reason"`
	}
	if err := json.Unmarshal(b, &chunk); err != nil {
		w.setFault(fmt.Errorf("%w: %w", ErrMalformed, err))
		return
	}

	if chunk.Error != "" {
		w.setFault(fmt.Errorf("%w: %s", ErrServerError, chunk.Error))
		return
	}

	if chunk.Done {
		w.done = true
		w.finish = chunk.DoneReason
		if w.finish == "" {
			w.finish = "stop"
		}
	}
}

// errorText returns the message of an OpenAI error object, or the raw JSON.
func errorText(raw json.RawMessage) string {
	var e struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(raw, &e) == nil && e.Message != "" {
		return e.Message
	}

	return strings.Trim(string(raw), `"`)
}

// watchTransport records the HTTP exchange of a request that carries a watch
// and has its body checked line by line; other requests pass through.
type watchTransport struct {
	base http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t *watchTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	w, _ := req.Context().Value(watchKey{}).(*watch)
	resp, err := t.base.RoundTrip(req)
	if w == nil {
		return resp, err
	}

	w.mu.Lock()
	defer w.mu.Unlock()

	w.requested = true
	if err != nil {
		w.unreachable = err
		return nil, err
	}

	w.status = resp.StatusCode
	if resp.StatusCode == http.StatusOK && w.watching() {
		resp.Body = &watchedBody{body: resp.Body, w: w}
	}

	return resp, nil
}

// maxLine is the longest line a watched body buffers; both clients fail on
// longer ones anyway (openai at 64 KiB, ollama at 512 KB).
const maxLine = 1 << 20

// watchedBody passes a response body through, showing each line to its watch.
type watchedBody struct {
	body io.ReadCloser
	w    *watch
	buf  []byte
}

// Read implements io.Reader.
func (b *watchedBody) Read(p []byte) (int, error) {
	n, err := b.body.Read(p)
	b.feed(p[:n])

	switch {
	case errors.Is(err, io.EOF):
		if len(b.buf) > 0 {
			b.w.line(b.buf)
			b.buf = nil
		}
	case err != nil:
		b.w.mu.Lock()
		if !b.w.closed && b.w.readErr == nil {
			b.w.readErr = err
		}
		b.w.mu.Unlock()
	}

	return n, err
}

// feed splits what was read into lines.
func (b *watchedBody) feed(p []byte) {
	b.buf = append(b.buf, p...)
	for {
		i := bytes.IndexByte(b.buf, '\n')
		if i < 0 {
			break
		}

		b.w.line(b.buf[:i])
		b.buf = b.buf[i+1:]
	}

	if len(b.buf) > maxLine {
		b.w.mu.Lock()
		b.w.setFault(fmt.Errorf("%w: a line over %d bytes", ErrMalformed, maxLine))
		b.w.mu.Unlock()
		b.buf = nil
	}
}

// Close implements io.Closer.
func (b *watchedBody) Close() error {
	b.w.mu.Lock()
	b.w.closed = true
	b.w.mu.Unlock()

	return b.body.Close()
}
