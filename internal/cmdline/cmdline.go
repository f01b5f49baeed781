// Package cmdline reads the flags of careergraph's commands, the server's and the tools' under
// cmd/, and says in plain words what is wrong with them: the flag, the value and how to ask for
// the usage, not the flag package's message.
package cmdline

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
)

// Parse parses args into fs, which must be flag.ContinueOnError; it silences fs's own output. It
// returns flag.ErrHelp when args ask for help, among the flags or after them, and an error in
// plain words (see Error) when they are wrong. name is the command as messages call it
// ("synthetic"), program how it is run ("go run ./cmd/synthetic").
func Parse(fs *flag.FlagSet, args []string, name, program string) error {
	fs.SetOutput(io.Discard)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return Error(fs, name, program, err)
	}
	if WantsHelp(fs.Args()) {
		return flag.ErrHelp
	}
	return nil
}

// WantsHelp reports whether any of args asks for help.
func WantsHelp(args []string) bool {
	for _, a := range args {
		if a == "-h" || a == "-help" || a == "--help" || a == "help" {
			return true
		}
	}
	return false
}

// PrintFlags lists fs's flags under "Flags:", each with its default when it has one.
func PrintFlags(w io.Writer, fs *flag.FlagSet) {
	width := 0
	fs.VisitAll(func(f *flag.Flag) { width = max(width, len(f.Name)) })
	if width == 0 {
		return
	}
	fmt.Fprintln(w, "\nFlags:")
	fs.VisitAll(func(f *flag.Flag) {
		def := ""
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" {
			def = " (default " + f.DefValue + ")"
		}
		fmt.Fprintf(w, "  --%-*s %s%s\n", max(width, 14), f.Name, f.Usage, def)
	})
}

var (
	unknownFlag  = regexp.MustCompile(`^flag provided but not defined: -+(.+)$`)
	missingValue = regexp.MustCompile(`^flag needs an argument: -+(.+)$`)
	badValue     = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for flag -+([^:]+): (.*)$`)
)

// UnknownFlag returns the name of the flag that err, an error of flag.FlagSet.Parse, says is not
// defined.
func UnknownFlag(err error) (string, bool) {
	if m := unknownFlag.FindStringSubmatch(err.Error()); m != nil {
		return m[1], true
	}
	return "", false
}

// Error says what err, an error of fs.Parse, found wrong, in plain words: the flag, the value,
// what the flag takes and the way to the usage (program --help), instead of the flag package's
// message.
func Error(fs *flag.FlagSet, name, program string, err error) error {
	msg := err.Error()
	if f, ok := UnknownFlag(err); ok {
		return fmt.Errorf("%s has no flag --%s (see %s --help)", name, f, program)
	}
	if m := missingValue.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("--%s needs a value (see %s --help)", m[1], program)
	}
	if m := badValue.FindStringSubmatch(msg); m != nil {
		return fmt.Errorf("--%s %q: %s", m[2], m[1], expected(fs.Lookup(m[2]), m[3]))
	}
	return fmt.Errorf("%s: %s", program, msg)
}

// expected says what f takes, by the type of its value; reason is the flag package's, kept for a
// value of a type of our own, whose Set wrote it for people.
func expected(f *flag.Flag, reason string) string {
	g, ok := f.Value.(flag.Getter)
	if !ok {
		return reason
	}
	switch g.Get().(type) {
	case time.Duration:
		return "a duration is expected, e.g. 90s, 10m or 1h30m"
	case int, int64, uint, uint64:
		return "a whole number is expected, e.g. 100"
	case float64:
		return "a number is expected, e.g. 2.5"
	case bool:
		return "true or false is expected"
	}
	if strings.Contains(reason, "strconv.") {
		return "a whole number is expected, e.g. 100"
	}
	return reason
}
