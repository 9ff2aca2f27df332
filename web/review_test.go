package web

import (
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/neuroguide/neuroguide/corpus"
)

// TestReviewPageAnchors checks that every anchor an answer's source can link to
// exists in the review page, for every section, table, record and reference
// of the parsed review.
func TestReviewPageAnchors(t *testing.T) {
	review, err := corpus.Parse()
	if err != nil {
		t.Fatal(err)
	}

	h, err := ReviewHandler(review)
	if err != nil {
		t.Fatal(err)
	}

	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/review", nil))
	body, _ := io.ReadAll(rec.Body)
	page := string(body)

	if got := rec.Header().Get("Content-Type"); got != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q", got)
	}

	var want []string
	for _, s := range review.Sections {
		want = append(want, s.Anchor())
	}
	for _, tb := range review.Tables {
		want = append(want, tb.Anchor())
	}
	for i := range review.Libraries {
		want = append(want, LibraryAnchor(&review.Libraries[i]))
	}
	for _, r := range review.References {
		want = append(want, fmt.Sprintf("ref-%d", r.N))
	}

	if len(want) != len(review.Sections)+9+74+127 {
		t.Fatalf("the review parsed to %d anchors", len(want))
	}

	if len(review.Statements) != 6 {
		t.Fatalf("the review parsed to %d statements, want 6", len(review.Statements))
	}

	for _, st := range review.Statements {
		want = append(want, st.Anchor())
	}

	for _, id := range want {
		if n := strings.Count(page, `id="`+id+`"`); n != 1 {
			t.Errorf("anchor %q occurs %d times, want 1", id, n)
		}
	}

	texts := []string{"DeepLabCut", "github.com/DeepLabCut/DeepLabCut",
		"Future Directions", "XAI", corpus.DOIURL, "Manfredo Atzori<sup>1, 2, 5, *</sup>",
		"Federico Del Pup<sup>1, 2, 3</sup>"}
	texts = append(texts, review.Front.Affiliations...)
	for _, st := range review.Statements {
		texts = append(texts, template.HTMLEscapeString(st.Text))
	}

	for _, text := range texts {
		if !strings.Contains(page, text) {
			t.Errorf("page lacks %q", text)
		}
	}
}
