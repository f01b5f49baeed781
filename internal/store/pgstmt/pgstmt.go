// Package pgstmt keeps the statements a PostgreSQL connection runs prepared on that connection,
// so that the server parses each statement text once per connection and can plan it from the
// plan it cached, instead of parsing and planning it at every execution.
//
// lib/pq sends every statement that has arguments as PostgreSQL's unnamed statement: a Parse and
// Describe, a round trip, then a Bind and Execute, another one, and the server parses, analyses
// and plans the text each time. A statement prepared once under a name costs one round trip (Bind
// and Execute) and, after its first executions, a plan from the server's plan cache.
//
// Connector wraps lib/pq's connector, below database/sql. Each of its connections keeps a bounded
// LRU of statements prepared by their text (lib/pq names them), which database/sql and its callers
// (ent, raw SQL) never see: they query and execute on the connection as before.
package pgstmt

import (
	"container/list"
	"context"
	"database/sql/driver"
	"errors"
	"io"
	"reflect"
	"sync/atomic"

	"github.com/lib/pq"
	"github.com/lib/pq/pqerror"
)

// Connector opens connections that keep up to Size statements prepared each.
type Connector struct {
	driver.Connector
	size int
	// generation counts the invalidations: a connection that has seen an older one forgets its
	// statements before its next one.
	generation atomic.Uint64
}

// New wraps inner, the PostgreSQL driver's connector, to keep size statements prepared per
// connection. With a size of 0 or less, it keeps none and its connections are inner's own.
func New(inner driver.Connector, size int) *Connector {
	return &Connector{Connector: inner, size: size}
}

// Invalidate makes every connection deallocate its statements before it runs its next one. Call
// it when the schema has changed (a migration ran): a statement prepared before keeps the types of
// its arguments and results from then, where its text may now mean others.
func (c *Connector) Invalidate() { c.generation.Add(1) }

// pqConn is what lib/pq's connections offer and the cache relies on.
type pqConn interface {
	driver.Conn
	driver.ConnPrepareContext
	driver.QueryerContext
	driver.ExecerContext
	driver.ConnBeginTx
	driver.Pinger
	driver.SessionResetter
	driver.Validator
	driver.NamedValueChecker
}

// Connect opens a connection of the inner connector with a statement cache of its own; a
// connection that lacks what the cache needs is returned as it is.
func (c *Connector) Connect(ctx context.Context) (driver.Conn, error) {
	dc, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	pc, ok := dc.(pqConn)
	if !ok || c.size <= 0 {
		return dc, nil
	}
	return &conn{pqConn: pc, owner: c, generation: c.generation.Load(),
		cached: map[string]*list.Element{}, seen: map[string]struct{}{}}, nil
}

// conn is one connection with its prepared statements. database/sql uses a connection from one
// goroutine at a time, so its fields need no lock; bad is atomic because a context's cancellation
// is noticed where database/sql closes rows.
type conn struct {
	pqConn
	owner      *Connector
	generation uint64
	// cached maps a statement's text to its element of lru, front the most recently used.
	cached map[string]*list.Element
	lru    list.List
	// seen holds texts run once since the last time it filled up: a text is prepared the second
	// time it comes, so that texts run once (or that vary, such as IN lists of any length) go as
	// unnamed statements, as before, and do not push out the ones that repeat.
	seen map[string]struct{}
	// inTx is set between BeginTx and the end of the transaction: a failed statement aborts it,
	// so it cannot be tried again.
	inTx bool
	// rowsOpen is set while a result set of the connection is open. In a transaction
	// database/sql lets a statement start meanwhile; lib/pq refuses it on the unnamed path, but
	// would send a prepared one over the rows still coming (and after a prepared one, it would
	// not know that rows are coming), so the connection refuses it on both.
	rowsOpen bool
	// bad is set when a context ended during a prepared statement: lib/pq cancels the statement
	// on the server but, unlike on its unnamed path, keeps the connection, and a cancellation
	// that arrives late could hit the next statement.
	bad atomic.Bool
}

