package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/neuroguide/neuroguide/assistant"
	"github.com/neuroguide/neuroguide/assistant/eval"
)

// thresholds are the least scores eval accepts; zero accepts anything.
type thresholds struct {
	facetRecall, facetPrecision    float64
	lookup, aggregate, compare     float64
	proseSection, outOfScope, pass float64
}

// evaluate answers every question of a JSONL file through the assistant, as a
// websocket question is answered, scores the answers and prints a table by
// kind. It fails when a score is under its threshold.
func evaluate(ctx context.Context, cfg Config, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the report as JSON")
	var t thresholds
	fs.Float64Var(&t.facetRecall, "min-facet-recall", 0, "least mean recall of facet questions")
	fs.Float64Var(&t.facetPrecision, "min-facet-precision", 0,
		"least mean precision of facet questions")
	fs.Float64Var(&t.lookup, "min-lookup", 0, "least pass rate of lookup questions")
	fs.Float64Var(&t.aggregate, "min-aggregate", 0, "least pass rate of aggregate questions")
	fs.Float64Var(&t.compare, "min-compare", 0, "least pass rate of compare questions")
	fs.Float64Var(&t.proseSection, "min-prose-section", 0,
		"least share of prose answers citing the right section")
	fs.Float64Var(&t.outOfScope, "min-out-of-scope", 0,
		"least share of out-of-scope questions declined")
	fs.Float64Var(&t.pass, "min-pass", 0, "least overall pass rate")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: neuroguide eval [flags] FILE")
		return errUsage
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

	return t.check(report)
}

// runEval answers and scores every case, each in a conversation of its own.
func runEval(ctx context.Context, cfg Config, cases []eval.Case) (eval.Report, error) {
	a, err := build(ctx, cfg, cfg.logger())
	if err != nil {
		return eval.Report{}, err
	}

	scorer := eval.NewScorer(a.review)
	scores := make([]eval.Score, 0, len(cases))
	discard := func(string) error { return nil }
	for _, c := range cases {
		res, err := a.assistant.Ask(ctx, assistant.Request{ID: c.ID, Text: c.Question}, discard)
		if err != nil {
			return eval.Report{}, fmt.Errorf("%s: %w", c.ID, err)
		}

		sc, err := scorer.Score(c, res)
		if err != nil {
			return eval.Report{}, err
		}

		scores = append(scores, sc)
	}

	return eval.NewReport(scores), nil
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

// check compares the report with the thresholds.
func (t thresholds) check(r eval.Report) error {
	type limit struct {
		kind eval.Kind
		name string
		got  func(eval.Summary) float64
		min  float64
	}

	rate := func(s eval.Summary) float64 { return s.Rate }
	limits := []limit{
		{eval.KindFacet, "facet recall", func(s eval.Summary) float64 { return s.Recall },
			t.facetRecall},
		{eval.KindFacet, "facet precision", func(s eval.Summary) float64 { return s.Precision },
			t.facetPrecision},
		{eval.KindLookup, "lookup pass rate", rate, t.lookup},
		{eval.KindAggregate, "aggregate pass rate", rate, t.aggregate},
		{eval.KindCompare, "compare pass rate", rate, t.compare},
		{eval.KindProse, "prose section rate", func(s eval.Summary) float64 {
			return s.SectionRate
		}, t.proseSection},
		{eval.KindOutOfScope, "out-of-scope decline rate", rate, t.outOfScope},
	}

	for _, l := range limits {
		s, ok := r.Summary(l.kind)
		if ok && l.got(s) < l.min {
			return fmt.Errorf("%w: %s %.2f < %.2f", errBelowThreshold, l.name, l.got(s), l.min)
		}
	}

	if r.Overall.Rate < t.pass {
		return fmt.Errorf("%w: overall pass rate %.2f < %.2f", errBelowThreshold,
			r.Overall.Rate, t.pass)
	}

	return nil
}
