package eval

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/neuroguide/neuroguide/corpus"
)

// questionsFile is the project's own question set.
const questionsFile = "testdata/questions.jsonl"

// minQuestions is the least number of questions the project's set holds.
const minQuestions = 150

// facetsNote finds the facet values a question exercises, written at the end
// of its notes: "Facets: task=Pose estimation; not framework=TensorFlow;
// data_type=PET | data_type=CT." Every part must hold; "|" joins alternatives.
var facetsNote = regexp.MustCompile(`Facets: ([^.]+)\.`)

// tag is one part of a question's facets: values one of which a record must
// have, or a value it must not have.
type tag struct {
	values  []*corpus.FacetValue
	exclude bool
}

// caseTags parses the facet values named in a case's notes.
func caseTags(c Case, v *corpus.Vocabulary) ([]tag, error) {
	m := facetsNote.FindStringSubmatch(c.Notes)
	if m == nil {
		return nil, nil
	}

	var out []tag
	for _, part := range strings.Split(m[1], ";") {
		part = strings.TrimSpace(part)
		alts, exclude := strings.CutPrefix(part, "not ")
		tg := tag{exclude: exclude}
		for _, name := range strings.Split(alts, "|") {
			fv, err := tagValue(strings.TrimSpace(name), v)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", c.ID, err)
			}

			tg.values = append(tg.values, fv)
		}

		out = append(out, tg)
	}

	return out, nil
}

// tagValue returns the vocabulary value a "kind=value" names.
func tagValue(name string, v *corpus.Vocabulary) (*corpus.FacetValue, error) {
	kind, value, ok := strings.Cut(name, "=")
	if !ok {
		return nil, fmt.Errorf("facet %q is not kind=value", name)
	}

	fv, ok := v.Value(corpus.FacetKind(kind), value)
	if !ok {
		return nil, fmt.Errorf("no vocabulary value %s", name)
	}

	return fv, nil
}

// matchesTags reports whether a record has one value of every part and no
// excluded value.
func matchesTags(l *corpus.Library, tags []tag) bool {
	for _, t := range tags {
		has := slices.ContainsFunc(t.values, func(v *corpus.FacetValue) bool {
			return v.Matches(l)
		})
		if has == t.exclude {
			return false
		}
	}

	return true
}

// questionSet is the project's set with what the tests need to check it.
type questionSet struct {
	cases  []Case
	tags   map[string][]tag
	review *corpus.Review
	vocab  *corpus.Vocabulary
}

func loadQuestionSet(t *testing.T) *questionSet {
	t.Helper()
	cases, err := ReadFile(questionsFile)
	if err != nil {
		t.Fatal(err)
	}

	r, err := corpus.Parse()
	if err != nil {
		t.Fatal(err)
	}

	v, err := corpus.LoadVocabulary()
	if err != nil {
		t.Fatal(err)
	}

	qs := &questionSet{cases: cases, tags: map[string][]tag{}, review: r, vocab: v}
	for _, c := range cases {
		tags, err := caseTags(c, v)
		if err != nil {
			t.Fatal(err)
		}

		qs.tags[c.ID] = tags
	}

	return qs
}

// selected returns the records matching the tags, in the review's order.
func (qs *questionSet) selected(tags []tag) []*corpus.Library {
	var out []*corpus.Library
	for i := range qs.review.Libraries {
		if l := &qs.review.Libraries[i]; matchesTags(l, tags) {
			out = append(out, l)
		}
	}

	return out
}

func TestQuestionSetSize(t *testing.T) {
	qs := loadQuestionSet(t)
	if len(qs.cases) < minQuestions {
		t.Errorf("%d questions, want at least %d", len(qs.cases), minQuestions)
	}

	ids := map[string]bool{}
	kinds := map[Kind]int{}
	for _, c := range qs.cases {
		if ids[c.ID] {
			t.Errorf("id %s used twice", c.ID)
		}

		ids[c.ID] = true
		kinds[c.Kind]++
	}

	for _, k := range Kinds {
		if kinds[k] == 0 {
			t.Errorf("no question of kind %s", k)
		}
	}
}

// TestQuestionSetCoversEveryFacetValue checks that every vocabulary value
// occurring in the records is exercised by at least one question.
func TestQuestionSetCoversEveryFacetValue(t *testing.T) {
	qs := loadQuestionSet(t)
	covered := map[*corpus.FacetValue]bool{}
	for _, tags := range qs.tags {
		for _, tg := range tags {
			for _, v := range tg.values {
				covered[v] = true
			}
		}
	}

	for i := range qs.vocab.Values {
		fv := &qs.vocab.Values[i]
		if len(qs.selected([]tag{{values: []*corpus.FacetValue{fv}}})) > 0 && !covered[fv] {
			t.Errorf("no question covers %s=%s", fv.Kind, fv.Value)
		}
	}
}

