package bench

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// postGraphileViews creates the schema PostGraphile serves: views of the published rows.
//
//go:embed postgraphile.sql
var postGraphileViews string

// CreatePostGraphileViews (re)creates the `pgl` schema of views that PostGraphile serves, over
// the tables of db.
func CreatePostGraphileViews(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, postGraphileViews); err != nil {
		return fmt.Errorf("creating PostGraphile's views: %w", err)
	}
	return nil
}

// ErrPostGraphileMissing means that PostGraphile is not installed where it was looked for.
var ErrPostGraphileMissing = errors.New("PostGraphile is not installed")

// PostGraphileOptions say where PostGraphile is installed and how to run it.
type PostGraphileOptions struct {
	// Dir is scripts/postgraphile of the repository, with its node_modules installed by
	// scripts/postgraphile/install.
	Dir string
	// DatabaseURL is the database whose `pgl` views it serves (CreatePostGraphileViews).
	DatabaseURL string
	// Workers is the number of its processes that serve requests, PoolSize each one's
	// connections to PostgreSQL.
	Workers, PoolSize int
}

// PostGraphileServer is PostGraphile running as processes of its own: a primary that accepts
// the connections and hands them to its workers (node:cluster).
type PostGraphileServer struct {
	// URL is its GraphQL endpoint.
	URL     string
	control string
	cmd     *exec.Cmd
	// pids are the primary's process ID, then the workers'.
	pids   []int
	mem    *memory
	http   *http.Client
	stderr *tail
	// exited is closed when the primary has exited.
	exited chan struct{}
}

// StartPostGraphile starts o.Dir's server.mjs on a free port of the loopback interface with the
// Node.js installed beside it, and waits until every worker listens. It returns an error
// wrapping ErrPostGraphileMissing, which says how to install it, when it is not installed.
func StartPostGraphile(ctx context.Context, o PostGraphileOptions) (*PostGraphileServer, error) {
	dir, err := filepath.Abs(o.Dir)
	if err != nil {
		return nil, err
	}
	node := filepath.Join(dir, "node_modules", ".bin", "node")
	for _, need := range []string{node, filepath.Join(dir, "node_modules", "postgraphile", "package.json")} {
		if _, err := os.Stat(need); err != nil {
			return nil, fmt.Errorf("%w in %s: run %s (it needs npm)", ErrPostGraphileMissing, dir, filepath.Join(o.Dir, "install"))
		}
	}
	cmd := exec.Command(node, "server.mjs")
	cmd.Dir = dir
	cmd.Env = []string{
		"DATABASE_URL=" + o.DatabaseURL,
		"HOST=127.0.0.1", "PORT=0",
		"WORKERS=" + strconv.Itoa(o.Workers),
		"POOL_SIZE=" + strconv.Itoa(o.PoolSize),
	}
	stopWithParent(cmd)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	s := &PostGraphileServer{cmd: cmd, stderr: &tail{}, http: &http.Client{Timeout: 10 * time.Second}, exited: make(chan struct{})}
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting PostGraphile: %w", err)
	}
	type ready struct {
		Msg, Addr, Control string
		Pids               []int
	}
	started := make(chan ready, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			var r ready
			if json.Unmarshal(sc.Bytes(), &r) == nil && r.Msg == "listening" {
				started <- r
			}
		}
	}()
	go func() {
		_ = cmd.Wait()
		close(s.exited)
	}()
	select {
	case r := <-started:
		s.URL, s.control = "http://"+r.Addr+"/graphql", "http://"+r.Control
		s.pids = append([]int{cmd.Process.Pid}, r.Pids...)
		s.mem = sampleMemory(s.pids...)
		return s, nil
	case <-s.exited:
		return nil, fmt.Errorf("PostGraphile exited before listening: %s", s.stderr)
	case <-time.After(2 * time.Minute):
		s.Stop()
		return nil, fmt.Errorf("PostGraphile did not listen within 2 minutes: %s", s.stderr)
	case <-ctx.Done():
		s.Stop()
		return nil, ctx.Err()
	}
}

// Statements reads the number of SQL statements PostGraphile's workers have sent, transaction
// control aside (server.mjs counts them).
func (s *PostGraphileServer) Statements(ctx context.Context) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.control+"/statements", nil)
	if err != nil {
		return 0, err
	}
	resp, err := s.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("PostGraphile's statements: %s: %s", resp.Status, b)
	}
	return strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
}

// CPU reads the CPU time its processes have used together.
func (s *PostGraphileServer) CPU() time.Duration { return cpuOf(s.pids...)() }

// RecentPeak returns the largest resident set of its processes together since the last call.
func (s *PostGraphileServer) RecentPeak() int64 { return s.mem.recentPeak() }

// Memory returns the largest resident set of its processes together, as sampled, and the sum of
// their high-water marks.
func (s *PostGraphileServer) Memory() (peak, highWater int64) { return s.mem.highWater() }

// Stop stops the primary, which stops its workers.
func (s *PostGraphileServer) Stop() {
	if s.mem != nil {
		s.mem.stop()
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.exited
	}
}

// tail keeps the last lines a process wrote, for an error message.
type tail struct {
	mu  sync.Mutex
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - 4096; over > 0 {
		t.buf = t.buf[over:]
	}
	return len(p), nil
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return string(bytes.TrimSpace(t.buf))
}
