package web

import (
	"context"
	"errors"
	"fmt"

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

// The errors of a frame that breaks the protocol.
var (
	errBadFrame        = errors.New("frame is not a JSON object")
	errUnknownType     = errors.New("unknown frame type")
	errQuestionTooLong = errors.New("question too long")
	errBadID           = errors.New("missing or too long id")
	errDuplicateID     = errors.New("id of a running ask")
	errCancelled       = errors.New("ask cancelled by the client")
)

// clientErrors lists, in the order they are tried, the errors a client is told
// about and what it is told; any other error is CodeInternal.
var clientErrors = []struct {
	err     error
	code    ErrorCode
	message string
}{
	{errBadFrame, CodeBadFrame, "The message is not a valid JSON frame."},
	{errUnknownType, CodeUnknownType, `The frame type is not "ask" or "cancel".`},
	{assistant.ErrEmptyQuestion, CodeEmptyQuestion, "The question is empty."},
	{errQuestionTooLong, CodeQuestionTooLong, ""}, // message names the limit
	{errBadID, CodeBadID, fmt.Sprintf("Ids must have 1 to %d bytes.", MaxIDBytes)},
	{errDuplicateID, CodeDuplicateID, "An answer with this id is still running."},
	{errCancelled, CodeCancelled, "The answer was stopped."},
	{context.Canceled, CodeCancelled, "The answer was stopped."},
	{ErrBusy, CodeBusy, "Too many answers are running; wait for one to finish."},
	{ErrRateLimited, CodeRateLimited, "Too many questions; wait a moment and retry."},
}

// clientError maps err to the code and message a client sees. Only errors listed
// in clientErrors are described; the text of any other error stays on the server.
func (s *Server) clientError(err error) (ErrorCode, string) {
	for _, ce := range clientErrors {
		if !errors.Is(err, ce.err) {
			continue
		}

		if ce.code == CodeQuestionTooLong {
			return ce.code, fmt.Sprintf("The question is longer than %d characters.",
				s.cfg.MaxQuestionRunes)
		}

		return ce.code, ce.message
	}

	return CodeInternal, "The assistant could not answer; please try again."
}
