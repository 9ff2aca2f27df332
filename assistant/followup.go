package assistant

import (
	"slices"

	"github.com/neuroguide/neuroguide/corpus"
)

// Words that point back at the previous answer, stemmed.
var (
	backRefs    = stems("those these them above listed previous among")
	restWords   = stems("other others rest remaining remainder")
	pronounRefs = stems("it its itself")

	// followUpWords ask for more about an earlier answer: "tell me more about
	// the second one", "what about the last one?".
	followUpWords = stems("more last next about detail details")
	ordinals      = map[string]int{
		"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
		"seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3,
		"4th": 4, "5th": 5,
	}
)

// applyFollowUp resolves a question against the previous turn of its
// conversation: "which of those use PyTorch?" filters the previous answer's
// libraries, "the second one" names its second library, "and the others?"
// asks for the rest of the set it was filtered from, and "is it maintained?"
// asks about the one library it was about.
func (a *Assistant) applyFollowUp(q *question, prev *turn) {
	if q.intent == intentDecline || q.intent == intentSmallTalk || compareFollowUp(q, prev) ||
		len(q.names) > 0 {
		return
	}

	if prev == nil || len(prev.shown) == 0 {
		q.noEarlier = pointsBack(q)
		return
	}

	if q.intent == intentCitation {
		a.citationFollowUp(q, prev)
		return
	}

	// The words of a condition point at nothing: "other than GitHub".
	terms := restTerms(q)
	switch {
	case placeBeyond(q.terms, len(prev.shown)):
		q.beyond = prev.shown
	case ordinalOf(q.terms, len(prev.shown)) > 0:
		l := prev.shown[ordinalOf(q.terms, len(prev.shown))-1]
		lookupFollowUp(q, l, prev.shown)
	case hasAny(terms, restWords) && len(prev.compared) > 0:
		// "compare the first two", then "and the others?": the rest of the
		// list they were picked from.
		q.within = minus(prev.shown, prev.compared)
		q.intent = intentList
		q.others = &others{before: prev.compared, from: len(prev.shown)}
	case hasAny(terms, restWords) && len(prev.base) > len(prev.shown):
		q.within = minus(prev.base, prev.shown)
		q.intent = intentList
		q.others = &others{before: prev.shown, from: len(prev.base)}
	case hasAny(terms, restWords) && len(a.review.Libraries) > len(prev.shown):
		// The earlier answer covered its whole set (one library, a
		// comparison): the others are the rest of the review.
		q.within = minus(a.scope(&question{}), prev.shown)
		q.intent = intentList
		q.others = &others{before: prev.shown, from: len(a.review.Libraries)}
	case hasAny(q.terms, backRefs) || whichOnes(q):
		q.within = prev.shown
		a.reclassifyWithin(q)
	case a.sibling(q, prev) && len(prev.base) < len(a.review.Libraries):
		// "which of those use PyTorch?", then "and which use TensorFlow?":
		// the same earlier set, another filter.
		q.within, q.sibling = prev.base, true
		a.reclassifyWithin(q)
	case a.sibling(q, prev):
		// "Which libraries do pose estimation?", then "and which use
		// TensorFlow?": the list, filtered.
		q.within = prev.shown
		a.reclassifyWithin(q)
	case hasAny(q.terms, pronounRefs) && prev.about() != nil:
		from := prev.base
		if len(prev.shown) > 1 {
			from = prev.shown
		}

		lookupFollowUp(q, prev.about(), from)
	case hasAny(q.terms, pronounRefs) && len(prev.shown) > 1 && len(q.facets) == 0 &&
		len(lookupFieldsOf(q.fields)) > 0:
		// "how many stars does it have?" after a list: which one?
		q.beyond, q.ambiguous = prev.shown, true
	}
}

