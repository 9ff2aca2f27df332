package assistant

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/neuroguide/neuroguide/corpus"
	"github.com/neuroguide/neuroguide/retrieval"
)

// Thresholds of the scope check.
const (
	// minTypoLen is the shortest word taken for a misspelling of a known one:
	// shorter words are too often other words ("stock" and "stack").
	minTypoLen = 6

	// offTopicWords is how many unknown words make a question off-topic even
	// when it names facets ("the best EEG headset to buy").
	offTopicWords = 2
)

// decline says why the review cannot answer a question: what it does not
// cover, in the words of the answer, and a clause that says why.
type decline struct {
	topic string // what is not covered: "licenses", "“galaxy”"; empty means "that"
	why   string // "its tables give no licenses"; empty means the question is answered

	// cite names the source of what why states of the review: citeFront for
	// its front matter, or the heading of a back-matter statement; empty
	// when why states nothing of it.
	cite string
}

// citeFront cites the review's front matter in a decline.
const citeFront = "front matter"

// declined reports whether the question is declined.
func (d decline) declined() bool { return d.why != "" }

// sentence renders the decline as the answer's first sentence.
func (d decline) sentence() string {
	topic := d.topic
	if topic == "" {
		topic = "that"
	}

	return "The review does not cover " + topic + ": " + d.why + "."
}

// outOfScope returns why the review cannot answer a question; its zero value
// means it can. A question is out of scope when it asks me to make something
// (code, a poem), asks about a time after the review's data or about an
// attribute the tables do not give, or when its own words are not the
// review's: words neither the review, nor the vocabulary, nor the domain's
// users' words contain.
func (a *Assistant) outOfScope(q *question) decline {
	if a.inOtherLanguage(q) {
		return decline{topic: "questions in other languages",
			why: "I read questions in English only; please ask again in English"}
	}

	if d := a.request(q); d.declined() {
		return d
	}

	if d := a.afterData(q); d.declined() {
		return d
	}

	if d := a.absentField(q); d.declined() {
		return d
	}

	if d := a.otherNumber(q); d.declined() {
		return d
	}

	if d := a.fieldOfTextOnlyTool(q); d.declined() {
		return d
	}

	if d := a.unknownHead(q); d.declined() {
		return d
	}

	if d := a.unlistedName(q); d.declined() {
		return d
	}

	if d := a.unlistedProperName(q); d.declined() {
		return d
	}

	if d := a.foreignQualifier(q); d.declined() {
		return d
	}

	if d := a.uncounted(q); d.declined() {
		return d
	}

	if len(q.names) == 0 && len(q.facets) == 0 {
		unknown, known := a.splitResidual(a.contentTerms(q))
		if a.qualifiesKnown(q, unknown) {
			return decline{}
		}

		return proseScope(q, unknown, known)
	}

	unknown, known := a.splitResidual(q.residual)
	specific := a.anySpecific(q.facets)
	asks := asksForLibrary(q) || len(q.names) > 0
	if asks {
		unknown = slices.DeleteFunc(unknown, func(t string) bool { return onlyTold(q, t) })
	}

	if !asks && len(q.names) == 0 && a.anyDomainFacet(q.facets) && asksOfReview(q) {
		// A question about what the review says of a subject of its own
		// ("where does the review suggest I look for computational
		// neuroscience resources?"): weighed as prose, its facets known.
		return proseScope(q, unknown, append(known, facetWords(q)...))
	}

	switch {
	case len(unknown) >= offTopicWords && len(unknown) > len(known) && !(specific && asks),
		len(unknown) > 0 && len(q.names) == 0 && (!specific || !asks):
		return unknownWords(q, unknown)
	case len(unknown) > 0 && len(q.names) == 1 && len(q.fields) == 0 && len(q.facets) == 0 &&
		!asksWhy(q) && !thinksOfReview(q):
		return decline{why: "its tables and text say nothing about " + quoted(q, unknown) +
			" for " + q.names[0][0].Name}
	}

	return decline{}
}

