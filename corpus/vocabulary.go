package corpus

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
)

//go:embed vocabulary.json
var vocabularyJSON []byte

// FacetKind is a field of the records a question can filter on.
type FacetKind string

// The facets of a record.
const (
	FacetDataType      FacetKind = "data_type"
	FacetTask          FacetKind = "task"
	FacetArea          FacetKind = "area"
	FacetFramework     FacetKind = "framework"
	FacetLanguage      FacetKind = "language"
	FacetInterface     FacetKind = "interface"
	FacetOnline        FacetKind = "online"
	FacetMaintenance   FacetKind = "maintenance"
	FacetCategory      FacetKind = "category"
	FacetModel         FacetKind = "model"
	FacetDatasets      FacetKind = "datasets"
	FacetCustomization FacetKind = "customization"
	FacetPublication   FacetKind = "publication"
)

// FacetKinds lists every facet, in the order answers describe them.
var FacetKinds = []FacetKind{
	FacetCategory, FacetTask, FacetDataType, FacetArea, FacetFramework, FacetLanguage,
	FacetInterface, FacetOnline, FacetMaintenance, FacetModel, FacetDatasets,
	FacetCustomization, FacetPublication,
}

// The items of the publication facet: whether the domain table references a
// publication for the library.
const (
	ItemReferenced   = "Referenced"
	ItemUnreferenced = "Unreferenced"
)

// Items returns the table items of a record that a facet of this kind looks at.
func (k FacetKind) Items(l *Library) []string {
	switch k {
	case FacetDataType:
		return l.DataTypes
	case FacetTask:
		return l.Tasks
	case FacetArea:
		return l.Area
	case FacetFramework:
		return l.Frameworks
	case FacetLanguage:
		return l.Languages
	case FacetInterface:
		return l.Interfaces
	case FacetOnline:
		return []string{l.OnlineOffline}
	case FacetMaintenance:
		return []string{l.Maintenance}
	case FacetCategory:
		return []string{string(l.Category)}
	case FacetModel:
		return l.Models
	case FacetDatasets:
		return []string{l.Datasets}
	case FacetCustomization:
		return []string{l.Customization}
	case FacetPublication:
		if len(l.Refs) > 0 {
			return []string{ItemReferenced}
		}

		return []string{ItemUnreferenced}
	}

	return nil
}

// Describe names the facet in an answer: "task", "data type".
func (k FacetKind) Describe() string {
	switch k {
	case FacetDataType:
		return "data type"
	case FacetOnline:
		return "online/offline use"
	case FacetModel:
		return "model"
	case FacetPublication:
		return "reference publication"
	}

	return string(k)
}

// FacetValue is one value a question can ask for, with the table items it
// covers and the words users say for it.
type FacetValue struct {
	Kind  FacetKind `json:"kind"`
	Value string    `json:"value"`

	// Items are table items the value covers, compared without case.
	Items []string `json:"items"`

	// Contains are substrings of table items the value covers, without case.
	Contains []string `json:"contains"`

	// Terms are the words and phrases a user may say for the value. A term
	// written "a + b" names the value when the question holds both "a" and
	// "b", anywhere ("skull + strip" in "strip the skull off my scans").
	Terms []string `json:"terms"`

	// Broad are terms that name the value only loosely: a head noun such as
	// "images" or "brain scans" that a more specific word of the question
	// ("microscopy images", "register brain scans") makes incidental.
	Broad []string `json:"broad"`

	// NameNotTerm says that the value's name is not itself one of its terms:
	// the category "image" is named by "image library", not by "image".
	NameNotTerm bool `json:"name_not_term"`

	// Everyday says that the value is a word of any field ("video",
	// "classification", "PyTorch", "GUI"): naming it does not alone show
	// that a question is about neuroscience, as "EEG" or "pose estimation" do.
	Everyday bool `json:"everyday"`

	// ThingForms are written forms of a one-word term that, after a word of
	// ownership or computing, name a thing rather than the value: "our
	// cluster" is a computer cluster, not clustering.
	ThingForms []string `json:"thing_forms"`
}

// Covers reports whether a table item falls under the value.
func (v *FacetValue) Covers(item string) bool {
	low := strings.ToLower(item)
	for _, it := range v.Items {
		if strings.ToLower(it) == low {
			return true
		}
	}

	for _, c := range v.Contains {
		if strings.Contains(low, c) {
			return true
		}
	}

	return false
}

