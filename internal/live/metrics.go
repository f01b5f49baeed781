package live

import "github.com/prometheus/client_golang/prometheus"

// Metrics count live updates for /metrics. A nil *Metrics counts nothing.
type Metrics struct {
	subscriptions prometheus.Gauge
	connections   *prometheus.GaugeVec
	received      prometheus.Counter
	wakes         prometheus.Counter
	sent          *prometheus.CounterVec
	reconnects    prometheus.Counter
}

// NewMetrics returns the live-update metrics; register Collectors() with the server's registry.
func NewMetrics() *Metrics {
	return &Metrics{
		subscriptions: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "careergraph_subscriptions_active",
			Help: "GraphQL subscriptions open in this process.",
		}),
		connections: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "careergraph_subscriptions_connections",
			Help: "Open subscription connections, by transport (websocket, sse).",
		}, []string{"transport"}),
		received: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "careergraph_notifications_received_total",
			Help: "Change notifications received from PostgreSQL's LISTEN/NOTIFY.",
		}),
		wakes: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "careergraph_notifications_wakeups_total",
			Help: "Times the change feed was read for subscriptions after a notification, a reconnection or a commit.",
		}),
		sent: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "careergraph_notifications_sent_total",
			Help: "Subscription events sent to clients, by transport.",
		}, []string{"transport"}),
		reconnects: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "careergraph_notifications_listener_reconnects_total",
			Help: "Times the PostgreSQL listener reconnected after losing its connection; the change feed is read again from where it stopped.",
		}),
	}
}

// Collectors are the metrics to register.
func (m *Metrics) Collectors() []prometheus.Collector {
	return []prometheus.Collector{m.subscriptions, m.connections, m.received, m.wakes, m.sent, m.reconnects}
}

func (m *Metrics) subscribed(n int) {
	if m != nil {
		m.subscriptions.Add(float64(n))
	}
}

func (m *Metrics) notified() {
	if m != nil {
		m.received.Inc()
	}
}

func (m *Metrics) woke() {
	if m != nil {
		m.wakes.Inc()
	}
}

func (m *Metrics) reconnected() {
	if m != nil {
		m.reconnects.Inc()
	}
}

// Connected counts a connection of transport opening (+1) or closing (-1).
func (m *Metrics) Connected(transport string, n int) {
	if m != nil {
		m.connections.WithLabelValues(transport).Add(float64(n))
	}
}

// Sent counts an event sent to a client over transport.
func (m *Metrics) Sent(transport string) {
	if m != nil {
		m.sent.WithLabelValues(transport).Inc()
	}
}
