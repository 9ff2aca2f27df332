package corpus

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// Landmarks of the article inside the page text. Everything before the abstract
// and after the last table is web-page chrome (journal navigation, font
// controls, "Share and Cite", "Article Metrics").
const (
	abstractHeading      = "Abstract"
	backMatterHeading    = "Author Contributions"
	abbreviationsHeading = "Abbreviations"
	referencesHeading    = "References"
	futureHeading        = "Future Directions"
	bulletPrefix         = "•"
)

var (
	errNoLandmark = errors.New("landmark not found")

	// numberedHeading matches "4.2. Libraries for Image Data"; headings are short
	// and never end with a full stop, which tells them from numbered prose.
	numberedHeading = regexp.MustCompile(`^(\d+(?:\.\d+)?)\. ([A-Z][^.]{2,80})$`)

	// referenceLine matches "  85. Gros, C.; ... arXiv 2020, ...".
	referenceLine = regexp.MustCompile(`^\s*(\d+)\. (.+)$`)
)

// findLine returns the index of the first line equal to want at or after from.
func findLine(lines []string, want string, from int) (int, error) {
	for i := from; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == want {
			return i, nil
		}
	}

	return 0, fmt.Errorf("%q: %w", want, errNoLandmark)
}

// parseSections reads the prose from the abstract to the back matter.
func parseSections(lines []string) ([]Section, error) {
	start, err := findLine(lines, abstractHeading, 0)
	if err != nil {
		return nil, err
	}

	end, err := findLine(lines, backMatterHeading, start)
	if err != nil {
		return nil, err
	}

	sections := []Section{{Title: abstractHeading}}
	for _, line := range lines[start+1 : end] {
		line = strings.TrimSpace(line)
		if head, ok := parseHeading(line, sections); ok {
			sections = append(sections, head)
			continue
		}

		addProse(&sections[len(sections)-1], line)
	}

	return sections, nil
}

// parseHeading recognises a section heading and places it in the outline.
func parseHeading(line string, sofar []Section) (Section, bool) {
	if line == futureHeading {
		return Section{Title: line, Parent: lastTopLevel(sofar)}, true
	}

	m := numberedHeading.FindStringSubmatch(line)
	if m == nil {
		return Section{}, false
	}

	s := Section{Number: m[1], Title: m[2]}
	if i := strings.IndexByte(s.Number, '.'); i > 0 {
		s.Parent = s.Number[:i]
	}

	return s, true
}

// lastTopLevel returns the number of the last top-level numbered section.
func lastTopLevel(sofar []Section) string {
	for i := len(sofar) - 1; i >= 0; i-- {
		if sofar[i].Number != "" && sofar[i].Parent == "" {
			return sofar[i].Number
		}
	}

	return ""
}

// addProse adds one line of prose to a section: a bullet joins the paragraph
// that introduces it, and the page's stray ":" after "Abstract" is dropped.
func addProse(s *Section, line string) {
	if line == "" || line == ":" {
		return
	}

	if item, ok := strings.CutPrefix(line, bulletPrefix); ok {
		item = "- " + strings.TrimSpace(item)
		if n := len(s.Paragraphs); n > 0 {
			s.Paragraphs[n-1] += "\n" + item
			return
		}
	}

	s.Paragraphs = append(s.Paragraphs, line)
}

// parseAbbreviations reads the Abbreviations section, whose entries lost the
// separator between the short and the long form ("CNNConvolutional Neural Network").
func parseAbbreviations(lines []string) ([]Abbreviation, error) {
	start, err := findLine(lines, abbreviationsHeading, 0)
	if err != nil {
		return nil, err
	}

	end, err := findLine(lines, referencesHeading, start)
	if err != nil {
		return nil, err
	}

	var out []Abbreviation
	for _, line := range lines[start+1 : end] {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasSuffix(line, ":") {
			continue
		}

		short, long, ok := splitAbbreviation(line)
		if !ok {
			return nil, fmt.Errorf("abbreviation %q: cannot split", line)
		}

		out = append(out, Abbreviation{Short: short, Long: long})
	}

	return out, nil
}

