package assistant

import (
	"slices"
	"strings"

	"github.com/neuroguide/neuroguide/corpus"
	"github.com/neuroguide/neuroguide/retrieval"
)

// subjectKinds are the facets that say what a question is about; a value of
// one of them makes a broad term of the question incidental ("microscopy
// images", "register brain scans").
var subjectKinds = []corpus.FacetKind{corpus.FacetDataType, corpus.FacetArea, corpus.FacetTask}

// containerKinds hold the subjects of their libraries, so that a subject
// given as an example of one ("computational neuroscience, e.g. training
// networks on cognitive tasks") is no condition of its own.
var containerKinds = []corpus.FacetKind{corpus.FacetCategory, corpus.FacetArea}

// negationReach is how many terms before a facet a negation may stand.
const negationReach = 4

// findFacets finds the vocabulary values in the question and builds its
// selection. Words that spell a named library are not facets, unless a
// longer phrase holds them ("built on DeepLabCut"); broad terms give way to
// specific ones; a value after a negation ("not PyTorch", "without a GUI") is
// excluded instead.
func (a *Assistant) findFacets(q *question) {
	q.found = a.vocab.Find(q.terms)
	reviewVerb := a.reviewVerbMask(q)
	var kept []corpus.Match
	for _, m := range q.found {
		if !withinName(m, q.inName) && !a.isOpenerVerb(q, m) && !withinName(m, reviewVerb) &&
			!thingSense(q, m) {
			kept = append(kept, m)
		}
	}

	kept = a.widened(q.terms, kept)
	kept = askedOverTold(q, kept)
	kept = slices.DeleteFunc(kept, func(m corpus.Match) bool {
		return overridden(m, kept) || partOfPair(m, kept)
	})
	kept = dropExamples(q.terms, kept)

	q.facets = kept
	q.sel = a.selection(q, kept)
}

// facetGroups gather the kinds that say the same of a library: what data it
// takes, and what tools it is built with.
var facetGroups = map[corpus.FacetKind]string{
	corpus.FacetDataType: "data", corpus.FacetCategory: "data", corpus.FacetArea: "data",
	corpus.FacetFramework: "tools", corpus.FacetLanguage: "tools", corpus.FacetInterface: "tools",
}

// sameGroup reports whether two kinds say the same of a library.
func sameGroup(a, b corpus.FacetKind) bool {
	ga, gb := facetGroups[a], facetGroups[b]
	return a == b || ga != "" && ga == gb
}

// askedOverTold drops what a question tells of its user's setting when the
// question proper asks, by a word of its own, for the same of the libraries:
// "Our lab writes in MATLAB and hardly anyone knows Python. Which tools list
// MATLAB?" asks for MATLAB; "I image fluorescently labelled tissue under the
// microscope. Which tools are for fluorescence microscopy data?" asks for
// fluorescence microscopy alone.
func askedOverTold(q *question, ms []corpus.Match) []corpus.Match {
	if q.told == nil {
		return ms
	}

	asked := func(m corpus.Match) bool {
		return !isTold(q, m.Start) && !m.Broad && negation(q.terms, m, ms) == negNone
	}

	return slices.DeleteFunc(slices.Clone(ms), func(m corpus.Match) bool {
		return isTold(q, m.Start) && slices.ContainsFunc(ms, func(o corpus.Match) bool {
			return asked(o) && sameGroup(o.Value.Kind, m.Value.Kind)
		})
	})
}

// widerGap are the words that may stand between a value and a wider one
// that it joins ("EEG or other signal data", "EEG / sequence libraries"):
// an alternative, "other", and the head nouns of either.
var widerGap = stems("or and other librari library tool tools toolbox toolboxes package " +
	"packages data recording recordings")

// widened drops a value that a wider value of another kind, joined to it as
// an alternative, holds: "EEG and other signal data" asks for the sequence
// libraries, of which the EEG ones are some. The wider match stays even
// when broad.
func (a *Assistant) widened(terms []string, ms []corpus.Match) []corpus.Match {
	narrow := make([]bool, len(ms))
	out := slices.Clone(ms)
	for i, m := range ms {
		for j, w := range ms {
			if w.Value.Kind != m.Value.Kind && a.joinedAsWider(terms, m, w) {
				narrow[i], out[j].Broad = true, false
			}
		}
	}

	kept := out[:0]
	for i, m := range out {
		if !narrow[i] {
			kept = append(kept, m)
		}
	}

	return kept
}

