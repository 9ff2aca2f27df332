package corpus

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func vocabulary(t *testing.T) *Vocabulary {
	t.Helper()
	v, err := LoadVocabulary()
	if err != nil {
		t.Fatalf("LoadVocabulary: %v", err)
	}

	return v
}

// TestVocabularyCoversEveryItem checks that every item of every facet field of
// the 74 records falls under at least one value of the vocabulary.
func TestVocabularyCoversEveryItem(t *testing.T) {
	r, v := review(t), vocabulary(t)
	for _, kind := range FacetKinds {
		for i := range r.Libraries {
			for _, item := range kind.Items(&r.Libraries[i]) {
				covered := slices.ContainsFunc(v.Values, func(fv FacetValue) bool {
					return fv.Kind == kind && fv.Covers(item)
				})
				if !covered {
					t.Errorf("%s item %q of %s: no vocabulary value", kind, item,
						r.Libraries[i].ID)
				}
			}
		}
	}
}

// TestVocabularyValuesMatch checks facet values against the records they
// must select, computed by reading the tables, not by the vocabulary.
func TestVocabularyValuesMatch(t *testing.T) {
	r, v := review(t), vocabulary(t)
	tests := []struct {
		kind  FacetKind
		value string
		want  []string
	}{
		{FacetTask, "Federated learning", []string{"COINSTAC", "Fed-BioMed", "FeTS", "OpenFL"}},
		{FacetTask, "Extraction", []string{"SynthStrip"}},
		{FacetArea, "BCI", []string{"DN3", "EEG-DL", "gumpy"}},
		{FacetInterface, "Web app", []string{"MEYE"}},
		{FacetArea, "Eye tracking and oculography",
			[]string{"DeepVOG", "MEYE", "Visual Fields Analysis"}},
		{FacetLanguage, "R", []string{"ANTsX"}},
		{FacetFramework, "Theano", []string{"gumpy", "PyCog"}},
		{FacetLanguage, "Julia", nil},
		{FacetPublication, "Without a publication", []string{"DeepEEG"}},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			fv, ok := v.Value(tt.kind, tt.value)
			if !ok {
				t.Fatalf("no value %s %q", tt.kind, tt.value)
			}

			var got []string
			for i := range r.Libraries {
				if fv.Matches(&r.Libraries[i]) {
					got = append(got, r.Libraries[i].Name)
				}
			}

			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s %q (-want +got):\n%s", tt.kind, tt.value, diff)
			}
		})
	}
}

