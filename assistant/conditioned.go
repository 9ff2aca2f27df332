package assistant

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/neuroguide/neuroguide/corpus"
	"github.com/neuroguide/neuroguide/retrieval"
)

// conditionParts renders a selection's usage and host conditions, as
// describeSelection joins them: "more than 1000 GitHub stars", "code on GitLab".
func conditionParts(sel retrieval.Selection) []string {
	var parts []string
	for _, c := range sel.Conditions {
		parts = append(parts, c.String())
	}

	if len(sel.Host.Hosts) > 0 {
		parts = append(parts, sel.Host.String())
	}

	return parts
}

// conditionCounts returns the usage counts a selection's conditions test,
// each once.
func conditionCounts(sel retrieval.Selection) []corpus.UsageCount {
	var out []corpus.UsageCount
	for _, c := range sel.Conditions {
		if !slices.Contains(out, c.Count) {
			out = append(out, c.Count)
		}
	}

	return out
}

// usageSuffix renders the counts a listed library's line states: "; GitHub
// stars: 4000".
func usageSuffix(l *corpus.Library, counts []corpus.UsageCount) string {
	var b strings.Builder
	for _, u := range counts {
		fmt.Fprintf(&b, "; %s: %s", u.Describe(), number(l.Count(u)))
	}

	return b.String()
}

// number renders an optional count, a missing one as "not given".
func number(n *int) string {
	if n == nil {
		return "not given"
	}

	return fmt.Sprint(*n)
}

// conditioned prepares the libraries of a question with conditions: a
// repository with a row in two categories (NiftyNet, DeLINEATE) is counted
// once, since its counts and link are one repository's, and the libraries
// are ordered by the first count tested, highest first. It returns them and
// the names counted once, and makes each line state the counts tested. A
// question without conditions keeps its libraries as they are.
func conditioned(q *question, libs []*corpus.Library, w *answer) ([]*corpus.Library,
	[]string) {
	if !q.sel.Conditional() {
		return libs, nil
	}

	var out []*corpus.Library
	var twice []string
	for _, l := range libs {
		if sameRepository(l, out) {
			twice = append(twice, l.Name)
			continue
		}

		out = append(out, l)
	}

	w.counts = conditionCounts(q.sel)
	if len(w.counts) > 0 {
		sortByCount(out, w.counts[0])
	}

	return out, twice
}

// sortByCount orders libraries by a count, highest first, missing last.
func sortByCount(libs []*corpus.Library, u corpus.UsageCount) {
	sort.SliceStable(libs, func(i, j int) bool {
		x, y := libs[i].Count(u), libs[j].Count(u)
		return x != nil && (y == nil || *x > *y)
	})
}

// countedOnce says which libraries' two rows were counted once.
func countedOnce(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf(" (%s has a row in two categories and one repository: it is "+
			"counted once)", names[0])
	}

	return fmt.Sprintf(" (%s have a row in two categories and one repository each: each is "+
		"counted once)", strings.Join(names, " and "))
}

// writeLeftOut says, for each count a condition compares, which libraries
// the condition could not test because the review gives no number for
// them: a missing count never meets "more than 1000 stars" nor "fewer than
// 50". They are the libraries that meet every other part of the selection.
func (a *Assistant) writeLeftOut(q *question, w *answer) {
	for _, u := range conditionCounts(q.sel) {
		if !comparesCount(q.sel, u) {
			continue
		}

		rest := q.sel
		rest.Conditions = slices.DeleteFunc(slices.Clone(q.sel.Conditions),
			func(c retrieval.Condition) bool { return c.Count == u })
		var lacking []*corpus.Library
		for _, l := range selectIn(a.scope(q), rest) {
			if l.Count(u) == nil && !sameRepository(l, lacking) {
				lacking = append(lacking, l)
			}
		}

		if len(lacking) == 0 {
			continue
		}

		w.printf("%s for lack of the number: the review gives no %s count for %s.\n\n",
			leftOutCount(len(lacking)), strings.TrimSuffix(u.Describe(), "s"),
			namesOf(lacking))
	}
}

// leftOutCount opens the left-out sentence: "1 library is left out".
func leftOutCount(n int) string {
	if n == 1 {
		return "1 library is left out"
	}

	return fmt.Sprintf("%d libraries are left out", n)
}

// comparesCount reports whether the selection compares count u with a
// number, rather than asking whether it is missing.
func comparesCount(sel retrieval.Selection, u corpus.UsageCount) bool {
	return slices.ContainsFunc(sel.Conditions, func(c retrieval.Condition) bool {
		return c.Count == u && c.Op != retrieval.OpMissing
	})
}

// writeConditionCheck answers yes or no for each condition a question about
// one library sets: "Does MONAI have more than 1000 stars?", "Is DeepCINAC
// on GitHub?", with the number or the host the answer rests on.
func writeConditionCheck(q *question, l *corpus.Library, w *answer) {
	for _, c := range q.sel.Conditions {
		w.usage = true
		n := l.Count(c.Count)
		if n == nil && c.Op != retrieval.OpMissing {
			w.printf("- No: the review gives no %s count for **%s**, so it cannot meet %s %s\n",
				strings.TrimSuffix(c.Count.Describe(), "s"), l.Name, c, w.src.library(l))
			continue
		}

		w.printf("- %s: **%s** has %s %s (asked: %s) %s\n", yesNo(c.Holds(l)), l.Name,
			number(n), c.Count.Describe(), c, w.src.library(l))
	}

	if h := q.sel.Host; len(h.Hosts) > 0 {
		w.printf("- %s: the code of **%s** is on %s, %s (asked: %s) %s\n", yesNo(h.Holds(l)),
			l.Name, hostName(l), l.SourceURL(), h, w.src.library(l))
	}

	w.printf("\n")
}

// yesNo renders a verdict.
func yesNo(ok bool) string {
	if ok {
		return "Yes"
	}

	return "No"
}

// hostName names where a library's code is: "GitHub", or the site's host name.
func hostName(l *corpus.Library) string {
	if h := l.Host(); h != corpus.HostElsewhere {
		return string(h)
	}

	return l.SourceHost()
}
