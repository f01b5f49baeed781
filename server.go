// Command careergraph serves the careergraph GraphQL API: a catalogue of careers and training.
//
//	careergraph                 serve the API (the default)
//	careergraph migrate         apply pending database migrations and exit
//	careergraph seed            load the demo catalogue and exit
//	careergraph user …          create, list, disable, enable, delete staff accounts, set roles and passwords
//	careergraph apikey …        create, list, revoke and rotate partners' API keys
//	careergraph import FILE     load catalogue objects from JSON Lines
//	careergraph export [FILE]   write the catalogue as JSON Lines
//	careergraph import esco DIR import the ESCO classification from its CSV export
//
// Settings come from environment variables; `careergraph --help` lists them.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"entgo.io/ent/dialect"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
	"golang.org/x/term"

	"careergraph/internal/admin"
	"careergraph/internal/app"
	"careergraph/internal/config"
	"careergraph/internal/metrics"
	"careergraph/internal/seed"
	"careergraph/internal/store"
	"careergraph/internal/tracing"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "careergraph:", err)
		os.Exit(1)
	}
}

// usage is the top of --help: the commands (the database commands' from package admin), then
// the settings.
func usage() string {
	return `careergraph serves a GraphQL API for a catalogue of careers and training.

Usage:
  careergraph [serve]    serve the API (GraphQL at /graphql, GraphiQL at /)
  careergraph migrate    apply pending database migrations, then exit
` + admin.Commands() + `  careergraph --version  print the version, commit and build date
  careergraph --help     show this help; COMMAND --help shows one command's

Settings (environment variables):
`
}

// run is the whole program: main only supplies the process's arguments, environment and output,
// so that tests can run it in-process. Every command's arguments are checked before the
// configuration is read or the database opened, so that a mistake or --help changes nothing.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 {
		cmd = args[0]
	}
	var action admin.Action
	switch {
	case cmd == "-h" || cmd == "--help" || cmd == "-help" || cmd == "help":
		fmt.Fprint(stdout, usage())
		config.Usage(stdout)
		return nil
	case cmd == "--version" || cmd == "-version" || cmd == "version":
		fmt.Fprintln(stdout, version(debug.ReadBuildInfo()))
		return nil
	case cmd == "serve" || cmd == "migrate":
		if len(args) > 1 {
			if a := args[1]; a == "-h" || a == "--help" || a == "-help" || a == "help" {
				fmt.Fprint(stdout, commandUsage[cmd])
				return nil
			}
			return fmt.Errorf("careergraph %s takes no arguments, not %q: settings come from the environment (see careergraph --help)", cmd, strings.Join(args[1:], " "))
		}
	case admin.Is(args):
		a, err := admin.Parse(args, admin.IO{Stdin: stdin, Stdout: stdout, Stderr: stderr, Getenv: getenv})
		if errors.Is(err, admin.ErrHelp) {
			return nil
		}
		if err != nil {
			return err
		}
		action = a
	default:
		return fmt.Errorf("unknown command %q (see careergraph --help)", cmd)
	}

	cfg, err := config.Load(getenv)
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	log := newLogger(cfg, stderr)

	fresh := cfg.DatabaseURL == "" && !exists(cfg.SQLitePath)
	var tracer *sdktrace.TracerProvider
	var wrap func(dialect.Driver) dialect.Driver
	if cfg.OTLPEndpoint != "" && cmd == "serve" {
		if tracer, err = tracing.Exporter(ctx, cfg.OTLPEndpoint, cfg.ServiceName); err != nil {
			return err
		}
		defer func() { _ = tracer.Shutdown(context.Background()) }() // Flushes buffered spans.
		wrap = tracing.Driver(tracer)
	}
	statements := metrics.NewStatements()
	opts := store.Options{
		DatabaseURL:    cfg.DatabaseURL,
		SQLitePath:     cfg.SQLitePath,
		MaxOpenConns:   cfg.MaxOpenConns,
		StatementCache: cfg.StatementCache,
		// A little longer than a request may take: the request's own deadline comes first.
		StatementTimeout: cfg.RequestTimeout + time.Second,
		WrapDriver:       wrap,
		CountStatement:   statements.Count,
	}
	if cmd == "serve" {
		// Only the server reads from the replica: the commands write, or export what was just
		// written.
		opts.ReplicaURL, opts.ReplicaMaxLag, opts.Log = cfg.DatabaseReplicaURL, cfg.ReplicaMaxLag, log
	}
	st, err := store.Open(ctx, opts)
	if err != nil {
		return err
	}
	defer st.Close()

	if cmd == "migrate" || cfg.Migrate {
		n, err := st.Migrate(ctx)
		if err != nil {
			return err
		}
		v, err := st.Version()
		if err != nil {
			return err
		}
		log.Info("database schema is current", "database", cfg.DatabaseDisplay(), "applied", n, "version", v)
		if cmd == "migrate" {
			fmt.Fprintf(stdout, "applied %d migration(s); schema version %d\n", n, v)
			return nil
		}
	}
	if action != nil {
		return action(ctx, st)
	}
	if fresh && cfg.SeedDemo {
		res, err := seed.Demo(ctx, st.Client, time.Now())
		if err != nil {
			return err
		}
		log.Info("demo catalogue loaded", "result", res.String())
	}
	return serve(ctx, cfg, st, statements, tracer, log)
}

