package esco

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"entgo.io/ent/dialect"
)

// maxParams keeps a statement below SQLite's limit of bound parameters (32766); PostgreSQL
// allows twice as many.
const maxParams = 30000

// maxRows bounds the rows of one statement, so that a batch stays a modest message.
const maxRows = 1000

// upsert writes rows of one table by a unique key in multi-row statements:
//
//	INSERT … VALUES (…), (…) ON CONFLICT (key) DO UPDATE SET … WHERE <the row differs> RETURNING …
//
// A new row is inserted with version 1; a row whose mapped columns all hold the values given is
// left alone, so that neither its version nor its updated_at moves and no trigger fires (the
// change feed sees nothing); any other is updated, its version raised by one. RETURNING yields
// only the rows inserted or updated, which version 1 tells apart.
type upsert struct {
	table string
	// cols are the columns given for every row, in order; the audit columns (created_at,
	// updated_at, created_by, updated_by) come after them, and version is 1.
	cols []string
	// conflict is the unique key (one or more columns).
	conflict string
	// update are the columns an existing row takes from the file; the others (a slug, a
	// status) are set only when the row is created.
	update []string
	// key is the column returned with the ID, to map the row back to its concept; empty when
	// the caller needs no IDs.
	key string
	// json lists the columns of JSON values (PostgreSQL needs a cast for jsonb).
	json map[string]bool
}

// writer runs upserts in one transaction.
type writer struct {
	tx      *sql.Tx
	dialect string
	now     any
	actor   string
}

// outcome is a row the database inserted or updated.
type outcome struct {
	id      int
	key     string
	created bool
}

// rowsPerStatement is how many rows of u fit in one statement.
func (u upsert) rowsPerStatement() int {
	return min(maxRows, maxParams/(len(u.cols)+4))
}

// statement builds the upsert of n rows.
func (u upsert) statement(d string, n int) string {
	var b strings.Builder
	all := append(append([]string{}, u.cols...), "created_at", "updated_at", "created_by", "updated_by")
	fmt.Fprintf(&b, "INSERT INTO %s (%s, version) VALUES ", u.table, strings.Join(all, ", "))
	p := 0
	for r := range n {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for i, c := range all {
			if i > 0 {
				b.WriteString(", ")
			}
			p++
			if d == dialect.Postgres {
				b.WriteString("$" + strconv.Itoa(p))
				if u.json[c] {
					b.WriteString("::jsonb")
				}
			} else {
				b.WriteByte('?')
			}
		}
		b.WriteString(", 1)")
	}
	fmt.Fprintf(&b, " ON CONFLICT (%s) DO UPDATE SET ", u.conflict)
	var differs []string
	for _, c := range u.update {
		fmt.Fprintf(&b, "%s = excluded.%s, ", c, c)
		differs = append(differs, fmt.Sprintf("%s.%s IS DISTINCT FROM excluded.%s", u.table, c, c))
	}
	fmt.Fprintf(&b, "version = %s.version + 1, updated_at = excluded.updated_at, updated_by = excluded.updated_by", u.table)
	fmt.Fprintf(&b, " WHERE %s RETURNING version", strings.Join(differs, " OR "))
	if u.key != "" {
		fmt.Fprintf(&b, ", id, %s", u.key)
	}
	return b.String()
}

// write upserts rows (each the values of u.cols) and calls done for every row inserted or
// updated.
func (w *writer) write(ctx context.Context, u upsert, rows [][]any, done func(outcome)) error {
	per := u.rowsPerStatement()
	for len(rows) > 0 {
		batch := rows[:min(per, len(rows))]
		rows = rows[len(batch):]
		args := make([]any, 0, len(batch)*(len(u.cols)+4))
		for _, r := range batch {
			args = append(append(args, r...), w.now, w.now, w.actor, w.actor)
		}
		res, err := w.tx.QueryContext(ctx, u.statement(w.dialect, len(batch)), args...)
		if err != nil {
			return fmt.Errorf("writing %s: %w", u.table, err)
		}
		for res.Next() {
			var o outcome
			var version int
			dst := []any{&version}
			if u.key != "" {
				dst = append(dst, &o.id, &o.key)
			}
			if err := res.Scan(dst...); err != nil {
				res.Close()
				return fmt.Errorf("writing %s: %w", u.table, err)
			}
			o.created = version == 1
			done(o)
		}
		if err := res.Close(); err != nil {
			return fmt.Errorf("writing %s: %w", u.table, err)
		}
		if err := res.Err(); err != nil {
			return fmt.Errorf("writing %s: %w", u.table, err)
		}
	}
	return nil
}

// link inserts the missing rows of a join table with two ID columns and reports how many it
// inserted; rows already there are left alone.
func (w *writer) link(ctx context.Context, table, a, b string, pairs [][2]int) (int, error) {
	created := 0
	for len(pairs) > 0 {
		batch := pairs[:min(maxRows, len(pairs))]
		pairs = pairs[len(batch):]
		var q strings.Builder
		fmt.Fprintf(&q, "INSERT INTO %s (%s, %s) VALUES ", table, a, b)
		args := make([]any, 0, 2*len(batch))
		for i, p := range batch {
			if i > 0 {
				q.WriteString(", ")
			}
			if w.dialect == dialect.Postgres {
				fmt.Fprintf(&q, "($%d, $%d)", 2*i+1, 2*i+2)
			} else {
				q.WriteString("(?, ?)")
			}
			args = append(args, p[0], p[1])
		}
		q.WriteString(" ON CONFLICT DO NOTHING")
		res, err := w.tx.ExecContext(ctx, q.String(), args...)
		if err != nil {
			return created, fmt.Errorf("writing %s: %w", table, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return created, err
		}
		created += int(n)
	}
	return created, nil
}
