package assistant

import (
	"fmt"

	"github.com/neuroguide/neuroguide/corpus"
)

// sourceList numbers the sources of one answer as they are first cited.
type sourceList struct {
	items []Source
	byKey map[string]int
	libs  []string
}

// newSourceList returns an empty list.
func newSourceList() *sourceList { return &sourceList{byKey: map[string]int{}} }

// cite returns the marker of a source, numbering it when it is new.
func (s *sourceList) cite(key string, src Source) string {
	n, ok := s.byKey[key]
	if !ok {
		n = len(s.items) + 1
		src.N = n
		s.items = append(s.items, src)
		s.byKey[key] = n
	}

	return fmt.Sprintf("[%d]", n)
}

// library cites a record: its row in the review's tables, linked to its code.
func (s *sourceList) library(l *corpus.Library) string {
	if _, ok := s.byKey["library/"+l.ID]; !ok {
		s.libs = appendUnique(s.libs, l.Name)
	}

	return s.cite("library/"+l.ID, Source{
		Kind:    KindLibrary,
		Title:   fmt.Sprintf("%s, %s (%s)", l.Name, l.TableList(), l.Category.Describe()),
		Library: l.Name,
		URL:     l.SourceURL(),
	})
}

// section cites a section of the review's prose, linked to the review page.
func (s *sourceList) section(sec *corpus.Section) string {
	return s.cite(sec.Anchor(), Source{
		Kind:    KindSection,
		Title:   "Review, section " + sec.Label(),
		Section: sec.Label(),
		URL:     ReviewPath + "#" + sec.Anchor(),
	})
}

// frontMatter labels the source of the review's own citation facts.
const frontMatter = "front matter"

// review cites the review itself: its front matter, where its title,
// authors, journal, dates, DOI and license stand, at the top of the review page.
func (s *sourceList) review() string {
	return s.cite("review", Source{
		Kind:    KindSection,
		Title:   "Review, " + frontMatter + ": " + corpus.Title + " (" + corpus.Journal + ")",
		Section: frontMatter,
		URL:     ReviewPath,
	})
}

// backMatter labels the source of the review's statements.
const backMatter = "back matter"

// statement cites a statement of the review's back matter (Funding,
// Conflicts of Interest, ...), linked to it in the review page.
func (s *sourceList) statement(st corpus.Statement) string {
	return s.cite(st.Anchor(), Source{
		Kind:    KindSection,
		Title:   "Review, " + backMatter + ": " + st.Heading,
		Section: st.Heading,
		URL:     ReviewPath + "#" + st.Anchor(),
	})
}

// reference cites an entry of the review's reference list.
func (s *sourceList) reference(ref corpus.Reference) string {
	return s.cite(fmt.Sprintf("ref-%d", ref.N), Source{
		Kind:  KindReference,
		Title: fmt.Sprintf("ref. %d: %s", ref.N, ref.Title),
		URL:   fmt.Sprintf("%s#ref-%d", ReviewPath, ref.N),
	})
}

// ReviewPath is where the server publishes the review; sources link into it.
const ReviewPath = "/review"

// appendUnique appends s unless it is already there.
func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}

	return append(list, s)
}