// commandUsage is the --help of the commands that take no arguments.
var commandUsage = map[string]string{
	"serve": `Usage: careergraph [serve]

Serve the API: GraphQL at /graphql, GraphiQL at /, probes at /livez and /readyz, metrics at
/metrics. Applies pending migrations first (unless MIGRATE=false); a new SQLite database gets the
demo catalogue. Settings come from the environment: see careergraph --help.
`,
	"migrate": `Usage: careergraph migrate

Apply the database migrations the database has not seen, then exit; applying them again changes
nothing. Settings come from the environment: see careergraph --help.
`,
}

// serve runs the HTTP server until ctx is cancelled, then drains it.
func serve(ctx context.Context, cfg config.Config, st *store.Store, statements *metrics.Statements, tracer *sdktrace.TracerProvider, log *slog.Logger) error {
	// The collector's settings: the runtime read GOGC and GOMEMLIMIT already; this gives unset
	// ones the server's defaults (see README, "Memory and the garbage collector").
	debug.SetGCPercent(cfg.GCPercent)
	debug.SetMemoryLimit(cfg.MemoryLimit)
	a, err := app.New(ctx, cfg, st, app.Deps{Log: log, Statements: statements, Tracer: tracerOrNil(tracer)})
	if err != nil {
		return err
	}
	// After the HTTP server has stopped: subscriptions are served while it drains.
	defer a.Close()
	h := a.Handler
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port)))
	if err != nil {
		return err
	}
	// A person at a terminal wants the address, not the whole configuration (LOG_LEVEL=debug
	// shows it); a log collector keeps it with the start.
	if _, text := log.Handler().(*slog.TextHandler); text {
		log.Debug("configuration", "config", cfg)
		log.Info("listening", "addr", ln.Addr().String())
	} else {
		log.Info("listening", "addr", ln.Addr().String(), "config", cfg)
	}
	log.Info(readyLine(cfg, ln.Addr()))

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}

	h.Drain()
	if cfg.DrainDelay > 0 {
		log.Info("draining: readiness fails, still serving", "delay", cfg.DrainDelay)
		time.Sleep(cfg.DrainDelay)
	}
	log.Info("shutting down: closing subscriptions, finishing in-flight requests", "timeout", cfg.ShutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := h.CloseStreams(shutdownCtx); err != nil {
		log.Warn("subscription connections still open at the shutdown timeout", "error", err)
	}
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// tracerOrNil keeps a nil provider nil as an interface (tracing off).
func tracerOrNil(tp *sdktrace.TracerProvider) trace.TracerProvider {
	if tp == nil {
		return nil
	}
	return tp
}

// newLogger writes JSON lines for log collectors, or text for a person: LOG_FORMAT says which,
// and by default a terminal gets text and anything else JSON. Either way durations read as people
// write them (20s, 1m30s), not as nanoseconds.
func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel, ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Value.Kind() == slog.KindDuration {
			return slog.String(a.Key, humanDuration(a.Value.Duration()))
		}
		return a
	}}
	text := cfg.LogFormat == "text"
	if cfg.LogFormat == "auto" {
		f, ok := w.(*os.File)
		text = ok && term.IsTerminal(int(f.Fd()))
	}
	if text {
		return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: opts.Level, ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey && len(groups) == 0 {
				return slog.String(a.Key, a.Value.Time().Format(time.TimeOnly))
			}
			return opts.ReplaceAttr(groups, a)
		}}))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

// humanDuration writes d as Go does, without the zero minutes and seconds people leave out:
// 1m, 15m, 1h30m, 1.5s.
func humanDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// readyLine is what a person starting the server wants to know: where to point the browser.
func readyLine(cfg config.Config, addr net.Addr) string {
	host, port := "localhost", strconv.Itoa(cfg.Port)
	if a, ok := addr.(*net.TCPAddr); ok {
		port = strconv.Itoa(a.Port)
		if !a.IP.IsUnspecified() && !a.IP.IsLoopback() {
			host = a.IP.String()
		}
	}
	base := "http://" + net.JoinHostPort(host, port)
	if cfg.Playground {
		return fmt.Sprintf("careergraph is ready: GraphiQL %s/, GraphQL %s/graphql", base, base)
	}
	return fmt.Sprintf("careergraph is ready: GraphQL %s/graphql", base)
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// Version and BuildDate describe the release this binary was built from, set by the linker:
// go build -ldflags "-X main.Version=v1.2.0 -X main.BuildDate=$(date -u +%FT%TZ)".
var Version, BuildDate = "devel", "unknown"

// version describes the binary: its release and build date, and the commit (and its date) that
// Go records in builds from a git checkout.
func version(info *debug.BuildInfo, ok bool) string {
	commit, committed, modified, goVersion := "unknown", "unknown", "", "unknown"
	if ok {
		goVersion = info.GoVersion
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.time":
				committed = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					modified = "+changes"
				}
			}
		}
	}
	return fmt.Sprintf("careergraph %s (commit %s%s of %s, built %s, %s)", Version, commit, modified, committed, BuildDate, goVersion)
}
