// Command migration writes a new versioned migration for each database dialect: the SQL that
// takes a database with every committed migration applied to the current ent schema.
//
//	go run ./scripts/migration -postgres postgres://…/scratch NAME
//
// The PostgreSQL database must be an empty scratch database (scripts/pg-scratch starts one); the
// SQLite one is a temporary file. Review the files it writes before committing them.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/sqltool"
	"entgo.io/ent/dialect/sql/schema"

	"careergraph/internal/store"
)

func main() {
	pgURL := flag.String("postgres", "", "URL of an empty scratch PostgreSQL database (required)")
	dir := flag.String("dir", "migrations", "folder holding one sub-folder of migrations per dialect")
	rehash := flag.Bool("rehash", false, "only rewrite each folder's atlas.sum, after adding a hand-written migration")
	flag.Parse()
	if *rehash {
		if err := transactional(filepath.Join(*dir, "sqlite")); err != nil {
			fmt.Fprintln(os.Stderr, "migration:", err)
			os.Exit(1)
		}
		return
	}
	if flag.NArg() != 1 || *pgURL == "" {
		fmt.Fprintln(os.Stderr, "usage: go run ./scripts/migration -postgres URL NAME")
		os.Exit(2)
	}
	if err := run(context.Background(), *dir, flag.Arg(0), *pgURL); err != nil {
		fmt.Fprintln(os.Stderr, "migration:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, dir, name, pgURL string) error {
	tmp, err := os.MkdirTemp("", "careergraph-migration-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	targets := []store.Options{
		{DatabaseURL: pgURL},
		{SQLitePath: filepath.Join(tmp, "scratch.db")},
	}
	for _, o := range targets {
		if err := diff(ctx, o, dir, name); err != nil {
			return err
		}
	}
	return nil
}

func diff(ctx context.Context, o store.Options, dir, name string) error {
	s, err := store.Open(ctx, o)
	if err != nil {
		return err
	}
	defer s.Close()
	out, err := sqltool.NewGolangMigrateDir(filepath.Join(dir, s.MigrationFolder()))
	if err != nil {
		return err
	}
	err = s.Schema().NamedDiff(ctx, name,
		schema.WithDir(out),
		// Replay the committed migrations on the scratch database, then diff against the schema.
		schema.WithMigrationMode(schema.ModeReplay),
		schema.WithDialect(s.Dialect),
		schema.WithFormatter(sqltool.GolangMigrateFormatter),
		schema.WithErrNoPlan(true),
	)
	if errors.Is(err, migrate.ErrNoPlan) {
		fmt.Printf("%s: the schema matches the migrations; nothing written\n", s.Dialect)
		return nil
	}
	if err != nil {
		return err
	}
	if s.MigrationFolder() == "sqlite" {
		return transactional(filepath.Join(dir, "sqlite"))
	}
	return nil
}

// transactional puts every SQLite migration in a transaction of its own (store.SQLiteTransaction)
// and rewrites the folder's checksums.
func transactional(folder string) error {
	files, err := filepath.Glob(filepath.Join(folder, "*.sql"))
	if err != nil {
		return err
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		// Atlas cannot reverse a table rebuild on SQLite (its down file drops the temporary
		// table); no down file is better than a wrong one. Restore a backup instead.
		if up, ok := strings.CutSuffix(f, ".down.sql"); ok {
			if upText, err := os.ReadFile(up + ".up.sql"); err == nil && strings.Contains(string(upText), "PRAGMA foreign_keys = off;") {
				if err := os.Remove(f); err != nil {
					return err
				}
				continue
			}
		}
		if wrapped := store.SQLiteTransaction(string(b)); wrapped != string(b) {
			if err := os.WriteFile(f, []byte(wrapped), 0o644); err != nil {
				return err
			}
		}
	}
	return rehashAll(filepath.Dir(folder))
}

// rehashAll rewrites the checksum file of every dialect's folder. Atlas refuses to plan on a
// folder whose files do not match their checksums, which guards against edits to released files.
func rehashAll(dir string) error {
	for _, d := range []string{"postgres", "sqlite"} {
		out, err := sqltool.NewGolangMigrateDir(filepath.Join(dir, d))
		if err != nil {
			return err
		}
		sum, err := out.Checksum()
		if err != nil {
			return err
		}
		if err := migrate.WriteSumFile(out, sum); err != nil {
			return err
		}
	}
	return nil
}
