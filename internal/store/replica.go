package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/lib/pq"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"careergraph/internal/store/pgstmt"
)

// Read routing. A request's reads go to the primary unless the request was allowed the replica
// (AllowReplica: an anonymous or API-key query), and from its first write on they go to the
// primary again, so that a request always reads what it wrote. The replica is used only while
// the background check finds it answering and no further behind than the allowed lag; a read that
// fails on it runs again on the primary.

// route is a request's read route; its state only moves forward: primary (undecided) → replica
// allowed → primary for good.
type route struct{ state atomic.Int32 }

const (
	routeUndecided int32 = iota
	routeReplica
	routePinned
)

type routeKey struct{}

// WithReadRoute returns ctx carrying a read route for one request: its reads go to the primary
// until AllowReplica lets them go to the replica.
func WithReadRoute(ctx context.Context) context.Context {
	return context.WithValue(ctx, routeKey{}, new(route))
}

// AllowReplica lets the reads of ctx's request go to the read replica, unless it wrote already.
// Call it only for a request that never needs to read its own or anyone's latest writes: a
// query of an anonymous or API-key caller.
func AllowReplica(ctx context.Context) {
	if r, ok := ctx.Value(routeKey{}).(*route); ok {
		r.state.CompareAndSwap(routeUndecided, routeReplica)
	}
}

// pinPrimary sends the rest of ctx's request to the primary: it wrote.
func pinPrimary(ctx context.Context) {
	if r, ok := ctx.Value(routeKey{}).(*route); ok {
		r.state.Store(routePinned)
	}
}

func mayReadReplica(ctx context.Context) bool {
	r, ok := ctx.Value(routeKey{}).(*route)
	return ok && r.state.Load() == routeReplica
}

// Why a read that could have used the replica ran on the primary.
const (
	fallbackUnavailable = iota // the last check or read failed, or it is not a standby
	fallbackLagging            // further behind than the allowed lag
	fallbackFailed             // the read failed on the replica and ran again on the primary
	fallbackReasons
)

var fallbackNames = [fallbackReasons]string{"unavailable", "lagging", "failed"}

// replica is a read replica's pool and what the background check knows about it.
type replica struct {
	db         *sql.DB
	statements *pgstmt.Connector
	drv        dialect.Driver
	primary    *sql.DB
	host       string
	maxLag     time.Duration
	every      time.Duration
	log        *slog.Logger

	// unusable is why the replica is not in use (a fallback reason), or -1 while it is.
	unusable atomic.Int32
	// lag is the last measured lag; measured is false when the last check could not measure it.
	lag      atomic.Int64
	measured atomic.Bool
	// announced is set once the replica's state was first logged.
	announced atomic.Bool
	// reads counts the reads run on the primary [0] and the replica [1]; fallbacks by reason.
	reads     [2]atomic.Uint64
	fallbacks [fallbackReasons]atomic.Uint64

	mu      sync.Mutex
	samples []walSample // the primary's WAL position over time, oldest first
	stop    chan struct{}
	done    chan struct{}
	closing sync.Once
}

// walSample is where the primary's write-ahead log was at a time.
type walSample struct {
	at  time.Time
	lsn uint64
}

// maxSamples bounds the primary's positions kept: enough for maxLag at the check's pace.
const maxSamples = 4096

// openReplica opens the replica's pool like the primary's (prepared statements, generic plans,
// statement timeout), checks it once, and keeps checking it in the background.
func openReplica(ctx context.Context, o Options, primary *sql.DB) (*replica, error) {
	db, statements, _, err := openPostgres(withConnectTimeout(o.ReplicaURL), o)
	if err != nil {
		return nil, fmt.Errorf("opening the PostgreSQL read replica: %w", err)
	}
	r := &replica{
		db: db, statements: statements, drv: columnTypesOnce{entsql.OpenDB(dialect.Postgres, db)}, primary: primary, host: serverName(o.ReplicaURL),
		maxLag: o.ReplicaMaxLag, log: o.Log, stop: make(chan struct{}), done: make(chan struct{}),
	}
	if r.maxLag <= 0 {
		r.maxLag = DefaultReplicaMaxLag
	}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	// Checked often enough to notice a lag of maxLag within a quarter of it, at most once every
	// 50 ms and at least once a second.
	r.every = o.ReplicaCheckEvery
	if r.every <= 0 {
		r.every = min(max(r.maxLag/4, 50*time.Millisecond), time.Second)
	}
	r.unusable.Store(fallbackUnavailable)
	r.check(ctx)
	go r.watch()
	return r, nil
}

