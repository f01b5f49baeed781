package httpapi_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"careergraph/ent"
	"careergraph/graph"
	"careergraph/internal/auth"
	"careergraph/internal/booking"
	"careergraph/internal/changes"
	"careergraph/internal/config"
	"careergraph/internal/guard"
	"careergraph/internal/httpapi"
	"careergraph/internal/live"
	"careergraph/internal/observe"
	"careergraph/internal/persisted"
	"careergraph/internal/policy"
	"careergraph/internal/ratelimit"
	"careergraph/internal/search"
	"careergraph/internal/store"
	"careergraph/internal/testing/gqltest"
	"careergraph/internal/testing/testdb"
)

// server is a careergraph handler on a real database, reached over real HTTP.
type server struct {
	gqltest.Client
	Base    string
	Store   *store.Store
	Handler *httpapi.Handler
	// Statements counts the SQL statements sent to the database.
	Statements *atomic.Int64
	// Work counts what the checks before execution and validation did.
	Work *guard.Counters
	// Schema is the GraphQL schema served.
	Schema *ast.Schema
}

func newServer(t testing.TB, dialectName string, opts ...func(*httpapi.Options)) *server {
	t.Helper()
	return newServerWithAuth(t, dialectName, nil, opts...)
}

// newServerWithAuth is newServer with the authentication service's options changed by setAuth.
func newServerWithAuth(t testing.TB, dialectName string, setAuth func(*auth.Options), opts ...func(*httpapi.Options)) *server {
	t.Helper()
	n := new(atomic.Int64)
	st := testdb.Open(t, dialectName, testdb.Options{
		WrapDriver: func(d dialect.Driver) dialect.Driver {
			return dialect.DebugWithContext(d, func(context.Context, ...any) { n.Add(1) })
		},
	})
	return serveStore(t, st, n, setAuth, opts...)
}

// newServerOn serves the API over an open store; statements counts what the store's driver runs.
func newServerOn(t testing.TB, st *store.Store, statements *atomic.Int64, opts ...func(*httpapi.Options)) *server {
	t.Helper()
	return serveStore(t, st, statements, nil, opts...)
}

// serveStore serves the API over st with the default settings, changed by setAuth and opts. The
// authentication service keeps its sign-in budgets in the handler's limiter, as the server does.
func serveStore(t testing.TB, st *store.Store, statements *atomic.Int64, setAuth func(*auth.Options), opts ...func(*httpapi.Options)) *server {
	t.Helper()
	defaults, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	o := httpapi.Options{
		Tx:             st.Client,
		GuardCounters:  new(guard.Counters),
		Missing:        st.MissingOfType,
		MayRead:        policy.MayRead,
		Operations:     []graphql.OperationMiddleware{graph.Loaders(st.Client)},
		Ping:           st.Ping,
		Log:            slog.New(slog.NewTextHandler(io.Discard, nil)),
		TrustedProxies: defaults.TrustedProxies,
		ProxyHeader:    defaults.ProxyHeader,
		AllowedOrigins: []string{"https://app.example"},
		Playground:     true,
		Introspection:  true,
		Limits:         defaults.Limits,
		Documents:      persisted.New(st.Client),
		CacheMaxAge:    defaults.CacheMaxAge,
		Limiter:        ratelimit.NewMemory(nil),
		Metrics:        observe.NewMetrics(st.DB, nil, st.ReadMetrics()...),
		LiveMetrics:    live.NewMetrics(),
		Subscriptions:  defaults.Subscriptions,
		Budgets: httpapi.Budgets{
			Anonymous: ratelimit.Limit{Points: defaults.RateAnonymous, Window: defaults.RateWindow},
			Staff:     ratelimit.Limit{Points: defaults.RateStaff, Window: defaults.RateWindow},
			Key:       ratelimit.Limit{Points: defaults.RateKey, Window: defaults.RateWindow},
		},
	}
	for _, f := range opts {
		f(&o)
	}
	a := auth.Options{
		Now:             time.Now,
		HashConcurrency: defaults.HashConcurrency,
		Limiter:         o.Limiter,
		AccountAttempts: ratelimit.Limit{Points: defaults.SignInPerAccount, Window: defaults.SignInWindow},
		AddressAttempts: ratelimit.Limit{Points: defaults.SignInPerAddress, Window: defaults.SignInWindow},
	}
	if setAuth != nil {
		setAuth(&a)
	}
	authn := auth.New(st.Client, a)
	hub := startLive(t, st, o.LiveMetrics)
	o.Schema = graph.NewSchema(graph.Deps{
		Client:  st.Client,
		Auth:    authn,
		Booking: booking.Rules{Dialect: st.Dialect, Now: time.Now},
		Search:  search.New(st.DB, st.Dialect).ReadFrom(st.Read),
		Changes: changes.Feed{Client: st.Client, Dialect: st.Dialect},
		Live:    hub,
	})
	o.Authenticate = authn.Authenticate
	o.Metrics.Register(o.LiveMetrics.Collectors()...)
	h := httpapi.New(o)
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &server{
		Client:     gqltest.Client{URL: ts.URL + httpapi.GraphQLPath},
		Base:       ts.URL,
		Store:      st,
		Handler:    h,
		Statements: statements,
		Work:       o.GuardCounters,
		Schema:     o.Schema.Schema(),
	}
}

// startLive starts the fan-out of st's changes to subscriptions, as the server does, until the
// test ends.
func startLive(t testing.TB, st *store.Store, m *live.Metrics) *live.Hub {
	t.Helper()
	var source live.Source
	if st.Dialect == dialect.Postgres {
		source = live.Postgres{URL: st.DSN(), Stats: m}
	} else {
		local := live.NewLocal()
		st.OnCommit(local.Poke)
		source = local
	}
	// The hub reads the feed in the background, whenever a write commits: through a pool of its
	// own, so that the tests that count or trace a request's statements see the request's only.
	pool, err := st.NewPool()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = pool.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	feed := changes.Feed{Client: ent.NewClient(ent.Driver(entsql.OpenDB(st.Dialect, pool))), Dialect: st.Dialect}
	hub := live.NewHub(feed, source, slog.New(slog.DiscardHandler), m)
	if err := hub.Start(ctx); err != nil {
		t.Fatal(err)
	}
	return hub
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