// joinedAsWider reports whether w is a wider value joined to m by an
// alternative: only the gap words stand between them, with "or" or "other"
// among them, and every record with m has w.
func (a *Assistant) joinedAsWider(terms []string, m, w corpus.Match) bool {
	lo, hi := m.End, w.Start
	if w.End <= m.Start {
		lo, hi = w.End, m.Start
	}

	if lo > hi {
		return false
	}

	gap := terms[lo:hi]
	if slices.ContainsFunc(gap, func(t string) bool { return !slices.Contains(widerGap, t) }) ||
		!slices.Contains(gap, "or") && !slices.Contains(gap, "other") {
		return false
	}

	for i := range a.review.Libraries {
		l := &a.review.Libraries[i]
		if m.Value.Matches(l) && !w.Value.Matches(l) {
			return false
		}
	}

	return a.valueCount(w.Value) > a.valueCount(m.Value)
}

// partOfPair reports whether a one-span match is a part of a paired match
// of its kind ("classify" of "classify + behaviour", action recognition),
// which reads it more narrowly.
func partOfPair(m corpus.Match, all []corpus.Match) bool {
	if len(m.Extra) > 0 {
		return false
	}

	return slices.ContainsFunc(all, func(o corpus.Match) bool {
		return len(o.Extra) > 0 && o.Value != m.Value && o.Value.Kind == m.Value.Kind &&
			slices.ContainsFunc(matchSpans(o), func(sp [2]int) bool {
				return sp[0] <= m.Start && m.End <= sp[1]
			})
	})
}

// overridden reports whether a broad match gives way to a specific one: a
// head noun of data ("images", "brain scans") to any specific subject, a
// loose task ("predict", "generate") only to a specific task ("outcome").
func overridden(m corpus.Match, all []corpus.Match) bool {
	if !m.Broad {
		return false
	}

	return slices.ContainsFunc(all, func(o corpus.Match) bool {
		if o.Broad || !slices.Contains(subjectKinds, o.Value.Kind) {
			return false
		}

		return m.Value.Kind != corpus.FacetTask || o.Value.Kind == corpus.FacetTask
	})
}

// exampleCues introduce examples: "tasks such as segmentation", "utilities,
// e.g. data handling", "behaviours like grooming".
var exampleCues = [][]string{stems("such as"), {"e.g"}, {"i.e"}, stems("for example"),
	stems("for instance"), stems("including"), stems("like")}

// likeLooks are the words before "like" that make it a likeness, not an
// example: "looks like", "feels like".
var likeLooks = stems("look looks seem seems feel feels sound sounds")

// exampleGap is how many terms may stand between a cue and its first example,
// or between one example and the next ("and", "or", "as well as").
const exampleGap = 3

// exampleOf returns, for each match that gives an example after a cue, the
// position of its cue; the others are absent.
func exampleOf(terms []string, ms []corpus.Match) map[int]int {
	out := map[int]int{}
	for c := range terms {
		end, ok := exampleCueAt(terms, c)
		if !ok {
			continue
		}

		for {
			i := slices.IndexFunc(ms, func(m corpus.Match) bool {
				return m.Start >= end && m.Start <= end+exampleGap
			})
			if i < 0 {
				break
			}

			out[ms[i].Start] = c
			end = ms[i].End
		}
	}

	return out
}

// exampleCueAt reports whether an example cue starts at term c, and where it ends.
func exampleCueAt(terms []string, c int) (int, bool) {
	for _, cue := range exampleCues {
		if !slices.Equal(terms[c:min(len(terms), c+len(cue))], cue) {
			continue
		}

		if cue[0] == stem("like") && (likeIsVerb(terms, c) ||
			c > 0 && slices.Contains(likeLooks, terms[c-1])) {
			return 0, false
		}

		return c + len(cue), true
	}

	return 0, false
}

