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

// outsideFacts returns the terms that no fact match holds: "they" in "where
// do they work?" is the authors'.
func outsideFacts(terms []string, ms []corpus.FactMatch) []string {
	out := slices.Clone(terms)
	for _, m := range ms {
		for i := m.Start; i < m.End; i++ {
			out[i] = ""
		}
	}

	return out
}

// proseAsks ask what the review says rather than what it is: "what do the
// authors say about ...".
var proseAsks = stems("say says said according mention mentions mentioned discuss discusses " +
	"describe describes")

// statementWords name a statement of the back matter without naming which:
// "is there a data availability statement?", "do the authors declare ...".
var statementWords = stems("statement statements declaration declarations declare declares " +
	"declared")

// reviewAsked reports whether a question asks about the review itself, and
// notes the facts it asks for ("Who wrote the review?", "What is the DOI?",
// "Who funded this work?") and the authors it names ("Who is Manfredo
// Atzori?"). The question must ask for nothing else: no library, no facet,
// no word beyond the facts' own, the authors' names, the towns of their
// affiliations, the review's names and words with no subject ("what's the
// h-index of the authors?" asks for more), and point at no earlier answer's
// libraries.
func (a *Assistant) reviewAsked(q *question) bool {
	matches := a.factMatches(q)
	if len(q.names) > 0 || len(q.facets) > 0 || namesLibraries(q.terms) ||
		hasAny(q.terms, proseAsks) || hasAny(outsideFacts(q.terms, matches), pluralRefs) ||
		hasAny(q.terms, backRefs) || hasAny(q.terms, restWords) {
		return false
	}

	covered, place := a.reviewTerms(q, matches)
	var raw []string // the question's words, aligned when a name may stand among them
	var others []nameSpan
	for i, t := range q.terms {
		if covered[i] || a.isNeutral(t) {
			continue
		}

		if !asksPeople(matches) || i == 0 {
			return false
		}

		if raw == nil {
			raw = termWords(q)
		}

		if !isCapitalized(raw[i]) {
			return false
		}

		// "Is John Smith one of the authors?": a name the review's authors do not have.
		if n := len(others); n > 0 && others[n-1].end == i {
			others[n-1].name += " " + raw[i]
			others[n-1].end++
			continue
		}

		others = append(others, nameSpan{author: -1, name: raw[i], start: i, end: i + 1})
	}

	q.strangers = append(q.strangers, others...)
	q.reviewFacts = a.factsAsked(q, matches, place)

	return len(q.reviewFacts) > 0 || len(q.authors) > 0 || len(q.strangers) > 0
}

// isNeutral reports whether a term of a question about the review asks for
// nothing of its own: a function word, a generic word, a word for the
// review, for a statement or a title before a name ("Dr").
func (a *Assistant) isNeutral(t string) bool {
	return isStopWord(t) || a.vocab.IsGeneric(t) || slices.Contains(reviewNouns, t) ||
		slices.Contains(statementWords, t) || slices.Contains(titleWords, t)
}

// namesLibraries reports whether terms hold a word for libraries, but "one"
// of "one of the authors".
func namesLibraries(terms []string) bool {
	for i, t := range terms {
		of := i+1 < len(terms) && terms[i+1] == "of"
		if slices.Contains(libraryWords, t) && !(t == "one" && of) {
			return true
		}
	}

	return false
}

// reviewTerms marks the terms of the facts asked, of the authors' and the
// strangers' names, and of the towns and countries of the affiliations;
// place reports that there is one of the last.
func (a *Assistant) reviewTerms(q *question, matches []corpus.FactMatch) ([]bool, bool) {
	covered := make([]bool, len(q.terms))
	for _, m := range matches {
		markSpan(covered, m.Start, m.End)
	}

	for _, m := range slices.Concat(q.authors, q.strangers) {
		markSpan(covered, m.start, m.end)
	}

	// A town alone asks nothing of the review ("where is Padova?"); with the
	// authors or the review, it asks for the affiliations.
	if !asksPeople(matches) && len(q.authors) == 0 && !hasAny(q.terms, reviewNouns) {
		return covered, false
	}

	place := false
	for i, t := range q.terms {
		if a.people.places[t] {
			covered[i], place = true, true
		}
	}

	return covered, place
}

// peopleFacts are the facts about the review's authors: a question that
// names one of them asks for these of that author.
var peopleFacts = []string{corpus.FactAuthors, corpus.FactAffiliations,
	corpus.FactCorrespondence, corpus.FactContributions}

// asksPeople reports whether a question asks for a fact about the authors.
func asksPeople(matches []corpus.FactMatch) bool {
	return slices.ContainsFunc(matches, func(m corpus.FactMatch) bool {
		return slices.Contains(peopleFacts, m.Fact)
	})
}

