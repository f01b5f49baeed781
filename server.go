// Command careergraph serves the careergraph GraphQL API: a catalogue of careers and training.
//
//	careergraph                 serve the API (the default)
//	careergraph migrate         apply pending database migrations and exit
//	careergraph seed            load the demo catalogue and exit
//	careergraph user create     create a staff account
//	careergraph apikey create   create a partner's API key
//	careergraph import FILE     load catalogue objects from JSON Lines
//	careergraph export [FILE]   write the catalogue as JSON Lines
//	careergraph import esco DIR import the ESCO classification from its CSV export
//	careergraph bench           measure the API against direct SQL on PostgreSQL
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
	"syscall"
	"time"

	"entgo.io/ent/dialect"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"careergraph/graph"
	"careergraph/internal/admin"
	"careergraph/internal/auth"
	"careergraph/internal/bench"
	"careergraph/internal/booking"
	"careergraph/internal/changes"
	"careergraph/internal/config"
	"careergraph/internal/httpapi"
	"careergraph/internal/observe"
	"careergraph/internal/persisted"
	"careergraph/internal/policy"
	"careergraph/internal/ratelimit"
	"careergraph/internal/search"
	"careergraph/internal/seed"
	"careergraph/internal/store"
	"careergraph/internal/tracing"

	"github.com/99designs/gqlgen/graphql"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "careergraph:", err)
		os.Exit(1)
	}
}

const usage = `careergraph serves a GraphQL API for a catalogue of careers and training.

Usage:
  careergraph [serve]    serve the API (GraphQL at /graphql, playground at /)
  careergraph migrate    apply pending database migrations, then exit
  careergraph seed       load the demo catalogue (creates what is missing), then exit
  careergraph seed --synthetic [--professions N] [--skills N] [--links N] [--providers N]
                         [--trainings N] [--sessions N] [--posts N]
                         add a large synthetic catalogue for benchmarks (PostgreSQL only;
                         the defaults are 3000, 14000, 120000, 50, 20000, 100000, 10000)
  careergraph user create --email ADDRESS --role ADMIN|EDITOR [--name NAME]
                         create a staff account; the password is read from CAREERGRAPH_PASSWORD
                         or, without it, from the first line of standard input
  careergraph apikey create --name NAME --scope SCOPE [--scope SCOPE] [--provider SLUG] [--expires YYYY-MM-DD]
                         create a partner's API key (scopes: CATALOGUE_READ, TRAININGS_WRITE)
  careergraph documents register --client NAME FILE
                         register a client's GraphQL documents as trusted; FILE is a JSON object
                         of SHA-256 hash → document, or a JSON array of documents
  careergraph import FILE
                         create or update catalogue objects from a JSON Lines file
                         (docs/import-format.md); importing a file again changes nothing
  careergraph import esco [--max-missing PERCENT] DIR
                         import ESCO's occupations, skills, skill groups and their links from its
                         CSV export (v1.1) in DIR; importing the same files again changes nothing.
                         Refused, writing nothing, when a file is missing or empty, or when more
                         than PERCENT (default 1) of the references lead nowhere
  careergraph export [FILE]
                         write the whole catalogue as JSON Lines to FILE or standard output
  careergraph bench [--concurrency N] [--duration D | --requests N] [--warmup D]
                         measure the API against direct SQL on PostgreSQL (see BENCHMARKS.md)
  careergraph --version  print the version, commit and build date
  careergraph --help     show this help

Settings (environment variables):
`

// run is the whole program: main only supplies the process's arguments, environment and output,
// so that tests can run it in-process.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 {
		cmd = args[0]
	}
	var rest []string
	switch cmd {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		config.Usage(stdout)
		return nil
	case "--version", "-version", "version":
		fmt.Fprintln(stdout, version(debug.ReadBuildInfo()))
		return nil
	case "seed":
		rest = args[1:]
		if len(rest) > 0 && rest[0] != "--synthetic" && rest[0] != "-synthetic" {
			return fmt.Errorf("seed takes no arguments but --synthetic and its sizes (see --help)")
		}
	case "bench":
		return bench.Command(ctx, args[1:], getenv, stdout)
	case "serve", "migrate":
		if len(args) > 1 {
			return fmt.Errorf("%s takes no arguments (settings come from the environment; see --help)", cmd)
		}
	case "import", "export":
		rest = args[1:]
	case "user", "apikey", "documents":
		want := "create"
		if cmd == "documents" {
			want = "register"
		}
		if len(args) < 2 || args[1] != want {
			return fmt.Errorf("usage: careergraph %s %s … (see --help)", cmd, want)
		}
		rest = args[2:]
	default:
		return fmt.Errorf("unknown command %q (see --help)", cmd)
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
	statements := observe.NewStatements()
	st, err := store.Open(ctx, store.Options{
		DatabaseURL:    cfg.DatabaseURL,
		SQLitePath:     cfg.SQLitePath,
		MaxOpenConns:   cfg.MaxOpenConns,
		StatementCache: cfg.StatementCache,
		// A little longer than a request may take: the request's own deadline comes first.
		StatementTimeout: cfg.RequestTimeout + time.Second,
		WrapDriver:       wrap,
		CountStatement:   statements.Count,
	})
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
	switch cmd {
	case "user":
		return admin.CreateUser(ctx, st.Client, rest, stdin, getenv, stdout)
	case "apikey":
		return admin.CreateKey(ctx, st.Client, rest, stdout)
	case "documents":
		return admin.RegisterDocuments(ctx, persisted.New(st.Client), rest, stdout)
	case "import":
		if len(rest) > 0 && rest[0] == "esco" {
			return admin.ImportESCO(ctx, st, rest[1:], stdout, stderr)
		}
		return admin.Import(ctx, st, rest, stdout, stderr)
	case "export":
		return admin.Export(ctx, st, rest, stdout, stderr)
	}
	if cmd == "seed" && len(rest) > 0 {
		return admin.SeedSynthetic(ctx, st, rest, stdout)
	}
	if cmd == "seed" || (fresh && cfg.SeedDemo) {
		res, err := seed.Demo(ctx, st.Client, time.Now())
		if err != nil {
			return err
		}
		log.Info("demo catalogue loaded", "result", res.String())
		if cmd == "seed" {
			fmt.Fprintln(stdout, "seeded:", res.String())
			return nil
		}
	}
	return serve(ctx, cfg, st, statements, tracer, log)
}

