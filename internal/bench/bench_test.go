package bench_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"github.com/99designs/gqlgen/graphql"

	"careergraph/graph"
	"careergraph/internal/auth"
	"careergraph/internal/bench"
	"careergraph/internal/config"
	"careergraph/internal/httpapi"
	"careergraph/internal/observe"
	"careergraph/internal/search"
	"careergraph/internal/store"
	"careergraph/internal/synthetic"
	"careergraph/internal/testdb"
)

// tiny is a catalogue small enough to build in a moment, large enough for pages of 50.
var tiny = synthetic.Sizes{Professions: 120, Skills: 400, Needs: 2400, Providers: 5, Trainings: 400, Sessions: 1500, Posts: 40}

// paths serves the API in-process on a tiny synthetic catalogue, with its statements counted on
// its metrics as in production, and the direct-SQL handler on a pool of its own.
func paths(t *testing.T) bench.Paths {
	t.Helper()
	ctx := context.Background()
	statements := observe.NewStatements()
	st := testdb.Open(t, dialect.Postgres, testdb.Options{Empty: true, CountStatement: statements.Count})
	if err := synthetic.Catalogue(ctx, st.DB, tiny, time.Now()); err != nil {
		t.Fatal(err)
	}
	defaults, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	authn := auth.New(st.Client, time.Now)
	api := httptest.NewServer(httpapi.New(httpapi.Options{
		Schema:       graph.NewSchema(graph.Deps{Client: st.Client, Auth: authn, Search: search.New(st.DB, st.Dialect)}),
		Tx:           st.Client,
		Missing:      st.MissingOfType,
		Operations:   []graphql.OperationMiddleware{graph.Loaders(st.Client)},
		Authenticate: authn.Authenticate,
		Ping:         st.Ping,
		Log:          slog.New(slog.NewTextHandler(io.Discard, nil)),
		Limits:       defaults.Limits,
		Metrics:      observe.NewMetrics(st.DB, statements),
	}))
	t.Cleanup(api.Close)

	var sqlStatements atomic.Int64
	direct, err := store.Open(ctx, store.Options{DatabaseURL: st.DSN(), MaxOpenConns: 4, StatementCache: 256, CountStatement: func() { sqlStatements.Add(1) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = direct.Close() })
	sqlServer := httptest.NewServer(bench.SQLHandler(direct.DB))
	t.Cleanup(sqlServer.Close)
	return bench.Paths{
		Client:        bench.NewClient(api.URL+httpapi.GraphQLPath, api.URL+httpapi.MetricsPath, sqlServer.URL, 4),
		DB:            direct.DB,
		SQLStatements: &sqlStatements,
	}
}

func TestBench(t *testing.T) {
	p := paths(t)
	ctx := context.Background()
	s := bench.Settings{Load: bench.Load{Concurrency: 2, Requests: 6}, Seed: 7, Now: time.Now()}

	t.Run("BothPathsAnswerTheSameData", func(t *testing.T) {
		workloads, cursors, err := p.Workloads(ctx, s, 50)
		if err != nil {
			t.Fatal(err)
		}
		if len(cursors) < 100 {
			t.Fatalf("%d cursors; the catalogue should have about 114 published professions", len(cursors))
		}
		// The last profession's cursor starts an empty page; the first request, no cursor.
		workloads = append(workloads, bench.Listing(cursors[len(cursors)-1:], 10, 1, rand.New(rand.NewPCG(1, 1))))
		workloads[1].Requests = append(workloads[1].Requests, bench.Listing(nil, 50, 1, nil).Requests...)
		for _, w := range workloads {
			t.Run(strings.Fields(w.Name)[0], func(t *testing.T) {
				for i, r := range w.Requests[:min(len(w.Requests), 12)] {
					gql, sql := decoded(t, p, w, r, bench.GraphQL), decoded(t, p, w, r, bench.SQL)
					if !reflect.DeepEqual(gql, sql) {
						t.Fatalf("request %d (%v): the paths differ\nGraphQL: %s\nSQL:     %s", i, r.Vars, show(gql), show(sql))
					}
				}
			})
		}
	})

	t.Run("AnswersHoldData", func(t *testing.T) {
		// Equal answers prove little if both are empty.
		workloads, _, err := p.Workloads(ctx, s, 50)
		if err != nil {
			t.Fatal(err)
		}
		var page struct {
			Profession struct {
				Skills, Trainings struct{ Edges []any }
			}
		}
		for _, r := range workloads[0].Requests {
			b, err := p.Client.Fetch(ctx, bench.SQL, workloads[0], r)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &struct{ Data any }{&page}); err != nil {
				t.Fatal(err)
			}
			if len(page.Profession.Skills.Edges) > 0 && len(page.Profession.Trainings.Edges) > 0 {
				return
			}
		}
		t.Error("no profession page has both skills and trainings")
	})

	t.Run("StatementsDoNotGrowWithThePageSize", func(t *testing.T) {
		_, cursors, err := p.Workloads(ctx, s, 10)
		if err != nil {
			t.Fatal(err)
		}
		per := func(path bench.Path, size int) float64 {
			w := bench.Listing(cursors[:20], size, 8, rand.New(rand.NewPCG(3, 3)))
			res, err := p.Client.Drive(ctx, path, w, bench.Load{Concurrency: 2, Requests: 8}, p.Counters(path))
			if err != nil {
				t.Fatal(err)
			}
			return res.StatementsPerRequest()
		}
		for _, path := range []bench.Path{bench.GraphQL, bench.SQL} {
			ten, fifty := per(path, 10), per(path, 50)
			if ten != fifty || ten == 0 {
				t.Errorf("%s: %g statements per page of 10, %g per page of 50", path, ten, fifty)
			}
		}
	})

	t.Run("ReportsEveryWorkloadAndTarget", func(t *testing.T) {
		r, err := bench.Run(ctx, p, s, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Pairs) != 3 || len(r.PageSizes) != len(bench.PageSizes) {
			t.Fatalf("%d workloads and %d page sizes reported", len(r.Pairs), len(r.PageSizes))
		}
		for _, pair := range r.Pairs {
			for _, res := range []bench.Result{pair.GraphQL, pair.SQL} {
				if res.Requests != s.Load.Requests || res.StatementsPerRequest() == 0 {
					t.Errorf("%s on %s: %d requests, %g statements each", res.Workload, res.Path, res.Requests, res.StatementsPerRequest())
				}
			}
		}
		var out bytes.Buffer
		if err := r.Write(&out); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"(a) profession page", "(b) 50 professions", "(c) search page", "do not grow with the page size", "PASS  statements per request"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("the report lacks %q:\n%s", want, out.String())
			}
		}
	})
}

func decoded(t *testing.T, p bench.Paths, w bench.Workload, r bench.Request, path bench.Path) any {
	t.Helper()
	b, err := p.Client.Fetch(context.Background(), path, w, r)
	if err != nil {
		t.Fatal(err)
	}
	var out struct{ Data any }
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out.Data
}

func show(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
