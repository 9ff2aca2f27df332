package eval

import (
	"context"
	"errors"
	"fmt"

	"github.com/neuroguide/neuroguide/assistant"
)

// Run asks every case through the answerer, each in a conversation of its own
// as a fresh websocket question is, and scores the answers.
func Run(ctx context.Context, a assistant.Answerer, s *Scorer, cases []Case) (Report, error) {
	scores := make([]Score, 0, len(cases))
	discard := func(string) error { return nil }
	for _, c := range cases {
		res, err := a.Ask(ctx, assistant.Request{ID: c.ID, Text: c.Question}, discard)
		if err != nil {
			return Report{}, fmt.Errorf("%s: %w", c.ID, err)
		}

		sc, err := s.Score(c, res)
		if err != nil {
			return Report{}, err
		}

		scores = append(scores, sc)
	}

	return NewReport(scores), nil
}

// ErrBelowThreshold is returned by Thresholds.Check when a score is under its threshold.
var ErrBelowThreshold = errors.New("score below threshold")

// Thresholds are the least scores a report must reach; a zero field accepts anything.
type Thresholds struct {
	FacetRecall    float64 // mean recall of facet questions
	FacetPrecision float64 // mean precision of facet questions
	Lookup         float64 // pass rate of lookup questions
	Aggregate      float64 // pass rate of aggregate questions
	Compare        float64 // pass rate of compare questions
	ProseSection   float64 // share of prose answers citing the gold section
	OutOfScope     float64 // share of out-of-scope questions declined
	Pass           float64 // overall pass rate
}

// Targets are the project's quality targets.
var Targets = Thresholds{FacetRecall: 0.95, FacetPrecision: 0.90, Lookup: 1, Aggregate: 1,
	ProseSection: 0.9, OutOfScope: 1}

// limit is one threshold: the summary of a kind, the figure read from it, the least value.
type limit struct {
	kind Kind
	name string
	got  func(Summary) float64
	min  float64
}

// limits lists the thresholds by kind.
func (t Thresholds) limits() []limit {
	rate := func(s Summary) float64 { return s.Rate }

	return []limit{
		{KindFacet, "facet recall", func(s Summary) float64 { return s.Recall }, t.FacetRecall},
		{KindFacet, "facet precision", func(s Summary) float64 { return s.Precision },
			t.FacetPrecision},
		{KindLookup, "lookup pass rate", rate, t.Lookup},
		{KindAggregate, "aggregate pass rate", rate, t.Aggregate},
		{KindCompare, "compare pass rate", rate, t.Compare},
		{KindProse, "prose section rate", func(s Summary) float64 { return s.SectionRate },
			t.ProseSection},
		{KindOutOfScope, "out-of-scope decline rate", rate, t.OutOfScope},
	}
}

// Check returns an error wrapping ErrBelowThreshold for every score of the
// report under its threshold; kinds the report lacks are not checked.
func (t Thresholds) Check(r Report) error {
	var errs []error
	for _, l := range t.limits() {
		s, ok := r.Summary(l.kind)
		if ok && l.got(s) < l.min {
			errs = append(errs, fmt.Errorf("%w: %s %.2f < %.2f", ErrBelowThreshold, l.name,
				l.got(s), l.min))
		}
	}

	if r.Overall.Rate < t.Pass {
		errs = append(errs, fmt.Errorf("%w: overall pass rate %.2f < %.2f", ErrBelowThreshold,
			r.Overall.Rate, t.Pass))
	}

	return errors.Join(errs...)
}
