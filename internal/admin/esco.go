package admin

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"careergraph/internal/esco"
	"careergraph/internal/store"
)

// ImportESCO runs `import esco DIR`: it imports the ESCO CSV export in DIR (see package esco)
// and prints what it created, updated and left unchanged, and the references it could not
// resolve. On a terminal, progress is shown on stderr as it goes. --max-missing PERCENT sets the
// share of references that may lead nowhere (1 by default); an import with more is refused,
// writes nothing, and prints what it found before the error.
func ImportESCO(ctx context.Context, st *store.Store, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("import esco", flag.ContinueOnError)
	fl.SetOutput(io.Discard)
	maxMissing := fl.Float64("max-missing", 100*esco.DefaultMaxMissing, "")
	usage := errors.New("usage: careergraph import esco [--max-missing PERCENT] DIR")
	if err := fl.Parse(args); err != nil || fl.NArg() != 1 || *maxMissing < 0 || *maxMissing > 100 {
		return usage
	}
	dir := fl.Arg(0)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("import esco: %s is not a folder holding an ESCO CSV export", dir)
	}
	bar := newProgress(stderr)
	share := *maxMissing / 100
	if share == 0 {
		share = -1 // None allowed.
	}
	o := esco.Options{Now: time.Now(), MaxMissing: share, Progress: func(phase string, done, total int) {
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
