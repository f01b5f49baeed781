package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"careergraph/ent/training"
	"careergraph/internal/access"
	"careergraph/internal/apierr"
	"careergraph/internal/store"
	"careergraph/internal/testdb"
)

// catalogue holds the IDs of the demo objects the cases name, by "type:slug".
type catalogue map[string]int

func (c catalogue) id(t *testing.T, key string) int {
	t.Helper()
	id, ok := c[key]
	if !ok {
		t.Fatalf("no %s in the demo catalogue", key)
	}
	return id
}

func demoIDs(t *testing.T, st *store.Store) catalogue {
	t.Helper()
	ctx := access.AsSystem(context.Background())
	c := catalogue{}
	for _, p := range st.Client.Profession.Query().AllX(ctx) {
		c["profession:"+p.Slug] = p.ID
	}
	for _, s := range st.Client.Skill.Query().AllX(ctx) {
		c["skill:"+s.Slug] = s.ID
	}
	for _, tr := range st.Client.Training.Query().AllX(ctx) {
		c["training:"+tr.Slug] = tr.ID
	}
	for _, b := range st.Client.BlogPost.Query().AllX(ctx) {
		c["post:"+b.Slug] = b.ID
	}
	return c
}

func ids(hits []Hit) []int {
	out := make([]int, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}

func describe(hits []Hit) string {
	var b strings.Builder
	for i, h := range hits {
		fmt.Fprintf(&b, "\n  %2d. %-13s %-45q %.4f", i+1, h.Type, h.Title, h.Score)
	}
	return b.String()
}

// TestSearch runs every case on both stores, over the demo catalogue.
func TestSearch(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		st := testdb.Open(t, d, testdb.Options{})
		s := New(st.DB, st.Dialect)
		demo := demoIDs(t, st)
		anonymous := context.Background()
		system := access.AsSystem(anonymous)

		search := func(t *testing.T, ctx context.Context, q Query) Page {
			t.Helper()
			page, err := s.Search(ctx, q)
			if err != nil {
				t.Fatalf("Search(%+v): %v", q, err)
			}
			return page
		}
		prompt := []string{"profession:prompt-engineer", "skill:prompt-engineering", "training:prompt-engineering-essentials", "post:prompt-engineering-a-job-or-a-skill"}

		// The cases run in order on one database; the last one changes it.
		for _, tc := range []struct {
			name string
			run  func(t *testing.T)
		}{
			{"TypoFindsDevelopers", func(t *testing.T) {
				page := search(t, anonymous, Query{Text: "devloper", First: MaxFirst})
				for _, slug := range []string{"back-end-developer", "front-end-developer", "full-stack-developer", "mobile-developer"} {
					if !slices.Contains(ids(page.Hits), demo.id(t, "profession:"+slug)) {
						t.Errorf("devloper did not find %s:%s", slug, describe(page.Hits))
					}
				}
				for _, h := range page.Hits {
					if h.Type == Profession && strings.Contains(h.Title, "Developer") && !strings.Contains(h.Snippet, "<mark>") {
						t.Errorf("%s: the snippet marks no typo match: %s", h.Title, h.Snippet)
					}
				}
			}},
			{"PrefixFindsTheKubernetesSkillFirst", func(t *testing.T) {
				page := search(t, anonymous, Query{Text: "kube"})
				if len(page.Hits) == 0 || page.Hits[0].ID != demo.id(t, "skill:kubernetes") {
					t.Fatalf("kube: want the Kubernetes skill first, got:%s", describe(page.Hits))
				}
				if !slices.Contains(ids(page.Hits), demo.id(t, "training:kubernetes-for-developers")) {
					t.Errorf("kube did not find the Kubernetes training:%s", describe(page.Hits))
				}
			}},
			{"ExactTitleRanksAboveMentions", func(t *testing.T) {
				page := search(t, anonymous, Query{Text: "  back-end   DEVELOPER "})
				if len(page.Hits) == 0 || page.Hits[0].ID != demo.id(t, "profession:back-end-developer") {
					t.Fatalf("want the Back-End Developer profession first, got:%s", describe(page.Hits))
				}
				post := slices.Index(ids(page.Hits), demo.id(t, "post:what-does-a-back-end-developer-do"))
				if post < 1 {
					t.Errorf("want the post about back-end developers among the later hits, got:%s", describe(page.Hits))
				}
				if page.Hits[0].Score <= page.Hits[1].Score {
					t.Errorf("the exact match does not outscore the next hit:%s", describe(page.Hits))
				}
			}},
			{"TypesFilterKeepsOnlyThoseTypes", func(t *testing.T) {
				page := search(t, anonymous, Query{Text: "developer", Types: []Type{Training, GlossaryTerm}, First: MaxFirst})
				if len(page.Hits) == 0 {
					t.Fatal("no training found for developer")
				}
				for _, h := range page.Hits {
					if h.Type != Training && h.Type != GlossaryTerm {
						t.Errorf("asked for trainings and glossary terms, got a %s: %s", h.Type, h.Title)
					}
				}
				if page.TotalCount != len(page.Hits) {
					t.Errorf("TotalCount %d for %d hits on one page", page.TotalCount, len(page.Hits))
				}
			}},
			{"PagingReturnsEveryHitOnce", func(t *testing.T) {
				all := search(t, anonymous, Query{Text: "developer", First: MaxFirst})
				if all.HasNextPage || all.TotalCount != len(all.Hits) || all.TotalCount < 10 {
					t.Fatalf("one big page: %d hits, total %d, next %v", len(all.Hits), all.TotalCount, all.HasNextPage)
				}
				var paged []int
				q := Query{Text: "developer", First: 3}
				for pages := 0; ; pages++ {
					page := search(t, anonymous, q)
					if page.TotalCount != all.TotalCount {
						t.Errorf("page %d: TotalCount %d, want %d", pages, page.TotalCount, all.TotalCount)
					}
					paged = append(paged, ids(page.Hits)...)
					if !page.HasNextPage {
						break
					}
					if pages > all.TotalCount {
						t.Fatal("paging does not end")
					}
					q.After = page.EndCursor
				}
				if !slices.Equal(paged, ids(all.Hits)) {
					t.Errorf("pages of 3 returned %v, one page %v", paged, ids(all.Hits))
				}
				// Any hit's cursor continues after that hit.
				after := search(t, anonymous, Query{Text: "developer", First: 2, After: all.Hits[4].Cursor})
				if got := ids(after.Hits); !slices.Equal(got, ids(all.Hits[5:7])) {
					t.Errorf("after the 5th hit's cursor: %v, want %v", got, ids(all.Hits[5:7]))
				}
			}},
			{"DraftsAreHiddenFromAnonymousCallers", func(t *testing.T) {
				page := search(t, anonymous, Query{Text: "prompt engineering", First: MaxFirst})
				for _, key := range prompt {
					if slices.Contains(ids(page.Hits), demo.id(t, key)) {
						t.Errorf("an anonymous caller found the draft %s", key)
					}
				}
			}},
			{"StaffFindDrafts", func(t *testing.T) {
				page := search(t, system, Query{Text: "prompt engineering", First: MaxFirst})
				for _, key := range prompt {
					if !slices.Contains(ids(page.Hits), demo.id(t, key)) {
						t.Errorf("the system did not find the draft %s:%s", key, describe(page.Hits))
					}
				}
			}},
			{"ProviderKeyFindsItsOwnDraftTraining", func(t *testing.T) {
				draft := st.Client.Training.Query().Where(training.Slug("prompt-engineering-essentials")).OnlyX(system)
				key := access.WithViewer(anonymous, access.Viewer{Kind: access.APIKey, KeyID: 1,
					Scopes: []access.Scope{access.ReadCatalogue, access.WriteTrainings}, ProviderID: draft.ProviderID})
				got := ids(search(t, key, Query{Text: "prompt engineering", First: MaxFirst}).Hits)
				if !slices.Contains(got, draft.ID) {
					t.Error("the provider's key did not find its own draft training")
				}
				if slices.Contains(got, demo.id(t, "profession:prompt-engineer")) {
					t.Error("the provider's key found a draft profession")
				}
			}},
			{"SnippetsMarkMatchesAndEscapeTheRest", func(t *testing.T) {
				page := search(t, anonymous, Query{Text: "kubernetes", First: MaxFirst})
				if len(page.Hits) < 3 {
					t.Fatalf("kubernetes found only:%s", describe(page.Hits))
				}
				for _, h := range page.Hits {
					if !strings.Contains(h.Snippet, "<mark>") {
						t.Errorf("%s %q: no <mark> in %q", h.Type, h.Title, h.Snippet)
					}
					if rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(h.Snippet); strings.Contains(rest, "<") {
						t.Errorf("%s %q: raw < in %q", h.Type, h.Title, h.Snippet)
					}
				}
			}},
			{"AChangeIsSearchableAtOnce", func(t *testing.T) {
				id := demo.id(t, "skill:kubernetes")
				st.Client.Skill.UpdateOneID(id).
					SetName("Zyxorchestrator").
					SetDescription(`Runs <script>alert("x")</script> containers & zyxorchestrator clusters.`).
					ExecX(system)
				page := search(t, anonymous, Query{Text: "zyxorchestr"})
				if len(page.Hits) == 0 || page.Hits[0].ID != id {
					t.Fatalf("the renamed skill is not the first hit:%s", describe(page.Hits))
				}
				sn := page.Hits[0].Snippet
				if !strings.Contains(sn, "<mark>zyxorchestrator</mark>") || !strings.Contains(sn, "&lt;script&gt;") ||
					strings.Contains(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(sn), "<") {
					t.Errorf("snippet %q: want the match marked and the markup escaped", sn)
				}
				if slices.Contains(ids(search(t, anonymous, Query{Text: "kubernetes", Types: []Type{Skill}}).Hits), id) {
					t.Error("the skill is still found by its old name")
				}
				st.Client.Skill.UpdateOneID(id).SetStatus("DRAFT").ExecX(system)
				if slices.Contains(ids(search(t, anonymous, Query{Text: "zyxorchestrator"}).Hits), id) {
					t.Error("the skill is still found by anonymous callers once unpublished")
				}
				added := st.Client.Skill.Create().SetName("Quuxlang").SetStatus("PUBLISHED").SaveX(system)
				if got := ids(search(t, anonymous, Query{Text: "quuxlang"}).Hits); !slices.Equal(got, []int{added.ID}) {
					t.Errorf("a new skill: found %v, want [%d]", got, added.ID)
				}
				st.Client.Skill.DeleteOneID(added.ID).ExecX(system)
				if n := search(t, system, Query{Text: "quuxlang"}).TotalCount; n != 0 {
					t.Errorf("the deleted skill is still found (%d hits)", n)
				}
			}},
		} {
			if !t.Run(tc.name, tc.run) {
				t.Logf("store: %s", d)
			}
		}
	})
}

