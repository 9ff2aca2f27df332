package assistant

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/neuroguide/neuroguide/corpus"
)

// Cue words of a sum or an average of a usage count, as stemmed terms.
var (
	sumCues     = stems("combined total sum summed altogether cumulative cumulatively together")
	averageCues = stems("average averaged")

	// meanNext and meanBefore make "mean" the average, not the verb: "the
	// mean number of forks", "mean stars"; never "what do stars mean?".
	meanNext   = stems("number count value of star fork contributor")
	meanBefore = stems("the a")
)

// asksMean reports whether "mean" stands in terms as the average.
func asksMean(terms []string) bool {
	for i, t := range terms {
		if t != "mean" {
			continue
		}

		if i+1 < len(terms) && slices.Contains(meanNext, terms[i+1]) ||
			i > 0 && slices.Contains(meanBefore, terms[i-1]) {
			return true
		}
	}

	return false
}

// totalAsked reports whether a question asks for the sum or the average of
// a usage count over libraries: "the combined star count of the federated
// learning frameworks", "the average number of contributors". A count's
// words inside a condition ("more than 100 stars") name no total.
func totalAsked(q *question) bool {
	terms := cueTerms(q)
	if !hasAny(terms, sumCues) && !hasAny(terms, averageCues) && !asksMean(terms) {
		return false
	}

	return len(totalCounts(q)) > 0
}

// asksAverage reports whether a total question asks for the average.
func asksAverage(q *question) bool {
	return hasAny(cueTerms(q), averageCues) || asksMean(cueTerms(q))
}

// totalCounts returns the usage counts a total question sums, in its order.
func totalCounts(q *question) []corpus.UsageCount {
	var out []corpus.UsageCount
	for _, f := range q.fields {
		if u, ok := usageOfField(f); ok {
			out = append(out, u)
		}
	}

	return out
}

// usageOfField returns the usage count of a field.
func usageOfField(f field) (corpus.UsageCount, bool) {
	switch f {
	case fieldStars:
		return corpus.UsageStars, true
	case fieldForks:
		return corpus.UsageForks, true
	case fieldContributors:
		return corpus.UsageContributors, true
	}

	return "", false
}

// total is the sum of one usage count over libraries.
type total struct {
	count   corpus.UsageCount
	added   []*corpus.Library // the libraries with a number, highest first
	missing []*corpus.Library // the libraries the review gives no number for
	twice   []string          // names with two rows and one repository, added once
	sum     int
}

// sumOf adds a usage count over libraries, each repository once.
func sumOf(libs []*corpus.Library, u corpus.UsageCount) total {
	t := total{count: u}
	for _, l := range libs {
		switch {
		case sameRepository(l, t.added) || sameRepository(l, t.missing):
			t.twice = append(t.twice, l.Name)
		case l.Count(u) == nil:
			t.missing = append(t.missing, l)
		default:
			t.added = append(t.added, l)
			t.sum += *l.Count(u)
		}
	}

	sortByCount(t.added, u)

	return t
}

// writeTotal answers the sum or average of usage counts over the
// question's libraries: every record the selection matches, never a top k.
func (a *Assistant) writeTotal(q *question, w *answer) {
	libs, note := a.matchOrRelax(q)
	if note != "" {
		w.printf("%s\n\n", note)
	}

	scope := fmt.Sprintf("the **%d of %d** libraries in %s with %s", len(libs), len(a.scope(q)),
		a.scopeName(q), describeSelection(q.sel))
	if q.sel.Empty() {
		scope = fmt.Sprintf("all **%d** libraries in %s", len(libs), a.scopeName(q))
	}

	var shown []*corpus.Library
	for _, u := range totalCounts(q) {
		t := sumOf(libs, u)
		a.writeOneTotal(q, t, scope, w)
		for _, l := range t.added {
			if !slices.Contains(shown, l) {
				shown = append(shown, l)
			}
		}
	}

	w.shown, w.base = shown, libs
	w.facts.listed = shown
	w.usage = true
}

// writeOneTotal writes one count's sum or average, the numbers it adds, and
// the libraries it could not add.
func (a *Assistant) writeOneTotal(q *question, t total, scope string, w *answer) {
	what := t.count.Describe()
	if len(t.added) == 0 {
		w.printf("The review gives no %s count for %s.\n\n", strings.TrimSuffix(what, "s"), scope)
		return
	}

	if asksAverage(q) {
		w.printf("Over %s, the average is **%s %s** per library: %d in all, over the %s "+
			"the review gives a number for%s.\n\n", scope, average(t.sum, len(t.added)), what,
			t.sum, librariesWord(len(t.added)), countedOnce(t.twice))
	} else {
		w.printf("Over %s, the combined count is **%d %s**, the sum of the counts of %s%s."+
			"\n\n", scope, t.sum, what, librariesWord(len(t.added)), countedOnce(t.twice))
	}

	parts := make([]string, len(t.added))
	for i, l := range t.added {
		parts[i] = fmt.Sprintf("%s %s: %d", l.Name, w.src.library(l), *l.Count(t.count))
	}

	w.printf("%s = %d.\n\n", strings.Join(parts, " + "), t.sum)
	if len(t.missing) > 0 {
		w.printf("Not added, for lack of the number: the review gives no %s count for %s.\n\n",
			strings.TrimSuffix(what, "s"), namesOf(t.missing))
	}
}

// librariesWord renders "1 library" or "n libraries".
func librariesWord(n int) string {
	if n == 1 {
		return "1 library"
	}

	return fmt.Sprintf("%d libraries", n)
}

// average renders sum/n with one decimal, or none when it is whole.
func average(sum, n int) string {
	if sum%n == 0 {
		return strconv.Itoa(sum / n)
	}

	return strconv.FormatFloat(float64(sum)/float64(n), 'f', 1, 64)
}
