// Package httpapi builds careergraph's HTTP handler: the GraphQL endpoint, GraphiQL, the
// health probes, and the middleware around them.
package httpapi

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/validator/core"
	"github.com/vektah/gqlparser/v2/validator/rules"
	"go.opentelemetry.io/otel/trace"

	"careergraph/internal/access"
	"careergraph/internal/apierr"
	"careergraph/internal/auth"
	"careergraph/internal/clientaddr"
	"careergraph/internal/config"
	"careergraph/internal/gqlexec"
	"careergraph/internal/gqlhttp"
	"careergraph/internal/gqlstream"
	"careergraph/internal/graphiql"
	"careergraph/internal/guard"
	"careergraph/internal/live"
	"careergraph/internal/observe"
	"careergraph/internal/persisted"
	"careergraph/internal/ratelimit"
	"careergraph/internal/reqid"
	"careergraph/internal/store"
	"careergraph/internal/tracing"
)

// Paths of the endpoints.
const (
	GraphQLPath = "/graphql"
	LivePath    = "/livez"
	ReadyPath   = "/readyz"
	MetricsPath = "/metrics"
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
	// Tx opens the transaction each mutation runs in (the ent client).
	Tx entgql.TxOpener
	// Missing returns those of ids (of GraphQL type typ) that do not exist.
	Missing func(ctx context.Context, typ string, ids []int) ([]int, error)
	// MayRead reports whether the viewer in ctx may read objects of GraphQL type typ; filters
	// and orderings through other types are refused (see internal/guard).
	MayRead func(ctx context.Context, typ string) bool
	// GuardCounters, when set, count the work of the checks before execution and of validation.
	GuardCounters *guard.Counters
	// Operations are wrapped around every GraphQL operation (per-request loaders, …).
	Operations []graphql.OperationMiddleware
	// Authenticate turns a request's credentials into its viewer.
	Authenticate func(context.Context, auth.Credentials) (access.Viewer, error)
	// Ping checks the database for the readiness probe.
	Ping func(context.Context) error
	// Log receives one line per request and the detail of internal errors.
	Log *slog.Logger
	// TrustedProxies are the proxies whose forwarding header, ProxyHeader (X-Forwarded-For or
	// Forwarded), names the client that rate limits and logs go by; none means the connecting
	// peer is the client.
	TrustedProxies []netip.Prefix
	ProxyHeader    string
	// AllowedOrigins lists the browser origins that may call the API ("*" for any), and
	// AllowedHeaders the request headers they may send (config.DefaultCORSHeaders when empty).
	AllowedOrigins, AllowedHeaders []string
	// Playground serves GraphiQL at "/".
	Playground bool
	// Introspection answers introspection queries; FieldSuggestions adds "Did you mean" hints.
	Introspection, FieldSuggestions bool
	// Limits bound each request (zero values: the defaults of config).
	Limits config.Limits
	// Documents stores persisted documents; with TrustedDocumentsOnly only registered ones run,
	// otherwise clients may persist their own (automatic persisted queries).
	Documents            *persisted.Store
	TrustedDocumentsOnly bool
	// CacheMaxAge is how long shared caches may keep anonymous GET responses.
	CacheMaxAge time.Duration
	// RequestTimeout bounds each GraphQL request; its context is cancelled after it, and with it
	// the request's database statements.
	RequestTimeout time.Duration
	// Tracer, when set, traces operations and resolvers (SQL is traced by the store's driver).
	Tracer trace.TracerProvider
	// Metrics counts requests for /metrics; nil serves no metrics.
	Metrics *observe.Metrics
	// Limiter keeps the rate-limit budgets (in-process or Redis); nil disables rate limits.
	Limiter ratelimit.Limiter
	// Budgets are the rate limits per kind of caller.
	Budgets Budgets
	// Subscriptions bound the WebSocket and event-stream connections (zero: no limits);
	// LiveMetrics counts them, and the events sent, for /metrics.
	Subscriptions config.Subscriptions
	LiveMetrics   *live.Metrics
}

