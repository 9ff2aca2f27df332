package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/neuroguide/neuroguide/assistant"
)

// ask answers one question on the terminal, streaming the answer; with --json
// it prints the final result as one JSON object instead.
func ask(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the result (answer, libraries, sources) as JSON")
	words, err := parseInterspersed(fs, args)
	if err != nil {
		return errUsage
	}

	question := strings.Join(words, " ")
	if strings.TrimSpace(question) == "" {
		return usageError(stderr, "ask", usageAsk, "no question")
	}

	a, err := build(ctx, cfg, cfg.logger())
	if err != nil {
		return err
	}

	sink := func(delta string) error {
		_, err := io.WriteString(stdout, delta)
		return err
	}
	if *asJSON {
		sink = func(string) error { return nil }
	}

	res, err := a.assistant.Ask(ctx, assistant.Request{Text: question}, sink)
	if err != nil {
		return err
	}

	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")

		return enc.Encode(res)
	}

	if res.Notice != "" {
		fmt.Fprintf(stdout, "\n\nNote: %s", res.Notice)
	}

	printSources(stdout, res.Sources)

	return nil
}

// printSources lists an answer's sources under it.
func printSources(w io.Writer, sources []assistant.Source) {
	if len(sources) == 0 {
		fmt.Fprintln(w)
		return
	}

	fmt.Fprint(w, "\n\nSources:\n")
	for _, s := range sources {
		fmt.Fprintf(w, "[%d] %s", s.N, s.Title)
		if s.URL != "" {
			fmt.Fprintf(w, " <%s>", s.URL)
		}

		fmt.Fprintln(w)
	}
}
