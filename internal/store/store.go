// Package store opens careergraph's database, PostgreSQL in production or an embedded SQLite file
// for demos and development, and keeps its schema current with the versioned migrations.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"
	"github.com/golang-migrate/migrate/v4"
	"github.com/golang-migrate/migrate/v4/database"
	migratepg "github.com/golang-migrate/migrate/v4/database/postgres"
	migratesqlite "github.com/golang-migrate/migrate/v4/database/sqlite"
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/lib/pq"    // PostgreSQL driver, registered as "postgres".
	_ "modernc.org/sqlite" // Pure-Go SQLite driver, registered as "sqlite".

	"careergraph/ent"
	entmigrate "careergraph/ent/migrate"
	_ "careergraph/ent/runtime" // Schema hooks and interceptors (the publication filter).
	"careergraph/internal/access"
	"careergraph/internal/sqlarray"
	"careergraph/internal/store/pgstmt"
	"careergraph/migrations"
)

// Store is an open database with the ent client over it.
type Store struct {
	// DB is the connection pool, for health checks and raw statements.
	DB *sql.DB
	// Client is the ent client every read and write goes through.
	Client *ent.Client
	// Dialect is dialect.Postgres or dialect.SQLite.
	Dialect string

	driverName, dsn string
	// statements keeps the pool's statements prepared (PostgreSQL with a statement cache).
	statements *pgstmt.Connector
	// replica, when set, is the read replica that anonymous and API-key reads go to.
	replica *replica
	// commitHook is called after each write commits (SQLite; see OnCommit).
	commitHook *atomic.Pointer[func()]
}

// Options say which database to open.
type Options struct {
	// DatabaseURL is a postgres:// URL; empty opens the SQLite file at SQLitePath.
	DatabaseURL string
	// SQLitePath is the embedded database file.
	SQLitePath string
	// MaxOpenConns bounds the connection pool (PostgreSQL; SQLite uses its own bound).
	MaxOpenConns int
	// StatementCache is how many statements each PostgreSQL connection keeps prepared, so that
	// the server parses a statement once per connection and plans it from its cached plan (see
	// package pgstmt); 0 keeps none.
	StatementCache int
	// StatementTimeout, when set, makes PostgreSQL cancel any statement running longer: a
	// backstop behind the request deadline, which cancels statements of abandoned requests.
	StatementTimeout time.Duration
	// WrapDriver, when set, wraps the ent driver (tests count statements with it).
	WrapDriver func(dialect.Driver) dialect.Driver
	// CountStatement, when set, is called for every SQL statement sent through the pool, by ent
	// or by code using DB directly (metrics count them with it).
	CountStatement func()
	// ReplicaURL, when set with DatabaseURL, is a streaming replica of that database: reads that
	// may use it go there (see AllowReplica) while it answers and is at most ReplicaMaxLag
	// (DefaultReplicaMaxLag when 0) behind. Its pool has the primary's settings.
	ReplicaURL    string
	ReplicaMaxLag time.Duration
	// ReplicaCheckEvery is how often the replica's lag is measured; 0: a quarter of
	// ReplicaMaxLag, at least 50ms and at most 1s.
	ReplicaCheckEvery time.Duration
	// Log receives the read replica's changes of state (in use, or why not).
	Log *slog.Logger
}

