package assistant

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/neuroguide/neuroguide/corpus"
	"github.com/neuroguide/neuroguide/retrieval"
)

// quote is a sentence of the review with its section.
type quote struct {
	text    string
	section *corpus.Section
	score   float64
	order   int // position in the review, to keep quotes in reading order
}

// Prose answer settings.
const (
	passageDepth   = 6    // passages whose sections the search favours
	sectionBonus   = 0.5  // how much a favoured section adds, for the first passage
	maxQuotes      = 3    // sentences quoted in a prose answer
	maxMentions    = 3    // sentences of the text quoted on one library
	minQuoteScore  = 2.5  // the least evidence a quoted sentence must carry
	followShare    = 0.35 // a further quote must add this share of the first's score
	neighbourBonus = 1.5  // a sentence next to a quoted one is worth this much more
	lengthWeight   = 0.1  // how much a long sentence's score is scaled down
	relatedWeight  = 0.6  // how much a related word counts against the question's own

	// absentWordWeight is how much a related word counts when the review
	// never uses the question's own.
	absentWordWeight = 0.8
)

// proseOnly are words of a question that ask about the review without naming
// anything in it.
var proseOnly = stems("review paper article say says said according mention mentions " +
	"mentioned tell author authors describe describes described characterise characterize " +
	"characterises characterizes portray portrays present presents")

// functionWords are English function words that the shared stop words leave
// out: a quote need not hold "because" or "alongside", and a review that
// never writes them is not silent on the question.
var functionWords = stems("because since though although even around across alongside " +
	"along among amongst beside beyond against during before after until while whereas " +
	"upon throughout no not nor yet either neither instead rather else")

// quotes returns the sentences of the review that best answer q: every
// sentence is scored by the rarity of the question's terms it holds, the
// sections of the passages the search ranks first count more, and further
// sentences are taken for the terms the first ones leave out.
func (a *Assistant) quotes(ctx context.Context, q *question, n int) ([]quote, error) {
	want := a.queryTerms(a.proseTermsOf(q))
	cands, err := a.scoreSentences(ctx, q, want)
	if err != nil {
		return nil, err
	}

	return a.withDefinitions(q, want, cands, a.pick(cands, want, n), n), nil
}

// scoreSentences scores every sentence of the review against the question's
// weighed terms, and returns the ones that score.
func (a *Assistant) scoreSentences(
	ctx context.Context, q *question, w *termWeights,
) ([]quote, error) {
	boost, err := a.sectionBoost(ctx, q)
	if err != nil {
		return nil, err
	}

	defined := definedWords(q, w)
	if len(defined) > 0 {
		for sec, b := range a.namedSections(w) {
			boost[sec] += b
		}
	}

	named := a.titleBoost(w)
	for sec, b := range named {
		boost[sec] += b
	}

	cands := make([]quote, 0, len(a.sents.sents))
	for i := range a.sents.sents {
		s := &a.sents.sents[i]
		sc := (a.sents.score(s, w) + a.leadScore(s, named)) * (1 + boost[s.section])
		if sc == 0 {
			continue
		}

		if a.definesAny(s, defined) {
			sc *= definitionBonus
		}

		cands = append(cands, quote{text: s.text, section: s.section, order: s.order, score: sc})
	}

	return cands, nil
}

// sectionWeights say how much more each section's sentences count.
type sectionWeights map[*corpus.Section]float64

// sectionBoost returns how much the passage search favours each section.
func (a *Assistant) sectionBoost(ctx context.Context, q *question) (sectionWeights, error) {
	hits, err := a.index.Search(ctx, retrieval.Query{Text: q.text, K: passageDepth,
		Kind: retrieval.KindPassage})
	if err != nil {
		return nil, fmt.Errorf("search passages: %w", err)
	}

	boost := sectionWeights{}
	for rank, h := range hits {
		if _, ok := boost[h.Chunk.Section]; !ok {
			boost[h.Chunk.Section] = sectionBonus / float64(rank+1)
		}
	}

	return boost, nil
}

// definitionBonus is how much more a sentence that defines the question's
// subject counts, for a question asking what something is.
const definitionBonus = 2.5

// definedWords returns, for a question asking what something is or means,
// the words of its own whose definitions it may ask for.
func definedWords(q *question, want *termWeights) []string {
	if !isWhatIs(q.opening) && !hasAny(q.terms, definitionCues) {
		return nil
	}

	var words []string
	for _, t := range want.terms {
		if want.of(t) == 1 && len(t) > 2 {
			words = append(words, t)
		}
	}

	sort.Strings(words)

	return words
}

