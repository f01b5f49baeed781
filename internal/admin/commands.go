package admin

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"careergraph/internal/apierr"
	"careergraph/internal/cmdline"
	"careergraph/internal/store"
)

// A command's arguments are checked in full before the database is opened: Parse turns them into
// an Action, and only then does the caller open (and migrate) the store and run it. A typo or
// `--help` therefore never creates a database file or touches a schema.

// Action is a command whose arguments were checked; it runs against an open store.
type Action func(ctx context.Context, st *store.Store) error

// IO is what commands read from and write to.
type IO struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string
}

// ErrHelp is returned by Parse once it has printed the usage that --help asked for: there is
// nothing to run, and nothing went wrong.
var ErrHelp = errors.New("help requested")

// spec describes one command: its words, its synopsis and what it does, and how it reads its
// flags and operands into an Action.
type spec struct {
	name, synopsis, summary string
	// define declares the command's flags on fs and returns what checks the operands (the
	// arguments after the flags) and builds the Action.
	define func(fs *flag.FlagSet, o IO) func(operands []string) (Action, error)
}

// usageLine is the command's words and synopsis.
func (s spec) usageLine() string { return strings.TrimSpace(s.name + " " + s.synopsis) }

// Commands returns the database commands' usage, one command per paragraph, for --help.
func Commands() string {
	var b strings.Builder
	for _, s := range specs() {
		fmt.Fprintf(&b, "  careergraph %s\n%s", s.usageLine(), indent(s.summary))
	}
	return b.String()
}

func indent(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		b.WriteString("                         " + line + "\n")
	}
	return b.String()
}

// Is reports whether args start with the words of a database command, or a group of them
// (`user`, `apikey`).
func Is(args []string) bool {
	if len(args) == 0 {
		return false
	}
	for _, s := range specs() {
		if strings.SplitN(s.name, " ", 2)[0] == args[0] {
			return true
		}
	}
	return false
}

// Parse checks the arguments of a database command (`user disable --email …`) and returns what
// to run. `--help` anywhere prints the command's usage to o.Stdout and returns ErrHelp.
func Parse(args []string, o IO) (Action, error) {
	s, rest, err := find(args)
	if err != nil {
		if len(args) > 0 && cmdline.WantsHelp(args[1:]) {
			fmt.Fprint(o.Stdout, groupUsage(args[0]))
			return nil, ErrHelp
		}
		return nil, err
	}
	fs := flag.NewFlagSet("careergraph "+s.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	finish := s.define(fs, o)
	if err := fs.Parse(rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(o.Stdout, s, fs)
			return nil, ErrHelp
		}
		if f, ok := cmdline.UnknownFlag(err); ok && f == "password" {
			return nil, fmt.Errorf("%s takes no --password flag: a password on the command line ends up in the shell's history; set %s or write it on standard input", s.name, PasswordEnv)
		}
		return nil, cmdline.Error(fs, s.name, "careergraph "+s.name, err)
	}
	if cmdline.WantsHelp(fs.Args()) {
		printUsage(o.Stdout, s, fs)
		return nil, ErrHelp
	}
	return finish(fs.Args())
}

// find returns the command args name and the arguments after its words.
func find(args []string) (spec, []string, error) {
	var group []string
	for _, s := range specs() {
		words := strings.Fields(s.name)
		if len(args) >= len(words) && slices.Equal(args[:len(words)], words) {
			return s, args[len(words):], nil
		}
		if len(words) > 1 && len(args) > 0 && args[0] == words[0] {
			group = append(group, words[1])
		}
	}
	if len(group) > 0 {
		verb := "nothing"
		if len(args) > 1 {
			verb = fmt.Sprintf("%q", args[1])
		}
		return spec{}, nil, fmt.Errorf("%s needs one of %s, not %s (see careergraph %s --help)",
			args[0], strings.Join(group, ", "), verb, args[0])
	}
	return spec{}, nil, fmt.Errorf("unknown command %q (see --help)", strings.Join(args, " "))
}

// groupUsage is the usage of every command of a group (`careergraph user --help`).
func groupUsage(group string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Usage:\n")
	for _, s := range specs() {
		if strings.SplitN(s.name, " ", 2)[0] == group {
			fmt.Fprintf(&b, "  careergraph %s\n%s", s.usageLine(), indent(s.summary))
		}
	}
	return b.String()
}

func printUsage(w io.Writer, s spec, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: careergraph %s\n\n%s\n", s.usageLine(), strings.TrimSpace(s.summary))
	cmdline.PrintFlags(w, fs)
	fmt.Fprintln(w, "\nSettings come from the environment, as for the server: see careergraph --help.")
}

// noOperands is the check of a command that takes flags only.
func noOperands(name string, operands []string, a Action) (Action, error) {
	if len(operands) > 0 {
		return nil, fmt.Errorf("%s takes flags only, not %q (see careergraph %s --help)", name, strings.Join(operands, " "), name)
	}
	return a, nil
}

// Explain turns an error of the storage layer into what a person at the command line reads: the
// message of a coded error (internal/apierr), and plain words for ent's constraint, validation and
// not-found errors, whose own text names tables, Go types and driver codes.
func Explain(err error) error {
	if err == nil {
		return nil
	}
	if e := apierr.Explain(err); e != nil {
		if e.Code == apierr.BadUserInput && e.Field != "" && !strings.Contains(e.Message, e.Field) {
			return fmt.Errorf("%s: %s", e.Field, e.Message)
		}
		return errors.New(e.Message)
	}
	return err
}
