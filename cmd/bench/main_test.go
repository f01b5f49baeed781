package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"careergraph/internal/synthetic"
	"careergraph/internal/testing/testdb"
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
	for _, want := range []string{"Usage: DATABASE_URL=postgres://… go run ./cmd/bench", "--binary", "--against", "--postgraphile-workers", "--live", "BENCHMARKS.md"} {
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
		{[]string{"-against", filepath.Join(dir, "missing")}, "-against " + filepath.Join(dir, "missing") + ": no such file"},
		{[]string{"-against", notExecutable}, "-against " + notExecutable + " is not an executable file"},
		{[]string{"-against", notExecutable, "-live"}, "-against compares two builds on the three pages; it does not go with -live"},
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

// TestAgainstComparesTwoBuilds: with -against, bench starts both binaries, loads them at the
// same time round after round on every workload, each build's server started first in half of
// the rounds, and reports for each round the CPU time each server process spent per request,
// then the two builds' medians and their difference. With a number of requests, both builds
// answer the same ones: the same build on both sides sends the same statements per request, also
// where requests differ in statements (search), once a warm-up has let pass the reads of the
// change feed a server makes when it starts, outside any request.
func TestAgainstComparesTwoBuilds(t *testing.T) {
	ctx := context.Background()
	st := testdb.Open(t, dialect.Postgres, testdb.Options{Empty: true})
	small := synthetic.Sizes{Professions: 120, Skills: 400, Needs: 2400, Providers: 5, Trainings: 400, Sessions: 1500, Posts: 40}
	if err := synthetic.Catalogue(ctx, st.DB, small, time.Now()); err != nil {
		t.Fatal(err)
	}
	binary, err := buildServer(ctx, ".", t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DATABASE_URL": st.DSN(), "DB_MAX_OPEN_CONNS": "4"}
	var out bytes.Buffer
	err = run(ctx, []string{"-binary", binary, "-against", binary, "-concurrency", "2", "-requests", "30", "-rounds", "2", "-warmup", "500ms"},
		func(k string) string { return env[k] }, &out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	report := out.String()
	workloads := strings.Split(report, "\n(")[1:]
	if len(workloads) != 3 {
		t.Fatalf("%d workloads reported, want 3:\n%s", len(workloads), report)
	}
	round := regexp.MustCompile(`round (\d) of 2 \(([AB]) started first\): A (\d+\.\d+) ms \(\d+\.\d req/s\), B (\d+\.\d+) ms`)
	statements := regexp.MustCompile(`statements per request: A (\d+\.\d+), B (\d+\.\d+)`)
	for _, w := range workloads {
		name, _, _ := strings.Cut(w, "\n")
		rounds := round.FindAllStringSubmatch(w, -1)
		if len(rounds) != 2 || rounds[0][1] != "1" || rounds[0][2] != "A" || rounds[1][1] != "2" || rounds[1][2] != "B" {
			t.Errorf("(%s: want round 1 with A's server started first and round 2 with B's:\n%s", name, w)
		}
		for _, r := range rounds {
			if r[3] == "0.000" || r[4] == "0.000" {
				t.Errorf("(%s, round %s: A %s ms, B %s ms per request; each server spends CPU on every request", name, r[1], r[3], r[4])
			}
		}
		s := statements.FindStringSubmatch(w)
		if s == nil || s[1] != s[2] || s[1] == "0.00" {
			t.Errorf("(%s: statements per request %v; the same build sends the same statements:\n%s", name, s, w)
		}
		if !strings.Contains(w, "median: A ") || !strings.Contains(w, "B − A by round: median ") {
			t.Errorf("(%s: no medians:\n%s", name, w)
		}
	}
}