// dropExamples drops the matches that only give examples of an earlier match
// of their kind: "utilities such as data handling and evaluation" asks for
// utilities, not for evaluation too.
//
// Examples after a category are examples of what it holds: "special
// applications (federated learning, platforms)" asks for the whole category.
func dropExamples(terms []string, ms []corpus.Match) []corpus.Match {
	examples := exampleOf(terms, ms)

	return slices.DeleteFunc(slices.Clone(ms), func(m corpus.Match) bool {
		cue, ok := examples[m.Start]
		return ok && slices.ContainsFunc(ms, func(h corpus.Match) bool {
			_, isExample := examples[h.Start]
			return !isExample && h.End <= cue && (h.Value.Kind == m.Value.Kind ||
				slices.Contains(containerKinds, h.Value.Kind) &&
					slices.Contains(subjectKinds, m.Value.Kind))
		})
	})
}

// allExamples reports whether every match of one kind gives an example, so
// that they are alternatives: "tasks such as segmentation and registration".
func allExamples(terms []string, kms []corpus.Match) bool {
	examples := exampleOf(terms, kms)

	return len(kms) > 1 && !slices.ContainsFunc(kms, func(m corpus.Match) bool {
		_, ok := examples[m.Start]
		return !ok
	})
}

// openerVerbs, opening a question, ask me to explain or show something: they
// name no facet ("Explain federated learning" asks for no explainability tool).
var openerVerbs = stems("explain describe summarize summarise outline tell show list name " +
	"define clarify elaborate")

// ownerWords own or qualify a thing: "our cluster", "the GPU cluster".
var ownerWords = stems("our my your their compute computing hpc gpu slurm university " +
	"institute department")

// thingSense reports whether a one-word match names a thing rather than its
// value (see corpus.FacetValue.ThingForms): "our cluster only has
// TensorFlow".
func thingSense(q *question, m corpus.Match) bool {
	forms := m.Value.ThingForms
	if len(forms) == 0 || m.End-m.Start != 1 || len(m.Extra) > 0 || m.Start == 0 ||
		!slices.Contains(ownerWords, q.terms[m.Start-1]) {
		return false
	}

	return slices.Contains(forms, strings.ToLower(rawWord(q, q.terms[m.Start])))
}

// isOpenerVerb reports whether a match is only the verb that opens the
// question, after discourse and polite words ("hi, could you explain ...").
func (a *Assistant) isOpenerVerb(q *question, m corpus.Match) bool {
	i := a.verbAt(q)

	return m.Start == i && m.End == i+1 && len(m.Extra) == 0 &&
		slices.Contains(openerVerbs, q.terms[i])
}

// withinName reports whether every term of a match spells a library name.
func withinName(m corpus.Match, inName []bool) bool {
	for _, span := range matchSpans(m) {
		for i := span[0]; i < span[1]; i++ {
			if !inName[i] {
				return false
			}
		}
	}

	return true
}

// matchSpans returns every span of terms a match covers.
func matchSpans(m corpus.Match) [][2]int {
	return append([][2]int{{m.Start, m.End}}, m.Extra...)
}

// selection combines the matches: kinds must all hold; values of one kind are
// alternatives when the question joins them with "or", else all must hold
// ("both a GUI and a CLI", "federated learning and aggregation").
func (a *Assistant) selection(q *question, ms []corpus.Match) retrieval.Selection {
	terms := q.terms
	sel := retrieval.Selection{Include: map[corpus.FacetKind][]*corpus.FacetValue{}}
	byKind := groupByKind(q, ms, &sel)
	for _, kind := range corpus.FacetKinds {
		kms := byKind[kind]
		if len(kms) == 0 {
			continue
		}

		vals := make([]*corpus.FacetValue, len(kms))
		for i, m := range kms {
			vals[i] = m.Value
			if onlyNextTo(terms, m) {
				sel.Only = append(sel.Only, m.Value)
				for _, r := range a.rivals(m.Value) {
					if !slices.Contains(sel.Exclude, r) {
						sel.Exclude = append(sel.Exclude, r)
					}
				}
			}
		}

		if len(vals) == 1 || joinedByOr(terms, kms) || sameSpan(kms) || allExamples(terms, kms) ||
			afterColon(q, ms, kms) || qualifiedByFor(terms, kms) {
			sel.Include[kind] = vals
			continue
		}

		sel.Include[kind] = vals[:1]
		sel.All = append(sel.All, vals[1:]...)
	}

	return sel
}

