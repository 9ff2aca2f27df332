package assistant

import (
	"slices"
	"strconv"
	"strings"

	"github.com/neuroguide/neuroguide/corpus"
	"github.com/neuroguide/neuroguide/retrieval"
)

// A condition is what a question asks of a usage count or of where the code
// is kept, beyond the facet vocabulary: "more than 1000 stars", "at least
// ten forks", "a single contributor", "no star count", "not on GitHub". The
// words are read here, by shape, into typed retrieval conditions; the
// selection then tests every record for them.

// comparator is a phrase that compares a count with a number, as stemmed terms.
type comparator struct {
	words []string
	op    retrieval.Op
}

// comparators are the phrases before a number, longest first within each
// meaning, so that "no more than" is read before "more than".
var comparators = func() []comparator {
	groups := []struct {
		op      retrieval.Op
		phrases []string
	}{
		{retrieval.OpAtMost, []string{"no more than", "not more than", "at most", "up to",
			"a maximum of", "maximum of", "max", "no greater than"}},
		{retrieval.OpAtLeast, []string{"no fewer than", "not fewer than", "no less than",
			"not less than", "at least", "a minimum of", "minimum of", "min"}},
		{retrieval.OpAbove, []string{"more than", "greater than", "larger than", "higher than",
			"bigger than", "in excess of", "upwards of", "upward of", "over", "above", "exceeding",
			"exceed", "beyond"}},
		{retrieval.OpBelow, []string{"fewer than", "less than", "lower than", "smaller than",
			"under", "below"}},
		{retrieval.OpEqual, []string{"exactly", "precisely", "just"}},
	}

	var out []comparator
	for _, g := range groups {
		for _, p := range g.phrases {
			out = append(out, comparator{words: stems(p), op: g.op})
		}
	}

	return out
}()

// postfixes follow a number: "100 or more", "50 or fewer", "10 and up".
var postfixes = func() []comparator {
	out := []comparator{}
	for _, p := range []string{"or more", "or greater", "or higher", "or above", "and up",
		"and above", "and over", "plus"} {
		out = append(out, comparator{words: stems(p), op: retrieval.OpAtLeast})
	}

	for _, p := range []string{"or fewer", "or less", "or lower", "or below", "and under",
		"and below"} {
		out = append(out, comparator{words: stems(p), op: retrieval.OpAtMost})
	}

	return out
}()

// countWords name each usage count; "person" counts contributors in "a
// one-person project".
var countWords = map[corpus.UsageCount][]string{
	corpus.UsageStars: stems("star stars starred stargazer stargazers"),
	corpus.UsageForks: stems("fork forks forked"),
	corpus.UsageContributors: stems("contributor contributors contributing contribut " +
		"developer developers maintainer maintainers committer committers person people man"),
}

// usageAt returns the usage count the term names, if any.
func usageAt(t string) (corpus.UsageCount, bool) {
	for _, u := range []corpus.UsageCount{corpus.UsageStars, corpus.UsageForks,
		corpus.UsageContributors} {
		if slices.Contains(countWords[u], t) {
			return u, true
		}
	}

	return "", false
}

// Words around a count that a condition may hold: "GitHub stars", "star
// count", "stars on GitHub", "contributors to the repository".
var (
	countQualifiers = stems("github repository repo a an the on its their of in to")
	figureWords     = stems("count counts number numbers figure figures data value values " +
		"info information statistic statistics stat stats tally")
	linkWords = stems("is are be was were has have had with whose of a an the total its " +
		"their github on")

	// missingWords say a count is not there: "missing star counts",
	// "star count unknown".
	missingWords = stems("missing lack lacking lacks unknown absent unavailable unreported " +
		"unlisted unspecified")

	// zeroWords before a count with no figure word make it zero: "no forks".
	zeroWords = stems("no zero without")

	// reportVerbs with a negation say the review gives no count: "does not
	// report stars", "gives no star count".
	reportVerbs = stems("give gives given report reports reported list lists listed " +
		"provide provides provided state states stated include includes included show " +
		"shows shown record records recorded mention mentions mentioned available")
)

