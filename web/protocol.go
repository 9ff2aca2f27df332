package web

// This file defines every frame of the chat websocket protocol served at /ws.
//
// Each frame is one websocket text message holding one JSON object whose "type"
// field names the frame. A client sends AskFrame and CancelFrame; it may send
// HelloRequest, which the server answers with a HelloFrame saying what it serves,
// and, when the server keeps history (HelloFrame.History), HistoryFrame,
// ResumeFrame and FeedbackFrame. The server sends nothing unasked: a client that
// only asks sees only the frames of its asks. For every accepted ask the server
// sends, in this order:
//
//	StartFrame, DeltaFrame*, SourcesFrame, DoneFrame
//
// The texts of the DeltaFrames, joined, equal DoneFrame.Answer. When an ask fails
// or is cancelled, an ErrorFrame replaces the frames still to come (so the order
// is StartFrame, DeltaFrame*, ErrorFrame); a frame rejected before its ask started
// gets an ErrorFrame alone. Either way the connection stays open for more asks.
// Frames of different asks on one connection may interleave; the id tells them
// apart; an ask's StartFrame is sent before the server reads the next client
// frame, so it comes before the ErrorFrame of code CodeDuplicateID that refuses a
// later ask of the same id. Unknown fields in a client frame are ignored.
//
// Access: a websocket request the server refuses (Config.AllowedOrigins,
// Config.Token) gets HTTP 403 and no websocket. The browser's WebSocket API
// hides that status, so a client whose websocket fails before it opens may send
// a plain GET to the same URL, token included: the access check answers it
// before the upgrade check, with 403 and the text body "forbidden: <reason>",
// the reason one of "origin not allowed", "token missing" and "token wrong"
// (readable by any page: Access-Control-Allow-Origin is "*"), or, when access
// is granted, with 400, since the request is no websocket handshake. Same-origin
// GETs carry no Origin header, so such a probe finds token refusals of the
// server's own pages, and origin refusals only of pages of other origins. The
// widget's scripts (/widget.js, /static/...) fetched with the Origin header of a
// page not allowed get the same 403 and body, so that the widget can say why
// its chat cannot load.
//
// With history kept, an answer goes on when its client disconnects; the client
// gets it back after reconnecting by sending a ResumeFrame with the ask's id,
// and a reloaded page reads its conversation back with a HistoryFrame, which the
// server answers with a TurnsFrame.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/neuroguide/neuroguide/assistant"
)

// MaxIDBytes is the longest ask id, and the longest conversation id, that a
// client may send, in bytes.
const MaxIDBytes = 128

// FrameType is the value of a frame's "type" field.
type FrameType string

// The frame types a client sends.
const (
	// TypeAsk puts a question; see AskFrame.
	TypeAsk FrameType = "ask"

	// TypeCancel stops a running ask; see CancelFrame.
	TypeCancel FrameType = "cancel"

	// TypeHistory asks for a conversation's turns; see HistoryFrame.
	TypeHistory FrameType = "history"

	// TypeResume asks for an answer again after a reconnect; see ResumeFrame.
	TypeResume FrameType = "resume"

	// TypeFeedback rates an answer; see FeedbackFrame.
	TypeFeedback FrameType = "feedback"
)

// The frame types the server sends.
const (
	// TypeHello answers a HelloRequest; see HelloFrame.
	TypeHello FrameType = "hello"

	// TypeTurns answers a history frame; see TurnsFrame.
	TypeTurns FrameType = "turns"

	// TypeFeedbackSaved confirms a feedback frame; see FeedbackSavedFrame.
	TypeFeedbackSaved FrameType = "feedback_saved"

	// TypeStart says an ask was accepted; see StartFrame.
	TypeStart FrameType = "start"

	// TypeDelta carries a piece of answer text; see DeltaFrame.
	TypeDelta FrameType = "delta"

	// TypeSources lists the sources an answer cites; see SourcesFrame.
	TypeSources FrameType = "sources"

	// TypeDone ends a successful ask; see DoneFrame.
	TypeDone FrameType = "done"

	// TypeError reports a rejected frame or a failed ask; see ErrorFrame.
	TypeError FrameType = "error"
)

// ErrorCode is the machine-readable reason in an ErrorFrame.
type ErrorCode string

