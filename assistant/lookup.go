package assistant

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/neuroguide/neuroguide/corpus"
)

// fieldLabels names each field as the tables label it.
var fieldLabels = map[field]string{
	fieldArea: "neuroscience area", fieldDataTypes: "data type", fieldDatasets: "datasets",
	fieldTasks: "task", fieldModels: "models", fieldFrameworks: "DL framework",
	fieldCustomization: "customization", fieldLanguages: "programming language",
	fieldInterfaces: "interface", fieldOnline: "online/offline use",
	fieldMaintenance: "maintenance", fieldSource: "source", fieldStars: "GitHub stars",
	fieldForks: "forks", fieldContributors: "contributors", fieldRefs: "reference",
	fieldCategory: "category",
}

// tableFields are the fields of a record in the tables' order.
var tableFields = []field{
	fieldArea, fieldDataTypes, fieldDatasets, fieldTasks, fieldModels, fieldFrameworks,
	fieldCustomization, fieldLanguages, fieldInterfaces, fieldOnline, fieldMaintenance,
	fieldSource, fieldStars, fieldForks, fieldContributors,
}

// fieldValue renders one field of a record as the table gives it; a missing
// number is "not given".
func fieldValue(l *corpus.Library, f field) string {
	switch f {
	case fieldArea:
		return corpus.Join(l.Area)
	case fieldDataTypes:
		return corpus.Join(l.DataTypes)
	case fieldDatasets:
		return l.Datasets
	case fieldTasks:
		return corpus.Join(l.Tasks)
	case fieldModels:
		return corpus.Join(l.Models)
	case fieldFrameworks:
		return corpus.Join(l.Frameworks)
	case fieldCustomization:
		return l.Customization
	case fieldLanguages:
		return corpus.Join(l.Languages)
	case fieldInterfaces:
		return corpus.Join(l.Interfaces)
	case fieldOnline:
		return l.OnlineOffline
	case fieldMaintenance:
		return l.Maintenance
	case fieldSource:
		return l.SourceURL()
	case fieldCategory:
		return l.Category.Describe() + " (" + l.TableList() + ")"
	case fieldStars, fieldForks, fieldContributors:
		if n := usageOf(l, f); n != nil {
			return fmt.Sprint(*n)
		}

		return "not given"
	}

	return ""
}

// isUsage reports whether a field is part of the review's usage snapshot.
func isUsage(f field) bool {
	return f == fieldStars || f == fieldForks || f == fieldContributors || f == fieldMaintenance
}

// writeLookup answers a question about one library: the fields asked for, a
// yes or no for facets the question names, or the whole record.
func (a *Assistant) writeLookup(q *question, w *answer) {
	libs := q.names[0]
	w.shown, w.base = libs, libs
	if q.within != nil {
		w.base = q.within
	}

	if besides(q) {
		askKindsOfFacets(q)
	}

	if len(libs) == 1 && (asksForSummary(q) || asksWhy(q)) && len(lookupFields(q)) == 0 {
		// "What does the review say about Traja?", "Why is Traja notable?":
		// the prose first.
		a.writeMentions(libs[0], a.mentions(libs[0], q.residual, maxQuotes, false), w)
		w.printf("\n")
		a.writeOverview(libs[0], w)

		return
	}
	if len(libs) > 1 {
		w.printf("The review lists **%s** in two categories, %s and %s; both rows follow.\n\n",
			libs[0].Name, libs[0].Category.Describe(), libs[1].Category.Describe())
	}

	checks := facetChecks(q)
	for _, l := range libs {
		if len(checks) > 0 {
			a.writeFacetCheck(q, l, w)
		}

		if q.sel.Conditional() {
			writeConditionCheck(q, l, w)
		}

		switch {
		case len(lookupFields(q)) > 0:
			a.writeFields(q, l, w)
		case len(checks) == 0 && !q.sel.Conditional():
			a.writeOverview(l, w)
		}
	}

	if len(libs) == 1 {
		a.writeOtherWorks(libs[0], w)
	}

	switch {
	case len(libs) == 1 && (len(lookupFields(q)) == 0 && q.sel.Empty() || besides(q) ||
		hasAny(q.terms, notableCues)):
		a.writeMentions(libs[0], a.mentions(libs[0], q.residual, maxMentions, false), w)
	case len(q.residual) > 0:
		a.writeMentions(libs[0], a.mentions(libs[0], q.residual, 2, true), w)
	}
}

