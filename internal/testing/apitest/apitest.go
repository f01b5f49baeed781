// Package apitest starts careergraph servers for end-to-end tests, built as the program builds
// them (internal/app) over a real database, and gives the tests the callers, objects and reads
// they share: every kind of actor with its credentials, a bookable session, the change feed.
package apitest

import (
	"context"
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

// Server is a careergraph server built as the program builds it (app.New), on a real database,
// reached over real HTTP.
type Server struct {
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

// Setting changes one of the server's settings or dependencies from the tests' defaults.
type Setting func(*config.Config, *app.Deps)

// New serves the API over a fresh demo catalogue of dialectName (see testdb.Open), its
// statements counted in Statements.
func New(t testing.TB, dialectName string, opts ...Setting) *Server {
	t.Helper()
	return NewWithAuth(t, dialectName, nil, opts...)
}

// NewWithAuth is New with the authentication service's options changed by setAuth.
func NewWithAuth(t testing.TB, dialectName string, setAuth func(*auth.Options), opts ...Setting) *Server {
	t.Helper()
	n := new(atomic.Int64)
	st := testdb.Open(t, dialectName, testdb.Options{
		WrapDriver: func(d dialect.Driver) dialect.Driver {
			return dialect.DebugWithContext(d, func(context.Context, ...any) { n.Add(1) })
		},
	})
	return serve(t, st, n, append(opts, func(_ *config.Config, d *app.Deps) { d.Auth = setAuth })...)
}

// NewOn serves the API over an open store; statements counts what the store's driver runs.
func NewOn(t testing.TB, st *store.Store, statements *atomic.Int64, opts ...Setting) *Server {
	t.Helper()
	return serve(t, st, statements, opts...)
}

// serve serves the API over st as the program does (app.New), with the default settings
// changed by opts.
func serve(t testing.TB, st *store.Store, statements *atomic.Int64, opts ...Setting) *Server {
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
	return &Server{
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
