package assistant

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/neuroguide/neuroguide/corpus"
	"github.com/neuroguide/neuroguide/retrieval"
)

// abbreviationCue finds a question that may ask what an abbreviation
// stands for; abbreviationAsks then tells, for each word, whether it is the
// one asked about.
var abbreviationCue = regexp.MustCompile(`(?i)\b(?:stands?|stood) for\b|\bshort for\b|` +
	`\babbreviat|\bacronym|\bfull (?:form|name)\b|\bspell|\bexpan(?:d|sion)|\bmean`)

// abbreviationAsks are the ways of asking what the word W stands for: "W
// stands for", "is W short for", "the abbreviation W", "the full form of
// W", "expand W", "W spelled out", "what does W mean", "the meaning of W".
// The word must be next to the cue, so that "expand" in "which EEG tools
// expand datasets" asks for no abbreviation.
var abbreviationAsks = []string{
	`W(?:'s)? (?:stands?|stood) for`, `W (?:is )?short for`,
	`(?:abbreviations?|acronyms?|abbreviated|term)(?: for| of)? ["“']?W`,
	`W(?:["”'])? (?:is |as )?(?:an? )?(?:abbreviation|acronym|abbreviated)`,
	`full (?:form|name)s? of (?:the )?W`, `(?:expand|expansion of|spell out) (?:the )?W`,
	`W (?:spelled|spelt|written) out`,
	`what (?:does|do|is|are|'s) (?:the )?(?:abbreviation |acronym |term )?["“']?W["”']? mean`,
	`meaning of (?:the )?(?:abbreviation |acronym |term )?["“']?W`,
}

// asksAbbreviation reports whether a question asks what the word it writes
// as raw stands for.
func asksAbbreviation(text, raw string) bool {
	word := `(?:` + regexp.QuoteMeta(raw) + `)`
	for _, p := range abbreviationAsks {
		re, err := regexp.Compile(`(?i)(?:^|[^\pL\pN])` + strings.ReplaceAll(p, "W", word) +
			`(?:$|[^\pL\pN])`)
		if err == nil && re.MatchString(text) {
			return true
		}
	}

	return false
}

// abbreviationAsk is one abbreviation a question asks about, as written.
type abbreviationAsk struct {
	entry   *corpus.Abbreviation
	written string
}

// askedAbbreviations returns the abbreviations of the review's list that a
// question asks the meaning of ("What does BCI stand for?", "what are CNNs
// short for"), compared without case and with a plural "s" taken off. A
// word of a library's name ("EEG-DL") is no abbreviation asked.
func (a *Assistant) askedAbbreviations(q *question) []abbreviationAsk {
	if !abbreviationCue.MatchString(q.text) {
		return nil
	}

	entries := make([]*corpus.Abbreviation, len(q.words))
	asked := make([]bool, len(q.words))
	for i := len(q.words) - 1; i >= 0; i-- {
		w := q.words[i]
		if inMention(q, w.index) {
			continue
		}

		entries[i] = a.abbreviationOf(w.raw)
		asked[i] = entries[i] != nil &&
			(asksAbbreviation(q.text, w.raw) || coordinated(q.words, asked, i))
	}

	var out []abbreviationAsk
	for i, e := range entries {
		dup := slices.ContainsFunc(out, func(ab abbreviationAsk) bool { return ab.entry == e })
		if asked[i] && !dup {
			out = append(out, abbreviationAsk{entry: e, written: q.words[i].raw})
		}
	}

	return out
}

// coordinated reports whether word i is joined to a later asked word by
// "and", "or" or a comma: "CNNs" in "what do CNNs and RNNs stand for?".
func coordinated(words []word, asked []bool, i int) bool {
	next := i + 1
	if next < len(words) && (words[next].norm == "and" || words[next].norm == "or") {
		next++
	}

	return next < len(words) && asked[next]
}

// abbreviationOf returns the entry of the Abbreviations section a word
// writes, or nil.
func (a *Assistant) abbreviationOf(raw string) *corpus.Abbreviation {
	for i := range a.review.Abbreviations {
		e := &a.review.Abbreviations[i]
		for _, f := range abbreviationForms(e.Short) {
			if strings.EqualFold(raw, f) || strings.EqualFold(raw, f+"s") {
				return e
			}
		}
	}

	return nil
}

