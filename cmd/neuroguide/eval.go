package main

import (
	"context"
	"encoding/json"
	"flag"
	"io"

	"github.com/neuroguide/neuroguide/assistant/eval"
)

// evaluate answers every question of a JSONL file through the assistant, as a
// websocket question is answered, scores the answers and prints a table by
// kind. It fails when a score is under its threshold.
func evaluate(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	var t eval.Thresholds
	fs.Float64Var(&t.FacetRecall, "min-facet-recall", 0, "least mean recall of facet questions")
	fs.Float64Var(&t.FacetPrecision, "min-facet-precision", 0,
		"least mean precision of facet questions")
	fs.Float64Var(&t.Lookup, "min-lookup", 0, "least pass rate of lookup questions")
	fs.Float64Var(&t.Aggregate, "min-aggregate", 0, "least pass rate of aggregate questions")
	fs.Float64Var(&t.Compare, "min-compare", 0, "least pass rate of compare questions")
	fs.Float64Var(&t.ProseSection, "min-prose-section", 0,
		"least share of prose answers citing the right section")
	fs.Float64Var(&t.OutOfScope, "min-out-of-scope", 0,
		"least share of out-of-scope questions declined")
	fs.Float64Var(&t.Pass, "min-pass", 0, "least overall pass rate")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	switch {
	case fs.NArg() == 0:
		return usageError(stderr, "eval", usageEval, "no question file")
	case fs.NArg() > 1:
		return unexpectedArgs(stderr, "eval", usageEval, fs.Args()[1:])
	}

	cases, err := eval.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}

	report, err := runEval(ctx, cfg, cases)
	if err != nil {
		return err
	}

	if err := printReport(stdout, report, *asJSON); err != nil {
		return err
	}

	return t.Check(report)
}

// runEval answers and scores every case, each in a conversation of its own.
func runEval(ctx context.Context, cfg Config, cases []eval.Case) (eval.Report, error) {
	a, err := build(ctx, cfg, cfg.logger())
	if err != nil {
		return eval.Report{}, err
	}

	return eval.Run(ctx, a.assistant, eval.NewScorer(a.review), cases)
}

// printReport prints the report as a table or as JSON.
func printReport(w io.Writer, r eval.Report, asJSON bool) error {
	if !asJSON {
		return r.WriteTable(w)
	}

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")

	return enc.Encode(r)
}
