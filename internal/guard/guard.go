// Package guard checks every GraphQL request before anything runs, in two steps, and refuses
// it at the first limit it crosses.
//
//  1. Before validation, on the document as parsed (shape.go): depth, fields, aliases and
//     directives, and every input value, whether written in the document or sent as a variable
//     (nesting, list lengths, number of values, NUL characters). Fields are counted as execution
//     would see them, each fragment spread counting the fragment's fields again, but every
//     fragment is measured once and remembered, so a document that nests fragments to spread
//     them exponentially is measured in linear time and refused. Validation, whose cost grows
//     with the square of a selection set's fields, never runs on a document refused here.
//  2. After validation, on the operation with its types (operation.go): page sizes (bounded, and
//     defaulted in the syntax tree so that entgql plans eager loading with them), the IDs the
//     operation sends (ids.go), filters and orderings through types the viewer may not read
//     (personal data: filters.go), and the operation's cost. This too is one walk that visits
//     each fragment once.
//
// The cost of an operation is the number of objects it may return: every field that returns an
// object counts once for each object of its parent; a connection returns up to `first` (or
// `last`) objects, and a plain list up to `first` or as many as the IDs it is given
// (`nodes(ids:)`), so nested pages multiply. `professions(first: 100) { edges { node { title } } }`
// costs 1 + 100 + 100. Scalars are free. The cost is recorded in the response's extensions
// (`cost`), for clients to see what they spend; rate limits spend it too.
package guard

import (
	"context"
	"errors"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vektah/gqlparser/v2/validator/core"

	"careergraph/internal/apierr"
)

// Limits bound one operation. A zero limit is no limit, except for the page sizes.
type Limits struct {
	// MaxTokens bounds the document's tokens; the parser stops beyond it.
	MaxTokens int
	// MaxDepth bounds the nesting of fields; MaxFields the fields as execution would see them
	// (fragments counted at every spread); MaxAliases and MaxDirectives their kind in the
	// document as written.
	MaxDepth, MaxFields, MaxAliases, MaxDirectives int
	// MaxCost bounds the objects an operation may return.
	MaxCost int
	// MaxInputDepth bounds the nesting of one input value (objects and lists), MaxListItems the
	// items of one input list, MaxInputValues the values of all arguments and variables together.
	MaxInputDepth, MaxListItems, MaxInputValues int
	// MaxIDs bounds the IDs given to one node lookup (`nodes(ids:)`).
	MaxIDs int
	// DefaultPage is the page size of a connection asked for without first or last; MaxPage is
	// the largest first or last accepted.
	DefaultPage, MaxPage int
}

// Counters count the work the guard and the validator do, for tests and metrics. All fields
// are safe for concurrent use.
type Counters struct {
	// Documents counts the documents measured before validation; Steps the syntax nodes those
	// measurements visited.
	Documents, Steps atomic.Int64
	// Validated counts the documents that reached validation; ValidatorSteps the fields the
	// validator visited in them.
	Validated, ValidatorSteps atomic.Int64
	// Refused counts the operations the guard refused.
	Refused atomic.Int64
}

// Guard is a gqlgen handler extension; use a pointer: it reads the schema in Validate.
type Guard struct {
	Limits
	// Missing returns those of ids (all of GraphQL type typ) that do not exist.
	Missing func(ctx context.Context, typ string, ids []int) ([]int, error)
	// MayRead reports whether the viewer of ctx may read objects of GraphQL type typ. Filtering
	// or ordering by a type, or testing whether related objects of it exist, needs the same
	// right as reading it. Nil allows everything.
	MayRead func(ctx context.Context, typ string) bool
	// Counters, when set, count the work done.
	Counters *Counters

	schema *ast.Schema
	// refs maps "Input.field" of entgql's create and update inputs to the referenced type.
	refs map[string]string
	// known holds the texts of documents that passed the checks of MutateOperationParameters,
	// so that a document sent again is not parsed again for them.
	known *lru.LRU[struct{}]
}

// CachedDocuments is how many documents the server remembers as checked and validated, and
// CachedDocumentBytes the longest text it remembers one by: a front-end sends a few documents
// over and over, and a client sending ever new or huge ones must not fill the memory with them.
const CachedDocuments, CachedDocumentBytes = 128, 16 << 10

var (
	_ graphql.HandlerExtension          = &Guard{}
	_ graphql.OperationParameterMutator = &Guard{}
	_ graphql.OperationContextMutator   = &Guard{}
)

// ExtensionName implements graphql.HandlerExtension.
func (*Guard) ExtensionName() string { return "Guard" }

// Validate implements graphql.HandlerExtension: it learns the schema.
func (g *Guard) Validate(s graphql.ExecutableSchema) error {
	g.schema = s.Schema()
	g.refs = references(g.schema)
	g.known = lru.New[struct{}](CachedDocuments)
	return nil
}

// costKey names the cost in the operation's stats and the response's extensions.
const costKey = "cost"