// notableCues ask what sets a library apart, which its fields alone do not
// say: "what's special about the VARDNN toolbox and what was it built on?".
var notableCues = stems("special notable unique distinctive remarkable stand singled unusual " +
	"interesting peculiar novel")

// lookupFields returns the fields a lookup asks for; "what does it do" asks
// for the whole record, so tasks alone do not count.
func lookupFields(q *question) []field {
	if len(q.fields) == 1 && q.fields[0] == fieldTasks {
		return nil
	}

	return q.fields
}

// writeFields writes the fields asked for, but those a yes or no already answered.
func (a *Assistant) writeFields(q *question, l *corpus.Library, w *answer) {
	checked := map[field]bool{}
	for _, m := range facetChecks(q) {
		checked[kindFields[m.Value.Kind]] = true
	}

	for _, f := range lookupFields(q) {
		if checked[f] {
			continue
		}

		w.usage = w.usage || isUsage(f)
		if f == fieldRefs {
			a.writeRefs(l, w)
			continue
		}

		w.printf("- **%s**, %s: %s %s\n", l.Name, fieldLabels[f], fieldValue(l, f),
			w.src.library(l))
	}

	w.printf("\n")
}

// writeRefs cites the papers the review gives for a library.
func (a *Assistant) writeRefs(l *corpus.Library, w *answer) {
	if len(l.Refs) == 0 {
		w.printf("- The review gives no reference for **%s** %s.\n", l.Name, w.src.library(l))
		return
	}

	for _, r := range l.Refs {
		ref, ok := a.review.Reference(r.N)
		if !ok {
			continue
		}

		w.printf("- **%s** is described in ref. %d, “%s” %s %s\n", l.Name, r.N, ref.Title,
			w.src.reference(ref), w.src.library(l))
	}
}

// kindFields are the record fields that hold each facet kind.
var kindFields = map[corpus.FacetKind]field{
	corpus.FacetDataType: fieldDataTypes, corpus.FacetTask: fieldTasks,
	corpus.FacetArea: fieldArea, corpus.FacetFramework: fieldFrameworks,
	corpus.FacetLanguage: fieldLanguages, corpus.FacetInterface: fieldInterfaces,
	corpus.FacetOnline: fieldOnline, corpus.FacetMaintenance: fieldMaintenance,
	corpus.FacetCategory: fieldCategory, corpus.FacetModel: fieldModels,
	corpus.FacetDatasets: fieldDatasets, corpus.FacetCustomization: fieldCustomization,
	corpus.FacetPublication: fieldRefs,
}

// facetChecks returns the facets a lookup asks yes or no about: all of them
// for a yes-or-no question ("Does ivadomed offer a command line interface?"),
// else those whose field the question does not ask for outright ("Does
// braindecode use PyTorch?", but not "Which publication describes DeepLabCut?").
func facetChecks(q *question) []corpus.Match {
	if besides(q) {
		return nil
	}

	if isYesNo(q.opening) {
		return q.facets
	}

	fields := lookupFields(q)
	var out []corpus.Match
	for _, m := range q.facets {
		if !slices.Contains(fields, kindFields[m.Value.Kind]) {
			out = append(out, m)
		}
	}

	return out
}

// besidesWords ask for the rest of a field beyond a value the question
// names: "what does ANTsX do besides segmentation?".
var besidesWords = stems("besides beside apart aside beyond else additionally")

// whWords open a question that asks for something rather than yes or no.
var whWords = stems("what which how why where who")

// besides reports whether a question that is not yes or no asks beyond a
// value it names, or opens with a question word: "what does ANTsX do besides
// segmentation?", "what is the BCI use of gumpy?". Its answer gives the
// whole field and the review's text, not a yes or no.
func besides(q *question) bool {
	opensWh := len(q.opening) > 0 && slices.Contains(whWords, q.opening[0])
	return !isYesNo(q.opening) && len(q.facets) > 0 && (hasAny(q.terms, besidesWords) || opensWh)
}

// askKindsOfFacets makes a lookup ask for the fields that hold the
// question's facets, in full.
func askKindsOfFacets(q *question) {
	for _, m := range q.facets {
		if f, ok := kindFields[m.Value.Kind]; ok && !slices.Contains(q.fields, f) {
			q.fields = append(q.fields, f)
		}
	}
}

// asksWhy reports whether a question opens with "why".
func asksWhy(q *question) bool { return len(q.opening) > 0 && q.opening[0] == stem("why") }

// yesNoOpeners open a question that asks yes or no.
var yesNoOpeners = stems("does do is are can could has have was were will")

