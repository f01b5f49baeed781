package search

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"careergraph/internal/store"
	"careergraph/internal/testing/testdb"
)

var (
	plansFile = flag.String("search.plans", "", "the search benchmarks write the plans of their queries to this file")
	benchRows = flag.Int("search.rows", 100000, "how many synthetic rows the search benchmarks add to the demo catalogue")
)

// benchQueries are the searches the benchmark measures.
var benchQueries = []struct{ name, text string }{
	{"Typo", "devloper"},
	{"Prefix", "kube"},
	{"Exact", "Back-End Developer"},
	{"TwoWords", "python developer"},
	{"CommonWord", "data"},
	{"Swap", "pyhton"},
}

// BenchmarkSearchPostgres measures searches over the demo catalogue plus 100,000 synthetic rows
// (see loadSynthetic), as an anonymous caller asking for the first page of 20. Loading takes
// about a minute. With -search.plans it writes the EXPLAIN ANALYZE of each search's ranked
// query. docs/search-benchmark.md has the figures, and how to rerun it.
func BenchmarkSearchPostgres(b *testing.B) {
	st := testdb.Open(b, dialect.Postgres, testdb.Options{})
	loadSynthetic(b, st.DB, *benchRows)
	benchSearch(b, st, func(p plan) string {
		p = withFixes(b, st, p)
		explainText(b, st, p, true) // Once to warm the cache, as the benchmark does.
		return explainText(b, st, p, true)
	})
}

// BenchmarkSearchSQLite is BenchmarkSearchPostgres on SQLite (see loadSyntheticSQLite). With
// -search.plans it writes the EXPLAIN QUERY PLAN of each search's ranked query. It also reports
// the CPU time of a search (cpu-ms/op), all of which is this process's with an embedded store:
// unlike wall time, it does not grow with what else the machine runs.
func BenchmarkSearchSQLite(b *testing.B) {
	st := testdb.Open(b, dialect.SQLite, testdb.Options{})
	loadSyntheticSQLite(b, st.DB, *benchRows)
	benchSearch(b, st, func(p plan) string { return sqlitePlan(b, st, withFixes(b, st, p)) })
}

// benchSearch times each of benchQueries on st, reporting the median time besides Go's mean
// (a search now and then waits for the other CPU), and the hits counted.
func benchSearch(b *testing.B, st *store.Store, plans func(plan) string) {
	s := New(st.DB, st.Dialect)
	ctx := context.Background()
	if *plansFile != "" {
		var out strings.Builder
		for _, q := range benchQueries {
			p, err := s.prepare(ctx, Query{Text: q.text})
			if err != nil {
				b.Fatal(err)
			}
			fmt.Fprintf(&out, "### %s: %q\n\n```\n%s\n```\n\n", q.name, q.text, plans(p))
		}
		if err := os.WriteFile(*plansFile, []byte(out.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range benchQueries {
		b.Run(q.name, func(b *testing.B) {
			var (
				page  Page
				times []time.Duration
			)
			cpu := ownCPU()
			for b.Loop() {
				began := time.Now()
				var err error
				if page, err = s.Search(ctx, Query{Text: q.text}); err != nil {
					b.Fatal(err)
				}
				times = append(times, time.Since(began))
			}
			if st.Dialect == dialect.SQLite {
				b.ReportMetric(float64((ownCPU()-cpu).Microseconds())/1000/float64(len(times)), "cpu-ms/op")
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms-median")
			b.ReportMetric(float64(page.TotalCount), "hits")
		})
	}
}

// sqlitePlan returns SQLite's EXPLAIN QUERY PLAN of the ranked query for p, as a tree.
func sqlitePlan(tb testing.TB, st *store.Store, p plan) string {
	tb.Helper()
	q, args := sqliteQuery(p)
	rows, err := st.DB.Query("EXPLAIN QUERY PLAN "+q, args...)
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	depth := map[int]int{}
	var out strings.Builder
	for rows.Next() {
		var (
			id, parent, unused int
			detail             string
		)
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			tb.Fatal(err)
		}
		depth[id] = depth[parent] + 1
		fmt.Fprintf(&out, "%s%s\n", strings.Repeat("  ", depth[id]-1), detail)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return strings.TrimSuffix(out.String(), "\n")
}
