package career_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"careergraph/ent"
	"careergraph/ent/profession"
	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
	"careergraph/internal/career"
	"careergraph/internal/store"
	"careergraph/internal/synthetic"
	"careergraph/internal/testdb"
)

var plansFile = flag.String("career.plans", "", "BenchmarkLearningPath writes the EXPLAIN ANALYZE plans of its statements to this file")

// BenchmarkLearningPath measures LearningPath on PostgreSQL with the synthetic catalogue
// synthetic.Large, as an anonymous caller, for five professions in turn (one per op), holding
// none or half of their skills, with and without options. Building the catalogue takes about
// half a minute. docs/discovery-benchmark.md has the figures, and how to rerun it.
func BenchmarkLearningPath(b *testing.B) {
	rec := &recorder{}
	st := testdb.Open(b, dialect.Postgres, testdb.Options{Empty: true, WrapDriver: rec.wrap})
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
			explainAll(b, st, rec, c.name, func(ctx context.Context) error { _, err := run(ctx, targets[0]); return err }, &plans)
		}
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			var loops, steps, uncovered int
			rec.count.Store(0)
			for b.Loop() {
				p, err := run(ctx, targets[loops%len(targets)])
				if err != nil {
					b.Fatal(err)
				}
				loops++
				steps += len(p.Steps)
				uncovered += len(p.Uncovered)
			}
			b.ReportMetric(float64(rec.count.Load())/float64(loops), "stmts/op")
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
func explainAll(tb testing.TB, st *store.Store, rec *recorder, name string, run func(context.Context) error, out *strings.Builder) {
	tb.Helper()
	sent := rec.record(func() {
		if err := run(context.Background()); err != nil {
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
