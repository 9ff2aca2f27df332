package main

import (
	"context"
	"flag"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseInterspersed(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantJSON bool
		wantRest []string
	}{
		{"flag first", []string{"--json", "What", "is", "DN3?"}, true,
			[]string{"What", "is", "DN3?"}},
		{"flag last", []string{"What is DN3?", "--json"}, true, []string{"What is DN3?"}},
		{"flag between", []string{"What", "-json", "is"}, true, []string{"What", "is"}},
		{"no flag", []string{"What is DN3?"}, false, []string{"What is DN3?"}},
		{"after the terminator", []string{"--", "--json"}, false, []string{"--json"}},
	}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("ask", flag.ContinueOnError)
			asJSON := fs.Bool("json", false, "")

			rest, err := parseInterspersed(fs, tt.args)
			if err != nil {
				t.Fatal(err)
			}

			if *asJSON != tt.wantJSON {
				t.Errorf("json = %v, want %v", *asJSON, tt.wantJSON)
			}
			if diff := cmp.Diff(tt.wantRest, rest); diff != "" {
				t.Errorf("rest (-want +got):\n%s", diff)
			}
		})
	}
}

func TestHelpListsCommands(t *testing.T) {
	for _, arg := range []string{"help", "-h", "--help"} {
		t.Run(arg, func(t *testing.T) {
			var out, errOut strings.Builder
			if err := run(context.Background(), []string{arg}, &out, &errOut); err != nil {
				t.Fatalf("run %s: %v", arg, err)
			}

			for _, cmd := range []string{"serve", "ask", "libraries", "eval"} {
				if !strings.Contains(out.String(), cmd+" ") {
					t.Errorf("%s: usage lacks %q:\n%s", arg, cmd, out.String())
				}
			}
		})
	}
}

// TestUsageErrors runs commands with arguments they do not take: each prints
// one line naming the problem and the command's usage line, exits 2, and does
// nothing else (serve starts no server).
func TestUsageErrors(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		wantFirst string
		wantUsage string
	}{
		{"serve with an extra word", []string{"serve", "extra-arg"},
			`neuroguide serve: unexpected argument "extra-arg"`, usageServe},
		{"default serve with flags and extra words", []string{"--addr", "127.0.0.1:0", "a", "b"},
			`neuroguide serve: unexpected arguments "a" "b"`, usageServe},
		{"libraries with an extra word", []string{"libraries", "extra"},
			`neuroguide libraries: unexpected argument "extra"`, usageLibraries},
		{"libraries --json with an extra word", []string{"libraries", "--json", "x y"},
			`neuroguide libraries: unexpected argument "x y"`, usageLibraries},
		{"eval with two files", []string{"eval", "a.jsonl", "b.jsonl"},
			`neuroguide eval: unexpected argument "b.jsonl"`, usageEval},
		{"eval without a file", []string{"eval"}, "neuroguide eval: no question file", usageEval},
		{"ask without a question", []string{"ask", "--json"}, "neuroguide ask: no question",
			usageAsk},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut strings.Builder
			err := run(context.Background(), tt.args, &out, &errOut)

			if got, want := exitCode(err), 2; got != want {
				t.Errorf("exit code = %d (err %v), want %d", got, err, want)
			}
			if out.Len() > 0 {
				t.Errorf("stdout = %q, want nothing", out.String())
			}
			want := tt.wantFirst + "\nusage: " + tt.wantUsage +
				" (neuroguide help lists every command)\n"
			if diff := cmp.Diff(want, errOut.String()); diff != "" {
				t.Errorf("stderr (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAskWarnsOfUnknownSettings(t *testing.T) {
	t.Chdir(t.TempDir())
	t.Setenv("NEUROGUIDE_LLM_PROVDER", "openai")

	var out, errOut strings.Builder
	if err := run(context.Background(), []string{"ask", "What is DN3?"}, &out, &errOut); err != nil {
		t.Fatalf("run ask: %v", err)
	}

	if want := "unknown settings ignored: NEUROGUIDE_LLM_PROVDER"; !strings.Contains(errOut.String(),
		want) {
		t.Errorf("stderr %q lacks %q", errOut.String(), want)
	}

	if !strings.Contains(out.String(), "DN3") {
		t.Errorf("no answer: %q", out.String())
	}
}
