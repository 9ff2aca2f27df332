package assistant

import (
	"slices"
	"strings"

	"github.com/neuroguide/neuroguide/corpus"
)

// stems returns the stemmed terms of words, so that cue lists are written as
// plain English and compared with a question's terms.
func stems(words string) []string {
	var out []string
	for _, w := range strings.Fields(words) {
		out = append(out, corpus.Stem(strings.ToLower(w)))
	}

	return out
}

// stem stems one word.
func stem(w string) string { return corpus.Stem(w) }

// Cue words of intents, as stemmed terms.
var (
	countCues = stems("many number count")
	rankMost  = stems("most more highest higher largest larger biggest bigger top greatest " +
		"popular")
	rankLeast   = stems("least lowest fewest smallest")
	compareCues = stems("compare comparison compared comparing differ differs difference " +
		"differences distinction distinctions distinguish distinguishes versus vs vs. " +
		"between better side")
	// choiceCues ask to choose among named libraries ("X or Y for mice?").
	choiceCues  = stems("or each both either choose pick prefer should")
	similarCues = stems("similar alternative alternatives instead replace replacement")

	// negators make the facet after them an exclusion ("not PyTorch", "without a GUI",
	// "ignore the inactive ones").
	negators = stems("not no without except excluding exclude non avoid t never cannot nor " +
		"ignore ignoring skip skipping drop dropping omit omitting")
	negatorPairs = [][2]string{{"other", "than"}, {stem("leave"), "out"},
		{stem("leaving"), "out"}, {stem("rule"), "out"}, {stem("filter"), "out"},
		{stem("weed"), "out"}}

	// contrastPairs set a facet beside the one asked for, neither asked for
	// nor excluded: "super-resolution rather than segmentation" also takes a
	// library that does both; "besides EEG I also have EMG".
	contrastPairs = [][2]string{{"rather", "than"}, {"instead", "of"}, {"apart", "from"}}
	contrastWords = stems("besides")

	// notNegating follow "not" without negating: "not only the weights".
	notNegating = stems("only just merely necessarily")

	// scopeBreaks end the reach of a negation: "not PyTorch but TensorFlow".
	scopeBreaks = stems("and or but which that who where while whereas yet so")

	// orWords join alternatives of one facet kind: "EEG or MEG".
	orWords = stems("or either")

	// whyWhen open questions about the review's reasons and dates.
	whyWhen = stems("why when")

	// definitionCues ask what the review means by something.
	definitionCues = stems("mean means meaning define defined definition defines criteria " +
		"criterion considered distinguish distinguishes distinction qualify qualifies qualified " +
		"difference differences")

	// libraryWords ask for libraries rather than for an idea: "what is a tool for ...".
	libraryWords = stems("library libraries lib libs tool tools toolbox toolboxes toolkit " +
		"toolkits package packages framework frameworks software option options project projects " +
		"anything something one ones")

	// summaryCues ask what the review finds of the libraries as a whole:
	// "what do most of the sequence libraries process?".
	summaryCues = stems("majority typical typically usually mostly generally overall trend " +
		"trends often frequently primarily common commonly tend tends")

	// reviewVerbs ask what the review itself says: "which tools does the review
	// mention", "single out", "recommend".
	reviewVerbs = stems("say says said mention mentions mentioned according describe " +
		"describes discuss discusses highlight highlights single recommend recommends " +
		"recommended blueprint blueprints name names named cite cites suggest suggests " +
		"expect expects expected believe believes anticipate anticipates foresee")
)

// likeVerbSubjects, before "like", make it the verb: "I like", "I'd like",
// "would like", "we really like", "don't like".
var likeVerbSubjects = stems("i d we you they would really also just do don didn t")

// likeIsVerb reports whether the "like" at terms[i] is the verb ("I'd like
// to know about braindecode") rather than the preposition of a likeness
// ("libraries like braindecode").
func likeIsVerb(terms []string, i int) bool {
	return i > 0 && slices.Contains(likeVerbSubjects, terms[i-1]) ||
		i+1 < len(terms) && terms[i+1] == "to"
}

// asksSimilar reports whether terms ask for libraries like another: "similar
// to", "alternatives to", "instead of", or "like" as a preposition.
func asksSimilar(terms []string) bool {
	for i, t := range terms {
		if slices.Contains(similarCues, t) || t == stem("like") && !likeIsVerb(terms, i) {
			return true
		}
	}

	return false
}

// hasPair reports whether terms hold a and then b, next to each other.
func hasPair(terms []string, a, b string) bool {
	for i := 0; i+1 < len(terms); i++ {
		if terms[i] == a && terms[i+1] == b {
			return true
		}
	}

	return false
}
