package retrieval

import (
	"fmt"
	"slices"
	"strings"

	"github.com/neuroguide/neuroguide/corpus"
)

// Op is how a condition compares a record's usage count with its bounds.
type Op int

// The comparisons a condition makes. OpMissing holds for a record whose
// count the review does not give; every other comparison fails on it.
const (
	OpAbove   Op = iota // more than Bound
	OpAtLeast           // Bound or more
	OpBelow             // fewer than Bound
	OpAtMost            // Bound or fewer
	OpEqual             // exactly Bound
	OpBetween           // Bound to Upper, both included
	OpMissing           // no count given
)

// Condition is a typed test of one usage count of the review's snapshot:
// "more than 1000 stars" is {UsageStars, OpAbove, 1000, 0}.
type Condition struct {
	Count corpus.UsageCount
	Op    Op
	Bound int
	Upper int
}

// Holds reports whether the record meets the condition. A record whose count
// is missing meets only OpMissing.
func (c Condition) Holds(l *corpus.Library) bool {
	n := l.Count(c.Count)
	if c.Op == OpMissing || n == nil {
		return c.Op == OpMissing && n == nil
	}

	switch c.Op {
	case OpAbove:
		return *n > c.Bound
	case OpAtLeast:
		return *n >= c.Bound
	case OpBelow:
		return *n < c.Bound
	case OpAtMost:
		return *n <= c.Bound
	case OpEqual:
		return *n == c.Bound
	case OpBetween:
		return *n >= c.Bound && *n <= c.Upper
	}

	return false
}

// String renders the condition as an answer states it: "more than 1000
// GitHub stars", "no GitHub star count given".
func (c Condition) String() string {
	what := c.Count.Describe()
	switch c.Op {
	case OpAbove:
		return fmt.Sprintf("more than %d %s", c.Bound, what)
	case OpAtLeast:
		return fmt.Sprintf("at least %d %s", c.Bound, what)
	case OpBelow:
		return fmt.Sprintf("fewer than %d %s", c.Bound, what)
	case OpAtMost:
		return fmt.Sprintf("at most %d %s", c.Bound, what)
	case OpEqual:
		if c.Bound == 1 {
			what = strings.TrimSuffix(what, "s")
		}

		return fmt.Sprintf("exactly %d %s", c.Bound, what)
	case OpBetween:
		return fmt.Sprintf("between %d and %d %s", c.Bound, c.Upper, what)
	case OpMissing:
		return fmt.Sprintf("no %s count given", strings.TrimSuffix(what, "s"))
	}

	return what
}

// HostCondition selects records by where their source is kept: those on one
// of Hosts, or, when Not is set, those on none of them.
type HostCondition struct {
	Hosts []corpus.Host
	Not   bool
}

// Holds reports whether the record's source is (or, with Not, is not) on
// one of the hosts.
func (h HostCondition) Holds(l *corpus.Library) bool {
	return slices.Contains(h.Hosts, l.Host()) != h.Not
}

// String renders the condition: "code on GitLab", "code not on GitHub".
func (h HostCondition) String() string {
	names := make([]string, len(h.Hosts))
	for i, host := range h.Hosts {
		names[i] = hostPhrase(host)
	}

	verb := "code"
	if h.Not {
		verb = "code not"
	}

	return verb + " " + strings.Join(names, " or ")
}

// hostPhrase names a host after "code": "on GitHub", "hosted elsewhere".
func hostPhrase(h corpus.Host) string {
	if h == corpus.HostElsewhere {
		return "on a site other than GitHub, GitLab or Bitbucket"
	}

	return "on " + string(h)
}
