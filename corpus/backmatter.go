package corpus

import (
	"errors"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Statement is one statement of the review's back matter, between its
// conclusions and its abbreviations: Author Contributions, Funding, Conflicts
// of Interest and the like.
type Statement struct {
	// Heading is the statement's heading as the review writes it ("Funding").
	Heading string `json:"heading"`

	// Text is the statement's text, its paragraphs joined by blank lines.
	Text string `json:"text"`
}

// Anchor is the statement's fragment id in the review page: "statement-funding".
func (s Statement) Anchor() string {
	return "statement-" + strings.Join(strings.Fields(strings.ToLower(s.Heading)), "-")
}

// Contribution is one role of the Author Contributions statement with the
// authors who had it.
type Contribution struct {
	// Role is the role as the statement writes it ("writing—original draft preparation").
	Role string `json:"role"`

	// Authors are the authors' full names where the front matter resolves
	// their initials, else the initials as written ("M.A.").
	Authors []string `json:"authors"`
}

// Shape of a back-matter heading: a short line that starts with a capital
// and ends without a stop, as no sentence of a statement does.
const (
	maxHeadingRunes = 60
	maxHeadingWords = 6
)

// sentenceEnds are the marks a line of text ends with and a heading does not.
const sentenceEnds = ".,:;!?"

// errNoStatements is returned when the back matter holds no statement.
var errNoStatements = errors.New("no back-matter statements")

// parseStatements reads the back matter from "Author Contributions" to
// "Abbreviations": each statement is a heading line, found by its shape,
// and the paragraphs up to the next heading. The line after a heading is
// always text, even when short ("Not applicable" without its stop).
func parseStatements(lines []string) ([]Statement, error) {
	start, err := findLine(lines, backMatterHeading, 0)
	if err != nil {
		return nil, err
	}

	end, err := findLine(lines, abbreviationsHeading, start)
	if err != nil {
		return nil, err
	}

	var out []Statement
	for _, line := range lines[start:end] {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case isStatementHeading(line) && (len(out) == 0 || out[len(out)-1].Text != ""):
			out = append(out, Statement{Heading: line})
		case len(out) > 0:
			out[len(out)-1].Text = joinParagraph(out[len(out)-1].Text, line)
		}
	}

	if n := len(out); n > 0 && out[n-1].Text == "" {
		out = out[:n-1]
	}

	if len(out) == 0 {
		return nil, errNoStatements
	}

	return out, nil
}

// parseBackMatter reads the back matter's statements and the roles of its
// Author Contributions statement.
func (r *Review) parseBackMatter(lines []string) error {
	sts, err := parseStatements(lines)
	if err != nil {
		return err
	}

	r.Statements = sts
	if st, ok := r.Statement(backMatterHeading); ok {
		r.Contributions = parseContributions(st.Text, &r.Front)
	}

	return nil
}

// isStatementHeading reports whether a line has the shape of a heading:
// "Funding", "Conflicts of Interest", "Data Availability Statement".
func isStatementHeading(line string) bool {
	first, _ := utf8.DecodeRuneInString(line)
	last, _ := utf8.DecodeLastRuneInString(line)

	return unicode.IsUpper(first) && !strings.ContainsRune(sentenceEnds, last) &&
		utf8.RuneCountInString(line) <= maxHeadingRunes &&
		len(strings.Fields(line)) <= maxHeadingWords
}

// joinParagraph adds a paragraph to a statement's text.
func joinParagraph(text, line string) string {
	if text == "" {
		return line
	}

	return text + "\n\n" + line
}

// Statement returns the back-matter statement with the given heading, in any
// case, and whether the review has it.
func (r *Review) Statement(heading string) (Statement, bool) {
	for _, s := range r.Statements {
		if strings.EqualFold(s.Heading, heading) {
			return s, true
		}
	}

	return Statement{}, false
}

// initialsList matches the authors of a role at the start of the rest of a
// clause: "M.A. and L.F.T.", "M.A., L.F.T., F.D.P., M.C.".
var initialsList = regexp.MustCompile(`^(?:\p{Lu}\.)+`)

// authorSeparator matches what stands between two authors' initials.
var authorSeparator = regexp.MustCompile(`^(?:,? and |, )`)

// parseContributions reads the Author Contributions statement, a list of
// "role, initials and initials" clauses joined by semicolons, and names each
// role's authors in full where the front matter's initials resolve them.
// Text after the last initials ("All authors have read ...") is no role.
func parseContributions(text string, fm *FrontMatter) []Contribution {
	names := map[string]string{}
	for i := range fm.Authors {
		names[fm.Initials(i)] = fm.Authors[i]
	}

	var out []Contribution
	for _, clause := range strings.Split(text, ";") {
		role, rest, ok := strings.Cut(strings.TrimSpace(clause), ", ")
		if !ok {
			continue
		}

		if authors := contributors(rest, names); len(authors) > 0 {
			out = append(out, Contribution{Role: role, Authors: authors})
		}
	}

	return out
}

// contributors reads the initials at the start of rest, resolved to names.
func contributors(rest string, names map[string]string) []string {
	var out []string
	for {
		ini := initialsList.FindString(rest)
		if ini == "" {
			return out
		}

		name, ok := names[ini]
		if !ok {
			name = ini
		}

		out = append(out, name)
		rest = rest[len(ini):]
		sep := authorSeparator.FindString(rest)
		if sep == "" {
			return out
		}

		rest = rest[len(sep):]
	}
}
