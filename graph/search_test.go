package graph_test

import (
	"strings"
	"testing"

	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/testdb"
)

// The search engine's behaviour is tested in internal/search; this checks the API around it.
func TestSearchThroughTheAPI(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
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

// TestSearchPagesBothWaysAsRelayDoes pages forward with first/after and back with last/before,
// reading the full Relay pageInfo: the way back gives the same hits in the same order.
func TestSearchPagesBothWaysAsRelayDoes(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		type page struct {
			Search struct {
				PageInfo struct {
					HasNextPage, HasPreviousPage bool
					StartCursor, EndCursor       *string
				}
				Edges []struct {
					Cursor string
					Node   struct{ ID string }
				}
			}
		}
		const q = `query($first: Int, $after: String, $last: Int, $before: String) {
		  search(query: "developer", first: $first, after: $after, last: $last, before: $before) {
		    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
		    edges { cursor node { ... on Node { id } } }
		  }
		}`
		check := func(what string, p page) {
			t.Helper()
			e, info := p.Search.Edges, p.Search.PageInfo
			if len(e) == 0 || info.StartCursor == nil || *info.StartCursor != e[0].Cursor || info.EndCursor == nil || *info.EndCursor != e[len(e)-1].Cursor {
				t.Fatalf("%s: pageInfo %+v does not name the first and last of %d edges", what, info, len(e))
			}
		}
		var forward []string
		vars := map[string]any{"first": 2}
		for pages := 0; ; pages++ {
			var p page
			s.Query(t, q, vars, &p)
			check("forward", p)
			if p.Search.PageInfo.HasPreviousPage != (pages > 0) {
				t.Errorf("forward page %d: hasPreviousPage %v", pages, p.Search.PageInfo.HasPreviousPage)
			}
			for _, e := range p.Search.Edges {
				forward = append(forward, e.Node.ID)
			}
			if !p.Search.PageInfo.HasNextPage || pages > 50 {
				break
			}
			vars["after"] = *p.Search.PageInfo.EndCursor
		}
		if len(forward) < 4 {
			t.Fatalf("only %d hits for developer", len(forward))
		}

		// Back from the end: the last page's last hit is the first cursor.
		var backward []string
		var end page
		s.Query(t, q, map[string]any{"first": 100}, &end)
		vars = map[string]any{"last": 2, "before": end.Search.Edges[len(end.Search.Edges)-1].Cursor}
		for pages := 0; ; pages++ {
			var p page
			s.Query(t, q, vars, &p)
			check("backward", p)
			if !p.Search.PageInfo.HasNextPage {
				t.Errorf("backward page %d: hasNextPage false, but the hit of before follows", pages)
			}
			var ids []string
			for _, e := range p.Search.Edges {
				ids = append(ids, e.Node.ID)
			}
			backward = append(ids, backward...)
			if !p.Search.PageInfo.HasPreviousPage || pages > 50 {
				break
			}
			vars["before"] = *p.Search.PageInfo.StartCursor
		}
		if want := forward[:len(forward)-1]; strings.Join(backward, ",") != strings.Join(want, ",") {
			t.Errorf("paging backward gave %v, want %v", backward, want)
		}

		for _, bad := range []struct{ query, field string }{
			{`{ search(query: "developer", last: 2) { totalCount } }`, "before"},
			{`{ search(query: "developer", before: "x") { totalCount } }`, "last"},
			{`{ search(query: "developer", last: 2, before: "bogus") { totalCount } }`, "before"},
			{`{ search(query: "developer", first: 2, last: 2) { totalCount } }`, "last"},
			{`{ search(query: "developer", last: 0, before: "x") { totalCount } }`, "last"},
		} {
			if e := s.Fails(t, bad.query, nil); e.Code() != "BAD_USER_INPUT" || e.Extensions["field"] != bad.field {
				t.Errorf("%s: %q %v, want BAD_USER_INPUT on %s", bad.query, e.Message, e.Extensions, bad.field)
			}
		}
	})
}