// holdsAny reports whether a sentence holds one of the terms.
func holdsAny(s *reviewSentence, terms []string) bool {
	return slices.ContainsFunc(terms, func(t string) bool { return s.terms[t] })
}

// definesAny reports whether a sentence defines one of the words: "a
// framework is ...", "federated learning, i.e., ...", "... refers to ...".
func (a *Assistant) definesAny(s *reviewSentence, words []string) bool {
	return slices.ContainsFunc(words, func(t string) bool {
		return s.terms[t] && a.definingPattern(t).MatchString(s.text)
	})
}

// definingPattern returns the pattern of the sentences that define a word,
// compiled once.
func (a *Assistant) definingPattern(t string) *regexp.Regexp {
	if p, ok := a.defining.Load(t); ok {
		return p.(*regexp.Regexp)
	}

	word := stemPattern(t) + `\w*`
	p := regexp.MustCompile(`(?i)\b` + word + `( \w+)?,? (is|are|refers to|consists|means) |\b` +
		word + `( \w+)?,? \(?i\.e\.`)
	a.defining.Store(t, p)

	return p
}

// withDefinitions adds, for each word a definition question asks of that no
// quote defines, the best sentence that defines it: "how does the paper
// distinguish a library from a framework?" quotes both definitions. It adds
// at most n quotes in all, and one more, in reading order.
func (a *Assistant) withDefinitions(q *question, want *termWeights, cands, chosen []quote,
	n int,
) []quote {
	words := definedWords(q, want)
	if len(words) < 2 || len(chosen) == 0 {
		return chosen
	}

	out := chosen
	for _, t := range words {
		defines := func(c quote) bool { return a.definesAny(&a.sents.sents[c.order], []string{t}) }
		if len(out) > n || slices.ContainsFunc(out, defines) {
			continue
		}

		i := slices.IndexFunc(cands, func(c quote) bool {
			return c.score >= minQuoteScore && c.section == chosen[0].section && defines(c)
		})
		if i >= 0 {
			out = append(out, cands[i])
		}
	}

	sort.SliceStable(out, func(i, j int) bool { return out[i].order < out[j].order })

	return out
}

// stemPattern matches the words of a stem: "librari" is "library" too.
func stemPattern(t string) string {
	if strings.HasSuffix(t, "i") {
		return regexp.QuoteMeta(t[:len(t)-1]) + "[iy]"
	}

	return regexp.QuoteMeta(t)
}

// Lead sentences of a section the question names by its title ("what do
// the conclusions say?"): the first leadSentences count leadWeight times the
// least quote score, a little less each.
const (
	leadSentences = 3
	leadWeight    = 1.2
	leadStep      = 0.1
)

// leadScore returns what a sentence gains for opening a section the question
// names, so that a question with no other word of it still finds its text.
func (a *Assistant) leadScore(s *reviewSentence, named sectionWeights) float64 {
	if _, ok := named[s.section]; !ok || s.section.Parent != "" {
		return 0
	}

	k := 0
	for j := s.order - 1; j >= 0 && a.sents.sents[j].section == s.section; j-- {
		k++
	}

	if k >= leadSentences {
		return 0
	}

	return minQuoteScore * (leadWeight - leadStep*float64(k))
}

// titleBonus is how much a section counts more when the question names it:
// a question that says which part of the review it asks about ("the
// discussion", "the outlook") finds its answer there before anywhere else.
const titleBonus = 2.0

// sectionAliases are the words users say for a part of the review that its
// title does not hold, by the section's title: "the outlook" is the Future
// Directions.
var sectionAliases = map[string][]string{
	"Future Directions":     stems("outlook perspectives prospects"),
	"Materials and Methods": stems("methodology"),
	"Introduction":          stems("intro"),
}

// titleBoost returns the sections whose titles the question names ("the
// background section", "the conclusions", "neuroinformatics"), with their
// subsections. A word that names one of the review's parts ("background",
// "methods") is dropped from the wanted terms: it points at the part, it is
// not what the part says.
func (a *Assistant) titleBoost(want *termWeights) sectionWeights {
	out := sectionWeights{}
	for i := range a.review.Sections {
		sec := &a.review.Sections[i]
		for _, u := range a.titleWords(want, sec) {
			a.boostSection(sec, out)
			if sec.Parent == "" || sec.Number == "" {
				a.dropWithKin(want, u)
			}
		}
	}

	return out
}

