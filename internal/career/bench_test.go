package career_test

import (
	"context"
	"flag"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"careergraph/ent"
	"careergraph/ent/profession"
	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
	"careergraph/internal/career"
	"careergraph/internal/synthetic"
	"careergraph/internal/testing/testdb"
)

var plansFile = flag.String("career.plans", "", "BenchmarkLearningPath writes the EXPLAIN ANALYZE plans of its statements to this file")

// BenchmarkLearningPath measures LearningPath on PostgreSQL with the synthetic catalogue
// synthetic.Large, as an anonymous caller, for five professions in turn (one per op), holding
// none or half of their skills, with and without options. Building the catalogue takes about
// half a minute. docs/discovery-benchmark.md has the figures, and how to rerun it.
func BenchmarkLearningPath(b *testing.B) {
	rec := &testdb.Recorder{}
	st := testdb.Open(b, dialect.Postgres, testdb.Options{Empty: true, WrapDriver: rec.Wrap})
	now := time.Now()
	began := time.Now()
	if err := synthetic.Catalogue(context.Background(), st.DB, synthetic.Large, now); err != nil {
		b.Fatal(err)
	}
	b.Logf("built the synthetic catalogue in %s", time.Since(began).Round(time.Millisecond))

	targets := pathTargets(b, st.Client, 5)
	maxPrice := int64(100_000) // EUR 1,000
	formats := []enum.TrainingFormat{enum.Online, enum.SelfPaced}
	cases := []struct {
		name string
		// half holds half the profession's skills rather than none.
		half bool
		opts career.PathOptions
	}{
		{"NothingHeld", false, career.PathOptions{Now: now}},
		{"HalfHeld", true, career.PathOptions{Now: now}},
		{"MaxPrice", false, career.PathOptions{MaxPrice: &maxPrice, Now: now}},
		{"Formats", false, career.PathOptions{Formats: formats, Now: now}},
		{"HalfHeldMaxPriceFormats", true, career.PathOptions{MaxPrice: &maxPrice, Formats: formats, Now: now}},
	}
	var plans strings.Builder
	for _, c := range cases {
		run := func(ctx context.Context, t pathTarget) (*career.Path, error) {
			var have []int
			if c.half {
				have = t.half
			}
			return career.LearningPath(ctx, st.Client, t.id, have, c.opts)
		}
		if *plansFile != "" {
			rec.ExplainAll(b, st, c.name, func(ctx context.Context) error { _, err := run(ctx, targets[0]); return err }, &plans)
		}
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			var loops, steps, uncovered int
			rec.Reset()
			for b.Loop() {
				p, err := run(ctx, targets[loops%len(targets)])
				if err != nil {
					b.Fatal(err)
				}
				loops++
				steps += len(p.Steps)
				uncovered += len(p.Uncovered)
			}
			b.ReportMetric(float64(rec.Count())/float64(loops), "stmts/op")
			b.ReportMetric(float64(steps)/float64(loops), "steps/op")
			b.ReportMetric(float64(uncovered)/float64(loops), "uncovered/op")
		})
	}
	if *plansFile != "" {
		if err := os.WriteFile(*plansFile, []byte(plans.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// pathTarget is a profession to plan a learning path for, with half of its skills.
type pathTarget struct {
	id   int
	half []int
}

// pathTargets picks n published synthetic professions spread over the catalogue (and so over
// the skill line), each with every other skill it lists (by ID) as the half a learner holds.
func pathTargets(tb testing.TB, c *ent.Client, n int) []pathTarget {
	tb.Helper()
	ps, err := c.Profession.Query().
		Where(profession.SlugHasPrefix(synthetic.SlugPrefix), profession.StatusEQ(enum.Published)).
		WithSkills().Order(ent.Asc(profession.FieldID)).All(access.AsSystem(context.Background()))
	if err != nil || len(ps) < n {
		tb.Fatalf("finding %d professions: %d found, %v", n, len(ps), err)
	}
	out := make([]pathTarget, n)
	for i := range out {
		p := ps[i*len(ps)/n]
		ids := make([]int, 0, len(p.Edges.Skills))
		for _, l := range p.Edges.Skills {
			ids = append(ids, l.SkillID)
		}
		slices.Sort(ids)
		t := pathTarget{id: p.ID}
		for j := 0; j < len(ids); j += 2 {
			t.half = append(t.half, ids[j])
		}
		out[i] = t
	}
	return out
}