// factsAsked returns the facts matched, in the order answers give them. A
// town of the affiliations asks for them ("are the authors from Padova?").
// The authors' word alone does not ask for the authors beside another fact
// ("do the authors declare any conflict of interest?"), nor do the authors'
// words beside a role ("who wrote the original draft?"), unless the
// question asks who they are; nor when the question names an author, whom
// the answer presents.
func (a *Assistant) factsAsked(q *question, matches []corpus.FactMatch, place bool) []string {
	var facts []string
	for _, m := range matches {
		facts = append(facts, m.Fact)
	}

	if place {
		facts = append(facts, corpus.FactAffiliations)
	}

	q.verdict = a.verdict(q, facts)

	bare := !slices.ContainsFunc(matches, func(m corpus.FactMatch) bool {
		return m.Fact == corpus.FactAuthors && !slices.Equal(q.terms[m.Start:m.End], authorWord)
	})
	others := slices.ContainsFunc(facts, func(f string) bool { return f != corpus.FactAuthors })
	roles := slices.Contains(facts, corpus.FactContributions)
	if len(q.authors) > 0 || (bare && others || roles) && !asksWhoAuthors(q.terms) {
		facts = slices.DeleteFunc(facts, func(f string) bool { return f == corpus.FactAuthors })
	}

	return slices.DeleteFunc(slices.Clone(corpus.ReviewFactKinds), func(f string) bool {
		return !slices.Contains(facts, f)
	})
}

// verdict answers a question whether a named author is an author ("is Del
// Pup one of the authors?": a named author is), the author at a place in
// the list ("is Corbetta the first author?"), a corresponding author, or
// affiliated in a town or country ("does Atzori work in Switzerland?"):
// "Yes: ", "No: ", or "" for a question that asks no such thing.
func (a *Assistant) verdict(q *question, facts []string) string {
	named := namedAuthors(q)
	if !isYesNo(q.opening) || len(named) == 0 {
		return ""
	}

	byPlace := slices.ContainsFunc(q.authors, func(m nameSpan) bool { return m.byPlace })
	byName := slices.ContainsFunc(q.authors, func(m nameSpan) bool { return !m.byPlace })
	places := slices.DeleteFunc(slices.Clone(q.terms), func(t string) bool {
		return !a.people.places[t]
	})
	switch {
	case slices.Contains(facts, corpus.FactCorrespondence) && len(named) == 1:
		return yesNoLead(a.isCorresponding(named[0]))
	case len(places) > 0 && len(named) == 1:
		return yesNoLead(a.affiliatedIn(named[0], places))
	case !slices.Contains(facts, corpus.FactAuthors):
		return ""
	case len(named) == 1:
		return "Yes: "
	case len(named) == 2 && byPlace && byName:
		return "No: "
	}

	return ""
}

// affiliatedIn reports whether the author at i has an affiliation in each
// of the places: "does Atzori work in Switzerland?".
func (a *Assistant) affiliatedIn(i int, places []string) bool {
	affs := a.review.Front.AffiliationsOf(i)

	return !slices.ContainsFunc(places, func(p string) bool {
		return !slices.ContainsFunc(affs, func(aff string) bool {
			return slices.Contains(corpus.Terms(aff), p)
		})
	})
}

// yesNoLead opens an answer with its verdict.
func yesNoLead(yes bool) string {
	if yes {
		return "Yes: "
	}

	return "No: "
}

// isCorresponding reports whether correspondence is addressed to the author at i.
func (a *Assistant) isCorresponding(i int) bool {
	return slices.Contains(a.review.Front.Corresponding, a.review.Front.Authors[i])
}

// authorWord is the authors' word alone, as terms.
var authorWord = stems("author")

// asksWhoAuthors reports whether a question asks who the authors are:
// "who are the authors", "who is the author".
func asksWhoAuthors(terms []string) bool {
	for i := 0; i+2 < len(terms); i++ {
		if terms[i] != stem("who") || !slices.Contains(beVerbs, terms[i+1]) {
			continue
		}

		rest := terms[i+2:]
		if rest[0] == "the" {
			rest = rest[1:]
		}

		if len(rest) > 0 && rest[0] == authorWord[0] {
			return true
		}
	}

	return false
}

// factMatches returns the question's words for facts of the review, but
// those inside a longer phrase for an attribute the review does not give
// ("citations" in "how many citations", "index" in "h-index"), and those
// that ask for a fact only of an author the question does not name.
func (a *Assistant) factMatches(q *question) []corpus.FactMatch {
	absent := a.absentIn(q)

	return slices.DeleteFunc(a.vocab.FindReviewFacts(q.terms), func(m corpus.FactMatch) bool {
		return m.WithAuthor && len(q.authors) == 0 ||
			slices.ContainsFunc(absent, func(ab corpus.AbsentMatch) bool {
				return ab.Start <= m.Start && m.End <= ab.End && ab.End-ab.Start > m.End-m.Start
			})
	})
}

