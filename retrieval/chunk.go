package retrieval

import (
	"fmt"
	"strings"

	"github.com/neuroguide/neuroguide/corpus"
	"github.com/tmc/langchaingo/textsplitter"
)

// ChunkKind says what a chunk holds.
type ChunkKind string

// The kinds of chunk in the index.
const (
	KindPassage ChunkKind = "passage"
	KindRecord  ChunkKind = "record"
)

// Chunk is one piece of text in the index.
type Chunk struct {
	ID   string    `json:"id"`
	Kind ChunkKind `json:"kind"`
	Text string    `json:"text"`

	// Section is the section a passage comes from; nil for a record.
	Section *corpus.Section `json:"-"`

	// Library is the record a card describes; nil for a passage.
	Library *corpus.Library `json:"-"`
}

// Default sizes of passages, in runes. A passage of about three sentences
// keeps one idea with enough context to quote.
const (
	DefaultChunkSize    = 600
	DefaultChunkOverlap = 120
)

// splitSeparators cut prose at paragraphs, lines, sentences, then words.
var splitSeparators = []string{"\n\n", "\n", ". ", "; ", ", ", " ", ""}

// buildChunks cuts the review's prose into passages and adds one card per record.
func buildChunks(r *corpus.Review, size, overlap int) ([]Chunk, error) {
	splitter := textsplitter.NewRecursiveCharacter(
		textsplitter.WithChunkSize(size),
		textsplitter.WithChunkOverlap(overlap),
		textsplitter.WithSeparators(splitSeparators),
	)

	var chunks []Chunk
	for i := range r.Sections {
		s := &r.Sections[i]
		for p, para := range s.Paragraphs {
			parts, err := splitter.SplitText(para)
			if err != nil {
				return nil, fmt.Errorf("split section %q: %w", s.Label(), err)
			}

			for k, text := range parts {
				id := fmt.Sprintf("%s/p%d/c%d", s.Anchor(), p, k)
				chunks = append(chunks, Chunk{ID: id, Kind: KindPassage, Text: text, Section: s})
			}
		}
	}

	for i := range r.Libraries {
		l := &r.Libraries[i]
		chunks = append(chunks, Chunk{ID: "library/" + l.ID, Kind: KindRecord,
			Text: l.Card(), Library: l})
	}

	return chunks, nil
}

// SectionLabel returns the label of a passage's section, or "" for a record.
func (c *Chunk) SectionLabel() string {
	if c.Section == nil {
		return ""
	}

	return c.Section.Label()
}

// contentTerms returns the terms of text that carry meaning: stop words dropped.
func contentTerms(text string) []string {
	all := corpus.Terms(text)
	out := all[:0]
	for _, t := range all {
		if !stopWords[t] {
			out = append(out, t)
		}
	}

	return out
}

// stopWords are English function words, in their stemmed form.
var stopWords = func() map[string]bool {
	words := strings.Fields(`a an the and or but if of to in on at by for with from as is are
		was were be been being it its this that these those there their they them he she we
		you your i me my our can could would should may might will shall do does did done
		not no so than then too very also such into over under about between through
		which what who whom whose when where why how all any each both few more most other
		some own same only just out up down off again further here once s t e.g i.e etc
		et al ha have has had having`)
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[corpus.Stem(w)] = true
	}

	return m
}()
