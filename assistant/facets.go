package assistant

import (
	"slices"
	"strings"

	"github.com/neuroguide/neuroguide/corpus"
	"github.com/neuroguide/neuroguide/retrieval"
)

// subjectKinds are the facets that say what a question is about; a value of
// one of them makes a broad term of the question incidental ("microscopy
// images", "register brain scans").
var subjectKinds = []corpus.FacetKind{corpus.FacetDataType, corpus.FacetArea, corpus.FacetTask}

// negationReach is how many terms before a facet a negation may stand.
const negationReach = 4

// findFacets finds the vocabulary values in the question and builds its
// selection. Words that spell a named library are not facets, unless a
// longer phrase holds them ("built on DeepLabCut"); broad terms give way to
// specific ones; a value after a negation ("not PyTorch", "without a GUI") is
// excluded instead.
func (a *Assistant) findFacets(q *question) {
	q.found = a.vocab.Find(q.terms)
	var kept []corpus.Match
	for _, m := range q.found {
		if !withinName(m, q.inName) {
			kept = append(kept, m)
		}
	}

	kept = slices.DeleteFunc(kept, func(m corpus.Match) bool { return overridden(m, kept) })

	q.facets = kept
	q.sel = a.selection(q.terms, kept)
}

// overridden reports whether a broad match gives way to a specific one: a
// head noun of data ("images", "brain scans") to any specific subject, a
// loose task ("predict", "generate") only to a specific task ("outcome").
func overridden(m corpus.Match, all []corpus.Match) bool {
	if !m.Broad {
		return false
	}

	return slices.ContainsFunc(all, func(o corpus.Match) bool {
		if o.Broad || !slices.Contains(subjectKinds, o.Value.Kind) {
			return false
		}

		return m.Value.Kind != corpus.FacetTask || o.Value.Kind == corpus.FacetTask
	})
}

// withinName reports whether every term of a match spells a library name.
func withinName(m corpus.Match, inName []bool) bool {
	for _, span := range matchSpans(m) {
		for i := span[0]; i < span[1]; i++ {
			if !inName[i] {
				return false
			}
		}
	}

	return true
}

// matchSpans returns every span of terms a match covers.
func matchSpans(m corpus.Match) [][2]int {
	return append([][2]int{{m.Start, m.End}}, m.Extra...)
}

// selection combines the matches: kinds must all hold; values of one kind are
// alternatives when the question joins them with "or", else all must hold
// ("both a GUI and a CLI", "federated learning and aggregation").
func (a *Assistant) selection(terms []string, ms []corpus.Match) retrieval.Selection {
	sel := retrieval.Selection{Include: map[corpus.FacetKind][]*corpus.FacetValue{}}
	byKind := groupByKind(terms, ms, &sel)
	for _, kind := range corpus.FacetKinds {
		kms := byKind[kind]
		if len(kms) == 0 {
			continue
		}

		vals := make([]*corpus.FacetValue, len(kms))
		for i, m := range kms {
			vals[i] = m.Value
			if onlyNextTo(terms, m) {
				sel.Exclude = append(sel.Exclude, a.rivals(m.Value)...)
			}
		}

		if len(vals) == 1 || joinedByOr(terms, kms) || sameSpan(kms) {
			sel.Include[kind] = vals
			continue
		}

		sel.Include[kind] = vals[:1]
		sel.All = append(sel.All, vals[1:]...)
	}

	return sel
}

// kindMatches are matches grouped by facet kind.
type kindMatches map[corpus.FacetKind][]corpus.Match

// groupByKind groups the asked-for matches by kind, one per value, and adds
// the negated ones to the selection's exclusions.
func groupByKind(terms []string, ms []corpus.Match, sel *retrieval.Selection) kindMatches {
	byKind := kindMatches{}
	for _, m := range ms {
		switch negation(terms, m, ms) {
		case negIgnored:
			continue
		case negExcluded:
			if !slices.Contains(sel.Exclude, m.Value) {
				sel.Exclude = append(sel.Exclude, m.Value)
			}

			continue
		}

		if !slices.ContainsFunc(byKind[m.Value.Kind], func(o corpus.Match) bool {
			return o.Value == m.Value
		}) {
			byKind[m.Value.Kind] = append(byKind[m.Value.Kind], m)
		}
	}

	return byKind
}

