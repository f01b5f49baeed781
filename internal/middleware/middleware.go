// Package middleware holds the HTTP layers around careergraph's endpoints, one file each, and
// the one statement of their order (Stack, below).
//
// Decisions flow one way, down: a layer hands what it learnt to the layers inside it in the
// request's context (the request ID, the client's address, the viewer, the log entry), and a
// layer that decides the answer writes it itself, headers and log line included. No layer reads
// back what an inner one decided.
package middleware

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"go.opentelemetry.io/otel/trace"

	"careergraph/internal/access"
	"careergraph/internal/auth"
	"careergraph/internal/metrics"
	"careergraph/internal/ratelimit"
)

// Options configure the layers of Stack.
type Options struct {
	// Tracer, when set, gives each request a span (see Trace); Untraced names the requests left
	// out.
	Tracer   trace.TracerProvider
	Untraced func(*http.Request) bool
	// TrustedProxies and ProxyHeader say whose forwarding header names the client (ClientAddr).
	TrustedProxies []netip.Prefix
	ProxyHeader    string
	// Log receives one line per request, Metrics counts the API's requests; API reports whether a
	// request is one of the API's, logged with its operation and counted (see Log).
	Log     *slog.Logger
	Metrics *metrics.Metrics
	API     func(*http.Request) (api, counted bool)
	// AllowedOrigins and AllowedHeaders are the CORS policy (CORS).
	AllowedOrigins, AllowedHeaders []string
}

// Stack wraps the whole server, h, in the layers every request passes, outermost first:
//
//  1. Trace: the request's span holds everything after it and continues the caller's trace.
//  2. RequestID: every later layer, log line and error can name the request.
//  3. ClientAddr: rate limits and logs go by the client, which the proxies may name.
//  4. Log: starts the request's log entry with what is known on arrival (it needs 2 and 3) and
//     passes it down; whatever answers the request writes the line.
//  5. CORS: answers preflights before they reach an endpoint, and lets allowed origins read
//     the answers.
func Stack(o Options, h http.Handler) http.Handler {
	h = CORS(o.AllowedOrigins, o.AllowedHeaders)(h)
	h = Log(o.Log, o.Metrics, o.API)(h)
	h = ClientAddr(o.TrustedProxies, o.ProxyHeader)(h)
	h = RequestID(h)
	if o.Tracer != nil {
		h = Trace(o.Tracer, o.Untraced)(h)
	}
	return h
}

// APIOptions configure the layers of API.
type APIOptions struct {
	// Authenticate turns credentials into a viewer (Authenticate).
	Authenticate func(context.Context, auth.Credentials) (access.Viewer, error)
	// Limiter and Budgets are the rate limits (RateLimit); a nil Limiter limits nothing.
	Limiter ratelimit.Limiter
	Budgets ratelimit.Budgets
	// MaxBodyBytes bounds request bodies (LimitBody).
	MaxBodyBytes int
	// Timeout bounds each request (Deadline); streams, which last as long as their clients
	// want, are told apart by Stream.
	Timeout time.Duration
	Stream  func(*http.Request) bool
	// Log receives the errors of the rate-limit store.
	Log *slog.Logger
}

// API wraps the GraphQL endpoint, h, in the layers its requests pass after Stack's, outermost
// first:
//
//  1. Authenticate: the caller is known before its budget is looked up; refused credentials pay
//     the entry fee from the address's budget (guessing keys is rate limited too).
//  2. RateLimit: every request pays the entry fee before anything is done for it, a body too
//     large included; a caller whose budget is spent is answered 429 here.
//  3. LimitBody: the body is bounded before anything reads it.
//  4. Deadline: a request's context, and with it its statements, ends after the timeout;
//     subscription streams are left without one.
func API(o APIOptions, h http.Handler) http.Handler {
	h = Deadline(o.Timeout, o.Stream)(h)
	h = LimitBody(o.MaxBodyBytes)(h)
	h = RateLimit(o.Limiter, o.Budgets, o.Log)(h)
	return Authenticate(o.Authenticate, PayForRefusal(o.Limiter, o.Budgets, o.Log))(h)
}
