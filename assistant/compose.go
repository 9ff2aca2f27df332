package assistant

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/neuroguide/neuroguide/corpus"
	"github.com/neuroguide/neuroguide/retrieval"
)

// answer is an answer being written: its text and the sources it cites.
type answer struct {
	b     strings.Builder
	src   *sourceList
	shown []*corpus.Library
	base  []*corpus.Library
	usage bool // the answer relies on stars, forks or maintenance

	// counts are the usage counts each listed library's line states: those
	// the question's conditions test.
	counts []corpus.UsageCount
	facts  grounding
}

// printf appends formatted text.
func (w *answer) printf(format string, args ...any) { fmt.Fprintf(&w.b, format, args...) }

// compose understands a question and writes its answer from the records and
// the prose. prev is the conversation's last turn, or nil.
func (a *Assistant) compose(ctx context.Context, text string, prev *turn) (*draft, error) {
	q := a.understandWithModel(ctx, text)
	a.applyFollowUp(q, prev)

	w := &answer{src: newSourceList()}
	if !q.noEarlier || !a.writeNoEarlier(q, w) {
		if err := a.write(ctx, q, w); err != nil {
			return nil, err
		}
	}

	if w.usage {
		a.writeSnapshotNote(w)
	}

	d := &draft{text: strings.TrimSpace(w.b.String()), sources: w.src, intent: q.intent}
	d.turn = turn{shown: w.shown, base: w.base}
	if q.intent == intentSmallTalk && prev != nil {
		// "thanks!" between two questions: the next may still narrow the
		// answer before it.
		d.turn = *prev
	}

	d.facts = w.facts

	return d, nil
}

// writeNoEarlier says that a question points back at an earlier answer that
// the conversation does not have, and reports whether that is the whole
// answer: a list, count or ranking then covers all the review's libraries,
// and a question with no subject of its own ("and the rest?") is told what
// I answer.
func (a *Assistant) writeNoEarlier(q *question, w *answer) bool {
	switch q.intent {
	case intentList, intentCount, intentRank, intentTotal:
		w.printf("There is no earlier answer in this conversation to narrow, so this answer "+
			"covers all %d libraries of the review.\n\n", len(a.review.Libraries))
		return false
	}

	if len(q.facets) > 0 || len(a.contentTerms(q)) > 0 {
		return false
	}

	w.printf("There is no earlier answer in this conversation to narrow. ")
	a.writeIntro(w)

	return true
}

// write dispatches on the question's intent.
func (a *Assistant) write(ctx context.Context, q *question, w *answer) error {
	switch q.intent {
	case intentList:
		return a.writeList(ctx, q, w)
	case intentCount:
		return a.writeCount(ctx, q, w)
	case intentRank:
		a.writeRank(q, w)
	case intentTotal:
		a.writeTotal(q, w)
	case intentLookup:
		a.writeLookup(q, w)
	case intentCompare:
		a.writeCompare(q, w)
	case intentSimilar:
		a.writeSimilar(q, w)
	case intentProse:
		return a.writeProse(ctx, q, w)
	case intentSmallTalk:
		a.writeSmallTalk(q, w)
	case intentCitation:
		a.writeCitation(q, w)
	case intentDecline:
		a.writeDecline(q.reason, w)
	case intentReference, intentAbbreviation, intentMention, intentShare, intentDistinct:
		a.writePart(q, w)
	}

	return nil
}

// scope returns the records a question ranges over: the previous answer's
// libraries for a follow-up, else all of them.
func (a *Assistant) scope(q *question) []*corpus.Library {
	if q.within != nil {
		return q.within
	}

	all := make([]*corpus.Library, len(a.review.Libraries))
	for i := range a.review.Libraries {
		all[i] = &a.review.Libraries[i]
	}

	return all
}

// selectIn returns the records of scope the selection matches.
func selectIn(scope []*corpus.Library, sel retrieval.Selection) []*corpus.Library {
	var out []*corpus.Library
	for _, l := range scope {
		if sel.Matches(l) {
			out = append(out, l)
		}
	}

	return out
}