// boundWords are the English number words a bound may be written in.
var boundWords = map[string]int{
	"zero": 0, "none": 0, "one": 1, "single": 1, "lone": 1, "solo": 1, "two": 2, "three": 3,
	"four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
	"eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
	"ninety": 90, "dozen": 12,
}

// stemmedNumbers are boundWords keyed by stemmed term.
var stemmedNumbers = func() map[string]int {
	out := make(map[string]int, len(boundWords))
	for w, n := range boundWords {
		out[stem(w)] = n
	}

	return out
}()

// Multipliers of written numbers.
var (
	hundredTerm  = stem("hundred")
	thousandTerm = stem("thousand")
)

// parseNumber reads a number at terms[i]: digits ("1000", "1,000" as the
// terms "1" "000", "1k", "1.5k", "20+"), or words ("ten", "a hundred",
// "two thousand", "twenty five"). It returns the number, the index after
// it, whether the number ended in "+", and whether there was one.
func parseNumber(terms []string, i int) (n, next int, plus, ok bool) {
	if i >= len(terms) {
		return 0, i, false, false
	}

	if n, next, plus, ok = parseDigits(terms, i); ok {
		return n, next, plus, true
	}

	n, next, ok = parseNumberWords(terms, i)

	return n, next, false, ok
}

// parseDigits reads a number written in digits, with its thousands groups,
// a "k" for thousands and a trailing "+".
func parseDigits(terms []string, i int) (int, int, bool, bool) {
	t := terms[i]
	plus := strings.HasSuffix(t, "+")
	t = strings.TrimSuffix(t, "+")
	mult := 1.0
	if strings.HasSuffix(t, "k") {
		t, mult = strings.TrimSuffix(t, "k"), 1000
	}

	f, err := strconv.ParseFloat(t, 64)
	if err != nil || t == "" || strings.ContainsAny(t, "eE") {
		return 0, i, false, false
	}

	next := i + 1
	for mult == 1 && !plus && len(t) <= 3 && next < len(terms) && isDigitGroup(terms[next]) {
		// "1,000" and "12,500" are split at their commas.
		f = f*1000 + float64(mustAtoi(terms[next]))
		next++
	}

	if next < len(terms) && terms[next] == thousandTerm {
		mult, next = 1000, next+1
	}

	return int(f * mult), next, plus, true
}

// isDigitGroup reports whether a term is a thousands group: three digits.
func isDigitGroup(t string) bool {
	if len(t) != 3 {
		return false
	}

	_, err := strconv.Atoi(t)

	return err == nil
}

// mustAtoi converts a term known to be digits.
func mustAtoi(t string) int {
	n, _ := strconv.Atoi(t)
	return n
}

// parseNumberWords reads a number written in words: "ten", "twenty five",
// "a hundred", "two hundred and fifty", "a thousand".
func parseNumberWords(terms []string, i int) (int, int, bool) {
	total, cur, seen, j := 0, 0, false, i
	for ; j < len(terms); j++ {
		t := terms[j]
		n, isNum := stemmedNumbers[t]
		switch {
		case isNum:
			cur += n
		case t == hundredTerm:
			cur = max(cur, 1) * 100
		case t == thousandTerm:
			total, cur = total+max(cur, 1)*1000, 0
		case (t == "a" || t == "an") && !seen && j+1 < len(terms) &&
			(terms[j+1] == hundredTerm || terms[j+1] == thousandTerm):
			continue
		case t == "and" && seen && j+1 < len(terms) && stemmedNumbers[terms[j+1]] > 0:
			continue
		default:
			return total + cur, j, seen
		}

		seen = true
	}

	return total + cur, j, seen
}

// condMatch is a condition a question sets and the terms that set it.
type condMatch struct {
	cond       retrieval.Condition
	start, end int
}

