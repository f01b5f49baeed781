// Package metrics tells operators what the server is doing through Prometheus metrics: requests
// by operation and outcome, latency, rate-limit refusals, database pool, SQL statements sent.
// (Each request's log line is written by internal/middleware's Log.)
package metrics

import (
	"database/sql"
	"net/http"
	"regexp"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

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

// Observe counts one finished GraphQL request: its operation, the kind of client, whether its
// budget refused it, its status and how long it took.
func (m *Metrics) Observe(op, client string, limited bool, status int, seconds float64) {
	if m == nil {
		return
	}
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
