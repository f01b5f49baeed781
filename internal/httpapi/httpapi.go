// Package httpapi builds careergraph's HTTP handler: the GraphQL endpoint, the playground, the
// health probes, and the middleware around them.
package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/rs/cors"

	"careergraph/internal/access"
	"careergraph/internal/apierr"
	"careergraph/internal/idcheck"
	"careergraph/internal/pagesize"
	"careergraph/internal/playground"
	"careergraph/internal/reqid"
)

// Paths of the endpoints.
const (
	GraphQLPath = "/graphql"
	LivePath    = "/livez"
	ReadyPath   = "/readyz"
)

// Page sizes of connections.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// Options are the handler's dependencies and settings.
type Options struct {
	// Schema is the executable GraphQL schema (graph.NewSchema).
	Schema graphql.ExecutableSchema
	// Ping checks the database for the readiness probe.
	Ping func(context.Context) error
	// Log receives one line per request and the detail of internal errors.
	Log *slog.Logger
	// AllowedOrigins lists the browser origins that may call the API ("*" for any).
	AllowedOrigins []string
	// Playground serves the GraphQL playground at "/".
	Playground bool
}

// Handler is careergraph's HTTP handler.
type Handler struct {
	http.Handler
	draining atomic.Bool
}

// New returns the handler for o.
func New(o Options) *Handler {
	h := &Handler{}
	mux := http.NewServeMux()
	mux.Handle(GraphQLPath, graphQL(o))
	mux.HandleFunc(LivePath, func(w http.ResponseWriter, _ *http.Request) { writeStatus(w, http.StatusOK, "ok") })
	mux.HandleFunc(ReadyPath, h.ready(o.Ping))
	if o.Playground {
		mux.Handle("/", playground.Handler("careergraph", GraphQLPath))
	}

	// The chain, outermost first. The request ID comes first so that every later step, the log
	// line included, can name it; logging wraps everything after it so that it sees the final
	// status; CORS answers preflights before they reach the API; the viewer is set last, next
	// to the handlers that read it.
	var chain http.Handler = mux
	chain = withViewer(chain)
	chain = corsPolicy(o.AllowedOrigins).Handler(chain)
	chain = logRequests(o.Log, chain)
	chain = reqid.Middleware(chain)
	h.Handler = chain
	return h
}

// Drain makes the readiness probe fail, so that load balancers stop sending new requests while
// the server finishes the ones it has.
func (h *Handler) Drain() { h.draining.Store(true) }

func (h *Handler) ready(ping func(context.Context) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if h.draining.Load() {
			writeStatus(w, http.StatusServiceUnavailable, "shutting down")
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := ping(ctx); err != nil {
			writeStatus(w, http.StatusServiceUnavailable, "database unavailable")
			return
		}
		writeStatus(w, http.StatusOK, "ok")
	}
}

func writeStatus(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = w.Write([]byte(msg + "\n"))
}

// graphQL is the GraphQL endpoint: POST for everything, GET for queries only.
func graphQL(o Options) http.Handler {
	srv := handler.New(o.Schema)
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.POST{})
	// No cache of parsed documents: pagesize edits each request's own syntax tree.
	srv.Use(extension.Introspection{})
	srv.Use(pagesize.Limits{Default: DefaultPageSize, Max: MaxPageSize})
	srv.Use(&idcheck.Filters{})
	srv.SetErrorPresenter(apierr.Presenter(o.Log))
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		o.Log.ErrorContext(ctx, "panic while resolving", "panic", v)
		return apierr.New(apierr.Internal, "internal error")
	})
	return srv
}

// corsPolicy lets browser front-ends on the allowed origins call the API with the headers our
// clients send; credentials travel in headers, never in cookies.
func corsPolicy(origins []string) *cors.Cors {
	return cors.New(cors.Options{
		AllowedOrigins: origins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders: []string{"Accept", "Content-Type", "Authorization", "X-API-Key", reqid.Header},
		ExposedHeaders: []string{reqid.Header},
		MaxAge:         600,
	})
}

// withViewer marks every request as anonymous: published content only.
func withViewer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := access.WithViewer(r.Context(), access.Viewer{Kind: access.Anonymous})
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// logRequests writes one structured line per request.
func logRequests(log *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		log.InfoContext(r.Context(), "request",
			"request_id", reqid.FromContext(r.Context()),
			"method", r.Method, "path", r.URL.Path, "status", rec.status,
			"duration_ms", float64(time.Since(start).Microseconds())/1000)
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the underlying writer (flushing, deadlines).
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
