package httpapi_test

import (
	"strings"
	"testing"

	"careergraph/internal/testdb"
)

// The search engine's behaviour is tested in internal/search; this checks the API around it.
func TestSearchThroughTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := newServer(t, d)
		type page struct {
			Search struct {
				TotalCount             int
				TotalCountIsLowerBound bool
				PageInfo               struct {
					HasNextPage bool
					EndCursor   *string
				}
				Edges []struct {
					Snippet, Cursor string
					Score           float64
					Node            struct {
						Typename string `json:"__typename"`
						Slug     string
						Skills   *struct{ TotalCount int }
					}
				}
			}
		}
		const q = `query($q: String!, $types: [SearchType!], $after: String) {
		  search(query: $q, types: $types, first: 3, after: $after) {
		    totalCount totalCountIsLowerBound pageInfo { hasNextPage endCursor }
		    edges { snippet cursor score node { __typename
		      ... on Profession { slug skills { totalCount } }
		      ... on Skill { slug } ... on Training { slug } ... on BlogPost { slug } ... on GlossaryTerm { slug } } }
		  }
		}`
		var p page
		s.Query(t, q, map[string]any{"q": "Back-End Developer"}, &p)
		if len(p.Search.Edges) == 0 || p.Search.Edges[0].Node.Slug != "back-end-developer" || p.Search.Edges[0].Node.Skills == nil || p.Search.Edges[0].Node.Skills.TotalCount == 0 {
			t.Fatalf("exact title: %+v", p.Search.Edges)
		}
		if !strings.Contains(p.Search.Edges[0].Snippet, "<mark>") {
			t.Errorf("snippet without highlight: %q", p.Search.Edges[0].Snippet)
		}
		// Paging through professions only gives each one once.
		seen := map[string]bool{}
		vars := map[string]any{"q": "devloper", "types": []string{"PROFESSION"}}
		for range 10 {
			var next page
			s.Query(t, q, vars, &next)
			for _, e := range next.Search.Edges {
				if e.Node.Typename != "Profession" || seen[e.Node.Slug] {
					t.Errorf("hit %+v (seen before: %v)", e.Node, seen[e.Node.Slug])
				}
				seen[e.Node.Slug] = true
			}
			if !next.Search.PageInfo.HasNextPage {
				if len(seen) != next.Search.TotalCount || next.Search.TotalCountIsLowerBound {
					t.Errorf("paged through %d hits, totalCount %d (lower bound %v)", len(seen), next.Search.TotalCount, next.Search.TotalCountIsLowerBound)
				}
				break
			}
			vars["after"] = *next.Search.PageInfo.EndCursor
		}
		if len(seen) < 2 {
			t.Errorf("the typo found %d developer professions", len(seen))
		}
		// Nested fields of the hits are loaded with the hits, not one query per hit.
		count := func(first int) int64 {
			s.Statements.Store(0)
			var out map[string]any
			s.Query(t, `query($n: Int) { search(query: "developer", types: [PROFESSION], first: $n) { edges { node { ... on Profession { title skills(first: 5) { totalCount edges { node { skill { name } } } } } } } } }`, map[string]any{"n": first}, &out)
			return s.Statements.Load()
		}
		if one, many := count(1), count(10); one != many {
			t.Errorf("%d statements for one hit, %d for ten", one, many)
		}
		for _, bad := range []string{`{ search(query: "   ") { totalCount } }`, `{ search(query: "x", first: 500) { totalCount } }`, `{ search(query: "go", after: "bogus") { totalCount } }`} {
			if e := s.Fails(t, bad, nil); e.Code() != "BAD_USER_INPUT" {
				t.Errorf("%s: %q %v", bad, e.Message, e.Extensions)
			}
		}
	})
}
