package corpus

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var (
	// captionLine matches "Table 4. Domains of applications for ...".
	captionLine = regexp.MustCompile(`^Table (\d+)\. (.+)$`)

	// nameRef matches a library name and its reference mark at the start of a
	// domain row: "braindecode [46]" or ", SLEAP [87]".
	nameRef = regexp.MustCompile(`^(?:, )?([^\[]+?) \[(\d+)\]`)

	// nameAliases matches the aliases a domain row lists after its reference:
	// " (ANTsPyNet, ANTsRNet)".
	nameAliases = regexp.MustCompile(`^ \(([^)]+)\)`)

	errNoTables = errors.New("no tables")
)

// rawTable is one table of the page text before its rows are cut into cells.
type rawTable struct {
	Table
	Rows []string
}

// collectTables gathers the nine tables after the reference list. The page
// repeats each caption; a table's rows end at a blank line or the next caption.
func collectTables(lines []string) ([]rawTable, error) {
	start, err := findLine(lines, referencesHeading, 0)
	if err != nil {
		return nil, err
	}

	var tables []rawTable
	for i := start; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		m := captionLine.FindStringSubmatch(line)
		if m == nil {
			continue
		}

		n, _ := strconv.Atoi(m[1])
		if len(tables) > 0 && tables[len(tables)-1].Number == n {
			continue
		}

		t, next, err := readTable(lines, i+1, n, m[2])
		if err != nil {
			return nil, fmt.Errorf("table %d: %w", n, err)
		}

		tables = append(tables, t)
		i = next - 1
	}

	if len(tables) == 0 {
		return nil, errNoTables
	}

	return tables, nil
}

// readTable reads a table's header and rows from line i on, and returns the
// index of the first line after them.
func readTable(lines []string, i, n int, caption string) (rawTable, int, error) {
	for i < len(lines) && captionLine.MatchString(strings.TrimSpace(lines[i])) {
		i++
	}

	if i >= len(lines) {
		return rawTable{}, i, errors.New("no header")
	}

	t := rawTable{Table: Table{Number: n, Caption: caption}}
	t.Category = categoryOf(caption)
	t.Kind = kindOf(lines[i])
	if t.Category == "" || t.Kind == "" {
		return rawTable{}, i, fmt.Errorf("unknown layout %q / %q", caption, lines[i])
	}

	for i++; i < len(lines); i++ {
		row := strings.TrimSpace(lines[i])
		if row == "" || captionLine.MatchString(row) {
			break
		}

		t.Rows = append(t.Rows, row)
	}

	return t, i, nil
}

// categoryOf reads a table's category from its caption.
func categoryOf(caption string) Category {
	switch {
	case strings.Contains(caption, "sequence data"):
		return CategorySequence
	case strings.Contains(caption, "image data"):
		return CategoryImage
	case strings.Contains(caption, "special applications"):
		return CategorySpecial
	}

	return ""
}

// kindOf reads a table's kind from its header line.
func kindOf(header string) TableKind {
	switch {
	case strings.Contains(header, "Neuroscience Area"):
		return KindDomain
	case strings.Contains(header, "DL Framework"):
		return KindModel
	case strings.Contains(header, "Online/Offline"):
		return KindTechnology
	}

	return ""
}

// domainRow is a row of a domain table with its name read off.
type domainRow struct {
	names   []string // the libraries the row names: ["LEAP", "SLEAP"]
	aliases []string // names given in parentheses: ["ANTsPyNet", "ANTsRNet"]
	refs    []int
	rest    string // the row after the name: area, data type, datasets, task
	raw     string
}

// display is the row's name as the other two tables print it: "LEAP, SLEAP".
func (d domainRow) display() string { return strings.Join(d.names, ", ") }

// parseDomainName reads the names and reference marks at the start of a domain
// row. A row without a reference mark is left for nameFromSiblings.
func parseDomainName(row string) domainRow {
	d := domainRow{raw: row, rest: row}
	for {
		m := nameRef.FindStringSubmatch(d.rest)
		if m == nil || (len(d.refs) > 0 && !strings.HasPrefix(d.rest, ", ")) {
			break
		}

		n, _ := strconv.Atoi(m[2])
		d.names = append(d.names, splitItems(m[1])...)
		d.refs = append(d.refs, n)
		d.rest = d.rest[len(m[0]):]
	}

	if m := nameAliases.FindStringSubmatch(d.rest); m != nil && len(d.names) > 0 {
		d.aliases = splitItems(m[1])
		d.rest = d.rest[len(m[0]):]
	}

	return d
}

// nameFromSiblings names a domain row that has no reference mark ("DeepEEG")
// by the longest prefix it shares with a row of each of the other two tables.
func nameFromSiblings(d *domainRow, model, tech []string) error {
	name := d.raw
	for _, rows := range [][]string{model, tech} {
		best := ""
		for _, r := range rows {
			if p := commonPrefix(d.raw, r); len(p) > len(best) {
				best = p
			}
		}

		if len(best) < len(name) {
			name = best
		}
	}

	if len(name) < 2 {
		return fmt.Errorf("row %q: no name", d.raw)
	}

	d.names = []string{name}
	d.rest = d.raw[len(name):]

	return nil
}

// commonPrefix returns the longest common prefix of a and b.
func commonPrefix(a, b string) string {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}

	return a[:n]
}

// domainCells are the cells of a domain row after the name.
type domainCells struct {
	area, dataTypes, tasks []string
	datasets               string
}

