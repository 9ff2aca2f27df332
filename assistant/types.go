package assistant

import (
	"context"
	"errors"
)

// Request is one question put to the assistant.
type Request struct {
	// ID is the client-chosen id of the question; it is echoed, never interpreted.
	ID string

	// Text is the question as the user typed it.
	Text string

	// Conversation names the conversation the question belongs to. The empty string
	// starts a conversation of its own with no earlier turns.
	Conversation string
}

// SourceKind says what a cited source is.
type SourceKind string

// The kinds of source an answer cites.
const (
	KindLibrary   SourceKind = "library"
	KindSection   SourceKind = "section"
	KindReference SourceKind = "reference"
)

// Source is one numbered source of an answer; the answer text cites it as [N].
type Source struct {
	N       int        `json:"n"`
	Kind    SourceKind `json:"kind"`
	Title   string     `json:"title,omitempty"`
	Library string     `json:"library,omitempty"`
	Section string     `json:"section,omitempty"`
	URL     string     `json:"url,omitempty"`
}

// Mode says who wrote an answer's wording.
type Mode string

// The modes of an answer.
const (
	ModeOffline Mode = "offline"
	ModeLLM     Mode = "llm"
)

// Result is the finished answer to one question.
type Result struct {
	// Answer is the whole answer text: the deltas sent to a Sink, joined.
	Answer string `json:"answer"`

	// Libraries names the records the answer cites, in citation order.
	Libraries []string `json:"libraries"`

	// Sources lists every source the answer cites; each [n] in Answer has one.
	Sources []Source `json:"sources"`

	// Mode says who wrote the wording.
	Mode Mode `json:"mode"`

	// Notice, when set, is a one-line explanation shown with the answer, such as
	// why the language model was not used.
	Notice string `json:"notice,omitempty"`

	// DroppedCitations lists markers a language model wrote that named no source.
	DroppedCitations []int `json:"dropped_citations,omitempty"`

	// UnknownLibraries lists names a language model wrote that the review lacks.
	UnknownLibraries []string `json:"unknown_libraries,omitempty"`

	// Misattributed lists markers a language model put after a library's name
	// that cite other libraries' records.
	Misattributed []Misattribution `json:"misattributed_citations,omitempty"`

	// UnsupportedNumbers lists numbers a language model wrote that none of
	// the texts it was given states: "900 stars" where the table gives 463.
	UnsupportedNumbers []string `json:"unsupported_numbers,omitempty"`

	// Conversation is the conversation the turn was recorded in.
	Conversation string `json:"conversation,omitempty"`
}

// Sink receives an answer's text as it is produced. An error stops the answer
// and is returned by Ask.
type Sink func(delta string) error

// Answerer answers questions about the review.
type Answerer interface {
	// Ask answers req, sending the answer text to sink as it is produced.
	Ask(ctx context.Context, req Request, sink Sink) (Result, error)
}

// ErrEmptyQuestion is returned for a question with no words in it.
var ErrEmptyQuestion = errors.New("empty question")
