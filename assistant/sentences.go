package assistant

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/neuroguide/neuroguide/corpus"
)

// abbreviations end with a full stop without ending a sentence.
var abbreviations = []string{"e.g.", "i.e.", "et al.", "vs.", "Fig.", "Ref.", "ref.", "No.",
	"approx.", "cf.", "Dr.", "St."}

// sentences splits a paragraph of the review into sentences. A bulleted list
// ("- item" lines) stays with the sentence that introduces it, so a quote of
// "the FAIR principles" keeps its four items.
//
// We write our own: the sentence splitters in Go libraries we know target
// general web text and break at "e.g." and at reference marks, which the
// review uses throughout.
func sentences(paragraph string) []string {
	lines := strings.Split(paragraph, "\n")
	var out []string
	for _, line := range lines {
		if strings.HasPrefix(line, "- ") && len(out) > 0 {
			out[len(out)-1] += "\n" + line
			continue
		}

		out = append(out, splitSentences(line)...)
	}

	return out
}

// splitSentences splits one line of prose at sentence ends.
func splitSentences(line string) []string {
	var out []string
	start := 0
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c != '.' && c != '?' && c != '!' {
			continue
		}

		if !sentenceEnd(line, i) {
			continue
		}

		out = append(out, strings.TrimSpace(line[start:i+1]))
		start = i + 1
	}

	if rest := strings.TrimSpace(line[start:]); rest != "" {
		out = append(out, rest)
	}

	return out
}

// sentenceEnd reports whether the stop at i ends a sentence: a space and a
// capital, digit or quote follow, and no abbreviation ends there.
func sentenceEnd(line string, i int) bool {
	if i+2 >= len(line) || line[i+1] != ' ' {
		return false
	}

	next := []rune(line[i+2:])[0]
	if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !strings.ContainsRune("“\"(", next) {
		return false
	}

	head := line[:i+1]
	for _, a := range abbreviations {
		if strings.HasSuffix(head, " "+a) || head == a {
			return false
		}
	}

	// An initial such as "F." in a name.
	return !(i >= 2 && line[i-2] == ' ' && unicode.IsUpper(rune(line[i-1])))
}

// refMark matches the review's own citations in its prose: "[46]", "[2,3]", "[46–55]".
var refMark = regexp.MustCompile(`\s?\[(\d+(?:\s?[,–-]\s?\d+)*)\]`)

// rewriteRefs writes the review's citations as "(ref. 46)", since "[n]" in an
// answer is reserved for the answer's own source markers.
func rewriteRefs(s string) string {
	return refMark.ReplaceAllStringFunc(s, func(m string) string {
		inner := refMark.FindStringSubmatch(m)[1]
		inner = strings.ReplaceAll(inner, ",", ", ")
		inner = strings.ReplaceAll(inner, ",  ", ", ")
		word := "ref."
		if strings.ContainsAny(inner, ",–-") {
			word = "refs."
		}

		return " (" + word + " " + inner + ")"
	})
}

// reviewSentence is one sentence of the review's prose, indexed for quoting.
type reviewSentence struct {
	text    string
	section *corpus.Section
	para    int // the paragraph's position in the review
	order   int // the sentence's position in the review
	terms   map[string]bool
	length  int
	names   []*corpus.Library // the records the sentence names
}

// sentenceIndex holds every sentence of the review's prose, with the rarity
// of each term among them.
type sentenceIndex struct {
	sents  []reviewSentence
	idf    map[string]float64
	avgLen float64

	// typical is the rarity of a typical word of the sentences.
	typical float64

	// family holds, for each word root, the review's terms that share it:
	// "technical" and "technically", "select" and "selection".
	family map[string][]string
}

// newSentenceIndex splits the review's sections into sentences and indexes them.
func newSentenceIndex(r *corpus.Review) *sentenceIndex {
	ix := &sentenceIndex{idf: map[string]float64{}}
	patterns := make([]*regexp.Regexp, len(r.Libraries))
	for i := range r.Libraries {
		patterns[i] = nameMentionPattern(&r.Libraries[i])
	}

	para, total := 0, 0
	for i := range r.Sections {
		sec := &r.Sections[i]
		for _, p := range sec.Paragraphs {
			for _, s := range sentences(p) {
				ix.add(reviewSentence{text: s, section: sec, para: para, order: len(ix.sents),
					names: namedIn(s, r, patterns)})
				total += ix.sents[len(ix.sents)-1].length
			}

			para++
		}
	}

	for t, n := range ix.idf {
		ix.idf[t] = math.Log(1 + float64(len(ix.sents))/n)
	}

	ix.typical = ix.typicalRarity()

	ix.avgLen = float64(total) / float64(max(1, len(ix.sents)))
	ix.family = map[string][]string{}
	for t := range ix.idf {
		if r := wordRoot(t); r != t || len(ix.family[r]) > 0 {
			ix.family[r] = append(ix.family[r], t)
		}
	}

	for r := range ix.family {
		slices.Sort(ix.family[r])
	}

	return ix
}

