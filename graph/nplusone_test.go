package graph_test

import (
	"testing"

	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/testdb"
)

// TestNestedListsCostTheSameForAnyPageSize shows there is no N+1: the number of SQL statements
// behind a nested list query does not depend on how many parents the page holds.
func TestNestedListsCostTheSameForAnyPageSize(t *testing.T) {
	queries := map[string]string{
		"ProfessionsSkills": `query($n: Int) { professions(first: $n) { totalCount edges { node {
		    title group { name }
		    skills(first: 20) { totalCount edges { node { importance skill { name trainings(first: 5) { totalCount edges { node { title } } } } } } }
		} } } }`,
		"TrainingsSessions": `query($n: Int) { trainings(first: $n) { totalCount edges { node {
		    title provider { name }
		    sessions(first: 100, orderBy: [{field: STARTS_AT}]) { totalCount edges { node { startsAt city seatsLeft } } }
		    skills(first: 10) { totalCount edges { node { name } } }
		} } } }`,
	}
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		for name, q := range queries {
			t.Run(name, func(t *testing.T) {
				count := func(n int) (statements int64, rows int) {
					var data map[string]struct{ Edges []any }
					s.Statements.Store(0)
					s.Query(t, q, map[string]any{"n": n}, &data)
					for _, c := range data {
						rows = len(c.Edges)
					}
					return s.Statements.Load(), rows
				}
				one, rows1 := count(1)
				hundred, rows100 := count(100)
				if rows1 != 1 || rows100 < 10 {
					t.Fatalf("pages hold %d and %d rows; the comparison needs 1 and many", rows1, rows100)
				}
				if one != hundred {
					t.Errorf("%d statements for a page of 1, %d for a page of %d: work grows with the page", one, hundred, rows100)
				}
				t.Logf("%s: %d statements for a page of 1 and for a page of %d", d, one, rows100)
			})
		}
	})
}
