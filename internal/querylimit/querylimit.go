// Package querylimit refuses, before anything runs, GraphQL operations that would cost the server
// too much: too deep, too many aliases or directives, or too expensive.
//
// The cost of an operation is the number of objects it may return: every field that returns an
// object counts once for each object of its parent, and a connection returns up to `first` (or
// `last`) objects, so nested pages multiply. `professions(first: 100) { edges { node { title } } }`
// costs 1 + 100 + 100. Scalars are free. The cost is recorded in the response's extensions
// (`cost`), for clients to see what they spend; rate limits spend it too.
//
// Page sizes must already be bounded and defaulted (internal/pagesize runs first).
package querylimit

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"careergraph/internal/apierr"
	"careergraph/internal/gqlwalk"
)

// Limits is a gqlgen handler extension. A zero limit is no limit.
type Limits struct {
	MaxDepth, MaxAliases, MaxDirectives, MaxCost int
}

var (
	_ graphql.HandlerExtension        = Limits{}
	_ graphql.OperationContextMutator = Limits{}
)

// ExtensionName implements graphql.HandlerExtension.
func (Limits) ExtensionName() string { return "QueryLimits" }

// Validate implements graphql.HandlerExtension.
func (Limits) Validate(graphql.ExecutableSchema) error { return nil }

// costKey names the cost in the operation's stats and the response's extensions.
const costKey = "cost"

// Measure is what an operation asks of the server.
type Measure struct {
	Depth, Aliases, Directives, Cost int
}

// MutateOperationContext implements graphql.OperationContextMutator.
func (l Limits) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	m := Of(oc.Operation, oc.Variables)
	oc.Stats.SetExtension(costKey, m.Cost)
	switch {
	case l.MaxDepth > 0 && m.Depth > l.MaxDepth:
		return tooComplex(fmt.Sprintf("the query is %d levels deep; at most %d are allowed", m.Depth, l.MaxDepth), m)
	case l.MaxAliases > 0 && m.Aliases > l.MaxAliases:
		return tooComplex(fmt.Sprintf("the query has %d aliases; at most %d are allowed", m.Aliases, l.MaxAliases), m)
	case l.MaxDirectives > 0 && m.Directives > l.MaxDirectives:
		return tooComplex(fmt.Sprintf("the query has %d directives; at most %d are allowed", m.Directives, l.MaxDirectives), m)
	case l.MaxCost > 0 && m.Cost > l.MaxCost:
		e := tooComplex(fmt.Sprintf("the query may return %d objects; at most %d are allowed: ask for smaller pages or fewer nested lists", m.Cost, l.MaxCost), m)
		e.Extensions["maxCost"] = l.MaxCost
		return e
	}
	return nil
}

// Cost returns the cost recorded for the operation of ctx, or 0.
func Cost(ctx context.Context) int {
	if !graphql.HasOperationContext(ctx) {
		return 0
	}
	n, _ := graphql.GetOperationContext(ctx).Stats.GetExtension(costKey).(int)
	return n
}

func tooComplex(msg string, m Measure) *gqlerror.Error {
	e := apierr.New(apierr.QueryTooComplex, "%s", msg).GraphQL()
	e.Extensions["cost"] = m.Cost
	return e
}

// Of measures an operation.
func Of(op *ast.OperationDefinition, vars map[string]any) Measure {
	var m Measure
	count := func(ds ast.DirectiveList) { m.Directives += len(ds) }
	count(op.Directives)
	_ = gqlwalk.Fields(op, func(f *ast.Field) *gqlerror.Error {
		if f.Alias != "" && f.Alias != f.Name {
			m.Aliases++
		}
		count(f.Directives)
		return nil
	})
	m.Depth, m.Cost = measure(op.SelectionSet, vars, 1)
	return m
}

// measure returns the depth and the cost of a selection set selected mult times.
func measure(set ast.SelectionSet, vars map[string]any, mult int) (depth, cost int) {
	for _, sel := range set {
		var d, c int
		switch s := sel.(type) {
		case *ast.Field:
			if len(s.SelectionSet) == 0 {
				d = 1 // A scalar: one level, no objects.
				break
			}
			n := mult
			if page := pageSize(s, vars); page >= 0 {
				// A connection: its own object, then up to page items below it.
				c = mult
				n = saturate(mult, page)
			} else {
				c = mult
			}
			cd, cc := measure(s.SelectionSet, vars, n)
			d, c = cd+1, saturate(1, c+cc)
		case *ast.InlineFragment:
			d, c = measure(s.SelectionSet, vars, mult)
		case *ast.FragmentSpread:
			if s.Definition != nil {
				d, c = measure(s.Definition.SelectionSet, vars, mult)
			}
		}
		depth = max(depth, d)
		cost = saturate(1, cost+c)
	}
	return depth, cost
}

// pageSize returns first or last of a connection field, or -1 for other fields.
func pageSize(f *ast.Field, vars map[string]any) int {
	if f.Definition == nil || f.Definition.Arguments.ForName("first") == nil || f.Definition.Arguments.ForName("last") == nil {
		return -1
	}
	args := f.ArgumentMap(vars)
	best := 0
	for _, name := range []string{"first", "last"} {
		if v, ok := args[name]; ok && v != nil {
			if n, err := graphql.UnmarshalInt(v); err == nil && n > best {
				best = n
			}
		}
	}
	return best
}

// saturate multiplies without overflowing: costs beyond a billion are all "too much".
func saturate(a, b int) int {
	const ceiling = 1_000_000_000
	if a > 0 && b > ceiling/a {
		return ceiling
	}
	return a * b
}
