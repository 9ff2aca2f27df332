package eval

import (
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/neuroguide/neuroguide/assistant"
	"github.com/neuroguide/neuroguide/corpus"
)

// Score is how one answer fared.
type Score struct {
	ID   string `json:"id"`
	Kind Kind   `json:"kind"`

	// Pass reports whether the answer meets its kind's criterion.
	Pass bool `json:"pass"`

	// Recall and Precision of the cited libraries (facet questions).
	Recall    float64 `json:"recall,omitempty"`
	Precision float64 `json:"precision,omitempty"`

	// Section reports whether a prose answer cites the gold section, and
	// Facts the share of the gold's key facts it states.
	Section bool    `json:"section,omitempty"`
	Facts   float64 `json:"facts,omitempty"`

	// Missing lists what the answer lacks: gold libraries, values or facts.
	Missing []string `json:"missing,omitempty"`

	// Extra lists libraries cited beyond the gold (facet questions).
	Extra []string `json:"extra,omitempty"`
}

// Scorer scores answers; it knows the review's names to match gold library
// names against cited ones ("LEAP, SLEAP" is cited as either name).
type Scorer struct {
	review *corpus.Review
}

// NewScorer makes a Scorer over the review.
func NewScorer(r *corpus.Review) *Scorer { return &Scorer{review: r} }

// Score scores one answer.
func (s *Scorer) Score(c Case, res assistant.Result) (Score, error) {
	sc := Score{ID: c.ID, Kind: c.Kind}
	var err error
	switch c.Kind {
	case KindFacet:
		err = s.scoreFacet(c, res, &sc)
	case KindLookup, KindAggregate:
		err = s.scoreValue(c, res, &sc)
	case KindCompare:
		err = s.scoreCompare(c, res, &sc)
	case KindProse:
		err = s.scoreProse(c, res, &sc)
	case KindOutOfScope:
		sc.Pass = declines(res)
	}

	if err != nil {
		return Score{}, fmt.Errorf("%s: %w", c.ID, err)
	}

	return sc, nil
}

// records returns the ids of the records a name designates: the records that
// answer to it, or to one of the names it lists ("MARS, BENTO").
func (s *Scorer) records(name string) map[string]bool {
	out := map[string]bool{}
	candidates := append([]string{name}, rowNames(name)...)
	for i := range s.review.Libraries {
		l := &s.review.Libraries[i]
		for _, n := range candidates {
			if l.HasName(strings.TrimSpace(n)) {
				out[l.Name] = true
			}
		}
	}

	return out
}

// rowNames splits a table row's name into the names it lists: "MARS, BENTO"
// and "ANTsX (ANTsPyNet, ANTsRNet)" name each library of the row.
func rowNames(name string) []string {
	parts := strings.FieldsFunc(name, func(r rune) bool { return strings.ContainsRune(",()", r) })
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}

	return parts
}

// sameLibrary reports whether two names designate a common record.
func (s *Scorer) sameLibrary(a, b string) bool {
	ra := s.records(a)
	for n := range s.records(b) {
		if ra[n] {
			return true
		}
	}

	return false
}

// scoreFacet scores the cited libraries against the gold set.
func (s *Scorer) scoreFacet(c Case, res assistant.Result, sc *Score) error {
	var gold []string
	if err := json.Unmarshal(c.Gold, &gold); err != nil {
		return fmt.Errorf("facet gold: %w", err)
	}

	found := 0
	for _, g := range gold {
		if s.citedAny(g, res.Libraries) {
			found++
			continue
		}

		sc.Missing = append(sc.Missing, g)
	}

	right := 0
	for _, cited := range res.Libraries {
		if s.citedAny(cited, gold) {
			right++
			continue
		}

		sc.Extra = append(sc.Extra, cited)
	}

	sc.Recall, sc.Precision = ratio(found, len(gold)), ratio(right, len(res.Libraries))
	sc.Pass = sc.Recall == 1 && sc.Precision == 1

	return nil
}

// citedAny reports whether name designates the same library as one of names.
func (s *Scorer) citedAny(name string, names []string) bool {
	for _, n := range names {
		if s.sameLibrary(name, n) {
			return true
		}
	}

	return false
}

// ratio is n/d, and 1 when both are zero.
func ratio(n, d int) float64 {
	if d == 0 {
		if n == 0 {
			return 1
		}

		return 0
	}

	return float64(n) / float64(d)
}