// qualifiedByFor reports whether the values after the first follow a "for"
// after it, and so say what the first is for: "utilities for handling data
// and evaluation" asks for utilities, of which evaluation is one.
func qualifiedByFor(terms []string, kms []corpus.Match) bool {
	first := kms[0]
	for _, m := range kms[1:] {
		if m.Start < first.End || !slices.Contains(terms[first.End:m.Start], "for") {
			return false
		}
	}

	return true
}

// afterColon reports whether every value of kms is matched, among all the
// matches, after a colon, which opens a list of examples: "helpers for the
// plumbing: data handling, evaluation, utilities" asks for any of them.
func afterColon(q *question, all, kms []corpus.Match) bool {
	at := strings.Index(q.read, ":")
	if at < 0 {
		return false
	}

	from := len(corpus.Terms(q.read[:at]))

	return !slices.ContainsFunc(kms, func(m corpus.Match) bool {
		return !slices.ContainsFunc(all, func(o corpus.Match) bool {
			return o.Value == m.Value && o.Start >= from
		})
	})
}

// kindMatches are matches grouped by facet kind.
type kindMatches map[corpus.FacetKind][]corpus.Match

// groupByKind groups the asked-for matches by kind, one per value, and adds
// the negated ones to the selection's exclusions. What the user tells they
// do not have of the data ("I work with signals, not images", "I don't have
// my own data yet") excludes no library; what they cannot use ("we don't
// have a MATLAB licence") does. A value both asked for and excluded is
// excluded.
func groupByKind(q *question, ms []corpus.Match, sel *retrieval.Selection) kindMatches {
	terms := q.terms
	byKind := kindMatches{}
	last := -1
	if elidedNegation(terms) {
		last = lastMatch(ms)
	}

	for i, m := range ms {
		effect := negation(terms, m, ms)
		switch {
		case effect == negExcluded && nameBefore(q, m):
			// "other than braindecode, use PyTorch": the name is set aside.
			effect = negNone
		case i == last:
			effect = negExcluded
		case effect == negExcluded && isTold(q, m.Start) && slices.Contains(dataKinds, m.Value.Kind):
			effect = negIgnored
		case effect == negExcluded && contrasted(q.terms, m, ms):
			effect = negIgnored
		case isTold(q, m.Start) && m.Value.Kind == corpus.FacetDatasets:
			// "My dataset mixes images and time series": the user's own
			// data asks for no library that provides data sets.
			effect = negIgnored
		}

		switch effect {
		case negIgnored:
			continue
		case negExcluded:
			if !slices.Contains(sel.Exclude, m.Value) {
				sel.Exclude = append(sel.Exclude, m.Value)
			}

			continue
		}

		if !slices.ContainsFunc(byKind[m.Value.Kind], func(o corpus.Match) bool {
			return o.Value == m.Value
		}) {
			byKind[m.Value.Kind] = append(byKind[m.Value.Kind], m)
		}
	}

	for k, kms := range byKind {
		byKind[k] = slices.DeleteFunc(kms, func(m corpus.Match) bool {
			return slices.Contains(sel.Exclude, m.Value)
		})
	}

	return byKind
}

// nameBefore reports whether a library's name stands between m and the
// negator that reaches it: "other than braindecode, use PyTorch" sets the
// name aside, not PyTorch.
func nameBefore(q *question, m corpus.Match) bool {
	j := negatorBefore(q.terms, m, true)
	return j >= 0 && slices.Contains(q.inName[j+1:m.Start], true)
}

// negatorBefore returns the position of the nearest negator within reach
// before m, the end of a negating pair too when pairs is set, or -1.
func negatorBefore(terms []string, m corpus.Match, pairs bool) int {
	for j := m.Start - 1; j >= max(0, m.Start-negationReach); j-- {
		if slices.Contains(negators, terms[j]) || pairs && j > 0 &&
			slices.Contains(negatorPairs, [2]string{terms[j-1], terms[j]}) {
			return j
		}
	}

	return -1
}

// dataKinds describe the user's data and work rather than the tools they
// can run.
var dataKinds = []corpus.FacetKind{corpus.FacetDataType, corpus.FacetCategory,
	corpus.FacetArea, corpus.FacetDatasets, corpus.FacetTask}

// exclusionJoins, before a negator, make it exclude: "Python but not MATLAB".
var exclusionJoins = stems("but and yet")