// Matches reports whether a record has an item the value covers.
func (v *FacetValue) Matches(l *Library) bool {
	return slices.ContainsFunc(v.Kind.Items(l), v.Covers)
}

// Vocabulary is the domain vocabulary: the facet values, and the words that
// name them, kept as reviewed data in vocabulary.json.
type Vocabulary struct {
	Values []FacetValue `json:"values"`

	// CommonWordNames are library names that are also ordinary words ("Neuron",
	// "DANCE"); a question names them only when it writes them as a name.
	CommonWordNames []string `json:"common_word_names"`

	// GenericWords carry no subject of their own in a question ("library", "which").
	GenericWords []string `json:"generic_words"`

	// DiscourseWords are the words of conversation rather than of a subject,
	// by class (see DiscourseClasses): greetings ("hi"), thanks, farewells,
	// apologies, politeness ("please"), acknowledgements ("ok"), the names a
	// user addresses me by, and filler ("um", "basically", "actually"). Like
	// generic words they carry no subject of their own; a question made of
	// nothing else is small talk.
	DiscourseWords map[string][]string `json:"discourse_words"`

	// FillerWords are skipped inside phrases, so that "strip the skull" meets
	// "strip my skull" and "increase resolution" meets "increase the resolution".
	FillerWords []string `json:"filler_words"`

	// DomainWords are words of neuroscience, medicine and the laboratory that a
	// user may say and the review does not ("patient", "rodent", "forearm"):
	// they keep a question in the review's domain.
	DomainWords []string `json:"domain_words"`

	// AbsentFields are attributes of a library that the review does not give
	// (licenses, release dates), with the words that ask for them: a question
	// about them is not answered from a record.
	AbsentFields []AbsentField `json:"absent_fields"`

	// ReviewFacts are the facts of the review itself that a question may ask
	// for (its authors, title, journal and dates, DOI, license, how to cite
	// it), with the words that ask for them.
	ReviewFacts []ReviewFact `json:"review_facts"`

	// QuantityWords say how many without naming a number ("several",
	// "multiple", "numerous"); in a phrase they all meet one another:
	// "numerous hospitals" is "several hospitals". Numbers are not among
	// them: "two-photon" and "three-dimensional" name things.
	QuantityWords []string `json:"quantity_words"`

	// RelatedWords are groups of words a question and the review's prose may
	// use for the same thing ("end" and "finished").
	RelatedWords [][]string `json:"related_words"`

	phrases []Phrase
	conj    []Phrase
	byFirst map[string][]Phrase
	generic map[string]bool
	talk    map[string]string // discourse term to its class
	filler  map[string]bool
	domain  map[string]bool
	amount  map[string]bool
	absent  []absentPhrase
	facts   []factPhrase
	beyond  []beyondPhrase
	related map[string][]string
}

// Phrase is one vocabulary term as a sequence of normalised terms, with the
// value it names. A conjunctive term has Parts instead, each a sequence of
// terms that must occur somewhere in the question.
type Phrase struct {
	Terms []string
	Parts [][]string
	Broad bool
	Value *FacetValue
}

// LoadVocabulary parses the vocabulary embedded in the binary.
func LoadVocabulary() (*Vocabulary, error) {
	return ParseVocabulary(vocabularyJSON)
}

// ParseVocabulary parses a vocabulary in the format of vocabulary.json.
func ParseVocabulary(data []byte) (*Vocabulary, error) {
	var v Vocabulary
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("parse vocabulary: %w", err)
	}

	v.generic = termSet(v.GenericWords)
	if err := v.indexDiscourse(); err != nil {
		return nil, err
	}

	v.filler = termSet(v.FillerWords)
	v.domain = termSet(v.DomainWords)
	v.amount = termSet(v.QuantityWords)
	for i := range v.AbsentFields {
		f := &v.AbsentFields[i]
		if f.Attribute == "" {
			return nil, fmt.Errorf("absent field %d: no attribute", i)
		}

		for _, w := range f.Words {
			if t := Terms(w); len(t) > 0 {
				v.absent = append(v.absent, absentPhrase{terms: t, field: f})
			}
		}
	}
	if err := v.indexFacts(); err != nil {
		return nil, err
	}

	seen := map[string]bool{}
	for i := range v.Values {
		key := string(v.Values[i].Kind) + "=" + v.Values[i].Value
		if seen[key] {
			return nil, fmt.Errorf("facet value %s given twice", key)
		}

		seen[key] = true
		if err := v.addValue(i); err != nil {
			return nil, err
		}
	}

	v.relate()

	// Longest phrases first, so that "no longer maintained" is found before
	// "maintained" and "muscle signal" before "signal".
	sort.SliceStable(v.phrases, func(i, j int) bool {
		return len(v.phrases[i].Terms) > len(v.phrases[j].Terms)
	})

	v.byFirst = map[string][]Phrase{}
	for _, p := range v.phrases {
		v.byFirst[p.Terms[0]] = append(v.byFirst[p.Terms[0]], p)
	}

	return &v, nil
}

