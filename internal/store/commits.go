package store

import (
	"context"
	stdsql "database/sql"
	"errors"
	"sync/atomic"

	"entgo.io/ent/dialect"
)

// committed wraps the ent driver of an SQLite store so that its subscribers hear of every write
// that committed: a transaction's commit, or a statement run outside one. SQLite has no
// notifications of its own, and only this process writes to its file while it serves.
type committed struct {
	dialect.Driver
	hook *atomic.Pointer[func()]
}

func (c committed) notify() {
	if f := c.hook.Load(); f != nil {
		(*f)()
	}
}

func (c committed) Exec(ctx context.Context, query string, args, v any) error {
	err := c.Driver.Exec(ctx, query, args, v)
	if err == nil {
		c.notify()
	}
	return err
}

func (c committed) Tx(ctx context.Context) (dialect.Tx, error) {
	tx, err := c.Driver.Tx(ctx)
	if err != nil {
		return nil, err
	}
	return committedTx{Tx: tx, notify: c.notify}, nil
}

type committedTx struct {
	dialect.Tx
	notify func()
}

func (t committedTx) Commit() error {
	err := t.Tx.Commit()
	if err == nil {
		t.notify()
	}
	return err
}

// Code that runs its own SQL through ent (tx.Client().ExecContext) needs the driver's
// database/sql methods, which ent finds by asking the driver for them.
type (
	execer interface {
		ExecContext(ctx context.Context, query string, args ...any) (stdsql.Result, error)
	}
	querier interface {
		QueryContext(ctx context.Context, query string, args ...any) (*stdsql.Rows, error)
	}
)

var errNoSQL = errors.New("the driver does not run SQL of its own")

func (c committed) ExecContext(ctx context.Context, query string, args ...any) (stdsql.Result, error) {
	e, ok := c.Driver.(execer)
	if !ok {
		return nil, errNoSQL
	}
	r, err := e.ExecContext(ctx, query, args...)
	if err == nil {
		c.notify()
	}
	return r, err
}

func (c committed) QueryContext(ctx context.Context, query string, args ...any) (*stdsql.Rows, error) {
	q, ok := c.Driver.(querier)
	if !ok {
		return nil, errNoSQL
	}
	return q.QueryContext(ctx, query, args...)
}

func (t committedTx) ExecContext(ctx context.Context, query string, args ...any) (stdsql.Result, error) {
	e, ok := t.Tx.(execer)
	if !ok {
		return nil, errNoSQL
	}
	return e.ExecContext(ctx, query, args...)
}

func (t committedTx) QueryContext(ctx context.Context, query string, args ...any) (*stdsql.Rows, error) {
	q, ok := t.Tx.(querier)
	if !ok {
		return nil, errNoSQL
	}
	return q.QueryContext(ctx, query, args...)
}

// NewPool opens a further pool of connections to the store's database, with its settings, for
// work that should be neither counted nor traced with the requests (the tests' fan-out of live
// updates, say).
func (s *Store) NewPool() (*stdsql.DB, error) { return stdsql.Open(s.driverName, s.dsn) }

// OnCommit sets the function called after every write of this process commits (SQLite only;
// on PostgreSQL other processes write too, and the change feed's notifications say so).
func (s *Store) OnCommit(f func()) { s.commitHook.Store(&f) }