// beyondAsked declines a question that asks of a fact of the review what
// the review does not state, quoting what it states instead: "how much
// funding did they get in euros?" is answered by the Funding statement.
func (a *Assistant) beyondAsked(q *question) decline {
	if len(q.names) > 0 || len(q.facets) > 0 {
		return decline{}
	}

	beyond := a.vocab.FindBeyond(q.terms)
	if len(beyond) == 0 {
		return decline{}
	}

	facts := a.vocab.FindReviewFacts(q.terms)
	for _, b := range beyond {
		asked := slices.ContainsFunc(facts, func(m corpus.FactMatch) bool {
			return m.Fact == b.Fact && (m.End <= b.Start || b.End <= m.Start)
		})
		st, ok := a.review.Statement(a.vocab.FactStatement(b.Fact))
		if !asked || !ok {
			continue
		}

		return decline{topic: b.Attribute, why: "all it says of them is its " +
			statementName(st.Heading) + ": “" + st.Text + "”", cite: st.Heading}
	}

	return decline{}
}

// strangerDecline declines a question about people the review's authors
// are not, naming the authors.
func (a *Assistant) strangerDecline(q *question) decline {
	names := make([]string, len(q.strangers))
	for i, m := range q.strangers {
		names[i] = "“" + m.name + "”"
	}

	return decline{topic: strings.Join(names, " or "), why: "none of its authors is so " +
		"named; they are " + a.authors(), cite: citeFront}
}

// authorDecline declines a question that names one of the review's authors
// and asks what the front and back matter do not say of them ("what is
// Corbetta's h-index?"), unless it asks about libraries or what the review
// says.
func (a *Assistant) authorDecline(q *question) decline {
	if len(q.authors) == 0 || len(q.names) > 0 || len(q.facets) > 0 || asksForLibrary(q) ||
		hasAny(q.terms, sayVerbs) {
		return decline{}
	}

	var rest []string
	for i, t := range q.terms {
		if !a.isNeutral(t) && !slices.Contains(rest, t) &&
			!slices.ContainsFunc(q.authors, func(m nameSpan) bool {
				return m.start <= i && i < m.end
			}) {
			rest = append(rest, t)
		}
	}

	topic := ""
	if len(rest) > 0 {
		topic = quotedOnce(q, rest)
	}

	var names []string
	for _, i := range namedAuthors(q) {
		names = append(names, a.review.Front.Authors[i])
	}

	return decline{topic: topic, why: "its front and back matter give only the names, " +
		"affiliations and roles of its authors, " + joinList(names, " and ") + " among them",
		cite: citeFront}
}

// quotedOnce quotes terms as the question wrote them, each word once:
// "h-index" for "h" and "index".
func quotedOnce(q *question, terms []string) string {
	var words []string
	for _, t := range terms {
		if w := rawWord(q, t); !slices.Contains(words, w) {
			words = append(words, w)
		}
	}

	for i, w := range words {
		words[i] = "“" + w + "”"
	}

	return joinList(words, " or ")
}

// writeCitation answers a question about the review itself from its front
// and back matter: the authors it names, each fact it asks for, and the
// whole citation after the facts of the citation.
func (a *Assistant) writeCitation(q *question, w *answer) {
	for _, i := range namedAuthors(q) {
		a.writeAuthor(q, i, w)
	}

	for _, f := range q.reviewFacts {
		if len(q.authors) == 0 || !slices.Contains(peopleFacts, f) {
			a.writeFact(q, f, w)
		}
	}

	if slices.ContainsFunc(q.reviewFacts, isCitationFact) {
		w.paragraph()
		w.printf("Citation: %s %s.\n", citation(), w.src.review())
	}
}

// citationFacts are the facts of the review's citation, which an answer
// follows with the whole citation.
var citationFacts = []string{corpus.FactTitle, corpus.FactAuthors, corpus.FactPublished,
	corpus.FactDOI, corpus.FactLicense}

// isCitationFact reports whether a fact is one of the citation's.
func isCitationFact(f string) bool { return slices.Contains(citationFacts, f) }

// writeFact states one fact of the review with its source: the front
// matter for the citation and the authors, a back-matter statement for the
// others.
func (a *Assistant) writeFact(q *question, f string, w *answer) {
	switch f {
	case corpus.FactAffiliations:
		a.writeAffiliations(w)
		return
	case corpus.FactCorrespondence:
		w.printf("%s %s.\n", a.correspondence(), w.src.review())
		return
	case corpus.FactContributions:
		a.writeContributions(q, w)
		return
	}

	if heading := a.vocab.FactStatement(f); heading != "" {
		a.writeStatement(heading, w)
		return
	}

	w.printf("%s %s.\n", a.reviewFact(f), w.src.review())
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
	if names := a.review.Front.Authors; len(names) > 0 {
		return joinList(names, " and ")
	}

	return corpus.Authors
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