// The classes of discourse words.
const (
	DiscourseGreeting   = "greeting"
	DiscourseThanks     = "thanks"
	DiscourseFarewell   = "farewell"
	DiscourseApology    = "apology"
	DiscoursePoliteness = "politeness"
	DiscourseAck        = "acknowledgement"
	DiscourseAddress    = "address"
	DiscourseFiller     = "filler"
)

// DiscourseClasses lists the classes a discourse word may have.
var DiscourseClasses = []string{DiscourseGreeting, DiscourseThanks, DiscourseFarewell,
	DiscourseApology, DiscoursePoliteness, DiscourseAck, DiscourseAddress, DiscourseFiller}

// indexDiscourse checks the classes of the discourse words and indexes their
// terms; a word must be one term, so that "thank you" does not make "you" one.
func (v *Vocabulary) indexDiscourse() error {
	v.talk = map[string]string{}
	for class, words := range v.DiscourseWords {
		if !slices.Contains(DiscourseClasses, class) {
			return fmt.Errorf("discourse words: unknown class %q", class)
		}

		for _, w := range words {
			t := Terms(w)
			if len(t) != 1 {
				return fmt.Errorf("discourse word %q: not one word", w)
			}

			v.talk[t[0]] = class
		}
	}

	return nil
}

// addValue checks the i-th value and adds its phrases.
func (v *Vocabulary) addValue(i int) error {
	val := &v.Values[i]
	if !slices.Contains(FacetKinds, val.Kind) || val.Value == "" {
		return fmt.Errorf("vocabulary value %d: bad kind %q or empty value", i, val.Kind)
	}

	terms := val.Terms
	if !val.NameNotTerm && !slices.ContainsFunc(val.Broad, func(b string) bool {
		return slices.Equal(Terms(b), Terms(val.Value))
	}) {
		terms = append([]string{val.Value}, terms...)
	}

	for _, term := range terms {
		v.addPhrase(term, false, val)
	}

	for _, term := range val.Broad {
		v.addPhrase(term, true, val)
	}

	return nil
}

// addPhrase adds one term of a value, as a phrase or a conjunctive term.
func (v *Vocabulary) addPhrase(term string, broad bool, val *FacetValue) {
	if !strings.Contains(term, " + ") {
		if t := v.content(Terms(term)); len(t) > 0 {
			v.phrases = append(v.phrases, Phrase{Terms: t, Broad: broad, Value: val})
		}

		return
	}

	var parts [][]string
	for _, part := range strings.Split(term, " + ") {
		if t := v.content(Terms(part)); len(t) > 0 {
			parts = append(parts, t)
		}
	}

	v.conj = append(v.conj, Phrase{Parts: parts, Broad: broad, Value: val})
}

// content drops the filler words of a phrase, unless nothing else is left,
// and writes its quantity words alike.
func (v *Vocabulary) content(terms []string) []string {
	out := slices.DeleteFunc(slices.Clone(terms), func(t string) bool { return v.filler[t] })
	if len(out) == 0 {
		out = slices.Clone(terms)
	}

	for i, t := range out {
		out[i] = v.quantity(t)
	}

	return out
}

// anyQuantity is how every quantity word is written inside a phrase.
const anyQuantity = "#quantity"

// quantity returns anyQuantity for a quantity word, else the term.
func (v *Vocabulary) quantity(t string) string {
	if v.amount[t] {
		return anyQuantity
	}

	return t
}

// termSet returns the set of terms of words.
func termSet(words []string) map[string]bool {
	set := map[string]bool{}
	for _, w := range words {
		for _, t := range Terms(w) {
			set[t] = true
		}
	}

	return set
}

// relate indexes the groups of related words.
func (v *Vocabulary) relate() {
	v.related = map[string][]string{}
	for _, group := range v.RelatedWords {
		var terms []string
		for _, w := range group {
			if t := Terms(w); len(t) == 1 {
				terms = append(terms, t[0])
			}
		}

		for _, t := range terms {
			v.related[t] = append(v.related[t], terms...)
		}
	}
}

