package middleware_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"careergraph/internal/middleware"
)

// TestTraceContinuesTheCallersTrace: a request naming a trace in traceparent gets a span of that
// trace under the caller's span; skipped requests get none.
func TestTraceContinuesTheCallersTrace(t *testing.T) {
	spans := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
	var inner trace.SpanContext
	h := middleware.Trace(tp, func(r *http.Request) bool { return r.URL.Path == "/skip" })(
		http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { inner = trace.SpanContextFromContext(r.Context()) }))

	const traceID, parent = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
	r := httptest.NewRequest(http.MethodPost, "/graphql", nil)
	r.Header.Set("traceparent", "00-"+traceID+"-"+parent+"-01")
	h.ServeHTTP(httptest.NewRecorder(), r)
	ended := spans.Ended()
	if len(ended) != 1 {
		t.Fatalf("%d spans", len(ended))
	}
	s := ended[0]
	if s.Name() != "POST /graphql" || s.SpanContext().TraceID().String() != traceID || s.Parent().SpanID().String() != parent {
		t.Errorf("span %q trace %s parent %s", s.Name(), s.SpanContext().TraceID(), s.Parent().SpanID())
	}
	if inner.SpanID() != s.SpanContext().SpanID() {
		t.Error("the handler does not run in the request's span")
	}

	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/skip", nil))
	if len(spans.Ended()) != 1 {
		t.Error("a skipped request was traced")
	}
}
