// Package gqlexec holds what the generated GraphQL executor calls instead of gqlgen's own
// helpers, where ours fit careergraph better (see scripts/gqlgen).
package gqlexec

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// MarshalSlice marshals the elements of a list one after the other, in the calling goroutine.
//
// It stands in for graphql.MarshalSliceConcurrently, which starts a goroutine per element of
// every list of objects: 1,050 of them for a page of 50 professions with 10 skills each. Our
// lists never wait on I/O per element — edges are loaded with their page, and per-item fields
// load for all siblings at once (internal/batch) — so those goroutines only cost CPU.
//
// The arguments are those of graphql.MarshalSliceConcurrently; workerLimit has no use here. A
// panic in an element is reported as an error of that element and makes the list null, as
// there.
func MarshalSlice(ctx context.Context, length int, _ int64, omitPanicHandler bool,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	ret := make(graphql.Array, length)
	// One allocation each for the elements' field contexts and indexes, not two per element.
	contexts, indexes := make([]graphql.FieldContext, length), make([]int, length)
	for i := range length {
		indexes[i] = i
		contexts[i].Index = &indexes[i]
		childCtx := graphql.WithFieldContext(ctx, &contexts[i])
		if omitPanicHandler {
			ret[i] = marshalElement(childCtx, i)
			continue
		}
		if !marshalRecovering(childCtx, i, ret, marshalElement) {
			return nil
		}
	}
	return ret
}

// marshalRecovering sets ret[i], or reports the panic of marshalElement and returns false.
func marshalRecovering(ctx context.Context, i int, ret graphql.Array,
	marshalElement func(ctx context.Context, i int) graphql.Marshaler) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			graphql.AddError(ctx, graphql.Recover(ctx, r))
			ok = false
		}
	}()
	ret[i] = marshalElement(ctx, i)
	return true
}