// Handler is careergraph's HTTP handler.
type Handler struct {
	http.Handler
	draining atomic.Bool
	streams  *gqlstream.Streams
}

// New returns the handler for o.
func New(o Options) *Handler {
	h := &Handler{}
	// Every line logged about a request names it, so that a client's requestId finds its errors.
	o.Log = slog.New(reqid.LogHandler(o.Log.Handler()))
	h.streams = gqlstream.New(gqlstream.Options{
		Limits: gqlstream.Limits{
			MaxMessageBytes:            int64(o.Limits.MaxBodyBytes),
			SubscriptionsPerConnection: o.Subscriptions.PerConnection,
			ConnectionsPerClient:       o.Subscriptions.ConnectionsPerClient,
			InitTimeout:                o.Subscriptions.InitTimeout,
			IdleTimeout:                o.Subscriptions.IdleTimeout,
			PingInterval:               o.Subscriptions.PingInterval,
			WriteTimeout:               10 * time.Second,
		},
		AllowedOrigins: o.AllowedOrigins,
		Init:           initStream(o.Authenticate, admit(o.Limiter, o.Budgets, o.Log)),
		Admit:          admit(o.Limiter, o.Budgets, o.Log),
		Recheck:        recheck(o.Authenticate),
		Metrics:        o.LiveMetrics,
		Log:            o.Log,
	})
	gql := graphQL(o, h.streams)
	mux := http.NewServeMux()
	// Outermost first: the body is bounded before anything reads it, the caller is known before
	// its budget is looked up, and the rate-limit headers wrap whatever the rest answers.
	// Every request pays before anything else is done for it: refused credentials from the
	// address's budget, the rest from the caller's, a body too large included. Subscriptions'
	// streams outlive the request deadline and are never cached.
	mux.Handle(GraphQLPath, authenticate(o.Authenticate, chargeAddress(o.Limiter, o.Budgets, o.Log),
		rateLimited(o.Limiter, o.Budgets, o.Log, limitBody(o.Limits.MaxBodyBytes,
			streamsApart(gql, cacheable(o.CacheMaxAge, deadline(o.RequestTimeout, gql)))))))
	mux.HandleFunc(LivePath, func(w http.ResponseWriter, _ *http.Request) { writeStatus(w, http.StatusOK, "ok") })
	mux.HandleFunc(ReadyPath, h.ready(o.Ping))
	if o.Metrics != nil {
		mux.Handle(MetricsPath, o.Metrics.Handler())
	}
	if o.Playground {
		mux.Handle("/", graphiql.Handler("careergraph", GraphQLPath))
	}

	// The chain, outermost first. The request ID and the client's address come first so that
	// every later step, the log line and the rate limits included, can name them; logging wraps
	// everything after it so that it sees the final status; CORS answers preflights before they
	// reach the API. Authentication wraps only the GraphQL endpoint (above): probes and the
	// GraphiQL need no credentials.
	var chain http.Handler = mux
	chain = corsPolicy(o.AllowedOrigins, o.AllowedHeaders).Handler(chain)
	chain = logRequests(o.Log, o.Metrics, chain)
	chain = clientaddr.Middleware(o.TrustedProxies, o.ProxyHeader)(chain)
	chain = reqid.Middleware(chain)
	if o.Tracer != nil {
		// Outermost, so that the request's span holds all the rest and continues the caller's trace.
		chain = tracing.HTTP(o.Tracer, gqlstream.IsStream, chain)
	}
	h.Handler = chain
	return h
}

// Drain makes the readiness probe fail, so that load balancers stop sending new requests while
// the server finishes the ones it has.
func (h *Handler) Drain() { h.draining.Store(true) }

