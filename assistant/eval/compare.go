package eval

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/neuroguide/neuroguide/assistant"
)

// compareGold is the gold of a comparison: each library's field values.
type compareGold struct {
	Libraries map[string]map[string]any `json:"libraries"`
}

// scoreCompare checks that each library and each of its field values is stated.
func (s *Scorer) scoreCompare(c Case, res assistant.Result, sc *Score) error {
	var gold compareGold
	if err := json.Unmarshal(c.Gold, &gold); err != nil {
		return fmt.Errorf("compare gold: %w", err)
	}

	for name, fields := range gold.Libraries {
		if !s.statesText(res.Answer, name) {
			sc.Missing = append(sc.Missing, name)
		}

		for f, v := range fields {
			for _, m := range s.missingValues(v, res.Answer) {
				sc.Missing = append(sc.Missing, name+"."+f+"="+m)
			}
		}
	}

	sc.Pass = len(sc.Missing) == 0

	return nil
}

// proseGold is the gold of a prose question.
type proseGold struct {
	Answer  string `json:"answer"`
	Section string `json:"section"`
}

// minFacts is the share of key facts a prose answer must state to pass.
const minFacts = 0.6

// scoreProse checks the cited section and the key facts stated.
func (s *Scorer) scoreProse(c Case, res assistant.Result, sc *Score) error {
	var gold proseGold
	if err := json.Unmarshal(c.Gold, &gold); err != nil {
		return fmt.Errorf("prose gold: %w", err)
	}

	sc.Section = citesSection(res.Sources, gold.Section)
	facts := keyFacts(gold.Answer)
	stated := 0
	for _, f := range facts {
		if statesText(res.Answer, f) {
			stated++
			continue
		}

		sc.Missing = append(sc.Missing, f)
	}

	sc.Facts = ratio(stated, len(facts))
	sc.Pass = sc.Section && sc.Facts >= minFacts

	return nil
}

// sectionNumber splits "5. Discussion (Future Directions)" into its number
// and titles.
var sectionNumber = regexp.MustCompile(`^(\d+(?:\.\d+)?)\.?\s*(.*)$`)

// citesSection reports whether the sources cite the gold section: by number,
// or by title for unnumbered parts ("Future Directions", "Abstract").
func citesSection(sources []assistant.Source, gold string) bool {
	num, titles := "", gold
	if m := sectionNumber.FindStringSubmatch(gold); m != nil {
		num, titles = m[1], m[2]
	}

	for _, src := range sources {
		if src.Kind != assistant.KindSection {
			continue
		}

		label := src.Section
		if num != "" && strings.HasPrefix(label, num+". ") {
			return true
		}

		title := label
		if m := sectionNumber.FindStringSubmatch(label); m != nil {
			title = m[2]
		}

		if title != "" && strings.Contains(strings.ToLower(titles), strings.ToLower(title)) &&
			!strings.HasPrefix(title, "Discussion") {
			return true
		}
	}

	return false
}

// factPattern finds the key facts of a gold answer: numbers and dates, quoted
// phrases, and capitalised or mixed-case words (names, acronyms).
var factPattern = regexp.MustCompile(
	`\d{1,2} [A-Z][a-z]+ \d{4}|\d[\d,.]*\d|\d|'[^']{3,80}'|"[^"]{3,80}"|` +
		`\b[A-Za-z]*[A-Z][A-Za-z0-9+-]*[A-Z0-9][A-Za-z0-9-]*\b|\b[A-Z][a-z]{3,}\b`)

// skipFacts are capitalised words that begin sentences rather than name things.
var skipFacts = map[string]bool{"The": true, "They": true, "This": true, "These": true,
	"Both": true, "Data": true, "Being": true, "Libraries": true, "Review": true}

// plainWord is a word with one capital, its first letter.
var plainWord = regexp.MustCompile(`^[A-Z][a-z]+$`)

// opensSentence reports whether a plain capitalised word (no other capital,
// no digit) stands at the start of a sentence of text, at byte i.
func opensSentence(text string, i int, w string) bool {
	if !plainWord.MatchString(w) {
		return false
	}

	before := strings.TrimRight(text[:i], " \t\n\"'(")

	return before == "" || strings.HasSuffix(before, ".") || strings.HasSuffix(before, "?") ||
		strings.HasSuffix(before, "!")
}

// keyFacts returns the key facts of a gold answer. A word capitalised only
// because it opens a sentence ("Because", "Mostly") names nothing.
func keyFacts(answer string) []string {
	var out []string
	seen := map[string]bool{}
	for _, loc := range factPattern.FindAllStringIndex(answer, -1) {
		m := strings.Trim(answer[loc[0]:loc[1]], `'"`)
		if skipFacts[m] || seen[m] || opensSentence(answer, loc[0], m) {
			continue
		}

		seen[m] = true
		out = append(out, m)
	}

	return out
}
