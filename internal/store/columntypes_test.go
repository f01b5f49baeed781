package store_test

import (
	"context"
	"testing"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"careergraph/internal/testing/testdb"
)

// Column types are what the database says, and ent's driver still does everything ent asks
// of it (transactions, raw statements).
func TestDriverKeepsColumnTypes(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		var drv dialect.Driver
		st := testdb.Open(t, d, testdb.Options{WrapDriver: func(inner dialect.Driver) dialect.Driver {
			drv = inner
			return inner
		}})
		ctx := context.Background()
		rows := &entsql.Rows{}
		if err := drv.Query(ctx, "SELECT slug, title FROM professions ORDER BY slug LIMIT 2", []any{}, rows); err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		first, err := rows.ColumnTypes()
		if err != nil || len(first) != 2 || first[0].Name() != "slug" || first[1].Name() != "title" {
			t.Fatalf("column types %v, %v", first, err)
		}
		n := 0
		for rows.Next() {
			again, err := rows.ColumnTypes()
			if err != nil || len(again) != 2 || again[0] != first[0] {
				t.Errorf("row %d: column types %v, %v; want the same as before the rows", n, again, err)
			}
			n++
		}
		if n != 2 {
			t.Errorf("%d rows, want 2", n)
		}
		tx, err := st.Client.Tx(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Profession.Query().Count(ctx); err != nil {
			t.Error(err)
		}
		if err := tx.Rollback(); err != nil {
			t.Error(err)
		}
		if _, err := st.Client.ExecContext(ctx, "SELECT 1"); err != nil {
			t.Errorf("raw statements through the client: %v", err)
		}
	})
}
