package web

import (
	"context"
	"errors"
	"fmt"
	"math"
	"reflect"
	"time"

	"github.com/neuroguide/neuroguide/assistant"
)

// ErrBusy is returned, wrapped, by a limit that refuses an ask because the server
// or the connection has too much work; the client sees code CodeBusy. An
// Answerer, or a wrapper around one, may return it too.
var ErrBusy = errors.New("too many answers running")

// ErrRateLimited is returned, wrapped, by a limit that refuses an ask because the
// client asks too often; the client sees code CodeRateLimited. An Answerer, or a
// wrapper around one, may return it too.
var ErrRateLimited = errors.New("too many questions")

// The errors of a frame that breaks the protocol or cannot be served.
var (
	errBadFrame            = errors.New("frame is not a JSON object")
	errUnknownType         = errors.New("unknown frame type")
	errQuestionTooLong     = errors.New("question too long")
	errBadID               = errors.New("missing, too long or not UTF-8 id")
	errDuplicateID         = errors.New("id of a running or stored ask")
	errCancelled           = errors.New("ask cancelled by the client")
	errFrameTooLarge       = errors.New("frame too large")
	errTooManyConns        = errors.New("too many connections")
	errShuttingDown        = errors.New("server shutting down")
	errClientGone          = errors.New("client disconnected")
	errNoHistory           = errors.New("no history kept")
	errUnknownConversation = errors.New("unknown conversation")
	errUnknownTurn         = errors.New("unknown turn")
	errBadFeedback         = errors.New("bad feedback")
)

// The kinds of errBadFrame a client is told apart.
var (
	errBinaryFrame = fmt.Errorf("%w: binary message", errBadFrame)
	errNotUTF8     = fmt.Errorf("%w: text message not valid UTF-8", errBadFrame)
)

// fieldTypeError is errBadFrame for a field of a client frame whose JSON type
// is not the one the protocol gives it, such as a numeric id.
type fieldTypeError struct {
	field string // the field's JSON name
	want  string // its JSON type, with an article: "a string"
}

func (e fieldTypeError) Error() string {
	return fmt.Sprintf("%v: field %s is not %s", errBadFrame, e.field, e.want)
}

func (e fieldTypeError) Unwrap() error { return errBadFrame }

// jsonType names, with an article, the JSON type that decodes into t.
func jsonType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Struct, reflect.Map:
		return "an object"
	}

	return "of another JSON type"
}

// retryError is ErrRateLimited with the time until the client may ask again.
type retryError struct {
	wait time.Duration
}

func (e retryError) Error() string {
	return fmt.Sprintf("%v: retry in %v", ErrRateLimited, e.wait)
}

func (e retryError) Unwrap() error { return ErrRateLimited }

// clientErrors lists, in the order they are tried, the errors a client is told
// about and what it is told; any other error is CodeInternal.
var clientErrors = []struct {
	err     error
	code    ErrorCode
	message string
}{
	{errBinaryFrame, CodeBadFrame,
		"Binary frames are not accepted; send each frame as JSON in a text frame."},
	{errNotUTF8, CodeBadFrame, "The message is not valid UTF-8."},
	{errBadFrame, CodeBadFrame, "The message is not a JSON object."},
	{errUnknownType, CodeUnknownType, "The frame type is not one a client may send."},
	{assistant.ErrEmptyQuestion, CodeEmptyQuestion, "The question is empty."},
	{errQuestionTooLong, CodeQuestionTooLong, ""}, // message names the limit
	{assistant.ErrQuestionTooLong, CodeQuestionTooLong, ""},
	{errBadID, CodeBadID, fmt.Sprintf("Ids must have 1 to %d bytes of UTF-8.", MaxIDBytes)},
	{errDuplicateID, CodeDuplicateID, "This id is already used by another question."},
	{errCancelled, CodeCancelled, "The answer was stopped."},
	{errClientGone, CodeCancelled, "The answer was stopped: the client disconnected."},
	{errShuttingDown, CodeInterrupted,
		"The server shut down while answering; ask again once it is back."},
	{context.Canceled, CodeCancelled, "The answer was stopped."},
	{ErrBusy, CodeBusy, "Too many answers are running; wait for one to finish."},
	{ErrRateLimited, CodeRateLimited, "Too many questions; wait a moment and retry."},
	{errFrameTooLarge, CodeFrameTooLarge, ""}, // message names the limit
	{errTooManyConns, CodeTooManyConnections,
		"Too many chats are open; close one or try again later."},
	{errNoHistory, CodeNoHistory, "This server keeps no history."},
	{errUnknownConversation, CodeUnknownConversation, "There is no such conversation."},
	{errUnknownTurn, CodeUnknownTurn, "There is no answer with this id to show."},
	{errBadFeedback, CodeBadFeedback, fmt.Sprintf(
		"The rating must be -1, 0 or 1 and the comment at most %d characters.",
		MaxCommentRunes)},
}

// errorFrame returns the frame that tells a client about err. Only errors listed
// in clientErrors are described; the text of any other error stays on the server.
// An id no client may send is not echoed: the frame names no id.
func (s *Server) errorFrame(id string, err error) ErrorFrame {
	if !validID(id) {
		id = ""
	}

	code, message := s.clientError(err)
	f := newErrorFrame(id, code, message)

	var re retryError
	if errors.As(err, &re) {
		f.RetryAfter = int(math.Ceil(re.wait.Seconds()))
	}

	return f
}

// clientError maps err to the code and message a client sees.
func (s *Server) clientError(err error) (ErrorCode, string) {
	var fe fieldTypeError
	if errors.As(err, &fe) {
		return CodeBadFrame, fmt.Sprintf("The %s must be %s.", fe.field, fe.want)
	}

	for _, ce := range clientErrors {
		if !errors.Is(err, ce.err) {
			continue
		}

		switch ce.code {
		case CodeQuestionTooLong:
			return ce.code, fmt.Sprintf("The question is longer than %d characters.",
				s.cfg.MaxQuestionRunes)
		case CodeFrameTooLarge:
			return ce.code, fmt.Sprintf("The message is longer than %d bytes.",
				s.cfg.MaxFrameBytes)
		}

		return ce.code, ce.message
	}

	return CodeInternal, "The assistant could not answer; please try again."
}
