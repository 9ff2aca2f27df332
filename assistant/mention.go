package assistant

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/neuroguide/neuroguide/corpus"
)

// mentionAsks are the ways of asking whether the review mentions something,
// X: "Is X in the review?", "Does the review mention X?", "Does X appear in
// the paper?", "Is there any mention of X?".
var mentionAsks = func() []*regexp.Regexp {
	review := `(?:the |this )?(?:review|paper|article|survey|overview)`
	verbs := `(?:mention|cite|include|cover|discuss|list|talk about|refer to|name|describe)s?`
	in := `(?:in|part of|covered (?:in|by)|included in|listed in|mentioned (?:in|by)|` +
		`cited (?:in|by)|discussed (?:in|by)|named in|described in|referred to in)`
	appear := `(?:appear|feature|show up|occur|come up|get mentioned|figure)s?`
	forms := []string{
		`(?:is|are) (?:the )?(?P<x>.+?) (?:one|among|part) of the (?:reviewed )?` +
			`(?:libraries|tools|entries|packages)(?: in ` + review + `)?`,
		`(?:is|are) (?:the )?(?P<x>.+?) ` + in + ` ` + review,
		`(?:does|do|did) (?:` + review + `|the authors)(?: authors)? ` + verbs + ` (?P<x>.+?)`,
		`(?:does|do|did) (?:the )?(?P<x>.+?) ` + appear + ` (?:anywhere )?in ` + review,
		`is there (?:any |a )?mention of (?P<x>.+?)(?: in ` + review + `)?`,
		`(?:is|are) (?:the )?(?P<x>.+?) (?:ever )?mentioned(?: anywhere)?`,
	}

	out := make([]*regexp.Regexp, len(forms))
	for i, f := range forms {
		out[i] = regexp.MustCompile(`(?i)^\W*` + f + `\s*[?.!]*\s*$`)
	}

	return out
}()

// mentionedSubject returns what a question asks the review to mention, as
// written, or "".
func mentionedSubject(text string) string {
	for _, re := range mentionAsks {
		m := re.FindStringSubmatch(strings.TrimSpace(text))
		if m == nil {
			continue
		}

		x := nameBeforePurpose(dropHeadNoun(strings.Trim(m[re.SubexpIndex("x")], ` "'“”‘’`)))
		if x != "" && len(strings.Fields(x)) <= maxMentionWords {
			return x
		}
	}

	return ""
}

// purposeWords, after a name, open what it is for: "CEBRA for joint
// embeddings of behaviour".
var purposeWords = []string{"for", "to", "in", "from", "that", "which", "with", "as"}

// nameBeforePurpose returns the name that opens a subject followed by its
// purpose ("CEBRA" of "CEBRA for joint embeddings of behaviour and neural
// activity"), or the subject.
func nameBeforePurpose(x string) string {
	words := strings.Fields(x)
	if len(words) < 3 || !capitalName(words[0]) && !softwareLike(words[0]) {
		return x
	}

	// Names joined by "or" or "and": "SpikeInterface or Kilosort for ...".
	end := 1
	for end+1 < len(words) && (words[end] == "or" || words[end] == "and") &&
		startsUpper(words[end+1]) {
		end += 2
	}

	if end < len(words) && slices.Contains(purposeWords, strings.ToLower(words[end])) {
		return strings.Join(words[:end], " ")
	}

	return x
}

// startsUpper reports whether a word opens with a capital.
func startsUpper(w string) bool {
	r := []rune(w)
	return len(r) > 0 && unicode.IsUpper(r[0])
}

// headNouns, after a name, say what it names: "the Caffe framework", "the
// Brainstorm suite".
var headNouns = stems("framework toolbox toolkit suite package library software platform " +
	"tool program")

// dropHeadNoun takes a head noun off a subject of several words.
func dropHeadNoun(x string) string {
	words := strings.Fields(x)
	if len(words) > 1 && slices.Contains(headNouns, stem(strings.ToLower(words[len(words)-1]))) {
		return strings.Join(words[:len(words)-1], " ")
	}

	return x
}

// maxMentionWords is the most words a subject asked about may have: a
// longer one is a topic for the prose answer.
const maxMentionWords = 4

// mentionKinds are the facet kinds whose values are software: a question
// whether the review mentions one is answered from the text, with the
// libraries that have it offered ("Does the review mention Theano?"). A
// subject that is another facet value ("does the review cover EEG?") asks
// for its libraries.
var mentionKinds = []corpus.FacetKind{corpus.FacetFramework, corpus.FacetLanguage}