// The error codes of ErrorFrame.
const (
	// CodeBadFrame means the message was binary (only text frames of JSON are
	// accepted), was not valid UTF-8, was not a JSON object, or had a field of
	// the wrong JSON type, such as a numeric id; the message says which.
	CodeBadFrame ErrorCode = "bad_frame"

	// CodeUnknownType means the frame's type is not one a client may send.
	CodeUnknownType ErrorCode = "unknown_type"

	// CodeEmptyQuestion means the ask's text has no words in it.
	CodeEmptyQuestion ErrorCode = "empty_question"

	// CodeQuestionTooLong means the ask's text has more runes than the server accepts.
	CodeQuestionTooLong ErrorCode = "question_too_long"

	// CodeBadID means the frame's id (or an ask's conversation id) is missing, longer
	// than MaxIDBytes or not valid UTF-8.
	CodeBadID ErrorCode = "bad_id"

	// CodeDuplicateID means an ask reused the id of an ask still running on the
	// connection (or, with history kept, of a turn stored in the conversation).
	// The ErrorFrame carries that id and refuses only the new ask: the running
	// one goes on to its DoneFrame, or its own ErrorFrame, as if the new ask had
	// not come.
	CodeDuplicateID ErrorCode = "duplicate_id"

	// CodeCancelled means the ask was stopped by a cancel frame.
	CodeCancelled ErrorCode = "cancelled"

	// CodeInternal means the server failed to answer; the message says no more.
	CodeInternal ErrorCode = "internal"

	// CodeBusy means the connection already runs as many asks as the server allows.
	CodeBusy ErrorCode = "busy"

	// CodeRateLimited means the client asked more often than the server allows;
	// ErrorFrame.RetryAfter says when it may ask again.
	CodeRateLimited ErrorCode = "rate_limited"

	// CodeFrameTooLarge means the message was longer than HelloFrame.MaxFrameBytes;
	// it was skipped, and the connection stays usable. A message over four times
	// that closes the connection with code 1009 instead.
	CodeFrameTooLarge ErrorCode = "frame_too_large"

	// CodeTooManyConnections means the server, or this client, has as many
	// connections open as allowed; the server closes the connection with code
	// 1013 (try again later) after it.
	CodeTooManyConnections ErrorCode = "too_many_connections"

	// CodeInterrupted means the server shut down (stopped, maybe to restart)
	// while answering; the turn is kept as interrupted, and asking again works
	// once the server is back.
	CodeInterrupted ErrorCode = "interrupted"

	// CodeNoHistory means the server keeps no history, so history, resume and
	// feedback frames cannot be served.
	CodeNoHistory ErrorCode = "no_history"

	// CodeUnknownConversation means the conversation does not exist or belongs to
	// another user.
	CodeUnknownConversation ErrorCode = "unknown_conversation"

	// CodeUnknownTurn means the conversation has no turn of that id, or the
	// answer ended without history to keep it.
	CodeUnknownTurn ErrorCode = "unknown_turn"

	// CodeBadFeedback means a feedback frame's rating is not -1, 0 or 1, or its
	// comment is longer than HelloFrame.MaxCommentRunes.
	CodeBadFeedback ErrorCode = "bad_feedback"
)

// AskFrame is sent by a client to put a question.
//
//	{"type":"ask","id":"q1","text":"Which libraries handle EEG?","conversation":"9f2c..."}
type AskFrame struct {
	// Type is TypeAsk.
	Type FrameType `json:"type"`

	// ID is chosen by the client, 1 to MaxIDBytes bytes, and unique among the asks
	// running on the connection; an ask reusing the id of a running one is
	// refused with CodeDuplicateID. Every frame about this ask carries it.
	ID string `json:"id"`

	// Text is the question.
	Text string `json:"text"`

	// Conversation continues an earlier conversation when set; when empty the
	// server starts a new one and names it in StartFrame.Conversation.
	Conversation string `json:"conversation,omitempty"`
}

// CancelFrame is sent by a client to stop a running ask; the ask then ends with an
// ErrorFrame of code CodeCancelled. A cancel of an id that is not running (an
// ask that already ended, or none of that id) is ignored: no frame answers it.
// Only a cancel without a valid id gets an ErrorFrame, of code CodeBadID.
//
//	{"type":"cancel","id":"q1"}
type CancelFrame struct {
	// Type is TypeCancel.
	Type FrameType `json:"type"`

	// ID is the id of the ask to stop.
	ID string `json:"id"`
}

