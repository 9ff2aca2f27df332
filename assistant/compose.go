package assistant

import (
	"context"
	"fmt"
	"maps"
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
	usage bool

	// subject is the one library the answer is about, when shown holds more
	// (a ranking's winner); see turn.subject.
	subject *corpus.Library
	// the answer relies on stars, forks or maintenance

	// counts are the usage counts each listed library's line states: those
	// the question's conditions test.
	counts []corpus.UsageCount
	facts  grounding

	// tabled says the answer is a table of computed numbers; see draft.tabled.
	tabled bool
}

// printf appends formatted text.
func (w *answer) printf(format string, args ...any) { fmt.Fprintf(&w.b, format, args...) }

// compose understands a question and writes its answer from the records and
// the prose. prev is the conversation's last turn, or nil.
func (a *Assistant) compose(ctx context.Context, text string, prev *turn) (*draft, error) {
	q := a.understandWithModel(ctx, text)
	prev = prev.listView(q)
	a.applyFollowUp(q, prev)
	if q.intent == intentProse && a.asksAllLibraries(q) {
		q.intent = intentList
	}

	w := &answer{src: newSourceList()}
	if len(q.names) == 1 && (q.intent == intentLookup || q.intent == intentCompare) {
		a.writeTextOnlyTools(a.textOnlyTools(q), w)
	}

	switch {
	case q.beyond != nil:
		a.writeBeyond(q, w)
	case !q.noEarlier || !a.writeNoEarlier(q, w):
		if err := a.write(ctx, q, w); err != nil {
			return nil, err
		}
	}

	if w.usage {
		a.writeSnapshotNote(w)
	}

	d := &draft{text: strings.TrimSpace(w.b.String()), sources: w.src, intent: q.intent,
		tabled: w.tabled}
	d.turn = next(prev, w.shown, w.base, w.subject)
	switch {
	case q.intent == intentLookup && prev != nil && len(w.shown) == 1 && len(prev.shown) > 1 &&
		slices.Equal(q.within, prev.shown):
		d.turn.list, d.turn.listBase = prev.shown, prev.base
	case q.intent == intentLookup && prev != nil && len(prev.list) > 0 && len(w.shown) == 1 &&
		w.shown[0] == prev.about():
		// "how many stars does it have?" after a pick keeps the list.
		d.turn.list, d.turn.listBase = prev.list, prev.listBase
	}
	if q.intent == intentCompare && prev != nil && len(prev.shown) > len(w.shown) &&
		!slices.ContainsFunc(w.shown, func(l *corpus.Library) bool {
			return !slices.Contains(prev.shown, l)
		}) {
		// Comparing members of a list ("compare the first two") keeps the
		// list, so that the next turn can compare two others of it, or ask
		// for the others.
		d.turn = *prev
		d.turn.compared = w.shown
	}
	if q.intent == intentSmallTalk && prev != nil {
		// "thanks!" between two questions: the next may still narrow the
		// answer before it.
		d.turn = *prev
	}

	d.facts = w.facts

	return d, nil
}

