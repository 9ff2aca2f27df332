package assistant

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/neuroguide/neuroguide/corpus"
)

// intentTally asks which value of a field the libraries list most often:
// "what is the most common framework?", "which interface appears most?".
const intentTally = intentDistinct + 1

// tallyKinds are the facet kinds of the fields whose values can be tallied.
var tallyKinds = map[field]corpus.FacetKind{
	fieldArea: corpus.FacetArea, fieldDataTypes: corpus.FacetDataType,
	fieldTasks: corpus.FacetTask, fieldModels: corpus.FacetModel,
	fieldFrameworks: corpus.FacetFramework, fieldLanguages: corpus.FacetLanguage,
	fieldInterfaces: corpus.FacetInterface, fieldOnline: corpus.FacetOnline,
	fieldMaintenance: corpus.FacetMaintenance, fieldCategory: corpus.FacetCategory,
	fieldDatasets: corpus.FacetDatasets, fieldCustomization: corpus.FacetCustomization,
}

// tallyCues ask how often values occur: "the most common framework", "the
// breakdown of languages".
var tallyCues = stems("common commonest frequent frequently often prevalent dominant " +
	"dominate dominates widespread usual usually typical typically mainly mostly generally " +
	"breakdown distribution tally")

// maxTallyKinds is the most fields one question may ask to tally: "which
// architectures do most image libraries use for which tasks?" asks of two.
const maxTallyKinds = 2

// tallyKindsOf returns the kinds whose values a question asks to tally: it
// asks of one or two fields, with a cue of frequency or "most" that ranks no
// library ("the most popular library" ranks by stars), names no value of
// them, and does not ask what the review says ("will one framework dominate,
// according to the review?").
func (a *Assistant) tallyKindsOf(q *question) []corpus.FacetKind {
	kinds := tallyFieldKinds(q.terms)
	if len(kinds) == 0 || len(kinds) > maxTallyKinds || len(q.names) > 0 || a.asksUsage(q) ||
		saysOfReview(q) || opensYesNo(q) ||
		headsLibraries(q.terms) || !hasAny(q.terms, tallyCues) && !slices.Contains(q.terms, "most") {
		return nil
	}

	if slices.ContainsFunc(q.facets, func(m corpus.Match) bool {
		// "customization" names the field, not its value Customizable.
		byField := m.End-m.Start == 1 && isFieldWord(q.terms[m.Start])
		return slices.Contains(kinds, m.Value.Kind) && !byField
	}) {
		return nil
	}

	return kinds
}

// opensYesNo reports whether a question, or its last sentence, opens with
// an auxiliary, asking yes or no: "Will one framework end up dominating
// neuroscience?" asks for no tally.
func opensYesNo(q *question) bool {
	if len(q.opening) > 0 && slices.Contains(auxiliaries, q.opening[0]) {
		return true
	}

	// The question proper after what it tells: "I record MEG. Does the
	// review think ...?"
	sentences := questionSentenceEnd.Split(q.read, -1)
	last := corpus.Terms(sentences[len(sentences)-1])
	if len(last) == 0 && len(sentences) > 1 {
		last = corpus.Terms(sentences[len(sentences)-2])
	}

	return len(last) > 0 && slices.Contains(auxiliaries, last[0])
}

// popularWords ask how popular something is, which for a field's value is
// how often the libraries list it.
var popularWords = stems("popular popularity")

// asksUsage reports whether a question asks of a usage count by a word other
// than "popular": "which federated framework has the most contributors?"
// ranks libraries.
func (a *Assistant) asksUsage(q *question) bool {
	for _, t := range q.terms {
		if f, ok := fieldWords[t]; ok && isUsageCount(f) && !slices.Contains(popularWords, t) {
			return true
		}
	}

	return false
}

// headsLibraries reports whether the question asks which libraries ("which
// tools are most starred?", "what is the most popular library?"): a library
// word that names no field ("framework" does) follows its opening wh-word,
// or "most" and a ranking word.
func headsLibraries(terms []string) bool {
	for i, t := range terms {
		if (t == stem("which") || t == "what") && i+1 < len(terms) &&
			slices.Contains(libraryWords, terms[i+1]) && !isFieldWord(terms[i+1]) {
			return true
		}

		if t == "most" && i+2 < len(terms) && slices.Contains(rankWords, terms[i+1]) &&
			slices.Contains(libraryWords, terms[i+2]) {
			return true
		}
	}

	return false
}

