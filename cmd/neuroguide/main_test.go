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