// relaxOrder is the order in which conditions are dropped when no library
// meets them all: the incidental ones first, the task last.
var relaxOrder = []corpus.FacetKind{
	corpus.FacetArea, corpus.FacetDataType, corpus.FacetCategory, corpus.FacetModel,
	corpus.FacetDatasets, corpus.FacetCustomization, corpus.FacetOnline,
	corpus.FacetInterface, corpus.FacetLanguage, corpus.FacetFramework,
	corpus.FacetMaintenance, corpus.FacetTask,
}

// relaxFirst returns relaxOrder with the kinds whose values are all
// everyday ones first: "classifying cells in histological slides" keeps the
// histology libraries and drops the classification, which any field does.
func relaxFirst(sel retrieval.Selection) []corpus.FacetKind {
	everyday := func(k corpus.FacetKind) bool {
		vals := slices.Clone(sel.Include[k])
		for _, v := range sel.All {
			if v.Kind == k {
				vals = append(vals, v)
			}
		}

		return len(vals) > 0 && !slices.ContainsFunc(vals, func(v *corpus.FacetValue) bool {
			return !v.Everyday
		})
	}

	var first, rest []corpus.FacetKind
	for _, k := range relaxOrder {
		if everyday(k) {
			first = append(first, k)
		} else {
			rest = append(rest, k)
		}
	}

	return append(first, rest...)
}

// matchOrRelax selects the question's libraries; when none meets every
// condition, it drops the first condition whose removal finds some, and says so.
func (a *Assistant) matchOrRelax(q *question) ([]*corpus.Library, string) {
	scope := a.scope(q)
	libs := selectIn(scope, q.sel)
	if len(libs) > 0 {
		return libs, ""
	}

	if narrowed := a.narrowKinds(q.sel); len(selectIn(scope, narrowed)) > 0 {
		note := fmt.Sprintf("No library in the review matches all of: %s. Keeping the most "+
			"specific value of each kind:", describeSelection(q.sel))
		q.sel = narrowed

		return selectIn(scope, narrowed), note
	}

	kinds := selectionKinds(q.sel)
	if len(kinds) < 2 {
		return nil, ""
	}

	for _, kind := range relaxFirst(q.sel) {
		if !slices.Contains(kinds, kind) {
			continue
		}

		if relaxed := selectIn(scope, q.sel.Without(kind)); len(relaxed) > 0 {
			note := fmt.Sprintf("No library in the review matches all of: %s. Leaving out "+
				"the %s condition:", describeSelection(q.sel), kind.Describe())
			q.sel = q.sel.Without(kind)

			return relaxed, note
		}
	}

	return nil, ""
}

// narrowKinds keeps, of each kind whose values must all hold, only the value
// that the fewest records have: "two-photon microscopes" asks for calcium
// imaging, which the tables do not also call microscopy. A selection without
// such kinds is returned as it is.
func (a *Assistant) narrowKinds(sel retrieval.Selection) retrieval.Selection {
	if len(sel.All) == 0 {
		return sel
	}

	out := retrieval.Selection{Include: map[corpus.FacetKind][]*corpus.FacetValue{},
		Exclude: sel.Exclude, Only: sel.Only, Conditions: sel.Conditions, Host: sel.Host}
	for k, v := range sel.Include {
		out.Include[k] = v
	}

	for _, v := range sel.All {
		cur := out.Include[v.Kind]
		if len(cur) == 1 && a.valueCount(v) < a.valueCount(cur[0]) {
			out.Include[v.Kind] = []*corpus.FacetValue{v}
		}
	}

	return out
}

