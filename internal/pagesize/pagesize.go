// Package pagesize bounds the pages of every connection in a GraphQL operation, before anything
// runs: `first`/`last` above the maximum (or below zero) is a BAD_USER_INPUT error naming the
// argument, and a connection asked for without either gets the default page size.
//
// The default is written into the operation's syntax tree, because entgql plans its eager loading
// of nested connections from that tree, not from resolver arguments: that keeps one query per
// level however many parents there are. The tree is the request's own (the server keeps no cache
// of parsed documents), so editing it affects no other request.
package pagesize

import (
	"context"
	"strconv"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"careergraph/internal/apierr"
	"careergraph/internal/gqlwalk"
)

// Limits is a gqlgen handler extension.
type Limits struct {
	// Default is the page size of a connection asked for without first or last.
	Default int
	// Max is the largest first or last accepted.
	Max int
}

var (
	_ graphql.HandlerExtension        = Limits{}
	_ graphql.OperationContextMutator = Limits{}
)

// ExtensionName implements graphql.HandlerExtension.
func (Limits) ExtensionName() string { return "PageSize" }

// Validate implements graphql.HandlerExtension.
func (Limits) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationContext implements graphql.OperationContextMutator.
func (l Limits) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	return gqlwalk.Fields(oc.Operation, func(f *ast.Field) *gqlerror.Error { return l.field(f, oc.Variables) })
}

// field checks one field; only connection fields take both first and last.
func (l Limits) field(f *ast.Field, vars map[string]any) *gqlerror.Error {
	def := f.Definition
	if def == nil || def.Arguments.ForName("first") == nil || def.Arguments.ForName("last") == nil {
		return nil
	}
	args := f.ArgumentMap(vars)
	given := false
	for _, name := range []string{"first", "last"} {
		raw, ok := args[name]
		if !ok || raw == nil {
			continue
		}
		given = true
		n, err := graphql.UnmarshalInt(raw)
		if err != nil || n < 0 || n > l.Max {
			e := apierr.Invalid(name, "%s on %s must be between 0 and %d", name, f.Name, l.Max).GraphQL()
			e.Locations = gqlwalk.At(f.Position)
			return e
		}
	}
	if !given {
		f.Arguments = append(f.Arguments, &ast.Argument{
			Name:     "first",
			Value:    &ast.Value{Kind: ast.IntValue, Raw: strconv.Itoa(l.Default), Position: f.Position},
			Position: f.Position,
		})
	}
	return nil
}
