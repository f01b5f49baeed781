package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"ariga.io/atlas/sql/migrate"
	"ariga.io/atlas/sql/sqltool"
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql/schema"

	"careergraph/internal/store"
	"careergraph/internal/testing/testdb"
)

func TestMigrationsApplyOnceAndMatchTheSchema(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		ctx := context.Background()
		s := testdb.Open(t, d, testdb.Options{Empty: true})
		// testdb already migrated this database: applying again changes nothing.
		before := schemaDump(t, s)
		n, err := s.Migrate(ctx)
		if err != nil || n != 0 {
			t.Fatalf("second Migrate applied %d (err %v), want 0", n, err)
		}
		if after := schemaDump(t, s); !slices.Equal(before, after) {
			t.Errorf("applying the migrations twice changed the schema")
		}
		v, err := s.Version()
		if err != nil || v == 0 {
			t.Errorf("Version() = %d, %v", v, err)
		}

		// The migrated database is exactly what the ent schema describes: planning a new
		// migration from it finds nothing to do.
		dir, err := sqltool.NewGolangMigrateDir(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		err = s.Schema().NamedDiff(ctx, "drift",
			schema.WithDir(dir),
			schema.WithMigrationMode(schema.ModeInspect),
			schema.WithDialect(s.Dialect),
			schema.WithFormatter(sqltool.GolangMigrateFormatter),
			schema.WithErrNoPlan(true),
		)
		if !errors.Is(err, migrate.ErrNoPlan) {
			files, _ := dir.Files()
			var plan []string
			for _, f := range files {
				plan = append(plan, string(f.Bytes()))
			}
			t.Errorf("the ent schema and the migrations disagree; scripts/new-migration would write (err %v):\n%s", err, strings.Join(plan, "\n"))
		}
	})
}

func TestMigrateOnAFreshDatabase(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, store.Options{SQLitePath: filepath.Join(t.TempDir(), "fresh.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	entries, _ := os.ReadDir("../../migrations/sqlite")
	want := 0
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".up.sql") {
			want++
		}
	}
	n, err := s.Migrate(ctx)
	if err != nil || n != want {
		t.Fatalf("Migrate on a fresh database applied %d (err %v), want all %d", n, err, want)
	}
}

// TestJoinTablesAreIndexedFromBothSides guards the hand-written reverse indexes: every join
// table behind a many-to-many edge must have an index led by each of its two columns.
func TestJoinTablesAreIndexedFromBothSides(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := testdb.Open(t, d, testdb.Options{Empty: true})
		for table, cols := range joinTables(t, s) {
			leading := leadingIndexColumns(t, s, table)
			for _, c := range cols {
				if !leading[c] {
					t.Errorf("join table %s has no index that starts with %s", table, c)
				}
			}
		}
	})
}

// joinTables lists the tables whose primary key is two columns, with those columns.
func joinTables(t *testing.T, s *store.Store) map[string][]string {
	t.Helper()
	q := `SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
	      JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name AND kcu.table_name = tc.table_name
	      WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema() ORDER BY 1, kcu.ordinal_position`
	if s.Dialect == dialect.SQLite {
		// Virtual tables (FTS5) and their shadow tables are SQLite's own business, not join tables.
		q = `SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
		     JOIN pragma_table_list l ON l.name = m.name AND l.schema = 'main'
		     WHERE m.type = 'table' AND l.type = 'table' AND p.pk > 0 ORDER BY 1, p.pk`
	}
	out := map[string][]string{}
	for _, row := range rows(t, s.DB, q) {
		out[row[0]] = append(out[row[0]], row[1])
	}
	for table, cols := range out {
		if len(cols) != 2 {
			delete(out, table)
		}
	}
	if len(out) < 10 {
		t.Fatalf("found only %d join tables", len(out))
	}
	return out
}

// leadingIndexColumns returns the columns that lead some index (the primary key included).
func leadingIndexColumns(t *testing.T, s *store.Store, table string) map[string]bool {
	t.Helper()
	q := `SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
	      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
	      WHERE c.relname = '` + table + `'`
	if s.Dialect == dialect.SQLite {
		q = `SELECT ii.name FROM pragma_index_list('` + table + `') il, pragma_index_info(il.name) ii WHERE ii.seqno = 0`
	}
	out := map[string]bool{}
	for _, row := range rows(t, s.DB, q) {
		out[row[0]] = true
	}
	return out
}

// schemaDump lists every table, column and index, to compare schemas.
func schemaDump(t *testing.T, s *store.Store) []string {
	t.Helper()
	q := `SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns
	      WHERE table_schema = current_schema() UNION ALL
	      SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1`
	if s.Dialect == dialect.SQLite {
		q = `SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY 1`
	}
	var out []string
	for _, r := range rows(t, s.DB, q) {
		out = append(out, r[0])
	}
	return out
}