// writeList answers a list or recommendation question with every match.
func (a *Assistant) writeList(ctx context.Context, q *question, w *answer) error {
	a.writeQuotesFirst(ctx, q, w)

	libs, note := a.matchOrRelax(q)
	if note != "" {
		w.printf("%s\n\n", note)
	}

	libs, twice := conditioned(q, libs, w)
	a.writeListHeader(q, libs, w)
	if len(libs) == 0 {
		w.printf(".\n\n")
		a.writeLeftOut(q, w)
		a.writeNearMisses(q, w)

		return nil
	}

	w.printf("%s:\n\n", countedOnce(twice))
	a.writeLibraryList(libs, w)
	a.writeLeftOut(q, w)
	w.shown, w.base = libs, a.scope(q)
	w.usage = true

	return nil
}

// writeListHeader states how many of the libraries a list question ranges
// over match it: "**3 of 74** libraries in the review match ...", or for
// "and the others?" the rest of the set the previous answer was taken from,
// "The other **63 of 74** libraries in the review, beyond the 11 of the
// previous answer".
func (a *Assistant) writeListHeader(q *question, libs []*corpus.Library, w *answer) {
	n, of := len(libs), len(a.scope(q))
	if q.others == nil {
		what := " match " + describeSelection(q.sel)
		if selectionKinds(q.sel) == nil && len(q.sel.Exclude) == 0 {
			// Conditions alone: "libraries in the review have more than 1000 stars".
			what = " have " + describeSelection(q.sel)
		}

		if q.sel.Empty() {
			what = ""
		}

		w.printf("**%d of %d** libraries in %s%s", n, of, a.scopeName(q), what)
		w.facts.setCount(n, of)

		return
	}

	set := "of the earlier list"
	if q.others.from == len(a.review.Libraries) {
		set = "in the review"
	}

	beyond := fmt.Sprintf("the %d of the previous answer", len(q.others.before))
	if len(q.others.before) == 1 {
		beyond = q.others.before[0].Name
	}

	if q.sel.Empty() {
		w.printf("The other **%d of %d** libraries %s, beyond %s", n, q.others.from, set, beyond)
		w.facts.setCount(n, q.others.from)

		return
	}

	w.printf("Of the other %d libraries %s, beyond %s, **%d of %d** match %s", of, set, beyond,
		n, of, describeSelection(q.sel))
	w.facts.setCount(n, of)
}

// scopeName names the set a question ranges over.
func (a *Assistant) scopeName(q *question) string {
	if q.within != nil {
		return "the previous answer"
	}

	return "the review"
}

// writeLibraryList writes one numbered line per library.
func (a *Assistant) writeLibraryList(libs []*corpus.Library, w *answer) {
	w.facts.listed = libs
	twice := namesSeenTwice(libs)
	for i, l := range libs {
		w.printf("%d. %s%s\n", i+1, a.libraryLine(l, twice[l.Name], w.src),
			usageSuffix(l, w.counts))
	}

	w.printf("\n")
}

// namesSeenTwice reports the names that label more than one record in libs
// (DeLINEATE and NiftyNet have a row in two categories).
func namesSeenTwice(libs []*corpus.Library) map[string]bool {
	count := map[string]int{}
	for _, l := range libs {
		count[l.Name]++
	}

	out := map[string]bool{}
	for n, c := range count {
		out[n] = c > 1
	}

	return out
}

// libraryLine renders a record in one line: what it does, its framework,
// interface, maintenance and link.
func (a *Assistant) libraryLine(l *corpus.Library, qualify bool, src *sourceList) string {
	name := "**" + l.Name + "**"
	if qualify {
		name += " (" + l.Category.Describe() + ")"
	}

	return fmt.Sprintf("%s %s: %s on %s (%s). Framework: %s; interface: %s; %s; %s",
		name, src.library(l), corpus.Join(l.Tasks), corpus.Join(l.DataTypes),
		corpus.Join(l.Area), corpus.Join(l.Frameworks), corpus.Join(l.Interfaces),
		strings.ToLower(l.Maintenance), l.SourceURL())
}

