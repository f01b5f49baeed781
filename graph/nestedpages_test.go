package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"entgo.io/ent/dialect"

	"careergraph/ent/profession"
	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/testdb"
)

// TestNestedPagesAreCutPerParent: on PostgreSQL a nested page of `first: n` is read parent by
// parent and cut at n+1 rows where it is read (a Limit inside a loop over the parents), not by
// numbering every child of every parent first (a WindowAgg over all of them).
func TestNestedPagesAreCutPerParent(t *testing.T) {
	rec := &testdb.Recorder{}
	st := testdb.Open(t, dialect.Postgres, testdb.Options{WrapDriver: rec.Wrap})
	s := apitest.NewOn(t, st, new(atomic.Int64))
	// A page by foreign key is read in its order from an index of its own, so the database reads
	// about n rows per parent, not all of them. A page through a join table is ordered by the
	// other table's column, which no index of the join table holds: each parent's links are
	// found by the join table's index on the parent, and only they are sorted, parent by parent.
	queries := map[string]struct {
		query, table, index string
		joined              bool
	}{
		"SkillsOfProfessionsByName": {query: `{ professions(first: 10) { edges { node { skills(first: 2, orderBy: [{field: SKILL_NAME}]) { edges { node { skill { name } } } } } } } }`,
			table: "profession_skills", index: "professionskill_profession_id_skill_name_id"},
		"SessionsOfTrainingsByStart": {query: `{ trainings(first: 10) { edges { node { sessions(first: 1, orderBy: [{field: STARTS_AT}]) { edges { node { startsAt } } } } } } }`,
			table: "training_sessions", index: "trainingsession_training_id_starts_at"},
		"TrainingsOfProfessionsByTitle": {query: `{ professions(first: 10) { edges { node { trainings(first: 2, orderBy: [{field: TITLE}]) { edges { node { title } } } } } } }`,
			table: "trainings", index: "training_professions_profession_id", joined: true},
		"ProfessionsOfTrainingsByTitle": {query: `{ trainings(first: 10) { edges { node { professions(first: 1, orderBy: [{field: TITLE}]) { edges { node { title } } } } } } }`,
			table: "professions", index: "training_professions_pkey", joined: true},
	}
	for name, q := range queries {
		t.Run(name, func(t *testing.T) {
			var plan string
			sent := rec.Record(func() {
				if resp := s.Do(t, q.query, nil); len(resp.Errors) > 0 {
					t.Fatalf("%+v", resp.Errors)
				}
			})
			for _, stmt := range sent {
				if strings.Contains(stmt.Query, `FROM "`+q.table+`"`) {
					plan = testdb.ExplainAtScale(t, st, stmt)
				}
			}
			if plan == "" {
				t.Fatalf("no statement read %s: %v", q.table, sent)
			}
			m := limitLoops.FindStringSubmatch(plan)
			if strings.Contains(plan, "WindowAgg") || m == nil || m[1] == "1" {
				t.Errorf("the page is not cut per parent:\n%s", plan)
			}
			if !strings.Contains(plan, q.index) {
				t.Errorf("the page is not found through %s:\n%s", q.index, plan)
			}
			if q.joined {
				// The only sort is of one parent's edges, once per parent.
				for _, sort := range sortLoops.FindAllStringSubmatch(plan, -1) {
					if sort[1] != m[1] {
						t.Errorf("a sort runs %s times, not once per parent (%s):\n%s", sort[1], m[1], plan)
					}
				}
				return
			}
			// An incremental sort only orders the ties of the index's order (by ID).
			if fullSort.MatchString(plan) {
				t.Errorf("the page is not read in order from %s:\n%s", q.index, plan)
			}
		})
	}
}

// sortLoops finds a sort (not an incremental one) and how many times it ran.
var sortLoops = regexp.MustCompile(`(?m)(?:^|-> +)Sort \(actual[^)]*loops=(\d+)\)`)

