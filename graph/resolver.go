// Package graph holds careergraph's GraphQL resolvers. They translate arguments, call ent (or a
// capability package) and return; rules live elsewhere.
package graph

import (
	"context"
	"strings"

	"entgo.io/ent/dialect/sql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"careergraph/ent"
	"careergraph/graph/generated"
	"careergraph/internal/auth"
	"careergraph/internal/booking"
	"careergraph/internal/changes"
	"careergraph/internal/live"
	"careergraph/internal/search"
)

// Deps are the resolvers' dependencies.
type Deps struct {
	Client  *ent.Client
	Auth    *auth.Service
	Booking booking.Rules
	Search  *search.Searcher
	Changes changes.Feed
	// Live fans the catalogue's changes out to subscriptions; without it subscriptions are refused.
	Live *live.Hub
}

// Resolver is the root resolver; its dependencies are injected once, by NewSchema.
type Resolver struct {
	client  *ent.Client
	auth    *auth.Service
	booking booking.Rules
	search  *search.Searcher
	changes changes.Feed
	live    *live.Hub
}

// NewSchema returns the executable GraphQL schema.
func NewSchema(d Deps) graphql.ExecutableSchema {
	cfg := generated.Config{Resolvers: &Resolver{client: d.Client, auth: d.Auth, booking: d.Booking, search: d.Search, changes: d.Changes, live: d.Live}}
	cfg.Schema = public(generated.NewExecutableSchema(cfg).Schema())
	return generated.NewExecutableSchema(cfg)
}

// public returns the schema as clients see it: without the directives that only steer gqlgen's
// code generation (@goField, @goModel, …), which introspection would otherwise list.
func public(s *ast.Schema) *ast.Schema {
	out := *s
	out.Directives = make(map[string]*ast.DirectiveDefinition, len(s.Directives))
	for name, d := range s.Directives {
		if !strings.HasPrefix(name, "go") {
			out.Directives[name] = d
		}
	}
	return &out
}

// collectable is an ent query that can eager-load what the GraphQL selection asks for.
type collectable[Q, T any] interface {
	CollectFields(context.Context, ...string) (Q, error)
	Only(context.Context) (T, error)
}

// one runs a query for a single object with the edges the selection needs loaded in the same
// round trips; no match is a null result, not an error.
func one[T any, Q collectable[Q, *T]](ctx context.Context, q Q) (*T, error) {
	q, err := q.CollectFields(ctx)
	if err != nil {
		return nil, err
	}
	v, err := q.Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil
	}
	return v, err
}

// whereInput is an entgql where input (*ent.TrainingWhereInput, …).
type whereInput[P any] interface {
	comparable
	P() (P, error)
}

// filterOf returns the predicate of a where input, or one that matches everything when there is
// none.
func filterOf[W whereInput[P], P ~func(*sql.Selector)](w W) (P, error) {
	var zero W
	if w == zero {
		return func(*sql.Selector) {}, nil
	}
	return w.P()
}
