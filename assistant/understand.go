package assistant

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/neuroguide/neuroguide/corpus"
	"github.com/neuroguide/neuroguide/retrieval"
)

// intent is what a question asks for.
type intent int

// The intents the composer answers.
const (
	intentProse   intent = iota // quote the review's prose
	intentList                  // every library matching facets
	intentCount                 // how many libraries match facets
	intentRank                  // the most or least starred, forked, ...
	intentLookup                // one library's fields
	intentCompare               // two or more libraries side by side
	intentSimilar               // libraries like a named one
	intentDecline               // the review does not cover it
)

// String names the intent in logs and tests.
func (i intent) String() string {
	return [...]string{"prose", "list", "count", "rank", "lookup", "compare", "similar",
		"decline"}[i]
}

// field is a record field a lookup asks for.
type field string

// The fields a lookup can ask for.
const (
	fieldArea          field = "area"
	fieldDataTypes     field = "data_types"
	fieldDatasets      field = "datasets"
	fieldTasks         field = "tasks"
	fieldModels        field = "models"
	fieldFrameworks    field = "frameworks"
	fieldCustomization field = "customization"
	fieldLanguages     field = "languages"
	fieldInterfaces    field = "interfaces"
	fieldOnline        field = "online_offline"
	fieldMaintenance   field = "maintenance"
	fieldSource        field = "source"
	fieldStars         field = "stars"
	fieldForks         field = "forks"
	fieldContributors  field = "contributors"
	fieldRefs          field = "refs"
	fieldCategory      field = "category"
)

// fieldWords maps a question's terms (stemmed) to the field they ask about.
var fieldWords = map[string]field{
	"area": fieldArea, "field": fieldArea, "domain": fieldArea,
	"modality": fieldDataTypes, "input": fieldDataTypes, "type": fieldDataTypes,
	"dataset": fieldDatasets,
	"task":    fieldTasks, "purpose": fieldTasks,
	"architecture": fieldModels, "network": fieldModels, "model": fieldModels,
	"framework": fieldFrameworks, "backend": fieldFrameworks, "built": fieldFrameworks,
	"customization": fieldCustomization, "customize": fieldCustomization,
	"customise": fieldCustomization, "customisation": fieldCustomization,
	"weight": fieldCustomization, "retrain": fieldCustomization,
	"language": fieldLanguages, "written": fieldLanguages,
	"interface": fieldInterfaces,
	"online":    fieldOnline, "offline": fieldOnline, "real": fieldOnline,
	"maintain": fieldMaintenance, "maintenance": fieldMaintenance,
	"active": fieldMaintenance, "inactive": fieldMaintenance, "abandon": fieldMaintenance,
	"source": fieldSource, "code": fieldSource, "repository": fieldSource,
	"repo": fieldSource, "host": fieldSource, "hosted": fieldSource,
	"github": fieldSource, "gitlab": fieldSource, "bitbucket": fieldSource,
	"link": fieldSource, "url": fieldSource, "download": fieldSource,
	"website": fieldSource, "homepage": fieldSource, "install": fieldSource,
	"star": fieldStars, "starred": fieldStars, "popular": fieldStars,
	"popularity": fieldStars,
	"fork":       fieldForks, "forked": fieldForks,
	"contributor": fieldContributors, "developer": fieldContributors,
	"community": fieldContributors,
	"paper":     fieldRefs, "reference": fieldRefs, "cite": fieldRefs,
	"citation": fieldRefs, "publication": fieldRefs, "article": fieldRefs,
	"category": fieldCategory, "table": fieldCategory,
}

// metric is a usage count a ranking orders by.
type metric field

var (
	// yearPattern finds years in a question.
	yearPattern = regexp.MustCompile(`\b(19|20)\d\d\b`)

	// topN finds "top 5" or "5 most".
	topN = regexp.MustCompile(`(?i)\btop[ -](\d+)\b|\b(\d+) (?:most|least)\b`)
)

// lastYear is the review's last year of data: usage numbers are from April 2023.
const lastYear = 2023

// question is what the assistant understood of a user's question.
type question struct {
	text  string
	words []word
	terms []string

	// names are the records the question names, one group per distinct name
	// (DeLINEATE names two records).
	names [][]*corpus.Library

	// facets are the vocabulary values the question names, and sel the
	// selection they make.
	facets []corpus.Match
	sel    retrieval.Selection

	fields    []field
	metric    field
	ascending bool
	limit     int

	// residual are the question's content terms that no name, facet or
	// generic word accounts for: what a prose answer must match.
	residual []string

	// within, for a follow-up, is the previous answer's libraries the
	// question ranges over; nil means all records.
	within []*corpus.Library

	intent intent
	reason string // why a question is declined
}

