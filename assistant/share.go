package assistant

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"

	"github.com/neuroguide/neuroguide/corpus"
	"github.com/neuroguide/neuroguide/retrieval"
)

var (
	// shareCue finds a question asking what part of the libraries match:
	// "what fraction of", "the percentage of", "what share of", "how many
	// percent", "... and what fraction is that?".
	shareCue = regexp.MustCompile(`(?i)\b(?:percent(?:age)?s?|fractions?|proportions?|` +
		`shares?|ratio)\s+of\b|\bper ?cent\b|%|\bwhat\s+(?:percent(?:age)?|fraction|` +
		`proportion|share)\b`)

	// distinctCue finds a count of distinct libraries: "how many distinct
	// libraries", "the number of unique tools".
	distinctCue = regexp.MustCompile(`(?i)\b(?:distinct|unique|different|separate)\s+` +
		`(?:librar(?:y|ies)|tools?|toolbox(?:es)?|packages?|repositor(?:y|ies)|repos?|` +
		`projects?|entries|records|software)\b`)

	// shareWords are the cue words of shares and distinct counts, which
	// name no subject of the question.
	shareWords = stems("percent percentage percentages fraction fractions proportion " +
		"proportions share shares ratio cent distinct unique different separate")
)

// askedShare decides whether a question asks for the share of the
// libraries that match its facets ("What fraction of the libraries are
// active?") or for how many distinct repositories do ("How many distinct
// libraries are there?"). The declines of other questions still apply, with
// the cue words taken as known.
func (a *Assistant) askedShare(q *question) (intent, decline, bool) {
	if len(q.names) > 0 {
		return 0, decline{}, false
	}

	in := intent(0)
	switch {
	case shareCue.MatchString(q.text) && !q.sel.Empty():
		in, q.part.share = intentShare, true
	case distinctCue.MatchString(q.text) && hasCount(cueTerms(q)):
		in, q.part.distinct = intentDistinct, true
	default:
		return 0, decline{}, false
	}

	if d := a.shareDecline(q); d.declined() {
		return intentDecline, d, true
	}

	return in, decline{}, true
}

// shareDecline returns why a share or distinct count is out of scope: a
// request, a time after the data, an attribute the tables lack, or words the
// review does not use beyond the cue words.
func (a *Assistant) shareDecline(q *question) decline {
	for _, check := range []func(*question) decline{a.request, a.afterData, a.absentField,
		a.unlistedName} {
		if d := check(q); d.declined() {
			return d
		}
	}

	q.residual = slices.DeleteFunc(q.residual, func(t string) bool {
		return slices.Contains(shareWords, t)
	})
	if unknown, _ := a.splitResidual(q.residual); len(unknown) > 0 {
		return unknownWords(q, unknown)
	}

	return decline{}
}

// writeShare answers what part of the libraries match: the count, the
// percentage, and the smaller side named. A category the question names is
// the whole the share is taken of ("what share of the image libraries have
// a GUI?"). With a usage or host condition a repository with two rows is
// counted once, on both sides of the ratio.
func (a *Assistant) writeShare(q *question, w *answer) {
	base, rest := splitCategory(q.sel)
	scope := selectIn(a.scope(q), base)
	libs, twice := conditioned(q, selectIn(scope, q.sel), w)
	of := scope
	if q.sel.Conditional() {
		of, _ = distinctRepositories(scope)
	}

	whole := "libraries in " + a.scopeName(q)
	if !base.Empty() {
		whole = "libraries for " + categoryNames(base) + " in " + a.scopeName(q)
	}

	all := ""
	if !base.Empty() && len(of) < len(a.scope(q)) {
		all = fmt.Sprintf(", %d of all %d", len(libs), len(a.scope(q)))
	}

	w.printf("**%d of %d** %s (**%s**%s) have %s%s.\n\n", len(libs), len(of), whole,
		percent(len(libs), len(of)), all, describeSelection(rest), countedOnce(twice))
	w.facts.setCount(len(libs), len(of))
	a.writeSmallerSide(libs, minus(of, libs), w)
	w.shown, w.base = libs, of
	w.usage = q.sel.Conditional() || len(q.sel.Include[corpus.FacetMaintenance]) > 0
}

