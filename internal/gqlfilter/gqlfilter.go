// Package gqlfilter decides which `where` predicates the API offers: only those an index can
// serve, so that no filter a client is allowed to write turns into a table scan.
//
// entgql generates every predicate a field type supports. B-tree indexes serve equality, IN,
// ranges and ordering, but not substring matching (LIKE '%…%'), nor case-insensitive matching.
// Those are kept only on the text fields that people search by name — the fields listed in
// TextSearchable, which carry trigram (pg_trgm) indexes on PostgreSQL — and removed elsewhere.
package gqlfilter

import (
	"strings"

	"entgo.io/ent/entc/gen"
	"github.com/vektah/gqlparser/v2/ast"
)

// TextSearchable are the fields (GraphQL names) that keep substring and case-insensitive
// predicates. Each has a trigram index in the PostgreSQL migrations; a test checks that.
var TextSearchable = map[string]bool{"title": true, "name": true, "term": true}

// TextPredicates are the suffixes of the predicates that need a trigram index.
var TextPredicates = []string{"ContainsFold", "Contains", "HasPrefix", "HasSuffix", "EqualFold"}

// Hook is an entgql schema hook that removes the text predicates of other fields.
func Hook(_ *gen.Graph, s *ast.Schema) error {
	for name, def := range s.Types {
		if !strings.HasSuffix(name, "WhereInput") {
			continue
		}
		kept := def.Fields[:0]
		for _, f := range def.Fields {
			if base, ok := TextPredicateOf(f.Name); ok && !TextSearchable[base] {
				continue
			}
			kept = append(kept, f)
		}
		def.Fields = kept
	}
	return nil
}

// TextPredicateOf returns the field a text predicate (titleContainsFold) applies to (title).
func TextPredicateOf(input string) (field string, ok bool) {
	for _, suffix := range TextPredicates {
		if f, ok := strings.CutSuffix(input, suffix); ok && f != "" {
			return f, true
		}
	}
	return "", false
}