// onlyNextTo reports whether "only" stands just before or after a match:
// "offline only", "only a GUI".
func onlyNextTo(terms []string, m corpus.Match) bool {
	return m.Start > 0 && terms[m.Start-1] == "only" || m.End < len(terms) && terms[m.End] == "only"
}

// rivals returns the other values of a value's kind whose table items
// neither include nor are included in its own: for "only Offline", Online;
// for "only Python", the other languages; never "Notebooks" for "only Colab
// notebooks", whose items are notebooks too.
func (a *Assistant) rivals(v *corpus.FacetValue) []*corpus.FacetValue {
	mine := a.itemsOf(v)
	var out []*corpus.FacetValue
	for i := range a.vocab.Values {
		o := &a.vocab.Values[i]
		if o == v || o.Kind != v.Kind {
			continue
		}

		theirs := a.itemsOf(o)
		if len(theirs) > 0 && !subset(mine, theirs) && !subset(theirs, mine) {
			out = append(out, o)
		}
	}

	return out
}

// itemsOf returns the set of table items of the records that a value covers.
func (a *Assistant) itemsOf(v *corpus.FacetValue) map[string]bool {
	out := map[string]bool{}
	for i := range a.review.Libraries {
		for _, it := range v.Kind.Items(&a.review.Libraries[i]) {
			if v.Covers(it) {
				out[strings.ToLower(it)] = true
			}
		}
	}

	return out
}

// subset reports whether every item of a is in b.
func subset(a, b map[string]bool) bool {
	for it := range a {
		if !b[it] {
			return false
		}
	}

	return true
}

// sameSpan reports whether the matches are one phrase naming several values
// ("cognition": cognitive or computational neuroscience), which are then
// alternatives.
func sameSpan(ms []corpus.Match) bool {
	for _, m := range ms[1:] {
		if m.Start != ms[0].Start || m.End != ms[0].End {
			return false
		}
	}

	return true
}

// joinedByOr reports whether "or" or "either" stands among matches of one kind.
func joinedByOr(terms []string, ms []corpus.Match) bool {
	lo, hi := len(terms), 0
	for _, m := range ms {
		lo, hi = min(lo, m.Start), max(hi, m.End)
	}

	if lo > 0 && slices.Contains(orWords, terms[lo-1]) {
		return true
	}

	return slices.ContainsFunc(terms[lo:hi], func(t string) bool {
		return slices.Contains(orWords, t)
	})
}

// negEffect is what a negation before a facet does to it.
type negEffect int

// The effects of a negation.
const (
	negNone     negEffect = iota // no negation: the facet is asked for
	negExcluded                  // "not PyTorch": records with it are excluded
	negIgnored                   // "not only the weights": neither asked for nor excluded
)

// negation tells whether a negation reaches the match: one of the few terms
// before it is a negator, with no other facet and no conjunction between
// ("EEG libraries that do not use PyTorch", "not built on TensorFlow"). "Not
// only X" asks for more than X, so X is dropped.
func negation(terms []string, m corpus.Match, all []corpus.Match) negEffect {
	for j := m.Start - 1; j >= max(0, m.Start-negationReach); j-- {
		t := terms[j]
		if slices.Contains(scopeBreaks, t) || coveredByOther(j, m, all) {
			return negNone
		}

		if slices.Contains(negators, t) {
			if j+1 < len(terms) && slices.Contains(notNegating, terms[j+1]) {
				return negIgnored
			}

			return negExcluded
		}

		for _, p := range negatorPairs {
			if j > 0 && terms[j-1] == p[0] && t == p[1] {
				return negExcluded
			}
		}
	}

	return negNone
}

// coveredByOther reports whether term i belongs to a match other than m.
func coveredByOther(i int, m corpus.Match, all []corpus.Match) bool {
	return slices.ContainsFunc(all, func(o corpus.Match) bool {
		return o.Start != m.Start && i >= o.Start && i < o.End
	})
}

// selectionKinds returns the facet kinds a selection includes, in answer order.
func selectionKinds(sel retrieval.Selection) []corpus.FacetKind {
	var out []corpus.FacetKind
	for _, k := range corpus.FacetKinds {
		_, inc := sel.Include[k]
		all := slices.ContainsFunc(sel.All, func(v *corpus.FacetValue) bool { return v.Kind == k })
		if inc || all {
			out = append(out, k)
		}
	}

	return out
}