// isYesNo reports whether a question opens as a yes-or-no question.
func isYesNo(terms []string) bool {
	return len(terms) > 0 && slices.Contains(yesNoOpeners, terms[0])
}

// writeFacetCheck answers yes or no for each facet value the question names:
// whether the library has it ("Does braindecode use PyTorch?"), or lacks it
// when the question writes a negation ("Is DeepEEG not maintained?").
func (a *Assistant) writeFacetCheck(q *question, l *corpus.Library, w *answer) {
	a.writeChecks(q, facetChecks(q), l, w)
}

// writeChecks answers yes or no for each facet value of checks.
func (a *Assistant) writeChecks(q *question, checks []corpus.Match, l *corpus.Library,
	w *answer) {
	var seen []*corpus.FacetValue
	for _, m := range checks {
		v := m.Value
		if slices.Contains(seen, v) {
			continue
		}

		seen = append(seen, v)
		has := v.Matches(l)
		verdict := "Yes"
		if has == (negation(q.terms, m, q.facets) == negExcluded) {
			verdict = "No"
		}

		w.usage = w.usage || v.Kind == corpus.FacetMaintenance
		w.printf("- %s: **%s** %s %s\n", verdict, l.Name, checkedFact(l, v, has),
			w.src.library(l))
	}

	w.printf("\n")
}

// checkedFact states what the table gives for the value a question checks:
// "is active", "has framework PyTorch", "does not have framework PyTorch
// (the table gives: TensorFlow)"; the table's value is echoed only when it
// says more than the value checked.
func checkedFact(l *corpus.Library, v *corpus.FacetValue, has bool) string {
	given := corpus.Join(v.Kind.Items(l))
	switch {
	case v.Kind == corpus.FacetMaintenance && given != "":
		return "is " + strings.ToLower(given)
	case v.Kind == corpus.FacetCustomization && given != "":
		// "is not customizable (the table gives: No)", not "does not have
		// customization Customizable".
		return customizationFact(has, given)
	}

	is := "has"
	if !has {
		is = "does not have"
	}

	fact := fmt.Sprintf("%s %s %s", is, v.Kind.Describe(), v.Value)
	if strings.EqualFold(given, v.Value) {
		return fact
	}

	return fact + " (the table gives: " + given + ")"
}

// writeOtherWorks says that the review's text names another work of a
// library's name, which the answer is not about: the MEG and EEG suite
// Brainstorm (ref. 28) beside the augmentation library Brainstorm.
func (a *Assistant) writeOtherWorks(l *corpus.Library, w *answer) {
	for i := range a.sents.sents {
		s := &a.sents.sents[i]
		if !strings.Contains(s.text, l.Name) || !citesAnother(s.text, l) {
			continue
		}

		ref := ""
		for _, m := range namedCitation.FindAllStringSubmatch(s.text, -1) {
			if l.HasName(m[1]) {
				ref = ", ref. " + m[2]
			}
		}

		w.printf("The review's text also names another work called %s (section %s%s) %s; the "+
			"tables' entry is the one above.\n\n", l.Name, s.section.Label(), ref,
			w.src.section(s.section))

		return
	}
}

// customizationFact states what the table gives of a library's
// customization.
func customizationFact(has bool, given string) string {
	if has {
		return "can be customized (the table gives: " + given + ")"
	}

	if strings.EqualFold(given, "No") {
		return "cannot be customized (the table gives: No)"
	}

	return "cannot be customized in that way (the table gives: " + given + ")"
}

// writeOverview writes every field of a record.
func (a *Assistant) writeOverview(l *corpus.Library, w *answer) {
	w.printf("**%s** %s is in the review's %s tables (%s).\n\n", l.Name, w.src.library(l),
		l.Category.Describe(), l.TableList())
	if len(l.Aliases) > 0 {
		w.printf("- also named: %s\n", corpus.Join(l.Aliases))
	}

	for _, f := range tableFields {
		w.printf("- %s: %s\n", fieldLabels[f], fieldValue(l, f))
	}

	for _, r := range l.Refs {
		if ref, ok := a.review.Reference(r.N); ok {
			w.printf("- reference: ref. %d, “%s” %s\n", r.N, ref.Title, w.src.reference(ref))
		}
	}

	w.printf("\n")
	w.usage = true
}

// writeMentions quotes what the review's prose says about a library.
func (a *Assistant) writeMentions(l *corpus.Library, quotes []quote, w *answer) {
	if len(quotes) == 0 {
		return
	}

	w.printf("The review's text on %s:\n\n", l.Name)
	for _, qt := range quotes {
		w.printf("- “%s” %s\n", rewriteRefs(qt.text), w.src.section(qt.section))
	}
}