func rows(t *testing.T, db *sql.DB, q string) [][]string {
	t.Helper()
	rs, err := db.Query(q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rs.Close()
	cols, _ := rs.Columns()
	var out [][]string
	for rs.Next() {
		vals := make([]string, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, vals)
	}
	return out
}

// TestUpgradingKeepsEveryRow upgrades a database holding the demo catalogue from the previous
// schema version to the newest: no row of any table may be lost on the way. On SQLite this
// exercises the table rebuilds that adding columns takes.
func TestUpgradingKeepsEveryRow(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		ctx := context.Background()
		seeded := testdb.Open(t, d, testdb.Options{})
		s := seeded
		if d == dialect.SQLite {
			// Atlas writes no usable down files for SQLite rebuilds: build the older database
			// instead, and copy the demo data into it.
			s = previousVersionWithDataOf(t, seeded)
		} else if err := s.Rollback(ctx, 1); err != nil {
			t.Fatalf("rolling back: %v", err)
		}
		before := rowCounts(t, s)
		if _, err := s.Migrate(ctx); err != nil {
			t.Fatalf("migrating up: %v", err)
		}
		after := rowCounts(t, s)
		for table, n := range before {
			if after[table] != n {
				t.Errorf("%s: %d rows before the upgrade, %d after", table, n, after[table])
			}
		}
		if before["professions"] == 0 || before["profession_skills"] == 0 {
			t.Fatalf("the database held no catalogue before the upgrade: %v", before)
		}
	})
}

// previousVersionWithDataOf returns a SQLite database at the schema version before the newest,
// holding the rows of src (the columns both versions share).
// triggerTarget finds the tables a trigger inserts into.
var triggerTarget = regexp.MustCompile("(?i)INSERT(?: OR \\w+)? INTO `?(\\w+)`?")