// writeBeyond says that the previous answer has no library at the place a
// question points at, and names the ones it has.
func (a *Assistant) writeBeyond(q *question, w *answer) {
	names := make([]string, len(q.beyond))
	for i, l := range q.beyond {
		names[i] = fmt.Sprintf("**%s** %s", l.Name, w.src.library(l))
	}

	switch {
	case q.ambiguous:
		w.printf("“It” could be any of the %d libraries of the previous answer: %s. Ask about "+
			"one of them by its place or its name.", len(q.beyond), joinAnd(names))
	case len(q.beyond) == 1:
		w.printf("The previous answer listed only 1 library: %s.", names[0])
	default:
		w.printf("The previous answer listed only %d libraries: %s. Ask about one of them by "+
			"its place or its name.", len(q.beyond), joinAnd(names))
	}

	w.shown, w.base = q.beyond, q.beyond
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
	case intentTally:
		a.writeTally(ctx, q, w)
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

	if kept, dropped := withoutClashes(q.sel); len(dropped) > 0 && len(selectIn(scope, kept)) > 0 {
		note := fmt.Sprintf("No library in the review matches all of: %s. Every library with "+
			"%s also has %s:", describeSelection(q.sel), describeSelection(kept), joinAnd(dropped))
		q.sel = kept

		return selectIn(scope, kept), note
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

// writeUnnamed says which words of the question that qualify what it asks
// no record writes: "spinal cord" in "spinal cord MRI segmentation", where
// the list is of every MRI segmentation library. A qualifier is a word of
// the domain, of the question's own, not told, just before a facet of its
// data or task.
func (a *Assistant) writeUnnamed(q *question, w *answer) {
	var phrases []string
	used := map[int]bool{}
	for _, m := range q.facets {
		if !slices.Contains(dataKinds, m.Value.Kind) {
			continue
		}

		var words []string
		for i := max(0, m.Start-2); i < m.Start; i++ {
			t := q.terms[i]
			if !used[i] && slices.Contains(q.residual, t) && !isTold(q, i) &&
				a.vocab.IsDomainWord(t) && !a.inRecords(t) {
				used[i] = true
				words = append(words, clip(writtenWord(q, t)))
			} else if len(words) > 0 {
				break
			}
		}

		if len(words) > 0 {
			phrases = appendUnique(phrases, "“"+strings.Join(words, " ")+"”")
		}
	}

	if len(phrases) > 0 {
		w.printf("No entry of the review's tables names %s; these are the libraries for the "+
			"rest of the question.\n\n", joinList(phrases, " or "))
	}
}

// inRecords reports whether a term is in a record's card: its fields and
// the titles of its references.
func (a *Assistant) inRecords(t string) bool { return a.recordTerms[t] }

// cardTerms returns the terms of every record's card.
func cardTerms(r *corpus.Review) map[string]bool {
	out := map[string]bool{}
	for i := range r.Libraries {
		for _, t := range corpus.Terms(r.Libraries[i].Card()) {
			out[t] = true
		}
	}

	return out
}

// withoutClashes drops the exclusions of a kind the selection also asks a
// value of, unless that value is asked for alone: "no MATLAB licence ...
// anything under GNU Octave?" finds CERR, whose languages are Octave and
// MATLAB. It returns the selection kept and the values dropped.
func withoutClashes(sel retrieval.Selection) (retrieval.Selection, []string) {
	asked := func(k corpus.FacetKind) bool {
		return len(sel.Include[k]) > 0 || slices.ContainsFunc(sel.All,
			func(v *corpus.FacetValue) bool { return v.Kind == k })
	}
	alone := func(k corpus.FacetKind) bool {
		return slices.ContainsFunc(sel.Only, func(v *corpus.FacetValue) bool { return v.Kind == k })
	}

	out := sel
	out.Exclude = nil
	var dropped []string
	for _, v := range sel.Exclude {
		if asked(v.Kind) && !alone(v.Kind) {
			dropped = appendUnique(dropped, v.Kind.Describe()+" "+v.Value)
			continue
		}

		out.Exclude = append(out.Exclude, v)
	}

	return out, dropped
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
	if a.writeNarrowOne(q, w) {
		return nil
	}

	if q.sel.Empty() && q.others == nil && a.asksAllLibraries(q) {
		a.writeAllLibraries(q, w)
		return nil
	}

	a.writeQuotesFirst(ctx, q, w)

	libs, note := a.matchOrRelax(q)
	if note != "" {
		w.printf("%s\n\n", note)
	}

	libs, twice := conditioned(q, libs, w)
	if len(libs) == 0 && q.others == nil {
		a.writeNoMatch(q, w)
		return nil
	}

	a.writeUnnamed(q, w)
	a.writeListHeader(q, libs, w)
	if len(libs) == 0 {
		w.printf(".\n\n")
		a.writeLeftOut(q, w)
		a.writeNearMisses(q, w)

		return nil
	}

	a.writeCategoryShare(q, libs, w)

	w.printf("%s:\n\n", countedOnce(twice))
	a.writeLibraryList(libs, w)
	a.writeLeftOut(q, w)
	w.shown, w.base = libs, a.scope(q)
	w.usage = true

	return nil
}

// writeNarrowOne answers a question that narrows an earlier answer of one
// library ("which of those are still maintained?" after DeepBehavior) with a
// yes or no for that library, "No: DeepBehavior is inactive", rather than
// "0 of 1". It reports whether it wrote the answer.
func (a *Assistant) writeNarrowOne(q *question, w *answer) bool {
	if len(q.within) != 1 || q.others != nil || q.sel.Empty() {
		return false
	}

	l := q.within[0]
	if len(q.facets) > 0 {
		a.writeChecks(q, q.facets, l, w)
	}

	if q.sel.Conditional() {
		writeConditionCheck(q, l, w)
	}

	w.shown, w.base = q.within, q.within

	return true
}

// writeNoMatch says that no library of the question's scope matches it,
// once: "**None** of the 74 libraries in the review match framework JAX."
// When the selection holds several values, it then tells what each alone
// matches.
func (a *Assistant) writeNoMatch(q *question, w *answer) {
	verb := "match"
	if selectionKinds(q.sel) == nil && len(q.sel.Exclude) == 0 {
		verb = "have"
	}

	w.printf("**None** of the %d libraries in %s %s %s.\n\n", len(a.scope(q)),
		a.scopeName(q), verb, describeSelection(q.sel))
	w.facts.setCount(0, len(a.scope(q)))
	a.writeLeftOut(q, w)
	if selectionValues(q.sel) > 1 {
		a.writeNearMisses(q, w)
	}
}

// selectionValues returns how many facet values a selection includes.
func selectionValues(sel retrieval.Selection) int {
	n := len(sel.All)
	for _, vals := range sel.Include {
		n += len(vals)
	}

	return n
}

// shareCues ask for a part of a whole: "what share of ...", "what fraction".
var shareCues = stems("share fraction percentage percent proportion ratio")

// writeCategoryShare restates a count over the libraries of the category
// the question restricts to: "13 of 74 libraries in the review match
// category image and framework PyTorch, which is **13 of the 47**
// libraries of category image", with the percentage when the question asks
// for a share.
func (a *Assistant) writeCategoryShare(q *question, libs []*corpus.Library, w *answer) {
	cats := q.sel.Include[corpus.FacetCategory]
	if len(cats) == 0 {
		return
	}

	one := retrieval.Selection{Include: map[corpus.FacetKind][]*corpus.FacetValue{
		corpus.FacetCategory: cats}}
	k := len(selectIn(a.scope(q), one))
	if k == 0 || k == len(a.scope(q)) || k == len(libs) {
		return // "47 of 74 ..., which is 47 of the 47" says nothing
	}

	names := make([]string, len(cats))
	for i, v := range cats {
		names[i] = v.Value
	}

	w.printf(", which is **%d of the %d** libraries of category %s", len(libs), k,
		strings.Join(names, " or "))
	if hasAny(q.terms, shareCues) {
		w.printf(" (%s%%)", average(len(libs)*100, k))
	}
}

// asksAllLibraries reports whether a question asks for every library of the
// review with no condition: "list all libraries", "show me every tool".
func (a *Assistant) asksAllLibraries(q *question) bool {
	return len(q.names) == 0 && q.sel.Empty() && len(q.facets) == 0 &&
		hasAny(q.terms, stems("all every each entire whole")) &&
		hasAny(q.terms, libraryWords) && hasAny(q.terms, stems("list show name enumerate give")) &&
		len(a.contentTerms(q)) == 0
}

// writeAllLibraries lists every library of the review, compactly: by
// category, one name and source each.
func (a *Assistant) writeAllLibraries(q *question, w *answer) {
	all := a.scope(q)
	w.printf("The review's tables list **%d** libraries, by category:\n\n", len(all))
	w.facts.setCount(len(all), len(a.review.Libraries))
	for _, c := range corpus.Categories {
		var names []string
		for _, l := range all {
			if l.Category == c {
				names = append(names, l.Name+" "+w.src.library(l))
			}
		}

		if len(names) > 0 {
			w.printf("- **%s** (%d): %s\n", c.Describe(), len(names), strings.Join(names, ", "))
		}
	}

	w.shown, w.base = all, all
	w.facts.listed = all
	w.usage = true
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
		switch {
		case selectionKinds(q.sel) == nil && len(q.sel.Exclude) == 0:
			// Conditions alone: "libraries in the review have more than 1000 stars".
			what = " have " + describeSelection(q.sel)
		case selectionKinds(q.sel) == nil && !q.sel.Conditional() && len(q.sel.Only) == 0:
			// Exclusions alone: "do not have language Python", "have neither
			// framework TensorFlow nor framework PyTorch", not "match not ...".
			what = " have neither " + strings.NewReplacer("not ", "", " and ", " nor ").
				Replace(describeSelection(q.sel))
			if len(q.sel.Exclude) == 1 {
				what = " do not have " + strings.TrimPrefix(describeSelection(q.sel), "not ")
			}
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
	switch {
	case len(q.aside) > 0:
		names := make([]string, len(q.aside))
		for i, l := range q.aside {
			names[i] = l.Name
		}

		return "the review other than " + joinAnd(names)
	case q.sibling:
		return "the earlier list"
	case q.within != nil:
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

	return fmt.Sprintf("%s %s: %s. Framework: %s; interface: %s; %s; %s",
		name, src.library(l), whatItDoes(l), corpus.Join(l.Frameworks),
		corpus.Join(l.Interfaces), strings.ToLower(l.Maintenance), l.SourceURL())
}

// whatItDoes says a record's tasks, data types and area: "Pose estimation on
// Video (Behavioral neuroscience)". The tables' "General" reads as what it
// means: "General-purpose, on any data" rather than "General on General
// (General)".
func whatItDoes(l *corpus.Library) string {
	general := func(items []string) bool { return len(items) == 1 && items[0] == "General" }
	tasks, data := corpus.Join(l.Tasks), "on "+corpus.Join(l.DataTypes)
	if general(l.Tasks) {
		tasks = "General-purpose"
	}

	if general(l.DataTypes) {
		data = "on any data"
	}

	out := tasks + " " + data
	if len(l.Area) > 0 && !general(l.Area) {
		out += " (" + corpus.Join(l.Area) + ")"
	}

	return out
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
	if a.writeNarrowOne(q, w) {
		return nil
	}

	a.writeQuotesFirst(ctx, q, w)

	scope := a.scope(q)
	if q.sel.Empty() {
		set := "The review's tables list"
		if q.within != nil {
			set = "The previous answer lists"
		}

		w.printf("%s **%d** libraries: %s.\n\n", set, len(scope), a.categoryCounts(scope))
		w.facts.setCount(len(scope), len(a.review.Libraries))
		w.shown, w.base = scope, scope

		return nil
	}

	if kind, ok := countsEach(q); ok {
		a.writeCountEach(q, kind, w)
		return nil
	}

	libs, note := a.matchOrRelax(q)
	if note != "" {
		w.printf("%s\n\n", note)
	}

	libs, twice := conditioned(q, libs, w)
	if len(libs) == 0 {
		a.writeNoMatch(q, w)
		return nil
	}

	w.printf("**%d of %d** libraries in %s have %s", len(libs), len(scope), a.scopeName(q),
		describeSelection(q.sel))
	w.facts.setCount(len(libs), len(scope))
	a.writeCategoryShare(q, libs, w)

	w.printf("%s:\n\n", countedOnce(twice))
	a.writeLibraryList(libs, w)
	a.writeLeftOut(q, w)
	w.shown, w.base = libs, scope
	w.usage = true

	return nil
}

// eachCues ask for one count per value: "PyTorch versus TensorFlow", "how
// many use PyTorch and how many TensorFlow", "each".
var eachCues = stems("versus vs vs. each respectively compared")

// countsEach returns the facet kind of which a count question asks one
// count per value, if it does.
func countsEach(q *question) (corpus.FacetKind, bool) {
	asked := strings.Count(" "+strings.Join(q.terms, " ")+" ", " how many ")
	if asked < 2 && !hasAny(q.terms, eachCues) {
		return "", false
	}

	for _, kind := range corpus.FacetKinds {
		if len(valuesOf(q.sel, kind)) >= 2 {
			return kind, true
		}
	}

	return "", false
}

// valuesOf returns the values of one kind a selection asks for, alternatives
// and all-of alike.
func valuesOf(sel retrieval.Selection, kind corpus.FacetKind) []*corpus.FacetValue {
	vals := slices.Clone(sel.Include[kind])
	for _, v := range sel.All {
		if v.Kind == kind {
			vals = append(vals, v)
		}
	}

	return vals
}

// maxNamedInCount is the most libraries a count of each value names.
const maxNamedInCount = 12

// writeCountEach writes one count per value of kind, each over the same
// scope and the question's other conditions, and how many have all of them.
func (a *Assistant) writeCountEach(q *question, kind corpus.FacetKind, w *answer) {
	scope, rest := a.scope(q), q.sel.Without(kind)
	w.printf("Counted over the %d libraries of %s %s:\n\n", len(scope), a.scopeName(q),
		a.citeTables(scope, w))
	var shown []*corpus.Library
	both := rest
	both.Include = maps.Clone(rest.Include)
	vals := valuesOf(q.sel, kind)
	for _, v := range vals {
		sel := rest
		sel.Include = maps.Clone(rest.Include)
		sel.Include[kind] = []*corpus.FacetValue{v}
		both.All = append(both.All, v)
		libs := selectIn(scope, sel)
		w.printf("- **%d of %d** have %s", len(libs), len(scope), describeSelection(sel))
		if len(libs) > 0 && len(libs) <= maxNamedInCount {
			w.printf(": %s", a.citedNames(libs, w))
		}

		w.printf("\n")
		shown = addLibraries(shown, libs)
	}

	all := "all of them"
	if len(vals) == 2 {
		all = "both"
	}

	w.printf("\n**%d of %d** have %s.\n", len(selectIn(scope, both)), len(scope), all)
	w.shown, w.base = shown, scope
	w.tabled = true
}

// citedNames writes the libraries' names, each cited.
func (a *Assistant) citedNames(libs []*corpus.Library, w *answer) string {
	names := make([]string, len(libs))
	for i, l := range libs {
		names[i] = l.Name + " " + w.src.library(l)
	}

	return strings.Join(names, ", ")
}

// addLibraries appends the libraries of more that out lacks.
func addLibraries(out, more []*corpus.Library) []*corpus.Library {
	for _, l := range more {
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}

	return out
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

// Bounds of a ranking's list when the question sets none: a set this small
// is ranked whole, a larger one shows its top few.
const (
	rankWhole = 12
	rankTop   = 5
)

// writeRanking writes the winners (every record that ties for first), the
// ranking and the records without a count. The conversation keeps the
// whole set ranked over, in ranked order, unless the question asked for a
// top k: "how many of them use TensorFlow?" then counts them all.
func (a *Assistant) writeRanking(q *question, libs, ranked, missing []*corpus.Library, w *answer) {
	scope := fmt.Sprintf("the %d of %d libraries with %s", len(libs), len(a.scope(q)),
		describeSelection(q.sel))
	if q.sel.Empty() {
		scope = fmt.Sprintf("all %d libraries in %s", len(libs), a.scopeName(q))
	}

	if len(ranked) == 0 {
		w.printf("The review gives no %s count for %s.\n", metricName(q.metric), scope)
		return
	}

	top := tiedAt(ranked, 1, q.metric)
	a.writeWinners(q, scope, top, w)
	n := len(ranked)
	switch {
	case q.limit > 0:
		n = len(tiedAt(ranked, q.limit, q.metric))
	case len(ranked)+len(missing) > rankWhole:
		n = len(tiedAt(ranked, rankTop, q.metric))
	}

	w.printf("Ranking by %s:\n\n", metricName(q.metric))
	for i, l := range ranked[:n] {
		w.printf("%d. %s %s: %d\n", i+1, l.Name, w.src.library(l), *usageOf(l, q.metric))
	}

	w.shown = append(slices.Clone(ranked), missing...)
	switch {
	case q.limit > 0:
		w.shown = ranked[:n]
	case n == len(ranked):
		for i, l := range missing {
			w.printf("%d. %s %s: not given\n", n+i+1, l.Name, w.src.library(l))
		}

		missing = nil
	}

	if len(missing) > 0 {
		w.printf("\nThe review gives no count for %s.\n", namesOf(missing))
	}

	w.base = libs
	w.facts.listed = append(slices.Clone(ranked[:n]), missing...)
	if len(top) == 1 {
		w.subject = top[0]
	}

	w.usage = true
}

// writeWinners names the records that rank first, every one that ties.
func (a *Assistant) writeWinners(q *question, scope string, top []*corpus.Library, w *answer) {
	end := "most"
	if q.ascending {
		end = "fewest"
	}

	n := *usageOf(top[0], q.metric)
	if len(top) == 1 {
		w.printf("Among %s, **%s** has the %s %s: %d %s.\n\n", scope, top[0].Name, end,
			metricName(q.metric), n, w.src.library(top[0]))
		return
	}

	names := make([]string, len(top))
	for i, l := range top {
		names[i] = "**" + l.Name + "** " + w.src.library(l)
	}

	w.printf("Among %s, %d libraries tie for the %s %s, with %d each: %s.\n\n", scope,
		len(top), end, metricName(q.metric), n, joinAnd(names))
}

// joinAnd joins items as "A, B and C".
func joinAnd(items []string) string { return joinList(items, " and ") }

// tiedAt returns the first k of ranked records and every later one that
// ties with the k-th.
func tiedAt(ranked []*corpus.Library, k int, m field) []*corpus.Library {
	if k >= len(ranked) {
		return ranked
	}

	n := k
	for n < len(ranked) && *usageOf(ranked[n], m) == *usageOf(ranked[k-1], m) {
		n++
	}

	return ranked[:n]
}

// rankVerbs ask for an ordering: "rank the EEG libraries by contributors".
var rankVerbs = stems("rank ranked ranking sort sorted order ordered")

// asksRanking reports whether terms ask to order libraries by something:
// a verb of ordering followed, later, by "by".
func asksRanking(terms []string) bool {
	at := slices.IndexFunc(terms, func(t string) bool { return slices.Contains(rankVerbs, t) })
	return at >= 0 && slices.Contains(terms[at:], "by")
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
	date := a.usageDate
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
