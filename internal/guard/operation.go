package guard

import (
	"context"
	"slices"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"careergraph/internal/apierr"
)

// walk checks a validated operation's fields and adds up its cost, visiting each fragment once.
type walk struct {
	*Guard
	ctx  context.Context
	vars map[string]any
	// introspection reports whether the server answers schema introspection.
	introspection bool
	// frags remembers the cost of selecting each fragment once.
	frags map[*ast.FragmentDefinition]int
	// ownTree reports whether the operation's syntax tree is the request's own, which page may
	// then change.
	ownTree bool
}

// set checks the fields of ss and returns the cost of selecting ss once. The cost of selecting
// it n times is n times that, which is what lets a fragment's cost be remembered.
func (w *walk) set(ss ast.SelectionSet) (int, *gqlerror.Error) {
	cost := 0
	for _, sel := range ss {
		var c int
		switch s := sel.(type) {
		case *ast.Field:
			if e := w.field(s); e != nil {
				return 0, e
			}
			if len(s.SelectionSet) == 0 {
				continue // A scalar: no objects.
			}
			inner, e := w.set(s.SelectionSet)
			if e != nil {
				return 0, e
			}
			switch n, page := w.objects(s); {
			case page:
				// A connection: its own object, then up to n items below it.
				c = 1 + saturate(n, inner)
			default:
				c = saturate(n, 1+inner)
			}
		case *ast.InlineFragment:
			inner, e := w.set(s.SelectionSet)
			if e != nil {
				return 0, e
			}
			c = inner
		case *ast.FragmentSpread:
			if s.Definition == nil {
				continue
			}
			inner, seen := w.frags[s.Definition]
			if !seen {
				var e *gqlerror.Error
				if inner, e = w.set(s.Definition.SelectionSet); e != nil {
					return 0, e
				}
				w.frags[s.Definition] = inner
			}
			c = inner
		}
		cost = saturate(1, cost+c)
	}
	return cost, nil
}

// field checks one field's page size and arguments.
func (w *walk) field(f *ast.Field) *gqlerror.Error {
	if !w.introspection && (f.Name == "__schema" || f.Name == "__type") {
		e := apierr.New(apierr.Forbidden, "introspection is switched off on this server").GraphQL()
		e.Locations = at(f.Position)
		return e
	}
	if f.Definition == nil {
		return nil
	}
	if e := w.page(f); e != nil {
		return e
	}
	if e := w.lookup(f); e != nil {
		return e
	}
	return w.arguments(f)
}

// isConnection reports whether f pages with first and last.
func isConnection(def *ast.FieldDefinition) bool {
	return def != nil && def.Arguments.ForName("first") != nil && def.Arguments.ForName("last") != nil
}

// page bounds first and last of a connection. One asked for without either has the default page
// size written into the syntax tree, because entgql plans eager loading of nested connections
// from the tree, not from resolver arguments, which keeps one query per level however many
// parents there are. Where neither is written, DefaultPageSizes wrote it while the document was
// validated, before the server kept the tree for other requests. Where they are written as
// variables that are null in this request, the tree must change for this request alone: page
// asks for a tree of the request's own (errOwnTree) unless it already has one.
func (w *walk) page(f *ast.Field) *gqlerror.Error {
	if !isConnection(f.Definition) {
		return nil
	}
	args := f.ArgumentMap(w.vars)
	var given []string
	for _, name := range []string{"first", "last"} {
		raw, ok := args[name]
		if !ok || raw == nil {
			continue
		}
		given = append(given, name)
		n, err := graphql.UnmarshalInt(raw)
		if err != nil || n < 0 || n > w.MaxPage {
			e := apierr.Invalid(name, "%s on %s must be between 0 and %d", name, f.Name, w.MaxPage).GraphQL()
			e.Locations = at(f.Position)
			return e
		}
	}
	switch len(given) {
	case 0:
		if !w.ownTree {
			return errOwnTree
		}
		w.defaultPage(f)
	case 2:
		e := apierr.Invalid("last", "%s takes first or last, not both: first pages forward, last backward", f.Name).GraphQL()
		e.Locations = at(f.Position)
		return e
	}
	return nil
}

// errOwnTree is page's request for a syntax tree of the request's own.
var errOwnTree = &gqlerror.Error{Message: "the operation needs a syntax tree of its own"}

// defaultPage writes first: DefaultPage into a connection field that has neither first nor last
// written with a value (literal or variable) in this tree.
func (g *Guard) defaultPage(f *ast.Field) {
	f.Arguments = slices.DeleteFunc(slices.Clone(f.Arguments), func(a *ast.Argument) bool {
		return a.Name == "first" || a.Name == "last"
	})
	f.Arguments = append(f.Arguments, &ast.Argument{
		Name:     "first",
		Value:    &ast.Value{Kind: ast.IntValue, Raw: strconv.Itoa(g.DefaultPage), Position: f.Position},
		Position: f.Position,
	})
}

// lookup bounds the IDs of a node lookup (a list of Node by IDs, as `nodes(ids:)`).
func (w *walk) lookup(f *ast.Field) *gqlerror.Error {
	if w.MaxIDs <= 0 || !isNodeList(f.Definition) {
		return nil
	}
	for name, v := range f.ArgumentMap(w.vars) {
		if list, ok := v.([]any); ok && len(list) > w.MaxIDs {
			e := apierr.Invalid(name, "%s takes at most %d IDs at once", f.Name, w.MaxIDs).GraphQL()
			e.Locations = at(f.Position)
			return e
		}
	}
	return nil
}

func isNodeList(def *ast.FieldDefinition) bool {
	return def.Type.Elem != nil && def.Type.Elem.Name() == "Node"
}

// objects returns how many objects field f returns for each of its parent's: a connection's
// page size (page is true), the length of the list a list field is asked for (its `first`, or
// the longest list among its arguments, as the IDs of `nodes`), or one.
func (w *walk) objects(f *ast.Field) (n int, page bool) {
	def := f.Definition
	if def == nil {
		return 1, false
	}
	args := f.ArgumentMap(w.vars)
	if isConnection(def) {
		best := 0
		for _, name := range []string{"first", "last"} {
			if v, ok := args[name]; ok && v != nil {
				if n, err := graphql.UnmarshalInt(v); err == nil && n > best {
					best = n
				}
			}
		}
		return best, true
	}
	if def.Type.Elem == nil {
		return 1, false
	}
	if v, ok := args["first"]; ok && v != nil {
		if n, err := graphql.UnmarshalInt(v); err == nil && n >= 0 {
			return n, false
		}
	}
	n = 1
	for _, v := range args {
		if list, ok := v.([]any); ok {
			n = max(n, len(list))
		}
	}
	return n, false
}
