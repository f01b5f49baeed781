package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/vektah/gqlparser/v2/ast"

	"careergraph/ent"
	"careergraph/internal/app"
	"careergraph/internal/auth"
	"careergraph/internal/config"
	"careergraph/internal/guard"
	"careergraph/internal/httpapi"
	"careergraph/internal/persisted"
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
	// Documents are the persisted documents the server runs by hash.
	Documents *persisted.Store
	// Statements counts the SQL statements sent to the database.
	Statements *atomic.Int64
	// Work counts what the checks before execution and validation did.
	Work *guard.Counters
	// Schema is the GraphQL schema served.
	Schema *ast.Schema
}

// setting changes one of the server's settings or dependencies from the tests' defaults.
type setting func(*config.Config, *app.Deps)

func newServer(t testing.TB, dialectName string, opts ...setting) *server {
	t.Helper()
	return newServerWithAuth(t, dialectName, nil, opts...)
}

// newServerWithAuth is newServer with the authentication service's options changed by setAuth.
func newServerWithAuth(t testing.TB, dialectName string, setAuth func(*auth.Options), opts ...setting) *server {
	t.Helper()
	n := new(atomic.Int64)
	st := testdb.Open(t, dialectName, testdb.Options{
		WrapDriver: func(d dialect.Driver) dialect.Driver {
			return dialect.DebugWithContext(d, func(context.Context, ...any) { n.Add(1) })
		},
	})
	return serveStore(t, st, n, append(opts, func(_ *config.Config, d *app.Deps) { d.Auth = setAuth })...)
}

// newServerOn serves the API over an open store; statements counts what the store's driver runs.
func newServerOn(t testing.TB, st *store.Store, statements *atomic.Int64, opts ...setting) *server {
	t.Helper()
	return serveStore(t, st, statements, opts...)
}

// serveStore serves the API over st as the program does (app.New), with the default settings
// changed by opts.
func serveStore(t testing.TB, st *store.Store, statements *atomic.Int64, opts ...setting) *server {
	t.Helper()
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	cfg.CORSAllowedOrigins = []string{"https://app.example"}
	cfg.Playground, cfg.Introspection = true, true
	deps := app.Deps{GuardCounters: new(guard.Counters), Feed: ownFeed(t, st)}
	for _, f := range opts {
		f(&cfg, &deps)
	}
	a, err := app.New(context.Background(), cfg, st, deps)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(a.Handler)
	t.Cleanup(func() {
		ts.Close()
		a.Close()
	})
	return &server{
		Client:     gqltest.Client{URL: ts.URL + httpapi.GraphQLPath},
		Base:       ts.URL,
		Store:      st,
		Handler:    a.Handler,
		Documents:  a.Documents,
		Statements: statements,
		Work:       deps.GuardCounters,
		Schema:     a.Schema.Schema(),
	}
}

// ownFeed is a client over a pool of its own for live updates to read the change feed through,
// whenever a write commits: the tests that count or trace a request's statements then see the
// request's only.
func ownFeed(t testing.TB, st *store.Store) *ent.Client {
	t.Helper()
	pool, err := st.NewPool()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = pool.Close() })
	return ent.NewClient(ent.Driver(entsql.OpenDB(st.Dialect, pool)))
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }
