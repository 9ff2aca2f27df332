// Package assistant answers questions about the review: it understands a question,
// grounds it in the retrieved records and passages, and composes a cited answer,
// with or without a language model.
package assistant
