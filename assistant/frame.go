package assistant

import (
	"slices"
	"strings"
)

// A question's frame is the wording around its subject: the verb of "what
// distinction does the review draw between ...", "are they trying to infer",
// "how extensively was it validated". Its words are any English verb or
// adverb, most of which the review never uses; were they read as the
// question's subject, a question about the review's text would be declined
// for a word that only frames it. The frame is found by the shape of the
// question, not by a list of its words, so that it holds for verbs no list
// was written for. A frame word the review does use stays in the question:
// it may carry content ("how was it validated").

// Words that shape a question's frame, as stemmed terms.
var (
	// auxiliaries open a question whose verb follows its subject: "does the
	// review draw", "do the image libraries tend", "are they trying".
	auxiliaries = stems("do does did can could would will should might may must " +
		"is are was were")

	// determiners may open the subject after an auxiliary.
	determiners = stems("the a an this these those its their his her our your my that")

	// subjectHeads end the subject of a framed question: the review, its
	// authors or parts, or libraries, of which the question asks what they
	// do. The user is no such subject: the verb of "how do I fix" or "what
	// should I eat" is what the question asks about.
	subjectHeads = stems("they it he she people researchers authors author " +
		"review paper article survey overview work study discussion conclusion conclusions " +
		"search selection analysis table tables column columns " +
		"introduction background results methods section sections outlook text " +
		"library libraries tool tools toolbox toolboxes package packages framework " +
		"frameworks software project projects ones")
)

// mannerSuffixes end the English adverbs of manner and degree ("extensively",
// "typically", "fully"), which qualify the question's verb and name no
// subject. "-ily" and "-ly" alone are left out: "family", "Italy", "anomaly".
var mannerSuffixes = []string{"ively", "ously", "ently", "antly", "ically", "ingly",
	"edly", "fully", "lessly", "ally", "arly"}

// frameMask marks the question's frame words: the verb right after an
// auxiliary and its subject, an "-ing" verb before "to" ("trying to",
// "hoping to"), and adverbs of manner.
func (a *Assistant) frameMask(q *question) []bool {
	mask := make([]bool, len(q.terms))
	for i, t := range q.terms {
		switch {
		case slices.Contains(auxiliaries, t):
			if v := a.verbAfterSubject(q, i+1); v >= 0 {
				mask[v] = true
			}
		case i+1 < len(q.terms) && q.terms[i+1] == "to" && isIngForm(writtenWord(q, t)):
			mask[i] = true
		case isMannerAdverb(writtenWord(q, t)):
			mask[i] = true
		}
	}

	return mask
}

// verbAfterSubject returns the index of the verb after the subject that
// starts at terms[i]: a determiner or none, up to three words that end
// with a subject head or a library's name, an adverb or none, then the verb.
// It returns -1 when the terms have no such shape.
func (a *Assistant) verbAfterSubject(q *question, i int) int {
	if i < len(q.terms) && slices.Contains(determiners, q.terms[i]) {
		i++
	}

	head := -1
	for j := i; j < len(q.terms) && j < i+3; j++ {
		if slices.Contains(subjectHeads, q.terms[j]) || q.inName[j] {
			head = j
		}
	}

	if head < 0 {
		return -1
	}

	v := head + 1
	for v < len(q.terms) && q.inName[v] {
		v++
	}

	if v < len(q.terms) && isMannerAdverb(writtenWord(q, q.terms[v])) {
		v++
	}

	if v >= len(q.terms) || isStopWord(q.terms[v]) {
		return -1
	}

	return v
}

// isIngForm reports whether a written word is an English "-ing" form.
func isIngForm(w string) bool {
	return len(w) > 5 && strings.HasSuffix(strings.ToLower(w), "ing")
}

// isMannerAdverb reports whether a written word ends as an adverb of manner.
func isMannerAdverb(w string) bool {
	w = strings.ToLower(w)

	return len(w) > 6 && slices.ContainsFunc(mannerSuffixes, func(s string) bool {
		return strings.HasSuffix(w, s)
	})
}

// framed reports whether the term at i is a frame word the review does not
// use, which says nothing of the question's subject.
func (a *Assistant) framed(q *question, i int) bool {
	return q.frame != nil && q.frame[i] && !a.isKnownTerm(q.terms[i])
}

// reviewSubjects are the subjects whose verb says what the review does:
// "what does the review predict", "what do the authors suggest".
var reviewSubjects = stems("review paper article survey overview work study authors author " +
	"discussion conclusion conclusions introduction background results methods section " +
	"outlook text they")

// reviewVerbMask marks the verb of what the review does ("predict" in "what
// does the review predict about privacy?"), which names no facet: the review
// predicts nothing with a prediction task.
func (a *Assistant) reviewVerbMask(q *question) []bool {
	mask := make([]bool, len(q.terms))
	for i, t := range q.terms {
		if !slices.Contains(auxiliaries, t) {
			continue
		}

		if v := a.verbAfterSubject(q, i+1); v > 0 && slices.Contains(reviewSubjects, q.terms[v-1]) {
			mask[v] = true
		}
	}

	return mask
}
