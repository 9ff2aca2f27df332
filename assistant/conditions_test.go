package assistant

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/neuroguide/neuroguide/corpus"
	"github.com/neuroguide/neuroguide/retrieval"
)

func TestParseUsageConditions(t *testing.T) {
	a := newTestAssistant(t)
	stars, forks := corpus.UsageStars, corpus.UsageForks
	contribs := corpus.UsageContributors
	cond := func(u corpus.UsageCount, op retrieval.Op, n int) retrieval.Condition {
		return retrieval.Condition{Count: u, Op: op, Bound: n}
	}
	tests := []struct {
		name, question string
		want           []retrieval.Condition
	}{
		{"more than", "Which libraries have more than 1000 stars on GitHub?",
			[]retrieval.Condition{cond(stars, retrieval.OpAbove, 1000)}},
		{"1k", "libraries with over 1k stars",
			[]retrieval.Condition{cond(stars, retrieval.OpAbove, 1000)}},
		{"thousands group", "Which have 1,000 or more GitHub stars?",
			[]retrieval.Condition{cond(stars, retrieval.OpAtLeast, 1000)}},
		{"word number", "Which libraries have at least ten forks?",
			[]retrieval.Condition{cond(forks, retrieval.OpAtLeast, 10)}},
		{"hundred in words", "tools with fewer than a hundred stars",
			[]retrieval.Condition{cond(stars, retrieval.OpBelow, 100)}},
		{"no more than", "libraries with no more than 5 contributors",
			[]retrieval.Condition{cond(contribs, retrieval.OpAtMost, 5)}},
		{"count before", "Which libraries have a star count above 500?",
			[]retrieval.Condition{cond(stars, retrieval.OpAbove, 500)}},
		{"plus", "libraries with 20+ contributors",
			[]retrieval.Condition{cond(contribs, retrieval.OpAtLeast, 20)}},
		{"between", "Which libraries have between 100 and 500 stars?",
			[]retrieval.Condition{{Count: stars, Op: retrieval.OpBetween, Bound: 100, Upper: 500}}},
		{"single contributor", "Which libraries have a single contributor?",
			[]retrieval.Condition{cond(contribs, retrieval.OpEqual, 1)}},
		{"one-person", "Which are one-person projects?",
			[]retrieval.Condition{cond(contribs, retrieval.OpEqual, 1)}},
		{"no forks is zero", "Which libraries have no forks?",
			[]retrieval.Condition{cond(forks, retrieval.OpEqual, 0)}},
		{"no star count", "For which libraries does the review give no GitHub star count?",
			[]retrieval.Condition{{Count: stars, Op: retrieval.OpMissing}}},
		{"does not report", "Which libraries does the review not report forks for?",
			[]retrieval.Condition{{Count: forks, Op: retrieval.OpMissing}}},
		{"not given after", "libraries whose stars are not given",
			[]retrieval.Condition{{Count: stars, Op: retrieval.OpMissing}}},
		{"two conditions", "libraries with more than 100 stars and fewer than 5 contributors",
			[]retrieval.Condition{cond(stars, retrieval.OpAbove, 100),
				cond(contribs, retrieval.OpBelow, 5)}},
		{"top n is no bound", "What are the top 5 starred libraries?", nil},
		{"a superlative", "Which library has the most stars?", nil},
		{"a lookup", "How many stars does EEG-DL have on GitHub?", nil},
		{"more than one facet", "Which libraries handle more than one data type?", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := a.understand(tt.question).sel.Conditions
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("conditions of %q (-want +got):\n%s", tt.question, diff)
			}
		})
	}
}

func TestParseHostConditions(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		name, question string
		want           retrieval.HostCondition
	}{
		{"gitlab", "Which libraries have their code on GitLab?",
			retrieval.HostCondition{Hosts: []corpus.Host{corpus.HostGitLab}}},
		{"not on github", "Which libraries are not on GitHub?",
			retrieval.HostCondition{Hosts: []corpus.Host{corpus.HostGitHub}, Not: true}},
		{"other than", "How many image libraries are hosted somewhere other than GitHub?",
			retrieval.HostCondition{Hosts: []corpus.Host{corpus.HostGitHub}, Not: true}},
		{"two hosts", "libraries on GitLab or Bitbucket",
			retrieval.HostCondition{Hosts: []corpus.Host{corpus.HostGitLab, corpus.HostBitbucket}}},
		{"own site", "Which libraries are on their own website?",
			retrieval.HostCondition{Hosts: []corpus.Host{corpus.HostElsewhere}}},
		{"elsewhere", "Which libraries are hosted elsewhere?",
			retrieval.HostCondition{Hosts: []corpus.Host{corpus.HostGitHub}, Not: true}},
		{"github stars", "Which libraries have more than 1000 GitHub stars?",
			retrieval.HostCondition{}},
		{"popular on github", "Which EEG library is the most popular on GitHub?",
			retrieval.HostCondition{}},
		{"github link", "Whats the github link for SLEAP", retrieval.HostCondition{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := a.understand(tt.question).sel.Host
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("host of %q (-want +got):\n%s", tt.question, diff)
			}
		})
	}
}