// HistoryFrame is sent by a client to read a conversation back, as a reloaded
// page does; the server answers with a TurnsFrame of the same id, or an
// ErrorFrame (CodeNoHistory, CodeUnknownConversation).
//
//	{"type":"history","id":"h1","conversation":"9f2c..."}
type HistoryFrame struct {
	// Type is TypeHistory.
	Type FrameType `json:"type"`

	// ID is chosen by the client and echoed in the reply.
	ID string `json:"id"`

	// Conversation is the conversation to read.
	Conversation string `json:"conversation"`
}

// ResumeFrame is sent by a client that reconnected while an ask of its was
// running. If the ask still runs, the server sends its StartFrame again, one
// DeltaFrame with all the text so far, and the rest of its frames as they come;
// if it ended, the server sends its frames as they would have come (start, one
// delta, sources, done, or an ErrorFrame with the code it ended with). An ask the
// server does not know gets an ErrorFrame of code CodeUnknownTurn.
//
//	{"type":"resume","id":"q1","conversation":"9f2c..."}
type ResumeFrame struct {
	// Type is TypeResume.
	Type FrameType `json:"type"`

	// ID is the ask's id.
	ID string `json:"id"`

	// Conversation is the ask's conversation, as its StartFrame named it.
	Conversation string `json:"conversation"`
}

// MaxCommentRunes is the longest comment a FeedbackFrame may carry, in runes.
const MaxCommentRunes = 2000

// FeedbackFrame rates an answer, thumbs up or down with an optional comment; a
// later one replaces it. The server stores it with the turn and answers with a
// FeedbackSavedFrame, or an ErrorFrame (CodeNoHistory, CodeUnknownTurn,
// CodeBadFeedback).
//
//	{"type":"feedback","id":"q1","conversation":"9f2c...","rating":1,"comment":"..."}
type FeedbackFrame struct {
	// Type is TypeFeedback.
	Type FrameType `json:"type"`

	// ID is the id of the rated ask.
	ID string `json:"id"`

	// Conversation is the ask's conversation.
	Conversation string `json:"conversation"`

	// Rating is 1 (thumbs up), -1 (thumbs down) or 0 (withdrawn).
	Rating int `json:"rating"`

	// Comment is optional, up to MaxCommentRunes runes.
	Comment string `json:"comment,omitempty"`
}

// ServerFrame is a frame the server sends: one of HelloFrame, StartFrame,
// DeltaFrame, SourcesFrame, DoneFrame, ErrorFrame, TurnsFrame and
// FeedbackSavedFrame.
type ServerFrame interface {
	serverFrame()
}

// HelloRequest is sent by a client, usually first on a connection, to learn what
// the server serves; the server answers with a HelloFrame. Its type is TypeHello.
//
//	{"type":"hello"}
type HelloRequest struct {
	// Type is TypeHello.
	Type FrameType `json:"type"`
}

// HelloFrame answers a HelloRequest: what the client may send.
//
//	{"type":"hello","session":"4be1...","history":true,"max_question_runes":2000,
//	 "max_frame_bytes":262144,"max_comment_runes":2000}
type HelloFrame struct {
	// Type is TypeHello.
	Type FrameType `json:"type"`

	// Session names the connection in the server's logs.
	Session string `json:"session"`

	// User is the user the institute's proxy named, when it named one.
	User string `json:"user,omitempty"`

	// History says whether the server keeps conversations: only then are
	// history, resume and feedback frames served.
	History bool `json:"history"`

	// MaxQuestionRunes is the longest question accepted, in runes.
	MaxQuestionRunes int `json:"max_question_runes"`

	// MaxFrameBytes is the longest message accepted, in bytes.
	MaxFrameBytes int64 `json:"max_frame_bytes"`

	// MaxCommentRunes is the longest feedback comment accepted, in runes.
	MaxCommentRunes int `json:"max_comment_runes"`
}

// TurnsFrame answers a HistoryFrame with the conversation's latest turns,
// oldest first.
//
//	{"type":"turns","id":"h1","conversation":"9f2c...","turns":[{"id":"q1",...}]}
type TurnsFrame struct {
	// Type is TypeTurns.
	Type FrameType `json:"type"`

	// ID is the history frame's id.
	ID string `json:"id"`

	// Conversation is the conversation read.
	Conversation string `json:"conversation"`

	// Turns is never null.
	Turns []Turn `json:"turns"`
}

