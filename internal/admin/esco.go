package admin

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"careergraph/internal/esco"
	"careergraph/internal/store"
)

// importESCO is `import esco [--max-missing PERCENT] DIR`: it imports the ESCO CSV export in DIR
// (see package esco) and prints what it created, updated and left unchanged, and the references
// it could not resolve. On a terminal, progress is shown on stderr as it goes. --max-missing sets
// the share of references that may lead nowhere (1 % by default); an import with more is
// refused, writes nothing, and prints what it found before the error.
func importESCO(fs *flag.FlagSet, o IO) func([]string) (Action, error) {
	maxMissing := fs.Float64("max-missing", 100*esco.DefaultMaxMissing, "share of the references, in percent, that may lead nowhere (0 to 100)")
	return func(operands []string) (Action, error) {
		if *maxMissing < 0 || *maxMissing > 100 {
			return nil, fmt.Errorf("--max-missing %g: give a percentage from 0 to 100", *maxMissing)
		}
		if len(operands) != 1 {
			return nil, errors.New("name the folder of the ESCO CSV export: careergraph import esco DIR")
		}
		if err := readable(operands[0], true); err != nil {
			return nil, err
		}
		share := *maxMissing / 100
		if share == 0 {
			share = -1 // None allowed.
		}
		return func(ctx context.Context, st *store.Store) error {
			return escoImport(ctx, st, operands[0], share, o.Stdout, o.Stderr)
		}, nil
	}
}

func escoImport(ctx context.Context, st *store.Store, dir string, maxMissing float64, stdout, stderr io.Writer) error {
	bar := newProgress(stderr)
	o := esco.Options{Now: time.Now(), MaxMissing: maxMissing, Progress: func(phase string, done, total int) {
		bar.show(phase, int64(done), int64(total))
	}}
	res, err := esco.Import(ctx, st.DB, st.Dialect, dir, o)
	bar.finish()
	if err != nil {
		if res != nil { // Refused for what the files hold: show what was found.
			fmt.Fprintf(stdout, "not imported, nothing written: ESCO from %s\n", dir)
			res.Print(stdout)
		}
		return err
	}
	fmt.Fprintf(stdout, "imported ESCO from %s\n", dir)
	res.Print(stdout)
	return nil
}
