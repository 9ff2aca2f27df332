package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/neuroguide/neuroguide/assistant"
	"github.com/neuroguide/neuroguide/corpus"
	"github.com/neuroguide/neuroguide/retrieval"
)

// app is the assembled assistant with the review it answers about.
type app struct {
	review    *corpus.Review
	assistant *assistant.Assistant
}

// build parses the review, indexes it and makes the assistant.
func build(ctx context.Context, log *slog.Logger) (*app, error) {
	review, err := corpus.Parse()
	if err != nil {
		return nil, fmt.Errorf("parse review: %w", err)
	}

	vocab, err := corpus.LoadVocabulary()
	if err != nil {
		return nil, err
	}

	index, err := retrieval.New(ctx, review, retrieval.Options{Vocabulary: vocab})
	if err != nil {
		return nil, fmt.Errorf("index review: %w", err)
	}

	a, err := assistant.New(assistant.Config{Review: review, Vocabulary: vocab, Index: index,
		Logger: log.With("component", "assistant")})
	if err != nil {
		return nil, err
	}

	return &app{review: review, assistant: a}, nil
}
