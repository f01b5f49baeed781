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
	mu     sync.Mutex
	args   map[*ast.Field]map[string]any
	fields map[selection][]graphql.CollectedField
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
	o.mu.Lock()
	args, ok := o.args[field.Field]
	o.mu.Unlock()
	if ok {
		return args, nil
	}
	args, err := parse(ctx, field.ArgumentMap(vars))
	if err != nil {
		return nil, err
	}
	o.mu.Lock()
	if o.args == nil {
		o.args = map[*ast.Field]map[string]any{}
	}
	o.args[field.Field] = args
	o.mu.Unlock()
	return args, nil
}

// Fields is graphql.CollectFields(op, set, satisfies), worked out once per selection set and
// type in the operation.
func (o *Operation) Fields(op *graphql.OperationContext, set ast.SelectionSet, satisfies []string) []graphql.CollectedField {
	key := selection{unsafe.SliceData(set), len(set), unsafe.SliceData(satisfies), len(satisfies)}
	o.mu.Lock()
	fields, ok := o.fields[key]
	o.mu.Unlock()
	if ok {
		return fields
	}
	fields = graphql.CollectFields(op, set, satisfies)
	o.mu.Lock()
	if o.fields == nil {
		o.fields = map[selection][]graphql.CollectedField{}
	}
	o.fields[key] = fields
	o.mu.Unlock()
	return fields
}
