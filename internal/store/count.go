package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
)

// countingConnector opens connections that call count for every statement they send: every
// query and exec, inside transactions or not, whoever sends it (ent, or code that uses the pool
// directly, such as search). Counting at this level, below database/sql, sees all of them;
// wrapping the ent driver would miss the statements that do not go through ent.
type countingConnector struct {
	driver.Connector
	count func()
}

func (c countingConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &countingConn{Conn: conn, count: c.count}, nil
}

// connectorOf returns a connector of driverName (registered with database/sql) for dsn.
func connectorOf(driverName, dsn string) (driver.Connector, error) {
	probe, err := sql.Open(driverName, "")
	if err != nil {
		return nil, err
	}
	d := probe.Driver()
	if err := probe.Close(); err != nil {
		return nil, fmt.Errorf("finding the %s driver: %w", driverName, err)
	}
	if dc, ok := d.(driver.DriverContext); ok {
		return dc.OpenConnector(dsn)
	}
	return dsnConnector{driver: d, dsn: dsn}, nil
}

// dsnConnector opens connections of a driver without connectors of its own, as sql.Open does.
type dsnConnector struct {
	driver driver.Driver
	dsn    string
}

func (c dsnConnector) Connect(context.Context) (driver.Conn, error) { return c.driver.Open(c.dsn) }

func (c dsnConnector) Driver() driver.Driver { return c.driver }

// countingConn passes everything to the driver's connection. Where that connection lacks an
// optional interface, it answers as database/sql expects of a driver without it (driver.ErrSkip
// makes database/sql take its fallback), so the pool behaves as it would on the bare driver.
type countingConn struct {
	driver.Conn
	count func()
}

func (c *countingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q, ok := c.Conn.(driver.QueryerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	return sent(c.count, func() (driver.Rows, error) { return q.QueryContext(ctx, query, args) })
}

func (c *countingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	e, ok := c.Conn.(driver.ExecerContext)
	if !ok {
		return nil, driver.ErrSkip
	}
	return sent(c.count, func() (driver.Result, error) { return e.ExecContext(ctx, query, args) })
}

// sent runs a statement and counts it, unless the driver declined it (driver.ErrSkip: database/sql
// then prepares the statement instead, and the prepared statement counts it).
func sent[T any](count func(), run func() (T, error)) (T, error) {
	v, err := run()
	if err != driver.ErrSkip { //nolint:errorlint // ErrSkip is a sentinel returned as is.
		count()
	}
	return v, err
}

func (c *countingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	var (
		st  driver.Stmt
		err error
	)
	if p, ok := c.Conn.(driver.ConnPrepareContext); ok {
		st, err = p.PrepareContext(ctx, query)
	} else {
		st, err = c.Conn.Prepare(query)
	}
	if err != nil {
		return nil, err
	}
	return &countingStmt{Stmt: st, count: c.count}, nil
}

func (c *countingConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *countingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if b, ok := c.Conn.(driver.ConnBeginTx); ok {
		return b.BeginTx(ctx, opts)
	}
	if opts.ReadOnly || opts.Isolation != driver.IsolationLevel(sql.LevelDefault) {
		return nil, fmt.Errorf("the %T driver supports no transaction options", c.Conn)
	}
	return c.Conn.Begin() //nolint:staticcheck // The fallback for drivers without BeginTx.
}

func (c *countingConn) Ping(ctx context.Context) error {
	if p, ok := c.Conn.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (c *countingConn) ResetSession(ctx context.Context) error {
	if r, ok := c.Conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c *countingConn) IsValid() bool {
	if v, ok := c.Conn.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

func (c *countingConn) CheckNamedValue(nv *driver.NamedValue) error {
	if v, ok := c.Conn.(driver.NamedValueChecker); ok {
		return v.CheckNamedValue(nv)
	}
	return driver.ErrSkip
}

// countingStmt counts each execution of a prepared statement.
type countingStmt struct {
	driver.Stmt
	count func()
}

func (s *countingStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	s.count()
	if e, ok := s.Stmt.(driver.StmtExecContext); ok {
		return e.ExecContext(ctx, args)
	}
	return s.Stmt.Exec(values(args)) //nolint:staticcheck // The fallback for drivers without ExecContext.
}

func (s *countingStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	s.count()
	if q, ok := s.Stmt.(driver.StmtQueryContext); ok {
		return q.QueryContext(ctx, args)
	}
	return s.Stmt.Query(values(args)) //nolint:staticcheck // The fallback for drivers without QueryContext.
}

func (s *countingStmt) CheckNamedValue(nv *driver.NamedValue) error {
	if v, ok := s.Stmt.(driver.NamedValueChecker); ok {
		return v.CheckNamedValue(nv)
	}
	return driver.ErrSkip
}

func values(args []driver.NamedValue) []driver.Value {
	v := make([]driver.Value, len(args))
	for i, a := range args {
		v[i] = a.Value
	}
	return v
}