// tallyFieldKinds returns the kinds of the fields a question names, without
// the words that only qualify another field: "type" in "interface type",
// "tables" in "the area label in the domain tables".
func tallyFieldKinds(terms []string) []corpus.FacetKind {
	var kinds []corpus.FacetKind
	tables := false
	for i, t := range terms {
		f, ok := fieldWords[t]
		k, tallies := tallyKinds[f]
		switch {
		case !ok || !tallies:
		case t == stem("table"):
			tables = true
		case t == stem("type") && i > 0 && terms[i-1] != "data" && isFieldWord(terms[i-1]):
		case !slices.Contains(kinds, k):
			kinds = append(kinds, k)
		}
	}

	if len(kinds) == 0 && tables {
		return []corpus.FacetKind{corpus.FacetCategory}
	}

	return kinds
}

// isFieldWord reports whether a term names a field.
func isFieldWord(t string) bool {
	_, ok := fieldWords[t]
	return ok
}

// rankWords, between "most" and a library word, rank the libraries: "the
// most popular library", "the most widely used tools".
var rankWords = stems("popular starred forked used widely cited active contributed known")

// tallied is one value of a field and the libraries that list it.
type tallied struct {
	value string
	libs  []*corpus.Library
}

// maxTallied is the most values a tally lists.
const maxTallied = 10

// writeTally writes, for each field asked, how many libraries list each of
// its values, most first, over the libraries the question's other facets
// select; the review is quoted first when it speaks to the question.
func (a *Assistant) writeTally(ctx context.Context, q *question, w *answer) {
	kinds := a.tallyKindsOf(q)
	a.writeStrongQuotes(ctx, q, w, a.kindTerms(kinds)...)

	sel := q.sel
	for _, k := range kinds {
		sel = sel.Without(k) // "customization" in "the most common customization"
	}

	scope := selectIn(a.scope(q), sel)
	if len(scope) == 0 {
		a.writeNoMatch(q, w)
		return
	}

	over := a.scopeName(q)
	if !sel.Empty() {
		over += " with " + describeSelection(sel)
	}

	for _, kind := range kinds {
		a.writeTallyOf(kind, scope, over, w)
	}

	if slices.ContainsFunc(kinds, func(k corpus.FacetKind) bool {
		return !slices.Contains(singleCellKinds, k)
	}) {
		w.printf("A library with several values is counted once for each.\n")
	}

	w.tabled = true
}

// writeTallyOf writes how many of scope, described by over, list each value
// of kind.
func (a *Assistant) writeTallyOf(kind corpus.FacetKind, scope []*corpus.Library, over string,
	w *answer,
) {
	counts := a.tally(scope, kind)

	top := counts[0]
	tied := slices.IndexFunc(counts, func(t tallied) bool { return len(t.libs) < len(top.libs) })
	if tied < 0 {
		tied = len(counts)
	}

	names := make([]string, tied)
	for i, t := range counts[:tied] {
		names[i] = "**" + t.value + "**"
	}

	w.printf("Over the %d libraries of %s, the most common %s is %s: %d of %d list it %s.\n\n",
		len(scope), over, kind.Describe(), joinAnd(names), len(top.libs), len(scope),
		a.citeTables(scope, w))
	for _, t := range counts[:min(len(counts), maxTallied)] {
		w.printf("- %s: %d of %d\n", t.value, len(t.libs), len(scope))
	}

	if len(counts) > maxTallied {
		w.printf("- and %d more values, each listed by fewer\n", len(counts)-maxTallied)
	}

	w.printf("\n")
	w.facts.setCount(len(top.libs), len(scope))
	w.usage = kind == corpus.FacetMaintenance
}

// tally counts, for each vocabulary value of kind, the libraries that have
// it, most first: the same values, and so the same counts, as a list
// question gets ("40 of 74 have framework TensorFlow"). A value that only
// gathers others ("Notebooks" of Colab and Jupyter ones) is left out, as is
// one no library has.
func (a *Assistant) tally(libs []*corpus.Library, kind corpus.FacetKind) []tallied {
	if slices.Contains(singleCellKinds, kind) {
		return tallyCells(libs, kind)
	}

	var out []tallied
	for _, v := range a.tallyValues[kind] {
		t := tallied{value: v.Value}
		for _, l := range libs {
			if v.Matches(l) {
				t.libs = append(t.libs, l)
			}
		}

		if len(t.libs) > 0 {
			out = append(out, t)
		}
	}

	return mostFirst(out)
}

// mostFirst sorts tallied values by how many libraries list them, most
// first, keeping the order of ties.
func mostFirst(ts []tallied) []tallied {
	slices.SortStableFunc(ts, func(x, y tallied) int { return cmp.Compare(len(y.libs), len(x.libs)) })
	return ts
}

// singleCellKinds are the kinds whose cell holds one value per library,
// tallied as the tables write it: "Yes (weights)" is the commonest
// customization, though every "Yes (...)" is customizable.
var singleCellKinds = []corpus.FacetKind{corpus.FacetCustomization, corpus.FacetMaintenance,
	corpus.FacetOnline, corpus.FacetDatasets, corpus.FacetCategory}