// fullSort finds a sort of everything read, as opposed to an incremental one.
var fullSort = regexp.MustCompile(`(?m)(^|-> +)Sort \(`)

// limitLoops finds a Limit node run once per parent, and how many times it ran.
var limitLoops = regexp.MustCompile(`Limit \(actual[^)]*loops=(\d+)\)`)

// TestLinksKeepTheirSkillsNames: the skill name a link carries for ordering follows the skill,
// on both stores: set when the link is written (whoever writes it), changed when the skill is
// renamed; a profession's skills by name follow the rename.
func TestLinksKeepTheirSkillsNames(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		ctx := access.AsSystem(context.Background())
		c := s.Store.Client
		p := c.Profession.Query().Where(profession.StatusEQ(enum.Published), profession.HasSkills()).FirstX(ctx)
		links := p.QuerySkills().WithSkill().AllX(ctx)
		for _, l := range links {
			if l.SkillName != l.Edges.Skill.Name {
				t.Fatalf("link %d carries %q for skill %q", l.ID, l.SkillName, l.Edges.Skill.Name)
			}
		}
		last := links[0].Edges.Skill
		c.Skill.UpdateOne(last).SetName("Zzz renamed " + last.Name).ExecX(ctx)
		if got := c.ProfessionSkill.GetX(ctx, links[0].ID).SkillName; got != "Zzz renamed "+last.Name {
			t.Errorf("after the rename the link carries %q", got)
		}
		var out struct {
			Profession struct {
				Skills struct {
					Edges []struct {
						Node struct{ Skill struct{ Name string } }
					}
				}
			}
		}
		s.Query(t, `query($s: String!) { profession(slug: $s) { skills(first: 100, orderBy: [{field: SKILL_NAME}]) { edges { node { skill { name } } } } } }`,
			map[string]any{"s": p.Slug}, &out)
		edges := out.Profession.Skills.Edges
		if len(edges) == 0 || edges[len(edges)-1].Node.Skill.Name != "Zzz renamed "+last.Name {
			t.Errorf("skills by name after the rename: %+v", edges)
		}
	})
}

// TestNestedArgumentsPerField: the same nested edge under three aliases, with other arguments
// and a variable, gets each its own page on every node of the page, read together: by foreign
// key (a training's sessions) and through a join table (a profession's trainings).
func TestNestedArgumentsPerField(t *testing.T) {
	const pages = `query($n: Int!) { %s(first: 20) { edges { node { slug
		one: %[2]s(first: 1, orderBy: [{field: %[3]s}]) { edges { node { id } } }
		some: %[2]s(first: $n, orderBy: [{field: %[3]s}]) { edges { node { id } } }
		all: %[2]s(first: 100, orderBy: [{field: %[3]s}]) { totalCount edges { node { id } } }
	} } } }`
	edges := []struct{ parents, edge, order string }{
		{"trainings", "sessions", "STARTS_AT"},
		{"professions", "trainings", "TITLE"},
	}
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		for _, e := range edges {
			resp := s.Do(t, fmt.Sprintf(pages, e.parents, e.edge, e.order), map[string]any{"n": 2})
			if len(resp.Errors) > 0 {
				t.Fatalf("%s of %s: %+v", e.edge, e.parents, resp.Errors)
			}
			checkPrefixes(t, e.parents, resp.Data)
		}
	})
}