// typicalRarity returns the median rarity of the content words of the
// sentences, each word counted as often as it occurs: the rarity of a typical
// word of the review's prose.
func (ix *sentenceIndex) typicalRarity() float64 {
	var all []float64
	for i := range ix.sents {
		for _, t := range corpus.Terms(ix.sents[i].text) {
			if !isStopWord(t) {
				all = append(all, ix.idf[t])
			}
		}
	}

	if len(all) == 0 {
		return 0
	}

	slices.Sort(all)

	return all[len(all)/2]
}

// kin returns the review's terms of the same word family as t, t excluded.
func (ix *sentenceIndex) kin(t string) []string {
	var out []string
	for _, k := range ix.family[wordRoot(t)] {
		if k != t {
			out = append(out, k)
		}
	}

	if _, ok := ix.idf[wordRoot(t)]; ok && wordRoot(t) != t && !slices.Contains(out, wordRoot(t)) {
		out = append(out, wordRoot(t))
	}

	return out
}

// derivedEndings are the endings that make one word of a family from
// another, as stemmed terms spell them (the silent e already gone:
// "difference" is "differenc"); the first that fits is taken off, or
// replaced: "conclusion" and "inclusive" meet "conclude" and "include".
var derivedEndings = []struct{ from, to string }{
	{"clusion", "clud"}, {"clusiv", "clud"},
	{"ically", "ic"}, {"ical", "ic"}, {"ally", "al"}, {"ly", ""}, {"ness", ""}, {"ment", ""},
	{"ation", ""}, {"ition", ""}, {"ion", ""}, {"anc", ""}, {"enc", ""},
	{"ent", ""}, {"ant", ""}, {"ity", ""}, {"iv", ""}, {"ful", ""}, {"al", ""},
}

// minRootLen is the shortest root a derived ending leaves: "ion" is not
// taken off "lion", nor "al" off "signal" (which would meet "sign").
const minRootLen = 5

// wordRoot returns the root of a term's word family: "technically" and
// "technical" give "technic", "actively" and "active" give "activ",
// "successful" gives "success". It is a light derivational stemmer, used
// only to let a question's word meet its relatives in the review's prose.
func wordRoot(t string) string {
	for _, e := range derivedEndings {
		if strings.HasSuffix(t, e.from) && len(t)-len(e.from)+len(e.to) >= minRootLen {
			r := t[:len(t)-len(e.from)] + e.to
			if len(r) > minRootLen && strings.HasSuffix(r, "e") {
				r = r[:len(r)-1]
			}

			return r
		}
	}

	return t
}

// add indexes one sentence, counting its terms' sentence frequency in idf.
func (ix *sentenceIndex) add(s reviewSentence) {
	terms := corpus.Terms(s.text)
	s.terms = termsWithPairs(terms)
	s.length = len(terms)
	for t := range s.terms {
		ix.idf[t]++
	}

	ix.sents = append(ix.sents, s)
}

// termsWithPairs returns the set of terms with each pair of neighbours joined,
// so that "data sets" meets "datasets" and "open source" meets "opensource".
func termsWithPairs(terms []string) map[string]bool {
	set := make(map[string]bool, 2*len(terms))
	for i, t := range terms {
		set[t] = true
		if i > 0 {
			set[terms[i-1]+t] = true
		}
	}

	return set
}

// namedIn returns the records a sentence names. A plain search for the names
// comes first: the patterns, which check word boundaries, are slow.
func namedIn(s string, r *corpus.Review, patterns []*regexp.Regexp) []*corpus.Library {
	var out []*corpus.Library
	for i, p := range patterns {
		l := &r.Libraries[i]
		if slices.ContainsFunc(l.Names(), func(n string) bool { return strings.Contains(s, n) }) &&
			p.MatchString(s) && !citesAnother(s, l) {
			out = append(out, l)
		}
	}

	return out
}

// namedCitation matches a name followed by its own citation, past an
// optional parenthesis such as its link: "Brainstorm (https://...) [28]".
var namedCitation = regexp.MustCompile(`([\pL\pN][\pL\pN._-]*)\s*(?:\([^)]*\))?\s*\[(\d+)`)

// citesAnother reports whether every time a sentence names a library it
// cites, right after the name, a reference that is none of the record's:
// that is another work of the same name, such as the MATLAB suite Brainstorm
// (ref. 28) beside the augmentation library Brainstorm (ref. 63).
func citesAnother(s string, l *corpus.Library) bool {
	cited := false
	for _, m := range namedCitation.FindAllStringSubmatch(s, -1) {
		if !l.HasName(m[1]) {
			continue
		}

		n, _ := strconv.Atoi(m[2])
		if slices.ContainsFunc(l.Refs, func(r corpus.Ref) bool { return r.N == n }) {
			return false
		}

		cited = true
	}

	return cited
}
