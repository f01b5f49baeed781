package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// nowhere is a database URL where nothing listens: the tests below must never reach it.
var nowhere = func(k string) string {
	return map[string]string{"DATABASE_URL": "postgres://nobody@127.0.0.1:1/none?sslmode=disable"}[k]
}

// TestHelpAndMistakesNeedNoDatabase: --help prints the usage with every flag, and each mistake
// is named in plain words, before anything is built or the database is opened.
func TestHelpAndMistakesNeedNoDatabase(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-duration", "2s", "--help"}, nowhere, &out); err != nil {
		t.Fatalf("--help: %v", err)
	}
	for _, want := range []string{"Usage: DATABASE_URL=postgres://… go run ./cmd/bench", "--binary", "--postgraphile-workers", "--live", "BENCHMARKS.md"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("--help lacks %q:\n%s", want, out.String())
		}
	}

	dir := t.TempDir()
	notExecutable := filepath.Join(dir, "careergraph")
	if err := os.WriteFile(notExecutable, []byte("#!/bin/sh\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-duration", "10"}, `--duration "10": a duration is expected, e.g. 90s`},
		{[]string{"-server", "x"}, "bench has no flag --server (see go run ./cmd/bench --help)"},
		{[]string{"-concurrency", "0"}, "-concurrency must be 1 or more"},
		{[]string{"-rounds", "0"}, "-rounds must be 1 or more"},
		{[]string{"-live", "-subscribers", "1"}, "-subscribers 2 or more"},
		{[]string{"-binary", filepath.Join(dir, "missing")}, "missing: no such file"},
		{[]string{"-binary", notExecutable}, "is not an executable file"},
		{[]string{"-binary", dir}, "is not an executable file"},
		{[]string{"now"}, `bench takes flags only, not "now"`},
	} {
		err := run(context.Background(), c.args, nowhere, io.Discard)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.args, err, c.want)
		}
	}
	if err := run(context.Background(), []string{"-binary", notExecutable}, func(string) string { return "" }, io.Discard); err == nil ||
		!strings.Contains(err.Error(), "is not an executable file") {
		t.Errorf("without DATABASE_URL, the binary is still checked first: %v", err)
	}
	if err := run(context.Background(), nil, func(string) string { return "" }, io.Discard); err == nil ||
		!strings.Contains(err.Error(), "bench runs on PostgreSQL: set DATABASE_URL") {
		t.Errorf("without DATABASE_URL: %v", err)
	}
}

// TestServerIsBuiltFromTheModule: without -binary, the server is built from the module the
// working directory is in, and what is built is the careergraph server; outside the module the
// error says what to do instead.
func TestServerIsBuiltFromTheModule(t *testing.T) {
	out := t.TempDir()
	binary, err := buildServer(context.Background(), ".", out)
	if err != nil {
		t.Fatal(err)
	}
	help, err := exec.Command(binary, "--help").Output()
	if err != nil || !strings.Contains(string(help), "careergraph serves a GraphQL API") {
		t.Errorf("%s --help: %v, printed %q", binary, err, help)
	}

	elsewhere := t.TempDir()
	_, err = buildServer(context.Background(), elsewhere, out)
	if err == nil || !strings.Contains(err.Error(), "is not inside the careergraph module") || !strings.Contains(err.Error(), "-binary") {
		t.Errorf("outside the module: %v", err)
	}
}
