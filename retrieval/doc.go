// Package retrieval indexes the review and finds what grounds an answer.
//
// The index holds two kinds of chunk: passages of the review's prose, cut with
// langchaingo's recursive character splitter and tagged with their section,
// and one card per library record. Every chunk goes into a chromem-go
// collection with vectors from an Embedder (by default Offline, which needs no
// network and no model file and is deterministic) and into a BM25 index; Search
// fuses the two rankings by reciprocal rank.
//
// List questions are not answered from the top k: Select filters all 74
// records by facet, so "which EEG libraries use PyTorch?" gets every match.
package retrieval