// describeSelection renders a selection: "task Pose estimation and data type Video".
func describeSelection(sel retrieval.Selection) string {
	var parts []string
	for _, kind := range corpus.FacetKinds {
		vals := sel.Include[kind]
		if len(vals) == 0 {
			continue
		}

		var names []string
		for _, v := range vals {
			names = appendUnique(names, v.Value+onlyMark(sel, v))
		}

		parts = append(parts, kind.Describe()+" "+strings.Join(names, " or "))
	}

	for _, v := range sel.All {
		parts = append(parts, v.Kind.Describe()+" "+v.Value+onlyMark(sel, v))
	}

	for i, v := range sel.Exclude {
		onlyKind := slices.ContainsFunc(sel.Only, func(o *corpus.FacetValue) bool {
			return o.Kind == v.Kind
		})
		if !onlyKind && !slices.Contains(sel.Exclude[:i], v) {
			parts = append(parts, "not "+v.Kind.Describe()+" "+v.Value)
		}
	}

	parts = append(parts, conditionParts(sel)...)
	if len(parts) == 0 {
		return "no condition"
	}

	return strings.Join(parts, " and ")
}

// onlyMark is " only" for a value asked for alone, else "".
func onlyMark(sel retrieval.Selection, v *corpus.FacetValue) string {
	if slices.Contains(sel.Only, v) {
		return " only"
	}

	return ""
}

// writeNearMisses tells what each condition alone matches when together they
// match nothing.
func (a *Assistant) writeNearMisses(q *question, w *answer) {
	for _, kind := range corpus.FacetKinds {
		vals := slices.Clone(q.sel.Include[kind])
		for _, v := range q.sel.All {
			if v.Kind == kind {
				vals = append(vals, v)
			}
		}

		for _, v := range vals {
			one := retrieval.Selection{Include: map[corpus.FacetKind][]*corpus.FacetValue{
				kind: {v}}}
			n := len(selectIn(a.scope(q), one))
			w.printf("- %s alone: %d of %d\n", describeSelection(one), n, len(a.scope(q)))
		}
	}
}

// writeCount answers "how many" over all records, or over the previous answer.
func (a *Assistant) writeCount(ctx context.Context, q *question, w *answer) error {
	a.writeQuotesFirst(ctx, q, w)

	scope := a.scope(q)
	if q.sel.Empty() {
		w.printf("The review's tables list **%d of %d** libraries: %s.\n\n", len(scope),
			len(a.review.Libraries), a.categoryCounts(scope))
		w.facts.setCount(len(scope), len(a.review.Libraries))
		w.shown, w.base = scope, scope

		return nil
	}

	libs, note := a.matchOrRelax(q)
	if note != "" {
		w.printf("%s\n\n", note)
	}

	libs, twice := conditioned(q, libs, w)
	w.printf("**%d of %d** libraries in %s have %s", len(libs), len(scope), a.scopeName(q),
		describeSelection(q.sel))
	w.facts.setCount(len(libs), len(scope))
	if len(libs) == 0 {
		w.printf(".\n")
		a.writeLeftOut(q, w)

		return nil
	}

	w.printf("%s:\n\n", countedOnce(twice))
	a.writeLibraryList(libs, w)
	a.writeLeftOut(q, w)
	w.shown, w.base = libs, scope
	w.usage = true

	return nil
}

// categoryCounts renders how many of libs fall in each category.
func (a *Assistant) categoryCounts(libs []*corpus.Library) string {
	var parts []string
	for _, c := range corpus.Categories {
		n := 0
		for _, l := range libs {
			if l.Category == c {
				n++
			}
		}

		parts = append(parts, fmt.Sprintf("%d for %s", n, c.Describe()))
	}

	return strings.Join(parts, ", ")
}

// usageOf returns a record's count for a metric, or nil when not given.
func usageOf(l *corpus.Library, m field) *int {
	switch m {
	case fieldForks:
		return l.Forks
	case fieldContributors:
		return l.Contributors
	}

	return l.Stars
}

// metricName names a usage metric.
func metricName(m field) string {
	switch m {
	case fieldForks:
		return "forks"
	case fieldContributors:
		return "contributors"
	}

	return "GitHub stars"
}

