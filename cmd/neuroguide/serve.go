package main

import (
	"context"
	"io"
)

// serve runs the web chat until ctx is cancelled.
func serve(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	return nil
}