// writeCompare writes the named libraries side by side.
func (a *Assistant) writeCompare(q *question, w *answer) {
	libs := compared(q.names)
	if a.writeComparedFields(q, libs, w) {
		return
	}

	markers := make([]string, len(libs))
	for i, l := range libs {
		markers[i] = w.src.library(l)
	}

	w.printf("Comparing %s side by side, from the review's tables:\n\n", namesOf(libs))
	w.printf("| field |")
	for i, l := range libs {
		w.printf(" %s %s |", l.Name, markers[i])
	}

	w.printf("\n|---|%s\n", strings.Repeat("---|", len(libs)))
	fields := append([]field{fieldCategory}, tableFields...)
	var same []string
	for _, f := range fields {
		w.printf("| %s |", fieldLabels[f])
		for _, l := range libs {
			w.printf(" %s |", fieldValue(l, f))
		}

		w.printf("\n")
		if allEqual(libs, f) {
			same = append(same, fieldLabels[f])
		}
	}

	w.printf("\nThey share: %s. They differ in every other row.\n", strings.Join(same, ", "))
	a.writeCoMentions(libs, w)
	w.shown, w.base = libs, libs
	w.usage = true
}

// maxComparedFields is the most fields a comparison may ask for and be
// answered field by field, rather than with the whole table.
const maxComparedFields = 2

// fieldsBeforePurpose returns the fields a comparison asks for before the
// purpose it gives after its names: "compare PsychRNN, PyCog and NeuroGym
// for modelling cognitive tasks with RNNs" asks for no models field.
func (a *Assistant) fieldsBeforePurpose(q *question) []field {
	last := 0
	for _, m := range q.mentions {
		last = max(last, m.end)
	}

	for i := last; i < len(q.terms); i++ {
		if q.terms[i] == "for" {
			return fieldsAsked(q.terms[:i], a.notFieldWords(q))
		}
	}

	return q.fields
}

// writeComparedFields answers a comparison that asks for one or two fields
// ("Which library has more stars, DeepLabCut or MONAI?") with those fields,
// a usage count asked with "more" or "fewer" with the library that has it,
// and offers the whole table. It reports whether it wrote the answer.
func (a *Assistant) writeComparedFields(q *question, libs []*corpus.Library, w *answer) bool {
	fields := slices.DeleteFunc(a.fieldsBeforePurpose(q), func(f field) bool {
		// "for training RNNs on cognitive tasks" names a task, asks no field.
		return f == fieldCategory || f == fieldTasks || f == fieldSource && len(q.fields) > 1
	})
	if len(fields) == 0 || len(fields) > maxComparedFields || len(libs) < 2 {
		return false
	}

	for _, f := range fields {
		w.usage = w.usage || isUsage(f)
		if isUsageCount(f) && (hasAny(q.terms, rankMost) || hasAny(q.terms, lessCues)) {
			writeMoreOf(q, f, libs, w)
			continue
		}

		if allEqual(libs, f) {
			w.printf("- %s: the same for %s, %s %s\n", fieldLabels[f], bothOrAll(libs),
				fieldValue(libs[0], f), markersOf(libs, w))
			continue
		}

		parts := make([]string, len(libs))
		for i, l := range libs {
			parts[i] = fmt.Sprintf("**%s** %s: %s", l.Name, w.src.library(l), fieldValue(l, f))
		}

		w.printf("- %s: %s\n", fieldLabels[f], strings.Join(parts, "; "))
	}

	w.printf("\nAsk to compare %s for every field of the review's tables side by side.\n",
		namesOf(libs))
	w.shown, w.base = libs, libs

	return true
}

// writeMoreOf says which compared library has the most (or fewest) of a
// usage count: "**MONAI** has more GitHub stars: 4000 vs 3600".
func writeMoreOf(q *question, f field, libs []*corpus.Library, w *answer) {
	var ranked, missing []*corpus.Library
	for _, l := range libs {
		if usageOf(l, f) == nil {
			missing = append(missing, l)
		} else {
			ranked = append(ranked, l)
		}
	}

	least := hasAny(q.terms, lessCues) && !hasAny(q.terms, rankMost)
	sort.SliceStable(ranked, func(i, j int) bool {
		x, y := *usageOf(ranked[i], f), *usageOf(ranked[j], f)
		return x > y != least && x != y
	})

	if len(ranked) > 0 {
		writeMoreVerdict(f, ranked, least, w)
	}

	for _, l := range missing {
		w.printf("- The review gives no %s count for **%s** %s.\n",
			strings.TrimSuffix(metricName(f), "s"), l.Name, w.src.library(l))
	}
}

