package retrieval

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"

	"github.com/neuroguide/neuroguide/corpus"
	chromem "github.com/philippgille/chromem-go"
)

// Options configure an Index. The zero value is ready to use.
type Options struct {
	// Embedder computes the vectors; nil means Offline.
	Embedder Embedder

	// Vocabulary lets the Offline embedder see facet values; nil means none.
	Vocabulary *corpus.Vocabulary

	// ChunkSize and ChunkOverlap size the passages in runes; zero means the
	// defaults.
	ChunkSize, ChunkOverlap int

	// Logger receives warnings, such as a failed query embedding; nil
	// discards them.
	Logger *slog.Logger
}

// Index is the searchable review: passages and record cards in a chromem-go
// collection and a BM25 index. It is safe for concurrent use.
type Index struct {
	review   *corpus.Review
	chunks   []Chunk
	byID     map[string]int
	coll     *chromem.Collection
	lexical  *bm25
	embedder Embedder
	log      *slog.Logger
}

// New indexes the review.
func New(ctx context.Context, r *corpus.Review, opts Options) (*Index, error) {
	size, overlap := opts.ChunkSize, opts.ChunkOverlap
	if size == 0 {
		size, overlap = DefaultChunkSize, DefaultChunkOverlap
	}

	chunks, err := buildChunks(r, size, overlap)
	if err != nil {
		return nil, err
	}

	texts := make([]string, len(chunks))
	terms := make([][]string, len(chunks))
	for i, c := range chunks {
		texts[i] = c.Text
		terms[i] = contentTerms(c.Text)
	}

	ix := &Index{review: r, chunks: chunks, byID: map[string]int{}, lexical: newBM25(terms),
		log: opts.Logger}
	if ix.log == nil {
		ix.log = slog.New(slog.DiscardHandler)
	}

	ix.embedder = opts.Embedder
	if ix.embedder == nil {
		ix.embedder = NewOffline(texts, opts.Vocabulary)
	}

	for i, c := range chunks {
		ix.byID[c.ID] = i
	}

	if err := ix.fillCollection(ctx, texts); err != nil {
		return nil, err
	}

	return ix, nil
}

// fillCollection embeds the chunks and adds them to a new chromem collection.
func (ix *Index) fillCollection(ctx context.Context, texts []string) error {
	vectors, err := ix.embedder.EmbedDocuments(ctx, append([]string(nil), texts...))
	if err != nil {
		return fmt.Errorf("embed chunks: %w", err)
	}

	if len(vectors) != len(texts) {
		return fmt.Errorf("embed chunks: got %d vectors for %d chunks", len(vectors), len(texts))
	}

	// Always pass our own embedding function: a nil one makes chromem-go
	// silently call OpenAI.
	embed := func(ctx context.Context, text string) ([]float32, error) {
		return ix.embedder.EmbedQuery(ctx, text)
	}

	coll, err := chromem.NewDB().GetOrCreateCollection("review", nil, embed)
	if err != nil {
		return fmt.Errorf("create collection: %w", err)
	}

	docs := make([]chromem.Document, len(ix.chunks))
	for i, c := range ix.chunks {
		docs[i] = chromem.Document{ID: c.ID, Content: c.Text, Embedding: vectors[i],
			Metadata: map[string]string{"kind": string(c.Kind)}}
	}

	if err := coll.AddDocuments(ctx, docs, 4); err != nil {
		return fmt.Errorf("add chunks: %w", err)
	}

	ix.coll = coll

	return nil
}

// Review returns the indexed review.
func (ix *Index) Review() *corpus.Review { return ix.review }

// Chunks returns every chunk of the index; callers must not modify them.
func (ix *Index) Chunks() []Chunk { return ix.chunks }

// Query is a search of the index.
type Query struct {
	// Text is the question or the words to search for.
	Text string

	// K is how many hits to return; zero means 8.
	K int

	// Kind restricts the search to one kind of chunk; empty means both.
	Kind ChunkKind
}

// Hit is one chunk found for a query.
type Hit struct {
	Chunk *Chunk

	// Score is the fused reciprocal-rank score: higher is better.
	Score float64

	// Lexical is the chunk's BM25 score; zero when it shares no term with the query.
	Lexical float64

	// Similarity is the cosine similarity of the chunk's and the query's vectors.
	Similarity float32
}

// Fusion settings: how deep each ranking is read, and the usual RRF constant.
const (
	rankDepth = 40
	rrfK      = 60
)

// ErrEmptyQuery is returned for a query with no text.
var ErrEmptyQuery = errors.New("empty query")

// Search finds the chunks that best match q, fusing the vector and the
// lexical rankings.
func (ix *Index) Search(ctx context.Context, q Query) ([]Hit, error) {
	if q.Text == "" {
		return nil, ErrEmptyQuery
	}

	k := q.K
	if k <= 0 {
		k = 8
	}

	vec, err := ix.vectorRank(ctx, q)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}

		// A remote embedder can fail at question time; the lexical ranking
		// still answers, so the question does not fail with it.
		ix.log.Warn("vector search failed, ranking by words alone", "err", err.Error())
		vec = nil
	}

	keep := func(d int) bool { return q.Kind == "" || ix.chunks[d].Kind == q.Kind }
	lex := ix.lexical.search(contentTerms(q.Text), keep)

	return ix.fuse(vec, lex, k), nil
}

// vectorRank returns the chunks nearest to the query's vector.
func (ix *Index) vectorRank(ctx context.Context, q Query) ([]chromem.Result, error) {
	qv, err := ix.embedder.EmbedQuery(ctx, q.Text)
	if err != nil {
		return nil, fmt.Errorf("embed query: %w", err)
	}

	var where map[string]string
	if q.Kind != "" {
		where = map[string]string{"kind": string(q.Kind)}
	}

	// chromem-go refuses a result count above the collection's size.
	n := min(rankDepth, ix.coll.Count())
	res, err := ix.coll.QueryEmbedding(ctx, qv, n, where, nil)
	if err != nil {
		return nil, fmt.Errorf("query vectors: %w", err)
	}

	// A cancelled query returns partial results without an error.
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	return res, nil
}

// fuse merges the two rankings by reciprocal rank and returns the top k.
func (ix *Index) fuse(vec []chromem.Result, lex []scored, k int) []Hit {
	hits := map[int]*Hit{}
	get := func(d int) *Hit {
		if h, ok := hits[d]; ok {
			return h
		}

		h := &Hit{Chunk: &ix.chunks[d]}
		hits[d] = h

		return h
	}

	for rank, r := range vec {
		h := get(ix.byID[r.ID])
		h.Similarity = r.Similarity
		h.Score += 1 / float64(rrfK+rank+1)
	}

	for rank, s := range lex[:min(len(lex), rankDepth)] {
		h := get(s.doc)
		h.Lexical = s.score
		h.Score += 1 / float64(rrfK+rank+1)
	}

	out := make([]Hit, 0, len(hits))
	for _, h := range hits {
		out = append(out, *h)
	}

	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}

		return out[i].Chunk.ID < out[j].Chunk.ID
	})

	return out[:min(k, len(out))]
}