// Phrases returns every term of the vocabulary, longest first.
func (v *Vocabulary) Phrases() []Phrase { return v.phrases }

// Value returns the value of the given kind and name.
func (v *Vocabulary) Value(kind FacetKind, name string) (*FacetValue, bool) {
	for i := range v.Values {
		if v.Values[i].Kind == kind && strings.EqualFold(v.Values[i].Value, name) {
			return &v.Values[i], true
		}
	}

	return nil, false
}

// IsGeneric reports whether a normalised term is a generic word or a
// discourse word: a word with no subject of its own.
func (v *Vocabulary) IsGeneric(term string) bool { return v.generic[term] || v.talk[term] != "" }

// DiscourseClass returns the class of a discourse word's term ("greeting",
// "thanks"), or "" for any other term.
func (v *Vocabulary) DiscourseClass(term string) string { return v.talk[term] }

// IsFiller reports whether a normalised term is a filler word.
func (v *Vocabulary) IsFiller(term string) bool { return v.filler[term] }

// IsDomainWord reports whether a normalised term is a word of the review's domain.
func (v *Vocabulary) IsDomainWord(term string) bool { return v.domain[term] }

// AbsentField is an attribute of a library that the review's tables do not
// give, with the words a question may ask for it by.
type AbsentField struct {
	// Attribute names what the tables do not give, as an answer says it:
	// "licenses", "installation steps".
	Attribute string `json:"attribute"`

	// Words are the words and phrases that ask for it.
	Words []string `json:"words"`

	// Instead, when set, says what the review gives that comes nearest:
	// "each library's source, where its code and instructions are".
	Instead string `json:"instead"`

	// AnsweredBy, when set, is the usage count whose condition answers the
	// question instead: "maintained by one person, i.e. a single
	// contributor" asks for a count of contributors.
	AnsweredBy UsageCount `json:"answered_by"`
}

// absentPhrase is one word of an absent field, as terms.
type absentPhrase struct {
	terms []string
	field *AbsentField
}

// AbsentMatch is where a question names an attribute the review does not
// give: terms[Start:End].
type AbsentMatch struct {
	Start, End int
	Field      *AbsentField
}

// FindAbsent returns where terms name an attribute the review does not give,
// the longest phrase at each position.
func (v *Vocabulary) FindAbsent(terms []string) []AbsentMatch {
	var out []AbsentMatch
	for i := range terms {
		var best AbsentMatch
		for _, p := range v.absent {
			if hasPrefix(terms[i:], p.terms) && i+len(p.terms) > best.End {
				best = AbsentMatch{Start: i, End: i + len(p.terms), Field: p.field}
			}
		}

		if best.Field != nil {
			out = append(out, best)
		}
	}

	return out
}

// The facts of the review itself: its citation facts, as the corpus
// constants and the front matter give them, and the statements of its back
// matter.
const (
	FactAuthors          = "authors"
	FactAffiliations     = "affiliations"   // the authors' numbered affiliations
	FactCorrespondence   = "correspondence" // the authors to whom correspondence is addressed
	FactContributions    = "contributions"  // who did what: the Author Contributions statement
	FactTitle            = "title"
	FactPublished        = "published" // the journal, special issue and dates
	FactDOI              = "doi"
	FactLicense          = "license"
	FactFunding          = "funding"
	FactConflicts        = "conflicts"
	FactEthics           = "ethics" // the institutional review board
	FactConsent          = "consent"
	FactDataAvailability = "data_availability"
	FactCitation         = "citation" // the whole reference, to cite the review by
)

// ReviewFactKinds lists the facts of the review, in the order answers give them.
var ReviewFactKinds = []string{FactTitle, FactAuthors, FactAffiliations, FactCorrespondence,
	FactContributions, FactPublished, FactDOI, FactLicense, FactFunding, FactConflicts,
	FactEthics, FactConsent, FactDataAvailability, FactCitation}

// ReviewFact is a fact of the review itself with the words that ask for it.
type ReviewFact struct {
	Fact  string   `json:"fact"`
	Words []string `json:"words"`

	// AuthorWords ask for the fact only in a question that names one of the
	// review's authors: "role" in "what was Atzori's role?", not in "what
	// role does the review give to GPUs?".
	AuthorWords []string `json:"author_words,omitempty"`

	// Statement is the heading of the back-matter statement that states the
	// fact ("Funding"); empty for the facts of the front matter and the citation.
	Statement string `json:"statement,omitempty"`

	// Beyond, when set, is what a question may ask of the fact that the
	// review does not state: the amounts of its funding.
	Beyond *FactBeyond `json:"beyond,omitempty"`
}