// CloseStreams tells the clients of every subscription connection that the server is going away
// (WebSocket close code 1001), closes the connections and refuses new ones; http.Server.Shutdown
// waits for neither hijacked WebSockets nor endless event streams. It returns when all are closed
// or ctx ends.
func (h *Handler) CloseStreams(ctx context.Context) error { return h.streams.Close(ctx) }

// streamsApart sends subscription connections (WebSocket, event streams) to streams, and every
// other request to next.
func streamsApart(streams, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if gqlstream.IsStream(r) {
			streams.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

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
func graphQL(o Options, streams *gqlstream.Streams) http.Handler {
	srv := handler.New(o.Schema)
	// Subscriptions (and any operation) over WebSocket and Server-Sent Events; first, since an
	// event stream may be a GET or a POST.
	srv.AddTransport(gqlstream.WebSocket{Streams: streams})
	srv.AddTransport(gqlstream.SSE{Streams: streams})
	// GraphQL over HTTP as specified (status codes, media types, no mutations over GET, no
	// bodies a browser could send cross-site without a preflight); see internal/gqlhttp.
	srv.AddTransport(gqlhttp.GET{})
	srv.AddTransport(gqlhttp.POST{})
	if o.Documents != nil {
		if o.TrustedDocumentsOnly {
			srv.Use(persisted.TrustedOnly{Store: o.Documents})
		} else {
			srv.Use(extension.AutomaticPersistedQuery{Cache: o.Documents})
		}
	}
	// Validated documents are kept by their text, so that a front-end's few documents are parsed
	// and validated once; the guard writes default page sizes into the tree while it is validated
	// (guard.DefaultPageSizes), and into a tree of the request's own where variables leave a page
	// size out.
	g := &guard.Guard{Limits: guardLimits(o.Limits), Missing: o.Missing, MayRead: o.MayRead, Counters: o.GuardCounters}
	srv.SetQueryCache(documentCache{lru.New[*ast.QueryDocument](guard.CachedDocuments)})
	if o.Introspection {
		srv.Use(extension.Introspection{})
	}
	// The parser stops at the token limit, so a huge document costs little to refuse.
	srv.SetParserTokenLimit(o.Limits.MaxTokens)
	srv.SetDisableSuggestion(!o.FieldSuggestions)
	srv.SetValidationRulesFn(validationRules(o.GuardCounters, g))
	// Before the guard, whose checks of IDs already read: a query of an anonymous or API-key
	// caller reads from the read replica, if there is one.
	srv.Use(readRouting{})
	// Registered after the persisted-document extensions, which fill in the query of a request
	// that sends only its hash: the guard measures the document before gqlgen validates it, and
	// the operation after.
	srv.Use(g)
	srv.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		resp := next(ctx)
		if resp != nil && graphql.HasOperationContext(ctx) {
			if resp.Extensions == nil {
				resp.Extensions = map[string]any{}
			}
			resp.Extensions["cost"] = guard.Cost(ctx)
		}
		return resp
	})
	// A query or mutation sent over a WebSocket or an event stream gets the request deadline
	// that a plain request gets from its handler (a subscription lasts as long as its client
	// wants); outermost, so that the deadline covers a mutation's transaction too.
	srv.AroundOperations(operationDeadline(o.RequestTimeout))
	// Rate limits spend the cost measured above (extensions run while the operation is prepared,
	// before any operation middleware), and before a mutation opens its transaction: the first
	// operation middleware registered runs outermost.
	srv.AroundOperations(spendBudget(o.Limiter, o.Budgets, o.Log))
	// Every mutation runs in one transaction, committed after the whole response is built, except
	// sign-in alone: it may wait for a free hashing slot (internal/auth), and writes its token on
	// its own once it has hashed, so that the wait holds no connection, nor SQLite's write lock.
	srv.Use(entgql.Transactioner{TxOpener: o.Tx, SkipTxFunc: onlyFields("signIn")})
	// Name the operation in the request's record first, so that even refused ones are logged
	// and counted under their name.
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		oc := graphql.GetOperationContext(ctx)
		name := oc.OperationName
		if name == "" && oc.Operation != nil {
			name = oc.Operation.Name
		}
		observe.From(ctx).SetOperation(name, guard.Cost(ctx))
		return next(ctx)
	})
	if o.Tracer != nil {
		srv.AroundOperations(tracing.Operations(o.Tracer))
		srv.Use(tracing.Resolvers(o.Tracer))
	}
	// Plain scalar fields are marshalled without a field context while no field middleware
	// wants to see them (see internal/gqlexec).
	srv.Use(gqlexec.DirectScalars(srv))
	for _, m := range o.Operations {
		srv.AroundOperations(m)
	}
	srv.SetErrorPresenter(apierr.Presenter(o.Log, o.FieldSuggestions))
	srv.SetRecoverFunc(func(ctx context.Context, v any) error {
		o.Log.ErrorContext(ctx, "panic while resolving", "panic", v)
		return apierr.New(apierr.Internal, "internal error")
	})
	// Each request has its read route, decided once its operation is known (readRouting).
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srv.ServeHTTP(w, r.WithContext(store.WithReadRoute(r.Context())))
	})
}

