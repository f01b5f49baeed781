package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"entgo.io/ent/dialect"

	"careergraph/internal/config"
	"careergraph/internal/store"
	"careergraph/internal/synthetic"
)

// ESCO is a catalogue of ESCO's size (professions, skills and their links, as in ESCO v1.2),
// with the trainings, sessions and posts of synthetic.Large.
var ESCO = synthetic.Sizes{Professions: 3007, Skills: 13896, Needs: 123855, Providers: 50,
	Trainings: 20000, Sessions: 100000, Posts: 10000}

// Options are the settings of one benchmark run (the flags of cmd/bench).
type Options struct {
	// Binary is the careergraph server binary to start: the API is measured as a process of
	// its own.
	Binary string
	// Load, Warmup and Seed: how many requests, how long each path is warmed up first, and the
	// seed of the requests' order.
	Load   Load
	Warmup time.Duration
	Seed   uint64
	// Rounds: see Settings.Rounds.
	Rounds int
	// PostGraphile is where scripts/postgraphile/install put PostGraphile (empty: leave it out);
	// PostGraphileWorkers its worker processes.
	PostGraphile        string
	PostGraphileWorkers int
	// Against, when set, names a second server binary: Compare measures the two builds against
	// each other instead (PostGraphile and the direct-SQL path are left out).
	Against string
	// Live measures subscriptions instead (see LiveOptions).
	Live                       bool
	Idle, Subscribers, Changes int
}

