// Command neuroguide is the Neuroguide assistant: it answers questions about
// the review "An Overview of Open Source Deep Learning-Based Libraries for
// Neuroscience" in a web chat, on the terminal, or over a question file.
//
// Usage:
//
//	neuroguide [serve] [--addr host:port]   serve the web chat (the default)
//	neuroguide ask [--json] "question"      answer one question on the terminal
//	neuroguide libraries [--json]           list the review's 74 library records
//	neuroguide eval [flags] FILE            score answers to a JSONL question file
//
// Settings come from the environment and from a .env file in the working
// directory; every setting is named NEUROGUIDE_... (see .env.example).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/neuroguide/neuroguide/assistant/eval"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	if err != nil && !errors.Is(err, errUsage) {
		fmt.Fprintln(os.Stderr, "neuroguide:", err)
	}

	os.Exit(exitCode(err))
}

// isHelp reports whether arg asks for the usage text.
func isHelp(arg string) bool {
	return arg == "-h" || arg == "-help" || arg == "--help"
}

// parseInterspersed parses fs's flags wherever they stand among args, so that
// `ask "question" --json` works as `ask --json "question"` does, and returns
// the other arguments in order. "--" ends the flags.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}

		left := fs.Args()
		if used := len(args) - len(left); used > 0 && args[used-1] == "--" {
			return append(rest, left...), nil
		}

		if len(left) == 0 {
			return rest, nil
		}

		rest = append(rest, left[0])
		args = left[1:]
	}
}

// errUsage marks an error whose message was already printed as usage help.
var errUsage = errors.New("usage")

// errBelowThreshold is returned by eval when a score is under its threshold.
var errBelowThreshold = eval.ErrBelowThreshold

// exitCode maps run's error to the process's exit status.
func exitCode(err error) int {
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.Is(err, errBelowThreshold):
		return 3
	}

	return 1
}

// run parses the subcommand and runs it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := loadConfig(os.Environ())
	if err != nil {
		return err
	}

	cmd, rest := "serve", args
	if len(args) > 0 && (!strings.HasPrefix(args[0], "-") || isHelp(args[0])) {
		cmd, rest = args[0], args[1:]
	}

	if cmd == "ask" || cmd == "eval" {
		// serve logs them; a command at the terminal says so on stderr.
		warnUnknown(cfg, stderr)
	}

	switch cmd {
	case "serve":
		return serve(ctx, cfg, rest, stdout, stderr)
	case "ask":
		return ask(ctx, cfg, rest, stdout, stderr)
	case "libraries":
		return libraries(rest, stdout, stderr)
	case "eval":
		return evaluate(ctx, cfg, rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}

	fmt.Fprintf(stderr, "neuroguide: unknown command %q\n\n%s", cmd, usage)

	return errUsage
}

// warnUnknown tells on stderr which settings with the project's prefix name
// no setting, most likely misspelt ("NEUROGUIDE_LLM_PROVDER").
func warnUnknown(cfg Config, stderr io.Writer) {
	if len(cfg.unknown) > 0 {
		fmt.Fprintf(stderr, "neuroguide: unknown settings ignored: %s\n",
			strings.Join(cfg.unknown, ", "))
	}
}

// The usage line of each command; usage lists them all.
const (
	usageServe     = `neuroguide [serve] [--addr host:port]`
	usageAsk       = `neuroguide ask [--json] "question"`
	usageLibraries = `neuroguide libraries [--json]`
	usageEval      = `neuroguide eval [flags] FILE`
)

var usage = fmt.Sprintf(`Usage:
  %-38s  serve the web chat (default 127.0.0.1:8080)
  %-38s  answer one question on the terminal
  %-38s  list the review's library records
  %-38s  score answers to a JSONL question file

Settings are read from the environment and .env (see .env.example).
`, usageServe, usageAsk, usageLibraries, usageEval)

// unexpectedArgs tells stderr that cmd got arguments it does not take: one
// line naming them, then the command's usage line. It returns errUsage.
func unexpectedArgs(stderr io.Writer, cmd, usageLine string, args []string) error {
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = strconv.Quote(a)
	}

	noun := "argument"
	if len(args) > 1 {
		noun = "arguments"
	}

	return usageError(stderr, cmd, usageLine, "unexpected "+noun+" "+strings.Join(quoted, " "))
}

// usageError tells stderr what is wrong with cmd's arguments, on one line, and
// then the command's usage line. It returns errUsage.
func usageError(stderr io.Writer, cmd, usageLine, problem string) error {
	fmt.Fprintf(stderr, "neuroguide %s: %s\n", cmd, problem)
	fmt.Fprintf(stderr, "usage: %s (neuroguide help lists every command)\n", usageLine)

	return errUsage
}
