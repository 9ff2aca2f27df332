package assistant

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/neuroguide/neuroguide/corpus"
)

// authorIndex finds the review's authors in a question by any part of
// their names as the front matter writes them ("Atzori", "Del Pup",
// "Manfredo"), and the towns and countries of their affiliations.
type authorIndex struct {
	parts  [][]string      // each author's name, as terms
	places map[string]bool // the terms of the affiliations' towns and countries
}

// maxParticleLen is the longest inner part of a name that does not name
// its author alone: "del" of "Federico Del Pup".
const maxParticleLen = 3

// newAuthorIndex indexes the authors and affiliations of the front matter.
func newAuthorIndex(fm *corpus.FrontMatter) *authorIndex {
	ix := &authorIndex{places: map[string]bool{}}
	for _, name := range fm.Authors {
		ix.parts = append(ix.parts, corpus.Terms(name))
	}

	for _, aff := range fm.Affiliations {
		for _, p := range affiliationPlaces(aff) {
			for _, t := range corpus.Terms(p) {
				ix.places[t] = true
			}
		}
	}

	return ix
}

// affiliationPlaces returns the town and the country an affiliation ends
// with, without the postcode: "Padova" and "Italy" of "..., 35121 Padova, Italy".
func affiliationPlaces(aff string) []string {
	parts := strings.Split(aff, ", ")
	var out []string
	for _, p := range parts[max(0, len(parts)-2):] {
		p = strings.TrimSpace(strings.TrimLeftFunc(p, func(r rune) bool {
			return unicode.IsDigit(r) || unicode.IsSpace(r)
		}))
		if p != "" {
			out = append(out, p)
		}
	}

	return out
}

// byPlace returns the author a question names by their place in the front
// matter's list at terms[i:i+2] ("the first author", "the last author"), or -1.
func (ix *authorIndex) byPlace(terms []string, i int) int {
	if i+1 >= len(terms) || terms[i+1] != stem("author") {
		return -1
	}

	if terms[i] == "last" {
		return len(ix.parts) - 1
	}

	if k, ok := ordinals[terms[i]]; ok && k <= len(ix.parts) {
		return k - 1
	}

	return -1
}

// isPart reports whether a term is a part of some author's name.
func (ix *authorIndex) isPart(t string) bool {
	return slices.ContainsFunc(ix.parts, func(p []string) bool { return slices.Contains(p, t) })
}

// whose returns the author whose name holds every term of a run and one
// of them that is no particle, or -1.
func (ix *authorIndex) whose(run []string) int {
	for i, p := range ix.parts {
		holds := !slices.ContainsFunc(run, func(t string) bool { return !slices.Contains(p, t) })
		if holds && slices.ContainsFunc(run, func(t string) bool { return !isParticle(p, t) }) {
			return i
		}
	}

	return -1
}

// significant reports whether a run holds a part of a name that is no particle.
func (ix *authorIndex) significant(run []string) bool {
	return slices.ContainsFunc(run, func(t string) bool {
		return slices.ContainsFunc(ix.parts, func(p []string) bool {
			return slices.Contains(p, t) && !isParticle(p, t)
		})
	})
}

// isParticle reports whether t is an inner short part of a name.
func isParticle(name []string, t string) bool {
	i := slices.Index(name, t)

	return i > 0 && i < len(name)-1 && len(t) <= maxParticleLen
}

// nameSpan is a person's name in a question: one of the review's authors,
// or a stranger, whose name is written as the question writes it.
type nameSpan struct {
	author     int    // index in the front matter's authors; -1 for a stranger
	name       string // a stranger's name: "Marcello Atzori"
	start, end int    // the name is terms[start:end]
	byPlace    bool   // named by place in the list: "the first author"
}

// titleWords come before a person's name: "Dr Atzori", "Prof. Corbetta".
var titleWords = stems("dr doctor prof professor mr mrs ms miss sir")