// titleWords returns the question's terms that name a section: those of its
// title, but generic and stop words, and its aliases.
func (a *Assistant) titleWords(want *termWeights, sec *corpus.Section) []string {
	var out []string
	for _, t := range corpus.Terms(sec.Title) {
		u, ok := a.titleWord(want, t)
		if ok && !a.vocab.IsGeneric(t) && !isStopWord(t) {
			out = append(out, u)
		}
	}

	for _, t := range sectionAliases[sec.Title] {
		if want.of(t) == 1 {
			out = append(out, t)
		}
	}

	return out
}

// sectionWords returns the question's terms that name a part of the review
// ("the discussion", "the outlook"): they point at the part, so quotes need
// not hold them.
func (a *Assistant) sectionWords(q *question) []string {
	want := a.queryTerms(a.proseTermsOf(q))
	var out []string
	for i := range a.review.Sections {
		sec := &a.review.Sections[i]
		if sec.Parent == "" || sec.Number == "" {
			out = append(out, a.titleWords(want, sec)...)
		}
	}

	return out
}

// namedSections returns the sections whose whole title the question names,
// generic words and all ("how does the review define neuroscience?").
func (a *Assistant) namedSections(want *termWeights) sectionWeights {
	out := sectionWeights{}
	for i := range a.review.Sections {
		sec := &a.review.Sections[i]
		terms := slices.DeleteFunc(corpus.Terms(sec.Title), isStopWord)
		if len(terms) > 0 && !slices.ContainsFunc(terms, func(t string) bool {
			return want.of(t) != 1
		}) {
			out[sec] = titleBonus
		}
	}

	return out
}

// titleWord returns the question's own term that names a title's term: the
// term itself, or a word of its family that is no generic or cue word ("what
// do the authors conclude?" names the Conclusions) and that no title has as
// it is ("abstractions" names 4.3, not the Abstract).
func (a *Assistant) titleWord(want *termWeights, t string) (string, bool) {
	if want.of(t) == 1 {
		return t, true
	}

	for _, u := range want.terms {
		if want.of(u) == 1 && wordRoot(u) == wordRoot(t) && !a.vocab.IsGeneric(u) && !isCue(u) &&
			!a.titleTerms[u] {
			return u, true
		}
	}

	return "", false
}

// dropWithKin drops a wanted term with the related words and word family it
// brought, but those the question itself uses.
func (a *Assistant) dropWithKin(want *termWeights, t string) {
	for _, r := range append(a.vocab.Related(t), a.sents.kin(t)...) {
		if r != t && want.of(r) < 1 {
			want.drop(r)
		}
	}

	want.drop(t)
}

// boostSection gives a section and its subsections the title bonus.
func (a *Assistant) boostSection(sec *corpus.Section, out sectionWeights) {
	for i := range a.review.Sections {
		s := &a.review.Sections[i]
		if s == sec || sec.Number != "" && s.Parent == sec.Number {
			out[s] = titleBonus
		}
	}
}

// proseTermsOf returns the terms a quote should contain: every content term
// of the question, names and facets included, but not the words that only
// point at the review, nor those of conversation ("thanks", "basically").
func (a *Assistant) proseTermsOf(q *question) []string {
	var out []string
	for i, t := range q.terms {
		if !isStopWord(t) && !slices.Contains(proseOnly, t) && !slices.Contains(functionWords, t) &&
			a.vocab.DiscourseClass(t) == "" && !a.framed(q, i) &&
			!slices.Contains(definitionCues, t) && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}

	return out
}

// queryTerms weighs terms: one for the question's own, less for the words
// the vocabulary relates to them, unless the review never uses the question's
// word ("excluded" for its "discarded").
func (a *Assistant) queryTerms(base []string) *termWeights {
	out := newTermWeights()
	for _, t := range base {
		weight := relatedWeight
		if a.sents.idf[t] == 0 {
			weight = absentWordWeight
		}

		for _, r := range append(a.vocab.Related(t), a.sents.kin(t)...) {
			out.set(r, max(out.of(r), weight))
		}
	}

	for _, t := range base {
		out.set(t, 1)
	}

	return out
}

// termWeights are the weighed terms a quote should hold, kept in the order
// they were first weighed, so that scores add up the same on every run.
type termWeights struct {
	terms   []string
	weights map[string]float64
}

// newTermWeights returns an empty set of weighed terms.
func newTermWeights() *termWeights { return &termWeights{weights: map[string]float64{}} }

// of returns a term's weight, zero when it has none.
func (tw *termWeights) of(t string) float64 { return tw.weights[t] }

// set weighs a term.
func (tw *termWeights) set(t string, w float64) {
	if _, ok := tw.weights[t]; !ok {
		tw.terms = append(tw.terms, t)
	}

	tw.weights[t] = w
}