// splitCategory splits a selection into its categories, the whole a share
// is taken of, and the rest.
func splitCategory(sel retrieval.Selection) (base, rest retrieval.Selection) {
	rest = sel
	rest.Include = maps.Clone(sel.Include)
	delete(rest.Include, corpus.FacetCategory)
	if rest.Empty() || len(sel.Include[corpus.FacetCategory]) == 0 {
		return retrieval.Selection{}, sel
	}

	base.Include = map[corpus.FacetKind][]*corpus.FacetValue{
		corpus.FacetCategory: sel.Include[corpus.FacetCategory]}

	return base, rest
}

// categoryNames names the categories of a selection: "image data".
func categoryNames(sel retrieval.Selection) string {
	var names []string
	for _, v := range sel.Include[corpus.FacetCategory] {
		names = append(names, corpus.Category(v.Value).Describe())
	}

	return joinAnd(names)
}

// writeSmallerSide names the libraries of the smaller side of a share: those
// that match, or those that do not.
func (a *Assistant) writeSmallerSide(in, out []*corpus.Library, w *answer) {
	side, label := in, "They are"
	if len(out) < len(in) {
		side, label = out, fmt.Sprintf("The %d that do not", len(out))
	}

	if len(side) == 0 {
		return
	}

	twice := namesSeenTwice(side)
	parts := make([]string, len(side))
	for i, l := range side {
		parts[i] = l.Name + " " + w.src.library(l)
		if twice[l.Name] {
			parts[i] = fmt.Sprintf("%s (%s) %s", l.Name, l.Category.Describe(), w.src.library(l))
		}
	}

	w.printf("%s: %s.\n\n", label, joinAnd(parts))
}

// percent renders n/of as a whole percentage, or with one decimal when the
// whole one would read as none or all: "76%", "0.5%".
func percent(n, of int) string {
	if of == 0 {
		return "0%"
	}

	p := 100 * float64(n) / float64(of)
	whole := math.Round(p)
	if (whole == 0 && n > 0) || (whole == 100 && n < of) {
		return strconv.FormatFloat(p, 'f', 1, 64) + "%"
	}

	return strconv.FormatFloat(whole, 'f', 0, 64) + "%"
}

// distinctRepositories returns libs with each repository once, and the names
// of the libraries whose second row was left out.
func distinctRepositories(libs []*corpus.Library) ([]*corpus.Library, []string) {
	var out []*corpus.Library
	var twice []string
	for _, l := range libs {
		if sameRepository(l, out) {
			twice = append(twice, l.Name)
			continue
		}

		out = append(out, l)
	}

	return out, twice
}

// writeDistinct answers how many distinct libraries match: the tables'
// entries with a repository that has two rows counted once, and why the
// number differs from the entries'.
func (a *Assistant) writeDistinct(q *question, w *answer) {
	rows := selectIn(a.scope(q), q.sel)
	libs, twice := distinctRepositories(rows)
	what := ""
	if !q.sel.Empty() {
		what = " with " + describeSelection(q.sel)
	}

	w.printf("There are **%d distinct libraries** in %s%s, over %d entries of its tables",
		len(libs), a.scopeName(q), what, len(rows))
	w.facts.setCount(len(libs), len(rows))
	if len(twice) == 0 {
		w.printf(": each has one entry.\n\n")
	} else {
		w.printf("%s.\n\n", countedOnce(twice))
		a.writeTwoRows(rows, twice, w)
	}

	if !q.sel.Empty() {
		a.writeLibraryList(libs, w)
	}

	w.shown, w.base = libs, rows
}

// writeTwoRows cites both rows of each library counted once.
func (a *Assistant) writeTwoRows(rows []*corpus.Library, twice []string, w *answer) {
	for _, name := range twice {
		var cites []string
		for _, l := range rows {
			if l.Name == name {
				cites = append(cites, fmt.Sprintf("%s %s", l.Category.Describe(), w.src.library(l)))
			}
		}

		w.printf("- **%s**: one repository, rows for %s\n", name, joinAnd(cites))
	}

	w.printf("\n")
}