// findAuthors returns the review's authors a question names, by a part of
// their names or by their place ("the first author"), and the names it
// writes that hold a part of an author's name but are no author's:
// "Marcello Atzori", "Maurizio Atzori". A name-like word next to the part
// ("Marcello") makes the name another person's.
func (a *Assistant) findAuthors(q *question) (found, strangers []nameSpan) {
	var raw []string // the question's words, aligned when a name part is found
	for i := 0; i < len(q.terms); {
		if k := a.people.byPlace(q.terms, i); k >= 0 {
			found = append(found, nameSpan{author: k, start: i, end: i + 2, byPlace: true})
			i += 2
			continue
		}

		if q.inName[i] || !a.people.isPart(q.terms[i]) {
			i++
			continue
		}

		j := i
		for j < len(q.terms) && !q.inName[j] && a.people.isPart(q.terms[j]) {
			j++
		}

		if raw == nil {
			raw = termWords(q)
		}

		switch m, ok := a.nameRun(q, raw, i, j); {
		case ok && m.author < 0:
			strangers = append(strangers, m)
		case ok:
			found = append(found, m)
		}

		i = j
	}

	return found, strangers
}

// nameRun reads the run of name parts at terms[i:j]: an author's name, a
// stranger's name with the name-like words next to it, or, for a particle
// alone ("del") or a short part in lower case ("pup"), no name.
func (a *Assistant) nameRun(q *question, raw []string, i, j int) (nameSpan, bool) {
	if j-i == 1 && len(q.terms[i]) <= maxParticleLen && !isCapitalized(raw[i]) {
		// "pup vocalizations": a short word in lower case is a word, not "Del Pup".
		return nameSpan{}, false
	}

	lo, hi := i, j
	if i > 0 && a.nameLike(q, raw, i-1) {
		lo = i - 1
	}

	if j < len(q.terms) && a.nameLike(q, raw, j) {
		hi = j + 1
	}

	run := q.terms[i:j]
	author := a.people.whose(run)
	switch {
	case (lo < i || hi > j || author < 0) && a.people.significant(run):
		return nameSpan{author: -1, name: spanText(q, raw, lo, hi), start: lo, end: hi}, true
	case author >= 0:
		return nameSpan{author: author, start: i, end: j}, true
	}

	return nameSpan{}, false
}

// nameLike reports whether the term at k reads as part of a person's name
// next to an author's: a word capitalised inside the question, or one
// that neither the review nor the vocabulary knows, and no function word,
// title, fact word or word for the review.
func (a *Assistant) nameLike(q *question, raw []string, k int) bool {
	t := q.terms[k]
	if isStopWord(t) || slices.Contains(titleWords, t) || a.vocab.IsGeneric(t) ||
		slices.Contains(reviewNouns, t) || isCue(t) || a.people.places[t] ||
		slices.ContainsFunc(a.vocab.FindReviewFacts(q.terms), func(m corpus.FactMatch) bool {
			return m.Start <= k && k < m.End
		}) {
		return false
	}

	return k > 0 && isCapitalized(raw[k]) || !a.isKnownTerm(t)
}

// isCapitalized reports whether a word is written as a name: a capital,
// then a lower-case letter ("Marcello", not "EEG").
func isCapitalized(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	next, _ := utf8.DecodeRuneInString(w[n:])

	return unicode.IsUpper(r) && unicode.IsLower(next)
}

// termWords returns the question's word each term was made from, or ""
// for every term when words and terms cannot be aligned.
func termWords(q *question) []string {
	out := make([]string, 0, len(q.terms))
	for _, w := range q.words {
		for range corpus.Terms(w.raw) {
			out = append(out, w.raw)
		}
	}

	if len(out) != len(q.terms) {
		return make([]string, len(q.terms))
	}

	return out
}

// spanText writes terms[lo:hi] as the question wrote them: "Marcello Atzori".
func spanText(q *question, raw []string, lo, hi int) string {
	var words []string
	for k := lo; k < hi; k++ {
		w := raw[k]
		if w == "" {
			w = q.terms[k]
		}

		if len(words) == 0 || words[len(words)-1] != w {
			words = append(words, w)
		}
	}

	return strings.Join(words, " ")
}