// DefaultReplicaMaxLag is how far behind the primary the replica may be while reads use it.
const DefaultReplicaMaxLag = 5 * time.Second

// withConnectTimeout bounds how long opening a replica connection may take (unless the URL says),
// so that a replica that vanished from the network costs a read seconds, not minutes, before it
// runs on the primary.
func withConnectTimeout(dsn string) string {
	if strings.Contains(dsn, "connect_timeout=") {
		return dsn
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
	}
	return dsn + sep + "connect_timeout=2"
}

func (r *replica) watch() {
	defer close(r.done)
	t := time.NewTicker(r.every)
	defer t.Stop()
	for {
		select {
		case <-r.stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), max(r.every, 2*time.Second))
			r.check(ctx)
			cancel()
		}
	}
}

// close stops the checks and closes the pool; closing again does nothing.
func (r *replica) close() error {
	r.closing.Do(func() {
		close(r.stop)
		<-r.done
	})
	return r.db.Close()
}

// check measures the replica's lag and decides whether reads use it.
//
// The lag is measured by write-ahead-log position, not by the time of the last transaction
// replayed, which grows without any lag while the primary is idle: each check notes where the
// primary's log is, then asks how far the replica has replayed; the lag is the age of the oldest
// position noted that the replica has not reached (none: no lag).
func (r *replica) check(ctx context.Context) {
	var primaryLSN string
	if err := r.primary.QueryRowContext(ctx, "SELECT pg_current_wal_lsn()::text").Scan(&primaryLSN); err != nil {
		// The primary is away: nothing to compare with, and writes fail anyway; keep the state.
		return
	}
	now := time.Now()
	p, err := parseLSN(primaryLSN)
	if err != nil {
		r.unavailable(fmt.Sprintf("the primary's WAL position %q: %v", primaryLSN, err))
		return
	}
	r.mu.Lock()
	if n := len(r.samples); n == 0 || r.samples[n-1].lsn != p {
		r.samples = append(r.samples, walSample{now, p})
	}
	if len(r.samples) > maxSamples {
		r.samples = r.samples[len(r.samples)-maxSamples:]
	}
	r.mu.Unlock()

	var standby bool
	var replayed sql.NullString
	err = r.db.QueryRowContext(ctx, "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text").Scan(&standby, &replayed)
	switch {
	case err != nil:
		r.unavailable(plainError(err))
		return
	case !standby || !replayed.Valid:
		r.unavailable("it is not a standby server (DATABASE_REPLICA_URL must name a streaming replica of DATABASE_URL)")
		return
	}
	at, err := parseLSN(replayed.String)
	if err != nil {
		r.unavailable(fmt.Sprintf("its WAL position %q: %v", replayed.String, err))
		return
	}
	lag := r.lagAt(at, time.Now())
	r.lag.Store(int64(lag))
	r.measured.Store(true)
	if lag > r.maxLag {
		r.set(fallbackLagging, fmt.Sprintf("it is %v behind the primary, more than REPLICA_MAX_LAG (%v)", lag.Round(time.Millisecond), r.maxLag))
		return
	}
	r.set(-1, "")
}

