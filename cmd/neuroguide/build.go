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

// build parses the review, indexes it and makes the assistant, with the
// language and embedding models the settings name.
func build(ctx context.Context, cfg Config, log *slog.Logger) (*app, error) {
	review, err := corpus.Parse()
	if err != nil {
		return nil, fmt.Errorf("parse review: %w", err)
	}

	vocab, err := corpus.LoadVocabulary()
	if err != nil {
		return nil, err
	}

	embedder, err := cfg.embedder(log)
	if err != nil {
		return nil, err
	}

	index, err := newIndex(ctx, review, retrieval.Options{Vocabulary: vocab,
		Embedder: embedder, Logger: log.With("component", "retrieval")})
	if err != nil {
		return nil, err
	}

	llm, err := cfg.llm()
	if err != nil {
		return nil, err
	}

	a, err := assistant.New(assistant.Config{Review: review, Vocabulary: vocab, Index: index,
		Logger: log.With("component", "assistant"), LLM: llm})
	if err != nil {
		return nil, err
	}

	return &app{review: review, assistant: a}, nil
}

// newIndex indexes the review. When the embedding model of opts fails at
// start-up the offline embedder indexes the review instead: the assistant
// still answers, and the log says why.
func newIndex(
	ctx context.Context, r *corpus.Review, opts retrieval.Options,
) (*retrieval.Index, error) {
	if opts.Embedder != nil {
		index, err := retrieval.New(ctx, r, opts)
		if err == nil || ctx.Err() != nil {
			return index, err
		}

		opts.Logger.Warn("embedding model failed, indexing with the offline embedder",
			"err", err.Error())
		opts.Embedder = nil
	}

	index, err := retrieval.New(ctx, r, opts)
	if err != nil {
		return nil, fmt.Errorf("index review: %w", err)
	}

	return index, nil
}
