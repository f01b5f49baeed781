package httpapi_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"entgo.io/ent/dialect"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"careergraph/internal/app"
	"careergraph/internal/config"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/gqltest"
	"careergraph/internal/testing/testdb"
	"careergraph/internal/tracing"
)

// TestTracing: a request leaves a trace with the operation, the resolvers it ran and each SQL
// statement, all in one trace and nested; SQL arguments are not recorded.
func TestTracing(t *testing.T) {
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	st := testdb.Open(t, dialect.SQLite, testdb.Options{WrapDriver: tracing.Driver(tp)})
	s := apitest.NewOn(t, st, new(atomic.Int64), func(_ *config.Config, d *app.Deps) { d.Tracer = tp })

	var out map[string]any
	s.Query(t, `query ProfessionPage($slug: String!) { profession(slug: $slug) { title skills(first: 3) { edges { node { skill { name } } } } } }`,
		map[string]any{"slug": "back-end-developer"}, &out)
	_ = tp.ForceFlush(context.Background())

	var op sdktrace.ReadOnlySpan
	var resolvers, sqls []sdktrace.ReadOnlySpan
	for _, sp := range rec.Ended() {
		switch {
		case sp.Name() == "graphql query ProfessionPage":
			op = sp
		case strings.HasPrefix(sp.Name(), "resolve "):
			resolvers = append(resolvers, sp)
		case sp.Name() == "sql":
			sqls = append(sqls, sp)
		}
	}
	if op == nil {
		t.Fatalf("no operation span among %d spans", len(rec.Ended()))
	}
	if len(resolvers) == 0 || len(sqls) == 0 {
		t.Fatalf("%d resolver spans, %d SQL spans", len(resolvers), len(sqls))
	}
	for _, sp := range append(resolvers, sqls...) {
		if sp.SpanContext().TraceID() != op.SpanContext().TraceID() {
			t.Errorf("span %q is not in the operation's trace", sp.Name())
		}
	}
	sawQuery := false
	for _, sp := range sqls {
		for _, a := range sp.Attributes() {
			if a.Key == "db.statement" && strings.Contains(a.Value.AsString(), "SELECT") {
				sawQuery = true
			}
			if strings.Contains(a.Value.Emit(), "back-end-developer") {
				t.Errorf("an SQL span records an argument: %s=%s", a.Key, a.Value.Emit())
			}
		}
		if !sp.Parent().IsValid() {
			t.Errorf("an SQL span has no parent")
		}
	}
	if !sawQuery {
		t.Error("no SQL span carries its statement")
	}
}

// TestTracingContinuesTheCallersTrace: a request carrying a W3C traceparent header joins the
// caller's trace: the request's server span is the caller's span's child, and the operation's
// span is the request span's. Without the header, the request starts a trace of its own.
func TestTracingContinuesTheCallersTrace(t *testing.T) {
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	st := testdb.Open(t, dialect.SQLite, testdb.Options{WrapDriver: tracing.Driver(tp)})
	s := apitest.NewOn(t, st, new(atomic.Int64), func(_ *config.Config, d *app.Deps) { d.Tracer = tp })

	const traceID, callerSpan = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
	var out map[string]any
	for _, c := range []struct {
		name   string
		client gqltest.Client
	}{
		{"Continued", s.Client.With("traceparent", "00-"+traceID+"-"+callerSpan+"-01")},
		{"New", s.Client},
	} {
		rec.Reset()
		c.client.Query(t, `query Titles { professions(first: 1) { edges { node { title } } } }`, nil, &out)
		_ = tp.ForceFlush(context.Background())
		spans := map[string]sdktrace.ReadOnlySpan{}
		for _, sp := range rec.Ended() {
			spans[sp.Name()] = sp
		}
		req, op := spans["POST /graphql"], spans["graphql query Titles"]
		if req == nil || op == nil {
			t.Fatalf("%s: no request span or no operation span among %v", c.name, keys(spans))
		}
		if op.Parent().SpanID() != req.SpanContext().SpanID() || op.SpanContext().TraceID() != req.SpanContext().TraceID() {
			t.Errorf("%s: the operation's span is not the request span's child", c.name)
		}
		continued := req.SpanContext().TraceID().String() == traceID && req.Parent().SpanID().String() == callerSpan && req.Parent().IsRemote()
		if continued != (c.name == "Continued") {
			t.Errorf("%s: the request span is in trace %s under %s (remote: %v)", c.name,
				req.SpanContext().TraceID(), req.Parent().SpanID(), req.Parent().IsRemote())
		}
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