// errRowsOpen is lib/pq's own error for a statement sent while a result set is still open.
var errRowsOpen = errors.New("pq: there is already a query being processed on this connection")

type entry struct {
	query string
	stmt  driver.Stmt
}

func (c *conn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	rs, err := run(ctx, c, query, args, c.pqConn.QueryContext, func(st driver.Stmt) (driver.Rows, error) {
		return st.(driver.StmtQueryContext).QueryContext(ctx, args)
	})
	if err != nil {
		return nil, err
	}
	c.rowsOpen = true
	return &rows{Rows: rs, conn: c, ctx: ctx}, nil
}

func (c *conn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	return run(ctx, c, query, args, c.pqConn.ExecContext, func(st driver.Stmt) (driver.Result, error) {
		return st.(driver.StmtExecContext).ExecContext(ctx, args)
	})
}

// run sends query through its prepared statement, preparing it if it is due, or as lib/pq does
// without one (unnamed) when it is not. Statements without arguments always go without: lib/pq
// sends them in the simple protocol, which takes several statements in one text (migrations,
// scripts) and costs one round trip already.
func run[T any](ctx context.Context, c *conn, query string, args []driver.NamedValue,
	direct func(context.Context, string, []driver.NamedValue) (T, error), prepared func(driver.Stmt) (T, error)) (T, error) {
	var zero T
	if c.bad.Load() {
		return zero, driver.ErrBadConn
	}
	if c.rowsOpen {
		return zero, errRowsOpen
	}
	if len(args) == 0 || ctx.Value(unpreparedKey{}) != nil {
		return direct(ctx, query, args)
	}
	st, err := c.statement(ctx, query)
	if err != nil {
		return zero, err
	}
	if st == nil {
		return direct(ctx, query, args)
	}
	v, err := prepared(st)
	if ctx.Err() != nil {
		c.bad.Store(true)
		return v, err
	}
	if err != nil && c.stale(query, err) && !c.inTx {
		// The statement failed before it returned anything: outside a transaction it left
		// nothing behind and aborted nothing, so it can run again, unnamed.
		return direct(ctx, query, args)
	}
	return v, err
}

// statement returns query's prepared statement, preparing it if this is the second time it comes,
// or nil for a statement to send unnamed.
func (c *conn) statement(ctx context.Context, query string) (driver.Stmt, error) {
	if g := c.owner.generation.Load(); g != c.generation {
		for c.lru.Len() > 0 {
			if err := c.evict(c.lru.Back()); err != nil {
				return nil, err
			}
		}
		clear(c.seen)
		c.generation = g
	}
	if el, ok := c.cached[query]; ok {
		c.lru.MoveToFront(el)
		return el.Value.(*entry).stmt, nil
	}
	if _, ok := c.seen[query]; !ok {
		c.see(query)
		return nil, nil
	}
	delete(c.seen, query)
	if c.lru.Len() >= c.owner.size {
		if err := c.evict(c.lru.Back()); err != nil {
			return nil, err
		}
	}
	st, err := c.pqConn.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.cached[query] = c.lru.PushFront(&entry{query: query, stmt: st})
	return st, nil
}

// see remembers that query came, forgetting all the others when there are as many as the
// cache holds.
func (c *conn) see(query string) {
	if len(c.seen) >= c.owner.size {
		clear(c.seen)
	}
	c.seen[query] = struct{}{}
}

// evict deallocates a statement on the server (a Close message, one round trip) and forgets it.
// The server closes even a statement it does not have without complaint, so an error means that
// the connection is broken (its backend ended, say): evict then retires the connection and says
// so with driver.ErrBadConn, on which database/sql sends the caller's statement, not sent yet, on
// another connection.
func (c *conn) evict(el *list.Element) error {
	e := c.lru.Remove(el).(*entry)
	delete(c.cached, e.query)
	if err := e.stmt.Close(); err != nil {
		c.bad.Store(true)
		return driver.ErrBadConn
	}
	return nil
}

