// Package gqlwalk visits the fields of a GraphQL operation, for checks that run before execution.
package gqlwalk

import (
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// Fields calls visit for every field the operation selects, through inline fragments and
// fragment spreads (each fragment once), parents before children, and stops at the first error.
func Fields(op *ast.OperationDefinition, visit func(*ast.Field) *gqlerror.Error) *gqlerror.Error {
	if op == nil {
		return nil
	}
	w := walker{visit: visit, seen: map[*ast.FragmentDefinition]bool{}}
	return w.selections(op.SelectionSet)
}

type walker struct {
	visit func(*ast.Field) *gqlerror.Error
	seen  map[*ast.FragmentDefinition]bool
}

func (w walker) selections(set ast.SelectionSet) *gqlerror.Error {
	for _, sel := range set {
		var err *gqlerror.Error
		switch s := sel.(type) {
		case *ast.Field:
			if err = w.visit(s); err == nil {
				err = w.selections(s.SelectionSet)
			}
		case *ast.InlineFragment:
			err = w.selections(s.SelectionSet)
		case *ast.FragmentSpread:
			if s.Definition != nil && !w.seen[s.Definition] {
				w.seen[s.Definition] = true
				err = w.selections(s.Definition.SelectionSet)
			}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// At returns the location of a node, for errors that point at it.
func At(pos *ast.Position) []gqlerror.Location {
	if pos == nil {
		return nil
	}
	return []gqlerror.Location{{Line: pos.Line, Column: pos.Column}}
}