// fieldOfTextOnlyTool declines a question for a field of a tool the review's
// text mentions but its tables do not list: "How many GitHub stars does
// EEGLAB have?".
func (a *Assistant) fieldOfTextOnlyTool(q *question) decline {
	if len(q.names) > 0 {
		return decline{}
	}

	tools := a.textOnlyTools(q)
	if len(tools) == 0 {
		return decline{}
	}

	t, s := tools[0], tools[0].sentences[0]
	switch {
	case len(lookupFieldsOf(q.fields)) > 0:
		return decline{topic: "the " + fieldLabels[lookupFieldsOf(q.fields)[0]] + " of " + t.form,
			why: fmt.Sprintf("it is not one of the %d library entries of its tables, which "+
				"alone give such fields; its text names it in section %s",
				len(a.review.Libraries), s.section.Label())}
	case subjectOfQuestion(q, t.form):
		// "Which ICA algorithm does MNE-Python use to remove eye blinks?"
		return decline{topic: "how " + t.form + " works", why: fmt.Sprintf("it is not one "+
			"of the %d library entries of its tables; its text only names it, in section %s",
			len(a.review.Libraries), s.section.Label())}
	}

	return decline{}
}

// doVerbsOfTools, before a tool's name, ask what the tool does: "does
// MNE-Python use", "can EEGLAB"; "why was AlexNet a milestone?" asks of the
// text.
var doVerbsOfTools = stems("does do did can could will would")

// subjectOfQuestion reports whether a name is the subject of what the
// question asks the tool does or how to use it: after "does" or "use", or
// with a possessive ("MNE-Python's ICA").
func subjectOfQuestion(q *question, name string) bool {
	if asksWhy(q) {
		return false
	}

	for i, w := range q.words {
		head, _, _ := strings.Cut(w.raw, "-")
		if i == 0 || !strings.EqualFold(w.raw, name) && !strings.EqualFold(head, name) {
			continue
		}

		before := stem(strings.ToLower(q.words[i-1].raw))
		possessive := strings.HasSuffix(w.raw, "'s") || strings.HasSuffix(w.raw, "’s")
		if slices.Contains(doVerbsOfTools, before) || possessive ||
			slices.Contains(useVerbs, before) {
			return true
		}
	}

	return false
}

// useVerbs, before a tool's name, ask how to use it: "how do I use
// MNE-Python to ...".
var useVerbs = stems("use using run running install")

// headStops end the head of a wh-question: "what dose of isoflurane should
// I use" asks for a dose.
var headStops = stems("of for to in on with should would could can do does did is are was " +
	"were will i we you my our")

// unknownHead declines a question whose wh-word asks for a thing the review
// has no word for: "What anaesthetic dose of isoflurane should I use?". The
// head is the words between "what" or "which" and the first preposition,
// auxiliary or pronoun.
func (a *Assistant) unknownHead(q *question) decline {
	i := slices.IndexFunc(q.terms, func(t string) bool { return t == "what" || t == stem("which") })
	if i < 0 {
		return decline{}
	}

	var head []string
	for _, t := range q.terms[i+1:] {
		if slices.Contains(headStops, t) {
			break
		}

		head = append(head, t)
	}

	if len(head) == 0 || slices.ContainsFunc(head, func(t string) bool {
		return a.isKnownTerm(t) || isStopWord(t) || a.vocab.IsGeneric(t) || isCue(t) ||
			slices.Contains(shareWords, t)
	}) {
		return decline{}
	}

	return unknownWords(q, head)
}

// afterData declines a question about a time after the review's data.
func (a *Assistant) afterData(q *question) decline {
	date := a.usageDate
	if year := futureYear(q.text); year != "" {
		return decline{topic: year, why: "its data end with the usage numbers of " + date}
	}

	if laterPattern.MatchString(q.text) {
		return decline{why: "the question asks about a time after the review's data, " +
			"which end with the usage numbers of " + date}
	}

	return decline{}
}

// unknownWords declines a question whose subject is words the review does not use.
func unknownWords(q *question, unknown []string) decline {
	return decline{topic: quoted(q, unknown),
		why: "none of its tables or passages is about " + pronoun(unknown)}
}

// pronoun is "it" for one word and "them" for several.
func pronoun(words []string) string {
	if len(words) == 1 {
		return "it"
	}

	return "them"
}

// quoted writes terms as the question wrote them, quoted: "“galaxy” or
// “telescopes”".
func quoted(q *question, terms []string) string {
	var out []string
	for _, t := range terms {
		out = appendUnique(out, "“"+clip(rawWord(q, t))+"”") // "anti-epileptic" once
	}

	return joinList(out, " or ")
}

// maxEcho is the most letters of a question's word an answer repeats.
const maxEcho = 40

// clip shortens a word an answer repeats to maxEcho letters and an ellipsis.
func clip(w string) string {
	if r := []rune(w); len(r) > maxEcho {
		return string(r[:maxEcho]) + "…"
	}

	return w
}