// tallyCells counts the libraries of each value of a one-value cell, as the
// tables write it, most first.
func tallyCells(libs []*corpus.Library, kind corpus.FacetKind) []tallied {
	byValue := map[string]*tallied{}
	var order []string
	for _, l := range libs {
		for _, it := range kind.Items(l) {
			key := strings.ToLower(strings.TrimSpace(it))
			if key == "" {
				continue
			}

			if byValue[key] == nil {
				byValue[key] = &tallied{value: strings.TrimSpace(it)}
				order = append(order, key)
			}

			byValue[key].libs = append(byValue[key].libs, l)
		}
	}

	out := make([]tallied, len(order))
	for i, k := range order {
		out[i] = *byValue[k]
	}

	return mostFirst(out)
}

// valuesToTally returns, for each kind, the vocabulary values a tally
// counts: not those that only gather others or only qualify another's
// items. It is found once at start.
func (a *Assistant) valuesToTally() map[corpus.FacetKind][]*corpus.FacetValue {
	out := map[corpus.FacetKind][]*corpus.FacetValue{}
	for i := range a.vocab.Values {
		if v := &a.vocab.Values[i]; !a.gathers(v) && !a.qualifies(v) {
			out[v.Kind] = append(out[v.Kind], v)
		}
	}

	return out
}

// gathers reports whether a value's items are all items of other values of
// its kind, which it gathers: "Notebooks" of "Colab Notebooks" and "Jupyter
// Notebooks".
func (a *Assistant) gathers(v *corpus.FacetValue) bool {
	mine := a.itemsOf(v)
	rest := map[string]bool{}
	others := 0
	for i := range a.vocab.Values {
		o := &a.vocab.Values[i]
		if o == v || o.Kind != v.Kind {
			continue
		}

		if theirs := a.itemsOf(o); len(theirs) > 0 && subset(theirs, mine) && len(theirs) < len(mine) {
			others++
			for it := range theirs {
				rest[it] = true
			}
		}
	}

	return others >= 2 && subset(mine, rest)
}

// isTally reports whether a question asks to tally a field's values.
func (a *Assistant) isTally(q *question) bool {
	return len(a.tallyKindsOf(q)) > 0
}

// minKindTermRarity is the least rarity, among the review's sentences, of a
// term that shows a sentence speaks of a kind: "process" of "Processing" is
// in too many.
const minKindTermRarity = 3

// kindTerms returns the rarer terms that name kinds or their values: a
// sentence the tally quotes must speak of them ("classification and
// segmentation ... are the most common tasks").
func (a *Assistant) kindTerms(kinds []corpus.FacetKind) []string {
	var out []string
	add := func(text string) {
		for _, t := range corpus.Terms(text) {
			if a.sents.idf[t] >= minKindTermRarity {
				out = append(out, t)
			}
		}
	}

	for _, k := range kinds {
		add(k.Describe())
		for i := range a.vocab.Values {
			if v := &a.vocab.Values[i]; v.Kind == k {
				add(v.Value)
			}
		}
	}

	return out
}

// qualifies reports whether a value only qualifies the items of another
// value of its kind: FreeSurfer of "Python (FreeSurfer)", which Python
// covers, is no language of its own.
func (a *Assistant) qualifies(v *corpus.FacetValue) bool {
	mine := a.itemsOf(v)
	for i := range a.vocab.Values {
		o := &a.vocab.Values[i]
		if o == v || o.Kind != v.Kind || a.gathers(o) {
			continue
		}

		if theirs := a.itemsOf(o); len(theirs) > len(mine) && subset(mine, theirs) {
			return true
		}
	}

	return false
}

// tableSections returns, for each category, the section that presents its
// tables: the one that first names them ("... are shown in Table 1").
func tableSections(r *corpus.Review) map[corpus.Category]*corpus.Section {
	out := map[corpus.Category]*corpus.Section{}
	for _, t := range r.Tables {
		if out[t.Category] != nil {
			continue
		}

		named := regexp.MustCompile(fmt.Sprintf(`\bTable %d\b`, t.Number))
		for i := range r.Sections {
			sec := &r.Sections[i]
			if slices.ContainsFunc(sec.Paragraphs, named.MatchString) {
				out[t.Category] = sec
				break
			}
		}
	}

	return out
}

// citeTables cites the sections whose tables hold the libraries' rows, and
// returns their markers: an answer counted over the tables cites them.
func (a *Assistant) citeTables(libs []*corpus.Library, w *answer) string {
	var markers []string
	for _, c := range corpus.Categories {
		sec := a.tableSections[c]
		if sec != nil && slices.ContainsFunc(libs, func(l *corpus.Library) bool {
			return l.Category == c
		}) {
			markers = append(markers, w.src.section(sec))
		}
	}

	return strings.Join(markers, " ")
}
