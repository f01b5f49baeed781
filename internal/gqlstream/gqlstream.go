// Package gqlstream carries GraphQL subscriptions (and any other operation) over long-lived
// connections, as gqlgen transports on the GraphQL endpoint:
//
//   - WebSocket with the graphql-transport-ws subprotocol, which graphql-ws, Apollo Client, urql
//     and GraphiQL speak (websocket.go);
//   - Server-Sent Events in the graphql-sse protocol's distinct-connections mode: one operation
//     per request, POST (or GET) with Accept: text/event-stream (sse.go).
//
// Both answer to the same limits: connections per client, subscriptions per connection, the size
// of a message, an idle timeout and keep-alive pings; and both are closed, with the client told,
// when the server shuts down (Streams.Close).
package gqlstream

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"careergraph/internal/apierr"
	"careergraph/internal/gqlhttp"
	"careergraph/internal/live"
	"careergraph/internal/middleware"
)

// Limits bound what one client may hold open.
type Limits struct {
	// MaxMessageBytes is the largest message a client may send (a WebSocket message; an SSE
	// request's body is bounded like any other request's).
	MaxMessageBytes int64
	// SubscriptionsPerConnection is how many operations one WebSocket may run at once.
	SubscriptionsPerConnection int
	// ConnectionsPerClient is how many WebSocket and SSE connections one client address may hold.
	ConnectionsPerClient int
	// InitTimeout is how long a WebSocket may wait before connection_init.
	InitTimeout time.Duration
	// IdleTimeout closes a WebSocket that runs no operation and sends nothing for that long.
	IdleTimeout time.Duration
	// PingInterval is how often the server pings a WebSocket (and sends an SSE comment) to find
	// dead connections and keep proxies from closing quiet ones; a ping unanswered within the
	// next interval closes the connection.
	PingInterval time.Duration
	// WriteTimeout bounds one write to a client; a client that reads nothing is disconnected.
	WriteTimeout time.Duration
}

// Options are the transports' dependencies.
type Options struct {
	Limits Limits
	// AllowedOrigins are the browser origins that may open a WebSocket ("*" for any), as for
	// CORS; a page of the server's own origin always may.
	AllowedOrigins []string
	// Init authenticates a WebSocket from connection_init's payload, and returns the context its
	// operations run in. Errors are *apierr.Error: UNAUTHENTICATED (the credentials are refused)
	// or RATE_LIMITED.
	Init func(ctx context.Context, payload map[string]any) (context.Context, error)
	// Admit is called before each operation of a WebSocket (an SSE request pays as any request
	// does) and may refuse it with an *apierr.Error (RATE_LIMITED).
	Admit func(ctx context.Context) error
	// Charge charges each operation its cost before it runs, as for a request (gqlhttp.Charge);
	// a refusal is the operation's error.
	Charge gqlhttp.Charge
	// Recheck checks again, at every ping, the credentials a connection's operations run with
	// (nil: never); an *apierr.Error (UNAUTHENTICATED) closes the connection.
	Recheck func(ctx context.Context) error
	Metrics *live.Metrics
	Log     *slog.Logger
}

// Streams holds the open connections of both transports.
type Streams struct {
	o Options

	mu      sync.Mutex
	closing bool
	conns   map[*stream]struct{}
	clients map[string]int
	wg      sync.WaitGroup
}

// stream is one open connection; shut tells it to say goodbye and close.
type stream struct {
	client string
	shut   chan struct{}
}

// New returns the transports' shared state.
func New(o Options) *Streams {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return &Streams{o: o, conns: map[*stream]struct{}{}, clients: map[string]int{}}
}

// IsStream reports whether r asks for a WebSocket or an event stream: such requests outlive any
// request deadline and are never cached.
func IsStream(r *http.Request) bool {
	return isWebSocket(r) || acceptsEventStream(r)
}

