package assistant

import (
	"strings"
	"unicode"

	"github.com/neuroguide/neuroguide/corpus"
)

// nameIndex finds library names in a question, including misspelt ones
// ("deeplabcut", "nnUnet", "Brain storm").
type nameIndex struct {
	forms  []nameForm
	vocab  *corpus.Vocabulary
	known  map[string]bool // every term of the review, to tell words from typos
	maxLen int             // the most words a name has
}

// nameForm is one way of writing a record's name.
type nameForm struct {
	raw    string // as the tables write it
	norm   string // lower-case letters and digits only
	stem   string // norm stemmed, for misspellings that stem as it does
	common bool   // an ordinary word too: matched only as written
	libs   []*corpus.Library
}

// word is one word of a question, keeping its original spelling.
type word struct {
	raw   string
	norm  string
	index int // position in the question
}

// Edit distances a misspelt name may have, by its length.
const (
	typoMinLen1 = 6 // one edit from this length
	typoMinLen2 = 9 // two edits from this length
)

// newNameIndex indexes the names and aliases of every record.
func newNameIndex(r *corpus.Review, vocab *corpus.Vocabulary, known map[string]bool) *nameIndex {
	ix := &nameIndex{vocab: vocab, known: known}
	byNorm := map[string]int{}
	for i := range r.Libraries {
		l := &r.Libraries[i]
		for _, n := range l.Names() {
			ix.add(byNorm, n, l)
		}
	}

	return ix
}

// add records one spelling of a record's name.
func (ix *nameIndex) add(byNorm map[string]int, name string, l *corpus.Library) {
	norm := normalize(name)
	if norm == "" {
		return
	}

	if i, ok := byNorm[norm]; ok {
		f := &ix.forms[i]
		if f.libs[len(f.libs)-1] != l {
			f.libs = append(f.libs, l)
		}

		return
	}

	byNorm[norm] = len(ix.forms)
	ix.forms = append(ix.forms, nameForm{raw: name, norm: norm, stem: corpus.Stem(norm),
		common: ix.vocab.IsCommonWordName(name), libs: []*corpus.Library{l}})
	ix.maxLen = max(ix.maxLen, len(strings.Fields(name)))
}

// nameMention is a record name found in a question.
type nameMention struct {
	start, end int // the name is words[start:end]
	form       *nameForm
}

// find returns the names mentioned in words, longest first at each position,
// without overlaps.
func (ix *nameIndex) find(words []word) []nameMention {
	var out []nameMention
	for i := 0; i < len(words); {
		m, ok := ix.longestAt(words, i)
		if !ok {
			i++
			continue
		}

		out = append(out, m)
		i = m.end
	}

	return out
}

// longestAt returns the longest name starting at word i.
func (ix *nameIndex) longestAt(words []word, i int) (nameMention, bool) {
	for n := min(ix.maxLen+1, len(words)-i); n >= 1; n-- {
		span := words[i : i+n]
		if f := ix.match(span); f != nil {
			return nameMention{start: i, end: i + n, form: f}, true
		}
	}

	return nameMention{}, false
}

// match returns the name form a span of words spells, exactly or with a typo.
func (ix *nameIndex) match(span []word) *nameForm {
	_, norm := joinSpan(span)
	if len(norm) < 2 {
		return nil
	}

	for i := range ix.forms {
		f := &ix.forms[i]
		if f.norm == norm && (!f.common || writtenAsName(span, f.raw)) && ix.mayJoin(span, f) {
			return f
		}
	}

	if f := ix.sameStem(norm); f != nil {
		return f
	}

	if !ix.mayBeTypo(span, norm) {
		return nil
	}

	return ix.nearest(norm)
}

// mayJoin reports whether a span of several words may spell a one-word name:
// "Brain storm" may spell Brainstorm and "fetal code" fetal-code, but "deep
// EEG" is two words of the review, not DeepEEG.
func (ix *nameIndex) mayJoin(span []word, f *nameForm) bool {
	if len(span) == 1 || strings.Contains(f.raw, " ") || splitsAsName(span, f.raw) {
		return true
	}

	for _, w := range span {
		if !ix.known[corpus.Stem(w.norm)] {
			return true
		}
	}

	return false
}