// compareFollowUp reads a comparison that points at an earlier answer's
// libraries: "compare the first two", "compare the first and the third",
// "compare DeepLabCut with the second one", "compare it with DeepLabCut". It
// adds the libraries pointed at to those the question names, in the order
// the question writes them, and reports whether it made a comparison.
func compareFollowUp(q *question, prev *turn) bool {
	if prev == nil || !hasAny(q.terms, compareCues) {
		return false
	}

	at, picked := -1, pickedByOrdinals(q.terms, prev.shown)
	if len(picked) > 0 {
		at = slices.IndexFunc(q.terms, func(t string) bool {
			_, ok := ordinals[t]
			return ok || t == "last" || t == "top"
		})
	} else if l := prev.about(); l != nil && hasAny(q.terms, pronounRefs) {
		picked = []*corpus.Library{l}
		at = slices.IndexFunc(q.terms, func(t string) bool { return slices.Contains(pronounRefs, t) })
	}

	before := namedBefore(q, at)
	groups := slices.Clone(before)
	for _, l := range picked {
		if !slices.ContainsFunc(q.names, func(g []*corpus.Library) bool { return g[0] == l }) {
			groups = append(groups, []*corpus.Library{l})
		}
	}

	groups = append(groups, q.names[len(before):]...)
	if len(picked) == 0 || len(groups) < 2 {
		return false
	}

	q.names = groups
	q.intent = intentCompare

	return true
}

// namedBefore returns the name groups the question writes before term at.
func namedBefore(q *question, at int) [][]*corpus.Library {
	n := 0
	for n < len(q.mentions) && n < len(q.names) && q.mentions[n].start < at {
		n++
	}

	return q.names[:n]
}

// pickCounts are the small numbers of "the first two", "the last three".
var pickCounts = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3,
	"4": 4, "5": 5}

// pickedByOrdinals returns the libraries of shown that ordinals point at:
// "the first and the third", "the first two", "the last two", "the top 3".
func pickedByOrdinals(terms []string, shown []*corpus.Library) []*corpus.Library {
	var out []*corpus.Library
	add := func(k int) {
		if k >= 1 && k <= len(shown) && !slices.Contains(out, shown[k-1]) {
			out = append(out, shown[k-1])
		}
	}

	for i, t := range terms {
		k, ok := 0, false
		if i+1 < len(terms) {
			k, ok = pickCounts[terms[i+1]]
		}

		switch {
		case ok && (t == "first" || t == "top"):
			for j := 1; j <= k; j++ {
				add(j)
			}
		case ok && t == "last":
			for j := len(shown) - k + 1; j <= len(shown); j++ {
				add(j)
			}
		case t == "last" && i+1 < len(terms) && slices.Contains([]string{"one", "library",
			"tool"}, terms[i+1]):
			add(len(shown))
		default:
			add(ordinals[t])
		}
	}

	return out
}

// others is what a question about "the others" ranges beyond: the libraries
// of the previous answer, and the size of the set they were taken from.
type others struct {
	before []*corpus.Library
	from   int
}

// Words that point back at an earlier answer when nothing was asked before,
// stemmed: "which of those", "among them", "the previous list", "the rest".
var (
	backPronouns     = stems("those these them")
	backPrepositions = stems("of among from")
	backMarkers      = stems("previous above earlier")
	restMarkers      = stems("others rest remaining remainder")
)

// pointsBack reports whether a question narrows an earlier answer: "which of
// those are maintained?", "are there JavaScript ones among them?", "and the
// rest?"; not "what could segment them?", whose pronoun has its own noun,
// nor the words of a facet ("resting state").
func pointsBack(q *question) bool {
	terms := restTerms(q)
	for i, t := range terms {
		inFacet := slices.ContainsFunc(q.found, func(m corpus.Match) bool {
			return m.Start <= i && i < m.End
		})

		switch {
		case inFacet:
		case slices.Contains(backMarkers, t),
			slices.Contains(restMarkers, t) && (t != stem("other") || theOthers(terms, i)):
			return true
		case i > 0 && slices.Contains(backPronouns, t) && t != stem("these") &&
			slices.Contains(backPrepositions, terms[i-1]) &&
			(i+1 == len(terms) || !slices.Contains(libraryWords, terms[i+1])):
			// "any of these (libraries)", first asked, means the review's.
			return true
		}
	}

	return false
}

// restTerms returns the question's cue terms without an "and other" or "or
// other" before a facet of its own: "EEG and other signal data" asks for no
// rest of an earlier answer, "the other EEG tools" does.
func restTerms(q *question) []string {
	terms := slices.Clone(cueTerms(q))
	for i, t := range terms {
		if t == stem("other") && i > 0 && (terms[i-1] == "and" || terms[i-1] == "or") &&
			slices.ContainsFunc(q.found,
				func(m corpus.Match) bool { return m.Start == i+1 }) {
			terms[i] = ""
		}
	}

	return terms
}