// contrasted reports whether a negated match only sets off a value of its
// kind asked for before it: "live while the data streams in, not afterwards
// on saved files" asks for online tools, not for tools that are not also
// offline. "Python but not MATLAB" and "online and not offline" exclude.
func contrasted(terms []string, m corpus.Match, all []corpus.Match) bool {
	neg := negatorBefore(terms, m, false)
	if neg <= 0 || slices.Contains(exclusionJoins, terms[neg-1]) {
		return false
	}

	return slices.ContainsFunc(all, func(o corpus.Match) bool {
		return o.Value.Kind == m.Value.Kind && o.Value != m.Value && o.End <= neg &&
			negation(terms, o, all) == negNone
	})
}

// elidedNegation reports whether a question ends asking which do not, its
// verb left out: "Most have a publication. Which one doesn't?" excludes the
// last facet it names.
func elidedNegation(terms []string) bool {
	n := len(terms)
	if n < 3 || terms[n-1] != "not" && terms[n-1] != "t" ||
		!slices.Contains(auxiliaries, terms[n-2]) && !slices.Contains(contracted, terms[n-2]) {
		return false
	}

	k := n - 3
	if k > 0 && terms[k] != stem("which") {
		k-- // "which one", "which libraries"
	}

	return terms[k] == stem("which")
}

// contracted are the auxiliaries before "n't", as the terms split them.
var contracted = stems("don doesn didn isn aren wasn weren hasn haven can couldn won wouldn")

// lastMatch returns the index of the match that starts last, or -1.
func lastMatch(ms []corpus.Match) int {
	last := -1
	for i, m := range ms {
		if last < 0 || m.Start > ms[last].Start {
			last = i
		}
	}

	return last
}

// onlyNextTo reports whether "only" stands just before or after a match:
// "offline only", "only a GUI".
func onlyNextTo(terms []string, m corpus.Match) bool {
	return m.Start > 0 && terms[m.Start-1] == "only" || m.End < len(terms) && terms[m.End] == "only"
}

// rivals returns the other values of a value's kind whose table items
// neither include nor are included in its own: for "only Offline", Online;
// for "only Python", the other languages; never "Notebooks" for "only Colab
// notebooks", whose items are notebooks too.
func (a *Assistant) rivals(v *corpus.FacetValue) []*corpus.FacetValue {
	mine := a.itemsOf(v)
	var out []*corpus.FacetValue
	for i := range a.vocab.Values {
		o := &a.vocab.Values[i]
		if o == v || o.Kind != v.Kind {
			continue
		}

		theirs := a.itemsOf(o)
		if len(theirs) > 0 && !subset(mine, theirs) && !subset(theirs, mine) {
			out = append(out, o)
		}
	}

	return out
}

// itemsOf returns the set of table items of the records that a value
// covers, found once at start.
func (a *Assistant) itemsOf(v *corpus.FacetValue) map[string]bool { return a.items[v] }

// valueItems returns, for each value of the vocabulary, the set of table
// items of the records it covers.
func valueItems(r *corpus.Review, vocab *corpus.Vocabulary) map[*corpus.FacetValue]map[string]bool {
	out := make(map[*corpus.FacetValue]map[string]bool, len(vocab.Values))
	for i := range vocab.Values {
		v := &vocab.Values[i]
		set := map[string]bool{}
		for j := range r.Libraries {
			for _, it := range v.Kind.Items(&r.Libraries[j]) {
				if v.Covers(it) {
					set[strings.ToLower(it)] = true
				}
			}
		}

		out[v] = set
	}

	return out
}

// subset reports whether every item of a is in b.
func subset(a, b map[string]bool) bool {
	for it := range a {
		if !b[it] {
			return false
		}
	}

	return true
}

// sameSpan reports whether the matches are one phrase naming several values
// ("cognition": cognitive or computational neuroscience), which are then
// alternatives.
func sameSpan(ms []corpus.Match) bool {
	for _, m := range ms[1:] {
		if m.Start != ms[0].Start || m.End != ms[0].End {
			return false
		}
	}

	return true
}

// joinedByOr reports whether "or" or "either" stands among matches of one kind.
func joinedByOr(terms []string, ms []corpus.Match) bool {
	lo, hi := len(terms), 0
	for _, m := range ms {
		lo, hi = min(lo, m.Start), max(hi, m.End)
	}

	if lo > 0 && slices.Contains(orWords, terms[lo-1]) || eitherOfThem(terms[hi:]) {
		return true
	}

	return slices.ContainsFunc(terms[lo:hi], func(t string) bool {
		return slices.Contains(orWords, t)
	})
}