// TestInvalidQueriesAreBadUserInput checks the input rules, which hold before any database work.
func TestInvalidQueriesAreBadUserInput(t *testing.T) {
	s := New(nil, dialect.SQLite)
	developer, _ := parse(Query{Text: "developer", First: 1})
	otherSearch := cursor{Score: 1, Type: Skill, ID: 1, Key: developer.key}.encode()
	for _, tc := range []struct {
		name  string
		q     Query
		field string
	}{
		{"EmptyText", Query{Text: ""}, "query"},
		{"OnlyWhiteSpace", Query{Text: " \t\n "}, "query"},
		{"NoLetterOrDigit", Query{Text: "?! -"}, "query"},
		{"TooLong", Query{Text: strings.Repeat("a", MaxTextLength+1)}, "query"},
		{"UnknownType", Query{Text: "go", Types: []Type{"PROVIDER"}}, "types"},
		{"FirstTooLarge", Query{Text: "go", First: MaxFirst + 1}, "first"},
		{"FirstNegative", Query{Text: "go", First: -1}, "first"},
		{"CursorOfAnotherSearch", Query{Text: "kube", After: otherSearch}, "after"},
		{"CursorNotACursor", Query{Text: "kube", After: "bm90IGEgY3Vyc29y"}, "after"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Search(context.Background(), tc.q)
			var apiErr *apierr.Error
			if !errors.As(err, &apiErr) || apiErr.Code != apierr.BadUserInput || apiErr.Field != tc.field {
				t.Fatalf("got %v, want BAD_USER_INPUT on %s", err, tc.field)
			}
		})
	}
	// The longest text accepted is fine (counted in characters, not bytes).
	if _, err := parse(Query{Text: strings.Repeat("ä", MaxTextLength)}); err != nil {
		t.Errorf("a text of %d characters: %v", MaxTextLength, err)
	}
}

