package main

import (
	"context"
	"io"
)

// evaluate scores the assistant's answers to a question file.
func evaluate(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	return nil
}