// lessCues ask for the lower of a usage count.
var lessCues = stems("fewer less lower smaller least lowest fewest smallest")

// bothOrAll renders "both" for two libraries, "all n" for more.
func bothOrAll(libs []*corpus.Library) string {
	if len(libs) == 2 {
		return "both"
	}

	return fmt.Sprintf("all %d", len(libs))
}

// markersOf renders the source markers of libs: "[1] [2]".
func markersOf(libs []*corpus.Library, w *answer) string {
	marks := make([]string, len(libs))
	for i, l := range libs {
		marks[i] = w.src.library(l)
	}

	return strings.Join(marks, " ")
}

// writeMoreVerdict names the first of ranked, or says that they tie.
func writeMoreVerdict(f field, ranked []*corpus.Library, least bool, w *answer) {
	nums := make([]string, len(ranked))
	for i, l := range ranked {
		nums[i] = fmt.Sprintf("%d %s", *usageOf(l, f), w.src.library(l))
	}

	top := tiedAt(ranked, 1, f)
	if len(top) == len(ranked) && len(ranked) > 1 {
		w.printf("- **%s** have the same number of %s: %s.\n", namesOf(ranked), metricName(f),
			strings.Join(nums, " and "))
		return
	}

	end := "more"
	if least {
		end = "fewer"
	}

	if len(ranked) > 2 {
		end = map[bool]string{false: "the most", true: "the fewest"}[least]
	}

	w.printf("- **%s** has %s %s: %s.\n", top[0].Name, end, metricName(f),
		strings.Join(nums, " vs "))
}

// maxCoMentions is the most sentences quoted that name several compared libraries.
const maxCoMentions = 2

// writeCoMentions quotes the review's sentences that name two or more of the
// compared libraries: what the review says of them together ("PsychRNN,
// PyCog and THINGvision, as well as NeuroGym, ... bridge deep learning
// research and computational neuroscience").
func (a *Assistant) writeCoMentions(libs []*corpus.Library, w *answer) {
	var quotes []quote
	for i := range a.sents.sents {
		s := &a.sents.sents[i]
		n := 0
		for _, l := range libs {
			if slices.Contains(s.names, l) {
				n++
			}
		}

		if n >= 2 && len(quotes) < maxCoMentions {
			quotes = append(quotes, quote{text: s.text, section: s.section, order: s.order})
		}
	}

	if len(quotes) == 0 {
		return
	}

	w.printf("\nThe review's text on them together:\n\n")
	for _, qt := range quotes {
		w.printf("- “%s” %s\n", rewriteRefs(qt.text), w.src.section(qt.section))
	}
}

// compared returns the records to compare: one per name, and both rows of a
// name that has two only when nothing else is named.
func compared(groups [][]*corpus.Library) []*corpus.Library {
	var out []*corpus.Library
	for _, g := range groups {
		out = append(out, g[0])
	}

	return out
}

// allEqual reports whether the records share a field's value.
func allEqual(libs []*corpus.Library, f field) bool {
	for _, l := range libs[1:] {
		if fieldValue(l, f) != fieldValue(libs[0], f) {
			return false
		}
	}

	return true
}

// writeSimilar lists the libraries that share a task and a data type with the
// named one.
func (a *Assistant) writeSimilar(q *question, w *answer) {
	target := q.names[0][0]
	var libs []*corpus.Library
	for _, l := range a.scope(q) {
		if l.Name != target.Name && shares(l.Tasks, target.Tasks) &&
			shares(l.DataTypes, target.DataTypes) {
			libs = append(libs, l)
		}
	}

	w.printf("**%d of %d** libraries share a task (%s) and a data type (%s) with %s %s",
		len(libs), len(a.review.Libraries), corpus.Join(target.Tasks),
		corpus.Join(target.DataTypes), target.Name, w.src.library(target))
	if len(libs) == 0 {
		w.printf(".\n")
		return
	}

	w.printf(":\n\n")
	a.writeLibraryList(libs, w)
	w.shown, w.base = libs, a.scope(q)
	w.usage = true
}

// shares reports whether two item lists have an item in common, without case.
func shares(a, b []string) bool {
	return slices.ContainsFunc(a, func(x string) bool {
		return slices.ContainsFunc(b, func(y string) bool { return strings.EqualFold(x, y) })
	})
}
