// Package tracing records OpenTelemetry traces of requests — the GraphQL operation, the resolvers
// that run (the ones that can touch the database), and every SQL statement — and exports them
// over OTLP/HTTP when an endpoint is configured. Without one, tracing is off and costs nothing.
package tracing

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect"
	"github.com/99designs/gqlgen/graphql"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/exporters/otlp/otlptrace/otlptracehttp"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"careergraph/internal/gqlexec"
)

// Name is the instrumentation scope of careergraph's spans.
const Name = "careergraph"

// Exporter returns a tracer provider exporting to the OTLP/HTTP endpoint (e.g.
// http://collector:4318), and its shutdown, which flushes what is buffered.
func Exporter(ctx context.Context, endpoint, service string) (*sdktrace.TracerProvider, error) {
	exp, err := otlptracehttp.New(ctx, otlptracehttp.WithEndpointURL(endpoint))
	if err != nil {
		return nil, fmt.Errorf("creating the OTLP exporter: %w", err)
	}
	res := resource.NewSchemaless(attribute.String("service.name", service))
	return sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithResource(res)), nil
}

// Operations returns a gqlgen operation middleware: one span per operation, named after it.
func Operations(tp trace.TracerProvider) graphql.OperationMiddleware {
	tracer := tp.Tracer(Name)
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		oc := graphql.GetOperationContext(ctx)
		name := oc.OperationName
		if name == "" && oc.Operation != nil {
			name = oc.Operation.Name
		}
		kind := "query"
		if oc.Operation != nil {
			kind = string(oc.Operation.Operation)
		}
		ctx, span := tracer.Start(ctx, "graphql "+kind+" "+name, trace.WithAttributes(
			attribute.String("graphql.operation.name", name),
			attribute.String("graphql.operation.type", kind),
		))
		handler := next(ctx)
		return func(ctx context.Context) *graphql.Response {
			resp := handler(ctx)
			if resp != nil && len(resp.Errors) > 0 {
				span.SetStatus(codes.Error, resp.Errors[0].Message)
			}
			span.End()
			return resp
		}
	}
}

// Resolvers returns a gqlgen field middleware, registered with srv.Use: a span for each field
// that has a resolver of its own (those that may query the database), not for plain struct
// fields, which it declares it does not need to see (gqlexec.ResolverFields).
func Resolvers(tp trace.TracerProvider) gqlexec.ResolverFields {
	tracer := tp.Tracer(Name)
	return func(ctx context.Context, next graphql.Resolver) (any, error) {
		fc := graphql.GetFieldContext(ctx)
		if fc == nil || !fc.IsResolver {
			return next(ctx)
		}
		ctx, span := tracer.Start(ctx, "resolve "+fc.Object+"."+fc.Field.Name,
			trace.WithAttributes(attribute.String("graphql.field.path", fc.Path().String())))
		defer span.End()
		res, err := next(ctx)
		if err != nil {
			span.SetStatus(codes.Error, err.Error())
		}
		return res, err
	}
}

// Driver wraps an ent driver so that every statement is a span carrying its SQL (not its
// arguments, which may hold personal data).
func Driver(tp trace.TracerProvider) func(dialect.Driver) dialect.Driver {
	tracer := tp.Tracer(Name)
	return func(d dialect.Driver) dialect.Driver { return &driver{Driver: d, tracer: tracer} }
}

type driver struct {
	dialect.Driver
	tracer trace.Tracer
}

func (d *driver) Exec(ctx context.Context, query string, args, v any) error {
	return traced(ctx, d.tracer, d.Dialect(), query, func(ctx context.Context) error { return d.Driver.Exec(ctx, query, args, v) })
}

func (d *driver) Query(ctx context.Context, query string, args, v any) error {
	return traced(ctx, d.tracer, d.Dialect(), query, func(ctx context.Context) error { return d.Driver.Query(ctx, query, args, v) })
}

func (d *driver) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := d.Driver.Tx(ctx)
	if err != nil {
		return nil, err
	}
	return &txn{Tx: tx, tracer: d.tracer, dialect: d.Dialect()}, nil
}

type txn struct {
	dialect.Tx
	tracer  trace.Tracer
	dialect string
}

func (t *txn) Exec(ctx context.Context, query string, args, v any) error {
	return traced(ctx, t.tracer, t.dialect, query, func(ctx context.Context) error { return t.Tx.Exec(ctx, query, args, v) })
}

func (t *txn) Query(ctx context.Context, query string, args, v any) error {
	return traced(ctx, t.tracer, t.dialect, query, func(ctx context.Context) error { return t.Tx.Query(ctx, query, args, v) })
}

func traced(ctx context.Context, tracer trace.Tracer, system, query string, run func(context.Context) error) error {
	ctx, span := tracer.Start(ctx, "sql", trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(
		attribute.String("db.system", system),
		attribute.String("db.statement", query),
	))
	defer span.End()
	err := run(ctx)
	if err != nil {
		span.SetStatus(codes.Error, err.Error())
	}
	return err
}