func isWebSocket(r *http.Request) bool {
	return r.Method == http.MethodGet && strings.EqualFold(r.Header.Get("Upgrade"), "websocket")
}

func acceptsEventStream(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Accept"), "text/event-stream")
}

// open registers a connection of r's client, or answers 429 (too many connections) or 503
// (shutting down) and returns nil.
func (s *Streams) open(w http.ResponseWriter, r *http.Request, transport string) *stream {
	client := middleware.ClientAddrFrom(r.Context()).String()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		middleware.Refuse(w, r, http.StatusServiceUnavailable, apierr.New(apierr.Internal, "the server is shutting down; connect again"))
		return nil
	}
	if n := s.o.Limits.ConnectionsPerClient; n > 0 && s.clients[client] >= n {
		middleware.Refuse(w, r, http.StatusTooManyRequests, apierr.New(apierr.RateLimited,
			"this client already holds %d subscription connections, the most it may; close one or run several subscriptions on one WebSocket", n))
		return nil
	}
	c := &stream{client: client, shut: make(chan struct{})}
	s.conns[c] = struct{}{}
	s.clients[client]++
	s.wg.Add(1)
	s.o.Metrics.Connected(transport, 1)
	return c
}

func (s *Streams) closed(c *stream, transport string) {
	s.mu.Lock()
	delete(s.conns, c)
	if s.clients[c.client]--; s.clients[c.client] <= 0 {
		delete(s.clients, c.client)
	}
	s.mu.Unlock()
	s.o.Metrics.Connected(transport, -1)
	s.wg.Done()
}

// Close tells every connection that the server is going away (a WebSocket gets close code 1001,
// an event stream a last comment), closes them, and refuses new ones. It returns when all are
// closed or ctx ends.
func (s *Streams) Close(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	for c := range s.conns {
		close(c.shut)
	}
	s.mu.Unlock()
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// allowedOrigin reports whether a browser page at r's Origin may open a connection: the
// configured origins (as for CORS) and the server's own.
func (s *Streams) allowedOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true // not a browser: credentials in the messages are the client's own
	}
	if slices.Contains(s.o.AllowedOrigins, "*") || slices.ContainsFunc(s.o.AllowedOrigins, func(o string) bool {
		return strings.EqualFold(strings.TrimSuffix(o, "/"), origin)
	}) {
		return true
	}
	host, ok := strings.CutPrefix(origin, "http://")
	if !ok {
		host, _ = strings.CutPrefix(origin, "https://")
	}
	return strings.EqualFold(host, r.Host)
}

// start prepares and starts one operation, and returns its responses, or the errors that
// refused it before execution (parsing, validation, limits). A subscription's source is open when
// it returns: no later change escapes it.
func start(ctx context.Context, exec graphql.GraphExecutor, params *graphql.RawParams, allow func(*ast.OperationDefinition) *apierr.Error, charge gqlhttp.Charge) (func() *graphql.Response, gqlerror.List) {
	oc, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		gqlhttp.CodeRequestErrors(errs)
		return nil, exec.DispatchError(graphql.WithOperationContext(ctx, oc), errs).Errors
	}
	if allow != nil {
		if err := allow(oc.Operation); err != nil {
			return nil, gqlerror.List{err.GraphQL()}
		}
	}
	if charge != nil {
		var refusal *gqlerror.Error
		// The answer's headers are sent before the operation is known: the budget is told in
		// the error, if at all.
		if ctx, _, refusal = charge(ctx, oc, nil); refusal != nil {
			return nil, gqlerror.List{refusal}
		}
	}
	responses, ctx := exec.DispatchOperation(graphql.WithOperationContext(ctx, oc), oc)
	return func() *graphql.Response { return responses(ctx) }, nil
}

// relay hands each response to send until there are no more or send fails.
func relay(next func() *graphql.Response, send func(*graphql.Response) error) {
	for resp := next(); resp != nil; resp = next() {
		if send(resp) != nil {
			return
		}
	}
}