// stale reports whether err says that query's prepared statement no longer fits the server's
// view: its result changed type (a table it reads was altered: "cached plan must not change
// result type", feature_not_supported) or the server forgot it (DISCARD ALL or DEALLOCATE ALL
// sent by someone else). The statement is dropped either way, to be prepared afresh the next
// time it comes.
func (c *conn) stale(query string, err error) bool {
	if pq.As(err, pqerror.FeatureNotSupported, pqerror.InvalidSQLStatementName) == nil {
		return false
	}
	if el, ok := c.cached[query]; ok {
		_ = c.evict(el) // Closing a statement the server no longer has is no error.
	}
	c.see(query)
	return true
}

func (c *conn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if c.bad.Load() {
		return nil, driver.ErrBadConn
	}
	t, err := c.pqConn.BeginTx(ctx, opts)
	if err != nil {
		return nil, err
	}
	c.inTx = true
	return &tx{Tx: t, conn: c}, nil
}

func (c *conn) ResetSession(ctx context.Context) error {
	if c.bad.Load() {
		return driver.ErrBadConn
	}
	return c.pqConn.ResetSession(ctx)
}

func (c *conn) IsValid() bool { return !c.bad.Load() && c.pqConn.IsValid() }

// tx ends the connection's transaction.
type tx struct {
	driver.Tx
	conn *conn
}

func (t *tx) Commit() error {
	t.conn.inTx = false
	return t.Tx.Commit()
}

func (t *tx) Rollback() error {
	t.conn.inTx = false
	return t.Tx.Rollback()
}

// rows is a result set of the connection, which tells it when it closes. It offers what lib/pq's
// result sets offer (column types, further result sets).
type rows struct {
	driver.Rows
	conn *conn
	ctx  context.Context
}

func (r *rows) Close() error {
	err := r.Rows.Close()
	r.conn.rowsOpen = false
	if r.ctx.Err() != nil {
		r.conn.bad.Store(true)
	}
	return err
}

func (r *rows) HasNextResultSet() bool {
	n, ok := r.Rows.(driver.RowsNextResultSet)
	return ok && n.HasNextResultSet()
}

func (r *rows) NextResultSet() error {
	if n, ok := r.Rows.(driver.RowsNextResultSet); ok {
		return n.NextResultSet()
	}
	return io.EOF
}

func (r *rows) ColumnTypeScanType(i int) reflect.Type {
	if t, ok := r.Rows.(driver.RowsColumnTypeScanType); ok {
		return t.ColumnTypeScanType(i)
	}
	return reflect.TypeFor[any]()
}

func (r *rows) ColumnTypeDatabaseTypeName(i int) string {
	if t, ok := r.Rows.(driver.RowsColumnTypeDatabaseTypeName); ok {
		return t.ColumnTypeDatabaseTypeName(i)
	}
	return ""
}

func (r *rows) ColumnTypeLength(i int) (int64, bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypeLength); ok {
		return t.ColumnTypeLength(i)
	}
	return 0, false
}

func (r *rows) ColumnTypePrecisionScale(i int) (int64, int64, bool) {
	if t, ok := r.Rows.(driver.RowsColumnTypePrecisionScale); ok {
		return t.ColumnTypePrecisionScale(i)
	}
	return 0, 0, false
}

type unpreparedKey struct{}

// Unprepared returns a copy of ctx whose statements are sent unnamed, planned each time they run:
// for statements whose plan rests on planner settings changed for their transaction (SET LOCAL
// enable_…), which a plan cached on the connection, made under other settings, would not follow.
func Unprepared(ctx context.Context) context.Context {
	return context.WithValue(ctx, unpreparedKey{}, true)
}
