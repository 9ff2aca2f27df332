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
	passageDepth  = 6   // passages whose sections are read for sentences
	maxQuotes     = 3   // sentences quoted in a prose answer
	minQuoteScore = 2.5 // the least evidence a quoted sentence must carry
	rareTermIDF   = 2.5 // a residual term this rare points at a passage
)

// quotes returns the sentences of the review that best answer q: sentences of
// the sections the search ranks first, scored by the question's terms they
// contain, weighted by rarity.
func (a *Assistant) quotes(ctx context.Context, q *question, n int) ([]quote, error) {
	hits, err := a.index.Search(ctx, retrieval.Query{Text: q.text, K: passageDepth,
		Kind: retrieval.KindPassage})
	if err != nil {
		return nil, fmt.Errorf("search passages: %w", err)
	}

	want := a.queryTerms(q)
	var cands []quote
	seen := map[*corpus.Section]bool{}
	for rank, h := range hits {
		if seen[h.Chunk.Section] {
			continue
		}

		seen[h.Chunk.Section] = true
		bonus := 1 / float64(rank+2)
		cands = append(cands, a.scoreSection(h.Chunk.Section, want, bonus)...)
	}

	return best(cands, n), nil
}

// relatedWeight is how much a related word counts against the question's own.
const relatedWeight = 0.6

// queryTerms returns the terms a quote should contain, with their weight: the
// residual terms when the question has some, else all its content terms, and
// at a lower weight the words the vocabulary relates to them.
func (a *Assistant) queryTerms(q *question) map[string]float64 {
	base := q.residual
	if len(base) == 0 {
		for _, t := range q.terms {
			if !isStopWord(t) && !a.vocab.IsGeneric(t) {
				base = append(base, t)
			}
		}
	}

	out := map[string]float64{}
	for _, t := range base {
		for _, r := range a.vocab.Related(t) {
			out[r] = max(out[r], relatedWeight)
		}
	}

	for _, t := range base {
		out[t] = 1
	}

	return out
}

// weightsOf gives every term a weight of one.
func weightsOf(terms []string) map[string]float64 {
	out := make(map[string]float64, len(terms))
	for _, t := range terms {
		out[t] = 1
	}

	return out
}

// scoreSection scores every sentence of a section against the wanted terms.
func (a *Assistant) scoreSection(sec *corpus.Section, want map[string]float64,
	bonus float64) []quote {
	var out []quote
	order := 0
	for _, p := range sec.Paragraphs {
		for _, s := range sentences(p) {
			order++
			score := a.overlap(corpus.Terms(s), want)
			if score > 0 {
				out = append(out, quote{text: s, section: sec, score: score + bonus,
					order: order})
			}
		}
	}

	return out
}

// overlap sums the rarity of the wanted terms a sentence contains, each by its weight.
func (a *Assistant) overlap(terms []string, want map[string]float64) float64 {
	var score float64
	for t, w := range want {
		if slices.Contains(terms, t) {
			score += w * a.idf[t]
		}
	}

	return score
}

// best returns the n best quotes that carry enough evidence, in reading order
// within each section.
func best(cands []quote, n int) []quote {
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	var out []quote
	for _, c := range cands {
		if len(out) == n || c.score < minQuoteScore {
			break
		}

		out = append(out, c)
	}

	sort.SliceStable(out, func(i, j int) bool {
		if out[i].section != out[j].section {
			return false
		}

		return out[i].order < out[j].order
	})

	return out
}

// writeProse answers from the review's prose with its most relevant sentences.
func (a *Assistant) writeProse(ctx context.Context, q *question, w *answer) error {
	quotes, err := a.quotes(ctx, q, maxQuotes)
	if err != nil {
		return err
	}

	if len(quotes) == 0 {
		a.writeDecline("the review's text says nothing that matches it", w)
		return nil
	}

	w.printf("The review says:\n\n")
	writeQuotes(quotes, w)

	return nil
}

// writeQuotes writes quotes, each with its section's marker.
func writeQuotes(quotes []quote, w *answer) {
	for _, qt := range quotes {
		w.printf("- “%s” %s (section %s)\n", rewriteRefs(qt.text), w.src.section(qt.section),
			qt.section.Label())
	}

	w.printf("\n")
}

// writeQuotesFirst quotes the review before a list or a count when the
// question uses a word the prose uses rarely ("blueprints", "single out"):
// the user is asking what the review says, not only what the tables hold.
func (a *Assistant) writeQuotesFirst(ctx context.Context, q *question, w *answer) {
	if !slices.ContainsFunc(q.residual, func(t string) bool { return a.idf[t] >= rareTermIDF }) {
		return
	}

	found, err := a.quotes(ctx, q, 2)
	if err != nil {
		return
	}

	// Keep only quotes that carry most of what the residual words weigh: a
	// sentence that shares one common word with the question is no answer.
	want := weightsOf(q.residual)
	mass := a.overlap(q.residual, want)
	quotes := slices.DeleteFunc(found, func(qt quote) bool {
		return a.overlap(corpus.Terms(qt.text), want) < mass/2
	})
	if len(quotes) == 0 {
		return
	}

	w.printf("The review says:\n\n")
	writeQuotes(quotes, w)
}

// mentions returns the sentences of the review's prose that name a library,
// best matching the question first.
func (a *Assistant) mentions(l *corpus.Library, q *question, n int) []quote {
	pattern := nameMentionPattern(l)
	want := a.queryTerms(q)
	var cands []quote
	for i := range a.review.Sections {
		sec := &a.review.Sections[i]
		for _, p := range sec.Paragraphs {
			for _, s := range sentences(p) {
				if pattern.MatchString(s) {
					score := minQuoteScore + a.overlap(corpus.Terms(s), want)
					cands = append(cands, quote{text: s, section: sec, score: score})
				}
			}
		}
	}

	return best(cands, n)
}

// nameMentionPattern matches any of a library's names as a whole word.
func nameMentionPattern(l *corpus.Library) *regexp.Regexp {
	var alts []string
	for _, n := range l.Names() {
		alts = append(alts, regexp.QuoteMeta(n))
	}

	return regexp.MustCompile(`(^|[^\pL\pN])(` + strings.Join(alts, "|") + `)($|[^\pL\pN])`)
}

// writeDecline says plainly that the review does not cover the question, and
// what it can answer.
func (a *Assistant) writeDecline(reason string, w *answer) {
	w.printf("The review does not cover that: %s. It reviews %d open-source deep-learning "+
		"libraries for neuroscience (usage data up to %s).\n\n", reason,
		len(a.review.Libraries), a.review.UsageDate())
	w.printf("You can ask me which libraries fit a data type, task, framework, language, " +
		"interface or maintenance status; how many do; about one library's details; to " +
		"compare two or three libraries; or what the review says about deep learning in " +
		"neuroscience.")
}