// quantifiers open a subject that asks for some of a kind, "any EEG
// tools", which the libraries answer, not a place in the text.
var quantifiers = stems("any some all other others such which what these those many")

// askedMention decides whether a question asks whether the review mentions
// a word that is no record's name: "Does MNE-Python appear in the review?".
// A subject found nowhere in the review is declined.
func (a *Assistant) askedMention(q *question) (intent, decline, bool) {
	x := mentionedSubject(q.text)
	if x == "" || !a.mentionSubject(x) {
		return 0, decline{}, false
	}

	q.part.mention = x
	if a.findMentions(x).empty() {
		it := "it"
		if strings.Contains(x, " or ") || strings.Contains(x, " and ") {
			it = "them"
		}

		return intentDecline, decline{topic: "“" + x + "”",
			why: "neither its tables nor its text mention " + it}, true
	}

	return intentMention, decline{}, true
}

// mentionSubject reports whether a subject is answered by where the review
// mentions it: it is no record's name, names no libraries in general ("any
// EEG tools"), and is not wholly a facet value other than software.
func (a *Assistant) mentionSubject(x string) bool {
	words := splitWords(x)
	for _, m := range a.names.find(words) {
		if m.start == 0 && m.end == len(words) {
			return false
		}
	}

	terms := corpus.Terms(x)
	if len(terms) == 0 || hasAny(terms, libraryWords) || slices.Contains(quantifiers, terms[0]) {
		return false
	}

	v := a.wholeValue(terms)

	return v == nil || slices.Contains(mentionKinds, v.Kind)
}

// wholeValue returns the facet value whose phrase spans all of terms, or nil.
func (a *Assistant) wholeValue(terms []string) *corpus.FacetValue {
	for _, m := range a.vocab.Find(terms) {
		if m.Start == 0 && m.End == len(terms) {
			return m.Value
		}
	}

	return nil
}

// mentionPlaces are the places the review mentions a subject.
type mentionPlaces struct {
	// form is the spelling found: the subject, or its head before a hyphen
	// when only that is in the text ("MNE" of "MNE-Python").
	form      string
	sentences []*reviewSentence
	refs      []corpus.Reference
	cells     []cellMention
}

// cellMention is a table cell of a record that names the subject.
type cellMention struct {
	lib   *corpus.Library
	field string
	cell  string
}

// empty reports whether the review mentions the subject nowhere.
func (m mentionPlaces) empty() bool {
	return len(m.sentences) == 0 && len(m.refs) == 0 && len(m.cells) == 0
}

// findMentions looks for a subject in the prose, the reference list and the
// tables' cells, as a whole word, in any case, in the singular or plural. A
// hyphenated subject the prose lacks is looked for by its head ("MNE" of
// "MNE-Python"), and a phrase found nowhere by its capitalised words ("the
// Brainstorm suite").
func (a *Assistant) findMentions(x string) mentionPlaces {
	m := a.mentionsOf(x)
	if head, _, ok := strings.Cut(x, "-"); ok && len(m.sentences) == 0 && len(head) >= 2 {
		if h := a.mentionsOf(head); len(h.sentences) > 0 {
			m.form, m.sentences = head, h.sentences
		}
	}

	if !m.empty() {
		return m
	}

	// The most specific word: the one mentioned the fewest times.
	best, seen := m, 0
	for _, w := range splitWords(x) {
		if len(w.raw) < 3 || !unicode.IsUpper([]rune(w.raw)[0]) || strings.EqualFold(w.raw, x) {
			continue
		}

		part := a.mentionsOf(w.raw)
		if n := part.count(); n > 0 && (seen == 0 || n < seen) {
			best, seen = part, n
		}
	}

	return best
}

// count is the number of places found.
func (m mentionPlaces) count() int { return len(m.sentences) + len(m.refs) + len(m.cells) }

// mentionsOf returns where the review writes form.
func (a *Assistant) mentionsOf(form string) mentionPlaces {
	m := mentionPlaces{form: form}
	re := wordPattern(form)
	m.sentences = a.sentencesMatching(re)
	for _, r := range a.review.References {
		if re.MatchString(r.Text) {
			m.refs = append(m.refs, r)
		}
	}

	m.cells = a.cellsMatching(re)

	return m
}

