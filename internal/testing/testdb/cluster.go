package testdb

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"testing"
)

// Cluster is a PostgreSQL server of a test's own, which the test may stop and start (to see
// how the API lives through a database outage).
type Cluster struct {
	// URL points at the cluster's postgres database.
	URL       string
	bin, data string
	port      int
	as        []string // runuser prefix when running as root
	tb        testing.TB
}

// NewCluster initialises and starts a throwaway cluster, removed when the test ends. It needs
// PostgreSQL's server binaries; without them the test fails under CI and is skipped elsewhere.
func NewCluster(tb testing.TB) *Cluster {
	tb.Helper()
	c := newCluster(tb)
	if out, err := c.run(filepath.Join(c.bin, "initdb"), "-D", c.data, "-U", "postgres", "-A", "trust", "--no-sync"); err != nil {
		tb.Fatalf("initdb: %v\n%s", err, out)
	}
	c.Start()
	return c
}

// NewReplica starts a streaming replica of the running cluster c, removed when the test ends: a
// base backup of c (pg_basebackup -R, which also makes it a standby of c) in a data folder of its
// own, on a port of its own. initdb's trust rules let local replication connections in; the
// backup starts at once, from a fast checkpoint, instead of waiting for a spread one.
func (c *Cluster) NewReplica() *Cluster {
	c.tb.Helper()
	r := newCluster(c.tb)
	if out, err := r.run(filepath.Join(r.bin, "pg_basebackup"), "-D", r.data, "-R", "-X", "stream", "--no-sync", "--checkpoint=fast",
		"-h", "127.0.0.1", "-p", fmt.Sprint(c.port), "-U", "postgres"); err != nil {
		c.tb.Fatalf("pg_basebackup: %v\n%s", err, out)
	}
	r.Start()
	return r
}

// newCluster prepares a cluster's folder and port, and its removal when the test ends.
func newCluster(tb testing.TB) *Cluster {
	tb.Helper()
	bin := serverBinaries()
	if bin == "" {
		msg := "PostgreSQL's server binaries (initdb, pg_ctl, pg_basebackup) are not installed"
		if os.Getenv("CI") != "" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	dir, err := os.MkdirTemp("", "careergraph-cluster-")
	if err != nil {
		tb.Fatal(err)
	}
	c := &Cluster{bin: bin, data: filepath.Join(dir, "data"), tb: tb}
	if u, err := user.Current(); err == nil && u.Uid == "0" {
		// initdb, pg_basebackup and pg_ctl refuse to run as root.
		c.as = []string{"runuser", "-u", "postgres", "--"}
		_ = exec.Command("chown", "postgres", dir).Run()
	}
	tb.Cleanup(func() {
		_ = c.ctl("stop", "-m", "immediate")
		_ = os.RemoveAll(dir)
	})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	c.port = l.Addr().(*net.TCPAddr).Port
	_ = l.Close()
	c.URL = fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.port)
	return c
}

// Start starts the cluster and waits until it accepts connections.
func (c *Cluster) Start() {
	c.tb.Helper()
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off", c.port, filepath.Dir(c.data))
	if out, err := c.ctlOut("start", "-w", "-t", "60", "-l", filepath.Join(filepath.Dir(c.data), "server.log"), "-o", opts); err != nil {
		c.tb.Fatalf("starting PostgreSQL: %v\n%s", err, out)
	}
}

// Stop stops the cluster, disconnecting every client at once.
func (c *Cluster) Stop() {
	c.tb.Helper()
	if out, err := c.ctlOut("stop", "-w", "-m", "fast"); err != nil {
		c.tb.Fatalf("stopping PostgreSQL: %v\n%s", err, out)
	}
}

// Kill stops the cluster the way a crash or a pulled cable would, without a shutdown checkpoint
// and without telling its clients.
func (c *Cluster) Kill() {
	c.tb.Helper()
	if out, err := c.ctlOut("stop", "-w", "-m", "immediate"); err != nil {
		c.tb.Fatalf("stopping PostgreSQL: %v\n%s", err, out)
	}
}

func (c *Cluster) ctl(args ...string) error {
	_, err := c.ctlOut(args...)
	return err
}

func (c *Cluster) ctlOut(args ...string) ([]byte, error) {
	return c.run(filepath.Join(c.bin, "pg_ctl"), append([]string{"-D", c.data}, args...)...)
}

func (c *Cluster) run(name string, args ...string) ([]byte, error) {
	full := append(append([]string{}, c.as...), append([]string{name}, args...)...)
	return exec.Command(full[0], full[1:]...).CombinedOutput()
}

// serverBinaries finds the directory of initdb and pg_ctl.
func serverBinaries() string {
	if p, err := exec.LookPath("initdb"); err == nil {
		// Through links (/usr/local/bin/initdb → /usr/lib/postgresql/15/bin/initdb), to the
		// folder that holds pg_basebackup too.
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		return filepath.Dir(p)
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Strings(dirs)
	for i := len(dirs) - 1; i >= 0; i-- {
		if _, err := os.Stat(filepath.Join(dirs[i], "initdb")); err == nil {
			return dirs[i]
		}
	}
	return ""
}
