package corpus

import (
	"strings"
	"unicode"
)

// Terms splits text into normalised search terms: lower-case words with their
// plural and verb endings stemmed, hyphens and slashes treated as spaces, and
// "+", "#" and inner dots kept ("c++", "fast.ai"); the tables' "(*)" mark of
// missing data is the term "*". The same function serves the
// index, the lexical ranking and the vocabulary, so a term written in a question
// meets the same term written in the review.
//
// We write our own rather than use a stemming library: the review's vocabulary
// is technical (EEG, nnU-Net, 2,3-D CNN) and a light, predictable stemmer that
// only folds inflections keeps those tokens intact, where a Porter stemmer
// would mangle them.
func Terms(text string) []string {
	fields := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("+#.*", r))
	})

	out := make([]string, 0, len(fields))
	for _, f := range fields {
		f = strings.Trim(f, ".")
		if f == "" {
			continue
		}

		out = append(out, Stem(f))
	}

	return out
}

// Stem folds the inflections of an English word: plurals ("libraries" to
// "library", "tools" to "tool"), possessives, "-ing"/"-ed" endings of longer
// words, and a silent final e, so that "customize", "customized" and
// "customizing" meet as "customiz". British spellings meet American ones
// ("behaviour" and "behavior", "customise" and "customize", "labelled" and
// "labeled"). Words with digits or symbols are kept as they are.
func Stem(w string) string {
	if strings.ContainsAny(w, "0123456789+#.*") || len(w) <= 3 {
		return w
	}

	return dropSilentE(singleL(inflection(american(strings.TrimSuffix(w, "'s")))))
}

// britishEndings map British word endings to American ones, longest first
// within each family. Both the review and a question pass through them, so a
// word that merely ends alike ("contour") is changed on both sides and still
// meets itself.
var britishEndings = []struct{ from, to string }{
	{"isations", "izations"}, {"isation", "ization"},
	{"ising", "izing"}, {"ised", "ized"}, {"ises", "izes"}, {"ise", "ize"},
	{"ysing", "yzing"}, {"ysed", "yzed"}, {"yse", "yze"},
	{"ourite", "orite"}, {"ouring", "oring"}, {"oured", "ored"}, {"ourable", "orable"},
	{"ourals", "orals"}, {"oural", "oral"}, {"ours", "ors"}, {"our", "or"},
	{"tres", "ters"}, {"tre", "ter"}, {"bres", "bers"}, {"bre", "ber"},
	{"ogues", "ogs"}, {"ogue", "og"},
}

// minBritishLen is the shortest word whose ending is read as British:
// "hour", "four" and "rise" are not.
const minBritishLen = 6

// american rewrites a British spelling in the American way: "-ise" as
// "-ize", "-our" as "-or", "-tre" as "-ter", "-ogue" as "-og", and "ae"
// inside a word as "e" ("haemorrhage", "ischaemic").
func american(w string) string {
	if len(w) < minBritishLen {
		return w
	}

	for _, e := range britishEndings {
		if strings.HasSuffix(w, e.from) {
			w = w[:len(w)-len(e.from)] + e.to
			break
		}
	}

	if i := strings.Index(w[1:], "ae"); i >= 0 && i+3 < len(w) {
		w = w[:i+1] + w[i+2:]
	}

	return w
}

// singleL drops the second l of "-ell" left by a removed ending in a longer
// word: British "labelled" and "modelling" meet "labeled" and "modeling".
func singleL(w string) string {
	if len(w) >= 6 && strings.HasSuffix(w, "ell") {
		return w[:len(w)-1]
	}

	return w
}

// inflection removes a plural or verb ending.
func inflection(w string) string {
	switch {
	case (strings.HasSuffix(w, "ies") || strings.HasSuffix(w, "ied")) && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "us") && len(w) <= 6:
		// "corpus", "focus", but "GPUs" is the plural of an acronym.
		if len(w) == 4 {
			return w[:3]
		}

		return w
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	case strings.HasSuffix(w, "ing") && len(w) > 6:
		return undouble(w[:len(w)-3])
	case strings.HasSuffix(w, "ed") && len(w) > 5:
		return undouble(w[:len(w)-2])
	}

	return w
}

// dropSilentE removes the final e of a longer word ("evaluate", "image"),
// which its inflected forms lose ("evaluating", "imaging").
func dropSilentE(w string) string {
	if len(w) > 4 && strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "ee") {
		return w[:len(w)-1]
	}

	return w
}

// undouble drops a doubled final consonant left by a removed ending
// ("mapped" to "map"), and restores a silent e after a stem ending in a
// consonant cluster that English spells with one ("segmented" stays "segment").
func undouble(w string) string {
	n := len(w)
	if n >= 2 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouls", rune(w[n-1])) {
		return w[:n-1]
	}

	return w
}
