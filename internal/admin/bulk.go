package admin

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"careergraph/internal/bulk"
	"careergraph/internal/store"
)

// importFile is `careergraph import FILE`: it loads a JSON Lines file (docs/import-format.md) and
// prints what it did. Rejected lines are listed with their numbers and make the command fail
// after the others are imported.
func importFile(fs *flag.FlagSet, o IO) func([]string) (Action, error) {
	return func(operands []string) (Action, error) {
		if len(operands) != 1 {
			return nil, errors.New("name one JSON Lines file: careergraph import FILE (or careergraph import esco DIR)")
		}
		if err := readable(operands[0], false); err != nil {
			return nil, err
		}
		return func(ctx context.Context, st *store.Store) error {
			return importJSONL(ctx, st, operands[0], o.Stdout, o.Stderr)
		}, nil
	}
}

// readable checks that path is a file (or a folder, when dir) this process can read.
func readable(path string, dir bool) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot read %s: %s", path, plainIOError(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("cannot read %s: %s", path, plainIOError(err))
	}
	switch {
	case dir && !fi.IsDir():
		return fmt.Errorf("%s is a file; name the folder that holds the ESCO CSV export", path)
	case !dir && fi.IsDir():
		return fmt.Errorf("%s is a folder; name a JSON Lines file", path)
	}
	return nil
}

func importJSONL(ctx context.Context, st *store.Store, path string, stdout, stderr io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot read %s: %s", path, plainIOError(err))
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	bar := newProgress(stderr)
	start := time.Now()
	rep, err := bulk.Import(ctx, bulkStore(st), f, info.Size(), bulk.Options{Progress: bar.show})
	bar.finish()
	if err != nil {
		return err
	}
	const maxListed = 50
	for i, p := range rep.Problems {
		if i == maxListed {
			fmt.Fprintf(stdout, "… and %d more rejected lines\n", len(rep.Problems)-maxListed)
			break
		}
		fmt.Fprintln(stdout, p)
	}
	names := make([]string, 0, len(rep.ByType))
	for n := range rep.ByType {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		c := rep.ByType[n]
		fmt.Fprintf(stdout, "%-16s %s\n", n, counts(*c))
	}
	var phases []string
	for _, p := range rep.Phases {
		phases = append(phases, fmt.Sprintf("%s %s", p.Name, p.Took.Round(time.Millisecond)))
	}
	fmt.Fprintf(stdout, "imported %s: %s in %s (%s)\n", path, counts(rep.Counts),
		time.Since(start).Round(time.Millisecond), strings.Join(phases, ", "))
	if rep.Rejected > 0 {
		return fmt.Errorf("%d line(s) rejected; the others were imported", rep.Rejected)
	}
	return nil
}

func counts(c bulk.Counts) string {
	return fmt.Sprintf("%d created, %d updated, %d unchanged, %d rejected", c.Created, c.Updated, c.Unchanged, c.Rejected)
}

// exportFile is `careergraph export [FILE]`: the whole catalogue as JSON Lines, to FILE or to
// standard output.
func exportFile(fs *flag.FlagSet, o IO) func([]string) (Action, error) {
	return func(operands []string) (Action, error) {
		if len(operands) > 1 {
			return nil, errors.New("name at most one file to write: careergraph export [FILE]")
		}
		if len(operands) == 1 {
			dir := filepath.Dir(operands[0])
			if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
				return nil, fmt.Errorf("cannot write %s: the folder %s does not exist", operands[0], dir)
			}
		}
		return func(ctx context.Context, st *store.Store) error { return export(ctx, st, operands, o.Stdout, o.Stderr) }, nil
	}
}

func export(ctx context.Context, st *store.Store, args []string, stdout, stderr io.Writer) error {
	out, name := stdout, "standard output"
	if len(args) == 1 {
		f, err := os.Create(args[0])
		if err != nil {
			return fmt.Errorf("cannot write %s: %s", args[0], plainIOError(err))
		}
		defer f.Close()
		out, name = f, args[0]
	}
	n, err := bulk.Export(ctx, bulkStore(st), out)
	if err != nil {
		return err
	}
	if f, ok := out.(*os.File); ok && f != os.Stdout {
		if err := f.Sync(); err != nil {
			return err
		}
	}
	total := 0
	for _, c := range n {
		total += c
	}
	fmt.Fprintf(stderr, "exported %d objects to %s\n", total, name)
	return nil
}

func bulkStore(st *store.Store) bulk.Store {
	return bulk.Store{Client: st.Client, DB: st.DB, Dialect: st.Dialect}
}

// progress draws a bar per phase when w is a terminal, and nothing otherwise. A phase whose
// total is not known (0) shows a spinner and its count.
type progress struct {
	w     io.Writer
	on    bool
	phase string
	bar   *progressbar.ProgressBar
}

func newProgress(w io.Writer) *progress {
	f, ok := w.(*os.File)
	return &progress{w: w, on: ok && term.IsTerminal(int(f.Fd()))}
}

func (p *progress) show(phase string, done, total int64) {
	if !p.on {
		return
	}
	if phase != p.phase {
		p.finish()
		opts := []progressbar.Option{
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription(fmt.Sprintf("%-8s", phase)),
			progressbar.OptionSetWidth(30),
			progressbar.OptionShowCount(),
			progressbar.OptionThrottle(100 * time.Millisecond),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(p.w) }),
		}
		if phase == "checking" {
			opts = append(opts, progressbar.OptionShowBytes(true))
		}
		if total <= 0 {
			total = -1
		}
		p.phase, p.bar = phase, progressbar.NewOptions64(total, opts...)
	}
	_ = p.bar.Set64(done)
}

func (p *progress) finish() {
	if p.bar != nil {
		_ = p.bar.Finish()
		p.bar = nil
	}
}