// TestSQLiteTriggersKeepTheIndexInStep guards the SQLite triggers: a migration that rebuilds one
// of the searchable tables drops its triggers, and search would silently go stale.
func TestSQLiteTriggersKeepTheIndexInStep(t *testing.T) {
	st := testdb.Open(t, dialect.SQLite, testdb.Options{Empty: true})
	for _, typ := range AllTypes {
		table := sources[typ].table
		for _, event := range []string{"insert", "update", "delete"} {
			var n int
			name := table + "_search_" + event
			if err := st.DB.QueryRow(`SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ? AND tbl_name = ?`, name, table).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 1 {
				t.Errorf("trigger %s is missing: a migration rebuilt %s without creating it again (copy it from migrations/sqlite/20261121204500_search.up.sql)", name, table)
			}
		}
	}
}

// TestPostgresSearchRunsOnIndexes loads 20,000 synthetic rows and checks the plan of the ranked
// query as Search runs it: every table is read through its full-text and its trigram index, none
// by a sequential scan. Search disables sequential scans for its transaction (see pgSettings), so
// what this proves is that the query's expressions are the indexed ones, which the planner then
// reads through: an expression that differs from its index's in the least can't use it.
func TestPostgresSearchRunsOnIndexes(t *testing.T) {
	st := testdb.Open(t, dialect.Postgres, testdb.Options{})
	loadSynthetic(t, st.DB, 20000)
	for _, text := range []string{"devloper", "kube", "Back-End Developer"} {
		t.Run(strings.ReplaceAll(text, " ", "_"), func(t *testing.T) {
			p, err := parse(Query{Text: text})
			if err != nil {
				t.Fatal(err)
			}
			used := map[string]bool{}
			for _, n := range explain(t, st, p, pgSettings) {
				if n.Type == "Seq Scan" && slices.Contains([]string{"professions", "skills", "trainings", "blog_posts", "glossary_terms"}, n.Relation) {
					t.Errorf("sequential scan of %s", n.Relation)
				}
				if n.Index != "" {
					used[n.Index] = true
				}
			}
			for _, idx := range []string{
				"professions_search_words", "professions_search_names",
				"skills_search_words", "skills_search_names",
				"trainings_search_words", "trainings_title_trgm",
				"blog_posts_search_words", "blog_posts_title_trgm",
				"glossary_terms_search_words", "glossary_terms_term_trgm",
			} {
				if !used[idx] {
					t.Errorf("the plan does not use %s", idx)
				}
			}
			if t.Failed() {
				t.Log(explainText(t, st, p, pgSettings, false))
			}
		})
	}
}