// serve runs the HTTP server until ctx is cancelled, then drains it.
func serve(ctx context.Context, cfg config.Config, st *store.Store, statements *observe.Statements, tracer *sdktrace.TracerProvider, log *slog.Logger) error {
	// The collector's settings: the runtime read GOGC and GOMEMLIMIT already; this gives unset
	// ones the server's defaults (see README, "Memory and the garbage collector").
	debug.SetGCPercent(cfg.GCPercent)
	debug.SetMemoryLimit(cfg.MemoryLimit)
	limiter, closeLimiter, err := rateLimiter(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeLimiter()
	authn := auth.New(st.Client, auth.Options{
		Now:             time.Now,
		HashConcurrency: cfg.HashConcurrency,
		Limiter:         limiter,
		AccountAttempts: ratelimit.Limit{Points: cfg.SignInPerAccount, Window: cfg.SignInWindow},
		AddressAttempts: ratelimit.Limit{Points: cfg.SignInPerAddress, Window: cfg.SignInWindow},
	})
	h := httpapi.New(httpapi.Options{
		Schema: graph.NewSchema(graph.Deps{
			Client:  st.Client,
			Auth:    authn,
			Booking: booking.Rules{Dialect: st.Dialect, Now: time.Now},
			Search:  search.New(st.DB, st.Dialect),
			Changes: changes.Feed{Client: st.Client, Dialect: st.Dialect},
		}),
		Tx:                   st.Client,
		Missing:              st.MissingOfType,
		MayRead:              policy.MayRead,
		Operations:           []graphql.OperationMiddleware{graph.Loaders(st.Client)},
		Authenticate:         authn.Authenticate,
		Ping:                 st.Ping,
		Log:                  log,
		RequestTimeout:       cfg.RequestTimeout,
		TrustedProxies:       cfg.TrustedProxies,
		ProxyHeader:          cfg.ProxyHeader,
		AllowedOrigins:       cfg.CORSAllowedOrigins,
		AllowedHeaders:       cfg.CORSAllowedHeaders,
		Playground:           cfg.Playground,
		Introspection:        cfg.Introspection,
		FieldSuggestions:     cfg.FieldSuggestions,
		Limits:               cfg.Limits,
		Documents:            persisted.New(st.Client),
		TrustedDocumentsOnly: cfg.TrustedDocuments,
		CacheMaxAge:          cfg.CacheMaxAge,
		Limiter:              limiter,
		Metrics:              observe.NewMetrics(st.DB, statements),
		Tracer:               tracerOrNil(tracer),
		Budgets: httpapi.Budgets{
			Anonymous: ratelimit.Limit{Points: cfg.RateAnonymous, Window: cfg.RateWindow},
			Staff:     ratelimit.Limit{Points: cfg.RateStaff, Window: cfg.RateWindow},
			Key:       ratelimit.Limit{Points: cfg.RateKey, Window: cfg.RateWindow},
		},
	})
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
	log.Info("listening", "addr", ln.Addr().String(), "config", cfg)

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
	log.Info("shutting down: finishing in-flight requests", "timeout", cfg.ShutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}

// rateLimiter keeps budgets in Redis when REDIS_URL is set (shared by replicas), else in this
// process.
func rateLimiter(ctx context.Context, cfg config.Config) (ratelimit.Limiter, func(), error) {
	if cfg.RedisURL == "" {
		return ratelimit.NewMemory(nil), func() {}, nil
	}
	c, err := ratelimit.ConnectRedis(ctx, cfg.RedisURL)
	if err != nil {
		return nil, nil, err
	}
	return ratelimit.NewRedis(c, ratelimit.RedisOptions{}), func() { _ = c.Close() }, nil
}

// tracerOrNil keeps a nil provider nil as an interface (tracing off).
func tracerOrNil(tp *sdktrace.TracerProvider) trace.TracerProvider {
	if tp == nil {
		return nil
	}
	return tp
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
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