// readRouting lets the queries of anonymous and API-key callers read from the read replica
// (when the store has one): they read only what is published or their own provider's, for
// which a replica's lag of seconds is fine. Mutations, subscriptions and staff, who edit and
// must see their edits at once, read from the primary, and so does whatever a request reads
// after it wrote (see internal/store).
type readRouting struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationContextMutator
} = readRouting{}

func (readRouting) ExtensionName() string                   { return "ReadRouting" }
func (readRouting) Validate(graphql.ExecutableSchema) error { return nil }
func (readRouting) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	kind := access.FromContext(ctx).Kind
	if oc.Operation != nil && oc.Operation.Operation == ast.Query && (kind == access.Anonymous || kind == access.APIKey) {
		store.AllowReplica(ctx)
	}
	return nil
}

// operationDeadline ends a query or mutation after d, a subscription never.
func operationDeadline(d time.Duration) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		op := graphql.GetOperationContext(ctx).Operation
		if d <= 0 || op == nil || op.Operation == ast.Subscription {
			return next(ctx)
		}
		ctx, cancel := context.WithTimeout(ctx, d)
		responses := next(ctx)
		return func(ctx context.Context) *graphql.Response {
			resp := responses(ctx)
			if resp == nil || resp.HasNext == nil || !*resp.HasNext {
				cancel()
			}
			return resp
		}
	}
}

// onlyFields reports whether every top-level selection of an operation is one of the fields
// names; a fragment or any other field makes it false.
func onlyFields(names ...string) entgql.SkipTxFunc {
	return func(op *ast.OperationDefinition) bool {
		return len(op.SelectionSet) > 0 && !slices.ContainsFunc(op.SelectionSet, func(s ast.Selection) bool {
			f, ok := s.(*ast.Field)
			return !ok || !slices.Contains(names, f.Name)
		})
	}
}

// corsPolicy lets browser front-ends on the allowed origins call the API with the headers our
// clients send; credentials travel in headers, never in cookies.
func corsPolicy(origins, headers []string) *cors.Cors {
	if len(headers) == 0 {
		headers = config.DefaultCORSHeaders
	}
	return cors.New(cors.Options{
		AllowedOrigins: origins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders: headers,
		ExposedHeaders: append([]string{reqid.Header}, ratelimit.HeaderNames...),
		MaxAge:         600,
	})
}

