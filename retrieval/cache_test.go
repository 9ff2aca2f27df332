package retrieval

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/neuroguide/neuroguide/corpus"
)

// countingEmbedder embeds like Offline and counts the texts it embeds.
type countingEmbedder struct {
	mu    sync.Mutex
	inner *Offline
	texts int
	dim   int // when set, vectors are cut to this length
	fail  error
}

func (e *countingEmbedder) EmbedDocuments(ctx context.Context, texts []string) ([][]float32,
	error) {
	e.mu.Lock()
	defer e.mu.Unlock()

	if e.fail != nil {
		return nil, e.fail
	}

	e.texts += len(texts)
	vecs, err := e.inner.EmbedDocuments(ctx, texts)
	for i := range vecs {
		if e.dim > 0 {
			vecs[i] = vecs[i][:e.dim]
		}
	}

	return vecs, err
}

func (e *countingEmbedder) EmbedQuery(ctx context.Context, text string) ([]float32, error) {
	if e.fail != nil {
		return nil, e.fail
	}

	return e.inner.EmbedQuery(ctx, text)
}

func (e *countingEmbedder) embedded() int {
	e.mu.Lock()
	defer e.mu.Unlock()

	return e.texts
}

func TestCachedEmbedder(t *testing.T) {
	texts := []string{"pose estimation from video", "EEG decoding", "spike sorting"}
	tests := []struct {
		name string
		// prepare changes the cache file between the first run and the second.
		prepare   func(t *testing.T, path string)
		model     string // the second run's model
		dim       int    // the second run's vector length
		wantTexts int    // texts the second run embeds
	}{
		{name: "restart reuses", model: "m", wantTexts: 0},
		{name: "damaged file rebuilt", model: "m", wantTexts: 3,
			prepare: func(t *testing.T, path string) { writeFile(t, path, "not gob") }},
		{name: "truncated file rebuilt", model: "m", wantTexts: 3,
			prepare: func(t *testing.T, path string) { truncate(t, path) }},
		{name: "other model rebuilt", model: "other", wantTexts: 3},
		{name: "new vector length rebuilt", model: "m", dim: 100, wantTexts: 3,
			prepare: func(t *testing.T, path string) {}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "cache", "embeddings.gob")
			first := &countingEmbedder{inner: NewOffline(texts, nil)}
			want := embedAll(t, NewCached(first, CacheOptions{Path: path, Model: "m"}), texts)
			if first.embedded() != 3 {
				t.Fatalf("first run embedded %d texts, want 3", first.embedded())
			}

			if tt.prepare != nil {
				tt.prepare(t, path)
			}

			// The second run adds a text the first did not see.
			second := &countingEmbedder{inner: NewOffline(texts, nil), dim: tt.dim}
			got := embedAll(t, NewCached(second, CacheOptions{Path: path, Model: tt.model}),
				append(texts, "calcium imaging"))
			if n := second.embedded(); n != tt.wantTexts+1 {
				t.Errorf("second run embedded %d texts, want %d", n, tt.wantTexts+1)
			}

			if tt.dim == 0 {
				if diff := cmp.Diff(want, got[:3]); diff != "" {
					t.Errorf("cached vectors differ (-first +second):\n%s", diff)
				}
			}
		})
	}
}

func TestCachedEmbedderUnwritable(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "file"), "")
	inner := &countingEmbedder{inner: NewOffline(nil, nil)}
	c := NewCached(inner, CacheOptions{Path: filepath.Join(dir, "file", "sub", "cache.gob"),
		Model: "m"})
	if vecs := embedAll(t, c, []string{"a b", "c d"}); len(vecs) != 2 {
		t.Errorf("got %d vectors, want 2", len(vecs))
	}
}

func TestSearchSurvivesQueryEmbedFailure(t *testing.T) {
	_, vocab := index(t)
	r, err := corpus.Parse()
	if err != nil {
		t.Fatal(err)
	}

	e := &countingEmbedder{inner: NewOffline(nil, vocab)}
	ix, err := New(t.Context(), r, Options{Embedder: e, Vocabulary: vocab})
	if err != nil {
		t.Fatal(err)
	}

	e.fail = errors.New("embedding server gone")
	hits, err := ix.Search(t.Context(), Query{Text: "pose estimation from video"})
	if err != nil || len(hits) == 0 {
		t.Errorf("Search = %d hits, %v; want lexical hits and no error", len(hits), err)
	}
}

func embedAll(t *testing.T, e Embedder, texts []string) [][]float32 {
	t.Helper()

	vecs, err := e.EmbedDocuments(t.Context(), texts)
	if err != nil {
		t.Fatalf("EmbedDocuments: %v", err)
	}

	return vecs
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()

	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
}

func truncate(t *testing.T, path string) {
	t.Helper()

	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}

	if err := os.Truncate(path, info.Size()/2); err != nil {
		t.Fatal(err)
	}
}
