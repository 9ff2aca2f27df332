package assistant

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/neuroguide/neuroguide/corpus"
)

// namedAuthors returns the authors a question names, by their index in the
// front matter, each once, in the order the question names them.
func namedAuthors(q *question) []int {
	var out []int
	for _, m := range q.authors {
		if !slices.Contains(out, m.author) {
			out = append(out, m.author)
		}
	}

	return out
}

// writeAuthor presents one of the review's authors as its front and back
// matter do: their place among the authors, whether correspondence is
// addressed to them, their affiliations and their roles in the work; a
// question about one of these alone gets that one after the first.
func (a *Assistant) writeAuthor(q *question, i int, w *answer) {
	fm := &a.review.Front
	name := fm.Authors[i]
	verdict := ""
	if w.b.Len() == 0 {
		verdict = q.verdict
	}

	w.paragraph()
	w.printf("%s%s is %s%s %s.\n", verdict, name, a.authorPlace(i), a.correspondsClause(name),
		w.src.review())

	asked := slices.DeleteFunc(slices.Clone(q.reviewFacts), func(f string) bool {
		return !slices.Contains(peopleFacts, f)
	})
	if slices.Contains(asked, corpus.FactCorrespondence) && !a.isCorresponding(i) {
		w.printf("%s %s.\n", a.correspondence(), w.src.review())
	}

	if affs := fm.AffiliationsOf(i); len(affs) > 0 &&
		!slices.Equal(asked, []string{corpus.FactContributions}) {
		w.paragraph()
		w.printf("%s's affiliations %s:\n", name, w.src.review())
		for _, aff := range affs {
			w.printf("- %s\n", aff)
		}
	}

	if len(asked) == 0 || slices.Contains(asked, corpus.FactContributions) {
		w.paragraph()
		a.writeRoles(name, w)
	}
}

// paragraph ends the answer's text so far with a blank line, which starts
// the next paragraph or list.
func (w *answer) paragraph() {
	s := w.b.String()
	switch {
	case s == "", strings.HasSuffix(s, "\n\n"):
	case strings.HasSuffix(s, "\n"):
		w.b.WriteString("\n")
	default:
		w.b.WriteString("\n\n")
	}
}

// authorPlace says where an author stands in the front matter's list: "the
// fourth of the review's four authors".
func (a *Assistant) authorPlace(i int) string {
	n := len(a.review.Front.Authors)
	if n == 1 {
		return "the review's only author"
	}

	return "the " + ordinalWord(i+1) + " of the review's " + countWord(n) + " authors"
}

// correspondsClause says that correspondence is addressed to an author,
// when the front matter marks them so; "" otherwise.
func (a *Assistant) correspondsClause(name string) string {
	corr := a.review.Front.Corresponding
	switch {
	case !slices.Contains(corr, name):
		return ""
	case len(corr) == 1:
		return ", and the author to whom correspondence is addressed"
	}

	return ", and one of the " + countWord(len(corr)) + " authors to whom correspondence " +
		"is addressed"
}

// writeRoles gives an author's roles in the Author Contributions statement.
func (a *Assistant) writeRoles(name string, w *answer) {
	st, ok := a.review.Statement(a.vocab.FactStatement(corpus.FactContributions))
	if !ok {
		return
	}

	var roles []string
	for _, c := range a.review.Contributions {
		if slices.Contains(c.Authors, name) {
			roles = append(roles, lowerFirst(c.Role))
		}
	}

	if len(roles) == 0 {
		w.printf("The %s statement gives %s no role %s.\n", st.Heading, name, w.src.statement(st))
		return
	}

	w.printf("In the %s statement, %s's roles are: %s %s.\n", st.Heading, name,
		strings.Join(roles, "; "), w.src.statement(st))
}

// writeAffiliations gives the numbered affiliations of the front matter,
// each with the authors who have it.
func (a *Assistant) writeAffiliations(w *answer) {
	fm := &a.review.Front
	if len(fm.Affiliations) == 0 {
		w.printf("%s %s.\n", a.reviewFact(corpus.FactAuthors), w.src.review())
		return
	}

	w.paragraph()
	w.printf("The authors' affiliations, as the front matter numbers them %s:\n", w.src.review())
	for n, aff := range fm.Affiliations {
		var who []string
		for i := range fm.Authors {
			if slices.Contains(fm.AuthorAffiliations[i], n+1) {
				who = append(who, fm.Authors[i])
			}
		}

		w.printf("%d. %s: %s\n", n+1, aff, a.whoList(who))
	}

	w.paragraph()
}

// whoList names the authors of an affiliation: "all four authors" when
// every author has it.
func (a *Assistant) whoList(who []string) string {
	n := len(a.review.Front.Authors)
	switch {
	case len(who) == 0:
		return "no author"
	case len(who) == n && n > 1:
		return "all " + countWord(n) + " authors"
	}

	return joinList(who, " and ")
}