// drop removes a term.
func (tw *termWeights) drop(t string) {
	if _, ok := tw.weights[t]; ok {
		delete(tw.weights, t)
		tw.terms = slices.DeleteFunc(tw.terms, func(x string) bool { return x == t })
	}
}

// score sums the rarity of the wanted terms a sentence holds, each by its
// weight, scaled down a little for long sentences.
func (ix *sentenceIndex) score(s *reviewSentence, want *termWeights) float64 {
	var sum float64
	for _, t := range want.terms {
		if s.terms[t] {
			sum += want.of(t) * ix.idf[t]
		}
	}

	if sum == 0 {
		return 0
	}

	return sum / max(0.8, 1+lengthWeight*(float64(s.length)/ix.avgLen-1))
}

// pick chooses up to n quotes: the best sentence, then those that add most of
// what the chosen ones leave out, among the sentences next to a chosen one,
// those of its section that score well, and those elsewhere that score nearly
// as well. A sentence that goes on with a bulleted list after a chosen one
// joins it. The quotes come in reading order.
func (a *Assistant) pick(cands []quote, want *termWeights, n int) []quote {
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	if len(cands) == 0 || cands[0].score < minQuoteScore {
		return nil
	}

	p := &picking{cands: cands, want: want, chosen: []quote{cands[0]},
		covered: a.sents.sents[cands[0].order].terms}
	for len(p.chosen) < n {
		next := a.nextQuote(p)
		if next < 0 {
			break
		}

		p.chosen = append(p.chosen, cands[next])
		p.covered = union(p.covered, a.sents.sents[cands[next].order].terms)
	}

	chosen := a.withAntecedents(a.withFollowers(a.withExamples(a.withLists(p.chosen, want),
		want, n), n))
	sort.SliceStable(chosen, func(i, j int) bool { return chosen[i].order < chosen[j].order })

	return chosen
}

// picking is the state of choosing quotes: the candidates best first, the
// wanted terms, the quotes chosen and the terms they hold.
type picking struct {
	cands, chosen []quote
	want          *termWeights
	covered       map[string]bool
}

// Thresholds of further quotes, as shares of the first quote's score.
const (
	sameSectionShare = 0.4  // a sentence of the first quote's section
	elsewhereShare   = 0.75 // a sentence of another section
	minNeighbourGain = 1.5  // what a neighbour must add, in rarity

	// tieShare weighs the score of a sentence that adds no new word, below
	// any sentence that does.
	tieShare = 0.01
)

// nextQuote returns the eligible candidate that adds most to the chosen
// quotes, or -1.
func (a *Assistant) nextQuote(p *picking) int {
	best, bestGain := -1, 0.0
	first := p.chosen[0]
	for i, c := range p.cands {
		if slices.ContainsFunc(p.chosen, func(q quote) bool { return q.order == c.order }) {
			continue
		}

		gain := a.gain(c, p.covered, p.want)
		neighbour := a.nextToChosen(c, p.chosen)
		close := c.score >= elsewhereShare*first.score
		eligible := neighbour && gain*neighbourBonus >= minNeighbourGain ||
			c.section == first.section && c.score >= sameSectionShare*first.score || close
		if neighbour {
			gain *= neighbourBonus
		}

		if gain == 0 && close {
			// Nearly as good as the first, though it adds no new word: taken
			// after every sentence that does.
			gain = tieShare * c.score
		}

		if eligible && gain > bestGain {
			best, bestGain = i, gain
		}
	}

	return best
}

// gain sums the rarity of the wanted terms a candidate holds that the chosen
// quotes lack.
func (a *Assistant) gain(c quote, covered map[string]bool, want *termWeights) float64 {
	g := 0.0
	for _, t := range want.terms {
		if a.sents.sents[c.order].terms[t] && !covered[t] {
			g += want.of(t) * a.sents.idf[t]
		}
	}

	return g
}

// nextToChosen reports whether a candidate is next to a chosen quote in its paragraph.
func (a *Assistant) nextToChosen(c quote, chosen []quote) bool {
	return slices.ContainsFunc(chosen, func(q quote) bool {
		return abs(q.order-c.order) == 1 && a.sents.sents[q.order].para == a.sents.sents[c.order].para
	})
}