func TestTerms(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"plurals", "Which libraries track body parts?", []string{"which", "library", "track",
			"body", "part"}},
		{"hyphens", "skull-stripping of 3-D images", []string{"skull", "strip", "of", "3",
			"d", "imag"}},
		{"symbols kept", "C++ or fast.ai, nnU-Net", []string{"c++", "or", "fast.ai", "nnu",
			"net"}},
		{"verb endings", "maintained, tracking, mapped", []string{"maintain", "track", "map"}},
		{"silent e", "customize, customized, evaluating, images, imaging", []string{"customiz",
			"customiz", "evaluat", "imag", "imag"}},
		{"ied", "queried, studies", []string{"query", "study"}},
		{"missing mark", `What does "(*)" mean?`, []string{"what", "doe", "*", "mean"}},
		{"acronym plurals", "GPUs and CNNs, corpus", []string{"gpu", "and", "cnn", "corpus"}},
		{"british spellings", "behaviours, behaviors, recognised, recognized, tumour, tumor",
			[]string{"behavior", "behavior", "recogniz", "recogniz", "tumor", "tumor"}},
		{"british spellings too", "centre, center, labelled, labeled, ischaemic, ischemic",
			[]string{"center", "center", "label", "label", "ischemic", "ischemic"}},
		{"short words kept", "hour, four, rise", []string{"hour", "four", "rise"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Terms(tt.in)); diff != "" {
				t.Errorf("Terms(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// TestFindUserWordings checks the vocabulary on wordings it does not list
// verbatim: inflections, filler words inside phrases, terms whose parts stand
// apart, and broad head nouns.
func TestFindUserWordings(t *testing.T) {
	v := vocabulary(t)
	tests := []struct {
		name, text string
		want       []string // kind=value, with "~" for a broad match
	}{
		{"inflection", "segmented and registered volumes", []string{"task=Segmentation",
			"task=Registration", "data_type=3D images"}},
		{"silent e", "the model can be customised", []string{"customization=Customizable"}},
		{"filler inside a phrase", "I want to strip my skull images",
			[]string{"task=Extraction", "~data_type=Images"}},
		{"parts apart", "increase the spatial resolution", []string{"task=Superresolution"}},
		{"parts in any order", "brain activity mapped from deep networks",
			[]string{"area=Brain mapping"}},
		{"longest phrase wins", "no longer maintained", []string{"maintenance=Inactive"}},
		{"broad head noun", "microscopy images", []string{"data_type=Microscopy",
			"~data_type=Images"}},
		{"user words", "several hospitals that cannot share patient data",
			[]string{"task=Federated learning"}},
		{"muscle signals", "muscle signals", []string{"data_type=EMG"}},
		{"name is not a term", "image", []string{"~data_type=Images"}},
		{"a phrase beats parts apart", "libraries that provide no dataset",
			[]string{"datasets=No datasets"}},
		{"parts apart beat a broad word", "those that come without any dataset",
			[]string{"~datasets=Provides datasets", "datasets=No datasets"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range v.Find(Terms(tt.text)) {
				s := string(m.Value.Kind) + "=" + m.Value.Value
				if m.Broad {
					s = "~" + s
				}

				if !slices.Contains(got, s) {
					got = append(got, s)
				}
			}

			if diff := cmp.Diff(tt.want, got, cmpopts.SortSlices(func(a, b string) bool {
				return a < b
			})); diff != "" {
				t.Errorf("Find(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestFindAbsent(t *testing.T) {
	v := vocabulary(t)
	tests := []struct {
		text string
		want []string
	}{
		{"What license does it use?", []string{"licenses"}},
		{"When is the release date?", []string{"versions or release dates"}},
		{"Which libraries had no releases in 2022?", nil},
		{"Does it run on Windows, and what GPU does it need?",
			[]string{"supported operating systems", "hardware requirements"}},
	}
	for _, tt := range tests {
		var got []string
		for _, m := range v.FindAbsent(Terms(tt.text)) {
			got = append(got, m.Field.Attribute)
		}

		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("FindAbsent(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestParseVocabularyRejectsBadValues(t *testing.T) {
	for _, data := range []string{
		`{"values": [{"kind": "colour", "value": "red"}]}`,
		`{"values": [{"kind": "task", "value": ""}]}`,
		`{"values": [`,
		`{"absent_fields": [{"words": ["license"]}]}`,
		`{"discourse_words": {"chitchat": ["hi"]}}`,
		`{"discourse_words": {"thanks": ["thank you"]}}`,
		`{"review_facts": [{"fact": "impact", "words": ["impact factor"]}]}`,
		`{"values": [{"kind": "task", "value": "Tag", "items": ["Tag"]},
			{"kind": "task", "value": "Tag", "items": ["Tag"]}]}`,
	} {
		if _, err := ParseVocabulary([]byte(data)); err == nil {
			t.Errorf("ParseVocabulary(%s) = nil error", data)
		}
	}
}

func TestDiscourseWords(t *testing.T) {
	v, err := LoadVocabulary()
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		word, class string
		generic     bool
	}{
		{"Hello", DiscourseGreeting, true},
		{"thanks", DiscourseThanks, true},
		{"please", DiscoursePoliteness, true},
		{"basically", DiscourseFiller, true},
		{"okay", DiscourseAck, true},
		{"library", "", true},
		{"EEG", "", false},
	}
	for _, tt := range tests {
		term := Terms(tt.word)[0]
		if got := v.DiscourseClass(term); got != tt.class {
			t.Errorf("DiscourseClass(%q) = %q, want %q", tt.word, got, tt.class)
		}

		if got := v.IsGeneric(term); got != tt.generic {
			t.Errorf("IsGeneric(%q) = %v, want %v", tt.word, got, tt.generic)
		}
	}
}

func TestFindReviewFacts(t *testing.T) {
	v, err := LoadVocabulary()
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		text string
		want []FactMatch
	}{
		{"Who wrote the review?", []FactMatch{{Start: 1, End: 2, Fact: FactAuthors}}},
		{"Which journal published it?", []FactMatch{{Start: 1, End: 2, Fact: FactPublished},
			{Start: 2, End: 3, Fact: FactPublished}}},
		{"When did it come out?", []FactMatch{{Start: 3, End: 5, Fact: FactPublished}}},
		{"What is the DOI?", []FactMatch{{Start: 3, End: 4, Fact: FactDOI}}},
		{"Is it under Creative Commons?", []FactMatch{{Start: 3, End: 5, Fact: FactLicense}}},
		{"Which EEG tools use PyTorch?", nil},
		{"Where do the authors work?", []FactMatch{{Start: 3, End: 5, Fact: FactAffiliations}}},
		{"Which university are they from?", []FactMatch{{Start: 1, End: 2,
			Fact: FactAffiliations}}},
		{"Who are the corresponding authors?", []FactMatch{{Start: 3, End: 5,
			Fact: FactCorrespondence}}},
		{"Who funded this work?", []FactMatch{{Start: 1, End: 2, Fact: FactFunding}}},
		{"Was it supported by a grant?", []FactMatch{{Start: 2, End: 4, Fact: FactFunding},
			{Start: 5, End: 6, Fact: FactFunding}}},
		{"Do the authors declare any conflict of interest?", []FactMatch{
			{Start: 2, End: 3, Fact: FactAuthors}, {Start: 5, End: 8, Fact: FactConflicts}}},
		{"Who did what?", []FactMatch{{Start: 0, End: 3, Fact: FactContributions}}},
		{"What was Atzori's role?", []FactMatch{{Start: 4, End: 5, Fact: FactContributions,
			WithAuthor: true}}},
		{"Is there a data availability statement?", []FactMatch{{Start: 3, End: 5,
			Fact: FactDataAvailability}}},
		{"Was there an IRB or informed consent?", []FactMatch{{Start: 3, End: 4,
			Fact: FactEthics}, {Start: 5, End: 7, Fact: FactConsent}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, v.FindReviewFacts(Terms(tt.text))); diff != "" {
			t.Errorf("FindReviewFacts(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

func TestFindBeyond(t *testing.T) {
	v := vocabulary(t)
	tests := []struct {
		text string
		want []BeyondMatch
	}{
		{"How much funding did they get in euros?", []BeyondMatch{
			{Start: 0, End: 2, Fact: FactFunding, Attribute: "funding amounts"},
			{Start: 7, End: 8, Fact: FactFunding, Attribute: "funding amounts"}}},
		{"Who funded the review?", nil},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, v.FindBeyond(Terms(tt.text))); diff != "" {
			t.Errorf("FindBeyond(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

// TestFactStatements checks that every fact the vocabulary gives to a
// back-matter statement names one the review has, and that every statement
// of the review is some fact's.
func TestFactStatements(t *testing.T) {
	r, v := review(t), vocabulary(t)
	named := map[string]bool{}
	for _, f := range v.ReviewFacts {
		if f.Statement == "" {
			continue
		}

		named[f.Statement] = true
		if _, ok := r.Statement(f.Statement); !ok {
			t.Errorf("fact %s: the review has no statement %q", f.Fact, f.Statement)
		}

		if got := v.FactStatement(f.Fact); got != f.Statement {
			t.Errorf("FactStatement(%s) = %q, want %q", f.Fact, got, f.Statement)
		}
	}

	for _, st := range r.Statements {
		if !named[st.Heading] {
			t.Errorf("statement %q is no fact's", st.Heading)
		}
	}

	if got := v.FactStatement(FactAuthors); got != "" {
		t.Errorf("FactStatement(authors) = %q, want none", got)
	}
}

func TestBadReviewFacts(t *testing.T) {
	for name, doc := range map[string]string{
		"unknown fact": `{"review_facts": [{"fact": "salary", "words": ["salary"]}]}`,
		"beyond with no subject": `{"review_facts": [{"fact": "funding", "words": ["fund"], ` +
			`"beyond": {"words": ["euro"]}}]}`,
	} {
		if _, err := ParseVocabulary([]byte(doc)); err == nil {
			t.Errorf("%s: parsed", name)
		}
	}
}
