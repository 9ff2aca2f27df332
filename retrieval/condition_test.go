package retrieval

import (
	"testing"

	"github.com/neuroguide/neuroguide/corpus"
)

func TestConditionHolds(t *testing.T) {
	n := func(v int) *int { return &v }
	lib := &corpus.Library{Stars: n(1000), Forks: n(0), Source: "gitlab.com/lab/tool"}
	bare := &corpus.Library{Source: "https://github.com/lab/tool"}
	tests := []struct {
		name string
		cond Condition
		lib  *corpus.Library
		want bool
	}{
		{"above fails at the bound", Condition{corpus.UsageStars, OpAbove, 1000, 0}, lib, false},
		{"at least holds at the bound", Condition{corpus.UsageStars, OpAtLeast, 1000, 0}, lib,
			true},
		{"below", Condition{corpus.UsageStars, OpBelow, 1001, 0}, lib, true},
		{"at most", Condition{corpus.UsageStars, OpAtMost, 999, 0}, lib, false},
		{"equal zero", Condition{corpus.UsageForks, OpEqual, 0, 0}, lib, true},
		{"between", Condition{corpus.UsageStars, OpBetween, 100, 1000}, lib, true},
		{"missing count meets no bound", Condition{corpus.UsageStars, OpBelow, 50, 0}, bare,
			false},
		{"missing count meets missing", Condition{corpus.UsageStars, OpMissing, 0, 0}, bare,
			true},
		{"given count is not missing", Condition{corpus.UsageStars, OpMissing, 0, 0}, lib, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cond.Holds(tt.lib); got != tt.want {
				t.Errorf("%v.Holds = %v, want %v", tt.cond, got, tt.want)
			}
		})
	}
}

func TestHostCondition(t *testing.T) {
	gitlab := &corpus.Library{Source: "https://gitlab.inria.fr/fedbiomed"}
	github := &corpus.Library{Source: "github.com/Project-MONAI/MONAI"}
	tests := []struct {
		name string
		cond HostCondition
		lib  *corpus.Library
		want bool
	}{
		{"on gitlab", HostCondition{Hosts: []corpus.Host{corpus.HostGitLab}}, gitlab, true},
		{"not on github", HostCondition{Hosts: []corpus.Host{corpus.HostGitHub}, Not: true},
			gitlab, true},
		{"github is github", HostCondition{Hosts: []corpus.Host{corpus.HostGitHub}, Not: true},
			github, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cond.Holds(tt.lib); got != tt.want {
				t.Errorf("%v.Holds = %v, want %v", tt.cond, got, tt.want)
			}
		})
	}
}

func TestSelectionWithConditions(t *testing.T) {
	n := func(v int) *int { return &v }
	sel := Selection{Conditions: []Condition{{corpus.UsageStars, OpAbove, 10, 0}}}
	if sel.Empty() {
		t.Fatal("a selection with a condition is empty")
	}

	if !sel.Matches(&corpus.Library{Stars: n(11)}) || sel.Matches(&corpus.Library{}) {
		t.Error("the condition is not tested by Matches")
	}

	if got := sel.Without(corpus.FacetTask).Conditions; len(got) != 1 {
		t.Errorf("Without dropped the conditions: %v", got)
	}
}