// findConditions reads the question's usage and host conditions into its
// selection, and marks their terms so that no facet, field or cue reads them
// again: "more" in "more than 1000 stars" asks for no ranking.
func (a *Assistant) findConditions(q *question) {
	q.inCond = make([]bool, len(q.terms))
	for _, m := range usageConditions(q.terms) {
		if !slices.Contains(q.sel.Conditions, m.cond) {
			// "one person, i.e. a single contributor" says it twice.
			q.sel.Conditions = append(q.sel.Conditions, m.cond)
		}

		markSpan(q.inCond, m.start, m.end)
	}

	if h, spans := hostCondition(q.terms, q.inCond); len(h.Hosts) > 0 {
		q.sel.Host = h
		for _, sp := range spans {
			markSpan(q.inCond, sp[0], sp[1])
		}
	}

	if !slices.Contains(q.inCond, true) {
		return
	}

	// A facet read from a condition's words is no facet: "single" is a count.
	// Nor is one read from the words of a field the tables lack that the
	// condition answers: "maintained" in "maintained by one person, i.e. a
	// single contributor".
	answered := a.answeredSpans(q)
	a.dropFacets(q, func(m corpus.Match) bool {
		return slices.ContainsFunc(matchSpans(m), func(sp [2]int) bool {
			return spanMarked(q.inCond, sp[0], sp[1]) || spanMarked(answered, sp[0], sp[1])
		})
	})
}

// answeredSpans marks the words of the fields the tables lack that a
// condition of the question answers.
func (a *Assistant) answeredSpans(q *question) []bool {
	mask := make([]bool, len(q.terms))
	for _, m := range a.absentIn(q) {
		if answeredBy(q, m.Field) {
			markSpan(mask, m.Start, m.End)
		}
	}

	return mask
}

// dropFacets drops the question's facets that drop reports, and selects
// again from those kept, with the same conditions.
func (a *Assistant) dropFacets(q *question, drop func(corpus.Match) bool) {
	kept := slices.DeleteFunc(slices.Clone(q.facets), drop)
	if len(kept) == len(q.facets) {
		return
	}

	conds, host := q.sel.Conditions, q.sel.Host
	q.facets = kept
	q.sel = a.selection(q, kept)
	q.sel.Conditions, q.sel.Host = conds, host
}

// markSpan marks terms [start, end).
func markSpan(mask []bool, start, end int) {
	for i := start; i < end && i < len(mask); i++ {
		mask[i] = true
	}
}

// spanMarked reports whether any term of [start, end) is marked.
func spanMarked(mask []bool, start, end int) bool {
	return slices.Contains(mask[start:min(end, len(mask))], true)
}

// usageConditions reads every usage condition of the terms, left to right.
func usageConditions(terms []string) []condMatch {
	var out []condMatch
	for i := 0; i < len(terms); {
		m, ok := conditionAt(terms, i)
		if !ok {
			i++
			continue
		}

		out = append(out, m)
		i = m.end
	}

	return out
}

// conditionAt reads a usage condition that starts at terms[i].
func conditionAt(terms []string, i int) (condMatch, bool) {
	readers := []func([]string, int) (condMatch, bool){missingAt, betweenAt, comparedAt,
		zeroAt, bareAt}
	for _, read := range readers {
		if m, ok := read(terms, i); ok {
			return m, true
		}
	}

	return condMatch{}, false
}

// phraseAt reports whether a phrase starts at terms[i].
func phraseAt(terms []string, i int, phrase []string) bool {
	return i+len(phrase) <= len(terms) && slices.Equal(terms[i:i+len(phrase)], phrase)
}

// comparatorAt returns the comparator that starts at terms[i] and where it ends.
func comparatorAt(terms []string, i int, list []comparator) (retrieval.Op, int, bool) {
	for _, c := range list {
		if phraseAt(terms, i, c.words) {
			return c.op, i + len(c.words), true
		}
	}

	return 0, i, false
}

// countAfter finds the usage count named at terms[j], after qualifiers
// ("GitHub stars", "the repository's contributors"); it returns the count
// and the end of its phrase, with a figure word and "on GitHub" after it.
func countAfter(terms []string, j int) (corpus.UsageCount, int, bool) {
	for k := j; k < len(terms) && k <= j+2; k++ {
		if u, ok := usageAt(terms[k]); ok {
			return u, countTail(terms, k+1), true
		}

		if !slices.Contains(countQualifiers, terms[k]) {
			break
		}
	}

	return "", j, false
}

// countTail extends a count's phrase over a figure word and "on GitHub".
func countTail(terms []string, k int) int {
	if k < len(terms) && slices.Contains(figureWords, terms[k]) {
		k++
	}

	for _, tail := range [][]string{{"on", "github"}, {"in", "github"}, {"github"}} {
		if phraseAt(terms, k, tail) {
			return k + len(tail)
		}
	}

	return k
}