// wordPattern matches a phrase as a whole word, in any case, with an
// optional plural "s".
func wordPattern(x string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)(^|[^\pL\pN-])` + regexp.QuoteMeta(x) + `s?($|[^\pL\pN-])`)
}

// sentencesMatching returns the review's sentences re matches, in order.
func (a *Assistant) sentencesMatching(re *regexp.Regexp) []*reviewSentence {
	var out []*reviewSentence
	for i := range a.sents.sents {
		if s := &a.sents.sents[i]; re.MatchString(s.text) {
			out = append(out, s)
		}
	}

	return out
}

// cellsMatching returns the record cells re matches: "FreeSurfer" in the
// programming language of FastSurfer, "Python (FreeSurfer)".
func (a *Assistant) cellsMatching(re *regexp.Regexp) []cellMention {
	var out []cellMention
	for i := range a.review.Libraries {
		l := &a.review.Libraries[i]
		for _, c := range recordCells(l) {
			if re.MatchString(c[1]) {
				out = append(out, cellMention{lib: l, field: c[0], cell: c[1]})
			}
		}
	}

	return out
}

// recordCells returns a record's named cells, field and text.
func recordCells(l *corpus.Library) [][2]string {
	return [][2]string{
		{"area", corpus.Join(l.Area)}, {"data type", corpus.Join(l.DataTypes)},
		{"datasets", l.Datasets}, {"task", corpus.Join(l.Tasks)},
		{"models", corpus.Join(l.Models)}, {"DL framework", corpus.Join(l.Frameworks)},
		{"customization", l.Customization}, {"programming language", corpus.Join(l.Languages)},
		{"interface", corpus.Join(l.Interfaces)},
	}
}

// maxMentionQuotes is how many sentences and references a mention answer quotes.
const maxMentionQuotes = 3

// writeMention answers where the review mentions a subject that is none of
// its table entries.
func (a *Assistant) writeMention(q *question, w *answer) {
	x := q.part.mention
	m := a.findMentions(x)
	w.printf("**%s** is not one of the %d library entries of the review's tables.",
		x, len(a.review.Libraries))
	if !strings.EqualFold(m.form, x) && len(m.sentences) == 0 {
		w.printf(" The review writes it as “%s”.", m.form)
	}

	if len(m.sentences) > 0 {
		a.writeMentionSentences(x, m, w)
	} else {
		w.printf(" The review's text does not mention it.\n\n")
	}

	a.writeMentionRefs(m.refs, w)
	a.writeSameName(m.form, w)
	if v := a.wholeValue(corpus.Terms(x)); v != nil {
		// A facet value: its libraries are offered, not listed cell by cell.
		w.printf("%s\n", a.facetOffer(v))
		return
	}

	a.writeMentionCells(m.cells, w)
}

// writeSameName notes a record whose name is the spelling found: the
// question's "Brainstorm suite" is found as "Brainstorm", which a record of
// the tables is also called.
func (a *Assistant) writeSameName(form string, w *answer) {
	for i := range a.review.Libraries {
		l := &a.review.Libraries[i]
		if !l.HasName(form) {
			continue
		}

		refs := make([]string, len(l.Refs))
		for j, r := range l.Refs {
			refs[j] = fmt.Sprintf("ref. %d", r.N)
		}

		w.printf("A record of the tables is named **%s** %s: its code is at %s and its "+
			"reference is %s.\n\n", l.Name, w.src.library(l), l.SourceURL(), joinAnd(refs))
		w.shown = append(w.shown, l)
		w.base = w.shown
	}
}

// writeMentionSentences quotes the first sentences of the text that mention
// the subject, under the spelling found.
func (a *Assistant) writeMentionSentences(x string, m mentionPlaces, w *answer) {
	as := ""
	if !strings.EqualFold(m.form, x) {
		as = " as “" + m.form + "”"
	}

	w.printf(" The review's text mentions it%s %s:\n\n", as, timesWord(len(m.sentences)))
	for _, s := range m.sentences[:min(len(m.sentences), maxMentionQuotes)] {
		w.printf("- “%s” %s (section %s)\n", rewriteRefs(s.text), w.src.section(s.section),
			s.section.Label())
	}

	w.printf("\n")
}

// writeMentionRefs lists the references whose entries name the subject.
func (a *Assistant) writeMentionRefs(refs []corpus.Reference, w *answer) {
	if len(refs) == 0 {
		return
	}

	parts := make([]string, 0, maxMentionQuotes)
	for _, r := range refs[:min(len(refs), maxMentionQuotes)] {
		parts = append(parts, fmt.Sprintf("ref. %d, “%s” %s", r.N, r.Title, w.src.reference(r)))
	}

	w.printf("Its reference list names it in %s.\n\n", joinAnd(parts))
}

// writeMentionCells lists the record cells that name the subject.
func (a *Assistant) writeMentionCells(cells []cellMention, w *answer) {
	if len(cells) == 0 {
		return
	}

	if len(cells) > maxMentionQuotes {
		w.printf("The tables name it in %d cells of their records.\n\n", len(cells))
		return
	}

	parts := make([]string, len(cells))
	for i, c := range cells {
		parts[i] = fmt.Sprintf("the %s of **%s** %s (%s)", c.field, c.lib.Name,
			w.src.library(c.lib), c.cell)
		w.shown = append(w.shown, c.lib)
	}

	w.base = w.shown
	w.printf("The tables name it in %s.\n\n", joinAnd(parts))
}

// textOnlyTools returns the names a question writes that are no record's
// but that the review's prose names as tools, with their link or reference
// ("MNE (https://mne.tools/...) [30]"): "MNE" in "which has more
// contributors, braindecode or MNE?". Only names written with capitals
// count.
func (a *Assistant) textOnlyTools(q *question) []mentionPlaces {
	var out []mentionPlaces
	for _, w := range q.words {
		head, _, hyphenated := strings.Cut(w.raw, "-")
		if inMention(q, w.index) || !capitalName(w.raw) ||
			!hyphenated && slices.ContainsFunc(q.found, func(m corpus.Match) bool {
				return w.index >= m.Start && w.index < m.End
			}) {
			continue
		}

		form := strings.Trim(w.raw, "?!.,;:")
		if !a.textTools[strings.ToLower(form)] {
			form = head // "MNE" of "MNE-Python"
			if !hyphenated || !a.textTools[strings.ToLower(form)] {
				continue
			}
		}

		m := a.mentionsOf(form)

		if len(m.cells) == 0 && namedAsTool(m) {
			out = append(out, m)
		}
	}

	return out
}

// toolCitation finds a name written with its link or reference right after
// it, as the review names tools: "MNE (https://mne.tools/...) [30]",
// "EEGLAB (...) [27]".
var toolCitation = regexp.MustCompile(`([\pL][\pL\pN._-]*)\s*(?:\(https?://|\[\d)`)

// textToolNames returns, in lower case, the names the review's sentences
// write with a link or a reference after them, which are tools it names:
// the set textOnlyTools looks a question's words up in, built once.
func textToolNames(sents []reviewSentence) map[string]bool {
	out := map[string]bool{}
	for i := range sents {
		for _, m := range toolCitation.FindAllStringSubmatch(sents[i].text, -1) {
			if capitalName(m[1]) {
				out[strings.ToLower(m[1])] = true
			}
		}
	}

	return out
}

// pluralAcronym is an acronym with a plural "s": "GPUs", "CNNs".
var pluralAcronym = regexp.MustCompile(`^\p{Lu}{2,}s\W*$`)

// namedAsTool reports whether a sentence of the mentions names the word as a
// tool: with its link or a reference right after it.
func namedAsTool(m mentionPlaces) bool {
	linked := regexp.MustCompile(`\b` + regexp.QuoteMeta(m.form) + `\s*(\(https?://|\[\d)`)
	if i := slices.IndexFunc(m.sentences, func(s *reviewSentence) bool {
		return linked.MatchString(s.text)
	}); i > 0 {
		m.sentences[0], m.sentences[i] = m.sentences[i], m.sentences[0]
	}

	return len(m.sentences) > 0 && linked.MatchString(m.sentences[0].text)
}

// capitalName reports whether a word is written as a name: two or more
// capitals ("MNE", "EEGLAB", "FreeSurfer"), and no plural acronym ("GPUs").
func capitalName(w string) bool {
	if pluralAcronym.MatchString(w) {
		return false
	}

	n := 0
	for _, r := range w {
		if unicode.IsUpper(r) {
			n++
		}
	}

	return n >= 2
}

// writeTextOnlyTools says which tools the question sets beside a library
// have no entry in the review's tables, citing where its text names them.
func (a *Assistant) writeTextOnlyTools(tools []mentionPlaces, w *answer) {
	for _, m := range tools {
		s := m.sentences[0]
		w.printf("%s is not one of the %d library entries of the review's tables, so they give "+
			"nothing to set beside it; its text mentions it %s (section %s).\n\n", m.form,
			len(a.review.Libraries), w.src.section(s.section), s.section.Label())
	}
}