// writeRank answers a superlative over the matching records.
func (a *Assistant) writeRank(q *question, w *answer) {
	libs, _ := a.matchOrRelax(q)
	var ranked, missing []*corpus.Library
	for _, l := range libs {
		switch {
		case sameRepository(l, ranked) || sameRepository(l, missing):
			// NiftyNet and DeLINEATE have a row in two categories: one repository.
		case usageOf(l, q.metric) == nil:
			missing = append(missing, l)
		default:
			ranked = append(ranked, l)
		}
	}

	sort.SliceStable(ranked, func(i, j int) bool {
		x, y := *usageOf(ranked[i], q.metric), *usageOf(ranked[j], q.metric)
		if q.ascending {
			return x < y
		}

		return x > y
	})

	a.writeRanking(q, libs, ranked, missing, w)
}

// writeRanking writes the winner, the runners-up and the records without a count.
func (a *Assistant) writeRanking(q *question, libs, ranked, missing []*corpus.Library, w *answer) {
	scope := fmt.Sprintf("the %d of %d libraries with %s", len(libs), len(a.scope(q)),
		describeSelection(q.sel))
	if q.sel.Empty() {
		scope = fmt.Sprintf("all the libraries in %s (%d of %d)", a.scopeName(q), len(libs),
			len(a.scope(q)))
	}

	if len(ranked) == 0 {
		w.printf("The review gives no %s count for %s.\n", metricName(q.metric), scope)
		return
	}

	end := "most"
	if q.ascending {
		end = "fewest"
	}

	top := ranked[0]
	w.printf("Among %s, **%s** has the %s %s: %d %s.\n\n", scope, top.Name, end,
		metricName(q.metric), *usageOf(top, q.metric), w.src.library(top))

	n := max(q.limit, 5)
	w.printf("Ranking by %s:\n\n", metricName(q.metric))
	for i, l := range ranked[:min(n, len(ranked))] {
		w.printf("%d. %s %s: %d\n", i+1, l.Name, w.src.library(l), *usageOf(l, q.metric))
	}

	if len(missing) > 0 {
		w.printf("\nThe review gives no count for %s.\n", namesOf(missing))
	}

	w.shown, w.base = ranked[:min(n, len(ranked))], libs
	w.facts.listed = w.shown
	w.usage = true
}

// sameRepository reports whether a record of the same name and source is in libs.
func sameRepository(l *corpus.Library, libs []*corpus.Library) bool {
	return slices.ContainsFunc(libs, func(o *corpus.Library) bool {
		return o.Name == l.Name && o.SourceURL() == l.SourceURL()
	})
}

// namesOf joins the names of records: "A, B and C"; a name that itself lists
// several is quoted ("DeepLabCut, “LEAP, SLEAP” and DeepPoseKit").
func namesOf(libs []*corpus.Library) string {
	names := make([]string, len(libs))
	for i, l := range libs {
		names[i] = l.Name
		if strings.Contains(l.Name, ", ") && len(libs) > 1 {
			names[i] = "“" + l.Name + "”"
		}
	}

	if len(names) < 2 {
		return strings.Join(names, "")
	}

	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// writeSnapshotNote says that usage numbers and maintenance are the review's
// snapshot, with the date the review gives.
func (a *Assistant) writeSnapshotNote(w *answer) {
	date := a.review.UsageDate()
	if date == "" {
		return
	}

	text := strings.TrimRight(w.b.String(), "\n")
	w.b.Reset()
	w.b.WriteString(text)

	sec, ok := a.sectionStating(date)
	marker := ""
	if ok {
		marker = " " + w.src.section(sec)
	}

	w.printf("\n\nStars, forks, contributors and maintenance status are the review's "+
		"snapshot: its usage data were updated to %s%s.", date, marker)
}

// sectionStating returns the section whose prose contains s.
func (a *Assistant) sectionStating(s string) (*corpus.Section, bool) {
	for i := range a.review.Sections {
		sec := &a.review.Sections[i]
		if slices.ContainsFunc(sec.Paragraphs, func(p string) bool {
			return strings.Contains(p, s)
		}) {
			return sec, true
		}
	}

	return nil, false
}
