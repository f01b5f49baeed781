// Package testdb gives tests a real, migrated database holding the demo catalogue, on PostgreSQL
// and on SQLite, each test its own copy.
//
// PostgreSQL tests need TEST_DATABASE_URL, a URL of a database whose user may create databases;
// scripts/test starts a throwaway cluster and sets it. Without it the PostgreSQL half of each test
// is skipped, except under CI, where it fails.
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"careergraph/internal/seed"
	"careergraph/internal/store"
)

// Dialects are the stores every test runs against.
var Dialects = []string{dialect.Postgres, dialect.SQLite}

// Options adjust a test database.
type Options struct {
	// Empty leaves the database migrated but without the demo catalogue.
	Empty bool
	// WrapDriver wraps the ent driver, e.g. to count statements.
	WrapDriver func(dialect.Driver) dialect.Driver
	// CountStatement is called for every statement sent through the pool (store.Options).
	CountStatement func()
}

// Each runs fn once per dialect, as parallel subtests named after the dialect.
func Each(t *testing.T, fn func(t *testing.T, dialectName string)) {
	t.Helper()
	for _, d := range Dialects {
		t.Run(name(d), func(t *testing.T) {
			t.Parallel()
			fn(t, d)
		})
	}
}

func name(d string) string {
	if d == dialect.Postgres {
		return "postgres"
	}
	return "sqlite"
}

// Open returns a store on a new database of the given dialect, migrated and (unless o.Empty)
// holding the demo catalogue. It is removed when the test ends.
func Open(t testing.TB, dialectName string, o Options) *store.Store {
	t.Helper()
	var opts store.Options
	switch dialectName {
	case dialect.Postgres:
		opts.DatabaseURL = postgresCopy(t, o.Empty)
	default:
		opts.SQLitePath = sqliteCopy(t, o.Empty)
	}
	opts.WrapDriver = o.WrapDriver
	opts.CountStatement = o.CountStatement
	opts.MaxOpenConns = 10
	opts.StatementCache = 256 // The server's default (DB_STATEMENT_CACHE).
	s, err := store.Open(context.Background(), opts)
	if err != nil {
		t.Fatalf("opening the %s test database: %v", dialectName, err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// AdminURL returns TEST_DATABASE_URL, skipping (or under CI failing) the test without it.
func AdminURL(t testing.TB) string {
	t.Helper()
	// Tests read their own environment; the server's configuration goes through internal/config.
	u := os.Getenv("TEST_DATABASE_URL")
	if u == "" {
		msg := "TEST_DATABASE_URL is not set: run the tests with scripts/test, which starts a throwaway PostgreSQL"
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return u
}

// templates holds one prepared database per kind (empty or seeded) for the whole test binary;
// each test gets a cheap copy of it.
var templates sync.Map // key string → *template

type template struct {
	once sync.Once
	ref  string // database name (PostgreSQL) or file path (SQLite)
	err  error
	mu   sync.Mutex // PostgreSQL copies a template one database at a time.
}

func prepared(key string, build func() (string, error)) (*template, error) {
	v, _ := templates.LoadOrStore(key, &template{})
	tp := v.(*template)
	tp.once.Do(func() { tp.ref, tp.err = build() })
	return tp, tp.err
}

func fill(ctx context.Context, o store.Options, empty bool) error {
	s, err := store.Open(ctx, o)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		return err
	}
	if !empty {
		if _, err := seed.Demo(ctx, s.Client, time.Now()); err != nil {
			return err
		}
	}
	return nil
}

func postgresCopy(t testing.TB, empty bool) string {
	t.Helper()
	admin := AdminURL(t)
	ctx := context.Background()
	tp, err := prepared(fmt.Sprintf("postgres/%v", empty), func() (string, error) {
		name := "cg_tmpl_" + random()
		if err := execAdmin(ctx, admin, "CREATE DATABASE "+name); err != nil {
			return "", err
		}
		return name, fill(ctx, store.Options{DatabaseURL: withDB(admin, name), MaxOpenConns: 2}, empty)
	})
	if err != nil {
		t.Fatalf("preparing the PostgreSQL template database: %v", err)
	}
	name := "cg_test_" + random()
	tp.mu.Lock()
	err = execAdmin(ctx, admin, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, tp.ref))
	tp.mu.Unlock()
	if err != nil {
		t.Fatalf("creating a PostgreSQL test database: %v", err)
	}
	t.Cleanup(func() { _ = execAdmin(ctx, admin, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") })
	return withDB(admin, name)
}

func sqliteCopy(t testing.TB, empty bool) string {
	t.Helper()
	tp, err := prepared(fmt.Sprintf("sqlite/%v", empty), func() (string, error) {
		dir, err := os.MkdirTemp("", "careergraph-testdb-")
		if err != nil {
			return "", err
		}
		path := filepath.Join(dir, "template.db")
		return path, fill(context.Background(), store.Options{SQLitePath: path}, empty)
	})
	if err != nil {
		t.Fatalf("preparing the SQLite template database: %v", err)
	}
	path := filepath.Join(t.TempDir(), "test.db")
	if err := copyFile(tp.ref, path); err != nil {
		t.Fatalf("copying the SQLite template: %v", err)
	}
	return path
}

// execAdmin runs one statement on the administrative database.
func execAdmin(ctx context.Context, adminURL, stmt string) error {
	db, err := sql.Open("postgres", adminURL)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, stmt)
	return err
}

// withDB returns u pointing at database name.
func withDB(u, name string) string {
	p, err := url.Parse(u)
	if err != nil {
		return u
	}
	p.Path = "/" + name
	return p.String()
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}

func random() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