// Open connects to the database described by o. It does not change the schema: see Migrate.
func Open(ctx context.Context, o Options) (*Store, error) {
	var (
		db                   *sql.DB
		statements           *pgstmt.Connector
		drvName, driver, dsn string
		err                  error
	)
	if o.DatabaseURL != "" {
		drvName, driver = dialect.Postgres, "postgres"
		db, statements, dsn, err = openPostgres(o.DatabaseURL, o)
		if err != nil {
			return nil, fmt.Errorf("opening PostgreSQL: %w", err)
		}
	} else {
		drvName, driver, dsn = dialect.SQLite, "sqlite", sqliteDSN(o.SQLitePath)
		db, _, err = open(driver, dsn, 0, o.CountStatement)
		if err != nil {
			return nil, fmt.Errorf("opening SQLite file %s: %w", o.SQLitePath, err)
		}
		// SQLite allows one writer at a time; WAL lets readers run beside it.
		db.SetMaxOpenConns(max(o.MaxOpenConns, 4))
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		_ = db.Close()
		if drvName == dialect.SQLite {
			return nil, sqliteOpenError(o.SQLitePath)
		}
		return nil, postgresError(o.DatabaseURL, err)
	}
	var (
		drv  dialect.Driver = columnTypesOnce{entsql.OpenDB(drvName, db)}
		read *replica
	)
	hook := new(atomic.Pointer[func()])
	switch {
	case o.ReplicaURL != "" && drvName == dialect.Postgres:
		if read, err = openReplica(ctx, o, db); err != nil {
			_ = db.Close()
			return nil, err
		}
		drv = routingDriver{columnTypesOnce: drv.(columnTypesOnce), replica: read}
	case drvName == dialect.SQLite:
		drv = committed{Driver: drv, hook: hook}
	}
	if o.WrapDriver != nil {
		drv = o.WrapDriver(drv)
	}
	return &Store{DB: db, Client: ent.NewClient(ent.Driver(drv)), Dialect: drvName,
		driverName: driver, dsn: dsn, statements: statements, replica: read, commitHook: hook}, nil
}

// openPostgres opens a pool on the PostgreSQL server at rawURL with o's connection settings and
// pool size, and returns it with its statement cache and connection string.
func openPostgres(rawURL string, o Options) (*sql.DB, *pgstmt.Connector, string, error) {
	dsn := connectionURL(rawURL, o.StatementTimeout, o.StatementCache > 0)
	db, statements, err := open("postgres", dsn, o.StatementCache, o.CountStatement)
	if err != nil {
		return nil, nil, "", err
	}
	maxOpen := max(o.MaxOpenConns, 1)
	db.SetMaxOpenConns(maxOpen)
	db.SetMaxIdleConns(maxOpen)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return db, statements, dsn, nil
}

// open opens a pool of the registered driver whose connections keep up to statements prepared
// each (PostgreSQL; the cache, when there is one, is returned too) and count what they send when
// count is set. The count sits above the cache, so it sees each statement once, as it was sent
// by the caller, whether the cache prepared it, ran it prepared or tried it again.
func open(driverName, dsn string, statements int, count func()) (*sql.DB, *pgstmt.Connector, error) {
	c, err := connectorOf(driverName, dsn)
	if err != nil {
		return nil, nil, err
	}
	var cache *pgstmt.Connector
	if driverName == "postgres" && statements > 0 {
		cache = pgstmt.New(c, statements)
		c = cache
	}
	if count != nil {
		c = countingConnector{Connector: c, count: count}
	}
	return sql.OpenDB(c), cache, nil
}

