// Package observe tells operators what the server is doing: one structured log line per request
// (request ID, operation, cost, client kind, status, duration) and Prometheus metrics (requests
// by operation and outcome, latency, rate-limit refusals, database pool, SQL statements sent).
//
// Layers fill in a request's Record as they learn things (the caller after authentication, the
// operation and its cost once parsed); the outermost middleware logs and counts it at the end.
package observe

import (
	"context"
	"database/sql"
	"net/http"
	"regexp"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Record is what is known about one request.
type Record struct {
	mu          sync.Mutex
	operation   string
	cost        int
	client      string
	rateLimited bool
}

type recordKey struct{}

// WithRecord returns ctx carrying a new record, and the record.
func WithRecord(ctx context.Context) (context.Context, *Record) {
	r := &Record{client: "anonymous"}
	return context.WithValue(ctx, recordKey{}, r), r
}

// From returns the request's record; a throwaway one outside a request.
func From(ctx context.Context) *Record {
	if r, ok := ctx.Value(recordKey{}).(*Record); ok {
		return r
	}
	return &Record{}
}

// SetOperation records the GraphQL operation and its cost.
func (r *Record) SetOperation(name string, cost int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.operation, r.cost = name, cost
}

// SetClient records the kind of caller: anonymous, user, apikey.
func (r *Record) SetClient(kind string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.client = kind
}

// SetRateLimited records that the request was refused for its budget.
func (r *Record) SetRateLimited() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.rateLimited = true
}

// Snapshot returns the record's fields.
func (r *Record) Snapshot() (operation string, cost int, client string, rateLimited bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.operation, r.cost, r.client, r.rateLimited
}

// Statements counts the SQL statements the server sends to its database. It exists before the
// metrics do, because the database pool that calls Count is opened first.
type Statements struct{ counter prometheus.Counter }

// NewStatements returns a statement counter at zero.
func NewStatements() *Statements {
	return &Statements{counter: prometheus.NewCounter(prometheus.CounterOpts{
		Name: "careergraph_sql_statements_total",
		Help: "SQL statements sent to the database (queries and execs, in transactions or not; not BEGIN or COMMIT).",
	})}
}

// Count counts one statement (store.Options.CountStatement).
func (s *Statements) Count() { s.counter.Inc() }

// Metrics are the server's Prometheus metrics, on a registry of their own.
type Metrics struct {
	registry   *prometheus.Registry
	requests   *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	refusals   *prometheus.CounterVec
	mu         sync.Mutex
	operations map[string]bool
}

// maxOperations bounds the distinct operation names used as label values: clients name their
// operations, and unbounded labels would exhaust the metrics store.
const maxOperations = 200

var operationName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]{0,63}$`)

// NewMetrics registers the metrics, with db's pool figures, when statements is not nil the
// count of statements sent through it, and more, such as the read replica's (store.ReadMetrics).
func NewMetrics(db *sql.DB, statements *Statements, more ...prometheus.Collector) *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "careergraph_requests_total",
			Help: "GraphQL requests by operation name and outcome (ok, error, refused, rate_limited).",
		}, []string{"operation", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "careergraph_request_duration_seconds",
			Help:    "Time to answer GraphQL requests, by operation name.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"operation"}),
		refusals: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "careergraph_rate_limit_refusals_total",
			Help: "Requests refused because their rate-limit budget was spent, by kind of client.",
		}, []string{"client"}),
		operations: map[string]bool{},
	}
	m.registry.MustRegister(m.requests, m.latency, m.refusals,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if db != nil {
		m.registry.MustRegister(collectors.NewDBStatsCollector(db, "careergraph"))
	}
	if statements != nil {
		m.registry.MustRegister(statements.counter)
	}
	m.registry.MustRegister(more...)
	return m
}

// Register adds collectors of other packages (live updates, …) to the metrics served.
func (m *Metrics) Register(cs ...prometheus.Collector) {
	if m != nil {
		m.registry.MustRegister(cs...)
	}
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// Observe counts one finished GraphQL request.
func (m *Metrics) Observe(r *Record, status int, seconds float64) {
	if m == nil {
		return
	}
	op, _, client, limited := r.Snapshot()
	op = m.label(op)
	outcome := "ok"
	switch {
	case limited:
		outcome = "rate_limited"
		m.refusals.WithLabelValues(client).Inc()
	case status >= 500:
		outcome = "error"
	case status >= 400:
		outcome = "refused"
	}
	m.requests.WithLabelValues(op, outcome).Inc()
	m.latency.WithLabelValues(op).Observe(seconds)
}

func (m *Metrics) label(op string) string {
	if op == "" {
		return "unnamed"
	}
	if !operationName.MatchString(op) {
		return "other"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.operations[op] {
		if len(m.operations) >= maxOperations {
			return "other"
		}
		m.operations[op] = true
	}
	return op
}
