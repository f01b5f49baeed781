package facets_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"careergraph/ent"
	"careergraph/ent/predicate"
	"careergraph/ent/provider"
	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
	"careergraph/internal/facets"
	"careergraph/internal/store"
	"careergraph/internal/synthetic"
	"careergraph/internal/testdb"
)

var plansFile = flag.String("facets.plans", "", "BenchmarkTrainingFacets writes the EXPLAIN ANALYZE plans of its statements to this file")

// BenchmarkTrainingFacets measures a facetted training listing on PostgreSQL with the synthetic
// catalogue synthetic.Large, as an anonymous caller: the facets of the listing (facets.ForTrainings)
// and its first page of 20 by title with totalCount (what the trainings resolver runs), for a few
// filters. Building the catalogue takes about half a minute. docs/discovery-benchmark.md has the
// figures, and how to rerun it.
func BenchmarkTrainingFacets(b *testing.B) {
	rec := &recorder{}
	st := testdb.Open(b, dialect.Postgres, testdb.Options{Empty: true, WrapDriver: rec.wrap})
	now := time.Now()
	began := time.Now()
	if err := synthetic.Catalogue(context.Background(), st.DB, synthetic.Large, now); err != nil {
		b.Fatal(err)
	}
	b.Logf("built the synthetic catalogue in %s", time.Since(began).Round(time.Millisecond))

	var plans strings.Builder
	for _, f := range listingFilters(b, st, now) {
		where, err := f.predicate()
		if err != nil {
			b.Fatal(err)
		}
		ops := []struct {
			name string
			run  func(context.Context) (int, error)
		}{
			{"Facets", func(ctx context.Context) (int, error) {
				fs, err := facets.ForTrainings(ctx, st.Client, where, now)
				if err != nil {
					return 0, err
				}
				n := 0
				for _, c := range fs.Levels {
					n += c.Count
				}
				return n, nil
			}},
			{"FirstPage", func(ctx context.Context) (int, error) {
				first := 20
				conn, err := st.Client.Training.Query().Paginate(ctx, nil, &first, nil, nil,
					ent.WithTrainingOrder([]*ent.TrainingOrder{{Field: ent.TrainingOrderFieldTitle, Direction: entgql.OrderDirectionAsc}}),
					ent.WithTrainingFilter(f.where.Filter))
				if err != nil {
					return 0, err
				}
				return conn.TotalCount, nil
			}},
		}
		for _, op := range ops {
			name := f.name + "/" + op.name
			if *plansFile != "" {
				explainAll(b, st, rec, name, op.run, &plans)
			}
			b.Run(name, func(b *testing.B) {
				ctx := context.Background()
				var matched, loops int
				rec.count.Store(0)
				for b.Loop() {
					var err error
					if matched, err = op.run(ctx); err != nil {
						b.Fatal(err)
					}
					loops++
				}
				b.ReportMetric(float64(rec.count.Load())/float64(loops), "stmts/op")
				b.ReportMetric(float64(matched), "trainings")
			})
		}
	}
	if *plansFile != "" {
		if err := os.WriteFile(*plansFile, []byte(plans.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// listingFilter is the where argument of a trainings listing; nil when there is none.
type listingFilter struct {
	name  string
	where *ent.TrainingWhereInput
}

// predicate is the filter the facets resolver derives from the where argument (graph.filterOf).
func (f listingFilter) predicate() (predicate.Training, error) {
	if f.where == nil {
		return func(*sql.Selector) {}, nil
	}
	return f.where.P()
}

// listingFilters are the filters measured: none, a level, a provider of middling size, and
// trainings with an upcoming session in the commonest city, as the API builds them from `where`.
func listingFilters(tb testing.TB, st *store.Store, now time.Time) []listingFilter {
	tb.Helper()
	mid, err := st.Client.Provider.Query().Where(provider.SlugEQ(synthetic.SlugPrefix + "provider-10")).OnlyID(access.AsSystem(context.Background()))
	if err != nil {
		tb.Fatalf("finding a provider: %v", err)
	}
	beginner, helsinki, scheduled := enum.Beginner, "Helsinki", enum.Scheduled
	return []listingFilter{
		{"NoFilter", nil},
		{"Beginner", &ent.TrainingWhereInput{Level: &beginner}},
		{"Provider", &ent.TrainingWhereInput{HasProviderWith: []*ent.ProviderWhereInput{{ID: &mid}}}},
		{"Helsinki", &ent.TrainingWhereInput{HasSessionsWith: []*ent.TrainingSessionWhereInput{
			{City: &helsinki, StartsAtGTE: &now, Status: &scheduled}}}},
	}
}

// recorder is an ent driver that counts the statements sent through it and, while recording,
// keeps them with their arguments to EXPLAIN them. Statements in transactions are not seen: the
// code measured runs none.
type recorder struct {
	dialect.Driver
	count     atomic.Int64
	mu        sync.Mutex
	recording bool
	sent      []sentStatement
}

type sentStatement struct {
	query string
	args  []any
}

func (r *recorder) wrap(d dialect.Driver) dialect.Driver { r.Driver = d; return r }

func (r *recorder) note(query string, args any) {
	r.count.Add(1)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.recording {
		a, _ := args.([]any)
		r.sent = append(r.sent, sentStatement{query, a})
	}
}

func (r *recorder) Exec(ctx context.Context, query string, args, v any) error {
	r.note(query, args)
	return r.Driver.Exec(ctx, query, args, v)
}

func (r *recorder) Query(ctx context.Context, query string, args, v any) error {
	r.note(query, args)
	return r.Driver.Query(ctx, query, args, v)
}

// record runs fn once and returns the statements it sent.
func (r *recorder) record(fn func()) []sentStatement {
	r.mu.Lock()
	r.recording, r.sent = true, nil
	r.mu.Unlock()
	fn()
	r.mu.Lock()
	defer r.mu.Unlock()
	r.recording = false
	return r.sent
}

// explainAll writes the EXPLAIN (ANALYZE, BUFFERS) plan of each statement run sends, run the
// second time round so that caches are as warm as in the timed loop.
func explainAll(tb testing.TB, st *store.Store, rec *recorder, name string, run func(context.Context) (int, error), out *strings.Builder) {
	tb.Helper()
	ctx := context.Background()
	sent := rec.record(func() {
		if _, err := run(ctx); err != nil {
			tb.Fatal(err)
		}
	})
	fmt.Fprintf(out, "## %s (%d statements)\n\n", name, len(sent))
	for i, s := range sent {
		explain(tb, st, s) // Once to warm the cache.
		fmt.Fprintf(out, "### %s, statement %d\n\n```sql\n%s\n```\n\nArguments: %v\n\n```\n%s\n```\n\n", name, i+1, s.query, s.args, explain(tb, st, s))
	}
}

func explain(tb testing.TB, st *store.Store, s sentStatement) string {
	tb.Helper()
	rows, err := st.DB.Query("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) "+s.query, s.args...)
	if err != nil {
		tb.Fatalf("explaining %s: %v", s.query, err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			tb.Fatal(err)
		}
		lines = append(lines, line)
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return strings.Join(lines, "\n")
}