// TestQuestionSetCoversEveryRecord checks that every record is the answer to,
// or the subject of, at least one question.
func TestQuestionSetCoversEveryRecord(t *testing.T) {
	qs := loadQuestionSet(t)
	covered := map[string]bool{}
	for _, c := range qs.cases {
		for _, l := range qs.caseRecords(t, c) {
			covered[l.ID] = true
		}
	}

	for _, l := range qs.review.Libraries {
		if !covered[l.ID] {
			t.Errorf("no question covers record %s", l.ID)
		}
	}
}

// caseRecords returns the records a case is about: those its gold names
// (within its facet values, for names with two records) and those its
// question names.
func (qs *questionSet) caseRecords(t *testing.T, c Case) []*corpus.Library {
	var names []string
	switch c.Kind {
	case KindFacet:
		if err := json.Unmarshal(c.Gold, &names); err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
	case KindAggregate:
		var name string
		if json.Unmarshal(c.Gold, &name) == nil {
			names = append(names, name)
		}
	}

	var out []*corpus.Library
	for _, l := range qs.selected(qs.tags[c.ID]) {
		if slices.ContainsFunc(names, l.HasName) {
			out = append(out, l)
		}
	}

	for i := range qs.review.Libraries {
		if l := &qs.review.Libraries[i]; namesRecord(c.Question, l) {
			out = append(out, l)
		}
	}

	return out
}

// namesRecord reports whether a question names a record as the tables spell it.
func namesRecord(question string, l *corpus.Library) bool {
	for _, n := range l.Names() {
		re := regexp.MustCompile(`(?i)(^|\W)` + regexp.QuoteMeta(n) + `($|\W)`)
		if re.MatchString(question) {
			return true
		}
	}

	return false
}

// TestQuestionSetGoldsAgreeWithFacets checks each gold against the records
// its facet values select, so that a gold and its notes cannot drift apart:
// a facet gold is exactly the selection, a count its size, a superlative one
// of it, and a lookup's library has every value.
func TestQuestionSetGoldsAgreeWithFacets(t *testing.T) {
	qs := loadQuestionSet(t)
	for _, c := range qs.cases {
		tags := qs.tags[c.ID]
		if len(tags) == 0 {
			continue
		}

		t.Run(c.ID, func(t *testing.T) { qs.checkGold(t, c, tags) })
	}
}

// checkGold checks one case's gold against the records its tags select.
func (qs *questionSet) checkGold(t *testing.T, c Case, tags []tag) {
	sel := qs.selected(tags)
	var gold any
	if err := json.Unmarshal(c.Gold, &gold); err != nil {
		t.Fatal(err)
	}

	switch g := gold.(type) {
	case []any:
		got := []string{} // a gold of no library is an empty list, not a missing one
		for _, l := range sel {
			if !slices.Contains(got, l.Name) {
				got = append(got, l.Name)
			}
		}

		want := make([]string, len(g))
		for i, n := range g {
			want[i] = fmt.Sprint(n)
		}

		if diff := cmp.Diff(want, got, sortStrings); diff != "" {
			t.Errorf("gold differs from the selection of its facets (-gold +selection):\n%s", diff)
		}
	case float64:
		if int(g) != len(sel) {
			t.Errorf("gold count %v, the facets select %d records", g, len(sel))
		}
	case string:
		qs.checkNamed(t, c, g, sel)
	}
}

// checkNamed checks that a superlative's gold, or a lookup's library, is selected.
func (qs *questionSet) checkNamed(t *testing.T, c Case, gold string, sel []*corpus.Library) {
	ok := slices.ContainsFunc(sel, func(l *corpus.Library) bool {
		if c.Kind == KindAggregate {
			return l.HasName(gold)
		}

		return namesRecord(c.Question, l) || strings.Contains(c.Notes, "Record "+l.ID+",")
	})
	if !ok {
		t.Errorf("the library of %q is not among the records its facets select", c.Question)
	}
}

// sortStrings compares string lists without regard to order or case.
var sortStrings = cmp.Transformer("sort", func(in []string) []string {
	out := slices.Clone(in)
	slices.SortFunc(out, func(a, b string) int {
		return strings.Compare(strings.ToLower(a), strings.ToLower(b))
	})

	return out
})
