package graph_test

import (
	"context"
	"encoding/json"
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
	// Each page is read in its order from an index of its own, so the database reads about n
	// rows per parent, not all of them.
	queries := map[string]struct {
		query, table, index string
	}{
		"SkillsOfProfessionsByName": {`{ professions(first: 10) { edges { node { skills(first: 2, orderBy: [{field: SKILL_NAME}]) { edges { node { skill { name } } } } } } } }`,
			"profession_skills", "professionskill_profession_id_skill_name_id"},
		"SessionsOfTrainingsByStart": {`{ trainings(first: 10) { edges { node { sessions(first: 1, orderBy: [{field: STARTS_AT}]) { edges { node { startsAt } } } } } } }`,
			"training_sessions", "trainingsession_training_id_starts_at"},
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
			// An incremental sort only orders the ties of the index's order (by ID).
			if !strings.Contains(plan, q.index) || fullSort.MatchString(plan) {
				t.Errorf("the page is not read in order from %s:\n%s", q.index, plan)
			}
		})
	}
}

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
// and a variable, gets each its own page on every training of the page, read together.
func TestNestedArgumentsPerField(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		resp := s.Do(t, `query($n: Int!) { trainings(first: 20) { edges { node { slug
			one: sessions(first: 1, orderBy: [{field: STARTS_AT}]) { edges { node { id } } }
			some: sessions(first: $n, orderBy: [{field: STARTS_AT}]) { edges { node { id } } }
			all: sessions(first: 100, orderBy: [{field: STARTS_AT}]) { totalCount edges { node { id } } }
		} } } }`, map[string]any{"n": 2})
		if len(resp.Errors) > 0 {
			t.Fatalf("%+v", resp.Errors)
		}
		type page struct {
			TotalCount int
			Edges      []struct{ Node struct{ ID string } }
		}
		var data struct {
			Trainings struct {
				Edges []struct {
					Node struct {
						Slug           string
						One, Some, All page
					}
				}
			}
		}
		if err := json.Unmarshal(resp.Data, &data); err != nil {
			t.Fatal(err)
		}
		withSessions := 0
		for _, e := range data.Trainings.Edges {
			n := e.Node
			ids := func(p page) (out []string) {
				for _, e := range p.Edges {
					out = append(out, e.Node.ID)
				}
				return out
			}
			all := ids(n.All)
			if len(all) != n.All.TotalCount {
				t.Fatalf("%s: %d sessions of %d", n.Slug, len(all), n.All.TotalCount)
			}
			if want := all[:min(1, len(all))]; !slices.Equal(ids(n.One), want) {
				t.Errorf("%s: first 1 is %v, want %v", n.Slug, ids(n.One), want)
			}
			if want := all[:min(2, len(all))]; !slices.Equal(ids(n.Some), want) {
				t.Errorf("%s: first $n (2) is %v, want %v", n.Slug, ids(n.Some), want)
			}
			if len(all) > 2 {
				withSessions++
			}
		}
		if withSessions < 2 {
			t.Fatalf("only %d of %d trainings have more than 2 sessions: the test shows nothing", withSessions, len(data.Trainings.Edges))
		}
	})
}
