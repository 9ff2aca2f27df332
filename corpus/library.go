package corpus

import (
	"fmt"
	"strings"
)

// Category is one of the review's three groups of libraries.
type Category string

// The review's categories, each with a domain, a model and a technology table.
const (
	CategorySequence Category = "sequence"
	CategoryImage    Category = "image"
	CategorySpecial  Category = "special"
)

// Categories lists the categories in the review's order.
var Categories = []Category{CategorySequence, CategoryImage, CategorySpecial}

// Describe names the category as the review does.
func (c Category) Describe() string {
	switch c {
	case CategorySequence:
		return "sequence data"
	case CategoryImage:
		return "image data"
	case CategorySpecial:
		return "special applications"
	}

	return string(c)
}

// TableKind says which of a category's three tables a table is.
type TableKind string

// The three kinds of table of each category.
const (
	KindDomain     TableKind = "domain"
	KindModel      TableKind = "model"
	KindTechnology TableKind = "technology"
)

// Ref is a reference the review gives for a library.
type Ref struct {
	N     int    `json:"n"`
	Title string `json:"title"`
}

// Library is one row of the review's tables, joined across its category's
// domain, model and technology tables. List fields keep the table's items in
// the table's order, so joining them with ", " gives back the cell. A number
// the review gives as "(*)" or leaves empty is nil.
type Library struct {
	// ID is unique across the 74 records: the category and the name ("image/deeplabcut").
	ID string `json:"id"`

	// Name is the row's name as the model and technology tables print it, without
	// reference marks ("LEAP, SLEAP", "ANTsX").
	Name string `json:"name"`

	// Aliases are other names the record answers to: each library of a row that
	// names several, other spellings in the tables, the repository's name.
	Aliases []string `json:"aliases"`

	Category Category `json:"category"`
	Tables   []int    `json:"tables"`
	Refs     []Ref    `json:"refs"`

	// Domain of application (Tables 1, 4, 7).
	Area      []string `json:"area"`
	DataTypes []string `json:"data_types"`
	Datasets  string   `json:"datasets"`
	Tasks     []string `json:"tasks"`

	// Model engineering (Tables 2, 5, 8).
	Models        []string `json:"models"`
	Frameworks    []string `json:"frameworks"`
	Customization string   `json:"customization"`
	Languages     []string `json:"languages"`

	// Technology and sources (Tables 3, 6, 9).
	Interfaces    []string `json:"interfaces"`
	OnlineOffline string   `json:"online_offline"`
	Maintenance   string   `json:"maintenance"`
	Source        string   `json:"source"`
	Stars         *int     `json:"stars"`
	Forks         *int     `json:"forks"`
	Contributors  *int     `json:"contributors"`
}

// Names returns the name and every alias.
func (l *Library) Names() []string {
	return append([]string{l.Name}, l.Aliases...)
}

// HasName reports whether the record answers to name, ignoring case.
func (l *Library) HasName(name string) bool {
	for _, n := range l.Names() {
		if strings.EqualFold(n, name) {
			return true
		}
	}

	return false
}

// Active reports whether the review lists the library as maintained.
func (l *Library) Active() bool { return l.Maintenance == "Active" }

// SourceURL returns the source as a link, adding the scheme the table left out.
func (l *Library) SourceURL() string {
	if l.Source == "" || strings.Contains(l.Source, "://") {
		return l.Source
	}

	return "https://" + l.Source
}

// Usage renders stars, forks and contributors as the review gives them,
// writing a missing number as "not given".
func (l *Library) Usage() string {
	return fmt.Sprintf("%s stars, %s forks, %s contributors",
		number(l.Stars), number(l.Forks), number(l.Contributors))
}

// number renders an optional count.
func number(n *int) string {
	if n == nil {
		return "not given"
	}

	return fmt.Sprint(*n)
}

// Join renders a list field as the table's cell.
func Join(items []string) string { return strings.Join(items, ", ") }

// TableList renders the record's tables: "Tables 4, 5, 6".
func (l *Library) TableList() string {
	parts := make([]string, len(l.Tables))
	for i, n := range l.Tables {
		parts[i] = fmt.Sprint(n)
	}

	return "Tables " + strings.Join(parts, ", ")
}

// Card renders the record as readable text: every field, labelled as the
// tables label it. It is what the index stores for the record and what a
// language model is shown.
func (l *Library) Card() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s; %s).", l.Name, l.Category.Describe(), l.TableList())
	if len(l.Aliases) > 0 {
		fmt.Fprintf(&b, " Also named: %s.", Join(l.Aliases))
	}

	fields := []struct{ label, value string }{
		{"Neuroscience area", Join(l.Area)},
		{"Data type", Join(l.DataTypes)},
		{"Datasets", l.Datasets},
		{"Task", Join(l.Tasks)},
		{"Models", Join(l.Models)},
		{"DL framework", Join(l.Frameworks)},
		{"Customization", l.Customization},
		{"Programming language", Join(l.Languages)},
		{"Interface", Join(l.Interfaces)},
		{"Online/offline", l.OnlineOffline},
		{"Maintenance", l.Maintenance},
		{"Source", l.SourceURL()},
		{"Usage", l.Usage()},
	}
	for _, f := range fields {
		fmt.Fprintf(&b, " %s: %s.", f.label, f.value)
	}

	for _, r := range l.Refs {
		fmt.Fprintf(&b, " Reference: ref. %d, %q.", r.N, r.Title)
	}

	return b.String()
}