// abbreviationForms returns the ways of writing a short form: an optional
// part in parentheses may be left out, written whole, or from a hyphen on:
// "(rs-f)MRI" is "MRI", "rs-fMRI" and "fMRI".
func abbreviationForms(short string) []string {
	open, end := strings.IndexByte(short, '('), strings.IndexByte(short, ')')
	if open != 0 || end < 0 {
		return []string{short}
	}

	inner, base := short[1:end], short[end+1:]
	forms := []string{base, inner + base}
	for i, r := range inner {
		if r == '-' {
			forms = append(forms, inner[i+1:]+base)
		}
	}

	return forms
}

// writeAbbreviation answers what each abbreviation asked stands for, from
// the review's Abbreviations section, and offers, for one that is also a
// facet value, how many libraries have it.
func (a *Assistant) writeAbbreviation(q *question, w *answer) {
	marker := w.src.abbreviations()
	for _, ab := range q.part.abbrevs {
		w.printf("**%s** stands for **%s** %s.\n", ab.entry.Short, ab.entry.Long, marker)
	}

	a.writeAbbreviationUses(q.part.abbrevs, w)

	var offers []string
	for _, ab := range q.part.abbrevs {
		if v := a.abbreviationValue(ab); v != nil {
			offers = append(offers, a.facetOffer(v))
		}
	}

	if len(offers) > 0 {
		w.printf("\n%s\n", strings.Join(offers, "\n"))
	}
}

// writeAbbreviationUses quotes, for each abbreviation, the sentence of the
// review's text that introduces it, "... eXplainable AI (XAI), i.e., ...",
// or else the first that uses it.
func (a *Assistant) writeAbbreviationUses(abbrevs []abbreviationAsk, w *answer) {
	var quotes []string
	for _, ab := range abbrevs {
		if s := a.introducing(ab.entry); s != nil {
			quotes = append(quotes, fmt.Sprintf("- “%s” %s (section %s)", rewriteRefs(s.text),
				w.src.section(s.section), s.section.Label()))
		}
	}

	if len(quotes) > 0 {
		w.printf("\nIn the review's text:\n\n%s\n", strings.Join(quotes, "\n"))
	}
}

// introducing returns the sentence of the prose that introduces an
// abbreviation in parentheses, or the first that uses it, or nil.
func (a *Assistant) introducing(e *corpus.Abbreviation) *reviewSentence {
	var first *reviewSentence
	for _, f := range abbreviationForms(e.Short) {
		intro := regexp.MustCompile(`\(` + regexp.QuoteMeta(f) + `s?\)`)
		use := regexp.MustCompile(`(^|[^\pL\pN-])` + regexp.QuoteMeta(f) + `s?($|[^\pL\pN-])`)
		for i := range a.sents.sents {
			s := &a.sents.sents[i]
			if intro.MatchString(s.text) {
				return s
			}

			if first == nil && use.MatchString(s.text) {
				first = s
			}
		}
	}

	return first
}

// abbreviationValue returns the facet value an abbreviation names, or nil:
// the written form first ("fMRI"), then any form of the short one.
func (a *Assistant) abbreviationValue(ab abbreviationAsk) *corpus.FacetValue {
	forms := append([]string{strings.TrimSuffix(ab.written, "s")},
		abbreviationForms(ab.entry.Short)...)
	for _, f := range forms {
		for i := range a.vocab.Values {
			if v := &a.vocab.Values[i]; strings.EqualFold(v.Value, f) {
				return v
			}
		}
	}

	return nil
}

// facetOffer says in one line how many libraries have a facet value and
// how to list them.
func (a *Assistant) facetOffer(v *corpus.FacetValue) string {
	sel := retrieval.Selection{Include: map[corpus.FacetKind][]*corpus.FacetValue{
		v.Kind: {v}}}
	n := 0
	for i := range a.review.Libraries {
		if sel.Matches(&a.review.Libraries[i]) {
			n++
		}
	}

	what, have := describeSelection(sel), "have"
	if n == 1 {
		have = "has"
	}

	return fmt.Sprintf("**%d of %d** libraries in the review's tables %s %s; ask “Which "+
		"libraries have %s?” to list them.", n, len(a.review.Libraries), have, what, what)
}

// abbreviations cites the review's Abbreviations section.
func (s *sourceList) abbreviations() string {
	return s.cite("abbreviations", Source{
		Kind:    KindSection,
		Title:   "Review, Abbreviations",
		Section: "Abbreviations",
		URL:     ReviewPath + "#abbreviations",
	})
}
