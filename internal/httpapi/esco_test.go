package httpapi_test

import (
	"context"
	"slices"
	"testing"

	"careergraph/internal/esco"
	"careergraph/internal/testdb"
)

// TestImportedESCOIsServed imports the ESCO fixtures of package esco and reads them as an
// anonymous visitor would: a profession by its slug with its group and skills, and in search.
func TestImportedESCOIsServed(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := newServer(t, d)
		if _, err := esco.Import(context.Background(), s.Store.DB, s.Store.Dialect, "../esco/testdata/small", esco.Options{}); err != nil {
			t.Fatal(err)
		}
		var got struct {
			Profession struct {
				Title             string
				AlternativeTitles []string
				Group             struct {
					Code   string
					Parent struct{ Code string }
				}
				Skills struct {
					TotalCount int
					Edges      []struct {
						Node struct {
							Importance string
							Skill      struct {
								Name, SkillType, ReuseLevel string
								Related                     struct{ TotalCount int }
							}
						}
					}
				}
			}
			Search struct {
				Edges []struct {
					Node struct{ Slug string }
				}
			}
		}
		s.Query(t, `{
  profession(slug: "hull-varnisher") {
    title alternativeTitles
    group { code parent { code } }
    skills(first: 10, orderBy: [{ field: IMPORTANCE }, { field: SKILL_NAME }]) {
      totalCount
      edges { node { importance skill { name skillType reuseLevel related { totalCount } } } }
    }
  }
  search(query: "varnisher", types: [PROFESSION]) { edges { node { ... on Profession { slug } } } }
}`, nil, &got)
		p := got.Profession
		if p.Title != "hull varnisher" || !slices.Equal(p.AlternativeTitles, []string{"boat varnisher", "varnisher of hulls"}) ||
			p.Group.Code != "7121" || p.Group.Parent.Code != "712" {
			t.Errorf("profession %+v", p)
		}
		var skills []string
		for _, e := range p.Skills.Edges {
			n := e.Node
			skills = append(skills, n.Importance+" "+n.Skill.Name+" "+n.Skill.SkillType+" "+n.Skill.ReuseLevel)
		}
		want := []string{
			"ESSENTIAL marine varnishes KNOWLEDGE SECTOR_SPECIFIC",
			"ESSENTIAL sand wooden hulls SKILL_COMPETENCE OCCUPATION_SPECIFIC",
			"OPTIONAL work in teams SKILL_COMPETENCE TRANSVERSAL",
		}
		if p.Skills.TotalCount != 3 || !slices.Equal(skills, want) {
			t.Errorf("skills (%d) %q, want %q", p.Skills.TotalCount, skills, want)
		}
		if len(p.Skills.Edges) > 0 && p.Skills.Edges[0].Node.Skill.Related.TotalCount != 1 {
			t.Errorf("marine varnishes has %d related skills, want 1", p.Skills.Edges[0].Node.Skill.Related.TotalCount)
		}
		if len(got.Search.Edges) == 0 || got.Search.Edges[0].Node.Slug != "hull-varnisher" {
			t.Errorf("search for varnisher found %+v, want hull-varnisher first", got.Search.Edges)
		}
	})
}