// withLists adds, after each chosen quote, the next sentence of its paragraph
// when that sentence holds a bulleted list and a wanted term: "On a technical
// side, deep learning has profited from: - ...".
func (a *Assistant) withLists(chosen []quote, want *termWeights) []quote {
	out := chosen
	for _, q := range chosen {
		i := q.order + 1
		if i >= len(a.sents.sents) {
			continue
		}

		s := &a.sents.sents[i]
		if s.para != a.sents.sents[q.order].para || !strings.Contains(s.text, "\n- ") ||
			slices.ContainsFunc(out, func(o quote) bool { return o.order == i }) {
			continue
		}

		if a.sents.score(s, want) > 0 {
			out = append(out, quote{text: s.text, section: s.section, order: i})
		}
	}

	return out
}

// namePattern finds what names a thing in a sentence: a link, or a word with
// a capital after its first letter ("FreeSurfer", "EEGLAB", "MNE").
var namePattern = regexp.MustCompile(`https?://|\b\p{Lu}[\pL\pN]*\p{Lu}[\pL\pN]*\b`)

// Examples of a quote: how many names make a sentence a list of them, and
// how many sentences after the quote, in its paragraph or the next, may give
// them.
const (
	minExampleNames = 2
	exampleReach    = 3
)

// withExamples adds, after a chosen quote that names nothing, the next
// sentences of its section, in its paragraph or the next, that name the
// things it speaks of and hold a wanted term: "... packages for neuroimaging
// and signal processing became the reference." is followed by "... for
// neuroimaging, Freesurfer and FSL ..." and "In the domain of signal
// processing, examples are EEGLAB, ...".
// It adds at most n quotes in all.
func (a *Assistant) withExamples(chosen []quote, want *termWeights, n int) []quote {
	out := chosen
	for _, q := range chosen {
		if len(namePattern.FindAllString(q.text, -1)) >= minExampleNames {
			continue
		}

		for i := q.order + 1; i <= q.order+exampleReach && i < len(a.sents.sents) &&
			len(out) < n+1; i++ {
			s := &a.sents.sents[i]
			if s.section != q.section || s.para > a.sents.sents[q.order].para+1 {
				break
			}

			if slices.ContainsFunc(out, func(o quote) bool { return o.order == i }) ||
				len(namePattern.FindAllString(s.text, -1)) < minExampleNames ||
				a.sents.score(s, want) == 0 {
				continue
			}

			out = append(out, quote{text: s.text, section: s.section, order: i})
		}
	}

	return out
}

// shortQuote is the most words of a sentence that only opens its subject
// ("Another relevant aspect of biomedicine is that of privacy and sensitive
// data."), whose next sentence says what the review says of it.
const shortQuote = 14

// connectives open a sentence that goes on from the one before: "Nonetheless,
// projects such as MONAI are strong candidates".
var connectives = []string{"Nonetheless", "However", "Moreover", "Still", "Yet", "Indeed",
	"Therefore", "Thus", "Hence", "In addition", "Furthermore", "On the other hand"}

// goesOn reports whether a sentence opens with a connective.
func goesOn(s string) bool {
	return slices.ContainsFunc(connectives, func(c string) bool { return strings.HasPrefix(s, c) })
}

// withFollowers adds, after a chosen quote, the next sentence of its
// paragraph when the quote only opens its subject or the next sentence goes
// on from it. It adds at most n quotes in all, and one more.
func (a *Assistant) withFollowers(chosen []quote, n int) []quote {
	out := chosen
	for _, q := range chosen {
		i := q.order + 1
		if i >= len(a.sents.sents) || len(out) > n {
			continue
		}

		s := &a.sents.sents[i]
		follows := len(strings.Fields(q.text)) <= shortQuote || goesOn(s.text)
		if s.para != a.sents.sents[q.order].para || !follows ||
			slices.ContainsFunc(out, func(o quote) bool { return o.order == i }) {
			continue
		}

		out = append(out, quote{text: s.text, section: s.section, order: i})
	}

	return out
}

// withAntecedents adds, before a chosen quote that speaks of "it" and names
// no library, the sentence before it in its paragraph, which says what "it"
// is: "Similarly to ExBrainable, it was validated on ..." follows the
// sentence on gumpy.
func (a *Assistant) withAntecedents(chosen []quote) []quote {
	out := chosen
	for _, q := range chosen {
		i := q.order - 1
		s := &a.sents.sents[q.order]
		if i < 0 || !refersBack(s.text) || a.sents.sents[i].para != s.para ||
			slices.ContainsFunc(out, func(o quote) bool { return o.order == i }) {
			continue
		}

		if prev := &a.sents.sents[i]; len(prev.names) > 0 {
			out = append(out, quote{text: prev.text, section: prev.section, order: i})
		}
	}

	return out
}