// countBefore finds a usage count written before a comparator at terms[i]:
// "stars over 500", "whose star count is above 1000". It returns the count
// and the start of its phrase.
func countBefore(terms []string, i int) (corpus.UsageCount, int, bool) {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if u, ok := usageAt(terms[k]); ok {
			start := k
			if k > 0 && terms[k-1] == "github" {
				start--
			}

			return u, start, true
		}

		if !slices.Contains(linkWords, terms[k]) && !slices.Contains(figureWords, terms[k]) {
			break
		}
	}

	return "", i, false
}

// comparedAt reads "more than 1000 stars", "at least ten forks", "stars over
// 500", "100 or more forks", "20+ contributors".
func comparedAt(terms []string, i int) (condMatch, bool) {
	op, j, hasOp := comparatorAt(terms, i, comparators)
	if !hasOp {
		return postfixedAt(terms, i)
	}

	n, k, _, ok := parseNumber(terms, j)
	if !ok {
		return condMatch{}, false
	}

	if u, end, ok := countAfter(terms, k); ok {
		return condMatch{retrieval.Condition{Count: u, Op: op, Bound: n}, i, end}, true
	}

	if u, start, ok := countBefore(terms, i); ok && !isTopN(terms, i) {
		return condMatch{retrieval.Condition{Count: u, Op: op, Bound: n}, start, k}, true
	}

	return condMatch{}, false
}

// postfixedAt reads a number with its comparator after it: "100 or more
// forks", "1000 stars or more", "20+ contributors".
func postfixedAt(terms []string, i int) (condMatch, bool) {
	n, k, plus, ok := parseNumber(terms, i)
	if !ok || isTopN(terms, i) {
		return condMatch{}, false
	}

	op, after, hasOp := comparatorAt(terms, k, postfixes)
	if hasOp {
		if u, end, ok := countAfter(terms, after); ok {
			return condMatch{retrieval.Condition{Count: u, Op: op, Bound: n}, i, end}, true
		}
	}

	u, end, ok := countAfter(terms, k)
	if !ok {
		return condMatch{}, false
	}

	if op, after, hasOp := comparatorAt(terms, end, postfixes); hasOp {
		return condMatch{retrieval.Condition{Count: u, Op: op, Bound: n}, i, after}, true
	}

	if plus {
		return condMatch{retrieval.Condition{Count: u, Op: retrieval.OpAtLeast, Bound: n}, i,
			end}, true
	}

	return condMatch{}, false
}

// isTopN reports whether a number at terms[i] counts the answers, not a
// bound: "top 5 starred", "the 3 most forked".
func isTopN(terms []string, i int) bool {
	before := i > 0 && slices.Contains(stems("top first best"), terms[i-1])
	after := i+1 < len(terms) && (hasAny(terms[i+1:i+2], rankMost) ||
		hasAny(terms[i+1:i+2], rankLeast))

	return before || after
}

// betweenAt reads "between 100 and 500 stars" and "from 10 to 50 forks".
func betweenAt(terms []string, i int) (condMatch, bool) {
	if terms[i] != "between" && terms[i] != "from" {
		return condMatch{}, false
	}

	lo, j, _, ok := parseNumber(terms, i+1)
	if !ok || j >= len(terms) || (terms[j] != "and" && terms[j] != "to") {
		return condMatch{}, false
	}

	hi, k, _, ok := parseNumber(terms, j+1)
	if !ok {
		return condMatch{}, false
	}

	lo, hi = min(lo, hi), max(lo, hi)
	c := retrieval.Condition{Op: retrieval.OpBetween, Bound: lo, Upper: hi}
	if u, end, ok := countAfter(terms, k); ok {
		c.Count = u
		return condMatch{c, i, end}, true
	}

	if u, start, ok := countBefore(terms, i); ok {
		c.Count = u
		return condMatch{c, start, k}, true
	}

	return condMatch{}, false
}

