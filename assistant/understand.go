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
	intentProse     intent = iota // quote the review's prose
	intentList                    // every library matching facets
	intentCount                   // how many libraries match facets
	intentRank                    // the most or least starred, forked, ...
	intentLookup                  // one library's fields
	intentCompare                 // two or more libraries side by side
	intentSimilar                 // libraries like a named one
	intentSmallTalk               // a greeting or thanks: what I can answer
	intentCitation                // the review's own citation facts
	intentDecline                 // the review does not cover it
	intentTotal                   // the sum or average of a usage count
)

// String names the intent in logs and tests.
func (i intent) String() string {
	return [...]string{"prose", "list", "count", "rank", "lookup", "compare", "similar",
		"small_talk", "citation", "decline", "total", "reference", "abbreviation", "mention",
		"share", "distinct", "tally"}[i]
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

// fieldWords maps a question's terms to the field they ask about; the words are
// stemmed when the package loads.
var fieldWords = stemKeys(map[string]field{
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
	"maintain": fieldMaintenance, "maintenance": fieldMaintenance, "updated": fieldMaintenance,
	"update": fieldMaintenance, "commit": fieldMaintenance, "release": fieldMaintenance,
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
	"contributed": fieldContributors, "contribute": fieldContributors,
	"community": fieldContributors,
	"paper":     fieldRefs, "reference": fieldRefs, "cite": fieldRefs,
	"citation": fieldRefs, "publication": fieldRefs, "article": fieldRefs,
	"category": fieldCategory, "table": fieldCategory,
})

// stemKeys returns the map with its keys stemmed.
func stemKeys(m map[string]field) map[string]field {
	out := make(map[string]field, len(m))
	for k, v := range m {
		out[stem(k)] = v
	}

	return out
}

var (
	// yearPattern finds years in a question.
	yearPattern = regexp.MustCompile(`\b(19|20)\d\d\b`)

	// topN finds "top 5" or "5 most".
	topN = regexp.MustCompile(`(?i)\btop[ -](\d+)\b|\b(\d+) (?:most|least)\b`)

	// laterPattern finds a time after the review's data: "next year", "this week".
	laterPattern = regexp.MustCompile(`(?i)\bnext (year|month|week|decade)\b|\bupcoming\b|` +
		`\b(this|last) (week|month)\b|\bthis year\b|\b(tomorrow|yesterday|tonight)\b|` +
		`\b(next|future|coming) (release|version)s?\b|\broadmap\b|` +
		`\b(after|since) (this|the) (review|paper|article)\b|\bsince then\b`)
)

// lastYear is the review's last year of data: usage numbers are from April 2023.
const lastYear = 2023

// question is what the assistant understood of a user's question.
type question struct {
	text string

	// read is the text as understood: slashes and parenthesised lists read
	// as alternatives and examples, misspelt vocabulary words corrected. The
	// words and terms are read's.
	read string

	// told marks the terms of what the question tells rather than asks: its
	// statements before the question proper and its parentheses; see toldTerms.
	told  []bool
	words []word
	terms []string

	// opening are the terms after the discourse words the question opens
	// with: "what is DN3" of "Hi! What is DN3?".
	opening []string

	// mentions are the library names written in the question, and names the
	// records they designate, one group per distinct name (DeLINEATE names
	// two records).
	mentions []nameMention
	names    [][]*corpus.Library

	// inName marks the terms that belong to a library's name.
	inName []bool

	// inCond marks the terms that set a usage or host condition ("more than
	// 1000 stars", "not on GitHub"); see findConditions.
	inCond []bool

	// frame marks the terms that frame the question rather than name its
	// subject: "draw" in "what distinction does the review draw"; see frameMask.
	frame []bool

	// found are every vocabulary phrase of the question; facets those that
	// count, and sel the selection they make.
	found  []corpus.Match
	facets []corpus.Match
	sel    retrieval.Selection

	fields    []field
	metric    field
	ascending bool
	limit     int

	// residual are the question's content terms that no name, facet or
	// generic word accounts for: what a prose answer must match.
	residual []string

	// reviewFacts are the facts of the review itself the question asks for.
	reviewFacts []string

	// authors are the review's authors the question names, and strangers the
	// names it writes that hold a part of an author's name but are no
	// author's ("Marcello Atzori"); verdict is "Yes: " or "No: " for a
	// question whether one of them is an author, the first or a
	// corresponding one ("Is Del Pup one of the authors?"), else "".
	authors   []nameSpan
	strangers []nameSpan
	verdict   string

	// loose, in a prose question, is a word the review does not use that
	// qualifies a subject its text does: "crisis" of "reproducibility" in
	// "the reproducibility crisis". The answer is about the subject.
	loose, looseSubject string

	// others, for "and the others?", is what the rest is taken beyond.
	others *others

	// absent caches where the question names fields the tables do not give;
	// see absentIn.
	absent []corpus.AbsentMatch

	// aside are the libraries a ranking sets aside ("after MONAI, ...").
	aside []*corpus.Library

	// sibling reports that the question filters the set the previous
	// answer was filtered from ("and which use TensorFlow?").
	sibling bool

	// beyond holds the previous answer's libraries when the question points
	// at a place past them ("the second one" after a list of one), or, when
	// ambiguous is set, at one of them by "it" ("how many stars does it
	// have?" after a list).
	beyond    []*corpus.Library
	ambiguous bool

	// noEarlier reports that the question points back at an earlier answer
	// ("which of those ...") in a conversation that has none to narrow.
	noEarlier bool

	// within, for a follow-up, is the previous answer's libraries the
	// question ranges over; nil means all records.
	within []*corpus.Library

	// part is what a question asks of the review's reference list,
	// abbreviations or prose, or of a share of its libraries; see askedPart.
	part partAsk

	intent intent
	reason decline // why a question is declined
}

// understand analyses a question: the libraries it names, the facets it asks
// for, and what kind of answer it wants.
func (a *Assistant) understand(text string) *question {
	text = withoutInjection(text)
	read := a.respell(examplesInParens(slashAlternatives(text)))
	q := &question{text: text, read: read, words: splitWords(read), terms: corpus.Terms(read)}
	q.told = toldTerms(q)
	q.opening = a.opening(q.terms)
	q.mentions = a.names.find(q.words)
	q.names = namedRecords(q.mentions)
	q.inName = nameTermMask(q)
	a.findFacets(q)
	if dropNamesInFacets(q) {
		q.names = namedRecords(q.mentions)
		q.inName = nameTermMask(q)
		a.findFacets(q)
	}
	a.findConditions(q)
	q.authors, q.strangers = a.findAuthors(q)
	q.fields = fieldsAsked(q.terms, a.notFieldWords(q))
	q.frame = conditionFrame(a.frameMask(q), q.inCond)
	q.residual = a.residualTerms(q)
	q.intent, q.reason = a.classify(q)

	return q
}

// slashPattern is a slash between two words, "EEG/MEG" or "fMRI / BOLD", but
// not one inside a link.
var slashPattern = regexp.MustCompile(`([\pL\pN)])\s*/\s*([\pL\pN(])`)

// slashAlternatives reads a slash between words as "or": "EEG/MEG tools" asks
// for tools of either. Words with a link ("github.com/x") keep their slashes.
func slashAlternatives(text string) string {
	if strings.Contains(text, "://") || strings.Contains(text, ".com/") ||
		strings.Contains(text, ".org/") {
		return text
	}

	text = letterPair.ReplaceAllString(text, "$1-$2") // "x/y coordinates" are one thing
	text = sharedHead.ReplaceAllStringFunc(text, distributeHead)

	return slashPattern.ReplaceAllString(text, "$1 or $2")
}

// letterPair is a slash between two lone letters: "x/y".
var letterPair = regexp.MustCompile(`\b(\pL)\s*/\s*(\pL)\b`)

// sharedHead is two words joined by a slash before the word they share:
// "computational/cognitive neuroscience".
var sharedHead = regexp.MustCompile(`\b([\pL\pN-]+)\s*/\s*([\pL\pN-]+) ([\pL\pN-]+)`)

// distributeHead gives each word before a slash the head they share, so
// that "computational/cognitive neuroscience" reads "computational
// neuroscience or cognitive neuroscience". A function word after them is
// no head, nor is one before it: "EEG/MEG and ..." and "who did what /
// author contributions" stay as written.
func distributeHead(m string) string {
	parts := sharedHead.FindStringSubmatch(m)
	head := parts[3]
	if slices.ContainsFunc(parts[1:], func(w string) bool {
		return isStopWord(corpus.Stem(strings.ToLower(w)))
	}) {
		return m
	}

	return parts[1] + " " + head + " or " + parts[2] + " " + head
}

// parenList is a parenthesis that lists several things: "(federated
// learning, platforms, utilities...)", "(LSTMs or plain RNNs)".
var parenList = regexp.MustCompile(`\(([^()]*(?:,| or )[^()]*)\)`)

// examplesInParens reads a parenthesised list as examples of what comes
// before it, "special applications (federated learning, platforms)" as
// "special applications (such as federated learning, platforms)", so that
// the examples make no conditions of their own (see dropExamples).
func examplesInParens(text string) string {
	return parenList.ReplaceAllString(text, "(such as $1)")
}

// discourseTails are the words that go on a greeting or thanks before the
// question proper: "hi there", "thank you so much", "hello all".
var discourseTails = stems("there you a lot so much very all")

// opening returns the terms after the discourse words a question opens with
// ("Hi! What is DN3?", "ok so which ones ...", "Thank you. Does it ..."), so
// that the words that open the question proper ("what is", "which", "does")
// are read where they stand.
func (a *Assistant) opening(terms []string) []string {
	i := 0
	for i < len(terms) && a.vocab.DiscourseClass(terms[i]) != "" {
		i++
		for i < len(terms) && slices.Contains(discourseTails, terms[i]) {
			i++
		}
	}

	return terms[i:]
}

// verbAt returns the position of the term that opens a request, after the
// discourse and polite words before it: "explain" in "Hi, could you please
// explain ...".
func (a *Assistant) verbAt(q *question) int {
	i := len(q.terms) - len(q.opening)
	for i < len(q.terms) && (slices.Contains(politeWords, q.terms[i]) ||
		a.vocab.DiscourseClass(q.terms[i]) != "") {
		i++
	}

	return i
}

// dropNamesInFacets drops the name mentions that a facet phrase holds with
// other words ("built on top of DeepLabCut" names a framework, not the
// library asked about), and reports whether it dropped any.
func dropNamesInFacets(q *question) bool {
	n := len(q.mentions)
	q.mentions = slices.DeleteFunc(q.mentions, func(nm nameMention) bool {
		return slices.ContainsFunc(q.facets, func(m corpus.Match) bool {
			return holdsName(q, m, nm)
		})
	})

	return len(q.mentions) < n
}

// holdsName reports whether a facet match spans a name mention and more.
func holdsName(q *question, m corpus.Match, nm nameMention) bool {
	lo, hi := mentionTerms(q, nm)
	if lo < 0 || m.Start > lo || m.End < hi {
		return false
	}

	return m.End-m.Start > hi-lo
}

// mentionTerms returns the span of terms a name mention covers, or -1, -1.
func mentionTerms(q *question, nm nameMention) (int, int) {
	start := 0
	for i, w := range q.words {
		n := len(corpus.Terms(w.raw))
		if i == nm.start {
			end := start
			for _, w2 := range q.words[nm.start:nm.end] {
				end += len(corpus.Terms(w2.raw))
			}

			return start, end
		}

		start += n
	}

	return -1, -1
}

// namedRecords returns the records of the name mentions, one group per name.
func namedRecords(mentions []nameMention) [][]*corpus.Library {
	var out [][]*corpus.Library
	for _, m := range mentions {
		dup := slices.ContainsFunc(out, func(g []*corpus.Library) bool {
			return g[0] == m.form.libs[0]
		})
		if !dup {
			out = append(out, m.form.libs)
		}
	}

	return out
}

// nameTermMask marks the question's terms that spell a library name. Words
// and terms are cut alike, so each word's terms follow the previous word's.
func nameTermMask(q *question) []bool {
	mask := make([]bool, len(q.terms))
	start := make([]int, len(q.words)+1)
	for i, w := range q.words {
		start[i+1] = start[i] + len(corpus.Terms(w.raw))
	}

	if start[len(q.words)] != len(q.terms) {
		return nameTermsByValue(q, mask)
	}

	for _, m := range q.mentions {
		for t := start[m.start]; t < start[m.end]; t++ {
			mask[t] = true
		}
	}

	return mask
}

// nameTermsByValue marks every term equal to a term of a mentioned name, for
// a question whose words and terms could not be aligned.
func nameTermsByValue(q *question, mask []bool) []bool {
	set := map[string]bool{}
	for _, m := range q.mentions {
		for _, w := range q.words[m.start:m.end] {
			for _, t := range corpus.Terms(w.raw) {
				set[t] = true
			}
		}
	}

	for i, t := range q.terms {
		mask[i] = set[t]
	}

	return mask
}

// conditionFrame adds a condition's words to the question's frame: they
// state what the libraries must meet, not the question's subject, and the
// review need not use them ("one-person projects").
func conditionFrame(frame, inCond []bool) []bool {
	for i, c := range inCond {
		frame[i] = frame[i] || c
	}

	return frame
}

// notFieldWords marks the terms that ask for no field even when they are
// field words: those of a library's name ("fetal code"), those of an
// attribute the review does not give ("release date"), and those of a
// condition ("stars" in "more than 1000 stars").
func (a *Assistant) notFieldWords(q *question) []bool {
	mask := slices.Clone(q.inName)
	markMask(mask, q.inCond)
	for _, m := range a.absentIn(q) {
		for i := m.Start; i < m.End; i++ {
			mask[i] = true
		}
	}

	return mask
}

// fieldsAsked returns the record fields the question's words ask about,
// skipping the terms of skip.
func fieldsAsked(terms []string, skip []bool) []field {
	var out []field
	for i, t := range terms {
		f, ok := fieldWords[t]
		if i > 0 && !ok && !skip[i-1] {
			// "data sets", "source code": a pair written as two words.
			f, ok = fieldWords[terms[i-1]+t]
		}

		if !ok || skip[i] {
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
	covered := slices.Clone(q.inName)
	markMask(covered, q.inCond)
	for _, m := range q.found {
		for _, span := range matchSpans(m) {
			for i := span[0]; i < span[1]; i++ {
				covered[i] = true
			}
		}
	}

	var out []string
	for i, t := range q.terms {
		if covered[i] || a.vocab.IsGeneric(t) || isStopWord(t) || isCue(t) || a.framed(q, i) {
			continue
		}

		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}

	return out
}

// isCue reports whether a term is an intent, field or follow-up cue word.
func isCue(t string) bool {
	_, isField := fieldWords[t]
	_, isOrdinal := ordinals[t]
	cues := [][]string{countCues, rankMost, rankLeast, compareCues, negators, backRefs,
		restWords, pronounRefs, followUpWords, openerVerbs, sumCues, averageCues, tallyCues}

	return isField || isOrdinal || slices.ContainsFunc(cues, func(c []string) bool {
		return slices.Contains(c, t)
	})
}

// classify decides the intent of an analysed question.
func (a *Assistant) classify(q *question) (intent, decline) {
	if a.isSmallTalk(q) {
		return intentSmallTalk, decline{}
	}

	if in, reason, ok := a.askedPart(q); ok {
		return in, reason
	}

	if d := a.beyondAsked(q); d.declined() {
		return intentDecline, d
	}

	if a.reviewAsked(q) && !a.request(q).declined() && !a.afterData(q).declined() {
		if len(q.strangers) > 0 {
			return intentDecline, a.strangerDecline(q)
		}

		return intentCitation, decline{}
	}

	if d := a.authorDecline(q); d.declined() {
		return intentDecline, d
	}

	if reason := a.outOfScope(q); reason.declined() {
		return intentDecline, reason
	}

	switch {
	case len(q.names) > 0 && setsAside(q) && (a.rankAsked(q) || !q.sel.Empty()):
		// "After MONAI, which library has the most stars?", "Besides
		// DeepLabCut, which pose estimation tools are there?"
		q.aside = slices.Concat(q.names...)
		q.within = minus(a.scope(&question{}), q.aside)
		q.names = nil
		if a.rankAsked(q) {
			return intentRank, decline{}
		}

		return intentList, decline{}
	case len(q.names) >= 2 && !a.asksAboutSeveral(q):
		return intentCompare, decline{}
	case len(q.names) >= 2:
		return intentProse, decline{}
	case len(q.names) == 1 && asksSimilar(q.terms):
		return intentSimilar, decline{}
	case len(q.names) == 1:
		return intentLookup, decline{}
	case totalAsked(q):
		return intentTotal, decline{}
	case a.asksWhatReviewSays(q), asksBeyondDeepLearning(q.terms), a.saysOfCommonFacet(q),
		comparesCategories(q), asksValidation(q), asksReviewOpinion(q):
		return intentProse, decline{}
	case a.isTally(q):
		return intentTally, decline{}
	case a.rankAsked(q):
		return intentRank, decline{}
	case hasCount(cueTerms(q)):
		return intentCount, decline{}
	case !q.sel.Empty():
		return intentList, decline{}
	}

	return intentProse, decline{}
}

// asideWords, before a name, set it aside: "after MONAI", "other than
// DeepLabCut"; asidePairs are the two-word ones.
var (
	asideWords = []string{"after", "besides", "except", "excluding", "beyond"}
	asidePairs = [][2]string{{"apart", "from"}, {"other", "than"}, {"aside", "from"},
		{"not", "counting"}, {"leaving", "out"}}
)

// setsAside reports whether every name the question writes is set aside,
// so that a ranking ranges over the others.
func setsAside(q *question) bool {
	word := func(i int) string {
		if i < 0 || i >= len(q.words) {
			return ""
		}

		return strings.ToLower(q.words[i].raw)
	}

	return len(q.mentions) > 0 && !slices.ContainsFunc(q.mentions, func(m nameMention) bool {
		before, pair := word(m.start-1), [2]string{word(m.start - 2), word(m.start - 1)}
		return !slices.Contains(asideWords, before) && !slices.Contains(asidePairs, pair)
	})
}

// asksAboutSeveral reports whether a question that names several libraries
// asks what the review's text says of them rather than to compare them:
// no comparison cue, no field of the tables, and words of its own ("which
// benchmark were gumpy and ExBrainable validated on?"). A choice between
// them ("SimBA or MARS for mice?", "how does it characterise each?") is a
// comparison.
func (a *Assistant) asksAboutSeveral(q *question) bool {
	return !hasAny(q.terms, compareCues) && !hasAny(q.terms, choiceCues) &&
		!asksSimilar(q.terms) && len(q.fields) == 0 &&
		len(q.residual) > 0 && !hasAny(q.terms, rankMost) && !hasAny(q.terms, rankLeast)
}

// classicWords name tools from before deep learning: "the classic tools",
// "established packages".
var classicWords = stems("classic classical traditional conventional established non-deep")

// asksBeyondDeepLearning reports whether a question asks for tools that are
// not deep-learning libraries ("which established (non deep learning) tools
// does the review mention?"): none of the 74 records is one, and the review's
// text names such tools (FreeSurfer, EEGLAB, ...).
func asksBeyondDeepLearning(terms []string) bool {
	if !hasAny(terms, libraryWords) {
		return false
	}

	for i := 0; i+2 < len(terms); i++ {
		if slices.Contains(negators, terms[i]) && terms[i+1] == "deep" && terms[i+2] == stem("learning") {
			return true
		}
	}

	return hasAny(terms, classicWords)
}

// asksWhatReviewSays reports whether a question asks for the review's reasons,
// dates or definitions rather than for libraries: "why ...", "when ...",
// "what counts as an active library?".
func (a *Assistant) asksWhatReviewSays(q *question) bool {
	if len(q.opening) > 0 && slices.Contains(whyWhen, q.opening[0]) {
		return true
	}

	if isWhatIs(q.opening) && !asksRankOrCount(q.terms) && !asksWhatExists(q.opening) {
		if t, ok := whatIsObject(q.opening); ok && !slices.Contains(libraryWords, t) &&
			!a.vocab.IsGeneric(t) {
			return true
		}
	}

	return hasAny(q.terms, definitionCues) || hasPair(q.terms, "count", "as")
}

// opinionVerbs ask what the review thinks, rather than what it lists.
var opinionVerbs = stems("think thinks believe believes expect expects suggest suggests see " +
	"sees consider considers anticipate anticipates foresee argue argues claim claims")

// asksReviewOpinion reports whether a yes-or-no question asks what the
// review thinks: "Does the review think the sequence libraries can help?";
// not "Does the review mention any EEG tools?", which asks for a list.
func asksReviewOpinion(q *question) bool {
	return opensYesNo(q) && hasAny(q.terms, opinionVerbs) && hasAny(q.terms, reviewSpeakers)
}

// validationWords ask what a library was validated or tested on, which the
// text says and the tables do not.
var validationWords = stems("validated validation tested benchmarked")

// asksValidation reports whether a question asks on what data libraries
// were validated: "Which libraries were validated on the BCI Competition IV
// data?".
func asksValidation(q *question) bool {
	return hasAny(q.terms, validationWords)
}

// differWords ask how things differ.
var differWords = append(stems("different unlike similar similarities"), compareCues...)

// comparesCategories reports whether a question asks how the review's
// categories of libraries differ: "how are the 'further data types and
// abstractions' libraries different from the sequence and image ones?" is
// answered from the text.
func comparesCategories(q *question) bool {
	return hasAny(q.terms, differWords) && slices.ContainsFunc(q.facets, func(m corpus.Match) bool {
		return m.Value.Kind == corpus.FacetCategory
	})
}

// saysOfCommonFacet reports whether a question asks what the review says of
// a subject that many libraries have, and for no libraries: "what does the
// review say about transfer learning?" is answered from the text, not with
// the 65 customizable libraries.
func (a *Assistant) saysOfCommonFacet(q *question) bool {
	if !hasAny(q.terms, sayVerbs) || asksForLibrary(q) || len(q.facets) == 0 {
		return false
	}

	return !slices.ContainsFunc(q.facets, func(m corpus.Match) bool {
		return a.valueCount(m.Value) <= maxProseLibraries
	})
}

// existWords, after "what is", ask what there is rather than what something
// means: "what's out there for ...", "what is available for ...".
var existWords = stems("out there available")

// asksWhatExists reports whether a "what is" question asks what exists.
func asksWhatExists(terms []string) bool {
	return len(terms) > 2 && slices.Contains(existWords, terms[2])
}

// asksRankOrCount reports whether terms ask for a superlative or a number.
func asksRankOrCount(terms []string) bool {
	return hasAny(terms, rankMost) || hasAny(terms, rankLeast) || hasCount(terms)
}

// whatIsObject returns the first word after "what is" and its articles:
// "transfer" in "what is transfer learning", "tool" in "what is a tool for ...".
func whatIsObject(terms []string) (string, bool) {
	for _, t := range terms[2:] {
		if !isStopWord(t) {
			return t, true
		}
	}

	return "", false
}

// isWhatIs reports whether a question opens with "what is" or "what are".
func isWhatIs(terms []string) bool {
	return len(terms) >= 2 && terms[0] == "what" && (terms[1] == "is" || terms[1] == "are" ||
		terms[1] == "s")
}

// asksForSummary reports whether a list question also asks what the review
// says of the libraries: "what do most of ...", "which does the review
// mention", "which connect X, and what are they used for?".
func asksForSummary(q *question) bool {
	terms := cueTerms(q) // "single" of "a single contributor" is no "single out"
	return hasAny(terms, summaryCues) || hasAny(terms, reviewVerbs) ||
		hasPair(terms, "most", "of") || asksBeyondList(terms)
}

// openQuestionWords ask for an explanation rather than for names.
var openQuestionWords = stems("how why where what")

// Words that tell an open question from a request for names.
var (
	// userSubjects, after "how can" or "where do", make a request for a tool:
	// "how can I segment ...", "where do we find ...".
	userSubjects = stems("i we you one")

	// thirdSubjects, after "what do", ask what something else does: "what
	// does the review say", "what do they tend to use"; pronounSubjects,
	// after "what are", what it is for: "what are they used for". "What is
	// the best library" asks only for the list.
	thirdSubjects   = stems("they it these those the its their this that")
	pronounSubjects = stems("they it these those")

	doVerbs = stems("do does did")
	beVerbs = stems("is are was were")
)

// asksBeyondList reports whether a question asks how, why, where or what
// beyond which libraries fit: "so how can CNNs be applied to them?", "and
// what are they used for?", "in what ways do they differ?". A request for a
// tool ("how can I segment ...", "what could segment them?") and "how many"
// ask only for the list.
func asksBeyondList(terms []string) bool {
	at := func(i int) string {
		if i < len(terms) {
			return terms[i]
		}

		return ""
	}

	for i, t := range terms {
		next, after := at(i+1), at(i+2)
		switch {
		case !slices.Contains(openQuestionWords, t):
		case t == "what":
			if next == stem("ways") || after == stem("ways") || slices.Contains(doVerbs, next) &&
				slices.Contains(thirdSubjects, after) || slices.Contains(beVerbs, next) &&
				slices.Contains(pronounSubjects, after) {
				return true
			}
		case next == "many" || next == "much":
		case slices.Contains(auxiliaries, next) && slices.Contains(userSubjects, after):
		default:
			return true
		}
	}

	return false
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

// countVerb reports whether the "count" at terms[i] asks me to count: it
// opens the question, after polite words ("please count the EEG tools",
// "can you count ..."). The noun of "the star counts" asks for no count.
func countVerb(terms []string, i int) bool {
	for j := range i {
		if !slices.Contains(politeWords, terms[j]) {
			return false
		}
	}

	return true
}

// hasCount reports whether the question asks "how many" or for a number of libraries.
func hasCount(terms []string) bool {
	for i, t := range terms {
		if t == "count" && countVerb(terms, i) || (t == "many" && i > 0 && terms[i-1] == "how") {
			return !hasPair(terms, "count", "as")
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
	terms := cueTerms(q)
	most, least := hasAny(terms, rankMost), hasAny(terms, rankLeast)
	if !most && !least && !asksRanking(terms) {
		return false
	}

	q.ascending = least && !most
	q.metric = fieldStars
	for _, f := range q.fields {
		if isUsageCount(f) {
			q.metric = f
			break
		}
	}

	if m := topN.FindStringSubmatch(q.text); m != nil {
		q.limit, _ = strconv.Atoi(m[1] + m[2])
	}

	return slices.ContainsFunc(q.fields, isUsageCount) || slices.Contains(terms, "popular")
}

// cueTerms returns the question's terms with those of its conditions
// blanked, so that "more" and "count" in "more than 1000 stars" and "no star
// count" ask for no ranking and no number.
func cueTerms(q *question) []string {
	if !slices.Contains(q.inCond, true) {
		return q.terms
	}

	out := slices.Clone(q.terms)
	for i, c := range q.inCond {
		if c {
			out[i] = ""
		}
	}

	return out
}

// markMask marks in mask every term marked in more.
func markMask(mask, more []bool) {
	for i, m := range more {
		if m && i < len(mask) {
			mask[i] = true
		}
	}
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
		know let lets i'm im does doe there's what's whats one ones without within via per
		opposed regarding concerning unlike despite whether besides towards toward onto
		around alongside along across among amongst amid behind beside beneath below above
		beyond inside outside upon until till since throughout against although though
		because unless whereas nor whichever whatever whoever
		happen happened happens occur occurred make made take took come came go goes went
		become became exist exists look looks see seen really actually ever
		don doesn didn isn aren wasn weren haven hasn hadn wouldn shouldn couldn ll ve re d m`)
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[corpus.Stem(w)] = true
	}

	return m
}()