// union returns the terms of both sets.
func union(a, b map[string]bool) map[string]bool {
	out := make(map[string]bool, len(a)+len(b))
	for t := range a {
		out[t] = true
	}

	for t := range b {
		out[t] = true
	}

	return out
}

// abs is the absolute value of n.
func abs(n int) int {
	if n < 0 {
		return -n
	}

	return n
}

// writeProse answers from the review's prose with its most relevant sentences.
func (a *Assistant) writeProse(ctx context.Context, q *question, w *answer) error {
	quotes, err := a.quotes(ctx, q, maxQuotes)
	if err != nil {
		return err
	}

	if len(quotes) == 0 || a.coverage(q, quotes) < a.neededCoverage(q, quotes) {
		a.writeDecline(decline{why: "no passage of its text answers the question"}, w)
		return nil
	}

	if q.loose != "" {
		w.printf("The review does not speak of “%s”; on “%s” it says:\n\n",
			writtenWord(q, q.loose), writtenWord(q, q.looseSubject))
	} else {
		w.printf("The review says:\n\n")
	}

	writeQuotes(quotes, w)
	a.writeFacetLibraries(q, w)

	return nil
}

// maxProseLibraries is the most libraries a prose answer names after its quotes.
const maxProseLibraries = 12

// writeFacetLibraries names, after the quotes of a question about an idea the
// tables also hold ("what is federated learning?"), the libraries that have it.
func (a *Assistant) writeFacetLibraries(q *question, w *answer) {
	if q.sel.Empty() || !a.anySpecific(q.facets) || asksValidation(q) {
		// What a library was validated on is the text's, and the words of
		// a data set's name ("BCI Competition IV") name no facet.
		return
	}

	libs := selectIn(a.scope(q), q.sel)
	if len(libs) == 0 || len(libs) > maxProseLibraries {
		return
	}

	w.printf("The review's tables list **%d of %d** libraries with %s: ", len(libs),
		len(a.review.Libraries), describeSelection(q.sel))
	for i, l := range libs {
		if i > 0 {
			w.printf(", ")
		}

		w.printf("%s %s", l.Name, w.src.library(l))
	}

	w.printf(".\n")
	w.shown, w.base = libs, a.scope(q)
}

// Evidence a prose answer must carry.
const (
	// minCoverage is the least share of the question's weight its quotes must
	// hold, and unknownCoverage the least when the question uses a word the
	// review does not know.
	minCoverage     = 0.25
	unknownCoverage = 0.6

	// unknownWeight is the weight of a question word the review never uses,
	// above the rarity of any word it uses.
	unknownWeight = 9.0
)

// neededCoverage returns the share of the question its quotes must hold. A
// question that names the part of the review it asks about, answered from
// that part, needs no more than the least share even with a word the review
// does not use: naming the part says the question is about the review's text,
// so its unknown words are more likely its wording than its subject.
func (a *Assistant) neededCoverage(q *question, quotes []quote) float64 {
	unknown := slices.ContainsFunc(a.coverageTerms(q), func(t string) bool {
		return !a.isKnownTerm(t)
	})
	if !unknown || a.answersNamedPart(q, quotes) {
		return minCoverage
	}

	return unknownCoverage
}

// answersNamedPart reports whether a question names the part of the review
// it asks about and some quote comes from that part.
func (a *Assistant) answersNamedPart(q *question, quotes []quote) bool {
	if len(a.sectionWords(q)) == 0 {
		return false
	}

	named := a.titleBoost(a.queryTerms(a.proseTermsOf(q)))

	return slices.ContainsFunc(quotes, func(qt quote) bool { return named[qt.section] > 0 })
}

// coverage returns the share of the question's content, weighed by rarity,
// that the quotes hold. A word the review never uses counts against it: "the
// side effects of ibuprofen" finds sentences on side effects, none on ibuprofen.
func (a *Assistant) coverage(q *question, quotes []quote) float64 {
	var total, held float64
	named := a.answersNamedPart(q, quotes)
	for _, t := range a.coverageTerms(q) {
		w := a.coverageWeight(t, named)
		total += w
		if w > 0 && slices.ContainsFunc(quotes, func(qt quote) bool {
			return a.sents.sents[qt.order].terms[t] || a.relatedIn(t, qt.order) ||
				slices.Contains(corpus.Terms(qt.section.Title), t)
		}) {
			held += w
		}
	}

	if total == 0 {
		return 1
	}

	return held / total
}