// splitAbbreviation cuts "XAIeXplainable Artificial Intelligence" into its short
// and long forms. The preferred cut is the one where the capitals of the long
// form spell the short form; else the longest short form after which a
// capitalised word starts ("EEGElectroencephalography").
func splitAbbreviation(line string) (short, long string, ok bool) {
	limit := strings.IndexByte(line, ' ')
	if limit < 0 {
		limit = len(line)
	}

	best := -1
	for i := 1; i < limit; i++ {
		a, b := line[:i], line[i:]
		if capitals(a) != "" && capitals(a) == capitals(b) {
			return a, b, true
		}

		if startsWord(b) && !hasLowerOutsideParens(a) {
			best = i
		}
	}

	if best < 0 {
		return "", "", false
	}

	return line[:best], line[best:], true
}

// capitals returns the upper-case letters of s outside parentheses.
func capitals(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')':
			depth--
		case depth == 0 && unicode.IsUpper(r):
			b.WriteRune(r)
		}
	}

	return b.String()
}

// startsWord reports whether s starts with a capital followed by a lower-case letter.
func startsWord(s string) bool {
	r := []rune(s)

	return len(r) > 1 && unicode.IsUpper(r[0]) && unicode.IsLower(r[1])
}

// hasLowerOutsideParens reports whether s has a lower-case letter outside parentheses.
func hasLowerOutsideParens(s string) bool {
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')':
			depth--
		case depth == 0 && unicode.IsLower(r):
			return true
		}
	}

	return false
}

// parseReferences reads the numbered reference list, which ends where the
// first table caption begins.
func parseReferences(lines []string) ([]Reference, error) {
	start, err := findLine(lines, referencesHeading, 0)
	if err != nil {
		return nil, err
	}

	var out []Reference
	for _, line := range lines[start+1:] {
		if strings.TrimSpace(line) == "" {
			continue
		}

		m := referenceLine.FindStringSubmatch(line)
		if m == nil {
			break
		}

		n, _ := strconv.Atoi(m[1])
		if n != len(out)+1 {
			return nil, fmt.Errorf("reference %d follows %d", n, len(out))
		}

		text := strings.TrimSpace(referenceLinks.ReplaceAllString(m[2], ""))
		out = append(out, Reference{N: n, Title: referenceTitle(text), Text: text})
	}

	if len(out) == 0 {
		return nil, errors.New("no references")
	}

	return out, nil
}

var (
	// referenceLinks matches the page's link labels after a reference.
	referenceLinks = regexp.MustCompile(`\s*\[(Google Scholar|CrossRef|PubMed|Green Version)\]`)

	// authorEnd matches the end of an author list: "et al. " or a person's
	// initials ("Kramer, F. ", "Wang, S.S.H. ", "Zeng, D. ").
	authorEnd = regexp.MustCompile(`(?:et al\.|, (?:[A-Z]\.-?)+(?:[A-Z]\.)*) `)

	// titleEnd matches the end of a title: a full stop, question mark or
	// semicolon before the venue or the publisher.
	titleEnd = regexp.MustCompile(`[.?;] `)
)

// referenceTitle extracts the title of a reference: what follows the author
// list (its first "et al." or closing initials) and precedes the venue.
// References without personal authors ("R Core Team. R: ...", "Nature
// Neuroscience. Available online: ...") keep their first sentence.
func referenceTitle(text string) string {
	rest := text
	if loc := authorEnd.FindStringIndex(text); loc != nil {
		rest = text[loc[1]:]
	}

	if loc := titleEnd.FindStringIndex(rest); loc != nil {
		rest = rest[:loc[0]+1]
	}

	return strings.TrimRight(strings.TrimSpace(rest), ".;")
}