// checkPrefixes checks that on every node of the page in data, under field, the pages one and
// some are the first 1 and 2 edges of all, which holds them all, and that at least two nodes have
// more than two edges, so that a page cut at the wrong place would show.
func checkPrefixes(t *testing.T, field string, data json.RawMessage) {
	t.Helper()
	type page struct {
		TotalCount int
		Edges      []struct{ Node struct{ ID string } }
	}
	var out map[string]struct {
		Edges []struct {
			Node struct {
				Slug           string
				One, Some, All page
			}
		}
	}
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	ids := func(p page) (out []string) {
		for _, e := range p.Edges {
			out = append(out, e.Node.ID)
		}
		return out
	}
	several := 0
	for _, e := range out[field].Edges {
		n := e.Node
		all := ids(n.All)
		if len(all) != n.All.TotalCount {
			t.Fatalf("%s: %d edges of %d", n.Slug, len(all), n.All.TotalCount)
		}
		if want := all[:min(1, len(all))]; !slices.Equal(ids(n.One), want) {
			t.Errorf("%s: first 1 is %v, want %v", n.Slug, ids(n.One), want)
		}
		if want := all[:min(2, len(all))]; !slices.Equal(ids(n.Some), want) {
			t.Errorf("%s: first $n (2) is %v, want %v", n.Slug, ids(n.Some), want)
		}
		if len(all) > 2 {
			several++
		}
	}
	if several < 2 {
		t.Fatalf("only %d of %d %s have more than 2 edges: the test shows nothing", several, len(out[field].Edges), field)
	}
}

// TestEveryNestedConnectionIsCutPerParent: every connection of every type that a root list
// returns, asked for with first: 2 under the list's first ten nodes, gives each node as many
// edges as its totalCount allows, no more and no fewer, however it is loaded (by foreign key,
// through a join table, on either store), and answers without an error.
func TestEveryNestedConnectionIsCutPerParent(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		admin := apitest.NewActors(t, s).ByName["admin"]
		type typeRef struct {
			Name   string
			OfType *typeRef
		}
		type field struct {
			Name string
			Args []struct{ Name string }
			Type typeRef
		}
		var schema struct {
			Schema struct {
				QueryType struct{ Fields []field }
				Types     []struct {
					Name   string
					Fields []field
				}
			} `json:"__schema"`
		}
		admin.Query(t, `{ __schema { queryType { fields { name args { name } type { ...ref } } }
			types { name fields { name args { name } type { ...ref } } } } }
			fragment ref on __Type { name ofType { name ofType { name ofType { name } } } }`, nil, &schema)
		// connection returns the node type of a field that pages with first, or "".
		connection := func(f field) string {
			t := &f.Type
			for t.OfType != nil {
				t = t.OfType
			}
			node, ok := strings.CutSuffix(t.Name, "Connection")
			if !ok || !slices.ContainsFunc(f.Args, func(a struct{ Name string }) bool { return a.Name == "first" }) {
				return ""
			}
			return node
		}
		fields := map[string][]field{}
		for _, t := range schema.Schema.Types {
			fields[t.Name] = t.Fields
		}
		asked, cut := 0, 0
		for _, root := range schema.Schema.QueryType.Fields {
			for _, f := range fields[connection(root)] {
				if connection(f) == "" {
					continue
				}
				asked++
				var out map[string]struct {
					Edges []struct {
						Node map[string]struct {
							TotalCount int
							Edges      []struct {
								Node struct {
									Typename string `json:"__typename"`
								}
							}
						}
					}
				}
				admin.Query(t, fmt.Sprintf(`{ %s(first: 10) { edges { node { %s(first: 2) { totalCount edges { node { __typename } } } } } } }`,
					root.Name, f.Name), nil, &out)
				more := false
				for _, e := range out[root.Name].Edges {
					page := e.Node[f.Name]
					if len(page.Edges) != min(2, page.TotalCount) {
						t.Errorf("%s.%s: %d edges of %d", root.Name, f.Name, len(page.Edges), page.TotalCount)
					}
					more = more || page.TotalCount > 2
				}
				if more {
					cut++
				}
			}
		}
		// The demo catalogue gives enough of them more than two edges for the cut to show.
		if cut < 10 {
			t.Errorf("only %d of %d nested connections have a node with more than two edges", cut, asked)
		}
		t.Logf("%d nested connections, %d cut on some node", asked, cut)
	})
}