// coverageWeight returns how much a question's term counts in its coverage:
// its rarity among the review's sentences; for a word of the review's domain
// its prose never uses ("DICOM", "patient"), the rarity of a typical word of
// its sentences: the subject may be what the prose is silent on, though
// many such words are also plain English ("head"); and for a word the review
// does not know, more than any. A domain word counts nothing when the quotes
// come from the part of the review the question names: the part is then
// what it asks about.
func (a *Assistant) coverageWeight(t string, namedPart bool) float64 {
	switch w := a.sents.idf[t]; {
	case w > 0:
		return w
	case !a.isKnownTerm(t):
		return unknownWeight
	case a.vocab.IsDomainWord(t) && !namedPart:
		return a.sents.typical
	}

	return 0
}

// coverageTerms returns the terms whose share the quotes must hold: the
// prose terms, but not cue words the review does not use ("difference" in
// "what is the difference between a library and a framework?"), nor the words
// that name the part of the review the question asks about.
func (a *Assistant) coverageTerms(q *question) []string {
	parts := a.sectionWords(q)
	terms := slices.DeleteFunc(a.proseTermsOf(q), func(t string) bool {
		return isCue(t) && a.sents.idf[t] == 0 || t == q.loose || slices.Contains(parts, t)
	})

	known := 0
	for _, t := range terms {
		if a.sents.idf[t] > 0 {
			known++
		}
	}

	if known < minKnownForFrame {
		return terms
	}

	// A verb of the question's frame the review does not use ("dealing with
	// the demands of deep learning") is no subject it must hold.
	return slices.DeleteFunc(terms, func(t string) bool {
		return !a.isKnownTerm(t) && isIngForm(writtenWord(q, t))
	})
}

// minKnownForFrame is how many of the review's words a question must hold
// for its "-ing" words the review does not use to count as its frame.
const minKnownForFrame = 3

// relatedIn reports whether a sentence holds a word related to t, or one of
// its word family.
func (a *Assistant) relatedIn(t string, order int) bool {
	return slices.ContainsFunc(append(a.vocab.Related(t), a.sents.kin(t)...), func(r string) bool {
		return a.sents.sents[order].terms[r]
	})
}

// writeQuotes writes quotes, each with its section's marker.
func writeQuotes(quotes []quote, w *answer) {
	for _, qt := range quotes {
		w.printf("- “%s” %s (section %s)\n", nestLines(rewriteRefs(qt.text)),
			w.src.section(qt.section), qt.section.Label())
	}

	w.printf("\n")
}

// nestLines indents the lines of a quoted sentence after its first, and
// marks the items of a list it holds with "•", so that they read as part of
// the quote rather than as quotes of their own.
func nestLines(text string) string {
	lines := strings.Split(text, "\n")
	for i := 1; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if rest, ok := strings.CutPrefix(line, "- "); ok {
			line = "• " + rest
		}

		lines[i] = "  " + line
	}

	return strings.Join(lines, "\n")
}

// strongQuote is the score a quote must reach to precede a list on its own
// merit, when the question asks what the review says.
const strongQuote = 2 * minQuoteScore

// writeQuotesFirst quotes the review before a list or a count when the
// question asks what the review says ("single out", "does the review
// mention", "what do most of ...") or how many libraries it has in all: the
// user is asking what the review says,
// not only what the tables hold. Only strong quotes are kept: a sentence
// that shares a common word with the question is no answer.
func (a *Assistant) writeQuotesFirst(ctx context.Context, q *question, w *answer) {
	if !asksForSummary(q) && !(q.intent == intentCount && q.sel.Empty()) {
		return
	}

	if len(a.contentTerms(q)) == 0 {
		return // "how many libraries are there?": no subject to quote on
	}

	a.writeStrongQuotes(ctx, q, w)
}

// writeStrongQuotes quotes the review's sentences that answer the question
// strongly, if any, before an answer computed from the tables; with terms,
// only those that hold one of them.
func (a *Assistant) writeStrongQuotes(ctx context.Context, q *question, w *answer,
	terms ...string,
) {
	found, err := a.quotes(ctx, q, 2)
	if err != nil {
		return
	}

	quotes := slices.DeleteFunc(found, func(qt quote) bool {
		return qt.score < strongQuote ||
			len(terms) > 0 && !holdsAny(&a.sents.sents[qt.order], terms)
	})
	if len(quotes) == 0 {
		return
	}

	w.printf("The review says:\n\n")
	writeQuotes(quotes, w)
}

// Mentions of a library: the sentences that name it and, within a few
// sentences of the same paragraph, those that go on about it ("It was
// validated on ...") without naming another library.
const aboutReach = 3

