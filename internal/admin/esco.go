package admin

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"careergraph/internal/esco"
	"careergraph/internal/store"
)

// ImportESCO runs `import esco DIR`: it imports the ESCO CSV export in DIR (see package esco)
// and prints what it created, updated and left unchanged, and the references it could not
// resolve. On a terminal, progress is shown on stderr as it goes.
func ImportESCO(ctx context.Context, st *store.Store, args []string, stdout, stderr io.Writer) error {
	if len(args) != 1 {
		return errors.New("usage: careergraph import esco DIR")
	}
	dir := args[0]
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("import esco: %s is not a folder holding an ESCO CSV export", dir)
	}
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
