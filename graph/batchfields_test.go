package graph_test

import (
	"testing"

	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/testdb"
)

// TestFieldsThatLoadMoreCostTheSameWhereverTheyAre asks jsonLd, facets and search hits' nodes
// where the response's shape differs from a plain page: a list nested in a list, under
// fragments and aliases, twice in one document with different arguments, and a search hit's
// node selected twice. Each answer must be right for its own place, and the statements behind
// it must not grow with the number of items.
func TestFieldsThatLoadMoreCostTheSameWhereverTheyAre(t *testing.T) {
	type course = map[string]any
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		statements := func(q string, n int, out any) int64 {
			t.Helper()
			s.Statements.Store(0)
			s.Query(t, q, map[string]any{"n": n}, out)
			return s.Statements.Load()
		}

		t.Run("NestedList", func(t *testing.T) {
			const q = `query($n: Int) { providers(first: $n) { edges { node { name
			  trainings(first: 5) { edges { node { ...course } } } } } } }
			fragment course on Training { slug structured: jsonLd }`
			type page struct {
				Providers struct {
					Edges []struct {
						Node struct {
							Name      string
							Trainings struct {
								Edges []struct {
									Node struct {
										Slug       string
										Structured course
									}
								}
							}
						}
					}
				}
			}
			var one, many page
			if a, b := statements(q, 1, &one), statements(q, 50, &many); a != b {
				t.Errorf("%d statements for the trainings of 1 provider, %d for %d providers", a, b, len(many.Providers.Edges))
			}
			trainings := 0
			for _, p := range many.Providers.Edges {
				for _, tr := range p.Node.Trainings.Edges {
					trainings++
					c := tr.Node.Structured
					org, _ := c["provider"].(map[string]any)
					if c["@type"] != "Course" || org == nil || org["name"] != p.Node.Name {
						t.Errorf("training %s of %s: structured data %v", tr.Node.Slug, p.Node.Name, c)
					}
				}
			}
			if len(many.Providers.Edges) < 2 || trainings < 3 {
				t.Fatalf("%d providers with %d trainings: the comparison needs several of each", len(many.Providers.Edges), trainings)
			}
		})

		t.Run("TwiceWithDifferentArguments", func(t *testing.T) {
			const q = `query($n: Int) {
			  beginners: trainings(first: $n, where: {level: BEGINNER}) { totalCount
			    facets { levels { value count } } edges { node { level course: jsonLd } } }
			  all: trainings(first: $n) { totalCount
			    facets { counts: levels { value count } } edges { node { ... on Training { jsonLd } } } }
			}`
			type facet struct {
				Value string
				Count int
			}
			type page struct {
				Beginners struct {
					TotalCount int
					Facets     struct{ Levels []facet }
					Edges      []struct {
						Node struct {
							Level  string
							Course course
						}
					}
				}
				All struct {
					TotalCount int
					Facets     struct{ Counts []facet }
					Edges      []struct{ Node struct{ JSONLd course } }
				}
			}
			var one, many page
			// The two listings may share trainings, whose structured data is then loaded once:
			// larger pages may cost fewer statements, never more.
			if a, b := statements(q, 1, &one), statements(q, 50, &many); b > a {
				t.Errorf("%d statements for pages of 1, %d for pages of 50", a, b)
			}
			b := many.Beginners
			if b.TotalCount == 0 || b.TotalCount >= many.All.TotalCount {
				t.Fatalf("%d beginners' trainings of %d: the filter must leave some out", b.TotalCount, many.All.TotalCount)
			}
			if len(b.Facets.Levels) != 1 || b.Facets.Levels[0] != (facet{"BEGINNER", b.TotalCount}) {
				t.Errorf("facets of the beginners' listing count other levels: %+v", b.Facets.Levels)
			}
			sum := 0
			for _, f := range many.All.Facets.Counts {
				sum += f.Count
			}
			if len(many.All.Facets.Counts) < 2 || sum != many.All.TotalCount {
				t.Errorf("facets of the whole listing: %+v for %d trainings", many.All.Facets.Counts, many.All.TotalCount)
			}
			for _, e := range b.Edges {
				if e.Node.Level != "BEGINNER" || e.Node.Course["@type"] != "Course" || e.Node.Course["educationalLevel"] == nil {
					t.Errorf("beginners' training: %+v", e.Node)
				}
			}
			for _, e := range many.All.Edges {
				if e.Node.JSONLd["@type"] != "Course" {
					t.Errorf("training: %v", e.Node.JSONLd)
				}
			}
		})

		t.Run("SearchHitSelectedTwice", func(t *testing.T) {
			const q = `query($n: Int) { search(query: "developer", types: [PROFESSION], first: $n) { edges {
			  named: node { ... on Profession { slug } }
			  detailed: node { ...detail }
			} } }
			fragment detail on SearchResult { ... on Profession { title skills(first: 3) { totalCount } jsonLd } }`
			type page struct {
				Search struct {
					Edges []struct {
						Named    struct{ Slug string }
						Detailed struct {
							Title  string
							Skills struct{ TotalCount int }
							JSONLd map[string]any
						}
					}
				}
			}
			var one, many page
			if a, b := statements(q, 1, &one), statements(q, 10, &many); a != b {
				t.Errorf("%d statements for 1 hit, %d for %d hits", a, b, len(many.Search.Edges))
			}
			if len(many.Search.Edges) < 3 {
				t.Fatalf("%d hits: the comparison needs several", len(many.Search.Edges))
			}
			for _, e := range many.Search.Edges {
				if e.Named.Slug == "" || e.Detailed.Title == "" || e.Detailed.JSONLd["@type"] != "Occupation" || e.Detailed.JSONLd["name"] != e.Detailed.Title {
					t.Errorf("hit: %+v", e)
				}
			}
			withSkills := 0
			for _, e := range many.Search.Edges {
				if e.Detailed.Skills.TotalCount > 0 {
					withSkills++
				}
			}
			if withSkills == 0 {
				t.Error("no hit has skills")
			}
		})
	})
}
