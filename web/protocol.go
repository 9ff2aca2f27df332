package web

// This file defines every frame of the chat websocket protocol served at /ws.
//
// Each frame is one websocket text message holding one JSON object whose "type"
// field names the frame. A client sends AskFrame and CancelFrame. For every
// accepted ask the server sends, in this order:
//
//	StartFrame, DeltaFrame*, SourcesFrame, DoneFrame
//
// The texts of the DeltaFrames, joined, equal DoneFrame.Answer. When an ask fails
// or is cancelled, an ErrorFrame replaces the frames still to come (so the order
// is StartFrame, DeltaFrame*, ErrorFrame); a frame rejected before its ask started
// gets an ErrorFrame alone. Either way the connection stays open for more asks.
// Frames of different asks on one connection may interleave; the id tells them
// apart. Unknown fields in a client frame are ignored.

import (
	"bytes"
	"encoding/json"
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
)

// The frame types the server sends.
const (
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
	// CodeBadFrame means the message was not a JSON object, was binary, or had a field
	// of the wrong JSON type.
	CodeBadFrame ErrorCode = "bad_frame"

	// CodeUnknownType means the frame's type is not one a client may send.
	CodeUnknownType ErrorCode = "unknown_type"

	// CodeEmptyQuestion means the ask's text has no words in it.
	CodeEmptyQuestion ErrorCode = "empty_question"

	// CodeQuestionTooLong means the ask's text has more runes than the server accepts.
	CodeQuestionTooLong ErrorCode = "question_too_long"

	// CodeBadID means the frame's id (or an ask's conversation id) is missing or longer
	// than MaxIDBytes.
	CodeBadID ErrorCode = "bad_id"

	// CodeDuplicateID means an ask reused the id of an ask still running on the
	// connection.
	CodeDuplicateID ErrorCode = "duplicate_id"

	// CodeCancelled means the ask was stopped by a cancel frame.
	CodeCancelled ErrorCode = "cancelled"

	// CodeInternal means the server failed to answer; the message says no more.
	CodeInternal ErrorCode = "internal"

	// CodeBusy means the connection already runs as many asks as the server allows.
	CodeBusy ErrorCode = "busy"

	// CodeRateLimited means the client asked more often than the server allows.
	CodeRateLimited ErrorCode = "rate_limited"
)

// AskFrame is sent by a client to put a question.
//
//	{"type":"ask","id":"q1","text":"Which libraries handle EEG?","conversation":"9f2c..."}
type AskFrame struct {
	// Type is TypeAsk.
	Type FrameType `json:"type"`

	// ID is chosen by the client, 1 to MaxIDBytes bytes, and unique among the asks
	// running on the connection. Every frame about this ask carries it.
	ID string `json:"id"`

	// Text is the question.
	Text string `json:"text"`

	// Conversation continues an earlier conversation when set; when empty the
	// server starts a new one and names it in StartFrame.Conversation.
	Conversation string `json:"conversation,omitempty"`
}

// CancelFrame is sent by a client to stop a running ask; the ask then ends with an
// ErrorFrame of code CodeCancelled. Cancelling an ask that already ended does
// nothing.
//
//	{"type":"cancel","id":"q1"}
type CancelFrame struct {
	// Type is TypeCancel.
	Type FrameType `json:"type"`

	// ID is the id of the ask to stop.
	ID string `json:"id"`
}

// ServerFrame is a frame the server sends: one of StartFrame, DeltaFrame,
// SourcesFrame, DoneFrame and ErrorFrame.
type ServerFrame interface {
	serverFrame()
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

	// Section is the number of the review's section, such as "4.2".
	Section string `json:"section,omitempty"`

	// URL links to the source; it may be relative to the server, such as
	// "/review#section-4.2".
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
	// was unreadable.
	ID string `json:"id"`

	// Code says what went wrong.
	Code ErrorCode `json:"code"`

	// Message explains the error to a person.
	Message string `json:"message"`
}

func (StartFrame) serverFrame()   {}
func (DeltaFrame) serverFrame()   {}
func (SourcesFrame) serverFrame() {}
func (DoneFrame) serverFrame()    {}
func (ErrorFrame) serverFrame()   {}

// envelope is the part of a client frame read before its type is known.
type envelope struct {
	Type FrameType `json:"type"`
	ID   string    `json:"id"`
}

// decodeObject decodes a client frame into v. Anything but one JSON object whose
// fields have the JSON types of v's fields is errBadFrame.
func decodeObject(data []byte, v any) error {
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return errBadFrame
	}

	if err := json.Unmarshal(data, v); err != nil {
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

	return SourcesFrame{Type: TypeSources, ID: id, Sources: wire}
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
		Type:             TypeDone,
		ID:               id,
		Answer:           answer,
		Libraries:        libraries,
		Mode:             string(res.Mode),
		Notice:           res.Notice,
		DroppedCitations: res.DroppedCitations,
		UnknownLibraries: res.UnknownLibraries,
		Conversation:     conversation,
	}
}
