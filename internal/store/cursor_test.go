package store_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect"

	"careergraph/ent"
	"careergraph/internal/access"
	"careergraph/internal/testing/testdb"
)

// lastQuery remembers the last query ent sent and its arguments.
type lastQuery struct {
	dialect.Driver
	mu    sync.Mutex
	query string
	args  []any
}

func (l *lastQuery) Query(ctx context.Context, query string, args, v any) error {
	l.mu.Lock()
	l.query, l.args = query, args.([]any)
	l.mu.Unlock()
	return l.Driver.Query(ctx, query, args, v)
}

// A page after a cursor starts its index scan at the cursor (an Index Cond on the order column)
// instead of reading the listing from its first row and filtering everything before the
// cursor out: keyset pagination that costs as much on page 100 as on page 1.
func TestPagesAfterACursorStartTheIndexThere(t *testing.T) {
	capture := &lastQuery{}
	st := testdb.Open(t, dialect.Postgres, testdb.Options{WrapDriver: func(d dialect.Driver) dialect.Driver {
		capture.Driver = d
		return capture
	}})
	ctx := access.WithViewer(context.Background(), access.Viewer{Kind: access.Anonymous})
	for _, c := range []struct {
		field  *ent.ProfessionOrderField
		column string
	}{{ent.ProfessionOrderFieldTitle, "title"}, {ent.ProfessionOrderFieldSalaryMin, "salary_min"}} {
		for _, dir := range []entgql.OrderDirection{entgql.OrderDirectionAsc, entgql.OrderDirectionDesc} {
			order := ent.WithProfessionOrder([]*ent.ProfessionOrder{{Field: c.field, Direction: dir}})
			first := 3
			page, err := st.Client.Profession.Query().Paginate(ctx, nil, &first, nil, nil, order)
			if err != nil || len(page.Edges) < 3 {
				t.Fatalf("first page: %v, %d edges", err, len(page.Edges))
			}
			after := page.Edges[2].Cursor
			next, err := st.Client.Profession.Query().Paginate(ctx, &after, &first, nil, nil, order)
			if err != nil || len(next.Edges) == 0 {
				t.Fatalf("page after a cursor: %v", err)
			}
			capture.mu.Lock()
			query, args := capture.query, capture.args
			capture.mu.Unlock()

			conn, err := st.DB.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			// The demo catalogue is small enough to read whole and sort; make the planner show
			// how it walks the ordering's index on a large one.
			for _, set := range []string{"SET enable_seqscan = off", "SET enable_sort = off", "SET enable_bitmapscan = off"} {
				if _, err := conn.ExecContext(ctx, set); err != nil {
					t.Fatal(err)
				}
			}
			rows, err := conn.QueryContext(ctx, "EXPLAIN (COSTS OFF) "+query, args...)
			if err != nil {
				t.Fatal(err)
			}
			var plan []string
			for rows.Next() {
				var line string
				if err := rows.Scan(&line); err != nil {
					t.Fatal(err)
				}
				plan = append(plan, line)
			}
			rows.Close()
			_, _ = conn.ExecContext(ctx, "RESET ALL")
			conn.Close()
			text := strings.Join(plan, "\n")
			if !strings.Contains(text, "Index Cond: (("+c.column+")") && !strings.Contains(text, "Index Cond: ("+c.column) {
				t.Errorf("%s %s: the index scan does not start at the cursor:\n%s\n%s", c.column, dir, query, text)
			}
		}
	}
}