// cue words of intents, as stemmed terms.
var (
	countCues    = []string{"many", "number", "count"}
	rankMost     = []string{"most", "highest", "largest", "biggest", "top", "greatest", "popular"}
	rankLeast    = []string{"least", "lowest", "fewest", "smallest"}
	compareCues  = []string{"compare", "comparison", "differ", "difference", "versus", "vs", "vs.", "between", "better", "side"}
	similarCues  = []string{"like", "similar", "alternative", "instead", "replace", "replacement"}
	negators     = []string{"not", "no", "without", "except", "excluding", "exclude", "non", "avoid", "t", "never"}
	negatorPairs = [][2]string{{"other", "than"}, {"rather", "than"}}
)

// understand analyses a question: the libraries it names, the facets it asks
// for, and what kind of answer it wants.
func (a *Assistant) understand(text string) *question {
	q := &question{text: text, words: splitWords(text), terms: corpus.Terms(text)}
	q.names = a.namedRecords(q)
	a.findFacets(q)
	q.fields = fieldsAsked(q.terms)
	q.residual = a.residualTerms(q)
	q.intent, q.reason = a.classify(q)

	return q
}

// namedRecords finds the records the question names, one group per name.
func (a *Assistant) namedRecords(q *question) [][]*corpus.Library {
	var out [][]*corpus.Library
	for _, m := range a.names.find(q.words) {
		dup := slices.ContainsFunc(out, func(g []*corpus.Library) bool {
			return g[0] == m.form.libs[0]
		})
		if !dup {
			out = append(out, m.form.libs)
		}
	}

	return out
}

// findFacets finds the vocabulary values in the question and builds its
// selection. A value just after a negation ("not PyTorch", "without a GUI")
// is excluded instead. Words that spell a named library are not facets, unless
// a longer phrase holds them ("built on DeepLabCut").
func (a *Assistant) findFacets(q *question) {
	q.sel = retrieval.Selection{Include: map[corpus.FacetKind][]*corpus.FacetValue{}}
	nameTerms := a.nameTermSet(q)
	for _, m := range a.vocab.Find(q.terms) {
		if m.End-m.Start == 1 && nameTerms[q.terms[m.Start]] {
			continue
		}

		q.facets = append(q.facets, m)
		if negated(q.terms, m.Start) {
			q.sel.Exclude = append(q.sel.Exclude, m.Value)
			continue
		}

		vals := q.sel.Include[m.Value.Kind]
		if !slices.Contains(vals, m.Value) {
			q.sel.Include[m.Value.Kind] = append(vals, m.Value)
		}
	}
}

// nameTermSet returns the terms of the library names the question mentions.
func (a *Assistant) nameTermSet(q *question) map[string]bool {
	set := map[string]bool{}
	for _, m := range a.names.find(q.words) {
		for _, w := range q.words[m.start:m.end] {
			for _, t := range corpus.Terms(w.raw) {
				set[t] = true
			}
		}
	}

	return set
}

// negated reports whether a negation stands in the two terms before position i.
func negated(terms []string, i int) bool {
	for j := max(0, i-2); j < i; j++ {
		if slices.Contains(negators, terms[j]) {
			return true
		}

		for _, p := range negatorPairs {
			if j+1 < i && terms[j] == p[0] && terms[j+1] == p[1] {
				return true
			}
		}
	}

	return false
}

// fieldsAsked returns the record fields the question's words ask about.
func fieldsAsked(terms []string) []field {
	var out []field
	for i, t := range terms {
		f, ok := fieldWords[t]
		if !ok {
			continue
		}

		if t == "real" && (i+1 >= len(terms) || terms[i+1] != "time") {
			continue
		}

		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}

	// "GitHub stars", "the repository's contributors": the words that name a
	// source also qualify a usage count, which is then what is asked.
	if slices.ContainsFunc(out, isUsageCount) {
		out = slices.DeleteFunc(out, func(f field) bool { return f == fieldSource })
	}

	return out
}

// isUsageCount reports whether a field is a usage count.
func isUsageCount(f field) bool {
	return f == fieldStars || f == fieldForks || f == fieldContributors
}

