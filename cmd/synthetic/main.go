// Command synthetic adds a large, made-up catalogue (internal/synthetic) to the PostgreSQL
// database of DATABASE_URL, for benchmarks and load tests; it is a tool of its own, not part of
// the server:
//
//	go run ./cmd/synthetic [--professions N] [--skills N] [--links N] [--providers N]
//	                       [--trainings N] [--sessions N] [--posts N]
//
// The sizes default to synthetic.Large. The database is migrated first (unless MIGRATE=false),
// as the server's commands do; a database that already holds a synthetic catalogue is refused and
// left as it is.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"careergraph/internal/cmdline"
	"careergraph/internal/config"
	"careergraph/internal/store"
	"careergraph/internal/synthetic"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "synthetic:", err)
		os.Exit(1)
	}
}

const program = "go run ./cmd/synthetic"

// run is the whole command, with the process's arguments, environment and output passed in so
// that tests run it in-process. The flags are checked before the database is opened.
func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("synthetic", flag.ContinueOnError)
	sizes := synthetic.Large
	fs.IntVar(&sizes.Professions, "professions", sizes.Professions, "professions")
	fs.IntVar(&sizes.Skills, "skills", sizes.Skills, "skills")
	fs.IntVar(&sizes.Needs, "links", sizes.Needs, "profession–skill links")
	fs.IntVar(&sizes.Providers, "providers", sizes.Providers, "providers")
	fs.IntVar(&sizes.Trainings, "trainings", sizes.Trainings, "trainings")
	fs.IntVar(&sizes.Sessions, "sessions", sizes.Sessions, "training sessions")
	fs.IntVar(&sizes.Posts, "posts", sizes.Posts, "blog posts")
	switch err := cmdline.Parse(fs, args, "synthetic", program); {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprintf(stdout, "Usage: %s [--professions N] [--skills N] [--links N] [--providers N] [--trainings N] [--sessions N] [--posts N]\n\n", program)
		fmt.Fprintln(stdout, "Add a large synthetic catalogue for benchmarks to the PostgreSQL database of DATABASE_URL\n(migrated first unless MIGRATE=false); a database that holds one already is left as it is.")
		cmdline.PrintFlags(stdout, fs)
		fmt.Fprintln(stdout, "\nSettings come from the environment, as for the server: see careergraph --help.")
		return nil
	case err != nil:
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("synthetic takes flags only, not %q (see %s --help)", strings.Join(fs.Args(), " "), program)
	}
	for _, n := range []int{sizes.Professions, sizes.Skills, sizes.Needs, sizes.Providers, sizes.Trainings, sizes.Sessions, sizes.Posts} {
		if n < 0 {
			return errors.New("a size cannot be negative")
		}
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	if cfg.DatabaseURL == "" {
		return errors.New("the synthetic catalogue is built for PostgreSQL: set DATABASE_URL")
	}
	st, err := store.Open(ctx, store.Options{DatabaseURL: cfg.DatabaseURL, MaxOpenConns: cfg.MaxOpenConns})
	if err != nil {
		return err
	}
	defer st.Close()
	if cfg.Migrate {
		if _, err := st.Migrate(ctx); err != nil {
			return err
		}
	}
	start := time.Now()
	if err := synthetic.Catalogue(ctx, st.DB, sizes, start); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "synthetic catalogue: %d professions, %d skills, %d links, %d providers, %d trainings, %d sessions, %d posts in %s\n",
		sizes.Professions, sizes.Skills, sizes.Needs, sizes.Providers, sizes.Trainings, sizes.Sessions, sizes.Posts,
		time.Since(start).Round(time.Millisecond))
	return nil
}