// planNode is one node of an EXPLAIN (FORMAT JSON) plan.
type planNode struct {
	Type     string     `json:"Node Type"`
	Relation string     `json:"Relation Name"`
	Index    string     `json:"Index Name"`
	Plans    []planNode `json:"Plans"`
}

// explain returns the nodes of the ranked query's plan under settings, flattened.
func explain(t testing.TB, st *store.Store, p plan, settings []string) []planNode {
	t.Helper()
	var raw string
	inPlanTx(t, st, p, settings, "EXPLAIN (FORMAT JSON) ", func(s string) { raw = s })
	var plans []struct {
		Plan planNode `json:"Plan"`
	}
	if err := json.Unmarshal([]byte(raw), &plans); err != nil || len(plans) != 1 {
		t.Fatalf("reading the plan: %v", err)
	}
	var out []planNode
	var walk func(n planNode)
	walk = func(n planNode) {
		out = append(out, n)
		for _, c := range n.Plans {
			walk(c)
		}
	}
	walk(plans[0].Plan)
	return out
}

// explainText returns the plan under settings as PostgreSQL prints it; with analyze, it runs the
// query and shows times.
func explainText(t testing.TB, st *store.Store, p plan, settings []string, analyze bool) string {
	t.Helper()
	var lines []string
	opts := "(COSTS OFF)"
	if analyze {
		opts = "(ANALYZE, BUFFERS, COSTS OFF)"
	}
	inPlanTx(t, st, p, settings, "EXPLAIN "+opts+" ", func(s string) { lines = append(lines, s) })
	return strings.Join(lines, "\n")
}

// inPlanTx runs prefix + the ranked query for p in a transaction with settings (pgSettings is
// how Search sets it up), and passes each row of the single text column to row.
func inPlanTx(t testing.TB, st *store.Store, p plan, settings []string, prefix string, row func(string)) {
	t.Helper()
	ctx := context.Background()
	tx, err := st.DB.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback() //nolint:errcheck
	for _, set := range settings {
		if _, err := tx.ExecContext(ctx, set); err != nil {
			t.Fatal(err)
		}
	}
	q, args := postgresQuery(p)
	rows, err := tx.QueryContext(ctx, prefix+q, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		row(s)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}
