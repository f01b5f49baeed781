// Command statement-split shows where PostgreSQL spends its time on the statements of profession
// pages (workload (a) of internal/bench), split as PostgreSQL itself logs them: parse (parsing
// and analysis), bind (planning included) and execute, summed from the server log with
// log_min_duration_statement = 0. It asks the pages of the API (a server process of its own, one
// request at a time) and of the direct-SQL path, once per statement cache size.
//
//	. scripts/lib/pg.sh && pg_start && go build -o /tmp/careergraph .
//	go run ./scripts/statement-split -postgres "$PG_URL" -log "$PG_DIR/server.log" -binary ./careergraph
//
// Run it on a throwaway cluster (scripts/lib/pg.sh): it builds the benchmark's catalogue there if
// the database holds none, and sets log_min_duration_statement for the whole cluster while it runs.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"time"

	"careergraph/internal/bench"
	"careergraph/internal/store"
)

func main() {
	pgURL := flag.String("postgres", "", "URL of the throwaway cluster's database (required)")
	logFile := flag.String("log", "", "the cluster's server log (required)")
	binary := flag.String("binary", "", "the careergraph server binary to start as the API (required; go build -o careergraph .)")
	caches := flag.String("cache", "0,256", "statement cache sizes (DB_STATEMENT_CACHE) to compare, comma-separated")
	pages := flag.Int("pages", 50, "profession pages measured per path and cache size")
	warmup := flag.Int("warmup", 20, "profession pages asked before, unmeasured")
	flag.Parse()
	if *pgURL == "" || *logFile == "" || *binary == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(context.Background(), *pgURL, *logFile, *binary, *caches, *warmup, *pages, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "statement-split:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, pgURL, logFile, binary, caches string, warmup, pages int, out io.Writer) error {
	st, err := store.Open(ctx, store.Options{DatabaseURL: pgURL, MaxOpenConns: 4})
	if err != nil {
		return err
	}
	defer st.Close()
	if err := bench.Prepare(ctx, st, out); err != nil {
		return err
	}
	w, err := bench.Professions(ctx, st.DB, time.Now(), rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		return err
	}
	if len(w.Requests) < warmup+pages {
		return fmt.Errorf("%d published professions, fewer than %d pages", len(w.Requests), warmup+pages)
	}
	if err := logEveryStatement(ctx, st, true); err != nil {
		return err
	}
	defer logEveryStatement(context.Background(), st, false) //nolint:errcheck // A throwaway cluster.

	fmt.Fprintf(out, "%d profession pages per row, one at a time, after %d unmeasured; times are PostgreSQL's own (log_min_duration_statement = 0)\n\n", pages, warmup)
	fmt.Fprintf(out, "%-5s  %-7s  %-14s  %-14s  %-14s  %-14s  %9s\n", "cache", "path", "parse", "bind", "execute", "simple", "ms/page")
	for _, c := range strings.Split(caches, ",") {
		size, err := strconv.Atoi(strings.TrimSpace(c))
		if err != nil {
			return fmt.Errorf("cache size %q: %w", c, err)
		}
		api, stop, err := startAPI(ctx, binary, pgURL, size)
		if err != nil {
			return err
		}
		direct, err := store.Open(ctx, store.Options{DatabaseURL: pgURL, MaxOpenConns: 20, StatementCache: size})
		if err != nil {
			stop()
			return err
		}
		limit, err := bench.NewSQLPath(ctx, direct.DB)
		if err != nil {
			stop()
			return err
		}
		sqlPath := httptest.NewServer(limit.Handler())
		client := bench.NewClient(api+"/graphql", api+"/metrics", sqlPath.URL, 1)
		for _, path := range []bench.Path{bench.Careergraph, bench.SQL} {
			s, err := measure(ctx, client, path, w, warmup, pages, logFile)
			if err != nil {
				stop()
				return err
			}
			fmt.Fprintf(out, "%-5d  %-7s  %s  %s  %s  %s  %9.2f\n", size, path,
				s["parse"], s["bind"], s["execute"], s["statement"], s.total()/float64(pages))
		}
		sqlPath.Close()
		_ = limit.Close()
		_ = direct.Close()
		stop()
	}
	fmt.Fprintln(out, "\neach column: messages logged, their milliseconds summed; simple: statements without arguments (simple protocol)")
	return nil
}

// logEveryStatement sets log_min_duration_statement to 0 for the cluster, or back to its default.
func logEveryStatement(ctx context.Context, st *store.Store, on bool) error {
	set := "ALTER SYSTEM SET log_min_duration_statement = 0"
	if !on {
		set = "ALTER SYSTEM RESET log_min_duration_statement"
	}
	if _, err := st.DB.ExecContext(ctx, set); err != nil {
		return err
	}
	_, err := st.DB.ExecContext(ctx, "SELECT pg_reload_conf()")
	return err
}

// measure asks the warm-up pages, then the measured ones, and sums what the server logged for the
// latter.
func measure(ctx context.Context, c *bench.Client, path bench.Path, w bench.Workload, warmup, pages int, logFile string) (split, error) {
	for _, r := range w.Requests[:warmup] {
		if _, err := c.Fetch(ctx, path, w, r); err != nil {
			return nil, err
		}
	}
	time.Sleep(200 * time.Millisecond) // The server writes its log asynchronously from the client's view.
	start, err := size(logFile)
	if err != nil {
		return nil, err
	}
	for _, r := range w.Requests[warmup : warmup+pages] {
		if _, err := c.Fetch(ctx, path, w, r); err != nil {
			return nil, err
		}
	}
	time.Sleep(500 * time.Millisecond)
	return readLog(logFile, start)
}

func size(file string) (int64, error) {
	fi, err := os.Stat(file)
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}

// split sums the logged durations by kind of message.
type split map[string]*sum

type sum struct {
	n  int
	ms float64
}

func (s *sum) String() string {
	if s == nil {
		s = &sum{}
	}
	return fmt.Sprintf("%4d %7.2f ms", s.n, s.ms)
}

func (s split) total() float64 {
	var t float64
	for _, v := range s {
		t += v.ms
	}
	return t
}

// logged matches PostgreSQL's line for a statement or a protocol step that took d ms: "duration:
// 0.052 ms  parse <unnamed>: SELECT …", "… bind 3: …", "… execute 3: …", "… statement: …".
var logged = regexp.MustCompile(`duration: ([0-9.]+) ms  (parse|bind|execute|statement)\b`)

func readLog(file string, from int64) (split, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if _, err := f.Seek(from, io.SeekStart); err != nil {
		return nil, err
	}
	s := split{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		m := logged.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		ms, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			return nil, err
		}
		if s[m[2]] == nil {
			s[m[2]] = &sum{}
		}
		s[m[2]].n++
		s[m[2]].ms += ms
	}
	return s, sc.Err()
}

// startAPI starts the API on a free loopback port with the given statement cache, and returns its
// base URL and how to stop it.
func startAPI(ctx context.Context, binary, pgURL string, cache int) (string, func(), error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	_ = l.Close()
	cmd := exec.CommandContext(ctx, binary, "serve")
	cmd.Env = []string{"DATABASE_URL=" + pgURL, "HOST=127.0.0.1", "PORT=" + strconv.Itoa(port), "MIGRATE=false",
		"LOG_LEVEL=error", "RATE_LIMIT_ANONYMOUS=1000000000", "DB_STATEMENT_CACHE=" + strconv.Itoa(cache)}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop := func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}
	base := "http://127.0.0.1:" + strconv.Itoa(port)
	for range 300 {
		if resp, err := http.Get(base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base, stop, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	stop()
	return "", nil, errors.New("the API did not become ready within 30 s")
}
