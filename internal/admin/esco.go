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

// importESCO is `import esco DIR`: it imports the ESCO CSV export in DIR (see package esco)
// and prints what it created, updated and left unchanged, and the references it could not
// resolve. On a terminal, progress is shown on stderr as it goes.
func importESCO(fs *flag.FlagSet, o IO) func([]string) (Action, error) {
	return func(operands []string) (Action, error) {
		if len(operands) != 1 {
			return nil, errors.New("name the folder of the ESCO CSV export: careergraph import esco DIR")
		}
		if err := readable(operands[0], true); err != nil {
			return nil, err
		}
		return func(ctx context.Context, st *store.Store) error {
			return escoImport(ctx, st, operands[0], o.Stdout, o.Stderr)
		}, nil
	}
}

func escoImport(ctx context.Context, st *store.Store, dir string, stdout, stderr io.Writer) error {
	bar := newProgress(stderr)
	o := esco.Options{Now: time.Now(), Progress: func(phase string, done, total int) {
		bar.show(phase, int64(done), int64(total))
	}}
	res, err := esco.Import(ctx, st.DB, st.Dialect, dir, o)
	bar.finish()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported ESCO from %s\n", dir)
	res.Print(stdout)
	return nil
}
