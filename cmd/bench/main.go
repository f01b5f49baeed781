// Command bench measures the careergraph API under load on PostgreSQL, in the same run against
// PostGraphile and against direct SQL (internal/bench; figures and method in BENCHMARKS.md). It
// is a tool of its own, not part of the server:
//
//	DATABASE_URL=postgres://… go run ./cmd/bench [flags]
//
// The API is measured as a process of its own: the server binary named by -binary, or, by
// default, one built from the careergraph module in the working directory.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"careergraph/internal/bench"
	"careergraph/internal/cmdline"
	"careergraph/internal/config"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

const program = "go run ./cmd/bench"

// serverPackage is the careergraph server's main package, the root of its module.
const serverPackage = "careergraph"

// run is the whole command, with the process's arguments, environment and output passed in so
// that tests run it in-process. The flags are checked before anything is built or opened.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	var o bench.Options
	fs.IntVar(&o.Load.Concurrency, "concurrency", 8, "requests in flight at any time, on each path")
	fs.DurationVar(&o.Load.Duration, "duration", 10*time.Second, "how long to measure each workload on each path")
	fs.IntVar(&o.Load.Requests, "requests", 0, "measure this many requests per workload and path instead of -duration")
	fs.DurationVar(&o.Warmup, "warmup", 3*time.Second, "how long each path runs each workload before it is measured")
	fs.IntVar(&o.Rounds, "rounds", 5, "split each -duration into this many turns, the paths taking turns, so that a machine that changes speed during the run weighs on every path alike (1: each path in one piece)")
	fs.StringVar(&o.Binary, "binary", "", "the careergraph server binary to start (default: build one from the module in the working directory)")
	fs.StringVar(&o.Against, "against", "", "a second server binary: measure the server CPU per request of -binary and this one, both loaded at the same time with half of -concurrency each, in -rounds rounds, instead of the three paths (BENCHMARKS.md, \"Two builds against each other\")")
	fs.Uint64Var(&o.Seed, "seed", 1, "seed of the order of the requests")
	fs.StringVar(&o.PostGraphile, "postgraphile", "scripts/postgraphile", "where scripts/postgraphile/install put PostGraphile (empty: leave it out)")
	fs.IntVar(&o.PostGraphileWorkers, "postgraphile-workers", 2, "PostGraphile's worker processes; its pool, DB_MAX_OPEN_CONNS, is shared among them")
	fs.BoolVar(&o.Live, "live", false, "measure subscriptions instead: memory per idle subscription, and how long a seat change takes to reach -subscribers subscribers on two processes")
	fs.IntVar(&o.Idle, "idle", 5000, "with -live: idle subscriptions one process is given to hold")
	fs.IntVar(&o.Subscribers, "subscribers", 1000, "with -live: subscribers to one session's seats, half on each of two processes")
	fs.IntVar(&o.Changes, "changes", 20, "with -live: seat changes to time")
	switch err := cmdline.Parse(fs, args, "bench", program); {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprintf(stdout, "Usage: DATABASE_URL=postgres://… %s [flags]\n\n", program)
		fmt.Fprintln(stdout, "Measure the API against PostGraphile and direct SQL on the PostgreSQL database of DATABASE_URL\n(built into an ESCO-sized synthetic catalogue first if it holds none); see BENCHMARKS.md.")
		cmdline.PrintFlags(stdout, fs)
		fmt.Fprintln(stdout, "\nSettings come from the environment, as for the server: see careergraph --help.")
		return nil
	case err != nil:
		return err
	}
	if err := check(fs, o); err != nil {
		return err
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	if cfg.DatabaseURL == "" {
		return errors.New("bench runs on PostgreSQL: set DATABASE_URL")
	}
	if o.Against != "" {
		o.Against = absolute(o.Against)
	}
	if o.Binary != "" {
		// A name without a folder would be looked up on PATH when the server is started.
		o.Binary = absolute(o.Binary)
	} else {
		dir, err := os.MkdirTemp("", "careergraph-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		if o.Binary, err = buildServer(ctx, ".", dir); err != nil {
			return err
		}
		fmt.Fprintln(stdout, "built the server from the module in the working directory")
	}
	return bench.Measure(ctx, cfg, getenv, o, stdout)
}

// check finds the mistakes in the flags that need no database.
func check(fs *flag.FlagSet, o bench.Options) error {
	if fs.NArg() > 0 {
		return fmt.Errorf("bench takes flags only, not %q (see %s --help)", strings.Join(fs.Args(), " "), program)
	}
	switch {
	case o.Load.Concurrency < 1:
		return errors.New("-concurrency must be 1 or more")
	case o.Load.Requests < 0:
		return errors.New("-requests cannot be negative")
	case o.Load.Requests == 0 && o.Load.Duration <= 0:
		return errors.New("-duration must be longer than 0 (or give -requests)")
	case o.Rounds < 1:
		return errors.New("-rounds must be 1 or more")
	case o.PostGraphileWorkers < 1:
		return errors.New("-postgraphile-workers must be 1 or more")
	case o.Live && (o.Idle < 1 || o.Subscribers < 2 || o.Changes < 1):
		return errors.New("bench -live needs -idle 1 or more, -subscribers 2 or more and -changes 1 or more")
	}
	if o.Against != "" && o.Live {
		return errors.New("-against compares two builds on the three pages; it does not go with -live")
	}
	if err := executable("-binary", o.Binary); err != nil {
		return err
	}
	return executable("-against", o.Against)
}

// executable checks that binary, given by flag, is a file that can be run (or is not given).
func executable(flag, binary string) error {
	if binary == "" {
		return nil
	}
	switch fi, err := os.Stat(binary); {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("%s %s: no such file", flag, binary)
	case err != nil:
		return fmt.Errorf("%s %s: cannot read it (%v)", flag, binary, err)
	case fi.IsDir() || fi.Mode().Perm()&0o111 == 0:
		return fmt.Errorf("%s %s is not an executable file: name a careergraph server binary (go build -o careergraph .)", flag, binary)
	}
	return nil
}

// buildServer builds the careergraph server from the module that holds dir into out, and returns
// the binary's path. Its errors say what to do instead: run inside the module, install Go, or
// name a binary with -binary.
func buildServer(ctx context.Context, dir, out string) (string, error) {
	const instead = "run bench inside the careergraph module, or name a server binary with -binary"
	if _, err := exec.LookPath("go"); err != nil {
		return "", fmt.Errorf("cannot build the server: the go command is not installed; %s", instead)
	}
	list := exec.CommandContext(ctx, "go", "list", "-f", "{{.Dir}}", serverPackage)
	list.Dir = dir
	root, err := list.Output()
	if err != nil {
		return "", fmt.Errorf("cannot build the server: %s is not inside the careergraph module; %s", absolute(dir), instead)
	}
	binary := filepath.Join(out, "careergraph")
	build := exec.CommandContext(ctx, "go", "build", "-o", binary, ".")
	build.Dir = strings.TrimSpace(string(root))
	if msg, err := build.CombinedOutput(); err != nil {
		return "", fmt.Errorf("cannot build the server in %s (name a server binary with -binary instead): %s", build.Dir, strings.TrimSpace(string(msg)))
	}
	return binary, nil
}

func absolute(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}
