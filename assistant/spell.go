package assistant

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/neuroguide/neuroguide/corpus"
)

// Lengths of the words the speller corrects: shorter words are too often
// other words one letter away ("pose" and "post"), and a word with a letter
// too many is more often another word than a word with one left out
// ("genres" is "genes" with an r).
const (
	minSpellLen       = 5
	minExtraLetterLen = 8
	minAskingLen      = 4 // the shortest misspelt asking word corrected
)

// speller corrects a misspelt word of the vocabulary in a question
// ("sgmentation", "pytorh", "librares"), so that its facet is found. It takes
// a word for a misspelling only when the word is none of the review's or the
// vocabulary's, and it is one letter more or one letter less than exactly one
// vocabulary word: a word two such words are near is left alone. Library
// names have their own typo search (see nameIndex). A dictionary library
// would correct against English, which is not what we need: the words worth
// correcting are the vocabulary's, and any other word must stay as written so
// that the scope check can tell the review does not use it.
type speller struct {
	words    map[string]bool   // the vocabulary's words, lower case
	deletion map[string]string // a word with one letter dropped → the word; "" when ambiguous
	asking   map[string]string // an asking word with one letter dropped → the word
}

// newSpeller indexes the words of the vocabulary's facet terms and generic
// words, and the asking words.
func newSpeller(v *corpus.Vocabulary) *speller {
	sp := &speller{words: map[string]bool{}, deletion: map[string]string{},
		asking: map[string]string{}}
	for _, val := range v.Values {
		for _, phrase := range append(append([]string{val.Value}, val.Terms...), val.Broad...) {
			sp.addPhrase(phrase)
		}
	}

	for _, w := range v.GenericWords {
		sp.addPhrase(w)
	}

	sp.addPhrase(askingWords)
	for _, w := range strings.Fields(askingWords) {
		for _, d := range deletions(w) {
			if len(d) >= minAskingLen {
				sp.asking[d] = w
			}
		}
	}

	return sp
}

// askingWords are the words that say what a question asks for, which a
// hurried question misspells too: "wich of these use theano?". Not "where",
// whose "were" and "here" are words.
const askingWords = "which what does library libraries tool tools toolbox toolboxes " +
	"package packages framework frameworks"

// addPhrase indexes the words of one phrase.
func (sp *speller) addPhrase(phrase string) {
	for _, w := range strings.FieldsFunc(strings.ToLower(phrase), notWordRune) {
		if len(w) < minSpellLen || sp.words[w] {
			continue
		}

		sp.words[w] = true
		for _, d := range deletions(w) {
			if prev, ok := sp.deletion[d]; ok && prev != w {
				sp.deletion[d] = ""
				continue
			}

			sp.deletion[d] = w
		}
	}
}

// notWordRune splits phrases into words of letters.
func notWordRune(r rune) bool { return !(r >= 'a' && r <= 'z') }

// correct returns the vocabulary word w misspells, or "".
func (sp *speller) correct(w string) string {
	if fix := sp.asking[w]; fix != "" && !sp.words[w] {
		return fix // "wich"
	}

	if len(w) < minSpellLen || sp.words[w] {
		return ""
	}

	if fix := sp.deletion[w]; fix != "" {
		return fix // a letter left out
	}

	if len(w) < minExtraLetterLen {
		return ""
	}

	found := ""
	for _, d := range deletions(w) {
		if sp.words[d] && d != found {
			if found != "" {
				return ""
			}

			found = d // a letter too many
		}
	}

	return found
}

// letterWord matches a word of lower-case ASCII letters.
var letterWord = regexp.MustCompile(`[A-Za-z]+`)

// accentedWord is a word with a letter outside ASCII.
var accentedWord = regexp.MustCompile(`\pL*[^\x00-\x7F]\pL*`)

// withoutMarks drops the accents of a word's letters: "PyTörch" is "PyTorch".
func withoutMarks(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(w) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}

	return b.String()
}

// gluedNumber is a word with a number glued to it: "Python3", "matlab2020".
var gluedNumber = regexp.MustCompile(`\b([A-Za-z]{3,})(\d+)\b`)

// respell drops the accents of a vocabulary word ("PyTörch"), parts one from
// a number glued to it ("Python3" is Python) and corrects the question's
// misspelt vocabulary words that no term of the review's domain accounts
// for, keeping every other word as written.
func (a *Assistant) respell(text string) string {
	if a.spell == nil {
		return text
	}

	text = accentedWord.ReplaceAllStringFunc(text, func(w string) string {
		plain := withoutMarks(w)
		if low := strings.ToLower(plain); a.spell.words[low] || a.spell.correct(low) != "" {
			return plain // "PyTörch"
		}

		return w
	})

	text = gluedNumber.ReplaceAllStringFunc(text, func(w string) string {
		m := gluedNumber.FindStringSubmatch(w)
		if !a.spell.words[strings.ToLower(m[1])] {
			return w
		}

		return m[1] + " " + m[2]
	})

	return letterWord.ReplaceAllStringFunc(text, func(w string) string {
		low := strings.ToLower(w)
		fix := a.spell.correct(low)
		if fix == "" || slices.ContainsFunc(corpus.Terms(low), a.isKnownAsWritten) {
			return w
		}

		return fix
	})
}
