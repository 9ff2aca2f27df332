package corpus

import (
	"fmt"
	"strings"
)

// record is a library being joined across its category's three tables.
type record struct {
	lib       Library
	forms     []string // how the model and technology tables may print the name
	haveModel bool
	haveTech  bool
}

// buildLibraries joins the rows of each category's three tables into records.
func buildLibraries(raw []rawTable, refs []Reference) ([]Library, error) {
	var out []Library
	for _, cat := range Categories {
		group := map[TableKind]rawTable{}
		for _, t := range raw {
			if t.Category == cat {
				group[t.Kind] = t
			}
		}

		if len(group) != 3 {
			return nil, fmt.Errorf("%s: found %d of its 3 tables", cat, len(group))
		}

		libs, err := buildCategory(group, refs)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", cat, err)
		}

		out = append(out, libs...)
	}

	return out, nil
}

// buildCategory reads one category's domain table and joins the other two to it.
func buildCategory(group map[TableKind]rawTable, refs []Reference) ([]Library, error) {
	domain, model, tech := group[KindDomain], group[KindModel], group[KindTechnology]
	recs, err := readDomain(domain, model.Rows, tech.Rows, refs)
	if err != nil {
		return nil, err
	}

	if err := joinRows(recs, model, addModel); err != nil {
		return nil, err
	}

	if err := joinRows(recs, tech, addTech); err != nil {
		return nil, err
	}

	out := make([]Library, 0, len(recs))
	for _, r := range recs {
		if !r.haveModel || !r.haveTech {
			return nil, fmt.Errorf("%s: missing from table %d or %d", r.lib.Name,
				model.Number, tech.Number)
		}

		r.lib.Tables = []int{domain.Number, model.Number, tech.Number}
		r.lib.Aliases = dedupeAliases(r.lib.Name, r.lib.Aliases)
		if r.lib.Refs == nil {
			r.lib.Refs = []Ref{}
		}

		out = append(out, r.lib)
	}

	return out, nil
}

// readDomain makes one record per row of a domain table.
func readDomain(t rawTable, model, tech []string, refs []Reference) ([]*record, error) {
	recs := make([]*record, 0, len(t.Rows))
	for _, row := range t.Rows {
		d := parseDomainName(row)
		if len(d.names) == 0 {
			if err := nameFromSiblings(&d, model, tech); err != nil {
				return nil, err
			}
		}

		cells, err := parseDomainCells(d.rest)
		if err != nil {
			return nil, fmt.Errorf("table %d: %w", t.Number, err)
		}

		recs = append(recs, newRecord(t.Category, d, cells, refs))
	}

	return recs, nil
}

// newRecord starts a record from its domain row.
func newRecord(cat Category, d domainRow, c domainCells, refs []Reference) *record {
	name := d.display()
	lib := Library{
		ID:        string(cat) + "/" + slug(name),
		Name:      name,
		Category:  cat,
		Area:      c.area,
		DataTypes: c.dataTypes,
		Datasets:  c.datasets,
		Tasks:     c.tasks,
	}

	if len(d.names) > 1 {
		lib.Aliases = append(lib.Aliases, d.names...)
	}

	lib.Aliases = append(lib.Aliases, d.aliases...)
	if short, ok := strings.CutSuffix(name, " toolbox"); ok {
		lib.Aliases = append(lib.Aliases, short)
	}

	for _, n := range d.refs {
		ref := Ref{N: n}
		if n >= 1 && n <= len(refs) {
			ref.Title = refs[n-1].Title
			lib.Aliases = append(lib.Aliases, titleAlias(name, ref.Title)...)
		}

		lib.Refs = append(lib.Refs, ref)
	}

	forms := []string{name}
	if len(d.aliases) > 0 {
		forms = append(forms, name+" ("+strings.Join(d.aliases, ", ")+")")
	}

	return &record{lib: lib, forms: forms}
}

// joinRows matches each row of a model or technology table to its record and
// fills the record's cells. A row that names no record ends the table: the
// page text after the last table is chrome.
func joinRows(recs []*record, t rawTable, add func(*record, string) error) error {
	done := map[*record]bool{}
	for _, row := range t.Rows {
		r, n := matchRecord(recs, row, done)
		if r == nil {
			break
		}

		done[r] = true
		if spelled := row[:n]; !r.hasForm(spelled) {
			r.lib.Aliases = append(r.lib.Aliases, spelled)
		}

		if err := add(r, row[n:]); err != nil {
			return fmt.Errorf("table %d, %s: %w", t.Number, r.lib.Name, err)
		}
	}

	return nil
}