// authenticate sets the request's viewer from its credentials: a staff member's bearer token,
// a partner's X-API-Key, or none (anonymous). Credentials that are present but invalid, expired
// or revoked are refused with 401 before any GraphQL runs, after pay has charged the refusal
// (nil: free); pay answers for itself, 429, when it cannot.
func authenticate(check func(context.Context, auth.Credentials) (access.Viewer, error), pay func(http.ResponseWriter, *http.Request) bool, next http.Handler) http.Handler {
	refuse := func(w http.ResponseWriter, r *http.Request, msg string) {
		if pay == nil || pay(w, r) {
			refuse(w, msg)
		}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, bad := credentials(r.Header.Get("Authorization"), r.Header.Get("X-API-Key"))
		if bad != nil {
			refuse(w, r, bad.Message)
			return
		}
		ctx, err := viewerFor(r.Context(), check, c)
		if err != nil {
			var e *apierr.Error
			if errors.As(err, &e) && e.Code == apierr.Unauthenticated {
				refuse(w, r, e.Message)
				return
			}
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		// Sign-in attempts are budgeted per client: the address the rate limits count by.
		ctx = auth.WithClientAddr(ctx, clientaddr.From(ctx).String())
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// limitBody refuses request bodies above max bytes with 413: at once when the declared length
// says so, otherwise as soon as the body passes the limit, never reading more than max+1 bytes.
func limitBody(max int, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if max <= 0 || r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		tooLarge := func() {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Connection", "close")
			w.WriteHeader(http.StatusRequestEntityTooLarge)
			_ = json.NewEncoder(w).Encode(map[string]any{"errors": []any{
				apierr.New(apierr.BadUserInput, "the request body is larger than %d bytes", max).GraphQL(),
			}})
		}
		if r.ContentLength > int64(max) {
			tooLarge()
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, int64(max)+1))
		if err != nil {
			http.Error(w, "could not read the request body", http.StatusBadRequest)
			return
		}
		if len(body) > max {
			tooLarge()
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

// cacheable lets browsers and CDNs cache what anonymous GET requests read (published data
// only), validated by an ETag: a matching If-None-Match gets 304 without a body. Everything
// else is private to its caller and never stored.
func cacheable(maxAge time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		addVary(w.Header(), "Accept", "Authorization", "X-API-Key")
		public := (r.Method == http.MethodGet || r.Method == http.MethodHead) &&
			access.FromContext(r.Context()).Kind == access.Anonymous && maxAge > 0
		if !public {
			w.Header().Set("Cache-Control", "private, no-store")
			next.ServeHTTP(w, r)
			return
		}
		rec := &bufferedResponse{header: http.Header{}, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		for k, v := range rec.header {
			if k == "Vary" {
				addVary(w.Header(), v...)
				continue
			}
			w.Header()[k] = v
		}
		if rec.status != http.StatusOK || bytes.Contains(rec.body.Bytes(), []byte(`"errors":`)) {
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(rec.status)
			_, _ = w.Write(rec.body.Bytes())
			return
		}
		// The same data in another media type is another representation: its own ETag.
		h := sha256.New()
		h.Write([]byte(rec.header.Get("Content-Type") + "\n"))
		h.Write(rec.body.Bytes())
		etag := `"` + hex.EncodeToString(h.Sum(nil)[:16]) + `"`
		w.Header().Set("ETag", etag)
		w.Header().Set("Cache-Control", fmt.Sprintf("public, max-age=%d", int(maxAge.Seconds())))
		if match := r.Header.Get("If-None-Match"); match != "" && (match == etag || strings.Contains(match, etag)) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(rec.body.Bytes())
	})
}

// addVary adds names to the Vary header without dropping what other layers put there (CORS adds
// Origin), each name once: a shared cache must key its copies on every one of them, or it hands
// one caller's answer to another.
func addVary(h http.Header, names ...string) {
	var all []string
	seen := map[string]bool{}
	// A fresh slice throughout: the CORS library's Vary value is a slice shared by all responses.
	for _, v := range slices.Concat(h.Values("Vary"), names) {
		for _, name := range strings.Split(v, ",") {
			name = strings.TrimSpace(name)
			if key := strings.ToLower(name); name != "" && !seen[key] {
				seen[key] = true
				all = append(all, name)
			}
		}
	}
	h["Vary"] = []string{strings.Join(all, ", ")}
}

// bufferedResponse holds a response until it is known whether it may be cached.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header         { return b.header }
func (b *bufferedResponse) WriteHeader(status int)      { b.status = status }
func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }

// deadline gives each request a context that ends after d; the database cancels the statements
// of a request whose context ended.
func deadline(d time.Duration, next http.Handler) http.Handler {
	if d <= 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), d)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// clientKind names the kind of caller in logs and metrics.
func clientKind(v access.Viewer) string {
	switch v.Kind {
	case access.User:
		return "user"
	case access.APIKey:
		return "apikey"
	case access.System:
		return "system"
	}
	return "anonymous"
}

// refuse answers 401 with a GraphQL error body, so clients handle it like any other error.
func refuse(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("WWW-Authenticate", `Bearer realm="careergraph"`)
	w.WriteHeader(http.StatusUnauthorized)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []any{
		apierr.New(apierr.Unauthenticated, "%s", msg).GraphQL(),
	}})
}

