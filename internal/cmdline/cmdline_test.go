package cmdline_test

import (
	"errors"
	"flag"
	"strings"
	"testing"
	"time"

	"careergraph/internal/cmdline"
)

// TestParseSaysWhatIsWrongInPlainWords: each mistake is named with its flag and value and the way
// to the usage; none shows the flag package's wording; help anywhere is flag.ErrHelp.
func TestParseSaysWhatIsWrongInPlainWords(t *testing.T) {
	cases := []struct {
		args []string
		want []string // nil: help
	}{
		{[]string{"--mail", "a@b.org"}, []string{"synthetic has no flag --mail", "go run ./cmd/synthetic --help"}},
		{[]string{"--count"}, []string{"--count needs a value", "go run ./cmd/synthetic --help"}},
		{[]string{"--count", "many"}, []string{`--count "many"`, "a whole number is expected"}},
		{[]string{"--wait", "20"}, []string{`--wait "20"`, "a duration is expected, e.g. 90s"}},
		{[]string{"--help"}, nil},
		{[]string{"--count", "3", "help"}, nil},
	}
	for _, c := range cases {
		fs := flag.NewFlagSet("synthetic", flag.ContinueOnError)
		fs.Int("count", 1, "how many")
		fs.Duration("wait", time.Second, "how long")
		err := cmdline.Parse(fs, c.args, "synthetic", "go run ./cmd/synthetic")
		if c.want == nil {
			if !errors.Is(err, flag.ErrHelp) {
				t.Errorf("%q: %v, want help", c.args, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%q accepted", c.args)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%q: message %q lacks %q", c.args, err, w)
			}
		}
		if msg := err.Error(); strings.Contains(msg, "flag provided") || strings.Contains(msg, "strconv.") || strings.Contains(msg, "time: ") {
			t.Errorf("%q: message %q shows the flag package's wording", c.args, msg)
		}
	}
}
