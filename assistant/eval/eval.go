// Package eval scores the assistant's answers against questions with known
// right answers, read from JSONL files in the format of
// testdata/questions.jsonl: one object per line with id, question, kind,
// gold and notes.
//
// Each kind is scored as the project's targets state it: a facet question by
// the recall and precision of the libraries the answer cites; a lookup or an
// aggregate by whether the gold value is stated; a comparison by whether each
// library and each of its listed field values is stated; a prose question by
// whether the gold section is cited and its key facts stated; an out-of-scope
// question by whether the answer declines and cites no library.
package eval

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Kind is the kind of a question.
type Kind string

// The kinds of question.
const (
	KindFacet      Kind = "facet"
	KindLookup     Kind = "lookup"
	KindAggregate  Kind = "aggregate"
	KindCompare    Kind = "compare"
	KindProse      Kind = "prose"
	KindOutOfScope Kind = "out_of_scope"
)

// Kinds lists the kinds in report order.
var Kinds = []Kind{KindFacet, KindLookup, KindAggregate, KindCompare, KindProse, KindOutOfScope}

// Case is one question with its right answer.
type Case struct {
	ID       string          `json:"id"`
	Question string          `json:"question"`
	Kind     Kind            `json:"kind"`
	Gold     json.RawMessage `json:"gold"`
	Notes    string          `json:"notes"`
}

// maxLine is the longest line a question file may have.
const maxLine = 1 << 20

// ReadFile reads the cases of a JSONL file.
func ReadFile(path string) ([]Case, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()

	cases, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}

	return cases, nil
}

// Read reads cases, one JSON object per line; blank lines are skipped.
func Read(r io.Reader) ([]Case, error) {
	var cases []Case
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxLine)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}

		c, err := parseCase(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}

		cases = append(cases, c)
	}

	if err := sc.Err(); err != nil {
		return nil, err
	}

	if len(cases) == 0 {
		return nil, errors.New("no questions: a file to evaluate holds one JSON object per line")
	}

	return cases, nil
}

// parseCase parses and checks one line.
func parseCase(line string) (Case, error) {
	var c Case
	if err := json.Unmarshal([]byte(line), &c); err != nil {
		return Case{}, err
	}

	switch {
	case c.ID == "" || c.Question == "":
		return Case{}, errors.New("id and question are required")
	case !validKind(c.Kind):
		return Case{}, fmt.Errorf("%s: unknown kind %q", c.ID, c.Kind)
	case emptyGold(c.Kind, c.Gold):
		return Case{}, fmt.Errorf("%s: no gold", c.ID)
	}

	return c, nil
}

// emptyGold reports whether a gold value is missing or holds nothing to
// check: "" or {}, or [] but for a facet question that no library matches.
// A null gold is a value: the tables give none, and the answer must say so.
func emptyGold(k Kind, gold json.RawMessage) bool {
	switch strings.Join(strings.Fields(string(gold)), "") {
	case "", `""`, "{}":
		return true
	case "[]":
		return k != KindFacet
	}

	return false
}

// validKind reports whether k is a known kind.
func validKind(k Kind) bool {
	for _, known := range Kinds {
		if k == known {
			return true
		}
	}

	return false
}