// Turn is one stored question and its answer, in a TurnsFrame.
type Turn struct {
	// ID is the ask's id.
	ID string `json:"id"`

	// Question is the question asked.
	Question string `json:"question"`

	// Answer is the answer text; for a turn that did not finish, the part sent.
	Answer string `json:"answer"`

	// Sources lists the sources the answer cites; never null.
	Sources []Source `json:"sources"`

	// Libraries names the libraries the answer cites; never null.
	Libraries []string `json:"libraries"`

	// Mode and Notice are the done frame's.
	Mode   string `json:"mode,omitempty"`
	Notice string `json:"notice,omitempty"`

	// Status is "running" (send a ResumeFrame to follow it), "done", "failed",
	// "cancelled" or "interrupted".
	Status string `json:"status"`

	// Code is the error code of a turn that did not end with done.
	Code ErrorCode `json:"code,omitempty"`

	// Rating and Comment are the feedback given, if any.
	Rating  int    `json:"rating,omitempty"`
	Comment string `json:"comment,omitempty"`
}

// FeedbackSavedFrame confirms that a FeedbackFrame was stored.
//
//	{"type":"feedback_saved","id":"q1"}
type FeedbackSavedFrame struct {
	// Type is TypeFeedbackSaved.
	Type FrameType `json:"type"`

	// ID is the rated ask's id.
	ID string `json:"id"`
}

// StartFrame says an ask was accepted and is being answered.
//
//	{"type":"start","id":"q1","conversation":"9f2c..."}
type StartFrame struct {
	// Type is TypeStart.
	Type FrameType `json:"type"`

	// ID is the ask's id.
	ID string `json:"id"`

	// Conversation is the conversation the turn belongs to: the ask's, or a new
	// one the server assigned. A client sends it with its follow-up asks.
	Conversation string `json:"conversation"`
}

// DeltaFrame carries the next piece of an answer's text.
//
//	{"type":"delta","id":"q1","text":"EEGNet [1] is"}
type DeltaFrame struct {
	// Type is TypeDelta.
	Type FrameType `json:"type"`

	// ID is the ask's id.
	ID string `json:"id"`

	// Text is never empty.
	Text string `json:"text"`
}

// Source is one numbered source an answer cites as [N].
type Source struct {
	// N is the number of the source's marker in the answer text.
	N int `json:"n"`

	// Kind is "library", "section" or "reference".
	Kind string `json:"kind,omitempty"`

	// Title names the source for people.
	Title string `json:"title,omitempty"`

	// Library is the library (a row of the review's tables) the source is about.
	Library string `json:"library,omitempty"`

	// Section names the part of the review a section source is: a section's
	// label ("4.2. Libraries for Image Data"), "front matter", or the heading
	// of a back-matter statement ("Funding").
	Section string `json:"section,omitempty"`

	// URL links to the source; it may be relative to the server, such as
	// "/review#section-4.2" or "/review#statement-funding".
	URL string `json:"url,omitempty"`
}

// SourcesFrame lists the sources of an answer. It follows the last DeltaFrame.
//
//	{"type":"sources","id":"q1","sources":[{"n":1,"kind":"library","title":"EEGNet"}]}
type SourcesFrame struct {
	// Type is TypeSources.
	Type FrameType `json:"type"`

	// ID is the ask's id.
	ID string `json:"id"`

	// Sources is never null; it is empty when the answer cites nothing.
	Sources []Source `json:"sources"`
}

// DoneFrame ends a successful ask.
//
//	{"type":"done","id":"q1","answer":"EEGNet [1] is ...","libraries":["EEGNet"],
//	 "mode":"offline","conversation":"9f2c..."}
type DoneFrame struct {
	// Type is TypeDone.
	Type FrameType `json:"type"`

	// ID is the ask's id.
	ID string `json:"id"`

	// Answer is the whole answer: the texts of the ask's DeltaFrames, joined.
	Answer string `json:"answer"`

	// Libraries names the libraries the answer cites, in citation order; never null.
	Libraries []string `json:"libraries"`

	// Mode is "offline" or "llm": who wrote the answer's wording.
	Mode string `json:"mode"`

	// Notice, when set, is a one-line note to show with the answer.
	Notice string `json:"notice,omitempty"`

	// DroppedCitations lists markers the language model wrote that named no source.
	DroppedCitations []int `json:"dropped_citations,omitempty"`

	// UnknownLibraries lists names the language model wrote that the review lacks.
	UnknownLibraries []string `json:"unknown_libraries,omitempty"`

	// Misattributed lists markers the language model put right after a
	// library's name that cite only other libraries' records.
	Misattributed []assistant.Misattribution `json:"misattributed_citations,omitempty"`

	// UnsupportedNumbers lists numbers the language model wrote that none of
	// the texts it was given states.
	UnsupportedNumbers []string `json:"unsupported_numbers,omitempty"`

	// Conversation is the conversation the turn was recorded in.
	Conversation string `json:"conversation"`
}

