package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"careergraph/internal/testing/testdb"
)

// TestSyntheticCatalogue builds a small catalogue of the sizes asked for, refuses to build a
// second one over it, and refuses SQLite before it creates a file.
func TestSyntheticCatalogue(t *testing.T) {
	st := testdb.Open(t, "postgres", testdb.Options{Empty: true})
	getenv := func(k string) string { return map[string]string{"DATABASE_URL": st.DSN()}[k] }
	args := []string{"--professions", "20", "--skills", "100", "--links", "200",
		"--providers", "3", "--trainings", "50", "--sessions", "120", "--posts", "30"}
	var out bytes.Buffer
	err := run(context.Background(), args, getenv, &out)
	if err != nil || !strings.Contains(out.String(), "20 professions, 100 skills, 200 links, 3 providers, 50 trainings, 120 sessions, 30 posts") {
		t.Fatalf("synthetic: %v, printed %q", err, out.String())
	}
	posts := func() int {
		var n int
		if err := st.DB.QueryRow(`SELECT count(*) FROM blog_posts`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := posts(); n != 30 {
		t.Errorf("%d blog posts, want 30", n)
	}
	if err := run(context.Background(), args, getenv, io.Discard); err == nil || !strings.Contains(err.Error(), "already holds a synthetic catalogue") {
		t.Errorf("a second catalogue over the first: %v", err)
	}
	if n := posts(); n != 30 {
		t.Errorf("after the refused second run, %d blog posts, want 30", n)
	}

	dbPath := filepath.Join(t.TempDir(), "s.db")
	err = run(context.Background(), nil, func(k string) string { return map[string]string{"SQLITE_PATH": dbPath}[k] }, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "PostgreSQL: set DATABASE_URL") {
		t.Errorf("on SQLite: %v", err)
	}
	if _, err := os.Stat(dbPath); err == nil {
		t.Error("refusing SQLite created the database file")
	}
}

// TestBadArgumentsChangeNothing: help and mistakes are answered before the database is opened
// (its URL here points where nothing listens), in plain words.
func TestBadArgumentsChangeNothing(t *testing.T) {
	getenv := func(k string) string {
		return map[string]string{"DATABASE_URL": "postgres://nobody@127.0.0.1:1/none?sslmode=disable"}[k]
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"--posts", "5", "--help"}, getenv, &out); err != nil ||
		!strings.Contains(out.String(), "Usage: go run ./cmd/synthetic") || !strings.Contains(out.String(), "--professions") {
		t.Errorf("--help: %v, printed %q", err, out.String())
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--professions", "-1"}, "a size cannot be negative"},
		{[]string{"--skills", "many"}, `--skills "many": a whole number is expected`},
		{[]string{"--synthetic"}, "synthetic has no flag --synthetic (see go run ./cmd/synthetic --help)"},
		{[]string{"now"}, `synthetic takes flags only, not "now"`},
	} {
		if err := run(context.Background(), c.args, getenv, io.Discard); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.args, err, c.want)
		}
	}
}
