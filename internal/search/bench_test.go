package search

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"careergraph/internal/testdb"
)

var plansFile = flag.String("search.plans", "", "BenchmarkSearchPostgres writes the EXPLAIN ANALYZE plans of its queries to this file")

// benchQueries are the searches the benchmark measures.
var benchQueries = []struct{ name, text string }{
	{"Typo", "devloper"},
	{"Prefix", "kube"},
	{"Exact", "Back-End Developer"},
	{"TwoWords", "python developer"},
	{"CommonWord", "data"},
}

// BenchmarkSearchPostgres measures searches over the demo catalogue plus 100,000 synthetic rows
// (see loadSynthetic), as an anonymous caller asking for the first page of 20. Loading takes
// about a minute. docs/search-benchmark.md has the figures, and how to rerun it.
func BenchmarkSearchPostgres(b *testing.B) {
	st := testdb.Open(b, dialect.Postgres, testdb.Options{})
	loadSynthetic(b, st.DB, 100000)
	s := New(st.DB, st.Dialect)
	ctx := context.Background()
	if *plansFile != "" {
		var out strings.Builder
		for _, q := range benchQueries {
			p, err := parse(Query{Text: q.text})
			if err != nil {
				b.Fatal(err)
			}
			explainText(b, st, p, pgSettings, true) // Once to warm the cache, as the benchmark does.
			fmt.Fprintf(&out, "### %s: %q\n\n```\n%s\n```\n\n", q.name, q.text, explainText(b, st, p, pgSettings, true))
		}
		if err := os.WriteFile(*plansFile, []byte(out.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range benchQueries {
		b.Run(q.name, func(b *testing.B) {
			var page Page
			for b.Loop() {
				var err error
				if page, err = s.Search(ctx, Query{Text: q.text}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(page.TotalCount), "hits")
		})
	}
}
