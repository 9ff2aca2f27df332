package retrieval

import (
	"math"
	"sort"
)

// BM25 parameters: the usual defaults.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// bm25 is a lexical index over the chunks. We write our own: it is thirty
// lines over terms we already compute, and the Go BM25 packages we know are
// unmaintained or pull in a tokenizer of their own that would disagree with
// corpus.Terms.
type bm25 struct {
	postings map[string][]posting
	lengths  []float64
	avgLen   float64
}

// posting is one term's frequency in one chunk.
type posting struct {
	doc  int
	freq float64
}

// newBM25 indexes docs, each given as its content terms.
func newBM25(docs [][]string) *bm25 {
	ix := &bm25{postings: map[string][]posting{}, lengths: make([]float64, len(docs))}
	var total float64
	for d, terms := range docs {
		freq := map[string]float64{}
		for _, t := range terms {
			freq[t]++
		}

		for t, f := range freq {
			ix.postings[t] = append(ix.postings[t], posting{doc: d, freq: f})
		}

		ix.lengths[d] = float64(len(terms))
		total += float64(len(terms))
	}

	if len(docs) > 0 {
		ix.avgLen = total / float64(len(docs))
	}

	return ix
}

// scored is a chunk index with its score.
type scored struct {
	doc   int
	score float64
}

// search ranks the chunks that share a term with the query, best first.
func (ix *bm25) search(query []string, keep func(int) bool) []scored {
	scores := map[int]float64{}
	n := float64(len(ix.lengths))
	for _, t := range dedupe(query) {
		ps := ix.postings[t]
		idf := math.Log(1 + (n-float64(len(ps))+0.5)/(float64(len(ps))+0.5))
		for _, p := range ps {
			if !keep(p.doc) {
				continue
			}

			norm := bm25K1 * (1 - bm25B + bm25B*ix.lengths[p.doc]/ix.avgLen)
			scores[p.doc] += idf * p.freq * (bm25K1 + 1) / (p.freq + norm)
		}
	}

	out := make([]scored, 0, len(scores))
	for d, s := range scores {
		out = append(out, scored{doc: d, score: s})
	}

	sort.Slice(out, func(i, j int) bool {
		if out[i].score != out[j].score {
			return out[i].score > out[j].score
		}

		return out[i].doc < out[j].doc
	})

	return out
}

// dedupe returns terms without repeats, in order.
func dedupe(terms []string) []string {
	seen := map[string]bool{}
	out := make([]string, 0, len(terms))
	for _, t := range terms {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}

	return out
}