// bareAt reads a number written right before a count, with no comparator:
// "a single contributor", "one-person projects", "5 contributors".
func bareAt(terms []string, i int) (condMatch, bool) {
	n, k, _, ok := parseNumber(terms, i)
	if !ok || isTopN(terms, i) || k >= len(terms) {
		return condMatch{}, false
	}

	u, ok := usageAt(terms[k])
	if !ok && terms[k] == "github" && k+1 < len(terms) {
		u, ok = usageAt(terms[k+1])
		k++
	}

	if !ok {
		return soloAt(terms, i)
	}

	start := i
	if i > 0 && terms[i-1] == "a" && n == 1 {
		start--
	}

	c := retrieval.Condition{Count: u, Op: retrieval.OpEqual, Bound: n}

	return condMatch{c, start, countTail(terms, k+1)}, true
}

// soloAt reads "solo" alone as one contributor: "solo projects".
func soloAt(terms []string, i int) (condMatch, bool) {
	if terms[i] != "solo" {
		return condMatch{}, false
	}

	c := retrieval.Condition{Count: corpus.UsageContributors, Op: retrieval.OpEqual, Bound: 1}

	return condMatch{c, i, i + 1}, true
}

// zeroAt reads "no forks" and "zero stars" as a count of zero; a figure
// word after the count ("no fork count") asks for a missing count instead.
func zeroAt(terms []string, i int) (condMatch, bool) {
	if !slices.Contains(zeroWords, terms[i]) {
		return condMatch{}, false
	}

	u, end, ok := countAfter(terms, i+1)
	if !ok || slices.ContainsFunc(terms[i+1:end], func(t string) bool {
		return slices.Contains(figureWords, t)
	}) {
		return condMatch{}, false
	}

	c := retrieval.Condition{Count: u, Op: retrieval.OpEqual, Bound: 0}

	return condMatch{c, i, end}, true
}

// missingAt reads a count the review does not give: "no GitHub star
// count", "missing star counts", "without fork data", "does not report
// stars", "star count unknown", "stars not given".
func missingAt(terms []string, i int) (condMatch, bool) {
	c := retrieval.Condition{Op: retrieval.OpMissing}
	neg := slices.Contains(negators, terms[i]) || slices.Contains(missingWords, terms[i])
	if neg {
		from := i + 1
		for from < len(terms) && from <= i+2 && slices.Contains(reportVerbs, terms[from]) {
			from++
		}

		if u, end, ok := countAfter(terms, from); ok && (from > i+1 || hasFigure(terms, i, end) ||
			slices.Contains(missingWords, terms[i])) {
			c.Count = u
			return condMatch{c, i, end}, true
		}
	}

	u, ok := usageAt(terms[i])
	if !ok {
		return condMatch{}, false
	}

	end := countTail(terms, i+1)
	for k := end; k < len(terms) && k <= end+2; k++ {
		if slices.Contains(missingWords, terms[k]) ||
			k > 0 && terms[k-1] == "not" && slices.Contains(reportVerbs, terms[k]) {
			c.Count = u
			return condMatch{c, i, k + 1}, true
		}

		if !slices.Contains(linkWords, terms[k]) && terms[k] != "not" {
			break
		}
	}

	return condMatch{}, false
}

// hasFigure reports whether a figure word stands in terms[i:end].
func hasFigure(terms []string, i, end int) bool {
	return slices.ContainsFunc(terms[i:end], func(t string) bool {
		return slices.Contains(figureWords, t)
	})
}

// hostWords name where code is kept; "elsewhere" and "somewhere else" mean
// off GitHub, "own website" a site of the project's own.
var hostWords = map[string]corpus.Host{
	"github": corpus.HostGitHub, "gitlab": corpus.HostGitLab, "bitbucket": corpus.HostBitbucket,
}

// Words of host conditions, as stemmed terms.
var (
	// hostNegators before a host make the condition "not on it": "not on
	// GitHub", "outside GitHub", "other than GitHub", "off GitHub".
	hostNegators = stems("not no non without outside off except excluding never t")
	hostNegPairs = [][]string{stems("other than"), stems("rather than"), stems("apart from"),
		stems("instead of")}

	// hostGap are the words that may stand between a negator and its host:
	// "not hosted on GitHub", "aren't on GitHub".
	hostGap = stems("on in at hosted host kept stored available code the a")

	// elsewhereWords mean a host other than GitHub: "hosted elsewhere".
	elsewhereWords = stems("elsewhere")

	// ownSitePhrases name a project's own website.
	ownSitePhrases = [][]string{stems("own website"), stems("own site"), stems("own page"),
		stems("own server"), stems("own domain"), stems("self hosted"), stems("project website"),
		stems("personal website"), stems("institutional website"), stems("somewhere else")}

	// hostNotCondition follow a host's name that asks for a field or a count,
	// not where code is: "GitHub link", "GitHub numbers".
	hostNotCondition = stems("link links url urls address page account profile number " +
		"numbers count counts data statistic statistics metric metrics")
)

