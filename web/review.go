package web

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/neuroguide/neuroguide/corpus"
)

//go:embed review.html
var reviewTemplate string

// reviewPage is what review.html renders.
type reviewPage struct {
	Title, Authors, Journal, DOIURL, License string

	// People and Affiliations are the front matter's authors with the
	// numbers of their affiliations, and the numbered affiliations.
	People        []reviewAuthor
	Affiliations  []string
	Corresponding bool // some author is marked for correspondence

	Sections      []corpus.Section
	Statements    []corpus.Statement
	Tables        []reviewTable
	Abbreviations []corpus.Abbreviation
	References    []corpus.Reference
}

// reviewAuthor is one author of the front matter, with the numbers of
// their affiliations and whether correspondence is addressed to them.
type reviewAuthor struct {
	Name          string
	Marks         string // "1, 2, 5"
	Corresponding bool
}

// reviewTable is one of the review's tables with the records it lists.
type reviewTable struct {
	corpus.Table
	Libraries []*corpus.Library
}

// ReviewHandler serves the parsed review as one HTML page, the page the
// sources of answers link into. Every section has the id Section.Anchor
// ("section-4.2"), every back-matter statement Statement.Anchor
// ("statement-funding"), every table Table.Anchor ("table-4"), every record
// "library-" and its ID with the slash replaced ("library-image-deeplabcut"),
// and every reference "ref-" and its number. The page is rendered once.
func ReviewHandler(r *corpus.Review) (http.Handler, error) {
	tmpl, err := template.New("review").Funcs(template.FuncMap{
		"join":       corpus.Join,
		"paragraphs": splitBullets,
		"blocks":     func(text string) []string { return strings.Split(text, "\n\n") },
		"anchor":     LibraryAnchor,
		"usage":      func(l *corpus.Library) string { return l.Usage() },
	}).Parse(reviewTemplate)
	if err != nil {
		return nil, fmt.Errorf("parse review template: %w", err)
	}

	var page bytes.Buffer
	if err := tmpl.Execute(&page, newReviewPage(r)); err != nil {
		return nil, fmt.Errorf("render review: %w", err)
	}

	body := page.Bytes()

	return withSecurityHeaders(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=3600")
		_, _ = w.Write(body)
	})), nil
}

// LibraryAnchor is a record's fragment id in the review page.
func LibraryAnchor(l *corpus.Library) string {
	return "library-" + strings.ReplaceAll(l.ID, "/", "-")
}

// newReviewPage groups the records under the tables that list them.
func newReviewPage(r *corpus.Review) reviewPage {
	p := reviewPage{
		Title: corpus.Title, Authors: corpus.Authors, Journal: corpus.Journal,
		DOIURL: corpus.DOIURL, License: corpus.License,
		Affiliations: r.Front.Affiliations, Sections: r.Sections, Statements: r.Statements,
		Abbreviations: r.Abbreviations, References: r.References,
	}

	for i, name := range r.Front.Authors {
		var marks []string
		for _, n := range r.Front.AuthorAffiliations[i] {
			marks = append(marks, strconv.Itoa(n))
		}

		p.People = append(p.People, reviewAuthor{Name: name, Marks: strings.Join(marks, ", "),
			Corresponding: slices.Contains(r.Front.Corresponding, name)})
	}

	p.Corresponding = len(r.Front.Corresponding) > 0

	for _, t := range r.Tables {
		rt := reviewTable{Table: t}
		for i := range r.Libraries {
			if l := &r.Libraries[i]; l.Category == t.Category {
				rt.Libraries = append(rt.Libraries, l)
			}
		}

		p.Tables = append(p.Tables, rt)
	}

	return p
}

// prosePart is a paragraph's text or its bulleted list.
type prosePart struct {
	Text  string
	Items []string
}

// splitBullets separates a paragraph's text from the "- item" lines that the
// parser keeps with it.
func splitBullets(paragraph string) prosePart {
	lines := strings.Split(paragraph, "\n")
	part := prosePart{Text: lines[0]}
	for _, l := range lines[1:] {
		part.Items = append(part.Items, strings.TrimPrefix(l, "- "))
	}

	return part
}
