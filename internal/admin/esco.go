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
	o := esco.Options{Now: time.Now()}
	if isTerminal(stderr) {
		o.Progress = terminalProgress(stderr)
	}
	res, err := esco.Import(ctx, st.DB, st.Dialect, dir, o)
	if o.Progress != nil {
		fmt.Fprint(stderr, "\r\033[K")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported ESCO from %s\n", dir)
	res.Print(stdout)
	return nil
}

// isTerminal reports whether w is a character device, such as a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// terminalProgress rewrites one line of w with the phase and its count.
func terminalProgress(w io.Writer) func(phase string, done, total int) {
	return func(phase string, done, total int) {
		if total > 0 {
			fmt.Fprintf(w, "\r\033[K%s: %d / %d", phase, done, total)
		} else {
			fmt.Fprintf(w, "\r\033[K%s: %d", phase, done)
		}
	}
}
