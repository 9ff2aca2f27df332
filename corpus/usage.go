package corpus

import (
	"net/url"
	"strings"
)

// UsageCount is one count of the review's usage snapshot of a repository.
type UsageCount string

// The usage counts the technology tables give for each library.
const (
	UsageStars        UsageCount = "stars"
	UsageForks        UsageCount = "forks"
	UsageContributors UsageCount = "contributors"
)

// Describe names the count in an answer: "GitHub stars", "forks".
func (u UsageCount) Describe() string {
	if u == UsageStars {
		return "GitHub stars"
	}

	return string(u)
}

// Count returns the record's value of a usage count, or nil when the review
// gives it as "(*)" or leaves it empty.
func (l *Library) Count(u UsageCount) *int {
	switch u {
	case UsageForks:
		return l.Forks
	case UsageContributors:
		return l.Contributors
	case UsageStars:
		return l.Stars
	}

	return nil
}

// Host is where a library's source is kept, as its source link shows.
type Host string

// The hosts a source link can name; HostElsewhere is any other site: a
// project's own website, a wiki, a documentation or data site.
const (
	HostGitHub    Host = "GitHub"
	HostGitLab    Host = "GitLab"
	HostBitbucket Host = "Bitbucket"
	HostElsewhere Host = "elsewhere"
)

// Hosts lists the hosts in the order answers describe them.
var Hosts = []Host{HostGitHub, HostGitLab, HostBitbucket, HostElsewhere}

// SourceHost returns the host name of the record's source link
// ("gitlab.inria.fr"), or "" when the link has none.
func (l *Library) SourceHost() string {
	u, err := url.Parse(l.SourceURL())
	if err != nil {
		return ""
	}

	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// Host returns where the record's source is kept, read from its link's host
// name: github.com, a GitLab instance (gitlab.com, gitlab.inria.fr),
// bitbucket.org, or elsewhere. A GitHub Pages site (neurogym.github.io) is
// a website, not a repository, so it is elsewhere.
func (l *Library) Host() Host {
	h := l.SourceHost()
	switch {
	case h == "github.com":
		return HostGitHub
	case h == "gitlab.com" || strings.HasPrefix(h, "gitlab.") || strings.Contains(h, ".gitlab."):
		return HostGitLab
	case h == "bitbucket.org":
		return HostBitbucket
	}

	return HostElsewhere
}
