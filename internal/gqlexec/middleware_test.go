package gqlexec

import (
	"context"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/vektah/gqlparser/v2/ast"
)

// noSchema is an executable schema that is never executed: the tests only register extensions.
type noSchema struct{}

func (noSchema) Schema() *ast.Schema { return &ast.Schema{} }
func (noSchema) Complexity(context.Context, string, string, int, map[string]any) (int, bool) {
	return 0, false
}
func (noSchema) Exec(context.Context) graphql.ResponseHandler { return nil }

// everyField is a field interceptor of its own type, which says nothing about the fields it needs.
type everyField struct{}

func (everyField) ExtensionName() string                   { return "everyField" }
func (everyField) Validate(graphql.ExecutableSchema) error { return nil }
func (everyField) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	return next(ctx)
}

func passThrough(ctx context.Context, next graphql.Resolver) (any, error) { return next(ctx) }

// An operation is marked for the fast path only while every field middleware of its server is a
// ResolverFields, whether it was registered before DirectScalars or after.
func TestDirectOnlyWithoutFieldMiddlewareWantingEveryField(t *testing.T) {
	for _, c := range []struct {
		name     string
		register func(*handler.Server)
		direct   bool
	}{
		{"no field middleware", func(*handler.Server) {}, true},
		{"resolver fields only", func(srv *handler.Server) { srv.Use(ResolverFields(passThrough)) }, true},
		{"AroundFields", func(srv *handler.Server) { srv.AroundFields(passThrough) }, false},
		{"an interceptor of another type", func(srv *handler.Server) { srv.Use(everyField{}) }, false},
		{"AroundFields besides resolver fields", func(srv *handler.Server) {
			srv.Use(ResolverFields(passThrough))
			srv.AroundFields(passThrough)
		}, false},
	} {
		for _, after := range []bool{false, true} {
			srv := handler.New(noSchema{})
			if !after {
				c.register(srv)
			}
			ext := DirectScalars(srv).(graphql.OperationContextMutator)
			srv.Use(ext.(graphql.HandlerExtension))
			if after {
				c.register(srv)
			}
			oc := &graphql.OperationContext{}
			if err := ext.MutateOperationContext(context.Background(), oc); err != nil {
				t.Fatal(err)
			}
			if got := Direct(oc); got != c.direct {
				t.Errorf("%s (registered after DirectScalars: %v): Direct = %v, want %v", c.name, after, got, c.direct)
			}
		}
	}
}
