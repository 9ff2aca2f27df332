package assistant

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Misattribution is a marker a language model put right after one library's
// name that cites only other libraries' records: "DN3 [1]" where source 1 is
// braindecode. The marker resolves, so it is kept in the answer; the claim it
// backs is not the source's.
type Misattribution struct {
	// Name is the library the answer names before the marker.
	Name string `json:"name"`

	// Marker is the number of the source cited.
	Marker int `json:"marker"`

	// Cites is the library whose record the marker's source is.
	Cites string `json:"cites"`
}

// nameTail is what may stand between a name and its marker: closing
// emphasis, quotes or brackets, and blanks ("**DN3**: [2]" is not taken; a
// colon starts a claim of its own).
const nameTail = " \t*_’'\")"

// misattributions returns the markers of an answer that follow a library's
// name and cite only the records of other libraries. A marker group that
// cites the named record, or any passage, backs the name and is not listed.
func (a *Assistant) misattributions(src *sourceList, text string) []Misattribution {
	var out []Misattribution
	for _, loc := range markerPattern.FindAllStringSubmatchIndex(text, -1) {
		name, written := a.nameBefore(text[:loc[0]])
		if name == "" {
			continue
		}

		cites, ok := citedRecords(src, text[loc[2]:loc[3]])
		if !ok || slices.ContainsFunc(cites, func(c cite) bool { return c.lib == name }) {
			continue
		}

		for _, c := range cites {
			out = append(out, Misattribution{Name: written, Marker: c.n, Cites: c.lib})
		}
	}

	return out
}

// cite is one marker number and the record it cites.
type cite struct {
	n   int
	lib string
}

// citedRecords resolves a marker group ("1, 3") to the records it cites; ok
// is false when a number is no library source (a passage, a reference or no
// source at all), so the group does not claim a record for the name.
func citedRecords(src *sourceList, group string) (cites []cite, ok bool) {
	for _, part := range strings.Split(group, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || n < 1 || n > len(src.items) || src.items[n-1].Kind != KindLibrary {
			return nil, false
		}

		cites = append(cites, cite{n: n, lib: src.items[n-1].Library})
	}

	return cites, true
}

// nameBefore returns the record name of the library named at the very end
// of text, past nameTail, and the name as text writes it ("SLEAP" for the
// record "LEAP, SLEAP"); the longest name that ends there on a word boundary
// wins. Both are empty when no name ends there.
func (a *Assistant) nameBefore(text string) (record, written string) {
	text = strings.TrimRight(text, nameTail)
	for i := range a.review.Libraries {
		l := &a.review.Libraries[i]
		for _, n := range l.Names() {
			start := len(text) - len(n)
			if start >= 0 && len(n) > len(written) && strings.EqualFold(text[start:], n) &&
				wordStartsAt(text, start) {
				record, written = l.Name, text[start:]
			}
		}
	}

	return record, written
}

// wordStartsAt reports whether no letter or digit stands just before byte i.
func wordStartsAt(text string, i int) bool {
	if i <= 0 {
		return true
	}

	r, _ := utf8.DecodeLastRuneInString(text[:i])

	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// unbackedMarkers returns the numbers of the markers every use of which is
// misattributed: the answer says nothing of their records, so they are not
// among the libraries it cites.
func unbackedMarkers(text string, mis []Misattribution) map[int]bool {
	uses := map[int]int{}
	for _, m := range markerPattern.FindAllStringSubmatch(text, -1) {
		for _, part := range strings.Split(m[1], ",") {
			n, _ := strconv.Atoi(strings.TrimSpace(part))
			uses[n]++
		}
	}

	wrong := map[int]int{}
	for _, m := range mis {
		wrong[m.Marker]++
	}

	out := map[int]bool{}
	for n, k := range wrong {
		if k >= uses[n] {
			out[n] = true
		}
	}

	return out
}

// misattributionNote says in one sentence which markers cite another library
// than the one the answer names before them.
func misattributionNote(mis []Misattribution) string {
	parts := make([]string, len(mis))
	for i, m := range mis {
		parts[i] = fmt.Sprintf("%s [%d] cites %s", m.Name, m.Marker, m.Cites)
	}

	return "Some citations point to another library's record: " + strings.Join(parts, "; ") + "."
}
