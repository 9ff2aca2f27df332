package assistant

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/neuroguide/neuroguide/corpus"
)

// grounding is what a list, count or ranking answer states as fact: the
// records it lists, in order, and the count it gives. A model's wording of
// the answer must keep all of it.
type grounding struct {
	listed    []*corpus.Library
	counted   bool
	count, of int
}

// setCount records the answer's "count of of".
func (g *grounding) setCount(count, of int) {
	g.counted, g.count, g.of = true, count, of
}

// omissions is what a model's answer left out of its draft's facts.
type omissions struct {
	libs  []*corpus.Library
	count bool
}

// empty reports whether nothing was left out.
func (o omissions) empty() bool { return len(o.libs) == 0 && !o.count }

// omitted checks a model's answer against the draft's facts: every listed
// record named, and the count stated.
func omitted(d *draft, text string) omissions {
	var o omissions
	for _, l := range d.facts.listed {
		if !slices.ContainsFunc(l.Names(), func(n string) bool { return mentions(text, n) }) {
			o.libs = append(o.libs, l)
		}
	}

	o.count = d.facts.counted && !statesCount(text, d.facts.count)

	return o
}

// mentions reports whether text names name as a whole word, ignoring case.
func mentions(text, name string) bool {
	p := `(?i)(^|[^\pL\pN])` + regexp.QuoteMeta(name) + `($|[^\pL\pN])`
	return regexp.MustCompile(p).MatchString(text)
}

// numberWords spells the counts a model may write out.
var numberWords = strings.Fields(`zero one two three four five six seven eight nine ten eleven
	twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty`)

// citationMarkers matches the markers of sources, whose numbers are no counts.
var citationMarkers = regexp.MustCompile(`\[\d+(?:\s*,\s*\d+)*\]`)

// statesCount reports whether text gives the count n, in digits or in words;
// a citation marker such as [3] does not count.
func statesCount(text string, n int) bool {
	text = citationMarkers.ReplaceAllString(text, " ")
	if regexp.MustCompile(`(^|[^\pL\pN])` + strconv.Itoa(n) + `($|[^\pL\pN])`).MatchString(text) {
		return true
	}

	if n < len(numberWords) && mentions(text, numberWords[n]) {
		return true
	}

	return n == 0 && (mentions(text, "no library") || mentions(text, "none"))
}

// completion returns the text that restores what a model's answer left out:
// the offline lines of the records it omitted, and the draft's count.
func (a *Assistant) completion(d *draft, o omissions) string {
	var b strings.Builder
	b.WriteString("\n\n---\n\n*Added from the review's tables, which the answer above ")
	b.WriteString("left incomplete:*\n\n")
	if o.count {
		s := strings.TrimSuffix(countSentence(d), ":")
		fmt.Fprintf(&b, "%s.\n\n", strings.TrimSuffix(s, "."))
	}

	lines := strings.Split(d.text, "\n")
	for _, l := range o.libs {
		fmt.Fprintf(&b, "- %s\n", a.draftLine(d, lines, l))
	}

	return strings.TrimRight(b.String(), "\n")
}

// draftLine returns the draft's list line of a record, without its number,
// or the record's line composed anew.
func (a *Assistant) draftLine(d *draft, lines []string, l *corpus.Library) string {
	if marker := strings.TrimSpace(markerOf(d.sources, l)); marker != "" {
		for _, line := range lines {
			if strings.Contains(line, marker) && listPrefix.MatchString(line) {
				return listPrefix.ReplaceAllString(line, "")
			}
		}
	}

	return a.libraryLine(l, false, d.sources)
}

// Patterns of the names a model may present as libraries.
var (
	// nameToken is a word that looks like software: inner capitals or digits
	// ("DeepLabCut", "EEGNet", "3DUnet").
	nameToken = regexp.MustCompile(`\b[A-Za-z0-9][A-Za-z0-9+_-]*[A-Za-z0-9+]\b`)

	// citedName is a capitalised word right before a marker: "Brainstorm [3]".
	citedName = regexp.MustCompile(`\b([A-Z][A-Za-z0-9+_-]+)\s*\[\d`)

	// listedName is the bold name that starts a list item: "- **Name**".
	listedName = regexp.MustCompile(`(?m)^\s*(?:[-*]|\d+\.)\s+\*\*([^*\n]{2,60})\*\*`)
)

// softwareLike reports whether a word is spelled like a software name: inner
// capitals or digits.
func softwareLike(w string) bool {
	lowerThenUpper, letter, digit := false, false, false
	for i, r := range w {
		switch {
		case r >= 'A' && r <= 'Z':
			letter = true
			if i > 0 && strings.ContainsAny(w[:i], "abcdefghijklmnopqrstuvwxyz") {
				lowerThenUpper = true
			}
		case r >= 'a' && r <= 'z':
			letter = true
		case r >= '0' && r <= '9':
			digit = true
		}
	}

	return lowerThenUpper || (letter && digit) || acronymThenWord.MatchString(w)
}

// acronymThenWord is a word of capitals followed by a capitalised word
// ("EEGNet", "MRIcron"), but not a plural acronym ("CNNs", "GPUs").
var acronymThenWord = regexp.MustCompile(`[A-Z]{2,}[a-z]{2,}`)

// unknownLibraries returns the names a model's answer presents as software
// that the review does not contain: no term of theirs occurs in the review,
// nor in the question.
func (a *Assistant) unknownLibraries(question, text string) []string {
	var cands []string
	for _, w := range nameToken.FindAllString(text, -1) {
		if softwareLike(w) {
			cands = append(cands, w)
		}
	}

	for _, m := range citedName.FindAllStringSubmatch(text, -1) {
		cands = append(cands, m[1])
	}

	// A bold item start names a library when it is spelled like one; "Note"
	// and "Recommendation" are headings.
	for _, m := range listedName.FindAllStringSubmatch(text, -1) {
		if name := strings.TrimSpace(m[1]); softwareLike(name) {
			cands = append(cands, name)
		}
	}

	asked := map[string]bool{}
	for _, t := range corpus.Terms(question) {
		asked[t] = true
	}

	var out []string
	for _, c := range cands {
		if !a.knownName(c, asked) && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}

	return out
}

// knownName reports whether every term of a name occurs in the review or the
// question, or the name is part of a record's link ("GitHub", "Bitbucket").
func (a *Assistant) knownName(name string, asked map[string]bool) bool {
	low := strings.ToLower(name)
	if slices.ContainsFunc(a.review.Libraries, func(l corpus.Library) bool {
		return strings.Contains(strings.ToLower(l.SourceURL()), low)
	}) {
		return true
	}

	terms := corpus.Terms(name)
	for _, t := range terms {
		if !a.known[t] && !asked[t] {
			return false
		}
	}

	return true
}

// citedLibraries returns the records a set of markers cites, in marker order.
func citedLibraries(src *sourceList, cited []int) []string {
	var out []string
	for _, n := range cited {
		if n >= 1 && n <= len(src.items) && src.items[n-1].Kind == KindLibrary {
			out = appendUnique(out, src.items[n-1].Library)
		}
	}

	return out
}

// citedSources returns the sources a set of markers cites, in number order.
func citedSources(src *sourceList, cited []int) []Source {
	out := []Source{}
	for _, s := range src.items {
		if slices.Contains(cited, s.N) {
			out = append(out, s)
		}
	}

	return out
}
