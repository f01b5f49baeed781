package facets_test

import (
	"context"
	"flag"
	"os"
	"strings"
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
	"careergraph/internal/testing/testdb"
)

var plansFile = flag.String("facets.plans", "", "BenchmarkTrainingFacets writes the EXPLAIN ANALYZE plans of its statements to this file")

// BenchmarkTrainingFacets measures a facetted training listing on PostgreSQL with the synthetic
// catalogue synthetic.Large, as an anonymous caller: the facets of the listing (facets.ForTrainings)
// and its first page of 20 by title with totalCount (what the trainings resolver runs), for a few
// filters. Building the catalogue takes about half a minute. docs/discovery-benchmark.md has the
// figures, and how to rerun it.
func BenchmarkTrainingFacets(b *testing.B) {
	rec := &testdb.Recorder{}
	st := testdb.Open(b, dialect.Postgres, testdb.Options{Empty: true, WrapDriver: rec.Wrap})
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
				rec.ExplainAll(b, st, name, func(ctx context.Context) error { _, err := op.run(ctx); return err }, &plans)
			}
			b.Run(name, func(b *testing.B) {
				ctx := context.Background()
				var matched, loops int
				rec.Reset()
				for b.Loop() {
					var err error
					if matched, err = op.run(ctx); err != nil {
						b.Fatal(err)
					}
					loops++
				}
				b.ReportMetric(float64(rec.Count())/float64(loops), "stmts/op")
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
