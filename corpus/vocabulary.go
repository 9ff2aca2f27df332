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
)

// FacetKinds lists every facet, in the order answers describe them.
var FacetKinds = []FacetKind{
	FacetCategory, FacetTask, FacetDataType, FacetArea, FacetFramework, FacetLanguage,
	FacetInterface, FacetOnline, FacetMaintenance, FacetModel, FacetDatasets,
	FacetCustomization,
}

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

	// Terms are the words and phrases a user may say for the value.
	Terms []string `json:"terms"`
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
	// "DANCE"); a question names them only when it writes them as the tables do.
	CommonWordNames []string `json:"common_word_names"`

	// GenericWords carry no subject of their own in a question ("library", "which").
	GenericWords []string `json:"generic_words"`

	// RelatedWords are groups of words a question and the review's prose may
	// use for the same thing ("end" and "finished").
	RelatedWords [][]string `json:"related_words"`

	phrases []Phrase
	byFirst map[string][]Phrase
	generic map[string]bool
	related map[string][]string
}

// Phrase is one vocabulary term as a sequence of normalised terms, with the
// value it names.
type Phrase struct {
	Terms []string
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

	for i := range v.Values {
		val := &v.Values[i]
		if !slices.Contains(FacetKinds, val.Kind) || val.Value == "" {
			return nil, fmt.Errorf("vocabulary value %d: bad kind %q or empty value", i, val.Kind)
		}

		for _, term := range append([]string{val.Value}, val.Terms...) {
			if t := Terms(term); len(t) > 0 {
				v.phrases = append(v.phrases, Phrase{Terms: t, Value: val})
			}
		}
	}

	v.generic = map[string]bool{}
	for _, g := range v.GenericWords {
		for _, t := range Terms(g) {
			v.generic[t] = true
		}
	}

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

// IsGeneric reports whether a normalised term is a generic word.
func (v *Vocabulary) IsGeneric(term string) bool { return v.generic[term] }

// Related returns the terms related to a term, itself included, or nil.
func (v *Vocabulary) Related(term string) []string { return v.related[term] }

// IsCommonWordName reports whether a library name is also an ordinary word.
func (v *Vocabulary) IsCommonWordName(name string) bool {
	return slices.Contains(v.CommonWordNames, name)
}

// Match is a vocabulary phrase found in a sequence of terms.
type Match struct {
	Start, End int // the phrase is terms[Start:End]
	Value      *FacetValue
}

// Find returns the vocabulary phrases in terms (as made by Terms), scanning
// left to right and taking the longest phrase at each position, so that found
// phrases never overlap. A phrase that names several values (the same words in
// two kinds) yields one match per value.
func (v *Vocabulary) Find(terms []string) []Match {
	var out []Match
	for i := 0; i < len(terms); {
		n := 0
		for _, p := range v.byFirst[terms[i]] {
			if n > 0 && len(p.Terms) < n {
				break
			}

			if hasPrefix(terms[i:], p.Terms) {
				n = len(p.Terms)
				out = appendMatch(out, Match{Start: i, End: i + n, Value: p.Value})
			}
		}

		i += max(n, 1)
	}

	return out
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