// Measure runs the benchmark of o on the PostgreSQL database of cfg (built into an ESCO-sized
// synthetic catalogue first if it holds none): it starts o.Binary and PostGraphile (when
// installed) as processes of their own, drives every path, follows their CPU time and memory and
// PostgreSQL's CPU time, and prints the report.
func Measure(ctx context.Context, cfg config.Config, getenv func(string) string, o Options, stdout io.Writer) error {
	var sqlStatements atomic.Int64
	st, err := store.Open(ctx, store.Options{DatabaseURL: cfg.DatabaseURL, MaxOpenConns: cfg.MaxOpenConns,
		StatementCache: cfg.StatementCache, CountStatement: func() { sqlStatements.Add(1) }})
	if err != nil {
		return err
	}
	defer st.Close()
	if st.Dialect != dialect.Postgres {
		return errors.New("bench runs on PostgreSQL: set DATABASE_URL")
	}
	if o.Live {
		fmt.Fprintf(stdout, "machine: %s; load average before: %s\n", machine(), loadavg())
		_, err := Live(ctx, cfg, getenv, st, LiveOptions{Binary: o.Binary, Idle: o.Idle, Subscribers: o.Subscribers, Changes: o.Changes}, stdout)
		fmt.Fprintf(stdout, "load average after: %s\n", loadavg())
		return err
	}
	if err := Prepare(ctx, st, stdout); err != nil {
		return err
	}
	if o.Against != "" {
		fmt.Fprintf(stdout, "machine: %s; load average before: %s\n", machine(), loadavg())
		_, err := Compare(ctx, cfg, getenv, st, o, stdout)
		fmt.Fprintf(stdout, "\nload average after: %s\n", loadavg())
		return err
	}

	srv, err := startServer(ctx, o.Binary, cfg, getenv)
	if err != nil {
		return err
	}
	defer srv.stop()

	sqlPath, err := NewSQLPath(ctx, st.DB)
	if err != nil {
		return err
	}
	defer sqlPath.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	direct := &http.Server{Handler: sqlPath.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = direct.Serve(ln) }()
	defer direct.Close()
	own := sampleMemory(os.Getpid())
	defer own.stop()

	c := NewClient(srv.base+"/graphql", srv.base+"/metrics", "http://"+ln.Addr().String(), o.Load.Concurrency)
	paths := Paths{Client: c, DB: st.DB, SQLStatements: &sqlStatements,
		CPU:     map[Path]func() time.Duration{Careergraph: cpuOf(srv.cmd.Process.Pid), SQL: ownCPU},
		RSS:     map[Path]func() int64{Careergraph: srv.mem.recentPeak, SQL: own.recentPeak},
		LoadCPU: ownCPU}

	var pgl *PostGraphileServer
	if o.PostGraphile != "" {
		if err := CreatePostGraphileViews(ctx, st.DB); err != nil {
			return err
		}
		// The same number of connections as careergraph's pool, shared among the workers.
		pool := (cfg.MaxOpenConns + o.PostGraphileWorkers - 1) / o.PostGraphileWorkers
		pgl, err = StartPostGraphile(ctx, PostGraphileOptions{Dir: o.PostGraphile, DatabaseURL: cfg.DatabaseURL, Workers: o.PostGraphileWorkers, PoolSize: pool})
		switch {
		case errors.Is(err, ErrPostGraphileMissing):
			fmt.Fprintf(stdout, "leaving PostGraphile out: %v\n", err)
		case err != nil:
			return err
		default:
			defer pgl.Stop()
			fmt.Fprintf(stdout, "PostGraphile: %d workers with %d connections each\n", o.PostGraphileWorkers, pool)
			c.PostGraphile = pgl.URL
			paths.PostGraphileStatements = pgl.Statements
			paths.CPU[PostGraphile], paths.RSS[PostGraphile] = pgl.CPU, pgl.RecentPeak
		}
	}
	backends, err := followBackends(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	if backends == nil {
		fmt.Fprintln(stdout, "PostgreSQL's processes cannot be read here: its CPU time is left out")
	} else {
		defer backends.stop()
		paths.DBCPU = backends.total
	}

	s := Settings{Load: o.Load, Warmup: o.Warmup, Seed: o.Seed, Rounds: o.Rounds, Now: time.Now()}
	fmt.Fprintf(stdout, "machine: %s; load average before: %s\n", machine(), loadavg())
	report, err := Run(ctx, paths, s, stdout)
	if err != nil {
		return err
	}
	report.PeakRSS, report.HighWater = map[Path]int64{}, map[Path]int64{}
	report.PeakRSS[Careergraph], report.HighWater[Careergraph] = srv.mem.highWater()
	if pgl != nil {
		report.PeakRSS[PostGraphile], report.HighWater[PostGraphile] = pgl.Memory()
	}
	fmt.Fprintf(stdout, "load average after: %s\n\n", loadavg())
	return report.Write(stdout)
}

// Prepare migrates the database and builds the ESCO-sized catalogue in it unless it holds a
// synthetic catalogue already; then it prints the catalogue's size.
func Prepare(ctx context.Context, st *store.Store, w io.Writer) error {
	if _, err := st.Migrate(ctx); err != nil {
		return err
	}
	start := time.Now()
	switch err := synthetic.Catalogue(ctx, st.DB, ESCO, start); {
	case errors.Is(err, synthetic.ErrPresent):
		fmt.Fprintln(w, "using the synthetic catalogue already in the database")
	case err != nil:
		return err
	default:
		fmt.Fprintf(w, "built the synthetic catalogue in %s\n", time.Since(start).Round(time.Second))
	}
	var parts []string
	for _, t := range []string{"professions", "skills", "profession_skills", "trainings", "training_sessions", "blog_posts"} {
		var n int
		if err := st.DB.QueryRowContext(ctx, "SELECT count(*) FROM "+t).Scan(&n); err != nil {
			return err
		}
		parts = append(parts, fmt.Sprintf("%s %d", t, n))
	}
	fmt.Fprintln(w, "catalogue:", strings.Join(parts, ", "))
	return nil
}

// server is the API running as a process of its own, with its memory sampled.
type server struct {
	cmd  *exec.Cmd
	base string
	mem  *memory
}

// startServer starts binary serve on a free port of the loopback interface, with rate limits
// out of the way (the benchmark is one client asking as fast as it can), and waits until it is
// ready.
func startServer(ctx context.Context, binary string, cfg config.Config, getenv func(string) string, env ...string) (*server, error) {
	cmd := exec.Command(binary, "serve")
	// The Go runtime's own settings pass on, for measuring the server under them.
	for _, name := range []string{"GOGC", "GOMEMLIMIT", "GOMAXPROCS"} {
		if v := getenv(name); v != "" {
			cmd.Env = append(cmd.Env, name+"="+v)
		}
	}
	cmd.Env = append(cmd.Env,
		"DATABASE_URL="+cfg.DatabaseURL,
		"HOST=127.0.0.1", "PORT=0",
		"MIGRATE=false",
		"RATE_LIMIT_ANONYMOUS=1000000000",
		"DB_MAX_OPEN_CONNS="+strconv.Itoa(cfg.MaxOpenConns),
		"DB_STATEMENT_CACHE="+strconv.Itoa(cfg.StatementCache),
		"LOG_FORMAT=json",
	)
	cmd.Env = append(cmd.Env, env...)
	stopWithParent(cmd)
	logs, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s serve: %w", binary, err)
	}
	s := &server{cmd: cmd, mem: sampleMemory(cmd.Process.Pid)}
	addr := make(chan string, 1)
	go func() {
		// The server logs one line per request. Only the address it listens on is of use here;
		// the lines after it are drained unread, so that the server never blocks on a full pipe
		// and the benchmark spends no CPU of the machine it measures on decoding them.
		sc := bufio.NewScanner(logs)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			var line struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "listening" {
				addr <- line.Addr
				break
			}
		}
		_, _ = io.Copy(io.Discard, logs)
	}()
	select {
	case a := <-addr:
		s.base = "http://" + a
	case <-time.After(30 * time.Second):
		s.stop()
		return nil, errors.New("the server did not start listening within 30 s")
	case <-ctx.Done():
		s.stop()
		return nil, ctx.Err()
	}
	for range 100 {
		resp, err := http.Get(s.base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	s.stop()
	return nil, errors.New("the server did not become ready")
}

func (s *server) stop() {
	s.mem.stop()
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	exited := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(exited) }()
	select {
	case <-exited:
	case <-time.After(30 * time.Second):
		_ = s.cmd.Process.Kill()
		<-exited
	}
}

// machine describes the CPUs and memory the figures were taken on. The CPUs' model matters: the
// same build and the peer have run at other ratios on another model.
func machine() string {
	mem := "memory unknown"
	if b, ok := kBField("/proc/meminfo", "MemTotal"); ok {
		mem = fmt.Sprintf("%.1f GB memory", float64(b)/(1<<30))
	}
	cpus := fmt.Sprintf("%d CPUs", runtime.NumCPU())
	if model, ok := procField("/proc/cpuinfo", "model name"); ok {
		cpus += " (" + model + ")"
	}
	return fmt.Sprintf("%s, %s, %s/%s", cpus, mem, runtime.GOOS, runtime.GOARCH)
}

func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