// eitherOfThem reports whether terms after a kind's matches ask for either
// of them: "EMG and MEG recordings. Which libraries list either of those?".
func eitherOfThem(after []string) bool {
	for i := 0; i+1 < len(after); i++ {
		if (after[i] == stem("either") || after[i] == stem("any")) && after[i+1] == "of" {
			return true
		}
	}

	return false
}

// negEffect is what a negation before a facet does to it.
type negEffect int

// The effects of a negation.
const (
	negNone     negEffect = iota // no negation: the facet is asked for
	negExcluded                  // "not PyTorch": records with it are excluded
	negIgnored                   // "not only the weights": neither asked for nor excluded
)

// negation tells whether a negation reaches the match: one of the few terms
// before it is a negator, with no other facet and no conjunction between
// ("EEG libraries that do not use PyTorch", "not built on TensorFlow"). "Not
// only X" asks for more than X, so X is dropped.
func negation(terms []string, m corpus.Match, all []corpus.Match) negEffect {
	for j := m.Start - 1; j >= max(0, m.Start-negationReach); j-- {
		t := terms[j]
		if o, ok := alternativeBefore(terms, j, m, all); ok {
			// "can't customise or retrain": the negation of the first holds
			// for the second.
			return negation(terms, o, all)
		}

		if slices.Contains(scopeBreaks, t) || coveredByOther(j, m, all) || inOwnParts(j, m) {
			return negNone
		}

		if slices.Contains(contrastWords, t) {
			return negIgnored
		}

		for _, p := range contrastPairs {
			if j > 0 && terms[j-1] == p[0] && t == p[1] {
				return negIgnored
			}
		}

		if slices.Contains(negators, t) {
			if j+1 < len(terms) && slices.Contains(notNegating, terms[j+1]) {
				return negIgnored
			}

			return negExcluded
		}

		for _, p := range negatorPairs {
			if j > 0 && terms[j-1] == p[0] && t == p[1] {
				return pairEffect(terms, j)
			}
		}
	}

	return negNone
}

// alternativeBefore returns the match of m's kind that ends just before an
// "or" or "nor" at term j.
func alternativeBefore(terms []string, j int, m corpus.Match, all []corpus.Match) (corpus.Match,
	bool,
) {
	if terms[j] != "or" && terms[j] != "nor" || j != m.Start-1 {
		return corpus.Match{}, false
	}

	i := slices.IndexFunc(all, func(o corpus.Match) bool {
		return o.End == j && o.Value.Kind == m.Value.Kind
	})
	if i < 0 {
		return corpus.Match{}, false
	}

	return all[i], true
}

// pairEffect is the effect of a negating pair ending at term j: "rather than
// just tracking" asks for more than tracking, as "not only" does.
func pairEffect(terms []string, j int) negEffect {
	if j+1 < len(terms) && slices.Contains(notNegating, terms[j+1]) {
		return negIgnored
	}

	return negExcluded
}

// inOwnParts reports whether term i belongs to a further part of m itself:
// the negation in "data + can't move" is the phrase's own.
func inOwnParts(i int, m corpus.Match) bool {
	return slices.ContainsFunc(m.Extra, func(sp [2]int) bool { return i >= sp[0] && i < sp[1] })
}

// coveredByOther reports whether term i belongs to a match other than m, in
// any of its parts.
func coveredByOther(i int, m corpus.Match, all []corpus.Match) bool {
	return slices.ContainsFunc(all, func(o corpus.Match) bool {
		return o.Start != m.Start && slices.ContainsFunc(matchSpans(o), func(sp [2]int) bool {
			return i >= sp[0] && i < sp[1]
		})
	})
}

// selectionKinds returns the facet kinds a selection includes, in answer order.
func selectionKinds(sel retrieval.Selection) []corpus.FacetKind {
	var out []corpus.FacetKind
	for _, k := range corpus.FacetKinds {
		_, inc := sel.Include[k]
		all := slices.ContainsFunc(sel.All, func(v *corpus.FacetValue) bool { return v.Kind == k })
		if inc || all {
			out = append(out, k)
		}
	}

	return out
}
