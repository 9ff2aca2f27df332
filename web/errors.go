package web

import (
	"context"
	"errors"
	"fmt"
	"math"
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
	{errBadFrame, CodeBadFrame, "The message is not a valid JSON frame."},
	{errUnknownType, CodeUnknownType, "The frame type is not one a client may send."},
	{assistant.ErrEmptyQuestion, CodeEmptyQuestion, "The question is empty."},
	{errQuestionTooLong, CodeQuestionTooLong, ""}, // message names the limit
	{assistant.ErrQuestionTooLong, CodeQuestionTooLong, ""},
	{errBadID, CodeBadID, fmt.Sprintf("Ids must have 1 to %d bytes of UTF-8.", MaxIDBytes)},
	{errDuplicateID, CodeDuplicateID, "This id is already used by another question."},
	{errCancelled, CodeCancelled, "The answer was stopped."},
	{errShuttingDown, CodeInterrupted,
		"The server restarted before the answer was finished; please ask again."},
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