// Cost returns the cost recorded for the operation of ctx, or 0.
func Cost(ctx context.Context) int {
	if !graphql.HasOperationContext(ctx) {
		return 0
	}
	n, _ := graphql.GetOperationContext(ctx).Stats.GetExtension(costKey).(int)
	return n
}

// MutateOperationParameters implements graphql.OperationParameterMutator: the checks of the
// document as parsed, before gqlgen validates it. It runs after the persisted-document
// extensions, which fill in the query of a request that sends only a hash.
func (g *Guard) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	if _, ok := g.knownGet(ctx, params.Query); ok {
		// Only the variables are new.
		m := measurer{Limits: g.Limits}
		e := m.variables(params.Variables)
		g.count(m.steps, e)
		return e
	}
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: params.Query}, g.MaxTokens)
	if err != nil {
		// Reported as gqlgen reports it, without parsing the document a second time.
		var e *gqlerror.Error
		if !errors.As(err, &e) {
			e = gqlerror.Wrap(err)
		}
		errcode.Set(e, errcode.ParseFailed)
		return e
	}
	m := measurer{Limits: g.Limits, doc: doc, frags: map[string]*shape{}}
	e := m.document()
	if e == nil && g.known != nil && len(params.Query) <= CachedDocumentBytes {
		g.known.Add(ctx, params.Query, struct{}{})
	}
	if e == nil {
		e = m.variables(params.Variables)
	}
	g.count(m.steps, e)
	return e
}

func (g *Guard) knownGet(ctx context.Context, query string) (struct{}, bool) {
	if g.known == nil { // Before Validate.
		return struct{}{}, false
	}
	return g.known.Get(ctx, query)
}

// count adds a document's checks to the counters.
func (g *Guard) count(steps int, refusal *gqlerror.Error) {
	if c := g.Counters; c != nil {
		c.Documents.Add(1)
		c.Steps.Add(int64(steps))
		if refusal != nil {
			c.Refused.Add(1)
		}
	}
}

// MutateOperationContext implements graphql.OperationContextMutator: the checks of the validated
// operation, which may be a tree kept for other requests too: page sizes that only this request
// leaves out go into a tree of its own (see page).
func (g *Guard) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	w := &walk{Guard: g, ctx: ctx, vars: oc.Variables, introspection: !oc.DisableIntrospection,
		frags: map[*ast.FragmentDefinition]int{}}
	cost, e := w.set(oc.Operation.SelectionSet)
	if e == errOwnTree {
		// The tree may be shared with other requests (the server keeps validated documents):
		// this request's page sizes go into a tree of its own, parsed again from the text.
		if e = ownTree(g.schema, oc, g.MaxTokens); e == nil {
			w.frags, w.ownTree = map[*ast.FragmentDefinition]int{}, true
			cost, e = w.set(oc.Operation.SelectionSet)
		}
	}
	oc.Stats.SetExtension(costKey, cost)
	if e == nil && g.MaxCost > 0 && cost > g.MaxCost {
		e = tooComplex("the query may return %d objects; at most %d are allowed: ask for smaller pages or fewer nested lists", cost, g.MaxCost)
		e.Extensions["maxCost"] = g.MaxCost
		e.Extensions["cost"] = cost
	}
	if e != nil && g.Counters != nil {
		g.Counters.Refused.Add(1)
	}
	return e
}

// ownTree gives oc a syntax tree of its own: its document parsed again, with the schema's
// definitions attached as validation attaches them. The text was validated already.
func ownTree(schema *ast.Schema, oc *graphql.OperationContext, maxTokens int) *gqlerror.Error {
	doc, err := parser.ParseQueryWithTokenLimit(&ast.Source{Input: oc.RawQuery}, maxTokens)
	if err != nil {
		return gqlerror.Wrap(err)
	}
	core.Walk(schema, doc, &core.Events{})
	op := doc.Operations.ForName(oc.OperationName)
	if op == nil {
		return gqlerror.Errorf("the operation %q is not in the document", oc.OperationName)
	}
	oc.Doc, oc.Operation = doc, op
	return nil
}

// DefaultPageSizes is a validation rule that writes the default page size into every connection
// field that has neither first nor last written: while the document is validated, so that the
// tree the server keeps for later requests already has them.
func (g *Guard) DefaultPageSizes(o *core.Events, _ core.AddErrFunc) {
	o.OnField(func(_ *core.Walker, f *ast.Field) {
		if isConnection(f.Definition) && f.Arguments.ForName("first") == nil && f.Arguments.ForName("last") == nil {
			g.defaultPage(f)
		}
	})
}

func tooComplex(format string, args ...any) *gqlerror.Error {
	return apierr.New(apierr.QueryTooComplex, format, args...).GraphQL()
}

// at returns the location of a node, for errors that point at it.
func at(pos *ast.Position) []gqlerror.Location {
	if pos == nil {
		return nil
	}
	return []gqlerror.Location{{Line: pos.Line, Column: pos.Column}}
}

// saturate multiplies without overflowing: costs beyond a billion are all "too much".
func saturate(a, b int) int {
	const ceiling = 1_000_000_000
	if a > 0 && b > ceiling/a {
		return ceiling
	}
	return min(a*b, ceiling)
}
