package eval

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// Summary aggregates the scores of one kind, or of all.
type Summary struct {
	Kind   Kind    `json:"kind"`
	Count  int     `json:"count"`
	Passed int     `json:"passed"`
	Rate   float64 `json:"pass_rate"`

	// Recall and Precision are the mean facet recall and precision.
	Recall    float64 `json:"recall,omitempty"`
	Precision float64 `json:"precision,omitempty"`

	// SectionRate is the share of prose answers citing the gold section.
	SectionRate float64 `json:"section_rate,omitempty"`
}

// Report is the outcome of an evaluation.
type Report struct {
	Scores  []Score   `json:"scores"`
	ByKind  []Summary `json:"by_kind"`
	Overall Summary   `json:"overall"`
}

// NewReport aggregates scores by kind and overall.
func NewReport(scores []Score) Report {
	r := Report{Scores: scores}
	for _, k := range Kinds {
		if s := summarize(k, scores); s.Count > 0 {
			r.ByKind = append(r.ByKind, s)
		}
	}

	r.Overall = summarize("", scores)

	return r
}

// summarize aggregates the scores of kind k, or all scores when k is empty.
func summarize(k Kind, scores []Score) Summary {
	s := Summary{Kind: k}
	if k == "" {
		s.Kind = "overall"
	}

	var recall, precision float64
	var facets, prose, sections int
	for _, sc := range scores {
		if k != "" && sc.Kind != k {
			continue
		}

		s.Count++
		if sc.Pass {
			s.Passed++
		}

		switch sc.Kind {
		case KindFacet:
			facets++
			recall += sc.Recall
			precision += sc.Precision
		case KindProse:
			prose++
			if sc.Section {
				sections++
			}
		}
	}

	s.Rate = ratio(s.Passed, s.Count)
	if facets > 0 {
		s.Recall, s.Precision = recall/float64(facets), precision/float64(facets)
	}

	if prose > 0 {
		s.SectionRate = ratio(sections, prose)
	}

	return s
}

// Summary returns the summary of kind k, and whether any question has it.
func (r Report) Summary(k Kind) (Summary, bool) {
	for _, s := range r.ByKind {
		if s.Kind == k {
			return s, true
		}
	}

	return Summary{}, false
}

// WriteTable prints the failures and then the summary table.
func (r Report) WriteTable(w io.Writer) error {
	for _, sc := range r.Scores {
		if sc.Pass {
			continue
		}

		fmt.Fprintf(w, "FAIL %s (%s)", sc.ID, sc.Kind)
		if len(sc.Missing) > 0 {
			fmt.Fprintf(w, " missing=%q", sc.Missing)
		}

		if len(sc.Extra) > 0 {
			fmt.Fprintf(w, " extra=%q", sc.Extra)
		}

		fmt.Fprintln(w)
	}

	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "\nKIND\tN\tPASSED\tRATE\tRECALL\tPRECISION\tSECTION")
	for _, s := range append(r.ByKind, r.Overall) {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.2f\t%s\t%s\t%s\n", s.Kind, s.Count, s.Passed, s.Rate,
			optional(s.Recall), optional(s.Precision), optional(s.SectionRate))
	}

	return tw.Flush()
}

// optional renders a rate, or "-" when it does not apply.
func optional(v float64) string {
	if v == 0 {
		return "-"
	}

	return fmt.Sprintf("%.2f", v)
}
