package assistant

import "context"

// understandWithModel analyses a question with the vocabulary rules and, when
// configured, lets the model map it to facets first.
func (a *Assistant) understandWithModel(ctx context.Context, text string) *question {
	q := a.understand(text)
	if a.llm.Model != nil && a.llm.Understand {
		a.refineFacets(ctx, q)
	}

	return q
}

func (a *Assistant) refineFacets(ctx context.Context, q *question) {}