// connectionURL adds to a PostgreSQL URL the settings every connection of the pool starts with,
// unless the URL sets them itself:
//
//   - statement_timeout (when timeout is positive, and the URL has no options): PostgreSQL
//     cancels any statement running longer;
//   - plan_cache_mode force_generic_plan (when genericPlans): each prepared statement is planned
//     once per connection and that plan reused. Left to choose, PostgreSQL plans a prepared
//     statement again at every execution when its generic plan looks costlier than the plans
//     made for the values at hand, and every statement that takes a list of IDs as an array
//     does, because a generic plan counts ten elements for an array where a page's statement
//     usually has one or a few: the statement of a profession's skill links was planned anew at
//     each execution (0.44 ms of bind against 0.07) for the very plan the generic one is.
//     Statements whose plan must follow their values (search's ranked queries) run unprepared
//     with plan_cache_mode force_custom_plan set for their transaction.
func connectionURL(rawURL string, timeout time.Duration, genericPlans bool) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	q := u.Query()
	// The caller's options, before the timeout joins them, say whether plan_cache_mode is set.
	ownPlanMode := q.Get("plan_cache_mode") != "" || strings.Contains(q.Get("options"), "plan_cache_mode")
	changed := false
	if timeout > 0 && q.Get("options") == "" {
		q.Set("options", fmt.Sprintf("-c statement_timeout=%d", timeout.Milliseconds()))
		changed = true
	}
	if genericPlans && !ownPlanMode {
		q.Set("plan_cache_mode", "force_generic_plan")
		changed = true
	}
	if !changed {
		return rawURL
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// sqliteDSN enables what careergraph relies on in every connection: foreign keys, write-ahead
// logging for concurrent readers, waiting rather than failing when the file is busy, and times
// written in UTC in one fixed format, so that SQL compares and orders them correctly (SQLite
// stores times as text).
func sqliteDSN(path string) string {
	q := url.Values{}
	q.Set("_timezone", "UTC")
	q.Set("_time_format", "sqlite")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// Missing returns those of ids that are not in table (e.g. IDs a write refers to) or that the
// caller in ctx may not see (access.FilterRows: a draft, for an anonymous caller), in a statement
// whose text does not vary with the number of IDs on PostgreSQL. A row the caller may not see is
// missing like one that does not exist, so that the answer says nothing of drafts.
func (s *Store) Missing(ctx context.Context, table string, ids []int) ([]int, error) {
	t := entsql.Table(table)
	sel := entsql.Dialect(s.Dialect).Select(t.C("id")).From(t).Where(sqlarray.In(t.C("id"), ids...)).WithContext(ctx)
	access.FilterRows(table, sel)
	q, args := sel.Query()
	found := map[int]bool{}
	err := s.Read(ctx, func(db *sql.DB) error {
		clear(found)
		rows, err := db.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int
			if err := rows.Scan(&id); err != nil {
				return err
			}
			found[id] = true
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	var missing []int
	for _, id := range ids {
		if !found[id] {
			missing = append(missing, id)
		}
	}
	return missing, nil
}

// MissingOfType is Missing for the table of a GraphQL node type.
func (s *Store) MissingOfType(ctx context.Context, typ string, ids []int) ([]int, error) {
	r, ok := ent.GlobalIDRanges[typ]
	if !ok {
		return nil, fmt.Errorf("no table for type %q", typ)
	}
	return s.Missing(ctx, r.Table, ids)
}

// Schema is ent's schema migrator over the database, for planning migrations (scripts/migration)
// and checking that they match the ent schema. It runs on ent's plain driver: atlas reads
// database/sql's own result sets, which the client's driver wraps (columnTypesOnce).
func (s *Store) Schema() *entmigrate.Schema {
	return entmigrate.NewSchema(entsql.OpenDB(s.Dialect, s.DB))
}

// DSN returns the connection string the store was opened with.
func (s *Store) DSN() string { return s.dsn }

// Close closes the client and the pool.
func (s *Store) Close() error { return s.Client.Close() }

// Ping checks that the database answers, for readiness probes.
func (s *Store) Ping(ctx context.Context) error { return s.DB.PingContext(ctx) }

// Migrate applies the migrations that the database has not seen yet and reports how many it
// applied. Applying when the schema is current changes nothing. On PostgreSQL an advisory lock
// keeps replicas that start together from migrating at the same time.
func (s *Store) Migrate(ctx context.Context) (applied int, err error) {
	m, err := s.migrator()
	if err != nil {
		return 0, err
	}
	defer m.Close()
	defer s.schemaChanged()
	before, _, err := m.Version()
	if err != nil && !errors.Is(err, migrate.ErrNilVersion) {
		return 0, fmt.Errorf("reading the schema version: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- m.Up() }()
	select {
	case <-ctx.Done():
		m.GracefulStop <- true
		<-done
		return 0, ctx.Err()
	case err = <-done:
	}
	if err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return 0, fmt.Errorf("applying migrations: %w", err)
	}
	if s.Dialect == dialect.SQLite {
		if err := normaliseSQLiteTimes(ctx, s.DB); err != nil {
			return 0, fmt.Errorf("normalising stored times: %w", err)
		}
	}
	after, _, err := m.Version()
	if err != nil {
		return 0, fmt.Errorf("reading the schema version: %w", err)
	}
	return s.countBetween(before, after)
}

// Version returns the newest migration applied, or 0 for an empty database.
func (s *Store) Version() (uint, error) {
	m, err := s.migrator()
	if err != nil {
		return 0, err
	}
	defer m.Close()
	v, dirty, err := m.Version()
	if errors.Is(err, migrate.ErrNilVersion) {
		return 0, nil
	}
	if dirty {
		return v, fmt.Errorf("migration %d failed half-way; fix the database by hand, then run `migrate` again", v)
	}
	return v, err
}

// MigrationFolder names the folder of migrations (in package migrations) for the store's dialect.
func (s *Store) MigrationFolder() string {
	if s.Dialect == dialect.Postgres {
		return "postgres"
	}
	return "sqlite"
}

// migrator prepares golang-migrate on a connection pool of its own: its drivers close the pool
// they are given when done, and the application's pool must outlive them.
func (s *Store) migrator() (*migrator, error) {
	src, err := iofs.New(migrations.FS, s.MigrationFolder())
	if err != nil {
		return nil, fmt.Errorf("reading embedded migrations: %w", err)
	}
	db, err := sql.Open(s.driverName, s.dsn)
	if err != nil {
		return nil, err
	}
	var drv database.Driver
	if s.Dialect == dialect.Postgres {
		drv, err = migratepg.WithInstance(db, &migratepg.Config{})
	} else {
		// Each SQLite migration holds its own transaction, inside the PRAGMA foreign_keys pair
		// that table rebuilds need: SQLite ignores that pragma within a transaction, so the
		// driver must not wrap the file in one (see SQLiteTransaction).
		drv, err = migratesqlite.WithInstance(db, &migratesqlite.Config{NoTxWrap: true})
	}
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("preparing %s migrations: %w", s.Dialect, err)
	}
	m, err := migrate.NewWithInstance("iofs", src, s.Dialect, drv)
	if err != nil {
		_ = drv.Close()
		return nil, err
	}
	return &migrator{m}, nil
}

// migrator is a golang-migrate instance whose Close releases its connection pool.
type migrator struct{ *migrate.Migrate }

func (m *migrator) Close() { _, _ = m.Migrate.Close() }

// MigrateTo applies or undoes migrations until the schema is at version.
func (s *Store) MigrateTo(ctx context.Context, version uint) error {
	m, err := s.migrator()
	if err != nil {
		return err
	}
	defer m.Close()
	defer s.schemaChanged()
	return m.Migrate.Migrate(version)
}

// Rollback undoes the newest steps migrations, with their down files.
func (s *Store) Rollback(ctx context.Context, steps int) error {
	m, err := s.migrator()
	if err != nil {
		return err
	}
	defer m.Close()
	defer s.schemaChanged()
	return m.Steps(-steps)
}

// schemaChanged has the pool's connections prepare their statements afresh, after migrations
// ran on a pool of their own: the statements prepared before knew the tables as they were.
func (s *Store) schemaChanged() {
	if s.statements != nil {
		s.statements.Invalidate()
	}
	if s.replica != nil && s.replica.statements != nil {
		s.replica.statements.Invalidate()
	}
}

// SQLiteTransaction wraps the statements of a SQLite migration file in a transaction, inside
// the PRAGMA foreign_keys = off/on pair when the file has one (table rebuilds), so that a
// migration applies entirely or not at all and rebuilding a table never cascades into others.
func SQLiteTransaction(sqlText string) string {
	const off, on = "PRAGMA foreign_keys = off;\n", "PRAGMA foreign_keys = on;\n"
	if strings.Contains(sqlText, "\nBEGIN;\n") || strings.HasPrefix(sqlText, "BEGIN;\n") {
		return sqlText
	}
	head, body, tail := "", sqlText, ""
	if i := strings.Index(body, off); i >= 0 {
		head, body = body[:i+len(off)], body[i+len(off):]
	}
	if i := strings.LastIndex(body, "-- enable back"); i >= 0 && strings.Contains(body[i:], on) {
		body, tail = body[:i], body[i:]
	} else if i := strings.LastIndex(body, on); i >= 0 {
		body, tail = body[:i], body[i:]
	}
	return head + "BEGIN;\n" + body + "COMMIT;\n" + tail
}

// countBetween counts the embedded migrations with versions in (before, after].
func (s *Store) countBetween(before, after uint) (int, error) {
	entries, err := fs.Glob(migrations.FS, s.MigrationFolder()+"/*.up.sql")
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		var v uint
		if _, err := fmt.Sscanf(e[len(s.MigrationFolder())+1:], "%d_", &v); err == nil && v > before && v <= after {
			n++
		}
	}
	return n, nil
}

// oldTimeLayout is how earlier SQLite databases stored times: Go's time.String, with the zone
// of the value ("2026-12-15 09:00:00 +0200 EET"), which does not sort as time does.
const oldTimeLayout = "2006-01-02 15:04:05.999999999 -0700 MST"

// normaliseSQLiteTimes rewrites times stored in the old layout in UTC and the layout the
// connection writes now. Values already rewritten are left alone, so running it again changes
// nothing.
func normaliseSQLiteTimes(ctx context.Context, db *sql.DB) error {
	tables, err := db.QueryContext(ctx, `SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' AND lower(p.type) = 'datetime'`)
	if err != nil {
		return err
	}
	var cols [][2]string
	for tables.Next() {
		var t, c string
		if err := tables.Scan(&t, &c); err != nil {
			tables.Close()
			return err
		}
		cols = append(cols, [2]string{t, c})
	}
	tables.Close()
	for _, tc := range cols {
		table, col := `"`+tc[0]+`"`, `"`+tc[1]+`"`
		rows, err := db.QueryContext(ctx, `SELECT rowid, CAST(`+col+` AS TEXT) FROM `+table+
			` WHERE typeof(`+col+`) = 'text' AND `+col+` GLOB '* [+-][0-9][0-9][0-9][0-9] *'`)
		if err != nil {
			return err
		}
		type fix struct {
			rowid int64
			t     time.Time
		}
		var fixes []fix
		for rows.Next() {
			var id int64
			var v string
			if err := rows.Scan(&id, &v); err != nil {
				rows.Close()
				return err
			}
			if i := strings.Index(v, " m="); i > 0 {
				v = v[:i] // The monotonic clock reading time.String appends.
			}
			t, err := time.Parse(oldTimeLayout, v)
			if err != nil {
				continue // Not a time this code wrote; leave it.
			}
			fixes = append(fixes, fix{id, t})
		}
		rows.Close()
		for _, f := range fixes {
			if _, err := db.ExecContext(ctx, `UPDATE `+table+` SET `+col+` = ? WHERE rowid = ?`, f.t, f.rowid); err != nil {
				return err
			}
		}
	}
	return nil
}

// sqliteOpenError says why the SQLite file at path cannot be opened, naming it, instead of the
// driver's "unable to open database file (14)".
func sqliteOpenError(path string) error {
	dir := filepath.Dir(path)
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("cannot open the SQLite database %s: the folder %s does not exist (create it, or set SQLITE_PATH to a file in a folder that does)", path, dir)
	case err == nil && !fi.IsDir():
		return fmt.Errorf("cannot open the SQLite database %s: %s is not a folder (set SQLITE_PATH to a file in a folder)", path, dir)
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("cannot open the SQLite database %s: it is a folder (set SQLITE_PATH to a file)", path)
	}
	return fmt.Errorf("cannot open the SQLite database %s: check that this user may read and write it and its folder %s", path, dir)
}

// postgresError says why PostgreSQL could not be reached, naming the server (never the password)
// in plain words instead of the driver's wrapped message. It wraps err, for errors.Is.
func postgresError(databaseURL string, err error) error {
	where := serverName(databaseURL)
	var (
		pqErr  *pq.Error
		netErr *net.OpError
	)
	reason := "it did not answer"
	switch {
	case errors.As(err, &pqErr):
		reason = pqErr.Message
	case errors.Is(err, syscall.ECONNREFUSED):
		reason = "nothing listens there: is PostgreSQL running, and are the host and port in DATABASE_URL right?"
	case errors.Is(err, context.DeadlineExceeded):
		reason = "it did not answer within 10 seconds"
	case errors.As(err, &netErr) && netErr.Err != nil:
		reason = netErr.Err.Error()
	}
	return &connectError{msg: fmt.Sprintf("cannot connect to PostgreSQL (%s): %s", where, reason), err: err}
}

// serverName names the server and database of a PostgreSQL URL, never its password.
func serverName(databaseURL string) string {
	u, err := url.Parse(databaseURL)
	if err != nil || u.Host == "" {
		return "the server in DATABASE_URL"
	}
	where := u.Host
	if db := strings.TrimPrefix(u.Path, "/"); db != "" {
		where += ", database " + db
	}
	return where
}

// connectError is a plain-word message over the driver's error.
type connectError struct {
	msg string
	err error
}

func (e *connectError) Error() string { return e.msg }
func (e *connectError) Unwrap() error { return e.err }