// addModel fills a record from its model row.
func addModel(r *record, rest string) error {
	c, err := parseModelCells(rest)
	if err != nil {
		return err
	}

	r.lib.Models, r.lib.Frameworks = c.models, c.frameworks
	r.lib.Customization, r.lib.Languages = c.customization, c.languages
	r.haveModel = true

	return nil
}

// addTech fills a record from its technology row.
func addTech(r *record, rest string) error {
	c, err := parseTechCells(rest, append(r.lib.Names(), r.forms...))
	if err != nil {
		return err
	}

	l := &r.lib
	l.Interfaces, l.OnlineOffline, l.Maintenance = c.interfaces, c.onlineOffline, c.maintenance
	l.Source, l.Stars, l.Forks, l.Contributors = c.source, c.stars, c.forks, c.contributors
	l.Aliases = append(l.Aliases, repositoryAlias(l.Name, l.Source)...)
	r.haveTech = true

	return nil
}

// hasForm reports whether the record's name is printed as s.
func (r *record) hasForm(s string) bool {
	for _, f := range r.forms {
		if f == s {
			return true
		}
	}

	return false
}

// matchRecord finds the record a model or technology row starts with, among
// those not matched yet, and the length of the name in the row. An exact name
// wins; else a spelling one edit away ("ScLimibic", "COINCSTAC").
func matchRecord(recs []*record, row string, done map[*record]bool) (*record, int) {
	var best *record
	bestLen := 0
	for _, r := range recs {
		for _, f := range r.forms {
			if !done[r] && strings.HasPrefix(row, f) && len(f) > bestLen {
				best, bestLen = r, len(f)
			}
		}
	}

	if best != nil {
		return best, bestLen
	}

	return matchMisspelled(recs, row, done)
}

// matchMisspelled finds a record whose name is one edit away from a prefix of row.
func matchMisspelled(recs []*record, row string, done map[*record]bool) (*record, int) {
	const minLen = 5
	for _, r := range recs {
		if done[r] || len(r.lib.Name) < minLen {
			continue
		}

		name := r.lib.Name
		for n := len(name) - 1; n <= len(name)+1 && n <= len(row); n++ {
			if editDistance(row[:n], name) == 1 {
				return r, n
			}
		}
	}

	return nil, 0
}

// titleAlias returns the name a reference's title gives the library before its
// colon ("THINGSvision: A Python Toolbox ...") when it is another spelling of name.
func titleAlias(name, title string) []string {
	head, _, ok := strings.Cut(title, ":")
	if !ok || strings.Count(head, " ") > 3 {
		return nil
	}

	return nearName(name, head)
}

// repositoryAlias returns the repository's name ("hypothalamus_seg") when it
// is another spelling of the library's name ("hipotalamus_seg").
func repositoryAlias(name, source string) []string {
	seg := strings.TrimSuffix(source, "/")
	seg = seg[strings.LastIndexByte(seg, '/')+1:]

	return nearName(name, seg)
}

// nearName returns other when it spells name differently, within two edits.
func nearName(name, other string) []string {
	a, b := normalizeName(name), normalizeName(other)
	if a == b || b == "" || editDistance(a, b) > 2 {
		return nil
	}

	return []string{other}
}

// dedupeAliases drops empty aliases, repeats and the name itself.
func dedupeAliases(name string, aliases []string) []string {
	seen := map[string]bool{strings.ToLower(name): true}
	out := []string{}
	for _, a := range aliases {
		key := strings.ToLower(strings.TrimSpace(a))
		if key == "" || seen[key] {
			continue
		}

		seen[key] = true
		out = append(out, strings.TrimSpace(a))
	}

	return out
}

// slug turns a name into an id part: "LEAP, SLEAP" becomes "leap-sleap".
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
			continue
		}

		if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}

	return strings.TrimSuffix(b.String(), "-")
}

// editDistance is the Levenshtein distance between a and b, in bytes; the
// names it compares are ASCII.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}

	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}

			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}

		prev, cur = cur, prev
	}

	return prev[len(b)]
}
