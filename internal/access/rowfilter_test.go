package access_test

import (
	"testing"

	gen "careergraph/ent"
	_ "careergraph/ent/runtime" // The storage rules, which register the row filters.
	"careergraph/internal/access"
)

// TestEveryFilteredTableHasARowFilter: a type whose queries are filtered for the caller (drafts,
// links to drafts) must filter the same rows when a filter reaches it through a relation, or
// `hasTrainingsWith: {slug: "a-draft"}` would tell an anonymous caller the draft exists.
func TestEveryFilteredTableHasARowFilter(t *testing.T) {
	if len(gen.FilteredTables) == 0 {
		t.Fatal("no table has an interceptor: the list is not generated")
	}
	for _, table := range gen.FilteredTables {
		if !access.FiltersRows(table) {
			t.Errorf("%s hides rows from some callers but has no row filter (ent/schema/mixin.go)", table)
		}
	}
}
