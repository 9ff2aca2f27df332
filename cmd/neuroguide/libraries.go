package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/neuroguide/neuroguide/corpus"
)

// libraries lists the review's records: a table, or with --json every field.
func libraries(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("libraries", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print all records as a JSON array")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		return unexpectedArgs(stderr, "libraries", usageLibraries, fs.Args())
	}

	review, err := corpus.Parse()
	if err != nil {
		return fmt.Errorf("parse review: %w", err)
	}

	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")

		return enc.Encode(review.Libraries)
	}

	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tCATEGORY\tTASK\tFRAMEWORK\tMAINTENANCE\tSOURCE")
	for _, l := range review.Libraries {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", l.Name, l.Category, corpus.Join(l.Tasks),
			corpus.Join(l.Frameworks), l.Maintenance, l.SourceURL())
	}

	return tw.Flush()
}