// ErrorFrame reports a rejected frame or a failed ask. It ends the ask it names.
//
//	{"type":"error","id":"q1","code":"question_too_long","message":"..."}
type ErrorFrame struct {
	// Type is TypeError.
	Type FrameType `json:"type"`

	// ID is the id of the frame or ask the error is about; empty when the frame
	// was unreadable or its id is not one a client may send (over MaxIDBytes, or
	// not UTF-8), which is never echoed.
	ID string `json:"id"`

	// Code says what went wrong.
	Code ErrorCode `json:"code"`

	// Message explains the error to a person.
	Message string `json:"message"`

	// RetryAfter, for CodeRateLimited, is how many seconds to wait before asking
	// again.
	RetryAfter int `json:"retry_after,omitempty"`
}

func (HelloFrame) serverFrame()         {}
func (TurnsFrame) serverFrame()         {}
func (FeedbackSavedFrame) serverFrame() {}
func (StartFrame) serverFrame()         {}
func (DeltaFrame) serverFrame()         {}
func (SourcesFrame) serverFrame()       {}
func (DoneFrame) serverFrame()          {}
func (ErrorFrame) serverFrame()         {}

// envelope is the part of a client frame read before its type is known.
type envelope struct {
	Type FrameType `json:"type"`
	ID   string    `json:"id"`
}

// decodeObject decodes a client frame into v. Anything but one JSON object whose
// fields have the JSON types of v's fields is errBadFrame; a field of another
// type is a fieldTypeError, which names it.
func decodeObject(data []byte, v any) error {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return errBadFrame
	}

	err := json.Unmarshal(data, v)
	var ute *json.UnmarshalTypeError
	switch {
	case errors.As(err, &ute) && ute.Field != "":
		return fieldTypeError{field: ute.Field, want: jsonType(ute.Type)}
	case err != nil:
		return fmt.Errorf("%w: %w", errBadFrame, err)
	}

	return nil
}

func newStartFrame(id, conversation string) StartFrame {
	return StartFrame{Type: TypeStart, ID: id, Conversation: conversation}
}

func newDeltaFrame(id, text string) DeltaFrame {
	return DeltaFrame{Type: TypeDelta, ID: id, Text: text}
}

func newErrorFrame(id string, code ErrorCode, message string) ErrorFrame {
	return ErrorFrame{Type: TypeError, ID: id, Code: code, Message: message}
}

func newSourcesFrame(id string, sources []assistant.Source) SourcesFrame {
	return SourcesFrame{Type: TypeSources, ID: id, Sources: wireSources(sources)}
}

// wireSources returns an answer's sources as the protocol sends them; never nil.
func wireSources(sources []assistant.Source) []Source {
	wire := make([]Source, 0, len(sources))
	for _, s := range sources {
		wire = append(wire, Source{
			N:       s.N,
			Kind:    string(s.Kind),
			Title:   s.Title,
			Library: s.Library,
			Section: s.Section,
			URL:     s.URL,
		})
	}

	return wire
}

// mustJSON encodes v, a value of the protocol's types, which always encode.
func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("web: encode %T: %v", v, err))
	}

	return b
}

// newDoneFrame builds the done frame of an ask; answer is the text that was
// streamed, and conversation the one named in the ask's start frame.
func newDoneFrame(id, conversation, answer string, res assistant.Result) DoneFrame {
	libraries := res.Libraries
	if libraries == nil {
		libraries = []string{}
	}

	if res.Conversation != "" {
		conversation = res.Conversation
	}

	return DoneFrame{
		Type:               TypeDone,
		ID:                 id,
		Answer:             answer,
		Libraries:          libraries,
		Mode:               string(res.Mode),
		Notice:             res.Notice,
		DroppedCitations:   res.DroppedCitations,
		UnknownLibraries:   res.UnknownLibraries,
		Misattributed:      res.Misattributed,
		UnsupportedNumbers: res.UnsupportedNumbers,
		Conversation:       conversation,
	}
}
