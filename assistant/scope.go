package assistant

import (
	"slices"
	"strings"
	"unicode"

	"github.com/neuroguide/neuroguide/corpus"
)

// Thresholds of the scope check.
const (
	// minTypoLen is the shortest word taken for a misspelling of a known one:
	// shorter words are too often other words ("stock" and "stack").
	minTypoLen = 6

	// offTopicWords is how many unknown words make a question off-topic even
	// when it names facets ("the best EEG headset to buy").
	offTopicWords = 2
)

// outOfScope returns why the review cannot answer a question, or "" when it can.
// A question is out of scope when it asks about a time after the review's
// data, about an attribute the tables do not give, or when its own words are
// not the review's: words neither the review, nor the vocabulary, nor the
// domain's users' words contain.
func (a *Assistant) outOfScope(q *question) string {
	if year := futureYear(q.text); year != "" {
		return "it asks about " + year + ", and the review's data end in April 2023"
	}

	if laterPattern.MatchString(q.text) {
		return "it asks about a time after the review's data, which end in April 2023"
	}

	if w := a.absentField(q); w != "" {
		return "the review's tables give no " + w + " for the libraries"
	}

	if len(q.names) == 0 && len(q.facets) == 0 {
		unknown, known := a.splitResidual(a.contentTerms(q))
		return proseScope(q, unknown, known)
	}

	unknown, known := a.splitResidual(q.residual)
	switch {
	case len(unknown) >= offTopicWords && len(unknown) > len(known):
		return "its subject (" + strings.Join(unknown, ", ") + ") is not in the review"
	case len(unknown) > 0 && len(q.names) == 0 && !a.anySpecific(q.facets):
		return "its subject (" + strings.Join(unknown, ", ") + ") is not in the review"
	case len(unknown) > 0 && len(q.names) == 1 && len(q.fields) == 0 && len(q.facets) == 0:
		return "the review's tables say nothing about " + strings.Join(unknown, ", ")
	}

	return ""
}

// contentTerms returns the question's terms that are neither function words,
// generic words nor cue words.
func (a *Assistant) contentTerms(q *question) []string {
	var out []string
	for _, t := range q.terms {
		if !isStopWord(t) && !a.vocab.IsGeneric(t) && !isCue(t) && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}

	return out
}

// proseScope decides whether a question with no library and no facet is about
// the review's prose: most of its own words must be the review's.
func proseScope(q *question, unknown, known []string) string {
	switch {
	case len(q.terms) == 0:
		return "it has no words the review uses"
	case len(unknown) == 0:
		return ""
	case len(unknown) >= offTopicWords, len(known) <= len(unknown):
		return "its subject is not in the review"
	}

	return ""
}

// specificRecords is the most records a facet value may match and still
// mark a question as the review's when it also uses a word the review does
// not: "API" (one library) or "EMG" do, "Python" (71 libraries) or
// "segmentation" (33) do not ("segment satellite imagery").
const specificRecords = 20

// anySpecific reports whether a match names a value few records have, by a
// specific term.
func (a *Assistant) anySpecific(ms []corpus.Match) bool {
	return slices.ContainsFunc(ms, func(m corpus.Match) bool {
		return !m.Broad && a.valueCount(m.Value) <= specificRecords
	})
}

// valueCount returns how many records a value matches.
func (a *Assistant) valueCount(v *corpus.FacetValue) int {
	n := 0
	for i := range a.review.Libraries {
		if v.Matches(&a.review.Libraries[i]) {
			n++
		}
	}

	return n
}

// absentField returns the words of the question naming an attribute the
// review does not give ("license", "release date"), outside library names and
// facets. A question about the review's prose may use such a word when the
// review does ("GPUs"); one about libraries may not, unless it also asks for
// a field the tables give.
func (a *Assistant) absentField(q *question) string {
	prose := len(q.names) == 0 && len(q.facets) == 0
	if !prose && len(lookupFieldsOf(q.fields)) > 0 {
		return ""
	}

	for _, span := range a.vocab.FindAbsent(q.terms) {
		words := q.terms[span[0]:span[1]]
		if a.spanTaken(q, span) || prose && slices.ContainsFunc(words, a.inProse) {
			continue
		}

		return strings.Join(words, " ")
	}

	return ""
}

// inProse reports whether the review's text uses a term.
func (a *Assistant) inProse(t string) bool { return a.sents.idf[t] > 0 }

// spanTaken reports whether a span of terms overlaps a library name or a facet.
func (a *Assistant) spanTaken(q *question, span [2]int) bool {
	for i := span[0]; i < span[1]; i++ {
		if q.inName[i] {
			return true
		}
	}

	return slices.ContainsFunc(q.found, func(m corpus.Match) bool {
		return m.Start < span[1] && span[0] < m.End
	})
}

// lookupFieldsOf drops the task field, which "what ... for" asks without meaning it.
func lookupFieldsOf(fields []field) []field {
	return slices.DeleteFunc(slices.Clone(fields), func(f field) bool { return f == fieldTasks })
}

// splitResidual splits residual terms into those of the review's domain and
// the others. Numbers, domain words and misspellings of known words are known.
func (a *Assistant) splitResidual(residual []string) (unknown, known []string) {
	for _, t := range residual {
		if a.isKnownTerm(t) {
			known = append(known, t)
			continue
		}

		unknown = append(unknown, t)
	}

	return unknown, known
}

// isKnownTerm reports whether a term belongs to the review's domain.
func (a *Assistant) isKnownTerm(t string) bool {
	if a.known[t] || a.vocab.IsDomainWord(t) || a.vocab.IsGeneric(t) ||
		len(a.vocab.Related(t)) > 0 {
		return true
	}

	if strings.IndexFunc(t, unicode.IsLetter) < 0 {
		return true
	}

	return len(t) >= minTypoLen && a.typos.near(t)
}

// typoIndex finds words one edit away from a known word, by the deletions
// both share (a symmetric-deletion index).
type typoIndex struct {
	deletions map[string]bool
	words     map[string]bool
}

// newTypoIndex indexes the words of at least minTypoLen-1 letters.
func newTypoIndex(words map[string]bool) *typoIndex {
	ix := &typoIndex{deletions: map[string]bool{}, words: map[string]bool{}}
	for w := range words {
		if len(w) < minTypoLen-1 {
			continue
		}

		ix.words[w] = true
		for _, d := range deletions(w) {
			ix.deletions[d] = true
		}
	}

	return ix
}

// near reports whether w is one letter more or one letter less than an
// indexed word. A changed letter is not taken for a typo: too many English
// words are one letter from a word of the review ("weather", "whether").
func (ix *typoIndex) near(w string) bool {
	if ix.deletions[w] {
		return true
	}

	for _, d := range deletions(w) {
		if ix.words[d] {
			return true
		}
	}

	return false
}

// deletions returns w with one letter removed, at each position.
func deletions(w string) []string {
	out := make([]string, 0, len(w))
	for i := range len(w) {
		out = append(out, w[:i]+w[i+1:])
	}

	return out
}
