package middleware

import (
	"net/http"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/metric/noop"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// Trace gives each request a server span, named after its method and path. A request that
// carries a W3C traceparent header (with its tracestate) continues the caller's trace, so that
// careergraph's spans join those of the front-end or gateway that called it. skip names the
// requests left out: subscription connections, which last as long as their clients want.
func Trace(tp trace.TracerProvider, skip func(*http.Request) bool) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return otelhttp.NewHandler(next, "http",
			otelhttp.WithTracerProvider(tp),
			otelhttp.WithPropagators(propagation.TraceContext{}),
			otelhttp.WithFilter(func(r *http.Request) bool { return skip == nil || !skip(r) }),
			otelhttp.WithSpanNameFormatter(func(_ string, r *http.Request) string { return r.Method + " " + r.URL.Path }),
			// Only the trace: the server's own metrics are on /metrics.
			otelhttp.WithMeterProvider(noop.NewMeterProvider()),
		)
	}
}
