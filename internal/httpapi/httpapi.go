// Package httpapi builds careergraph's HTTP handler: the GraphQL endpoint, GraphiQL, the
// health probes, and the middleware around them.
package httpapi

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"slices"
	"sync/atomic"
	"time"

	"entgo.io/contrib/entgql"
	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/validator/core"
	"github.com/vektah/gqlparser/v2/validator/rules"
	"go.opentelemetry.io/otel/trace"

	"careergraph/internal/access"
	"careergraph/internal/apierr"
	"careergraph/internal/auth"
	"careergraph/internal/config"
	"careergraph/internal/gqlexec"
	"careergraph/internal/gqlhttp"
	"careergraph/internal/gqlstream"
	"careergraph/internal/graphiql"
	"careergraph/internal/guard"
	"careergraph/internal/live"
	"careergraph/internal/metrics"
	"careergraph/internal/middleware"
	"careergraph/internal/persisted"
	"careergraph/internal/ratelimit"
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
	Metrics *metrics.Metrics
	// Limiter keeps the rate-limit budgets (in-process or Redis); nil disables rate limits.
	Limiter ratelimit.Limiter
	// Budgets are the rate limits per kind of caller.
	Budgets ratelimit.Budgets
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
	o.Log = slog.New(middleware.LogHandler(o.Log.Handler()))
	charge := chargeCost(o.Limiter, o.Budgets, o.Log)
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
		Charge:         charge,
		Recheck:        recheck(o.Authenticate),
		Metrics:        o.LiveMetrics,
		Log:            o.Log,
	})
	gql := graphQL(o, h.streams, charge)
	mux := http.NewServeMux()
	// The GraphQL endpoint's own layers (see middleware.API for their order). Its transports
	// answer requests and write their log lines; subscription streams have theirs written when
	// they end.
	mux.Handle(GraphQLPath, middleware.API(middleware.APIOptions{
		Authenticate: o.Authenticate,
		Limiter:      o.Limiter,
		Budgets:      o.Budgets,
		MaxBodyBytes: o.Limits.MaxBodyBytes,
		Timeout:      o.RequestTimeout,
		Stream:       gqlstream.IsStream,
		Log:          o.Log,
	}, streamsLogged(gql)))
	mux.HandleFunc(LivePath, func(w http.ResponseWriter, _ *http.Request) { writeStatus(w, http.StatusOK, "ok") })
	mux.HandleFunc(ReadyPath, h.ready(o.Ping))
	if o.Metrics != nil {
		mux.Handle(MetricsPath, o.Metrics.Handler())
	}
	if o.Playground {
		mux.Handle("/", graphiql.Handler("careergraph", GraphQLPath))
	}
	// The layers every request passes (see middleware.Stack for their order).
	h.Handler = middleware.Stack(middleware.Options{
		Tracer:         o.Tracer,
		Untraced:       gqlstream.IsStream,
		TrustedProxies: o.TrustedProxies,
		ProxyHeader:    o.ProxyHeader,
		Log:            o.Log,
		Metrics:        o.Metrics,
		API: func(r *http.Request) (bool, bool) {
			api := r.URL.Path == GraphQLPath
			return api, api && !gqlstream.IsStream(r)
		},
		AllowedOrigins: o.AllowedOrigins,
		AllowedHeaders: o.AllowedHeaders,
	}, mux)
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

// streamsLogged has the log line of a subscription connection (WebSocket, event stream) written
// with the status it was answered, when it ends; the transports of plain requests write theirs.
func streamsLogged(gql http.Handler) http.Handler {
	streams := middleware.Logged(gql)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if gqlstream.IsStream(r) {
			streams.ServeHTTP(w, r)
			return
		}
		gql.ServeHTTP(w, r)
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
func graphQL(o Options, streams *gqlstream.Streams, charge gqlhttp.Charge) http.Handler {
	srv := handler.New(o.Schema)
	// Subscriptions (and any operation) over WebSocket and Server-Sent Events; first, since an
	// event stream may be a GET or a POST.
	srv.AddTransport(gqlstream.WebSocket{Streams: streams})
	srv.AddTransport(gqlstream.SSE{Streams: streams})
	// GraphQL over HTTP as specified (status codes, media types, no mutations over GET, no
	// bodies a browser could send cross-site without a preflight); see internal/gqlhttp.
	// Both charge each operation its cost before it runs and answer 429 themselves when the
	// caller's budget cannot pay; answers to anonymous GET requests (published data only) may be
	// kept by shared caches.
	srv.AddTransport(gqlhttp.GET{Options: gqlhttp.Options{Charge: charge, CacheMaxAge: o.CacheMaxAge, Public: anonymous}})
	srv.AddTransport(gqlhttp.POST{Options: gqlhttp.Options{Charge: charge}})
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
	// Every mutation runs in one transaction, committed after the whole response is built, except
	// sign-in alone: it may wait for a free hashing slot (internal/auth), and writes its token on
	// its own once it has hashed, so that the wait holds no connection, nor SQLite's write lock.
	srv.Use(entgql.Transactioner{TxOpener: o.Tx, SkipTxFunc: onlyFields("signIn")})
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
	srv.SetErrorPresenter(apierr.Presenter(o.Log, o.FieldSuggestions, middleware.RequestIDFrom))
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

// anonymous reports whether r comes from an anonymous caller.
func anonymous(r *http.Request) bool {
	return access.FromContext(r.Context()).Kind == access.Anonymous
}

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
