// Package corpus holds the review the assistant answers about and parses it.
//
// The review is "An Overview of Open Source Deep Learning-Based Libraries for
// Neuroscience" (Tshimanga, Del Pup, Corbetta, Atzori; Applied Sciences 2023,
// 13(9), 5472; DOI 10.3390/app13095472), published under CC BY 4.0. Its plain
// text, web-page chrome included, is embedded in the binary (review.txt).
//
// Parse turns that text into a Review: its front matter (authors with their
// affiliations, corresponding authors, dates), the sections of prose with
// their paragraphs, the statements of its back matter (author contributions,
// funding, conflicts of interest, ...), the numbered references, the
// abbreviations, and one Library per table row, joined across its category's
// three tables. The text lost the cell
// separators of the tables, so rows are cut into cells by the shape and the
// vocabulary of each column (see columns.go), never by a hand-typed table.
package corpus
