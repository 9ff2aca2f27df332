package assistant

import (
	"fmt"
	"slices"
	"strings"

	"github.com/neuroguide/neuroguide/corpus"
)

// reviewNouns name the review itself: "who wrote the paper?", "this work".
var reviewNouns = stems("review paper article survey overview work study publication " +
	"manuscript")

// pluralRefs point at several things, which the review is not: "which of
// these are licensed?", "who made them?".
var pluralRefs = stems("they them their theirs those these")

// proseAsks ask what the review says rather than what it is: "what do the
// authors say about ...".
var proseAsks = stems("say says said according mention mentions mentioned discuss discusses " +
	"describe describes")

// reviewFactsAsked returns the facts of the review itself that a question
// asks for ("Who wrote the review?", "What is the DOI?", "Which journal
// published it?"), or nil. The question must ask for nothing else: no
// library, no facet, no word beyond the facts' own, the review's names and
// words with no subject ("what's the h-index of the authors?" asks for more),
// and point at no earlier answer's libraries.
func (a *Assistant) reviewFactsAsked(q *question) []string {
	if len(q.names) > 0 || len(q.facets) > 0 || hasAny(q.terms, libraryWords) ||
		hasAny(q.terms, proseAsks) || hasAny(q.terms, pluralRefs) ||
		hasAny(q.terms, backRefs) || hasAny(q.terms, restWords) {
		return nil
	}

	matches := a.factMatches(q)
	covered := make([]bool, len(q.terms))
	var facts []string
	for _, m := range matches {
		for i := m.Start; i < m.End; i++ {
			covered[i] = true
		}

		facts = append(facts, m.Fact)
	}

	for i, t := range q.terms {
		if !covered[i] && !isStopWord(t) && !a.vocab.IsGeneric(t) &&
			!slices.Contains(reviewNouns, t) {
			return nil
		}
	}

	return slices.DeleteFunc(slices.Clone(corpus.ReviewFactKinds), func(f string) bool {
		return !slices.Contains(facts, f)
	})
}

// factMatches returns the question's words for facts of the review, but
// those inside a longer phrase for an attribute the review does not give:
// "citations" in "how many citations", "index" in "h-index".
func (a *Assistant) factMatches(q *question) []corpus.FactMatch {
	absent := a.vocab.FindAbsent(q.terms)

	return slices.DeleteFunc(a.vocab.FindReviewFacts(q.terms), func(m corpus.FactMatch) bool {
		return slices.ContainsFunc(absent, func(ab corpus.AbsentMatch) bool {
			return ab.Start <= m.Start && m.End <= ab.End && ab.End-ab.Start > m.End-m.Start
		})
	})
}

// writeCitation answers a question about the review itself from its
// citation facts and front matter, then gives the whole citation.
func (a *Assistant) writeCitation(q *question, w *answer) {
	marker := w.src.review()
	for _, f := range q.reviewFacts {
		w.printf("%s %s.\n", a.reviewFact(f), marker)
	}

	if !slices.Equal(q.reviewFacts, []string{corpus.FactCitation}) {
		w.printf("\nCitation: %s %s.\n", citation(), marker)
	}
}

// reviewFact states one fact of the review, as a sentence without its stop.
func (a *Assistant) reviewFact(fact string) string {
	switch fact {
	case corpus.FactTitle:
		return "Its title is “" + corpus.Title + "”"
	case corpus.FactAuthors:
		return "The review was written by " + a.authors()
	case corpus.FactPublished:
		return a.published()
	case corpus.FactDOI:
		return fmt.Sprintf("Its DOI is %s, which resolves at %s", corpus.DOI, corpus.DOIURL)
	case corpus.FactLicense:
		return "It is published under the " + corpus.License + " license"
	}

	return "Cite it as: " + citation()
}

// authors names the review's authors in full as its front matter gives
// them, else as its citation does.
func (a *Assistant) authors() string {
	names := a.review.Front.Authors
	if len(names) == 0 {
		return corpus.Authors
	}

	if len(names) == 1 {
		return names[0]
	}

	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// published says where and when the review was published, with what of its
// history the front matter gives.
func (a *Assistant) published() string {
	fm := a.review.Front
	s := "It was published in " + corpus.Journal
	if fm.SpecialIssue != "" {
		s += ", in the Special Issue “" + fm.SpecialIssue + "”,"
	}

	if fm.Published != "" {
		s += " on " + fm.Published
	}

	var steps []string
	for _, st := range []struct{ name, date string }{
		{"received", fm.Received}, {"revised", fm.Revised}, {"accepted", fm.Accepted},
	} {
		if st.date != "" {
			steps = append(steps, st.name+" "+st.date)
		}
	}

	if len(steps) > 0 {
		s += " (" + strings.Join(steps, ", ") + ")"
	}

	return strings.TrimSuffix(s, ",")
}

// citation is the review's reference, as its journal gives it.
func citation() string {
	return fmt.Sprintf("%s %s. %s. %s (%s)", corpus.Authors, corpus.Title, corpus.Journal,
		corpus.DOIURL, corpus.License)
}
