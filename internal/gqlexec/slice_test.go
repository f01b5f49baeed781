package gqlexec

import (
	"bytes"
	"context"
	"strconv"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

func elementsCtx() context.Context {
	ctx := graphql.WithResponseContext(context.Background(), graphql.DefaultErrorPresenter, graphql.DefaultRecover)
	return graphql.WithFieldContext(ctx, &graphql.FieldContext{Field: graphql.CollectedField{Field: &ast.Field{Alias: "edges"}}})
}

func TestMarshalSliceKeepsOrderAndIndexes(t *testing.T) {
	ctx := elementsCtx()
	got := MarshalSlice(ctx, 4, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		fc := graphql.GetFieldContext(ctx)
		if fc.Index == nil || *fc.Index != i {
			t.Errorf("element %d sees index %v", i, fc.Index)
		}
		if p := graphql.GetPath(ctx).String(); p != "edges["+strconv.Itoa(i)+"]" {
			t.Errorf("element %d has path %q", i, p)
		}
		return graphql.MarshalInt(i * 10)
	})
	var b bytes.Buffer
	got.MarshalGQL(&b)
	if b.String() != "[0,10,20,30]" {
		t.Errorf("marshalled %s, want the elements in order", b.String())
	}
}

// A panic in one element is that element's error, at its path, and the list is null, as with
// gqlgen's concurrent marshalling.
func TestMarshalSliceReportsAPanicAtItsElement(t *testing.T) {
	ctx := elementsCtx()
	got := MarshalSlice(ctx, 3, 0, false, func(ctx context.Context, i int) graphql.Marshaler {
		if i == 1 {
			panic("broken element")
		}
		return graphql.MarshalInt(i)
	})
	if got != nil {
		t.Errorf("list after a panic = %v, want nil", got)
	}
	errs := graphql.GetErrors(ctx)
	if len(errs) != 1 || errs[0].Path.String() != "edges[1]" {
		t.Fatalf("errors %v, want one at edges[1]", errs)
	}
}