// residualTerms returns the content terms that names, facets, fields, cues and
// generic words leave unexplained.
func (a *Assistant) residualTerms(q *question) []string {
	covered := make([]bool, len(q.terms))
	for _, m := range q.facets {
		for i := m.Start; i < m.End; i++ {
			covered[i] = true
		}
	}

	names := a.nameTermSet(q)
	var out []string
	for i, t := range q.terms {
		if covered[i] || names[t] || a.vocab.IsGeneric(t) || isStopWord(t) || isCue(t) {
			continue
		}

		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}

	return out
}

// isCue reports whether a term is an intent or field cue word.
func isCue(t string) bool {
	_, isField := fieldWords[t]
	cues := [][]string{countCues, rankMost, rankLeast, compareCues, negators}

	return isField || slices.ContainsFunc(cues, func(c []string) bool {
		return slices.Contains(c, t)
	})
}

// classify decides the intent of an analysed question.
func (a *Assistant) classify(q *question) (intent, string) {
	if year := futureYear(q.text); year != "" {
		return intentDecline, "it asks about " + year + ", and the review's data end in " +
			"April 2023"
	}

	has := func(cues []string) bool { return hasAny(q.terms, cues) }
	switch {
	case len(q.names) >= 2:
		return intentCompare, ""
	case len(q.names) == 1 && has(similarCues):
		return intentSimilar, ""
	case len(q.names) == 1:
		return intentLookup, ""
	case a.rankAsked(q):
		return intentRank, ""
	case hasCount(q.terms):
		return intentCount, ""
	case !q.sel.Empty():
		return intentList, ""
	}

	return a.proseOrDecline(q)
}

// futureYear returns a year the question names that is after the review's data.
func futureYear(text string) string {
	for _, y := range yearPattern.FindAllString(text, -1) {
		if n, _ := strconv.Atoi(y); n > lastYear {
			return y
		}
	}

	return ""
}

// hasAny reports whether terms hold one of cues.
func hasAny(terms, cues []string) bool {
	return slices.ContainsFunc(terms, func(t string) bool { return slices.Contains(cues, t) })
}

// hasCount reports whether the question asks "how many" or for a number of libraries.
func hasCount(terms []string) bool {
	for i, t := range terms {
		if t == "count" || (t == "many" && i > 0 && terms[i-1] == "how") {
			return true
		}

		if t == "number" && i+1 < len(terms) && terms[i+1] == "of" {
			return true
		}
	}

	return false
}

// rankAsked reports whether the question asks for a superlative of a usage
// count, and notes which count and which end.
func (a *Assistant) rankAsked(q *question) bool {
	most, least := hasAny(q.terms, rankMost), hasAny(q.terms, rankLeast)
	if !most && !least {
		return false
	}

	q.ascending = least && !most
	q.metric = fieldStars
	for _, f := range q.fields {
		if f == fieldForks || f == fieldContributors || f == fieldStars {
			q.metric = f
			break
		}
	}

	usage := slices.ContainsFunc(q.fields, func(f field) bool {
		return f == fieldForks || f == fieldContributors || f == fieldStars
	})
	if m := topN.FindStringSubmatch(q.text); m != nil {
		q.limit, _ = strconv.Atoi(m[1] + m[2])
	}

	return usage || slices.Contains(q.terms, "popular")
}

// proseOrDecline decides between quoting the review and declining: the
// question's own words must occur in the review.
func (a *Assistant) proseOrDecline(q *question) (intent, string) {
	if len(q.residual) == 0 {
		if len(q.terms) == 0 {
			return intentDecline, "it has no words the review uses"
		}

		return intentProse, ""
	}

	known := 0
	for _, t := range q.residual {
		if a.known[t] {
			known++
		}
	}

	if known*2 < len(q.residual) || known == 0 {
		return intentDecline, "its subject is not in the review"
	}

	return intentProse, ""
}

// isStopWord reports whether a stemmed term is an English function word.
func isStopWord(t string) bool { return stopWords[t] }

// stopWords are English function words and question words, stemmed.
var stopWords = func() map[string]bool {
	words := strings.Fields(`a an the and or but if of to in on at by for with from as is are
		was were be been being it its this that these those there their they them he she we
		you your i me my our us can could would should may might will shall do does did done
		so than then too very also such into over under about between through
		which what who whom whose when where why how all any each both few more other
		some same only just out up down off again further here once s e.g i.e etc
		et al ha have has had having want need like get got please tell show give list
		know let lets i'm im does doe there's what's whats one ones`)
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[corpus.Stem(w)] = true
	}

	return m
}()