// rawWord returns the question's word that a term was made from, in lower
// case, or the term itself.
func rawWord(q *question, term string) string {
	return strings.ToLower(writtenWord(q, term))
}

// writtenWord returns the question's word that a term was made from, as the
// question writes it ("GPUs" for "gpu"), or the term itself.
func writtenWord(q *question, term string) string {
	for _, w := range q.words {
		if slices.Contains(corpus.Terms(w.raw), term) {
			return w.raw
		}
	}

	return term
}

// Words of requests to make something, as stemmed terms.
var (
	// politeWords come before the verb of a request: "could you please write".
	politeWords = stems("please pls kindly can could would will you u i want need like d " +
		"to help me now just also quickly")

	// makeVerbs ask for new text or code, which no answer from the review is.
	makeVerbs = stems("write compose draft draw paint sing translate code program implement " +
		"debug fix rewrite paraphrase proofread")

	// looseMakeVerbs ask for something made, unless what is made is a list or a
	// table of the review's libraries ("make a list of the EEG tools").
	looseMakeVerbs = stems("generate create make build design produce plot render")

	// answerObjects are what an answer can make: "write a summary", "build a table".
	answerObjects = stems("list table comparison summary overview ranking count")
)

// request declines a question that asks me to make something, such as
// code, a poem or an image, rather than to answer from the review; the verb
// opens the question, after polite words ("could you write ...").
func (a *Assistant) request(q *question) decline {
	i := a.verbAt(q)
	if i >= len(q.terms) {
		return decline{}
	}

	verb := q.terms[i]
	strict, loose := slices.Contains(makeVerbs, verb), slices.Contains(looseMakeVerbs, verb)
	if !strict && !loose || hasAny(q.terms[i+1:], answerObjects) ||
		loose && hasAny(q.terms, libraryWords) {
		return decline{}
	}

	return decline{topic: "that request", why: "I answer questions from its tables and " +
		"text, and do not produce code, poems, images or other new work"}
}

// contentTerms returns the question's terms that are neither function words,
// generic words nor cue words.
func (a *Assistant) contentTerms(q *question) []string {
	var out []string
	for i, t := range q.terms {
		if !isStopWord(t) && !a.vocab.IsGeneric(t) && !isCue(t) && !a.framed(q, i) &&
			!slices.Contains(out, t) {
			out = append(out, t)
		}
	}

	return out
}

// proseScope decides whether a question with no library and no facet is about
// the review's prose: most of its own words must be the review's, and when
// several are not, the review's must outnumber them twice. The passages
// quoted must then hold the question's words (see coverage).
func proseScope(q *question, unknown, known []string) decline {
	switch {
	case len(q.terms) == 0:
		return decline{why: "the question has no words the review uses"}
	case len(unknown) == 0:
		return decline{}
	case len(known) <= len(unknown),
		len(unknown) >= offTopicWords && len(known) < offTopicWords*len(unknown):
		return unknownWords(q, unknown)
	}

	return decline{}
}

// sayVerbs ask what the review or its authors say: "what does the review say
// about", "what do the authors write on".
var sayVerbs = stems("say says said according mention mentions discuss discusses describe " +
	"describes write writes think argue argues claim claims state states")

// qualifiesKnown reports whether a prose question's one word the review does
// not use is the head of a phrase whose subject the review's text has, in a
// question that asks what the review says and for no library: "what does
// the review say about the reproducibility crisis?" (or "the crisis of
// reproducibility") is answered on reproducibility, and says that the review
// does not speak of a crisis. A word before the subject makes another
// subject of it ("quantum computing") and is not taken. The word and its
// subject are kept in the question.
func (a *Assistant) qualifiesKnown(q *question, unknown []string) bool {
	if len(unknown) != 1 || asksForLibrary(q) || !hasAny(q.terms, sayVerbs) ||
		!hasAny(q.terms, reviewNouns) && !hasAny(q.terms, stems("author authors")) {
		return false
	}

	i := slices.Index(q.terms, unknown[0])
	subject := i - 1
	if i+2 < len(q.terms) && q.terms[i+1] == "of" {
		subject = i + 2
	}

	if subject < 0 {
		return false
	}

	t := q.terms[subject]
	if !a.inProse(t) || isStopWord(t) || a.vocab.IsGeneric(t) || isCue(t) {
		return false
	}

	q.loose, q.looseSubject = unknown[0], t

	return true
}

// specificRecords is the most records a facet value may match and still
// mark a question as the review's when it also uses a word the review does
// not: "API" (one library) or "EMG" do, "Python" (71 libraries) or
// "segmentation" (33) do not ("segment satellite imagery").
const specificRecords = 20

