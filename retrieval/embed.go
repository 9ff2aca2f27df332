package retrieval

import (
	"context"
	"hash/fnv"
	"math"

	"github.com/neuroguide/neuroguide/corpus"
)

// Embedder turns texts into vectors. Its method set is that of langchaingo's
// embeddings.Embedder, so a langchaingo embedder can be used as it is.
type Embedder interface {
	// EmbedDocuments returns one vector per text.
	EmbedDocuments(ctx context.Context, texts []string) ([][]float32, error)

	// EmbedQuery returns the vector of a question.
	EmbedQuery(ctx context.Context, text string) ([]float32, error)
}

// OfflineDim is the length of the Offline embedder's vectors.
const OfflineDim = 512

// Feature weights of the Offline embedder, relative to a word's own weight.
const (
	bigramWeight  = 0.5
	trigramWeight = 0.3
	conceptWeight = 2.5
)

// Offline is the default Embedder: deterministic, with no network and no model
// file. It hashes a text's features into OfflineDim dimensions: its words
// weighted by inverse document frequency, their bigrams, their character
// trigrams (which let a misspelt word land near the right one), and the
// vocabulary's facet values the text names, so that "body parts" and "pose
// estimation" share a concept dimension.
//
// We write our own because no Go library embeds text offline without a model
// file; chromem-go's built-in embedding functions all call a server.
type Offline struct {
	idf        map[string]float64
	defaultIDF float64
	vocab      *corpus.Vocabulary
}

// NewOffline makes an Offline embedder whose word weights come from docs.
func NewOffline(docs []string, vocab *corpus.Vocabulary) *Offline {
	df := map[string]int{}
	for _, d := range docs {
		seen := map[string]bool{}
		for _, t := range contentTerms(d) {
			if !seen[t] {
				seen[t] = true
				df[t]++
			}
		}
	}

	n := float64(len(docs))
	e := &Offline{idf: make(map[string]float64, len(df)), vocab: vocab}
	e.defaultIDF = math.Log(1 + n)
	for t, c := range df {
		e.idf[t] = math.Log(1 + n/float64(c))
	}

	return e
}

// EmbedDocuments implements Embedder.
func (e *Offline) EmbedDocuments(ctx context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		if err := ctx.Err(); err != nil {
			return nil, err
		}

		out[i] = e.embed(t)
	}

	return out, nil
}

// EmbedQuery implements Embedder.
func (e *Offline) EmbedQuery(ctx context.Context, text string) ([]float32, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	return e.embed(text), nil
}

// embed computes the normalised feature vector of text.
func (e *Offline) embed(text string) []float32 {
	v := make([]float64, OfflineDim)
	terms := contentTerms(text)
	for i, t := range terms {
		w := e.weight(t)
		add(v, "w:"+t, w)
		if i > 0 {
			add(v, "b:"+terms[i-1]+" "+t, bigramWeight*(w+e.weight(terms[i-1]))/2)
		}

		grams := trigrams(t)
		for _, g := range grams {
			add(v, "g:"+g, trigramWeight*w/float64(len(grams)))
		}
	}

	if e.vocab != nil {
		for _, m := range e.vocab.Find(corpus.Terms(text)) {
			add(v, "c:"+string(m.Value.Kind)+":"+m.Value.Value, conceptWeight*e.defaultIDF)
		}
	}

	return normalize(v)
}

// weight is a term's inverse document frequency; unseen terms weigh most.
func (e *Offline) weight(t string) float64 {
	if w, ok := e.idf[t]; ok {
		return w
	}

	return e.defaultIDF
}

// add adds w to the dimension feature hashes to, with a sign from the hash so
// that colliding features tend to cancel rather than pile up.
func add(v []float64, feature string, w float64) {
	h := fnv.New64a()
	h.Write([]byte(feature))
	sum := h.Sum64()
	if sum>>63 == 1 {
		w = -w
	}

	v[sum%uint64(len(v))] += w
}

// trigrams returns the character trigrams of a word with boundary marks.
func trigrams(t string) []string {
	r := []rune("^" + t + "$")
	if len(r) < 5 {
		return nil
	}

	out := make([]string, 0, len(r)-2)
	for i := 0; i+3 <= len(r); i++ {
		out = append(out, string(r[i:i+3]))
	}

	return out
}

// normalize scales v to unit length; chromem-go ranks by dot product.
func normalize(v []float64) []float32 {
	var sum float64
	for _, x := range v {
		sum += x * x
	}

	out := make([]float32, len(v))
	if sum == 0 {
		return out
	}

	norm := math.Sqrt(sum)
	for i, x := range v {
		out[i] = float32(x / norm)
	}

	return out
}