// splitsAsName reports whether the span's words are the parts of a name cut
// at its hyphens, underscores and dots: "fetal code", "EEG DL".
func splitsAsName(span []word, name string) bool {
	parts := strings.FieldsFunc(name, func(r rune) bool { return strings.ContainsRune("-_.", r) })
	if len(parts) != len(span) {
		return false
	}

	for i, p := range parts {
		if normalize(p) != span[i].norm {
			return false
		}
	}

	return true
}

// writtenAsName reports whether a span writes a name that is also an ordinary
// word as a name: with the tables' letters and case ("CASCADE", "Brain storm"),
// all in capitals, or capitalised after the question's first word ("does
// Cascade ...").
func writtenAsName(span []word, name string) bool {
	raw, _ := joinSpan(span)
	if sameLetters(raw, name) {
		return true
	}

	letters := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return r
		}

		return -1
	}, raw)
	if len(letters) >= 3 && letters == strings.ToUpper(letters) {
		return true
	}

	first := []rune(letters)
	return len(first) > 0 && unicode.IsUpper(first[0]) && span[0].index > 0
}

// mayBeTypo reports whether a span could be a misspelt name: a word the
// review does not use, not a vocabulary word, and long enough to tell.
func (ix *nameIndex) mayBeTypo(span []word, norm string) bool {
	if len(norm) < typoMinLen1 {
		return false
	}

	for _, w := range span {
		t := corpus.Stem(strings.ToLower(w.norm))
		if ix.known[t] || ix.vocab.IsGeneric(t) {
			return false
		}
	}

	return true
}

// sameStem returns the name form that a misspelling stems like: "braindecod"
// loses only the silent e of braindecode, and so stems as the review's own
// word does, which no typo search would take for a misspelling. Names that
// are also common words, and short ones, are not taken this way.
func (ix *nameIndex) sameStem(norm string) *nameForm {
	if len(norm) < typoMinLen1 {
		return nil
	}

	st := corpus.Stem(norm)
	for i := range ix.forms {
		f := &ix.forms[i]
		if !f.common && len(f.norm) >= typoMinLen1 && f.stem == st {
			return f
		}
	}

	return nil
}

// nearest returns the name form within the allowed edit distance of norm,
// the closest one, or nil.
func (ix *nameIndex) nearest(norm string) *nameForm {
	var best *nameForm
	bestDist := 3
	for i := range ix.forms {
		f := &ix.forms[i]
		if f.common || len(f.norm) < typoMinLen1 {
			continue
		}

		allowed := 1
		if len(f.norm) >= typoMinLen2 {
			allowed = 2
		}

		if d := editDistance(norm, f.norm); d <= allowed && d < bestDist {
			best, bestDist = f, d
		}
	}

	return best
}

// joinSpan joins a span's words as written (without spaces) and normalised.
func joinSpan(span []word) (raw, norm string) {
	var r, n strings.Builder
	for _, w := range span {
		r.WriteString(w.raw)
		n.WriteString(w.norm)
	}

	return r.String(), n.String()
}

// sameLetters reports whether raw spells name with the same letters and case,
// ignoring spaces and punctuation: "Brain storm" spells "Brainstorm".
func sameLetters(raw, name string) bool {
	keep := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}

			return -1
		}, s)
	}

	return keep(raw) == keep(name)
}

// splitWords splits a question into words as written, keeping the hyphens,
// underscores and dots inside a name ("nnU-Net", "hipotalamus_seg").
func splitWords(text string) []word {
	fields := strings.FieldsFunc(text, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_.+", r))
	})

	out := make([]word, 0, len(fields))
	for _, f := range fields {
		f = strings.Trim(f, "-_.")
		if n := normalize(f); n != "" {
			out = append(out, word{raw: f, norm: n, index: len(out)})
		}
	}

	return out
}

// normalize keeps the lower-case letters and digits of s.
func normalize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}

	return b.String()
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}

	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}

			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}

		prev, cur = cur, prev
	}

	return prev[len(rb)]
}