// logRequests writes one structured line per request, and counts GraphQL requests in metrics.
func logRequests(log *slog.Logger, metrics *observe.Metrics, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ctx, record := observe.WithRecord(r.Context())
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r.WithContext(ctx))
		took := time.Since(start)
		op, cost, client, limited := record.Snapshot()
		attrs := []any{
			"method", r.Method, "path", r.URL.Path, "status", rec.status,
			"duration_ms", float64(took.Microseconds()) / 1000, "client", client,
			"client_ip", clientaddr.From(r.Context()),
		}
		if r.URL.Path == GraphQLPath {
			attrs = append(attrs, "operation", op, "cost", cost, "rate_limited", limited)
			// A subscription connection lasts as long as its client wants: its duration says
			// nothing about how fast the API answers (the subscription metrics count them).
			if !gqlstream.IsStream(r) {
				metrics.Observe(record, rec.status, took.Seconds())
			}
		}
		log.InfoContext(r.Context(), "request", attrs...)
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

// guardLimits are the guard's limits for the configured ones.
func guardLimits(l config.Limits) guard.Limits {
	return guard.Limits{
		MaxTokens: l.MaxTokens, MaxDepth: l.MaxDepth, MaxFields: l.MaxFields, MaxAliases: l.MaxAliases,
		MaxDirectives: l.MaxDirectives, MaxCost: l.MaxCost, MaxInputDepth: l.MaxInputDepth,
		MaxListItems: l.MaxListItems, MaxInputValues: l.MaxInputValues, MaxIDs: l.MaxIDs,
		DefaultPage: DefaultPageSize, MaxPage: MaxPageSize,
	}
}

// validationRules are GraphQL's validation rules, counting the documents validated and the
// fields visited when c is set: the hostile-request tests read them to show that a refused
// document never reached validation.
func validationRules(c *guard.Counters, g *guard.Guard) func() *rules.Rules {
	return func() *rules.Rules {
		r := rules.NewDefaultRules()
		r.AddRule("DefaultPageSizes", g.DefaultPageSizes)
		if c != nil {
			r.AddRule("CountWork", func(o *core.Events, _ core.AddErrFunc) {
				o.OnOperation(func(*core.Walker, *ast.OperationDefinition) { c.Validated.Add(1) })
				o.OnField(func(*core.Walker, *ast.Field) { c.ValidatorSteps.Add(1) })
			})
		}
		return r
	}
}

// documentCache keeps the trees of validated documents no longer than guard.CachedDocumentBytes.
type documentCache struct {
	graphql.Cache[*ast.QueryDocument]
}

func (c documentCache) Add(ctx context.Context, query string, doc *ast.QueryDocument) {
	if len(query) <= guard.CachedDocumentBytes {
		c.Cache.Add(ctx, query, doc)
	}
}
