package retrieval

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/neuroguide/neuroguide/corpus"
)

var (
	indexOnce sync.Once
	testIndex *Index
	testVocab *corpus.Vocabulary
	indexErr  error
)

// index builds the offline index of the real review once for all tests.
func index(t testing.TB) (*Index, *corpus.Vocabulary) {
	t.Helper()
	indexOnce.Do(func() {
		r, err := corpus.Parse()
		if err != nil {
			indexErr = err
			return
		}

		if testVocab, err = corpus.LoadVocabulary(); err != nil {
			indexErr = err
			return
		}

		testIndex, indexErr = New(context.Background(), r, Options{Vocabulary: testVocab})
	})
	if indexErr != nil {
		t.Fatalf("build index: %v", indexErr)
	}

	return testIndex, testVocab
}

func TestChunks(t *testing.T) {
	ix, _ := index(t)
	var passages, records int
	for _, c := range ix.Chunks() {
		switch c.Kind {
		case KindPassage:
			passages++
			if c.Section == nil || len([]rune(c.Text)) > DefaultChunkSize {
				t.Errorf("passage %s: section %v, %d runes", c.ID, c.Section, len(c.Text))
			}
		case KindRecord:
			records++
		}
	}

	if records != 74 || passages < 50 {
		t.Errorf("got %d records and %d passages, want 74 and at least 50", records, passages)
	}
}

func TestSearchFindsTheGroundingPassage(t *testing.T) {
	ix, _ := index(t)
	tests := []struct {
		name, query, section string
	}{
		{"fair principles", "What are the FAIR principles the review refers to?",
			"2.3. Neuroinformatics"},
		{"pubmed queries", "Which queries were used on PubMed?", "3. Materials and Methods"},
		{"search end", "When did the literature search end?", "3. Materials and Methods"},
		{"blueprints", "Which libraries are blueprints for newer applications?",
			"Future Directions"},
		{"gumpy", "What is gumpy's intended area of application?",
			"4.1. Libraries for Sequence Data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := ix.Search(context.Background(), Query{Text: tt.query, K: 3,
				Kind: KindPassage})
			if err != nil {
				t.Fatalf("Search: %v", err)
			}

			for _, h := range hits {
				if h.Chunk.SectionLabel() == tt.section {
					return
				}
			}

			t.Errorf("top 3 passages of %q are from %v, want one from %q", tt.query,
				labels(hits), tt.section)
		})
	}
}

func labels(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Chunk.SectionLabel())
	}

	return out
}

func TestSearchFindsTheRecord(t *testing.T) {
	ix, _ := index(t)
	tests := []struct {
		name, query, id string
	}{
		{"user words for the task", "tool for skull stripping brain scans", "image/synthstrip"},
		{"misspelt name", "deeplabcutt pose estimation", "image/deeplabcut"},
		{"repository name", "hypothalamus_seg", "image/hipotalamus-seg"},
		{"eyes", "pupil size measurement web app", "image/meye"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := ix.Search(context.Background(), Query{Text: tt.query, K: 3,
				Kind: KindRecord})
			if err != nil {
				t.Fatalf("Search: %v", err)
			}

			var ids []string
			for _, h := range hits {
				ids = append(ids, h.Chunk.Library.ID)
			}

			if !slices.Contains(ids, tt.id) {
				t.Errorf("top 3 records for %q = %v, want %s among them", tt.query, ids, tt.id)
			}
		})
	}
}

func TestSelectIsExhaustive(t *testing.T) {
	ix, v := index(t)
	value := func(kind corpus.FacetKind, name string) *corpus.FacetValue {
		fv, ok := v.Value(kind, name)
		if !ok {
			t.Fatalf("no value %s %q", kind, name)
		}

		return fv
	}

	tests := []struct {
		name string
		sel  Selection
		want []string
	}{
		{"EEG and PyTorch", Selection{Include: map[corpus.FacetKind][]*corpus.FacetValue{
			corpus.FacetDataType:  {value(corpus.FacetDataType, "EEG")},
			corpus.FacetFramework: {value(corpus.FacetFramework, "PyTorch")},
		}}, []string{"braindecode", "DN3", "ExBrainable"}},
		{"pose estimation", Selection{Include: map[corpus.FacetKind][]*corpus.FacetValue{
			corpus.FacetTask: {value(corpus.FacetTask, "Pose estimation")},
		}}, []string{"ALMA", "DANNCE", "DeepBehavior", "DeepBhvTracking", "DeepLabCut",
			"DeepLabStream", "DeepPoseKit", "LEAP, SLEAP", "MARS, BENTO", "SimBA",
			"Visual Fields Analysis"}},
		{"EEG but not PyTorch", Selection{Include: map[corpus.FacetKind][]*corpus.FacetValue{
			corpus.FacetDataType: {value(corpus.FacetDataType, "EEG")},
		}, Exclude: []*corpus.FacetValue{value(corpus.FacetFramework, "PyTorch")}},
			[]string{"DeepEEG", "EEG-DL", "gumpy"}},
		{"both a GUI and a CLI", Selection{All: []*corpus.FacetValue{
			value(corpus.FacetInterface, "GUI"), value(corpus.FacetInterface, "CLI"),
		}}, []string{"LEAP, SLEAP", "FeTS", "TorchIO"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, l := range ix.Select(tt.sel) {
				got = append(got, l.Name)
			}

			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Select (-want +got):\n%s", diff)
			}
		})
	}
}

func TestOfflineEmbedderIsDeterministic(t *testing.T) {
	ix, v := index(t)
	texts := []string{"pose estimation of mice", "EEG decoding with PyTorch"}
	other := NewOffline([]string{"a", "b"}, v)
	a, _ := ix.embedder.EmbedDocuments(context.Background(), texts)
	b, _ := ix.embedder.EmbedDocuments(context.Background(), texts)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two runs differ:\n%s", diff)
	}

	c, _ := other.EmbedQuery(context.Background(), texts[0])
	var norm float32
	for _, x := range c {
		norm += x * x
	}

	if norm < 0.999 || norm > 1.001 {
		t.Errorf("vector norm² = %v, want 1", norm)
	}
}

func BenchmarkNew(b *testing.B) {
	r, err := corpus.Parse()
	if err != nil {
		b.Fatal(err)
	}

	v, _ := corpus.LoadVocabulary()
	for b.Loop() {
		if _, err := New(context.Background(), r, Options{Vocabulary: v}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSearch(b *testing.B) {
	ix, _ := index(b)
	for b.Loop() {
		if _, err := ix.Search(context.Background(), Query{Text: "skull stripping tools"}); err != nil {
			b.Fatal(err)
		}
	}
}
