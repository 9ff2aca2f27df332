package corpus

import (
	"regexp"
	"strings"
)

// FrontMatter is what the review's front matter says of the review itself,
// beyond the citation facts (Title, Authors, Journal, DOI, License).
type FrontMatter struct {
	// Authors are the authors' full names, in order; nil when not found.
	Authors []string `json:"authors,omitempty"`

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
		fm.Authors = frontAuthors(lines[by+1 : end])
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

// frontAuthors reads the authors' names up to the first affiliation, whose
// line is its number alone.
func frontAuthors(lines []string) []string {
	var out []string
	for _, line := range lines {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.Trim(line, "0123456789") == "":
			return out
		case !affiliationMark.MatchString(line):
			out = append(out, line)
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