func previousVersionWithDataOf(t *testing.T, src *store.Store) *store.Store {
	t.Helper()
	ctx := context.Background()
	ups, _ := filepath.Glob("../../migrations/sqlite/*.up.sql")
	if len(ups) < 2 {
		t.Skip("only one migration: nothing to upgrade from")
	}
	var previous uint
	if _, err := fmt.Sscanf(filepath.Base(ups[len(ups)-2]), "%d_", &previous); err != nil {
		t.Fatal(err)
	}
	old, err := store.Open(ctx, store.Options{SQLitePath: filepath.Join(t.TempDir(), "old.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = old.Close() })
	if err := old.MigrateTo(ctx, previous); err != nil {
		t.Fatalf("migrating to %d: %v", previous, err)
	}
	conn, err := old.DB.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	srcPath := strings.TrimPrefix(strings.SplitN(src.DSN(), "?", 2)[0], "file:")
	for _, stmt := range []string{"PRAGMA foreign_keys = off", "ATTACH DATABASE '" + srcPath + "' AS src"} {
		if _, err := conn.ExecContext(ctx, stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
	// Plain tables only, and of them only those no trigger writes: virtual (FTS5) tables, their
	// shadow tables and the tables triggers keep (search documents, the change feed) are filled by
	// the triggers that copying the other tables fires; copying them too would clash with that.
	filled := map[string]bool{}
	for _, trigger := range rows(t, old.DB, `SELECT sql FROM sqlite_master WHERE type = 'trigger'`) {
		for _, m := range triggerTarget.FindAllStringSubmatch(trigger[0], -1) {
			filled[m[1]] = true
		}
	}
	for _, table := range rows(t, old.DB, `SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'
	                                        AND name NOT LIKE 'sqlite_%' AND name != 'schema_migrations'`) {
		if filled[table[0]] {
			continue
		}
		cols := shared(t, old.DB, src.DB, table[0])
		if len(cols) == 0 {
			continue
		}
		list := "`" + strings.Join(cols, "`, `") + "`"
		// OR IGNORE: rows that triggers already derived from a table copied earlier (search
		// documents, change entries) are kept, and the copy of the same row is skipped; the outer
		// statement's policy applies to the triggers it fires too.
		q := "INSERT OR IGNORE INTO main.`" + table[0] + "` (" + list + ") SELECT " + list + " FROM src.`" + table[0] + "`"
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("copying %s: %v", table[0], err)
		}
	}
	_, _ = conn.ExecContext(ctx, "DETACH DATABASE src")
	_, _ = conn.ExecContext(ctx, "PRAGMA foreign_keys = on")
	return old
}

// shared lists the columns table has in both databases.
func shared(t *testing.T, a, b *sql.DB, table string) []string {
	t.Helper()
	q := "SELECT name FROM pragma_table_info('" + table + "')"
	in := map[string]bool{}
	for _, r := range rows(t, b, q) {
		in[r[0]] = true
	}
	var out []string
	for _, r := range rows(t, a, q) {
		if in[r[0]] {
			out = append(out, r[0])
		}
	}
	return out
}

func rowCounts(t *testing.T, s *store.Store) map[string]int {
	t.Helper()
	q := `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	if s.Dialect == dialect.SQLite {
		// Virtual (FTS5) tables and their shadow tables are search indexes, derived from the
		// plain tables, which a migration may build again in another shape.
		q = `SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'`
	}
	counts := map[string]int{}
	for _, r := range rows(t, s.DB, q) {
		var n int
		if err := s.DB.QueryRow(`SELECT count(*) FROM "` + r[0] + `"`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		counts[r[0]] = n
	}
	return counts
}

// TestSQLiteMigrationsCarryTheirTransaction guards the convention SQLite migrations rely on
// (see store.SQLiteTransaction): each file is one transaction.
func TestSQLiteMigrationsCarryTheirTransaction(t *testing.T) {
	files, _ := filepath.Glob("../../migrations/sqlite/*.sql")
	if len(files) == 0 {
		t.Fatal("no SQLite migrations found")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if store.SQLiteTransaction(string(b)) != string(b) {
			t.Errorf("%s is not wrapped in a transaction: run go run ./scripts/migration -rehash", filepath.Base(f))
		}
	}
}

// TestOldSQLiteTimesAreRewritten: times stored by earlier versions, as Go's time.String in the
// value's own zone, are rewritten in UTC when migrating, so that they compare as times.
func TestOldSQLiteTimesAreRewritten(t *testing.T) {
	ctx := context.Background()
	s := testdb.Open(t, dialect.SQLite, testdb.Options{})
	old := "2030-06-01 09:00:00 +0300 EEST"
	withMonotonic := "2026-11-21 19:43:22.043819397 +0000 UTC m=+0.107626797"
	if _, err := s.DB.ExecContext(ctx, `UPDATE training_sessions SET starts_at = ?, created_at = ? WHERE id = (SELECT min(id) FROM training_sessions)`, old, withMonotonic); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var starts, created string
	if err := s.DB.QueryRowContext(ctx, `SELECT CAST(starts_at AS TEXT), CAST(created_at AS TEXT) FROM training_sessions WHERE id = (SELECT min(id) FROM training_sessions)`).Scan(&starts, &created); err != nil {
		t.Fatal(err)
	}
	if starts != "2030-06-01 06:00:00+00:00" || created != "2026-11-21 19:43:22.043819397+00:00" {
		t.Errorf("rewritten as %q and %q", starts, created)
	}
}

// TestStatementTimeout: PostgreSQL cancels a statement that outlives the store's timeout.
func TestStatementTimeout(t *testing.T) {
	seeded := testdb.Open(t, dialect.Postgres, testdb.Options{Empty: true})
	s, err := store.Open(context.Background(), store.Options{DatabaseURL: seeded.DSN(), StatementTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	_, err = s.DB.ExecContext(context.Background(), "SELECT pg_sleep(5)")
	if err == nil || !strings.Contains(err.Error(), "statement timeout") || time.Since(start) > 3*time.Second {
		t.Errorf("a 5 s statement with a 200 ms timeout: %v after %v", err, time.Since(start))
	}
}

// TestGINIndexesKeepShortPendingLists guards searches against PostgreSQL's GIN pending lists:
// the entries a write adds wait in a list that every read of the index scans in full, until a
// vacuum merges it or it outgrows gin_pending_list_limit (4 MB by default). After an import the
// search indexes held most of the catalogue there, a search cost twice its PostgreSQL time and a
// typo look-up read every dictionary word. Every GIN index keeps a list of 128 kB at most.
func TestGINIndexesKeepShortPendingLists(t *testing.T) {
	s := testdb.Open(t, dialect.Postgres, testdb.Options{})
	got := rows(t, s.DB, `SELECT c.relname, coalesce(array_to_string(c.reloptions, ','), '')
		FROM pg_class AS c JOIN pg_am AS a ON a.oid = c.relam
		WHERE a.amname = 'gin' AND c.relnamespace = current_schema()::regnamespace ORDER BY 1`)
	if len(got) < 3 {
		t.Fatalf("found %d GIN indexes, want the search indexes at least: %v", len(got), got)
	}
	for _, r := range got {
		if !strings.Contains(r[1], "gin_pending_list_limit=128") {
			t.Errorf("GIN index %s keeps PostgreSQL's default pending list (options %q): create it WITH (gin_pending_list_limit = 128)", r[0], r[1])
		}
	}
}

// TestPreparedStatementsKeepTheirPlan: a pool that keeps statements prepared has PostgreSQL plan
// each of them once per connection. Left to choose, PostgreSQL plans a statement that takes its
// IDs as an array again at every execution (its generic plan counts ten elements).
func TestPreparedStatementsKeepTheirPlan(t *testing.T) {
	s := testdb.Open(t, dialect.Postgres, testdb.Options{Empty: true})
	var mode string
	if err := s.DB.QueryRow("SHOW plan_cache_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != "force_generic_plan" {
		t.Errorf("plan_cache_mode is %q on a pool with a statement cache, want force_generic_plan", mode)
	}
}