// lagAt is how far behind a replica that replayed the log up to lsn is at now, and forgets the
// positions it reached but the newest.
func (r *replica) lagAt(lsn uint64, now time.Time) time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	reached := -1
	for i, s := range r.samples {
		if s.lsn > lsn {
			break
		}
		reached = i
	}
	switch {
	case reached == len(r.samples)-1:
		r.samples = r.samples[reached:]
		return 0
	case reached < 0:
		// Behind every position noted: at least as old as the oldest.
		return now.Sub(r.samples[0].at)
	}
	r.samples = r.samples[reached:]
	// The first position not reached was noted after samples[0], the newest reached.
	return now.Sub(r.samples[1].at)
}

func (r *replica) unavailable(why string) {
	r.measured.Store(false)
	r.set(fallbackUnavailable, why)
}

// set records whether reads use the replica (reason -1) or not and why, logging the first state
// and every change.
func (r *replica) set(reason int32, why string) {
	old := r.unusable.Swap(reason)
	first := !r.announced.Swap(true)
	switch {
	case old == reason && !first:
	case reason < 0:
		r.log.Info("reads use the read replica", "replica", r.host, "lag", time.Duration(r.lag.Load()))
	default:
		r.log.Warn("reads go to the primary: the read replica is "+fallbackNames[reason], "replica", r.host, "reason", why)
	}
}

// read runs a read on the replica when ctx's request may use it and the replica is in use, else
// on the primary; a read that fails on the replica runs again on the primary, and reads go to the
// primary until the next check finds the replica answering.
func (r *replica) read(ctx context.Context, onReplica, onPrimary func() error) error {
	if !mayReadReplica(ctx) {
		r.reads[0].Add(1)
		return onPrimary()
	}
	if why := r.unusable.Load(); why >= 0 {
		r.fallbacks[why].Add(1)
		r.reads[0].Add(1)
		return onPrimary()
	}
	err := onReplica()
	if err == nil || ctx.Err() != nil {
		r.reads[1].Add(1)
		return err
	}
	if replicaFault(err) {
		r.unavailable(plainError(err))
	}
	r.fallbacks[fallbackFailed].Add(1)
	r.reads[0].Add(1)
	return onPrimary()
}

// replicaFault tells errors of the replica itself (unreachable, shutting down, out of resources)
// from those of the statement, which the primary would give as well.
func replicaFault(err error) bool {
	var pqErr *pq.Error
	if !errors.As(err, &pqErr) {
		return true // The connection failed: refused, reset, timed out.
	}
	switch pqErr.Code.Class() {
	case "08", "53", "57", "58", "XX": // connection, resources, operator intervention, system
		return pqErr.Code != "57014" // a cancelled statement is the request's doing
	}
	return false
}

// plainError is an error's message for the log, without the driver's prefix.
func plainError(err error) string {
	var pqErr *pq.Error
	if errors.As(err, &pqErr) {
		return pqErr.Message
	}
	if errors.Is(err, driver.ErrBadConn) {
		return "the connection was lost"
	}
	return err.Error()
}

// parseLSN reads a WAL position as PostgreSQL writes it, two hexadecimal halves: 16/B374D848.
func parseLSN(s string) (uint64, error) {
	hi, lo, ok := strings.Cut(s, "/")
	if !ok {
		return 0, errors.New("not a WAL position")
	}
	h, err := strconv.ParseUint(hi, 16, 32)
	if err != nil {
		return 0, err
	}
	l, err := strconv.ParseUint(lo, 16, 32)
	if err != nil {
		return 0, err
	}
	return h<<32 | l, nil
}

// routingDriver is the ent driver of a store with a read replica: reads go where replica.read
// sends them; writes and transactions go to the primary and pin the rest of their request there.
type routingDriver struct {
	columnTypesOnce
	replica *replica
}

func (d routingDriver) Query(ctx context.Context, query string, args, v any) error {
	if !isRead(query) {
		// INSERT … RETURNING and the like.
		pinPrimary(ctx)
		return d.columnTypesOnce.Query(ctx, query, args, v)
	}
	return d.replica.read(ctx,
		func() error { return d.replica.drv.Query(ctx, query, args, v) },
		func() error { return d.columnTypesOnce.Query(ctx, query, args, v) })
}