// anySpecific reports whether a match names a value of the review's domain
// that few records have, by a specific term: not an everyday value such as
// video or classification ("classify galaxy images", "sign language from
// video"). When the question's subject is such an everyday value, a
// framework or an interface does not make it the review's ("a Keras tool to
// predict stock prices").
func (a *Assistant) anySpecific(ms []corpus.Match) bool {
	everydaySubject := slices.ContainsFunc(ms, func(m corpus.Match) bool {
		return m.Value.Everyday && slices.Contains(subjectKinds, m.Value.Kind)
	})

	return slices.ContainsFunc(ms, func(m corpus.Match) bool {
		subject := slices.Contains(subjectKinds, m.Value.Kind) || m.Value.Kind == corpus.FacetModel
		return !m.Broad && !m.Value.Everyday && a.valueCount(m.Value) <= specificRecords &&
			(subject || !everydaySubject)
	})
}

// useWords ask for something to use: "what can I use", "options for".
var useWords = stems("use using try pick choose recommend suggest option options fit " +
	"available exist ther alternative any recommendation recs rec suggestion")

// asksForLibrary reports whether a question asks for a library to use: it
// names libraries or tools, opens with "which", asks what to use, or names a
// task a library would do ("classifying sleep stages from EEG").
func asksForLibrary(q *question) bool {
	return hasAny(q.terms, libraryWords) || hasUseWord(q) ||
		len(q.opening) > 0 && q.opening[0] == stem("which") ||
		slices.ContainsFunc(q.facets, func(m corpus.Match) bool {
			return m.Value.Kind == corpus.FacetTask
		})
}

// reviewParts name the review, its authors or its parts.
var reviewParts = stems("review paper article authors author discussion introduction " +
	"conclusion conclusions background methods results outlook")

// asksOfReview reports whether a question asks about the review itself or
// what it says: it names the review, its authors or a part of it, or a verb
// of saying.
func asksOfReview(q *question) bool {
	return hasAny(q.terms, reviewParts) || hasAny(q.terms, sayVerbs)
}

// anyDomainFacet reports whether a match names a value of the review's
// domain, not an everyday one ("video", "classification").
func (a *Assistant) anyDomainFacet(ms []corpus.Match) bool {
	return slices.ContainsFunc(ms, func(m corpus.Match) bool {
		return !m.Broad && !m.Value.Everyday
	})
}

// facetWords returns the terms of the question's facets.
func facetWords(q *question) []string {
	var out []string
	for _, m := range q.facets {
		out = append(out, q.terms[m.Start:m.End]...)
	}

	return out
}

// hasUseWord reports whether the question asks what to use, by a word that
// is not the verb of what the review does: "how does the discussion
// suggest getting around that" asks what the review says.
func hasUseWord(q *question) bool {
	for i, t := range q.terms {
		if slices.Contains(useWords, t) && !(i < len(q.frame) && q.frame[i]) {
			return true
		}
	}

	return false
}

// valueCount returns how many records a value matches.
func (a *Assistant) valueCount(v *corpus.FacetValue) int {
	n := 0
	for i := range a.review.Libraries {
		if v.Matches(&a.review.Libraries[i]) {
			n++
		}
	}

	return n
}

// absentField declines a question about an attribute the review does not
// give ("license", "release date"), named outside library names and facets.
// A question about the review's prose may use such a word when the review
// does ("GPUs"); one about libraries ("which libraries give a license?") or
// a number ("how many citations ...") may not, unless it also asks, by a
// word that names it, for a field the tables give ("the license and GitHub link").
func (a *Assistant) absentField(q *question) decline {
	prose := len(q.names) == 0 && len(q.facets) == 0 && !asksForLibrary(q) && !hasCount(q.terms)
	if !prose && len(lookupFieldsOf(fieldsAsked(q.terms, a.weakFieldMask(q)))) > 0 {
		return decline{}
	}

	for _, m := range a.absentIn(q) {
		span := [2]int{m.Start, m.End}
		if answeredBy(q, m.Field) || isTold(q, m.Start) || a.spanOutweighed(q, span) ||
			inCompound(q, m) || negated(q.terms, m.Start) ||
			(prose || saysOfReview(q) || thinksOfReview(q) && !hasAny(q.terms, libraryWords)) &&
				slices.ContainsFunc(q.terms[m.Start:m.End], a.inProse) {
			continue
		}

		return a.absentDecline(m.Field)
	}

	return decline{}
}

