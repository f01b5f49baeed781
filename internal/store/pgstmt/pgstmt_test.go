package pgstmt_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"github.com/lib/pq"

	"careergraph/internal/store/pgstmt"
	"careergraph/internal/testing/testdb"
)

// openPool returns a pool of one connection, on a new PostgreSQL database, that keeps size
// statements prepared, and the database's URL.
func openPool(t *testing.T, size int) (*sql.DB, string) {
	t.Helper()
	dsn := testdb.Open(t, dialect.Postgres, testdb.Options{Empty: true}).DSN()
	inner, err := pq.NewConnector(dsn)
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(pgstmt.New(inner, size))
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { _ = db.Close() })
	return db, dsn
}

// prepared returns the statements prepared on the pool's one connection, with how many times
// each ran prepared.
func prepared(t *testing.T, db *sql.DB) map[string]int {
	t.Helper()
	rows, err := db.Query(`SELECT statement, generic_plans + custom_plans FROM pg_prepared_statements`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var (
			text string
			runs int
		)
		if err := rows.Scan(&text, &runs); err != nil {
			t.Fatal(err)
		}
		out[text] = runs
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// mustSum runs the statement that adds one to n and checks its answer.
func mustSum(t *testing.T, db interface {
	QueryRow(string, ...any) *sql.Row
}, query string, n int) {
	t.Helper()
	var got int
	if err := db.QueryRow(query, n).Scan(&got); err != nil || got != n+1 {
		t.Fatalf("%s with %d: %d, %v; want %d", query, n, got, err, n+1)
	}
}

const plusOne = "SELECT $1::int + 1"

// sums runs plusOne with each number from first to last.
func sums(t *testing.T, db *sql.DB, first, last int) {
	t.Helper()
	for n := first; n <= last; n++ {
		mustSum(t, db, plusOne, n)
	}
}

// backend returns the process ID of the server's backend behind the pool's one connection.
func backend(t *testing.T, db *sql.DB) int {
	t.Helper()
	var pid int
	if err := db.QueryRow("SELECT pg_backend_pid()").Scan(&pid); err != nil {
		t.Fatal(err)
	}
	return pid
}

func TestAStatementIsPreparedOnceAndRunsPrepared(t *testing.T) {
	db, _ := openPool(t, 8)
	sums(t, db, 1, 10)
	if _, err := db.Exec("CREATE TABLE notes (id int PRIMARY KEY)"); err != nil {
		t.Fatal(err)
	}
	const insert = "INSERT INTO notes (id) VALUES ($1)"
	for i := range 5 {
		if _, err := db.Exec(insert, i); err != nil {
			t.Fatal(err)
		}
	}
	// The first time a text comes it goes unnamed; the second time it is prepared, and from
	// then on it runs prepared.
	got := prepared(t, db)
	if len(got) != 2 || got[plusOne] != 9 || got[insert] != 4 {
		t.Errorf("prepared statements and their runs: %v; want %q 9 times and %q 4 times", got, plusOne, insert)
	}
}

func TestTheCacheKeepsAtMostItsBound(t *testing.T) {
	db, _ := openPool(t, 3)
	text := func(i int) string { return fmt.Sprintf("SELECT $1::int + 1 AS n%d", i) }
	for i := range 6 {
		mustSum(t, db, text(i), i)
		mustSum(t, db, text(i), i)
	}
	got := prepared(t, db)
	if len(got) != 3 || got[text(3)] != 1 || got[text(4)] != 1 || got[text(5)] != 1 {
		t.Errorf("prepared statements %v; want the last three", got)
	}
}

// Texts that come once each (IN lists of every length, say) run unnamed and leave the
// statements that repeat in the cache.
func TestTextsThatComeOnceDoNotPushOutTheOthers(t *testing.T) {
	db, _ := openPool(t, 4)
	sums(t, db, 1, 2)
	for i := range 100 {
		marks := make([]string, i+1)
		args := make([]any, i+1)
		for j := range marks {
			marks[j], args[j] = fmt.Sprintf("$%d::int", j+1), j
		}
		var n int
		if err := db.QueryRow("SELECT count(*) FROM (VALUES ("+strings.Join(marks, "), (")+")) v", args...).Scan(&n); err != nil || n != i+1 {
			t.Fatalf("%d values: %d, %v", i+1, n, err)
		}
	}
	mustSum(t, db, plusOne, 3)
	if got := prepared(t, db); len(got) != 1 || got[plusOne] != 2 {
		t.Errorf("prepared statements %v; want only %q, run twice prepared", got, plusOne)
	}
}

// A table altered under a prepared statement changes the type of its result: PostgreSQL then
// refuses the statement ("cached plan must not change result type"). Outside a transaction the
// statement runs again, unnamed; inside one the error stands (the transaction is aborted), and
// the statement is prepared afresh afterwards.
func TestAStatementSurvivesAChangeOfItsResultType(t *testing.T) {
	db, _ := openPool(t, 8)
	mustExec(t, db, "CREATE TABLE notes (id int PRIMARY KEY, body int)", "INSERT INTO notes VALUES (1, 10)")
	const read = "SELECT * FROM notes WHERE id = $1"
	body := func(q interface {
		QueryRow(string, ...any) *sql.Row
	}) (string, error) {
		var (
			id   int
			body string
		)
		err := q.QueryRow(read, 1).Scan(&id, &body)
		return body, err
	}
	for range 2 {
		if _, err := body(db); err != nil {
			t.Fatal(err)
		}
	}
	mustExec(t, db, "ALTER TABLE notes ALTER COLUMN body TYPE text USING 'ten'")
	if b, err := body(db); err != nil || b != "ten" {
		t.Fatalf("after ALTER: %q, %v; want ten", b, err)
	}

	for range 2 { // Prepared again the second time.
		if _, err := body(db); err != nil {
			t.Fatal(err)
		}
	}
	mustExec(t, db, "ALTER TABLE notes ALTER COLUMN body TYPE varchar(10)[] USING ARRAY[body]")
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := body(tx); err == nil || !strings.Contains(err.Error(), "cached plan") {
		t.Errorf("in a transaction after ALTER: %v; want PostgreSQL's cached plan error", err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if b, err := body(db); err != nil || b != "{ten}" {
		t.Fatalf("after the transaction: %q, %v; want {ten}", b, err)
	}
}

func mustExec(t *testing.T, db *sql.DB, statements ...string) {
	t.Helper()
	for _, s := range statements {
		if _, err := db.Exec(s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
}

// A prepared statement the server no longer has (DISCARD ALL, or DEALLOCATE sent by other code)
// is prepared again.
func TestAStatementTheServerForgotIsPreparedAgain(t *testing.T) {
	db, _ := openPool(t, 8)
	sums(t, db, 1, 2)
	mustExec(t, db, "DEALLOCATE ALL")
	sums(t, db, 3, 5)
	if got := prepared(t, db); got[plusOne] != 2 {
		t.Errorf("prepared statements %v; want %q prepared again and run twice", got, plusOne)
	}
}

// When the server ends the connection's backend, the next statement gets a new connection
// (database/sql retries a connection that says it is bad), even one that first pushes another out
// of the cache, and statements are prepared there.
func TestAStatementSurvivesItsBackendBeingKilled(t *testing.T) {
	db, dsn := openPool(t, 1)
	sums(t, db, 1, 2)
	const other = "SELECT $1::int + 1 AS other"
	mustSum(t, db, other, 1) // Seen once: the next time, it is prepared in plusOne's place.
	pid := backend(t, db)
	kill(t, dsn, pid)
	mustSum(t, db, other, 2)
	if now := backend(t, db); now == pid {
		t.Errorf("backend after: %d; want a new one", now)
	}
	sums(t, db, 3, 5)
	if got := prepared(t, db); len(got) != 1 || got[plusOne] != 2 {
		t.Errorf("prepared statements on the new connection %v; want %q, run twice prepared", got, plusOne)
	}
}

// kill ends the server's backend pid, and waits until it has.
func kill(t *testing.T, dsn string, pid int) {
	t.Helper()
	admin, err := sql.Open("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var killed bool
	if err := admin.QueryRow("SELECT pg_terminate_backend($1, 10000)", pid).Scan(&killed); err != nil || !killed {
		t.Fatalf("terminating backend %d: %v, %v", pid, killed, err)
	}
}

// In a transaction, a statement sent while a result set is still open is refused, as lib/pq
// refuses it, rather than sent over the rows still coming.
func TestAStatementWaitsForTheOpenRows(t *testing.T) {
	db, _ := openPool(t, 8)
	ctx := context.Background()
	const series = "SELECT generate_series(1, $1::int)"
	for range 2 {
		if _, err := db.Exec(series, 3); err != nil {
			t.Fatal(err)
		}
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck // Ended below.
	rows, err := tx.QueryContext(ctx, series, 1000)
	if err != nil {
		t.Fatal(err)
	}
	if !rows.Next() {
		t.Fatal("no first row")
	}
	var n int
	if err := tx.QueryRowContext(ctx, plusOne, 1).Scan(&n); err == nil || !strings.Contains(err.Error(), "already a query") {
		t.Errorf("a statement over open rows: %v; want lib/pq's refusal", err)
	}
	if err := rows.Close(); err != nil {
		t.Fatal(err)
	}
	if err := tx.QueryRowContext(ctx, plusOne, 1).Scan(&n); err != nil || n != 2 {
		t.Errorf("after the rows closed: %d, %v", n, err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

// A statement cancelled by its context leaves the connection out of the pool: the server may see
// the cancellation late, and it must not hit the connection's next statement.
func TestACancelledStatementRetiresItsConnection(t *testing.T) {
	db, _ := openPool(t, 8)
	const sleep = "SELECT pg_sleep($1)"
	for range 2 {
		if _, err := db.Exec(sleep, 0); err != nil {
			t.Fatal(err)
		}
	}
	pid := backend(t, db)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := db.ExecContext(ctx, sleep, 5); err == nil {
		t.Fatal("pg_sleep(5) ran to the end under a deadline of 100 ms")
	}
	if now := backend(t, db); now == pid {
		t.Errorf("backend after the cancellation: %d; want a new one", now)
	}
}

// Concurrent requests on a pool of a few connections, with transactions, results that are read
// half-way, and more texts than each connection keeps (run with -race).
func TestConcurrentUse(t *testing.T) {
	dsn := testdb.Open(t, dialect.Postgres, testdb.Options{Empty: true}).DSN()
	inner, err := pq.NewConnector(dsn)
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(pgstmt.New(inner, 4))
	db.SetMaxOpenConns(3)
	defer db.Close()
	mustExec(t, db, "CREATE TABLE counts (worker int PRIMARY KEY, n int NOT NULL)")
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 8 {
		wg.Go(func() {
			if _, err := db.ExecContext(ctx, "INSERT INTO counts VALUES ($1, 0)", w); err != nil {
				errs <- err
				return
			}
			for i := range 100 {
				var got int
				q := fmt.Sprintf("SELECT $1::int + %d", i%6)
				if err := db.QueryRowContext(ctx, q, i).Scan(&got); err != nil || got != i+i%6 {
					errs <- fmt.Errorf("%s with %d: %d, %v", q, i, got, err)
					return
				}
				tx, err := db.BeginTx(ctx, nil)
				if err != nil {
					errs <- err
					return
				}
				if _, err := tx.ExecContext(ctx, "UPDATE counts SET n = n + 1 WHERE worker = $1", w); err != nil {
					errs <- err
					_ = tx.Rollback()
					return
				}
				rows, err := tx.QueryContext(ctx, "SELECT generate_series(1, $1::int)", 50)
				if err != nil {
					errs <- err
					_ = tx.Rollback()
					return
				}
				rows.Next() // One row of fifty, then close.
				if err := rows.Close(); err != nil {
					errs <- err
				}
				if err := tx.Commit(); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	var total int
	if err := db.QueryRow("SELECT sum(n) FROM counts").Scan(&total); err != nil || total != 800 {
		t.Errorf("updates counted: %d, %v; want 800", total, err)
	}
}