// FactBeyond is what the review does not state of one of its facts, with
// the words that ask for it beside the fact's own: "how much" or "euros"
// with "funding".
type FactBeyond struct {
	// Attribute names it as an answer says it: "funding amounts".
	Attribute string   `json:"attribute"`
	Words     []string `json:"words"`
}

// FactStatement returns the heading of the back-matter statement that states
// a fact, or "" when the fact is not a statement's.
func (v *Vocabulary) FactStatement(fact string) string {
	for _, f := range v.ReviewFacts {
		if f.Fact == fact {
			return f.Statement
		}
	}

	return ""
}

// factPhrase is one word of a review fact, as terms.
type factPhrase struct {
	terms      []string
	fact       string
	withAuthor bool
}

// indexFacts checks the review facts and indexes their words.
func (v *Vocabulary) indexFacts() error {
	for _, f := range v.ReviewFacts {
		if !slices.Contains(ReviewFactKinds, f.Fact) {
			return fmt.Errorf("review facts: unknown fact %q", f.Fact)
		}

		v.addFactWords(f.Fact, f.Words, false)
		v.addFactWords(f.Fact, f.AuthorWords, true)
		if err := v.addBeyond(f); err != nil {
			return err
		}
	}

	return nil
}

// addFactWords indexes the words of a fact.
func (v *Vocabulary) addFactWords(fact string, words []string, withAuthor bool) {
	for _, w := range words {
		if t := Terms(w); len(t) > 0 {
			v.facts = append(v.facts, factPhrase{terms: t, fact: fact, withAuthor: withAuthor})
		}
	}
}

// addBeyond indexes the words that ask what the review does not state of a fact.
func (v *Vocabulary) addBeyond(f ReviewFact) error {
	if f.Beyond == nil {
		return nil
	}

	if f.Beyond.Attribute == "" {
		return fmt.Errorf("review fact %q: beyond names no attribute", f.Fact)
	}

	for _, w := range f.Beyond.Words {
		if t := Terms(w); len(t) > 0 {
			v.beyond = append(v.beyond, beyondPhrase{terms: t, fact: f.Fact,
				attribute: f.Beyond.Attribute})
		}
	}

	return nil
}

// beyondPhrase is one word that asks what the review does not state of a fact.
type beyondPhrase struct {
	terms           []string
	fact, attribute string
}

// BeyondMatch is where a question asks what the review does not state of
// a fact: terms[Start:End].
type BeyondMatch struct {
	Start, End      int
	Fact, Attribute string
}

// FindBeyond returns where terms ask what the review does not state of one
// of its facts, the longest phrase at each position, without overlaps.
func (v *Vocabulary) FindBeyond(terms []string) []BeyondMatch {
	var out []BeyondMatch
	for _, h := range longestPhrases(terms, v.beyond, func(p beyondPhrase) []string {
		return p.terms
	}) {
		out = append(out, BeyondMatch{Start: h.start, End: h.end, Fact: h.phrase.fact,
			Attribute: h.phrase.attribute})
	}

	return out
}

// FactMatch is where a question asks for a fact of the review: terms[Start:End].
type FactMatch struct {
	Start, End int
	Fact       string

	// WithAuthor reports that the words ask for the fact only in a question
	// that names one of the review's authors.
	WithAuthor bool
}

// FindReviewFacts returns where terms ask for a fact of the review itself,
// the longest phrase at each position, without overlaps.
func (v *Vocabulary) FindReviewFacts(terms []string) []FactMatch {
	var out []FactMatch
	for _, h := range longestPhrases(terms, v.facts, func(p factPhrase) []string {
		return p.terms
	}) {
		out = append(out, FactMatch{Start: h.start, End: h.end, Fact: h.phrase.fact,
			WithAuthor: h.phrase.withAuthor})
	}

	return out
}

// phraseHit is a phrase found at terms[start:end].
type phraseHit[P any] struct {
	start, end int
	phrase     P
}

