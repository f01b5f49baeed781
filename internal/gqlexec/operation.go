package gqlexec

import (
	"context"
	"sync"
	"unsafe"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// Operation keeps, for one operation, what depends only on its document and variables, so that
// the executor works it out once for each place of the document rather than for each object
// resolved there (scripts/gqlgen gives each execution one):
//
//   - a field's arguments: gqlgen parses them each time it resolves the field, for instance a
//     training's sessions' where, orderBy and first for each of a page's trainings;
//   - the fields of a selection set for an object type: gqlgen keeps them too, but finds them
//     by a key it hashes anew for each object.
type Operation struct {
	args   memo[*ast.Field, map[string]any]
	fields memo[selection, []graphql.CollectedField]
}

// selection is a selection set of the document, and the type names an object satisfies, both
// by where their elements are: the executor passes the document's own slices and the same
// package-level list of names for a type each time.
type selection struct {
	set       *ast.Selection
	size      int
	satisfies *string
	names     int
}

// Args returns the arguments of field, parsed by parse from the document and vars when the
// operation first resolves the field, and the same map after that; resolvers read it and never
// change it. Arguments that do not parse are not kept: each resolution reports its error.
func (o *Operation) Args(ctx context.Context, field graphql.CollectedField, vars map[string]any,
	parse func(context.Context, map[string]any) (map[string]any, error),
) (map[string]any, error) {
	return o.args.get(field.Field, func() (map[string]any, error) { return parse(ctx, field.ArgumentMap(vars)) })
}

// Fields is graphql.CollectFields(op, set, satisfies), worked out once per selection set and
// type in the operation.
func (o *Operation) Fields(op *graphql.OperationContext, set ast.SelectionSet, satisfies []string) []graphql.CollectedField {
	key := selection{unsafe.SliceData(set), len(set), unsafe.SliceData(satisfies), len(satisfies)}
	fields, _ := o.fields.get(key, func() ([]graphql.CollectedField, error) {
		return graphql.CollectFields(op, set, satisfies), nil
	})
	return fields
}

// memo remembers the values compute returns, by key, for the operation's goroutines (the
// root fields run concurrently). A value is computed outside the lock, so two goroutines may
// compute the same one at once, which is harmless; an error is not remembered.
type memo[K comparable, V any] struct {
	mu     sync.Mutex
	values map[K]V
}

func (m *memo[K, V]) get(key K, compute func() (V, error)) (V, error) {
	m.mu.Lock()
	v, ok := m.values[key]
	m.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := compute()
	if err != nil {
		return v, err
	}
	m.mu.Lock()
	if m.values == nil {
		m.values = map[K]V{}
	}
	m.values[key] = v
	m.mu.Unlock()
	return v, nil
}