// parseDomainCells cuts "GeneralEEG, MEGExternalClassification" into the area,
// data type, datasets and task cells.
func parseDomainCells(rest string) (domainCells, error) {
	area := readAreas(rest)
	if area == "" {
		if i := firstGlue(rest); i > 0 {
			area = rest[:i]
		}
	}

	if area == "" {
		return domainCells{}, fmt.Errorf("no area in %q", rest)
	}

	tail := rest[len(area):]
	at, term := findDatasets(tail)
	if at < 0 {
		return domainCells{}, fmt.Errorf("no datasets cell in %q", rest)
	}

	return domainCells{
		area:      splitItems(area),
		dataTypes: splitItems(tail[:at]),
		datasets:  term,
		tasks:     splitItems(tail[at+len(term):]),
	}, nil
}

// readAreas returns the longest run of area terms joined by ", " at the start of s.
func readAreas(s string) string {
	n := 0
	for {
		term, ok := prefixTerm(s[n:], areasByLength)
		if !ok {
			return s[:n]
		}

		n += len(term)
		if !strings.HasPrefix(s[n:], ", ") {
			return s[:n]
		}

		if _, more := prefixTerm(s[n+2:], areasByLength); !more {
			return s[:n]
		}

		n += 2
	}
}

// findDatasets finds the datasets cell: the first datasets term glued to the
// data type before it and to the capitalised task after it.
func findDatasets(s string) (int, string) {
	for i := 1; i < len(s); i++ {
		if s[i-1] == ' ' {
			continue
		}

		term, ok := prefixTerm(s[i:], datasetsByLength)
		if !ok || i+len(term) >= len(s) {
			continue
		}

		if next := s[i+len(term)]; next >= 'A' && next <= 'Z' {
			return i, term
		}
	}

	return -1, ""
}

// modelCells are the cells of a model row after the name.
type modelCells struct {
	models, frameworks, languages []string
	customization                 string
}

// parseModelCells cuts "1-D CNNPyTorchYes (weights, model)Python" into the
// models, framework, customization and language cells.
func parseModelCells(rest string) (modelCells, error) {
	at := -1
	var custom string
	for _, loc := range customization.FindAllStringIndex(rest, -1) {
		gluedBefore := loc[0] > 0 && rest[loc[0]-1] != ' '
		capAfter := loc[1] < len(rest) && rest[loc[1]] >= 'A' && rest[loc[1]] <= 'Z'
		if gluedBefore && capAfter {
			at, custom = loc[0], rest[loc[0]:loc[1]]
		}
	}

	if at < 0 {
		return modelCells{}, fmt.Errorf("no customization cell in %q", rest)
	}

	models, frameworks := splitFrameworks(rest[:at])
	if models == "" || len(frameworks) == 0 {
		return modelCells{}, fmt.Errorf("no models or framework in %q", rest)
	}

	return modelCells{
		models:        splitItems(models),
		frameworks:    frameworks,
		customization: custom,
		languages:     splitItems(rest[at+len(custom):]),
	}, nil
}

// splitFrameworks reads the framework cell from the end of s, term by term, and
// returns the models cell before it.
func splitFrameworks(s string) (string, []string) {
	var frameworks []string
	for {
		term, ok := suffixTerm(s, frameworksByLength)
		if !ok {
			break
		}

		frameworks = append([]string{term}, frameworks...)
		s = s[:len(s)-len(term)]
		if !strings.HasSuffix(s, ", ") {
			break
		}

		if _, more := suffixTerm(s[:len(s)-2], frameworksByLength); !more {
			break
		}

		s = s[:len(s)-2]
	}

	if len(frameworks) == 0 {
		if i := lastGlue(s); i > 0 {
			return s[:i], splitItems(s[i:])
		}
	}

	return s, frameworks
}

// techCells are the cells of a technology row after the name.
type techCells struct {
	interfaces                 []string
	onlineOffline, maintenance string
	source                     string
	stars, forks, contributors *int
}

// parseTechCells cuts "CLIOfflineActivehttps://github.com/x/y463 (123)26" into
// the interface, online/offline, maintenance, source and usage cells. names
// are the record's names: a repository named like the library ("dn3") keeps
// the digits the star count would otherwise take ("dn350 (16)" is dn3, 50 stars).
func parseTechCells(rest string, names []string) (techCells, error) {
	m := techShape.FindStringSubmatch(rest)
	if m == nil {
		return techCells{}, fmt.Errorf("no online/offline and maintenance cells in %q", rest)
	}

	c := techCells{interfaces: splitItems(m[1]), onlineOffline: m[2], maintenance: m[3]}
	u := usageShape.FindStringSubmatch(m[4])
	if u == nil {
		return techCells{}, fmt.Errorf("no source in %q", rest)
	}

	source, stars := reclaimDigits(u[1], u[2], names)
	c.source = source
	c.stars = count(stars)
	c.forks = count(u[3])
	c.contributors = count(u[5])

	return c, nil
}

// reclaimDigits moves the leading digits of stars back into the source when the
// source's last path segment with them spells one of the library's names.
func reclaimDigits(source, stars string, names []string) (string, string) {
	seg := source[strings.LastIndexByte(source, '/')+1:]
	for k := 1; k < len(stars); k++ {
		for _, n := range names {
			if normalizeName(seg+stars[:k]) == normalizeName(n) {
				return source + stars[:k], stars[k:]
			}
		}
	}

	return source, stars
}

// count parses a count cell; "(*)" and an empty cell are missing values.
func count(cell string) *int {
	n, err := strconv.Atoi(cell)
	if err != nil {
		return nil
	}

	return &n
}

// normalizeName reduces a name to lower-case letters and digits, so that
// "nnU-Net", "nnUNet" and "nnunet" compare equal.
func normalizeName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}

	return b.String()
}
