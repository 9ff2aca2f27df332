package assistant

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/neuroguide/neuroguide/corpus"
)

// refAsked finds the number of a reference a question asks for: "reference
// 95", "ref. 46", "refs #12", "citation no. 3", "reference [63]". Three
// digits at most: "citation 2023" names a year, not an entry.
var refAsked = regexp.MustCompile(`(?i)\b(?:references?|refs?|citations?)\.?\s*` +
	`(?:no\.?\s*|number\s*|#\s*)?\[?(\d{1,3})\]?(?:[^\d.,]|[.,]\D|[.,]?$)`)

// askedReference returns the reference number a question asks for.
func askedReference(text string) (int, bool) {
	m := refAsked.FindStringSubmatch(text)
	if m == nil {
		return 0, false
	}

	n, err := strconv.Atoi(m[1])

	return n, err == nil
}

// Words of a question about the size of the reference list.
var (
	// referenceNouns are what a count of the reference list counts.
	referenceNouns = stems("reference references")

	// citedNouns count the reference list with a verb of citing: "how many
	// papers does the review cite?".
	citedNouns = stems("paper papers work works publication publications article articles " +
		"source sources")
	citeVerbs = stems("cite cites cited citing")
)

// asksReferenceCount reports whether a question asks how many references
// the review has: "How many references does the review have?", "the number
// of papers the review cites". A question that names a library or a facet
// asks about its records instead ("how many references does DeepLabCut have").
func (a *Assistant) asksReferenceCount(q *question) bool {
	if len(q.names) > 0 || len(q.facets) > 0 || !hasCount(q.terms) {
		return false
	}

	i := countedTerm(q.terms)
	if i < 0 || i >= len(q.terms) {
		return false
	}

	t := q.terms[i]

	return slices.Contains(referenceNouns, t) ||
		slices.Contains(citedNouns, t) && hasAny(q.terms, citeVerbs)
}

// writeReference answers a question about one reference, or about the
// number of references.
func (a *Assistant) writeReference(q *question, w *answer) {
	if q.part.refCount {
		a.writeReferenceCount(w)
		return
	}

	n := q.part.ref
	ref, ok := a.review.Reference(n)
	if !ok {
		w.printf("There is no reference %d: the review's reference list has **%d** entries, "+
			"numbered 1 to %d %s.\n", n, len(a.review.References), len(a.review.References),
			w.src.referenceList())
		return
	}

	w.printf("Reference %d of the review %s: %s\n\n", n, w.src.reference(ref), ref.Text)
	libs := a.recordsCiting(n)
	a.writeCitingRecords(libs, w)
	a.writeCitingSentences(n, w)
	w.shown, w.base = libs, libs
}

// writeCitingRecords says which records of the tables the review gives a
// reference for.
func (a *Assistant) writeCitingRecords(libs []*corpus.Library, w *answer) {
	if len(libs) == 0 {
		w.printf("No library record of the review's tables cites it.\n\n")
		return
	}

	parts := make([]string, len(libs))
	for i, l := range libs {
		parts[i] = fmt.Sprintf("**%s** (%s) %s", l.Name, l.TableList(), w.src.library(l))
	}

	w.printf("The review's tables give it as the reference of %s.\n\n", joinAnd(parts))
}

// maxCitingSentences is how many sentences of the prose citing a reference
// an answer quotes.
const maxCitingSentences = 3

// writeCitingSentences quotes the sentences of the prose that cite reference n.
func (a *Assistant) writeCitingSentences(n int, w *answer) {
	var cites []*reviewSentence
	for i := range a.sents.sents {
		if s := &a.sents.sents[i]; slices.Contains(refNumbers(s.text), n) {
			cites = append(cites, s)
		}
	}

	if len(cites) == 0 {
		return
	}

	w.printf("The review's text cites it %s:\n\n", timesWord(len(cites)))
	for _, s := range cites[:min(len(cites), maxCitingSentences)] {
		w.printf("- “%s” %s (section %s)\n", rewriteRefs(s.text), w.src.section(s.section),
			s.section.Label())
	}

	w.printf("\n")
}

// timesWord renders "once" or "n times".
func timesWord(n int) string {
	if n == 1 {
		return "once"
	}

	return fmt.Sprintf("%d times", n)
}

// refNumbers returns the reference numbers a sentence cites: "[2,3]" cites
// 2 and 3, "[46–48]" 46 to 48.
func refNumbers(text string) []int {
	var out []int
	for _, m := range refMark.FindAllStringSubmatch(text, -1) {
		for _, part := range strings.Split(m[1], ",") {
			lo, hi, isRange := strings.Cut(strings.ReplaceAll(part, "–", "-"), "-")
			from, err1 := strconv.Atoi(strings.TrimSpace(lo))
			to, err2 := strconv.Atoi(strings.TrimSpace(hi))
			if err1 != nil {
				continue
			}

			if !isRange || err2 != nil || to < from {
				to = from
			}

			for k := from; k <= to; k++ {
				out = append(out, k)
			}
		}
	}

	return out
}

// recordsCiting returns the records the tables give reference n for.
func (a *Assistant) recordsCiting(n int) []*corpus.Library {
	var out []*corpus.Library
	for i := range a.review.Libraries {
		l := &a.review.Libraries[i]
		if slices.ContainsFunc(l.Refs, func(r corpus.Ref) bool { return r.N == n }) {
			out = append(out, l)
		}
	}

	return out
}

// writeReferenceCount answers how many references the review has, and how
// many of them the tables give for the records.
func (a *Assistant) writeReferenceCount(w *answer) {
	marker := w.src.referenceList()
	w.printf("The review's reference list has **%d** entries %s.\n\n", len(a.review.References),
		marker)

	with, refs := 0, map[int]bool{}
	for _, l := range a.review.Libraries {
		if len(l.Refs) > 0 {
			with++
		}

		for _, r := range l.Refs {
			refs[r.N] = true
		}
	}

	w.printf("The tables give a reference for %d of their %d library records, %d distinct "+
		"references in all.\n",
		with, len(a.review.Libraries), len(refs))
}

// referenceList cites the review's reference list as a whole.
func (s *sourceList) referenceList() string {
	return s.cite("references", Source{
		Kind:    KindSection,
		Title:   "Review, References",
		Section: "References",
		URL:     ReviewPath + "#references",
	})
}
