package assistant

import (
	"regexp"
	"slices"
	"strings"

	"github.com/neuroguide/neuroguide/corpus"
	"github.com/neuroguide/neuroguide/retrieval"
)

// numberedName is a name with a number of its own: "ADNI-2", "Python3",
// "ADNI 3"; not "BCI IV", whose number is a numeral.
var numberedName = regexp.MustCompile(`\b([A-Za-z]{2,})([- ]?)(\d+)\b`)

// isNumberedName reports whether a match of numberedName is a name: an
// acronym before its number, or letters joined to it ("ADNI 3", "Python3"),
// not words and a count ("top 5", "over 1000").
func isNumberedName(m []string) bool {
	return m[2] != " " || len(m[1]) >= 2 && strings.ToUpper(m[1]) == m[1]
}

// numberedForms returns, for each name the review's passages and references
// write with a number, the forms they write, keyed by the name's letters in
// lower case: "adni" holds "ADNI-2".
func numberedForms(chunks []retrieval.Chunk, refs []corpus.Reference) map[string][]string {
	out := map[string][]string{}
	add := func(text string) {
		for _, m := range numberedName.FindAllStringSubmatch(text, -1) {
			if !isNumberedName(m) {
				continue
			}

			key := strings.ToLower(m[1])
			if !slices.Contains(out[key], m[0]) {
				out[key] = append(out[key], m[0])
			}
		}
	}

	for _, c := range chunks {
		if c.Kind == retrieval.KindPassage {
			add(c.Text)
		}
	}

	for _, r := range refs {
		add(r.Text)
	}

	return out
}

// otherNumber declines a question about a numbered thing the review writes
// only with other numbers: it mentions ADNI-2, so "How many subjects are in
// ADNI-3?" asks of something it does not cover.
func (a *Assistant) otherNumber(q *question) decline {
	for _, m := range numberedName.FindAllStringSubmatch(q.read, -1) {
		forms := a.numbered[strings.ToLower(m[1])]
		same := func(f string) bool { return numberedName.FindStringSubmatch(f)[3] == m[3] }
		if !isNumberedName(m) || len(forms) == 0 || slices.ContainsFunc(forms, same) {
			continue
		}

		return decline{topic: "“" + m[0] + "”",
			why: "it mentions only " + joinAnd(quoteEach(forms))}
	}

	return decline{}
}

// quoteEach puts each form in quotation marks.
func quoteEach(forms []string) []string {
	out := make([]string, len(forms))
	for i, f := range forms {
		out[i] = "“" + f + "”"
	}

	return out
}