// hostCondition reads where the question asks the code to be kept: "on
// GitLab", "not on GitHub", "somewhere other than GitHub", "hosted
// elsewhere", "on their own website". A host's name that qualifies a count
// ("GitHub stars", "most popular on GitHub") or asks for a field ("GitHub
// link") sets no condition. It returns the condition and its spans.
func hostCondition(terms []string, inCond []bool) (retrieval.HostCondition, [][2]int) {
	var on, off []corpus.Host
	var spans [][2]int
	for i, t := range terms {
		host, ok := hostWords[t]
		if !ok || inCond[i] || nearUsage(terms, i) ||
			i+1 < len(terms) && slices.Contains(hostNotCondition, terms[i+1]) {
			continue
		}

		start, neg := hostNegation(terms, i)
		spans = append(spans, [2]int{start, i + 1})
		if neg && !slices.Contains(off, host) {
			off = append(off, host)
		} else if !neg && !slices.Contains(on, host) {
			on = append(on, host)
		}
	}

	// "on GitLab, not GitHub": being on one host is being on no other.
	switch {
	case len(on) > 0:
		return retrieval.HostCondition{Hosts: on}, spans
	case len(off) > 0:
		return retrieval.HostCondition{Hosts: off, Not: true}, spans
	}

	return elsewhereCondition(terms)
}

// nearUsage reports whether a usage word stands within two terms of
// terms[i]: "GitHub stars", "stars on GitHub", "popular on GitHub".
func nearUsage(terms []string, i int) bool {
	for k := max(0, i-2); k < len(terms) && k <= i+2; k++ {
		if f, ok := fieldWords[terms[k]]; ok && k != i && isUsageCount(f) {
			return true
		}
	}

	return false
}

// hostNegation reports whether a negation stands before the host at
// terms[i], across the words of hostGap, and where the condition's words start.
func hostNegation(terms []string, i int) (int, bool) {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		if slices.Contains(hostNegators, terms[j]) {
			return j, true
		}

		for _, p := range hostNegPairs {
			if j+1 >= len(p) && slices.Equal(terms[j+1-len(p):j+1], p) {
				return placeBefore(terms, j+1-len(p)), true
			}
		}

		if !slices.Contains(hostGap, terms[j]) && !slices.Contains(stems("somewhere"),
			terms[j]) {
			break
		}
	}

	return i, false
}

// placeWords stand before "other than": "somewhere other than GitHub".
var placeWords = stems("somewhere anywhere anything something site sites place places")

// placeBefore returns the start of a host negation with the place word before it.
func placeBefore(terms []string, i int) int {
	if i > 0 && slices.Contains(placeWords, terms[i-1]) {
		return i - 1
	}

	return i
}

// elsewhereCondition reads a host named by no name: "hosted elsewhere"
// (not GitHub), "on their own website" (a site other than the three).
func elsewhereCondition(terms []string) (retrieval.HostCondition, [][2]int) {
	for i, t := range terms {
		if slices.Contains(elsewhereWords, t) {
			return retrieval.HostCondition{Hosts: []corpus.Host{corpus.HostGitHub}, Not: true},
				[][2]int{{i, i + 1}}
		}

		for _, p := range ownSitePhrases {
			if phraseAt(terms, i, p) {
				h := retrieval.HostCondition{Hosts: []corpus.Host{corpus.HostElsewhere}}
				if p[0] == stem("somewhere") {
					h = retrieval.HostCondition{Hosts: []corpus.Host{corpus.HostGitHub}, Not: true}
				}

				return h, [][2]int{{i, i + len(p)}}
			}
		}
	}

	return retrieval.HostCondition{}, nil
}
