package retrieval

import (
	"github.com/neuroguide/neuroguide/corpus"
)

// Selection picks records by facet: a record matches when, for every facet kind
// in Include, it has an item one of that kind's values covers, it has every
// value of All, and no item an Exclude value covers. Values of one kind in
// Include are alternatives ("EEG or MEG"); kinds must all hold ("EEG" and
// "PyTorch"), and so must the values of All ("both a GUI and a CLI").
type Selection struct {
	Include map[corpus.FacetKind][]*corpus.FacetValue
	All     []*corpus.FacetValue
	Exclude []*corpus.FacetValue

	// Only names the values asked for alone ("a CLI only"); the other values
	// of their kind are in Exclude. Only changes no match: it tells an
	// answer to say "CLI only" rather than list every exclusion.
	Only []*corpus.FacetValue

	// Conditions test the usage counts (stars, forks, contributors); all
	// must hold. A record whose count is missing meets none of them but
	// OpMissing.
	Conditions []Condition

	// Host, when it names hosts, tests where the record's source is kept.
	Host HostCondition
}

// Empty reports whether the selection names no facet at all.
func (s Selection) Empty() bool {
	return len(s.Include) == 0 && len(s.All) == 0 && len(s.Exclude) == 0 && !s.Conditional()
}

// Conditional reports whether the selection tests a usage count or a host.
func (s Selection) Conditional() bool {
	return len(s.Conditions) > 0 || len(s.Host.Hosts) > 0
}

// conditionsHold reports whether the record meets every condition and the
// host test.
func (s Selection) conditionsHold(l *corpus.Library) bool {
	for _, c := range s.Conditions {
		if !c.Holds(l) {
			return false
		}
	}

	return len(s.Host.Hosts) == 0 || s.Host.Holds(l)
}

// Matches reports whether a record is selected.
func (s Selection) Matches(l *corpus.Library) bool {
	for _, values := range s.Include {
		if !anyMatches(values, l) {
			return false
		}
	}

	for _, v := range s.All {
		if !v.Matches(l) {
			return false
		}
	}

	return !anyMatches(s.Exclude, l) && s.conditionsHold(l)
}

// anyMatches reports whether one of values matches the record.
func anyMatches(values []*corpus.FacetValue, l *corpus.Library) bool {
	for _, v := range values {
		if v.Matches(l) {
			return true
		}
	}

	return false
}

// Without returns the selection with the values of one facet kind dropped
// from Include and All; its conditions stay.
func (s Selection) Without(kind corpus.FacetKind) Selection {
	out := Selection{Include: map[corpus.FacetKind][]*corpus.FacetValue{}, Exclude: s.Exclude,
		Only: s.Only, Conditions: s.Conditions, Host: s.Host}
	for k, v := range s.Include {
		if k != kind {
			out.Include[k] = v
		}
	}

	for _, v := range s.All {
		if v.Kind != kind {
			out.All = append(out.All, v)
		}
	}

	return out
}

// Select returns every record the selection matches, in the review's order.
// It reads all 74 records, never a top k.
func (ix *Index) Select(s Selection) []*corpus.Library {
	var out []*corpus.Library
	for i := range ix.review.Libraries {
		if l := &ix.review.Libraries[i]; s.Matches(l) {
			out = append(out, l)
		}
	}

	return out
}