func (d routingDriver) Exec(ctx context.Context, query string, args, v any) error {
	pinPrimary(ctx)
	return d.columnTypesOnce.Exec(ctx, query, args, v)
}

func (d routingDriver) Tx(ctx context.Context) (dialect.Tx, error) {
	pinPrimary(ctx)
	return d.columnTypesOnce.Tx(ctx)
}

func (d routingDriver) BeginTx(ctx context.Context, opts *sql.TxOptions) (dialect.Tx, error) {
	pinPrimary(ctx)
	return d.columnTypesOnce.BeginTx(ctx, opts)
}

func (d routingDriver) Close() error {
	return errors.Join(d.replica.close(), d.columnTypesOnce.Close())
}

// isRead tells a plain SELECT from statements that may write.
func isRead(query string) bool {
	q := strings.TrimLeft(query, " \t\r\n(")
	return len(q) >= 6 && strings.EqualFold(q[:6], "SELECT")
}

// Read runs read on the pool ctx's request reads from: the replica's, when the request may read
// from it and the replica is in use, else the primary's. A read that fails on the replica runs
// again on the primary, so read must be safe to run twice. Without a replica it runs on DB.
func (s *Store) Read(ctx context.Context, read func(*sql.DB) error) error {
	if s.replica == nil {
		return read(s.DB)
	}
	return s.replica.read(ctx, func() error { return read(s.replica.db) }, func() error { return read(s.DB) })
}

// ReadMetrics are the metrics of read routing (none without a replica): whether the replica is in
// use, its lag, the reads run on each database, the fallbacks to the primary and the replica's
// pool.
func (s *Store) ReadMetrics() []prometheus.Collector {
	if s.replica == nil {
		return nil
	}
	return []prometheus.Collector{readMetrics{s.replica}, collectors.NewDBStatsCollector(s.replica.db, "careergraph_replica")}
}

var (
	inUseDesc = prometheus.NewDesc("careergraph_replica_in_use",
		"1 while anonymous and API-key reads go to the read replica, 0 while they fall back to the primary.", nil, nil)
	lagDesc = prometheus.NewDesc("careergraph_replica_lag_seconds",
		"How far the read replica was behind the primary at the last check (absent when it could not be measured).", nil, nil)
	readsDesc = prometheus.NewDesc("careergraph_db_reads_total",
		"Database reads (ent queries and searches) by the database that ran them: primary or replica.", []string{"target"}, nil)
	fallbacksDesc = prometheus.NewDesc("careergraph_replica_fallbacks_total",
		"Reads that could have used the read replica but ran on the primary, by reason: unavailable, lagging, or failed (failed on the replica, then ran on the primary).", []string{"reason"}, nil)
)

// readMetrics reports a replica's state and counters to Prometheus.
type readMetrics struct{ r *replica }

func (m readMetrics) Describe(ch chan<- *prometheus.Desc) { prometheus.DescribeByCollect(m, ch) }

func (m readMetrics) Collect(ch chan<- prometheus.Metric) {
	inUse := 0.0
	if m.r.unusable.Load() < 0 {
		inUse = 1
	}
	ch <- prometheus.MustNewConstMetric(inUseDesc, prometheus.GaugeValue, inUse)
	if m.r.measured.Load() {
		ch <- prometheus.MustNewConstMetric(lagDesc, prometheus.GaugeValue, time.Duration(m.r.lag.Load()).Seconds())
	}
	for i, target := range []string{"primary", "replica"} {
		ch <- prometheus.MustNewConstMetric(readsDesc, prometheus.CounterValue, float64(m.r.reads[i].Load()), target)
	}
	for i, reason := range fallbackNames {
		ch <- prometheus.MustNewConstMetric(fallbacksDesc, prometheus.CounterValue, float64(m.r.fallbacks[i].Load()), reason)
	}
}