// longestPhrases scans terms left to right and takes the longest phrase
// at each position, so that the phrases found never overlap.
func longestPhrases[P any](terms []string, phrases []P, termsOf func(P) []string) []phraseHit[P] {
	var out []phraseHit[P]
	for i := 0; i < len(terms); {
		best := phraseHit[P]{start: i, end: i}
		for _, p := range phrases {
			if t := termsOf(p); hasPrefix(terms[i:], t) && i+len(t) > best.end {
				best = phraseHit[P]{start: i, end: i + len(t), phrase: p}
			}
		}

		if best.end == i {
			i++
			continue
		}

		out = append(out, best)
		i = best.end
	}

	return out
}

// Related returns the terms related to a term, itself included, or nil.
func (v *Vocabulary) Related(term string) []string { return v.related[term] }

// IsCommonWordName reports whether a library name is also an ordinary word.
func (v *Vocabulary) IsCommonWordName(name string) bool {
	return slices.Contains(v.CommonWordNames, name)
}

// Match is a vocabulary phrase found in a sequence of terms.
type Match struct {
	Start, End int // the phrase is terms[Start:End], filler words included
	Value      *FacetValue

	// Broad reports that the phrase names the value only loosely.
	Broad bool

	// Extra are the further spans of a conjunctive term, [start, end).
	Extra [][2]int
}

// Find returns the vocabulary phrases in terms (as made by Terms), scanning
// left to right and taking the longest phrase at each position, so that found
// phrases never overlap; filler words are skipped. A phrase that names several
// values (the same words in two kinds) yields one match per value. Conjunctive
// terms follow, each where its first part occurs.
func (v *Vocabulary) Find(terms []string) []Match {
	var pos []int // positions of the content terms
	var content []string
	for i, t := range terms {
		if !v.filler[t] {
			pos = append(pos, i)
			content = append(content, v.quantity(t))
		}
	}

	var out []Match
	for i := 0; i < len(content); {
		n := 0
		for _, p := range v.byFirst[content[i]] {
			if n > 0 && len(p.Terms) < n {
				break
			}

			if hasPrefix(content[i:], p.Terms) {
				n = len(p.Terms)
				m := Match{Start: pos[i], End: pos[i+n-1] + 1, Value: p.Value, Broad: p.Broad}
				out = appendMatch(out, m)
			}
		}

		i += max(n, 1)
	}

	for _, c := range v.findConjunctive(content, pos) {
		if !overlapsKind(out, c) {
			out = append(out, c)
		}
	}

	return out
}

// overlapsKind reports whether a conjunctive match shares a term with a
// phrase of several terms of its kind, which is the closer reading: "no dataset" in
// "provide no dataset" rather than "provide + dataset".
func overlapsKind(phrases []Match, c Match) bool {
	spans := append([][2]int{{c.Start, c.End}}, c.Extra...)

	return slices.ContainsFunc(phrases, func(p Match) bool {
		return !p.Broad && p.End-p.Start > 1 && p.Value.Kind == c.Value.Kind && p.Value != c.Value &&
			slices.ContainsFunc(spans, func(s [2]int) bool { return s[0] < p.End && p.Start < s[1] })
	})
}

// findConjunctive returns the conjunctive terms all of whose parts occur.
func (v *Vocabulary) findConjunctive(content []string, pos []int) []Match {
	var out []Match
	for _, p := range v.conj {
		spans, ok := partSpans(content, pos, p.Parts)
		if !ok {
			continue
		}

		m := Match{Start: spans[0][0], End: spans[0][1], Value: p.Value, Broad: p.Broad,
			Extra: spans[1:]}
		out = appendMatch(out, m)
	}

	return out
}

// partSpans returns where each part first occurs in content, as spans of the
// original terms, and whether all do.
func partSpans(content []string, pos []int, parts [][]string) ([][2]int, bool) {
	spans := make([][2]int, 0, len(parts))
	for _, part := range parts {
		at := -1
		for i := range content {
			if hasPrefix(content[i:], part) {
				at = i
				break
			}
		}

		if at < 0 {
			return nil, false
		}

		spans = append(spans, [2]int{pos[at], pos[at+len(part)-1] + 1})
	}

	return spans, true
}

// appendMatch adds m unless the same value was already found at the same place.
func appendMatch(ms []Match, m Match) []Match {
	for _, o := range ms {
		if o.Start == m.Start && o.Value == m.Value {
			return ms
		}
	}

	return append(ms, m)
}

// hasPrefix reports whether terms starts with prefix.
func hasPrefix(terms, prefix []string) bool {
	if len(prefix) > len(terms) {
		return false
	}

	for i, p := range prefix {
		if terms[i] != p {
			return false
		}
	}

	return true
}
