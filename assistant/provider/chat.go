package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/tmc/langchaingo/llms"
)

// The errors a Chat returns for a reply that did not arrive whole. Callers
// branch on them with errors.Is; a StatusError also matches ErrStatus.
var (
	// ErrUnreachable means the request never got a response: refused
	// connection, unknown host, TLS failure.
	ErrUnreachable = errors.New("model server unreachable")

	// ErrStatus means the server answered with an error status.
	ErrStatus = errors.New("model server error status")

	// ErrMalformed means a line of the stream was not the JSON it must be.
	ErrMalformed = errors.New("malformed chunk in the model's stream")

	// ErrServerError means the server sent an error object mid-stream.
	ErrServerError = errors.New("model server sent an error mid-stream")

	// ErrBroken means the stream ended before the reply was complete.
	ErrBroken = errors.New("model stream broke off")

	// ErrTruncated means the reply stopped at its token limit.
	ErrTruncated = errors.New("model reply reached its token limit")
)

// StatusError is an HTTP error status from the model server.
type StatusError struct {
	Code int
}

// Error implements error.
func (e *StatusError) Error() string {
	return fmt.Sprintf("model server answered HTTP %d %s", e.Code, http.StatusText(e.Code))
}

// Is makes a StatusError match ErrStatus.
func (e *StatusError) Is(target error) bool { return target == ErrStatus }

// Chat is a langchaingo chat model that checks its stream. It implements
// llms.Model and is safe for concurrent use.
type Chat struct {
	inner llms.Model
	kind  Kind
	model string
	opts  []llms.CallOption
}

var _ llms.Model = (*Chat)(nil)

// Kind returns the kind of server the model runs on.
func (c *Chat) Kind() Kind { return c.kind }

// Model returns the model's name.
func (c *Chat) Model() string { return c.model }

// GenerateContent implements llms.Model. Beyond langchaingo's own errors it
// returns ErrUnreachable, a StatusError, ErrMalformed, ErrServerError,
// ErrBroken or ErrTruncated when the reply did not arrive whole, and the
// cause of ctx when ctx ended, even where langchaingo returned no error.
func (c *Chat) GenerateContent(ctx context.Context, msgs []llms.MessageContent,
	options ...llms.CallOption) (*llms.ContentResponse, error) {
	w := &watch{wire: wireOf(c.kind)}
	opts := append(append([]llms.CallOption{}, c.opts...), options...)
	if fn := streamingFunc(opts); fn != nil {
		w.stream = true
		opts = append(opts, llms.WithStreamingFunc(w.recording(fn)))
	}

	resp, err := c.inner.GenerateContent(withWatch(ctx, w), msgs, opts...)

	return resp, w.judge(ctx, err)
}

// streamingFunc returns the streaming function the options set, if any.
func streamingFunc(opts []llms.CallOption) streamFunc {
	var co llms.CallOptions
	for _, o := range opts {
		o(&co)
	}

	return co.StreamingFunc
}

// recording wraps a streaming function so that the error it stops the stream
// with is returned as it is: langchaingo wraps it (openai) or not (ollama).
func (w *watch) recording(fn streamFunc) streamFunc {
	return func(ctx context.Context, chunk []byte) error {
		err := fn(ctx, chunk)
		if err != nil {
			w.mu.Lock()
			if w.callbackErr == nil {
				w.callbackErr = err
			}
			w.mu.Unlock()
		}

		return err
	}
}

// Call implements llms.Model.
func (c *Chat) Call(ctx context.Context, prompt string, options ...llms.CallOption) (
	string, error) {
	return llms.GenerateFromSinglePrompt(ctx, c, prompt, options...)
}

// streamFunc is langchaingo's streaming callback.
type streamFunc = func(ctx context.Context, chunk []byte) error

// wireOf returns the stream format a kind of server speaks.
func wireOf(k Kind) wire {
	if k == Ollama {
		return wireNDJSON
	}

	return wireSSE
}