// clauseBreak ends a clause of a question: a sentence's stop and the space
// after, a semicolon, a dash between spaces, or a parenthesis.
var clauseBreak = regexp.MustCompile(`[.!?]+\s+|;\s*|\s[-–—]\s|[()]`)

// reviewSpeakers are the review, its authors and its parts, as a question
// names them.
var reviewSpeakers = stems("review paper article survey overview author authors discussion " +
	"conclusion conclusions introduction background methods results abstract")

// saysOfReview reports whether a question asks what the review or its
// authors say: "what does the review say about NLP libraries?".
func saysOfReview(q *question) bool {
	return hasAny(q.terms, sayVerbs) && hasAny(q.terms, reviewSpeakers)
}

// thinksOfReview reports whether a question asks what the review or its
// authors say, suggest, expect or see: "how does the review suggest
// researchers cope?", "why does the review see MONAI as a likely standard?".
func thinksOfReview(q *question) bool {
	return saysOfReview(q) || hasAny(q.terms, reviewVerbs) && hasAny(q.terms, reviewSpeakers)
}

// absentIn returns where the question names fields the tables do not give,
// found once per question.
func (a *Assistant) absentIn(q *question) []corpus.AbsentMatch {
	if q.absent == nil {
		q.absent = a.vocab.FindAbsent(q.terms)
		if q.absent == nil {
			q.absent = []corpus.AbsentMatch{}
		}
	}

	return q.absent
}

// answeredBy reports whether a condition of the question answers what an
// absent field asks: "maintained by just one person, i.e. a single
// contributor".
func answeredBy(q *question, f *corpus.AbsentField) bool {
	return f.AnsweredBy != "" && slices.ContainsFunc(q.sel.Conditions,
		func(c retrieval.Condition) bool { return c.Count == f.AnsweredBy })
}

// toldTerms marks the terms of what a question tells rather than asks: the
// clauses before its last one that end with a full stop, a semicolon or a
// dash, do not ask and speak of the user ("We don't have a MATLAB licence.
// Is there anything that runs under Octave?", "PhD student here - which
// libraries use VAEs?"), and the words in parentheses ("recurrent networks
// (LSTMs or plain RNNs)").
// They give the question's setting, not its subject. It returns nil when the
// question is one clause, or its clauses' terms do not add up to the
// question's.
func toldTerms(q *question) []bool {
	breaks := clauseBreak.FindAllStringIndex(q.read, -1)
	if len(breaks) == 0 {
		return nil
	}

	mask := make([]bool, 0, len(q.terms))
	start, depth := 0, 0
	for _, b := range breaks {
		clause, mark := q.read[start:b[0]], strings.TrimSpace(q.read[b[0]:b[1]])
		told := depth > 0 || mark != "(" && mark != ")" && !strings.Contains(mark, "?") &&
			!opensQuestion(clause) && aboutUser(clause)
		for range corpus.Terms(clause) {
			mask = append(mask, told)
		}

		switch mark {
		case "(":
			depth++
		case ")":
			depth = max(0, depth-1)
		}

		start = b[1]
	}

	for range corpus.Terms(q.read[start:]) {
		mask = append(mask, false)
	}

	if len(mask) != len(q.terms) {
		return nil
	}

	return mask
}

// userWords make a clause a statement about the user and their setting: "I
// need ...", "our lab ...", "PhD student here".
var userWords = stems("i me my we us our here")

// aboutUser reports whether a clause speaks of the user. "predict stock
// prices with an LSTM - which library?" says what is asked before its dash.
func aboutUser(clause string) bool { return hasAny(corpus.Terms(clause), userWords) }

// questionOpeners open a clause that asks.
var questionOpeners = stems("which what who whom whose where when why how is are does do " +
	"did can could should would will any anything")

// opensQuestion reports whether a clause opens as a question does.
func opensQuestion(clause string) bool {
	terms := corpus.Terms(clause)

	return len(terms) > 0 && slices.Contains(questionOpeners, terms[0])
}

// onlyTold reports whether every use of a term is in what the question
// tells: "grant" in "For a grant on trustworthy AI I need explainable tools.
// Which libraries list XAI?" sets the scene of a question that asks for
// libraries, and is no subject of it.
func onlyTold(q *question, t string) bool {
	if q.told == nil {
		return false
	}

	for i, u := range q.terms {
		if u == t && !q.told[i] {
			return false
		}
	}

	return true
}