func TestParseNumber(t *testing.T) {
	tests := []struct {
		name, text string
		want       int
		ok         bool
	}{
		{"digits", "1000", 1000, true},
		{"comma groups", "12,500", 12500, true},
		{"k", "1.5k", 1500, true},
		{"words", "twenty five", 25, true},
		{"hundreds", "two hundred and fifty", 250, true},
		{"a thousand", "a thousand", 1000, true},
		{"digits thousand", "2 thousand", 2000, true},
		{"single", "single", 1, true},
		{"no number", "many", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, _, ok := parseNumber(corpus.Terms(tt.text), 0)
			if got != tt.want || ok != tt.ok {
				t.Errorf("parseNumber(%q) = %d, %v; want %d, %v", tt.text, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestConditionAnswers(t *testing.T) {
	a := newTestAssistant(t)
	snapshot := "usage data were updated to 17 April 2023"
	tests := []struct {
		name, question string
		want           []string
		says           []string
	}{
		{"more than 1000 stars", "Which libraries have more than 1000 stars on GitHub?",
			[]string{"MONAI", "DeepLabCut", "nnU-Net", "VoxelMorph, HyperMorph", "TorchIO", "DLTK",
				"NiftyNet"},
			[]string{"**7 of 74**", "GitHub stars: 4000", "NiftyNet has a row in two categories",
				"7 libraries are left out for lack of the number", "DeLINEATE", snapshot}},
		{"single contributor", "Which libraries are one-person projects?",
			[]string{"EEG-DL", "SANTIA", "BART", "Brainstorm", "DeepBehavior", "DeepBhvTracking",
				"hipotalamus_seg", "Volume Segmantics", "PyCog", "TorchDIVA"},
			[]string{"**10 of 74**", "exactly 1 contributor", snapshot}},
		{"with a facet", "EEG libraries with more than 100 stars",
			[]string{"EEG-DL", "braindecode", "DeepEEG"},
			[]string{"**3 of 74**", "data type EEG and more than 100 GitHub stars"}},
		{"count with a facet", "How many image tools have over 500 stars?",
			[]string{"DeepLabCut", "nnU-Net", "VoxelMorph, HyperMorph", "DLTK", "NiftyNet",
				"ANTsX"},
			[]string{"**6 of 74**", "5 libraries are left out"}},
		{"missing stars", "For which libraries does the review give no GitHub star count?",
			[]string{"DeLINEATE", "ClinicaDL", "MesoNet", "ScLimbic", "SynthStrip", "MeDaS",
				"NeuroGym"},
			[]string{"**7 of 74**", "no GitHub star count given", snapshot}},
		{"gitlab", "Which libraries have their code on GitLab?",
			[]string{"DeepCINAC", "Fed-BioMed"}, []string{"**2 of 74**", "code on GitLab"}},
		{"not github in images", "How many image libraries are hosted somewhere other than GitHub?",
			[]string{"DeepCINAC", "DeepInfer", "DeLINEATE", "MesoNet", "MEYE", "ScLimbic"},
			[]string{"**6 of 74**", "code not on GitHub"}},
		{"nothing meets it", "Which libraries have more than 5000 stars?", nil,
			[]string{"**None** of the 74 libraries in the review have more than 5000 GitHub " +
				"stars.", "left out for lack of the number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ask(t, a, "", tt.question)
			got := slices.Clone(res.Libraries)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("libraries of %q (-want +got):\n%s", tt.question, diff)
			}

			for _, s := range tt.says {
				if !strings.Contains(res.Answer, s) {
					t.Errorf("answer to %q lacks %q:\n%s", tt.question, s, res.Answer)
				}
			}
		})
	}
}

func TestConditionChecksOfOneLibrary(t *testing.T) {
	a := newTestAssistant(t)
	tests := []struct {
		question string
		says     []string
	}{
		{"Does MONAI have more than 1000 stars?",
			[]string{"Yes: **MONAI** has 4000 GitHub stars (asked: more than 1000 GitHub stars)"}},
		{"Is DeepCINAC on GitHub?",
			[]string{"No: the code of **DeepCINAC** is on GitLab, https://gitlab.com/cossartlab/"}},
		{"Does ClinicaDL have fewer than 50 stars?",
			[]string{"No: the review gives no GitHub star count for **ClinicaDL**"}},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			res := ask(t, a, "", tt.question)
			for _, s := range tt.says {
				if !strings.Contains(res.Answer, s) {
					t.Errorf("answer to %q lacks %q:\n%s", tt.question, s, res.Answer)
				}
			}
		})
	}
}

func TestConditionFollowUp(t *testing.T) {
	a := newTestAssistant(t)
	ask(t, a, "cond-follow", "Which EEG libraries are there?")
	res := ask(t, a, "cond-follow", "which of those have more than 100 stars?")
	want := []string{"EEG-DL", "braindecode", "DeepEEG"}
	if diff := cmp.Diff(want, res.Libraries); diff != "" {
		t.Errorf("libraries of the follow-up (-want +got):\n%s\n%s", diff, res.Answer)
	}
}