// scoreValue checks that the gold value is stated in the answer.
func (s *Scorer) scoreValue(c Case, res assistant.Result, sc *Score) error {
	var gold any
	if err := json.Unmarshal(c.Gold, &gold); err != nil {
		return fmt.Errorf("value gold: %w", err)
	}

	sc.Missing = s.missingValues(gold, res.Answer)
	sc.Pass = len(sc.Missing) == 0

	return nil
}

// missingValues returns the parts of a gold value the answer does not state.
func (s *Scorer) missingValues(gold any, answer string) []string {
	var missing []string
	switch v := gold.(type) {
	case float64:
		if !statesNumber(answer, v) {
			missing = append(missing, strconv.FormatFloat(v, 'f', -1, 64))
		}
	case string:
		if missingMark(v) {
			return s.missingValues(nil, answer)
		}

		if !s.statesText(answer, v) {
			missing = append(missing, v)
		}
	case bool:
		if !statesText(answer, map[bool]string{true: "yes", false: "no"}[v]) {
			missing = append(missing, fmt.Sprint(v))
		}
	case []any:
		for _, item := range v {
			missing = append(missing, s.missingValues(item, answer)...)
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			missing = append(missing, s.missingValues(v[k], answer)...)
		}
	case nil:
		if !statesText(answer, "not given") {
			missing = append(missing, "not given")
		}
	}

	return missing
}

// missingMark reports whether a gold text is the tables' mark of a missing
// value, "(*)", or another way of writing that none is given.
func missingMark(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "(*)", "*", "n/a", "missing", "not given", "not reported":
		return true
	}

	return false
}

// sourceMarker matches the answer's own source markers, "[3]", which state no number.
var sourceMarker = regexp.MustCompile(`\[\d+\]`)

// statesNumber reports whether the answer writes the number as a whole
// number, outside its source markers.
func statesNumber(answer string, v float64) bool {
	num := strconv.FormatFloat(v, 'f', -1, 64)
	re := regexp.MustCompile(`(^|[^\d.,])` + regexp.QuoteMeta(num) + `($|[^\d]|[.,]\D|[.,]$)`)

	return re.MatchString(sourceMarker.ReplaceAllString(answer, ""))
}

// statesText reports whether the answer states a text value: a URL with or
// without its scheme, a library by any of its names, or each item of a
// comma-separated list, without case.
func (s *Scorer) statesText(answer, value string) bool {
	if names := s.records(value); len(names) > 0 {
		for i := range s.review.Libraries {
			l := &s.review.Libraries[i]
			if names[l.Name] && statesAnyName(answer, l) {
				return true
			}
		}
	}

	return statesText(answer, value)
}

// statesAnyName reports whether the answer names a library by one of its names.
func statesAnyName(answer string, l *corpus.Library) bool {
	for _, n := range l.Names() {
		if statesText(answer, n) {
			return true
		}
	}

	return false
}

// statesText reports whether the answer contains value, or each of its items.
func statesText(answer, value string) bool {
	low := strings.ToLower(answer)
	v := strings.ToLower(strings.TrimSpace(value))
	if _, rest, ok := strings.Cut(v, "://"); ok {
		v = strings.TrimSuffix(rest, "/")
	}

	if containsText(low, v) {
		return true
	}

	parts := strings.Split(v, ", ")
	if len(parts) < 2 {
		return false
	}

	for _, p := range parts {
		if !containsText(low, p) {
			return false
		}
	}

	return true
}

// shortValue is the longest value matched only as a whole word: "No" is not
// stated by "Notebooks", nor "R" by "PyTorch".
const shortValue = 4

// containsText reports whether text contains v, as a whole word when v is short.
func containsText(text, v string) bool {
	if len(v) > shortValue {
		return strings.Contains(text, v)
	}

	re := regexp.MustCompile(`(^|[^\pL\pN])` + regexp.QuoteMeta(v) + `($|[^\pL\pN])`)

	return re.MatchString(text)
}

// declines reports whether an answer says the review does not cover the
// question and cites no library.
func declines(res assistant.Result) bool {
	return len(res.Libraries) == 0 &&
		strings.Contains(strings.ToLower(res.Answer), "does not cover")
}