// isTold reports whether term i is in what the question tells.
func isTold(q *question, i int) bool { return i < len(q.told) && q.told[i] }

// negated reports whether a negator stands just before term i: "without
// installing anything" asks for no installation steps.
func negated(terms []string, i int) bool {
	for j := max(0, i-2); j < i; j++ {
		if slices.Contains(negators, terms[j]) {
			return true
		}
	}

	return false
}

// inCompound reports whether an absent attribute's word is part of a
// hyphenated word of the question, where it describes something else:
// "high-speed videos" asks for no speed.
func inCompound(q *question, m corpus.AbsentMatch) bool {
	for _, w := range q.words {
		terms := corpus.Terms(w.raw)
		if strings.Contains(w.raw, "-") && len(terms) > 1 &&
			slices.Contains(terms, q.terms[m.Start]) && m.End-m.Start < len(terms) {
			return true
		}
	}

	return false
}

// weakFieldWords ask for a field only by the way: "released" in "what
// license is it released under", "code" in "is its code free".
var weakFieldWords = stems("release released update updated commit built written code " +
	"download host hosted website homepage type input purpose real community source paper " +
	"article dataset data")

// weakFieldMask marks the terms that ask for no field outright: those of
// notFieldWords and the weak field words.
func (a *Assistant) weakFieldMask(q *question) []bool {
	mask := a.notFieldWords(q)
	for i, t := range q.terms {
		mask[i] = mask[i] || slices.Contains(weakFieldWords, t)
	}

	return mask
}

// tableContents says what the review's tables give of each library.
const tableContents = "its tables give each library's data types, tasks, models, " +
	"framework, language, interface, maintenance and source, with its GitHub stars, " +
	"forks and contributors"

// absentDecline declines a question about an attribute the tables do not
// give, saying what they give and, when one comes near, what to use instead.
func (a *Assistant) absentDecline(f *corpus.AbsentField) decline {
	why := tableContents + ", but no " + f.Attribute
	if f.Instead != "" {
		why += ". What comes nearest is " + f.Instead
	}

	return decline{topic: f.Attribute, why: why}
}

// inProse reports whether the review's text uses a term.
func (a *Assistant) inProse(t string) bool { return a.sents.idf[t] > 0 }

// spanTaken reports whether a span of terms overlaps a library name or a facet.
func (a *Assistant) spanTaken(q *question, span [2]int) bool {
	for i := span[0]; i < span[1]; i++ {
		if q.inName[i] {
			return true
		}
	}

	return slices.ContainsFunc(q.found, func(m corpus.Match) bool {
		return m.Start < span[1] && span[0] < m.End
	})
}

// spanOutweighed reports whether an absent attribute's words are rather a
// library's name or a facet of as many words: "maintained" alone asks for
// the maintenance status, "maintained by" for who maintains a library.
func (a *Assistant) spanOutweighed(q *question, span [2]int) bool {
	for i := span[0]; i < span[1]; i++ {
		if q.inName[i] {
			return true
		}
	}

	return slices.ContainsFunc(q.found, func(m corpus.Match) bool {
		return m.Start < span[1] && span[0] < m.End && m.End-m.Start >= span[1]-span[0]
	})
}

// lookupFieldsOf drops the task field, which "what ... for" asks without meaning it.
func lookupFieldsOf(fields []field) []field {
	return slices.DeleteFunc(slices.Clone(fields), func(f field) bool { return f == fieldTasks })
}

// splitResidual splits residual terms into those of the review's domain and
// the others. Numbers, domain words and misspellings of known words are known.
func (a *Assistant) splitResidual(residual []string) (unknown, known []string) {
	for _, t := range residual {
		if a.isKnownTerm(t) {
			known = append(known, t)
			continue
		}

		unknown = append(unknown, t)
	}

	return unknown, known
}

// isKnownTerm reports whether a term belongs to the review's domain: it, a
// word of its family ("adopt" for "adoption") or a related word is the
// review's or the vocabulary's.
func (a *Assistant) isKnownTerm(t string) bool {
	return a.isKnownAsWritten(t) || len(t) >= minTypoLen && a.typos.near(t)
}

// isKnownAsWritten reports whether a term belongs to the review's domain as
// it is spelled, not as a misspelling of a known word.
func (a *Assistant) isKnownAsWritten(t string) bool {
	return a.known[t] || a.vocab.IsDomainWord(t) || a.vocab.IsGeneric(t) ||
		len(a.vocab.Related(t)) > 0 || len(a.sents.kin(t)) > 0 ||
		strings.IndexFunc(t, unicode.IsLetter) < 0
}

