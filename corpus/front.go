package corpus

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FrontMatter is what the review's front matter says of the review itself,
// beyond the citation facts (Title, Authors, Journal, DOI, License).
type FrontMatter struct {
	// Authors are the authors' full names, in order; nil when not found.
	Authors []string `json:"authors,omitempty"`

	// AuthorAffiliations holds, for each of Authors, the numbers of its
	// affiliations (1 for Affiliations[0]); an author with no marks has none.
	AuthorAffiliations [][]int `json:"author_affiliations,omitempty"`

	// Corresponding names the authors to whom correspondence is addressed.
	Corresponding []string `json:"corresponding,omitempty"`

	// Affiliations are the numbered affiliations, in order of their numbers.
	Affiliations []string `json:"affiliations,omitempty"`

	// Received, Revised, Accepted and Published are the dates of the review's
	// submission, revision, acceptance and publication as the journal writes
	// them ("27 April 2023"); each is empty when not found.
	Received  string `json:"received,omitempty"`
	Revised   string `json:"revised,omitempty"`
	Accepted  string `json:"accepted,omitempty"`
	Published string `json:"published,omitempty"`

	// SpecialIssue is the journal's special issue the review belongs to, or "".
	SpecialIssue string `json:"special_issue,omitempty"`
}

var (
	// frontDate matches one dated step of the review's history: "Accepted: 22 April 2023".
	frontDate = regexp.MustCompile(`(Submission received|Received|Revised|Accepted|Published): ` +
		`(\d{1,2} [A-Z][a-z]+ \d{4})`)

	// specialIssue matches the line that names the review's special issue.
	specialIssue = regexp.MustCompile(`^\(This article belongs to the Special Issue (.+)\)$`)

	// affiliationMark matches the marks after an author's name: "1,2,*," or "1,2,4 and".
	affiliationMark = regexp.MustCompile(`^[\d,*\s]+(and)?$`)
)

// parseFrontMatter reads the lines before the abstract: the authors, listed
// one a line after "by" with their affiliation marks, the dates and the
// special issue. What it does not find stays empty: the front matter is page
// text, and the review parses without it.
func parseFrontMatter(lines []string) FrontMatter {
	var fm FrontMatter
	end, err := findLine(lines, abstractHeading, 0)
	if err != nil {
		return fm
	}

	if by, err := findLine(lines[:end], "by", 0); err == nil {
		fm.readAuthors(lines[by+1 : end])
	}

	for _, line := range lines[:end] {
		line = strings.TrimSpace(line)
		if m := specialIssue.FindStringSubmatch(line); m != nil {
			fm.SpecialIssue = m[1]
		}

		for _, m := range frontDate.FindAllStringSubmatch(line, -1) {
			fm.setDate(m[1], m[2])
		}
	}

	return fm
}

// readAuthors reads the author block after "by": each author's name on a
// line, then its marks ("1,2,*," or "1,2,4 and"), then the numbered
// affiliations, a number alone on a line before each, up to the line "*".
// A number alone right after a name is that author's one mark ("1"); after
// marks, it opens the affiliations.
func (fm *FrontMatter) readAuthors(lines []string) {
	afterName := false
	for i := range lines {
		line := strings.TrimSpace(lines[i])
		switch {
		case line == "":
			continue
		case isNumber(line) && !afterName:
			fm.readAffiliations(lines[i:])
			return
		case affiliationMark.MatchString(line) && len(fm.Authors) > 0:
			fm.markAuthor(len(fm.Authors)-1, line)
			afterName = false
		default:
			fm.Authors = append(fm.Authors, line)
			fm.AuthorAffiliations = append(fm.AuthorAffiliations, nil)
			afterName = true
		}
	}
}

// markAuthor records an author's marks: affiliation numbers, and "*" for
// the authors to whom correspondence is addressed.
func (fm *FrontMatter) markAuthor(i int, marks string) {
	marks = strings.TrimSuffix(strings.TrimSpace(marks), "and")
	for _, m := range strings.Split(marks, ",") {
		m = strings.TrimSpace(m)
		switch {
		case m == "*":
			fm.Corresponding = append(fm.Corresponding, fm.Authors[i])
		case isNumber(m):
			n, _ := strconv.Atoi(m)
			fm.AuthorAffiliations[i] = append(fm.AuthorAffiliations[i], n)
		}
	}
}

// readAffiliations reads "1", "Department of ...", "2", ... up to the line
// "*" that introduces the correspondence note. Numbers out of order end it.
func (fm *FrontMatter) readAffiliations(lines []string) {
	for i := 0; i+1 < len(lines); i += 2 {
		n := strings.TrimSpace(lines[i])
		if n != strconv.Itoa(len(fm.Affiliations)+1) {
			return
		}

		fm.Affiliations = append(fm.Affiliations, strings.TrimSpace(lines[i+1]))
	}
}

// isNumber reports whether s is digits only.
func isNumber(s string) bool { return s != "" && strings.Trim(s, "0123456789") == "" }

// Initials returns the initials by which the back matter names the author
// at index i of Authors: "L.F.T." for "Louis Fabrice Tshimanga", "F.D.P."
// for "Federico Del Pup"; "" when there is no such author.
func (fm *FrontMatter) Initials(i int) string {
	if i < 0 || i >= len(fm.Authors) {
		return ""
	}

	var b strings.Builder
	for _, part := range strings.FieldsFunc(fm.Authors[i], isNameSeparator) {
		r, _ := utf8.DecodeRuneInString(part)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteByte('.')
	}

	return b.String()
}

// isNameSeparator reports whether r separates the parts of a name: a space
// or the hyphen of a double name.
func isNameSeparator(r rune) bool { return unicode.IsSpace(r) || r == '-' }

// AffiliationsOf returns the affiliations of the author at index i of Authors.
func (fm *FrontMatter) AffiliationsOf(i int) []string {
	if i < 0 || i >= len(fm.AuthorAffiliations) {
		return nil
	}

	var out []string
	for _, n := range fm.AuthorAffiliations[i] {
		if n >= 1 && n <= len(fm.Affiliations) {
			out = append(out, fm.Affiliations[n-1])
		}
	}

	return out
}

// setDate records the date of one step of the review's history.
func (fm *FrontMatter) setDate(step, date string) {
	switch step {
	case "Submission received", "Received":
		fm.Received = date
	case "Revised":
		fm.Revised = date
	case "Accepted":
		fm.Accepted = date
	case "Published":
		fm.Published = date
	}
}