// correspondence says to whom correspondence is addressed, as the front
// matter marks it, as a sentence without its stop.
func (a *Assistant) correspondence() string {
	corr := a.review.Front.Corresponding
	switch len(corr) {
	case 0:
		return "The front matter names the authors as " + a.authors() + " and marks none " +
			"of them as corresponding author"
	case 1:
		return "The corresponding author, to whom correspondence should be addressed, is " +
			corr[0]
	}

	return "The corresponding authors, to whom correspondence should be addressed, are " +
		joinList(corr, " and ")
}

// writeContributions gives who had the roles a question names ("who
// supervised the work?"), or else quotes the Author Contributions statement
// and gives its roles with the authors' initials resolved by the front matter.
func (a *Assistant) writeContributions(q *question, w *answer) {
	heading := a.vocab.FactStatement(corpus.FactContributions)
	st, ok := a.review.Statement(heading)
	if !ok {
		a.writeStatement(heading, w)
		return
	}

	if roles := a.rolesNamed(q); len(roles) > 0 {
		for _, c := range roles {
			w.printf("The %s statement gives %s to %s %s %s.\n", st.Heading, lowerFirst(c.Role),
				joinList(c.Authors, " and "), w.src.statement(st), w.src.review())
		}

		return
	}

	w.printf("The review's %s reads: “%s” %s\n", statementName(st.Heading), oneLine(st.Text),
		w.src.statement(st))
	if len(a.review.Contributions) == 0 {
		return
	}

	w.paragraph()
	w.printf("With the authors' initials read by their names in the front matter %s:\n",
		w.src.review())
	for _, c := range a.review.Contributions {
		w.printf("- %s: %s\n", upperFirst(c.Role), joinList(c.Authors, " and "))
	}

	w.paragraph()
}

// Bounds on a question's word taken for a word of a role, by their common
// beginning: "supervised" for "supervision", "edited" for "editing".
const (
	minRolePrefix = 4 // the shortest common beginning
	maxRoleTail   = 3 // the most letters the shorter word may have beyond it
)

// rolesNamed returns the roles of the Author Contributions statement that a
// question names by one of their words ("who supervised the work?", "the
// original draft"); words for the review ("review") name none.
func (a *Assistant) rolesNamed(q *question) []corpus.Contribution {
	var asked []string
	for _, w := range q.words {
		t := corpus.Terms(w.raw)
		if len(t) == 1 && !a.isNeutral(t[0]) {
			asked = append(asked, strings.ToLower(w.raw))
		}
	}

	var out []corpus.Contribution
	for _, c := range a.review.Contributions {
		words := strings.FieldsFunc(strings.ToLower(c.Role), func(r rune) bool {
			return !unicode.IsLetter(r)
		})
		if slices.ContainsFunc(words, func(rw string) bool {
			return slices.ContainsFunc(asked, func(w string) bool { return sameWord(w, rw) })
		}) {
			out = append(out, c)
		}
	}

	return out
}

// sameWord reports whether two words share a beginning that leaves the
// shorter with few letters more: "supervised" and "supervision".
func sameWord(a, b string) bool {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}

	return n >= minRolePrefix && min(len(a), len(b))-n <= maxRoleTail
}

// writeStatement quotes one statement of the back matter.
func (a *Assistant) writeStatement(heading string, w *answer) {
	st, ok := a.review.Statement(heading)
	if !ok {
		w.printf("The review's back matter, as parsed, has no %s.\n", statementName(heading))
		return
	}

	w.printf("The review's %s reads: “%s” %s\n", statementName(st.Heading), oneLine(st.Text),
		w.src.statement(st))
}

// statementName names a statement in a sentence: "Funding statement",
// "Data Availability Statement".
func statementName(heading string) string {
	if strings.HasSuffix(strings.ToLower(heading), "statement") {
		return heading
	}

	return heading + " statement"
}

// oneLine joins a statement's paragraphs for quoting.
func oneLine(text string) string { return strings.Join(strings.Fields(text), " ") }

// joinList joins items with commas and conj before the last: "a, b and c".
func joinList(items []string, conj string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}

	return strings.Join(items[:len(items)-1], ", ") + conj + items[len(items)-1]
}

// ordinalWord spells a position: "first", "fourth"; "11th" past the words
// the follow-up cues know.
func ordinalWord(n int) string {
	for word, v := range ordinals {
		if v == n && strings.IndexFunc(word, unicode.IsDigit) < 0 {
			return word
		}
	}

	return strconv.Itoa(n) + "th"
}

// countWord spells a small count: "four".
func countWord(n int) string {
	if n >= 0 && n < len(numberWords) {
		return numberWords[n]
	}

	return strconv.Itoa(n)
}

// upperFirst writes s with its first letter in upper case.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)

	return string(unicode.ToUpper(r)) + s[n:]
}

// lowerFirst writes s with its first letter in lower case, unless its
// first word is an acronym ("EEG").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	next, _ := utf8.DecodeRuneInString(s[n:])
	if unicode.IsUpper(next) {
		return s
	}

	return string(unicode.ToLower(r)) + s[n:]
}