// typoIndex finds words one edit away from a known word, by the deletions
// both share (a symmetric-deletion index).
type typoIndex struct {
	deletions map[string]bool
	words     map[string]bool
}

// newTypoIndex indexes the words of at least minTypoLen-1 letters.
func newTypoIndex(words map[string]bool) *typoIndex {
	ix := &typoIndex{deletions: map[string]bool{}, words: map[string]bool{}}
	for w := range words {
		if len(w) < minTypoLen-1 {
			continue
		}

		ix.words[w] = true
		for _, d := range deletions(w) {
			ix.deletions[d] = true
		}
	}

	return ix
}

// near reports whether w is one letter more or one letter less than an
// indexed word. A changed letter is not taken for a typo: too many English
// words are one letter from a word of the review ("weather", "whether").
func (ix *typoIndex) near(w string) bool {
	if ix.deletions[w] {
		return true
	}

	for _, d := range deletions(w) {
		if ix.words[d] {
			return true
		}
	}

	return false
}

// deletions returns w with one letter removed, at each position.
func deletions(w string) []string {
	out := make([]string, 0, len(w))
	for i := range len(w) {
		out = append(out, w[:i]+w[i+1:])
	}

	return out
}

// unlistedName declines a question that names software the review does not:
// a word spelled like a software name ("EEGNet", "SynthSeg") that is no
// record's name, nor any word of the review or the vocabulary, even without
// its trailing digits ("Python3").
func (a *Assistant) unlistedName(q *question) decline {
	var names []string
	for _, w := range q.words {
		if inMention(q, w.index) || !softwareLike(w.raw) && !longAcronym(w.raw) ||
			letters(w.raw) < 3 || a.knownWord(w.raw) || a.toldWord(q, w) {
			continue
		}

		names = appendUnique(names, "“"+strings.Trim(w.raw, "?!.,;:")+"”")
	}

	if len(names) == 0 {
		return decline{}
	}

	why := "neither its tables nor its text mention it"
	if len(names) > 1 {
		why = "neither its tables nor its text mention them"
	}

	return decline{topic: joinList(names, " or "), why: why}
}

// properName is a run of two or more capitalised words of two letters or
// more ("I" is none), "of", "for" or "and" allowed between them: "Human
// Connectome Project".
var properName = regexp.MustCompile(`\b\p{Lu}[\pL'’-]+\b(?:\s+(?:of |for |and )?` +
	`\p{Lu}[\pL'’-]+\b)+`)

// unlistedProperName declines a question that names, in capitalised words,
// something the review never writes and of which it does not know some
// word: "How many subjects are in the Human Connectome Project?". A name
// of words it knows ("Python Deep Learning tools") is left to the rest.
func (a *Assistant) unlistedProperName(q *question) decline {
	for _, loc := range properName.FindAllStringIndex(q.text, -1) {
		name := q.text[loc[0]:loc[1]]
		if opensSentence(q.text, loc[0]) {
			// A sentence's first word is capitalised anyway.
			_, rest, ok := strings.Cut(name, " ")
			if !ok || !properName.MatchString(rest) {
				continue
			}

			name = rest
		}

		unknown := slices.ContainsFunc(corpus.Terms(name), func(t string) bool {
			return !a.isKnownAsWritten(t)
		})
		if unknown && !a.writesPhrase(name) {
			return decline{topic: "“" + name + "”", why: "neither its tables nor its text mention it"}
		}
	}

	return decline{}
}

// foreignQualifier declines a question whose data or task is qualified by a
// word the review's domain does not know, in a question with more such
// words: "astronomers ... galaxy morphologies" is no neuron morphology.
func (a *Assistant) foreignQualifier(q *question) decline {
	unknown, _ := a.splitResidual(q.residual)
	if len(unknown) < offTopicWords {
		// One word the review lacks ("measure pupil size", "cryo-EM") may
		// be any verb or variant; a foreign subject brings more.
		return decline{}
	}

	for _, m := range q.facets {
		if !slices.Contains(dataKinds, m.Value.Kind) || m.Start == 0 {
			continue
		}

		i := m.Start - 1
		if t := q.terms[i]; slices.Contains(q.residual, t) && !isTold(q, i) &&
			!a.isKnownTerm(t) && !isStopWord(t) && !a.vocab.IsGeneric(t) {
			return unknownWords(q, []string{t})
		}
	}

	return decline{}
}

