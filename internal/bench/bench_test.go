package bench_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"careergraph/internal/app"
	"careergraph/internal/bench"
	"careergraph/internal/config"
	"careergraph/internal/httpapi"
	"careergraph/internal/metrics"
	"careergraph/internal/store"
	"careergraph/internal/synthetic"
	"careergraph/internal/testing/testdb"
)

// tiny is a catalogue small enough to build in a moment, large enough for pages of 50.
var tiny = synthetic.Sizes{Professions: 120, Skills: 400, Needs: 2400, Providers: 5, Trainings: 400, Sessions: 1500, Posts: 40}

// paths serves the API in-process on a tiny synthetic catalogue, with its statements counted on
// its metrics as in production, the direct-SQL handler on a pool of its own, and PostGraphile
// over the catalogue's views when it is installed (see postGraphile).
func paths(t *testing.T) bench.Paths {
	t.Helper()
	ctx := context.Background()
	statements := metrics.NewStatements()
	st := testdb.Open(t, dialect.Postgres, testdb.Options{Empty: true, CountStatement: statements.Count})
	if err := synthetic.Catalogue(ctx, st.DB, tiny, time.Now()); err != nil {
		t.Fatal(err)
	}
	defaults, err := config.Load(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	// Rate limits off: the benchmark measures work, not budgets.
	defaults.RateAnonymous, defaults.RateStaff, defaults.RateKey = 1<<30, 1<<30, 1<<30
	a, err := app.New(ctx, defaults, st, app.Deps{Statements: statements})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	api := httptest.NewServer(a.Handler)
	t.Cleanup(api.Close)

	var sqlStatements atomic.Int64
	direct, err := store.Open(ctx, store.Options{DatabaseURL: st.DSN(), MaxOpenConns: 4, StatementCache: 256, CountStatement: func() { sqlStatements.Add(1) }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = direct.Close() })
	sqlPath, err := bench.NewSQLPath(ctx, direct.DB)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sqlPath.Close() })
	sqlServer := httptest.NewServer(sqlPath.Handler())
	t.Cleanup(sqlServer.Close)
	p := bench.Paths{
		Client:        bench.NewClient(api.URL+httpapi.GraphQLPath, api.URL+httpapi.MetricsPath, sqlServer.URL, 4),
		DB:            direct.DB,
		SQLStatements: &sqlStatements,
	}
	if pgl := postGraphile(t, direct.DB, st.DSN()); pgl != nil {
		p.Client.PostGraphile, p.PostGraphileStatements = pgl.URL, pgl.Statements
	}
	return p
}

// postGraphile starts PostGraphile over db's views, or returns nil when it is not installed
// (scripts/postgraphile/install) outside CI; in CI it must run.
func postGraphile(t *testing.T, db *sql.DB, dsn string) *bench.PostGraphileServer {
	t.Helper()
	ctx := context.Background()
	if err := bench.CreatePostGraphileViews(ctx, db); err != nil {
		t.Fatal(err)
	}
	dir, err := filepath.Abs("../../scripts/postgraphile")
	if err != nil {
		t.Fatal(err)
	}
	pgl, err := bench.StartPostGraphile(ctx, bench.PostGraphileOptions{Dir: dir, DatabaseURL: dsn, Workers: 2, PoolSize: 2})
	if errors.Is(err, bench.ErrPostGraphileMissing) && os.Getenv("CI") == "" {
		t.Logf("measuring without PostGraphile: %v", err)
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pgl.Stop)
	return pgl
}

