// Package app assembles careergraph's HTTP server from its settings and a store: the
// authentication service, the rate-limit budgets, live updates, the GraphQL schema and the
// handler with its middleware. The program (server.go) and every end-to-end test build the server
// here, so that what the tests exercise is what runs.
package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"entgo.io/ent/dialect"
	"github.com/99designs/gqlgen/graphql"
	"github.com/lib/pq"
	"go.opentelemetry.io/otel/trace"

	"careergraph/ent"
	"careergraph/graph"
	"careergraph/internal/auth"
	"careergraph/internal/booking"
	"careergraph/internal/changes"
	"careergraph/internal/config"
	"careergraph/internal/guard"
	"careergraph/internal/httpapi"
	"careergraph/internal/live"
	"careergraph/internal/metrics"
	"careergraph/internal/persisted"
	"careergraph/internal/policy"
	"careergraph/internal/ratelimit"
	"careergraph/internal/search"
	"careergraph/internal/store"
)

// Deps are what the server takes from its surroundings besides its settings; every one has a
// default.
type Deps struct {
	// Log receives the request lines and the server's own messages; nil discards them.
	Log *slog.Logger
	// Statements counts the statements the store sends (store.Options.CountStatement), for
	// /metrics; nil leaves them out.
	Statements *metrics.Statements
	// Tracer, when set, traces requests, operations and resolvers.
	Tracer trace.TracerProvider
	// Limiter keeps the rate-limit budgets; nil: in Redis when the settings name one, else in
	// this process.
	Limiter ratelimit.Limiter
	// Now is the clock of sessions, sign-in budgets and bookings; nil: time.Now.
	Now func() time.Time
	// Feed is the client that live updates read the change feed through; nil: the store's.
	Feed *ent.Client
	// GuardCounters, when set, count the work of the checks before execution.
	GuardCounters *guard.Counters
	// Auth, when set, adjusts the authentication service's options last (tests count hashes).
	Auth func(*auth.Options)
}

// App is a built server: its HTTP handler and what it runs on.
type App struct {
	// Handler serves every endpoint (see internal/httpapi).
	*httpapi.Handler
	// Schema is the executable GraphQL schema the handler serves.
	Schema graphql.ExecutableSchema
	// Auth is the authentication service (sign-in, tokens, API keys).
	Auth *auth.Service
	// Hub fans the catalogue's changes out to subscriptions.
	Hub *live.Hub
	// Documents are the persisted documents the handler runs by hash.
	Documents *persisted.Store

	closers []func()
}