// theOthers reports whether the "other" at term i points at the rest of a
// set: "the other ones", "any others?", "and the other libraries", not "the
// hypothalamus and other small structures".
func theOthers(terms []string, i int) bool {
	if i+1 == len(terms) || terms[i+1] == "one" || slices.Contains(libraryWords, terms[i+1]) {
		return true
	}

	return i > 0 && terms[i-1] == "the"
}

// whichOnes reports whether a question after a list asks "which ones" with
// no subject of its own, only a quality of the listed libraries: "ok, which
// ones are active?". With a subject ("which ones do EEG?") it asks anew.
func whichOnes(q *question) bool {
	if len(q.opening) < 2 || q.opening[0] != stem("which") || q.opening[1] != "one" {
		return false
	}

	return !slices.ContainsFunc(q.facets, func(m corpus.Match) bool {
		return slices.Contains(subjectKinds, m.Value.Kind) || m.Value.Kind == corpus.FacetCategory
	})
}

// citationFollowUp reads "who wrote it?" or "which journal published it?"
// after an answer about one library as asking for the papers the review
// gives for that library; any other question about authors, journals or
// citations is about the review itself.
//
// The review's other facts (its funding, its authors' affiliations) are its
// own: asked of that library ("who funded it?"), they are declined.
func (a *Assistant) citationFollowUp(q *question, prev *turn) {
	if !hasAny(q.terms, pronounRefs) || hasAny(q.terms, reviewNouns) || len(prev.shown) != 1 ||
		len(q.authors) > 0 {
		return
	}

	if !slices.ContainsFunc(q.reviewFacts, isCitationFact) {
		q.intent = intentDecline
		q.reason = decline{why: "its front and back matter speak of the review itself, and " +
			"its tables and text say nothing of that for " + prev.shown[0].Name}

		return
	}

	lookupFollowUp(q, prev.shown[0], prev.base)
	q.fields = []field{fieldRefs}
}

// lookupFollowUp turns a question into a lookup of one library picked from
// the libraries of an earlier answer, which stay the set "the others" are
// taken from.
func lookupFollowUp(q *question, l *corpus.Library, from []*corpus.Library) {
	q.names = [][]*corpus.Library{{l}}
	q.within = from
	q.intent = intentLookup
}

// reclassifyWithin decides what a question about the previous answer's
// libraries asks: a count, a ranking, or the ones that match its facets.
func (a *Assistant) reclassifyWithin(q *question) {
	switch {
	case totalAsked(q):
		q.intent = intentTotal
	case a.rankAsked(q):
		q.intent = intentRank
	case hasCount(cueTerms(q)):
		q.intent = intentCount
	default:
		q.intent = intentList
	}
}

// ordinalOf returns the position a question points at ("the second one",
// "the last one"), or 0.
func ordinalOf(terms []string, n int) int {
	for i, t := range terms {
		if t == "last" && i+1 < len(terms) && slices.Contains([]string{"one", "library", "tool"},
			terms[i+1]) {
			return n
		}

		if k, ok := ordinals[t]; ok && k <= n {
			return k
		}
	}

	return 0
}

// sibling reports whether a question that opens with "and" filters an
// earlier set by another quality of the tools alone: "and which use
// TensorFlow?", "and which are inactive?". After a filtered answer the set
// is the one it was filtered from, after a first list the list itself.
func (a *Assistant) sibling(q *question, prev *turn) bool {
	if len(q.terms) == 0 || q.terms[0] != "and" || len(q.facets) == 0 ||
		len(prev.shown) < 2 && len(prev.base) >= len(a.review.Libraries) {
		return false
	}

	return !slices.ContainsFunc(q.facets, func(m corpus.Match) bool {
		return slices.Contains(dataKinds, m.Value.Kind)
	})
}

// placeBeyond reports whether a question points at a place past the n
// libraries of the previous answer: "the second one" after a list of one.
func placeBeyond(terms []string, n int) bool {
	for i, t := range terms {
		k, ok := ordinals[t]
		if ok && k > n && i+1 < len(terms) &&
			(terms[i+1] == "one" || slices.Contains(libraryWords, terms[i+1])) {
			return true
		}
	}

	return false
}

// minus returns the records of a that are not in b, in a's order.
func minus(a, b []*corpus.Library) []*corpus.Library {
	var out []*corpus.Library
	for _, l := range a {
		if !slices.Contains(b, l) {
			out = append(out, l)
		}
	}

	return out
}
