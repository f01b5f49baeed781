package testdb

import (
	"context"
	"database/sql/driver"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"entgo.io/ent/dialect"

	"careergraph/internal/store"
)

// Recorder is an ent driver wrapper for tests and benchmarks: it counts the statements sent
// through it and, while recording, keeps them with their arguments to EXPLAIN them. Statements
// in transactions are not seen. Pass Recorder.Wrap as Options.WrapDriver.
type Recorder struct {
	dialect.Driver
	count     atomic.Int64
	mu        sync.Mutex
	recording bool
	sent      []Statement
}

// Statement is one statement sent, with its arguments.
type Statement struct {
	Query string
	Args  []any
}

// Wrap wraps d; use it as Options.WrapDriver.
func (r *Recorder) Wrap(d dialect.Driver) dialect.Driver { r.Driver = d; return r }

// Count returns the number of statements sent since the last Reset.
func (r *Recorder) Count() int64 { return r.count.Load() }

// Reset sets the count back to zero.
func (r *Recorder) Reset() { r.count.Store(0) }

func (r *Recorder) note(query string, args any) {
	r.count.Add(1)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.recording {
		a, _ := args.([]any)
		r.sent = append(r.sent, Statement{query, a})
	}
}

// Exec implements dialect.Driver.
func (r *Recorder) Exec(ctx context.Context, query string, args, v any) error {
	r.note(query, args)
	return r.Driver.Exec(ctx, query, args, v)
}

// Query implements dialect.Driver.
func (r *Recorder) Query(ctx context.Context, query string, args, v any) error {
	r.note(query, args)
	return r.Driver.Query(ctx, query, args, v)
}

// Record runs fn once and returns the statements it sent.
func (r *Recorder) Record(fn func()) []Statement {
	r.mu.Lock()
	r.recording, r.sent = true, nil
	r.mu.Unlock()
	fn()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.recording = false
	return r.sent
}

// ExplainAll writes, under a heading name, the PostgreSQL EXPLAIN (ANALYZE, BUFFERS) plan of
// each statement run sends; each is explained twice and the second plan kept, so that caches
// are as warm as in a timed loop.
func (r *Recorder) ExplainAll(tb testing.TB, st *store.Store, name string, run func(context.Context) error, out *strings.Builder) {
	tb.Helper()
	sent := r.Record(func() {
		if err := run(context.Background()); err != nil {
			tb.Fatal(err)
		}
	})
	fmt.Fprintf(out, "## %s (%d statements)\n\n", name, len(sent))
	for i, s := range sent {
		Explain(tb, st, s)
		fmt.Fprintf(out, "### %s, statement %d\n\n```sql\n%s\n```\n\nArguments: %v\n\n```\n%s\n```\n\n", name, i+1, s.Query, readable(s.Args), Explain(tb, st, s))
	}
}

// readable returns args with each driver.Valuer replaced by its value, so that an array
// parameter (pq.Array) prints as its elements rather than as a pointer.
func readable(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = a
		if v, ok := a.(driver.Valuer); ok {
			if value, err := v.Value(); err == nil {
				out[i] = value
			}
		}
	}
	return out
}

// Explain returns the PostgreSQL plan of running s, with actual timings and buffers.
func Explain(tb testing.TB, st *store.Store, s Statement) string {
	tb.Helper()
	return explain(tb, st, "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ", s)
}

// ExplainAtScale returns the plan of running s as PostgreSQL would run it on a large catalogue:
// a test's catalogue is so small that reading a table whole and sorting it is cheapest, which
// hides whether an index can serve a query in its order.
func ExplainAtScale(tb testing.TB, st *store.Store, s Statement) string {
	tb.Helper()
	return explain(tb, st, "EXPLAIN (ANALYZE, COSTS OFF) ", s,
		"SET enable_seqscan = off", "SET enable_sort = off", "SET enable_bitmapscan = off")
}

// explain runs prefix+s on a connection of its own, after settings, which end with it.
func explain(tb testing.TB, st *store.Store, prefix string, s Statement, settings ...string) string {
	tb.Helper()
	ctx := context.Background()
	conn, err := st.DB.Conn(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	defer conn.Close()
	for _, set := range settings {
		if _, err := conn.ExecContext(ctx, set); err != nil {
			tb.Fatal(err)
		}
	}
	if len(settings) > 0 {
		defer func() { _, _ = conn.ExecContext(ctx, "RESET ALL") }()
	}
	rows, err := conn.QueryContext(ctx, prefix+s.Query, s.Args...)
	if err != nil {
		tb.Fatalf("explaining %s: %v", s.Query, err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			tb.Fatal(err)
		}
		lines = append(lines, line)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return strings.Join(lines, "\n")
}
