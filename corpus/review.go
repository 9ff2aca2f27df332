package corpus

import (
	_ "embed"
	"fmt"
	"regexp"
	"strings"
)

//go:embed review.txt
var reviewText string

// Citation facts of the review, shown wherever an answer credits it.
const (
	Title   = "An Overview of Open Source Deep Learning-Based Libraries for Neuroscience"
	Authors = "Tshimanga, L.F.; Del Pup, F.; Corbetta, M.; Atzori, M."
	Journal = "Applied Sciences 2023, 13(9), 5472"
	DOI     = "10.3390/app13095472"
	DOIURL  = "https://doi.org/" + DOI
	License = "CC BY 4.0"
)

// Text returns the review's plain text as shipped, page chrome included.
func Text() string { return reviewText }

// Review is the parsed review.
type Review struct {
	// Front is what the front matter says of the review: its authors in
	// full, its dates and its special issue.
	Front FrontMatter

	// Sections are the parts of the prose in reading order, the abstract first.
	Sections []Section

	// References are the numbered entries of the reference list, in order.
	References []Reference

	// Statements are the back matter's statements, in order: Author
	// Contributions, Funding, Conflicts of Interest and the others.
	Statements []Statement

	// Contributions are the roles of the Author Contributions statement, each
	// with its authors named in full.
	Contributions []Contribution

	// Abbreviations are the entries of the Abbreviations section.
	Abbreviations []Abbreviation

	// Tables are the captions of the nine tables.
	Tables []Table

	// Libraries holds one record per row of the domain tables (1, 4 and 7).
	Libraries []Library
}

// Section is one part of the review's prose.
type Section struct {
	// Number is the section's number ("4.2"); it is empty for the abstract and
	// for Future Directions, which the review does not number.
	Number string `json:"number,omitempty"`

	// Title is the heading without its number.
	Title string `json:"title"`

	// Parent is the number of the enclosing section ("5" for Future Directions);
	// empty at the top level.
	Parent string `json:"parent,omitempty"`

	// Paragraphs are the section's paragraphs; a bulleted list is kept with the
	// paragraph that introduces it, one "- item" per line.
	Paragraphs []string `json:"paragraphs"`
}

// Label names the section as an answer cites it: "4.2. Libraries for Image Data",
// or "Future Directions (5. Discussion)".
func (s Section) Label() string {
	if s.Number != "" {
		return s.Number + ". " + s.Title
	}

	return s.Title
}

// Anchor is the section's fragment id in the review page: "section-4.2".
func (s Section) Anchor() string {
	key := s.Number
	if key == "" {
		key = strings.ToLower(strings.ReplaceAll(s.Title, " ", "-"))
	}

	return "section-" + key
}

// Reference is one entry of the review's reference list.
type Reference struct {
	N     int    `json:"n"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

// Abbreviation is one entry of the Abbreviations section.
type Abbreviation struct {
	Short string `json:"short"`
	Long  string `json:"long"`
}

// Table is one of the nine tables of the review.
type Table struct {
	Number   int       `json:"number"`
	Caption  string    `json:"caption"`
	Category Category  `json:"category"`
	Kind     TableKind `json:"kind"`
}

// Anchor is the table's fragment id in the review page: "table-4".
func (t Table) Anchor() string { return fmt.Sprintf("table-%d", t.Number) }

// Parse parses the review embedded in the binary.
func Parse() (*Review, error) { return ParseText(reviewText) }

// ParseText parses a review from its plain text.
func ParseText(text string) (*Review, error) {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	r := &Review{Front: parseFrontMatter(lines)}

	var err error
	if r.Sections, err = parseSections(lines); err != nil {
		return nil, fmt.Errorf("parse sections: %w", err)
	}

	if err := r.parseBackMatter(lines); err != nil {
		return nil, fmt.Errorf("parse back matter: %w", err)
	}

	if r.Abbreviations, err = parseAbbreviations(lines); err != nil {
		return nil, fmt.Errorf("parse abbreviations: %w", err)
	}

	if r.References, err = parseReferences(lines); err != nil {
		return nil, fmt.Errorf("parse references: %w", err)
	}

	raw, err := collectTables(lines)
	if err != nil {
		return nil, fmt.Errorf("collect tables: %w", err)
	}

	for _, t := range raw {
		r.Tables = append(r.Tables, t.Table)
	}

	if r.Libraries, err = buildLibraries(raw, r.References); err != nil {
		return nil, fmt.Errorf("build libraries: %w", err)
	}

	return r, nil
}

// Section returns the section with the given number or title, and whether it exists.
func (r *Review) Section(key string) (Section, bool) {
	for _, s := range r.Sections {
		if s.Number == key || strings.EqualFold(s.Title, key) {
			return s, true
		}
	}

	return Section{}, false
}

// Reference returns reference n, and whether it exists.
func (r *Review) Reference(n int) (Reference, bool) {
	if n < 1 || n > len(r.References) || r.References[n-1].N != n {
		return Reference{}, false
	}

	return r.References[n-1], true
}

// Table returns table n, and whether it exists.
func (r *Review) Table(n int) (Table, bool) {
	for _, t := range r.Tables {
		if t.Number == n {
			return t, true
		}
	}

	return Table{}, false
}

// usageDate finds the date the review's usage numbers were taken.
var usageDate = regexp.MustCompile(`use were updated to (\d{1,2} [A-Z][a-z]+ \d{4})`)

// UsageDate returns the date of the review's snapshot of stars, forks,
// contributors and maintenance ("17 April 2023"), as its methods section
// states it, or "" when the prose does not say.
func (r *Review) UsageDate() string {
	for _, s := range r.Sections {
		for _, p := range s.Paragraphs {
			if m := usageDate.FindStringSubmatch(p); m != nil {
				return m[1]
			}
		}
	}

	return ""
}