// mentions returns up to n sentences of the review's prose about a library,
// those holding most of terms first; when need is set, only those that hold
// enough of them to answer.
func (a *Assistant) mentions(l *corpus.Library, terms []string, n int, need bool) []quote {
	want := a.queryTerms(terms)
	var cands []quote
	for _, i := range a.sents.about(l) {
		s := &a.sents.sents[i]
		sc := a.sents.score(s, want)
		if need && sc < minQuoteScore {
			continue
		}

		cands = append(cands, quote{text: s.text, section: s.section, order: s.order,
			score: sc + minQuoteScore})
	}

	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	cands = cands[:min(n, len(cands))]
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].order < cands[j].order })

	return cands
}

// about returns the positions of the sentences about a library.
func (ix *sentenceIndex) about(l *corpus.Library) []int {
	var out []int
	for i := range ix.sents {
		if !slices.Contains(ix.sents[i].names, l) {
			continue
		}

		out = append(out, i)
		if len(ix.sents[i].names) > 1 {
			continue // "it" after a sentence that names several may be any of them
		}

		for j := i + 1; j < len(ix.sents) && j <= i+aboutReach; j++ {
			s := &ix.sents[j]
			if s.para != ix.sents[i].para || opensOtherSubject(s.text) && !goesOnAbout(s.text) ||
				len(s.names) > 0 && !refersBack(s.text) {
				break
			}

			out = append(out, j)
		}
	}

	return slices.Compact(out)
}

// backReference finds a pronoun that carries a library over from the sentence
// before: "Similarly to ExBrainable, it was validated on ...".
var backReference = regexp.MustCompile(`(^|[ ,])(it|its|It|Its)[ ,]`)

// refersBack reports whether a sentence goes on about the library named before it.
func refersBack(s string) bool { return backReference.MatchString(s) }

// goesOnOpening opens a sentence that goes on about the thing named before
// it: "The platform lifts ...", "This toolbox ...", "Such tools ...".
var goesOnOpening = regexp.MustCompile(`^(The|This|These|Such|Their) (library|libraries|toolbox|` +
	`framework|platform|package|tool|tools|project|software|paradigm|approach|system|pipeline)\b`)

// goesOnAbout reports whether a sentence goes on about what the one before
// named: by "it" or "its", or by a phrase that points back.
func goesOnAbout(s string) bool { return refersBack(s) || goesOnOpening.MatchString(s) }

// otherSubject opens a sentence with a subject of its own: an acronym or a
// name of capitalised words ("NLP is actually fundamental ...", "Large
// Language Models (LLMs) ... exist"), which a sentence naming EEG-DL before
// it does not make about EEG-DL.
var otherSubject = regexp.MustCompile(`^(\p{Lu}{2,}\b|\p{Lu}\p{Ll}+ \p{Lu})`)

// opensOtherSubject reports whether a sentence opens with a subject of its own.
func opensOtherSubject(s string) bool { return otherSubject.MatchString(s) }

// nameMentionPattern matches any of a library's names as a whole word.
func nameMentionPattern(l *corpus.Library) *regexp.Regexp {
	var alts []string
	for _, n := range l.Names() {
		alts = append(alts, regexp.QuoteMeta(n))
	}

	return regexp.MustCompile(`(^|[^\pL\pN])(` + strings.Join(alts, "|") + `)($|[^\pL\pN])`)
}

// writeDecline says plainly that the review does not cover the question and
// why, then what the review holds and what it can answer.
func (a *Assistant) writeDecline(d decline, w *answer) {
	s := d.sentence()
	if m := a.declineMarker(d, w); m != "" {
		s = strings.TrimSuffix(s, ".") + " " + m + "."
	}

	w.printf("%s\n\n", s)
	a.writeHelp(w)
}

// declineMarker cites the source of what a decline states of the review:
// its front matter or one of its statements; "" when it states nothing.
func (a *Assistant) declineMarker(d decline, w *answer) string {
	if d.cite == citeFront {
		return w.src.review()
	}

	if st, ok := a.review.Statement(d.cite); ok && d.cite != "" {
		return w.src.statement(st)
	}

	return ""
}

// writeHelp says what the review holds and what I can answer from it.
func (a *Assistant) writeHelp(w *answer) {
	w.printf("It reviews %d open-source deep-learning libraries for neuroscience, with usage "+
		"data up to %s. You can ask me which libraries fit a data type, task, framework, "+
		"language, interface or maintenance status; how many do; about one library's "+
		"details; to compare two or three libraries; or what the review says about deep "+
		"learning in neuroscience.", len(a.review.Libraries), a.usageDate)
}