func TestBench(t *testing.T) {
	p := paths(t)
	ctx := context.Background()
	s := bench.Settings{Load: bench.Load{Concurrency: 2, Requests: 6}, Seed: 7, Now: time.Now()}
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

	t.Run("TheLimitAnswersTheSameJSON", func(t *testing.T) {
		for _, w := range workloads {
			t.Run(strings.Fields(w.Name)[0], func(t *testing.T) {
				for i, r := range w.Requests[:min(len(w.Requests), 12)] {
					gql, sql := decoded(t, p, w, r, bench.Careergraph), decoded(t, p, w, r, bench.SQL)
					if !reflect.DeepEqual(gql, sql) {
						t.Fatalf("request %d (%v): the paths differ\ncareergraph: %s\nSQL:         %s", i, r.Vars, show(gql), show(sql))
					}
				}
			})
		}
	})

	t.Run("PostGraphileAnswersTheSameData", func(t *testing.T) {
		if p.Client.PostGraphile == "" {
			t.Skip("PostGraphile is not installed (scripts/postgraphile/install)")
		}
		for _, w := range workloads[:2] {
			for i, r := range w.Requests[:min(len(w.Requests), 12)] {
				ours, theirs := fetch(t, p, w, r, bench.Careergraph), fetch(t, p, w, r, bench.PostGraphile)
				var a, b any
				if w.SQLPath == "/profession" {
					a, b = professionPageOf(t, ours), professionPageOf(t, theirs)
				} else {
					a, b = listingOf(t, ours), listingOf(t, theirs)
				}
				if !reflect.DeepEqual(a, b) {
					t.Fatalf("%s, request %d (%v): the data differ\ncareergraph:  %s\nPostGraphile: %s", w.Name, i, r.Vars, show(a), show(b))
				}
			}
		}
	})

	t.Run("PostGraphileSearchesThePublishedTitles", func(t *testing.T) {
		if p.Client.PostGraphile == "" {
			t.Skip("PostGraphile is not installed (scripts/postgraphile/install)")
		}
		found := 0
		for _, term := range bench.SearchTerms {
			r := bench.Request{PostGraphileVars: map[string]any{"query": term}}
			got := titleMatchesOf(t, fetch(t, p, workloads[2], r, bench.PostGraphile))
			want := publishedTitles(t, p.DB, term)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%q: PostGraphile found\n%s\nthe database holds\n%s", term, show(got), show(want))
			}
			found += len(got.Professions.Nodes) + len(got.Skills.Nodes) + len(got.Trainings.Nodes)
		}
		if found == 0 {
			t.Fatal("no search term matched a title")
		}
	})

	t.Run("AnswersHoldData", func(t *testing.T) {
		// Equal answers prove little if both are empty.
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
		per := func(path bench.Path, size int) float64 {
			w := bench.Listing(cursors[:20], size, 8, rand.New(rand.NewPCG(3, 3)))
			res, err := p.Client.Drive(ctx, path, w, bench.Load{Concurrency: 2, Requests: 8}, p.Counters(path))
			if err != nil {
				t.Fatal(err)
			}
			return res.StatementsPerRequest()
		}
		for _, path := range p.List() {
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
		if len(r.Comparisons) != 3 || len(r.PageSizes) != len(bench.PageSizes) {
			t.Fatalf("%d workloads and %d page sizes reported", len(r.Comparisons), len(r.PageSizes))
		}
		for _, c := range r.Comparisons {
			if len(c) != len(p.List()) {
				t.Errorf("%d paths measured, want %d", len(c), len(p.List()))
			}
			for _, res := range c {
				if res.Requests != s.Load.Requests || !res.Counted || res.StatementsPerRequest() == 0 {
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

	// Measured in rounds, the paths take turns, each round in another order, and each path's
	// turns add up to one result: the requests its turns sent, each turn going on where the last
	// stopped, have the statements per page of those requests sent in one piece.
	t.Run("RoundsTakeTurns", func(t *testing.T) {
		turns := s
		turns.Load = bench.Load{Concurrency: 2, Duration: 900 * time.Millisecond}
		turns.Rounds = 3
		var progress bytes.Buffer
		r, err := bench.Run(ctx, p, turns, &progress)
		if err != nil {
			t.Fatal(err)
		}
		paths := p.List()
		var order []string
		for _, line := range strings.Split(progress.String(), "\n") {
			if strings.HasPrefix(line, "(a)") && strings.Contains(line, "measuring") {
				order = append(order, line)
			}
		}
		if len(order) != 3*len(paths) {
			t.Fatalf("%d turns of (a), want %d:\n%s", len(order), 3*len(paths), progress.String())
		}
		for round := range 3 {
			for i := range paths {
				line, want := order[round*len(paths)+i], fmt.Sprintf("%s: measuring 300ms (round %d of 3)", paths[(round+i)%len(paths)], round+1)
				if !strings.Contains(line, want) {
					t.Errorf("turn %d of round %d: %q, want %q", i+1, round+1, line, want)
				}
			}
		}
		measured, _, err := p.Workloads(ctx, turns, bench.ListingPageSize)
		if err != nil {
			t.Fatal(err)
		}
		for w, c := range r.Comparisons[:2] { // (a) and (b)
			for _, res := range c {
				if res.Requests == 0 {
					t.Fatalf("%s on %s: no request in rounds", res.Workload, res.Path)
				}
				piece, err := p.Client.Drive(ctx, res.Path, measured[w], bench.Load{Concurrency: 2, Requests: res.Requests}, p.Counters(res.Path))
				if err != nil {
					t.Fatal(err)
				}
				if res.StatementsPerRequest() != piece.StatementsPerRequest() {
					t.Errorf("%s on %s: %d requests, %g statements each in rounds, %g in one piece", res.Workload, res.Path,
						res.Requests, res.StatementsPerRequest(), piece.StatementsPerRequest())
				}
			}
		}
		var out bytes.Buffer
		if err := r.Write(&out); err != nil || !strings.Contains(out.String(), "in 3 rounds with the paths taking turns") {
			t.Errorf("the report does not say it was measured in rounds (%v):\n%s", err, out.String())
		}
	})
}

func fetch(t *testing.T, p bench.Paths, w bench.Workload, r bench.Request, path bench.Path) []byte {
	t.Helper()
	b, err := p.Client.Fetch(context.Background(), path, w, r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decoded(t *testing.T, p bench.Paths, w bench.Workload, r bench.Request, path bench.Path) any {
	t.Helper()
	var out struct{ Data any }
	if err := json.Unmarshal(fetch(t, p, w, r, path), &out); err != nil {
		t.Fatal(err)
	}
	return out.Data
}

func show(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// The data of a response, whichever schema's shape it comes in.
type (
	professionPage struct {
		Slug, Title, Summary string
		Skills               []pageSkill
		Trainings            []pageTraining
	}
	pageSkill struct {
		Importance, Slug, Name, Kind string
		Category                     *string
	}
	pageTraining struct {
		Slug, Title, Level, Format string
		PriceCents                 *int64
		PriceCurrency              *string
		Sessions                   []pageSession
	}
	pageSession struct {
		StartsAt  time.Time
		City      *string
		SeatsLeft int64
	}
	listing struct {
		HasNextPage bool
		Professions []listed
	}
	listed struct {
		Slug, Title, Summary string
		Skills               []listedSkill
	}
	listedSkill struct{ Importance, Slug, Name string }
)

// bigInt is a number, which PostGraphile writes as a string when PostgreSQL's type is bigint.
type bigInt int64

func (n *bigInt) UnmarshalJSON(b []byte) error {
	v, err := strconv.ParseInt(strings.Trim(string(b), `"`), 10, 64)
	*n = bigInt(v)
	return err
}

// professionPageOf reads workload (a)'s answer from either careergraph or PostGraphile.
func professionPageOf(t *testing.T, body []byte) *professionPage {
	t.Helper()
	type session struct {
		Node struct {
			StartsAt  time.Time
			City      *string
			SeatsLeft bigInt
		}
	}
	var resp struct {
		Data struct {
			Profession, ProfessionBySlug *struct {
				Slug, Title, Summary string
				Skills               struct {
					Edges []struct {
						Importance string // PostGraphile: the link's column on the edge
						Node       struct {
							Importance string // careergraph: the link is the node
							Skill      *pageSkill
							pageSkill
						}
					}
				}
				Trainings struct {
					Edges []struct {
						Node struct {
							Slug, Title, Level, Format string
							Price                      *struct {
								AmountCents int64
								Currency    string
							}
							PriceCents    *bigInt
							PriceCurrency *string
							Sessions      struct{ Edges []session }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		t.Fatal(err)
	}
	p := resp.Data.Profession
	if p == nil {
		p = resp.Data.ProfessionBySlug
	}
	if p == nil {
		return nil
	}
	out := &professionPage{Slug: p.Slug, Title: p.Title, Summary: p.Summary, Skills: []pageSkill{}, Trainings: []pageTraining{}}
	for _, e := range p.Skills.Edges {
		s := e.Node.pageSkill
		if e.Node.Skill != nil {
			s = *e.Node.Skill
		}
		s.Importance = e.Importance + e.Node.Importance
		out.Skills = append(out.Skills, s)
	}
	for _, e := range p.Trainings.Edges {
		n := e.Node
		tr := pageTraining{Slug: n.Slug, Title: n.Title, Level: n.Level, Format: n.Format, Sessions: []pageSession{}}
		switch {
		case n.Price != nil:
			tr.PriceCents, tr.PriceCurrency = &n.Price.AmountCents, &n.Price.Currency
		case n.PriceCents != nil && n.PriceCurrency != nil:
			cents := int64(*n.PriceCents)
			tr.PriceCents, tr.PriceCurrency = &cents, n.PriceCurrency
		}
		for _, s := range n.Sessions.Edges {
			tr.Sessions = append(tr.Sessions, pageSession{StartsAt: s.Node.StartsAt.UTC(), City: s.Node.City, SeatsLeft: int64(s.Node.SeatsLeft)})
		}
		out.Trainings = append(out.Trainings, tr)
	}
	return out
}

// listingOf reads workload (b)'s answer from either careergraph or PostGraphile.
func listingOf(t *testing.T, body []byte) listing {
	t.Helper()
	var resp struct {
		Data struct {
			Professions struct {
				PageInfo struct{ HasNextPage bool }
				Edges    []struct {
					Node struct {
						Slug, Title, Summary string
						Skills               struct {
							Edges []struct {
								Importance string
								Node       struct {
									Importance, Slug, Name string
									Skill                  *struct{ Slug, Name string }
								}
							}
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(body, &resp); err != nil {
		t.Fatal(err)
	}
	out := listing{HasNextPage: resp.Data.Professions.PageInfo.HasNextPage, Professions: []listed{}}
	for _, e := range resp.Data.Professions.Edges {
		l := listed{Slug: e.Node.Slug, Title: e.Node.Title, Summary: e.Node.Summary, Skills: []listedSkill{}}
		for _, s := range e.Node.Skills.Edges {
			k := listedSkill{Importance: s.Importance + s.Node.Importance, Slug: s.Node.Slug, Name: s.Node.Name}
			if s.Node.Skill != nil {
				k.Slug, k.Name = s.Node.Skill.Slug, s.Node.Skill.Name
			}
			l.Skills = append(l.Skills, k)
		}
		out.Professions = append(out.Professions, l)
	}
	return out
}

// titleMatches are a search page's hits in PostGraphile's shape (bench.PostGraphileSearchDocument).
type titleMatches struct {
	Professions, Skills, Trainings, BlogPosts, GlossaryTerms titleMatch
}

type titleMatch struct {
	TotalCount int
	Nodes      []struct{ Slug, Title string }
}

func titleMatchesOf(t *testing.T, body []byte) titleMatches {
	t.Helper()
	var resp struct{ Data titleMatches }
	if err := json.Unmarshal(body, &resp); err != nil {
		t.Fatal(err)
	}
	return resp.Data
}

// publishedTitles reads what bench.PostGraphileSearchDocument should find for text: the first
// 20 published rows of each table, by title, whose title holds the text, and how many there are.
func publishedTitles(t *testing.T, db *sql.DB, text string) titleMatches {
	t.Helper()
	var out titleMatches
	for _, x := range []struct {
		table, title string
		into         *titleMatch
	}{
		{"professions", "title", &out.Professions},
		{"skills", "name", &out.Skills},
		{"trainings", "title", &out.Trainings},
		{"blog_posts", "title", &out.BlogPosts},
		{"glossary_terms", "term", &out.GlossaryTerms},
	} {
		where := " FROM " + x.table + " WHERE status = 'PUBLISHED' AND strpos(lower(" + x.title + "), lower($1)) > 0"
		if err := db.QueryRow("SELECT count(*)"+where, text).Scan(&x.into.TotalCount); err != nil {
			t.Fatal(err)
		}
		rows, err := db.Query("SELECT slug, "+x.title+where+" ORDER BY "+x.title+", id LIMIT 20", text)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var n struct{ Slug, Title string }
			if err := rows.Scan(&n.Slug, &n.Title); err != nil {
				t.Fatal(err)
			}
			x.into.Nodes = append(x.into.Nodes, n)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		if x.into.Nodes == nil {
			x.into.Nodes = []struct{ Slug, Title string }{}
		}
	}
	return out
}
