package middleware

import (
	"context"
	"log/slog"
	"net/http"
	"net/netip"
	"sync/atomic"
	"time"

	"careergraph/internal/access"
	"careergraph/internal/metrics"
)

// Entry is the log line of one request. Log starts it with what is known when the request
// arrives and passes it down in the request's context; the layer that answers the request writes
// it (Write) with what only that layer knows: the status, and for an API request the operation,
// its cost and whether its budget refused it. Log itself writes, with the status it saw, the
// entries no layer wrote: probes, GraphiQL, preflights.
type Entry struct {
	log          *slog.Logger
	metrics      *metrics.Metrics
	start        time.Time
	method, path string
	client       netip.Addr
	api, counted bool
	written      atomic.Bool
}

// Outcome is what the layer that answers a request adds to its log entry.
type Outcome struct {
	Status      int
	Operation   string
	Cost        int
	RateLimited bool
}

type entryKey struct{}

// EntryFrom returns the request's log entry; outside Log, one that writes nothing.
func EntryFrom(ctx context.Context) *Entry {
	if e, ok := ctx.Value(entryKey{}).(*Entry); ok {
		return e
	}
	return nil
}

// Write writes the entry's line, and counts an API request in the metrics, once: the first call
// wins, later ones do nothing. ctx is the answering layer's: its viewer names the kind of client.
// A nil entry writes nothing.
func (e *Entry) Write(ctx context.Context, o Outcome) {
	if e == nil || !e.written.CompareAndSwap(false, true) {
		return
	}
	took := time.Since(e.start)
	client := ClientKind(access.FromContext(ctx))
	attrs := []any{
		"method", e.method, "path", e.path, "status", o.Status,
		"duration_ms", float64(took.Microseconds()) / 1000, "client", client, "client_ip", e.client,
	}
	if e.api {
		attrs = append(attrs, "operation", o.Operation, "cost", o.Cost, "rate_limited", o.RateLimited)
	}
	if e.counted {
		e.metrics.Observe(o.Operation, client, o.RateLimited, o.Status, took.Seconds())
	}
	e.log.InfoContext(ctx, "request", attrs...)
}

// Log writes one structured line per request to log, and counts the API's requests in metrics:
// api reports whether a request is one of the API's (its line names the operation) and whether
// it is counted (a subscription stream, which lasts as long as its client wants, says nothing
// about how fast the API answers). It needs RequestID and ClientAddr outside it.
func Log(log *slog.Logger, metrics *metrics.Metrics, api func(*http.Request) (api, counted bool)) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			e := &Entry{log: log, metrics: metrics, start: time.Now(), method: r.Method, path: r.URL.Path,
				client: ClientAddrFrom(r.Context())}
			if api != nil {
				e.api, e.counted = api(r)
			}
			rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
			next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), entryKey{}, e)))
			e.Write(r.Context(), Outcome{Status: rec.status})
		})
	}
}

// Logged writes the request's log entry with the status next answers, for endpoints that answer
// without a say of their own (subscription streams, say); inside Authenticate, so that the line
// names the kind of client.
func Logged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		EntryFrom(r.Context()).Write(r.Context(), Outcome{Status: rec.status})
	})
}

// ClientKind names the kind of caller in logs and metrics.
func ClientKind(v access.Viewer) string {
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

type statusRecorder struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (s *statusRecorder) WriteHeader(code int) {
	if !s.wrote {
		s.status, s.wrote = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(p []byte) (int, error) {
	s.wrote = true
	return s.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the underlying writer (flushing, hijacking,
// deadlines).
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