// New builds the server that cfg describes over st. Live updates run until Close, not until ctx
// ends: subscriptions are still served while a stopping server drains.
func New(ctx context.Context, cfg config.Config, st *store.Store, d Deps) (*App, error) {
	if d.Log == nil {
		d.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	a := &App{}
	limiter := d.Limiter
	if limiter == nil {
		l, closeLimiter, err := rateLimiter(ctx, cfg)
		if err != nil {
			return nil, err
		}
		limiter = l
		a.closers = append(a.closers, closeLimiter)
	}
	authOptions := auth.Options{
		Now:             d.Now,
		HashConcurrency: cfg.HashConcurrency,
		Limiter:         limiter,
		AccountAttempts: ratelimit.Limit{Points: cfg.SignInPerAccount, Window: cfg.SignInWindow},
		AddressAttempts: ratelimit.Limit{Points: cfg.SignInPerAddress, Window: cfg.SignInWindow},
	}
	if d.Auth != nil {
		d.Auth(&authOptions)
	}
	a.Auth = auth.New(st.Client, authOptions)

	liveCtx, stopLive := context.WithCancel(context.WithoutCancel(ctx))
	a.closers = append(a.closers, stopLive)
	liveMetrics := live.NewMetrics()
	hub, err := liveUpdates(liveCtx, st, d, liveMetrics)
	if err != nil {
		a.Close()
		return nil, err
	}
	a.Hub = hub

	metrics := metrics.NewMetrics(st.DB, d.Statements, st.ReadMetrics()...)
	metrics.Register(liveMetrics.Collectors()...)
	a.Schema = graph.NewSchema(graph.Deps{
		Client:  st.Client,
		Auth:    a.Auth,
		Booking: booking.Rules{Dialect: st.Dialect, Now: d.Now},
		Search:  search.New(st.DB, st.Dialect).ReadFrom(st.Read),
		Changes: changes.Feed{Client: st.Client, Dialect: st.Dialect},
		Live:    hub,
	})
	a.Documents = persisted.New(st.Client)
	a.Handler = httpapi.New(httpapi.Options{
		Schema:               a.Schema,
		Tx:                   st.Client,
		Missing:              st.MissingOfType,
		MayRead:              policy.MayRead,
		GuardCounters:        d.GuardCounters,
		Operations:           []graphql.OperationMiddleware{graph.Loaders(st.Client)},
		Authenticate:         a.Auth.Authenticate,
		Ping:                 st.Ping,
		Log:                  d.Log,
		RequestTimeout:       cfg.RequestTimeout,
		TrustedProxies:       cfg.TrustedProxies,
		ProxyHeader:          cfg.ProxyHeader,
		AllowedOrigins:       cfg.CORSAllowedOrigins,
		AllowedHeaders:       cfg.CORSAllowedHeaders,
		Playground:           cfg.Playground,
		Introspection:        cfg.Introspection,
		FieldSuggestions:     cfg.FieldSuggestions,
		Limits:               cfg.Limits,
		Documents:            a.Documents,
		TrustedDocumentsOnly: cfg.TrustedDocuments,
		CacheMaxAge:          cfg.CacheMaxAge,
		Limiter:              limiter,
		Metrics:              metrics,
		LiveMetrics:          liveMetrics,
		Subscriptions:        cfg.Subscriptions,
		Tracer:               d.Tracer,
		Budgets: ratelimit.Budgets{
			Anonymous: ratelimit.Limit{Points: cfg.RateAnonymous, Window: cfg.RateWindow},
			Staff:     ratelimit.Limit{Points: cfg.RateStaff, Window: cfg.RateWindow},
			Key:       ratelimit.Limit{Points: cfg.RateKey, Window: cfg.RateWindow},
		},
	})
	return a, nil
}

// Close stops live updates and lets go of the rate-limit store; call it after the HTTP server
// has stopped.
func (a *App) Close() {
	for i := len(a.closers) - 1; i >= 0; i-- {
		a.closers[i]()
	}
	a.closers = nil
}

// liveUpdates starts the fan-out of the catalogue's changes to subscriptions: on PostgreSQL every
// replica hears every write through LISTEN/NOTIFY; on SQLite only this process writes, and the
// store tells the hub of each commit. The listener and the reads use the primary.
func liveUpdates(ctx context.Context, st *store.Store, d Deps, m *live.Metrics) (*live.Hub, error) {
	var source live.Source
	if st.Dialect == dialect.Postgres {
		log := d.Log
		source = live.Postgres{URL: st.DSN(), Stats: m, OnEvent: func(ev pq.ListenerEventType, err error) {
			switch ev {
			case pq.ListenerEventDisconnected:
				log.Warn("lost the connection that listens for catalogue changes; reconnecting", "error", err)
			case pq.ListenerEventReconnected:
				log.Info("listening for catalogue changes again; reading what changed meanwhile")
			}
		}}
	} else {
		local := live.NewLocal()
		st.OnCommit(local.Poke)
		source = local
	}
	feed := d.Feed
	if feed == nil {
		feed = st.Client
	}
	hub := live.NewHub(changes.Feed{Client: feed, Dialect: st.Dialect}, source, d.Log, m)
	if err := hub.Start(ctx); err != nil {
		return nil, fmt.Errorf("starting live updates: %w", err)
	}
	return hub, nil
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