// opensSentence reports whether text[i:] opens a sentence.
func opensSentence(text string, i int) bool {
	before := strings.TrimRight(text[:i], " \t\n\"“'")
	return before == "" || strings.ContainsAny(before[len(before)-1:], ".?!:;")
}

// writesPhrase reports whether the review's text, tables or references write
// a phrase, in any case.
func (a *Assistant) writesPhrase(phrase string) bool {
	re := wordPattern(phrase)
	return len(a.sentencesMatching(re)) > 0 || len(a.cellsMatching(re)) > 0 ||
		slices.ContainsFunc(a.review.References, func(r corpus.Reference) bool {
			return re.MatchString(r.Text)
		})
}

// minAcronym is the fewest capitals of a word that is taken for a name when
// the review knows no word of it: "CEBRA", not "GPU".
const minAcronym = 4

// longAcronym reports whether a word is written in capitals only, and long
// enough to be a name.
func longAcronym(w string) bool {
	w = strings.Trim(w, "?!.,;:'’\"")
	return len(w) >= minAcronym && strings.ToUpper(w) == w && letters(w) == len(w)
}

// letters counts the letters of a word: "1k" and "H100" have too few to
// be taken for a name.
func letters(w string) int {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			n++
		}
	}

	return n
}

// toldWord reports whether a written word stands only in what a question
// that asks for libraries tells: "PhD student here - which libraries use
// VAEs?".
func (a *Assistant) toldWord(q *question, w word) bool {
	if !asksForLibrary(q) {
		return false
	}

	terms := corpus.Terms(w.raw)

	return len(terms) > 0 && onlyTold(q, terms[0])
}

// inMention reports whether word i is part of a library name the question writes.
func inMention(q *question, i int) bool {
	return slices.ContainsFunc(q.mentions, func(m nameMention) bool {
		return i >= m.start && i < m.end
	})
}

// knownWord reports whether a written word, or the word without its trailing
// digits, has a term the review's domain knows.
func (a *Assistant) knownWord(raw string) bool {
	for _, form := range []string{raw, strings.TrimRight(raw, "0123456789")} {
		if slices.ContainsFunc(corpus.Terms(form), a.isKnownTerm) {
			return true
		}
	}

	return false
}

// uncounted declines a count of things the review does not count: "how many
// electrodes should I use" asks for no number of libraries. The counted noun
// follows "how many" or "number of"; a noun of the review's text, a facet, a
// library word or a field ("how many stars") is counted by the answer.
func (a *Assistant) uncounted(q *question) decline {
	i := countedTerm(q.terms)
	if i < 0 || i >= len(q.terms) || q.inName[i] || a.spanTaken(q, [2]int{i, i + 1}) {
		return decline{}
	}

	t := q.terms[i]
	if isStopWord(t) || isCue(t) || a.vocab.IsGeneric(t) || slices.Contains(libraryWords, t) ||
		a.inProse(t) {
		return decline{}
	}

	word := rawWord(q, t)

	return decline{topic: "numbers of “" + word + "”", why: "its tables count libraries, " +
		"with their GitHub stars, forks and contributors, and give no numbers of " + word}
}

// countedTerm returns the index of the term a count question counts: the
// one after "how many" or "number of", or -1.
func countedTerm(terms []string) int {
	for i := 0; i+2 < len(terms); i++ {
		if terms[i] == "how" && terms[i+1] == "many" || terms[i] == "number" && terms[i+1] == "of" {
			return i + 2
		}
	}

	return -1
}

// foreignWords are common function words of Spanish, French, German,
// Italian and Portuguese that are no English words. A question with two of
// them is written in another language, which I do not read: I say so rather
// than list its words as subjects the review does not cover.
var foreignWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`qué cuál cuáles cómo dónde los las una del
		welche welcher welches und der das ist sind für nicht wie gibt
		quelle quelles quels quel pour avec les des est sont une dans
		quali quale sono gli della delle che
		quais qual uma são como`) {
		foreignWords[w] = true
	}
}

// inOtherLanguage reports whether a question is written in another language
// than English: it holds two of foreignWords, or one and most of its other
// words are none of the review's domain.
func (a *Assistant) inOtherLanguage(q *question) bool {
	foreign, unknown := 0, 0
	for _, w := range q.words {
		switch {
		case foreignWords[strings.ToLower(w.raw)]:
			foreign++
		case !slices.ContainsFunc(corpus.Terms(w.raw), a.isKnownTerm):
			unknown++
		}
	}

	return foreign >= 2 || foreign == 1 && 2*unknown >= len(q.words)-1
}
