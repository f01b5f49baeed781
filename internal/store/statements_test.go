package store_test

import (
	"context"
	"testing"

	"entgo.io/ent/dialect"

	"careergraph/internal/store"
	"careergraph/internal/testing/testdb"
)

// A migration changes the tables under the statements each connection keeps prepared: after one
// ran, the connections deallocate them and prepare them afresh.
func TestMigrationsRenewThePreparedStatements(t *testing.T) {
	ctx := context.Background()
	dsn := testdb.Open(t, dialect.Postgres, testdb.Options{Empty: true}).DSN()
	s, err := store.Open(ctx, store.Options{DatabaseURL: dsn, MaxOpenConns: 1, StatementCache: 16})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const bySlug = "SELECT count(*) FROM professions WHERE slug = $1"
	count := func() {
		t.Helper()
		var n int
		if err := s.DB.QueryRowContext(ctx, bySlug, "none").Scan(&n); err != nil || n != 0 {
			t.Fatalf("%s: %d, %v", bySlug, n, err)
		}
	}
	isPrepared := func() bool {
		t.Helper()
		var n int
		if err := s.DB.QueryRowContext(ctx, "SELECT count(*) FROM pg_prepared_statements WHERE statement = '"+bySlug+"'").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n > 0
	}
	count()
	count()
	if !isPrepared() {
		t.Fatal("a statement run twice is not prepared")
	}
	if err := s.Rollback(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	count()
	if isPrepared() {
		t.Error("the statement prepared before the migrations is still there after them")
	}
	count()
	if !isPrepared() {
		t.Error("the statement is not prepared again")
	}
}
