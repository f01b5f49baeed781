package gqlexec

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// A field's arguments are parsed when the operation first resolves it and reused for every
// other object it is resolved on; two fields of the document (an alias with other arguments)
// are parsed each on its own, and arguments that fail to parse are parsed, and fail, each time.
func TestOperationParsesEachFieldsArgumentsOnce(t *testing.T) {
	definition := &ast.FieldDefinition{Name: "sessions", Arguments: ast.ArgumentDefinitionList{
		{Name: "first", Type: ast.NamedType("Int", nil)},
	}}
	field := func(first string) graphql.CollectedField {
		return graphql.CollectedField{Field: &ast.Field{Name: "sessions", Definition: definition, Arguments: ast.ArgumentList{
			{Name: "first", Value: &ast.Value{Kind: ast.Variable, Raw: first}},
		}}}
	}
	vars := map[string]any{"five": int64(5), "two": int64(2), "zero": int64(0)}
	var mu sync.Mutex
	parses := map[any]int{}
	parse := func(_ context.Context, raw map[string]any) (map[string]any, error) {
		mu.Lock()
		defer mu.Unlock()
		parses[raw["first"]]++
		if raw["first"] == int64(0) {
			return nil, errors.New("first must be positive")
		}
		return map[string]any{"first": raw["first"]}, nil
	}
	var op Operation
	five, two, zero := field("five"), field("two"), field("zero")
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for _, f := range []graphql.CollectedField{five, two} {
				got, err := op.Args(context.Background(), f, vars, parse)
				if err != nil || got["first"] != vars[f.Arguments[0].Value.Raw] {
					t.Errorf("arguments of $%s: %v, %v", f.Arguments[0].Value.Raw, got, err)
				}
			}
		})
	}
	wg.Wait()
	before := fmt.Sprint(parses)
	for range 100 {
		_, _ = op.Args(context.Background(), five, vars, parse)
		_, _ = op.Args(context.Background(), two, vars, parse)
	}
	if fmt.Sprint(parses) != before || parses[int64(5)] > 8 || parses[int64(2)] > 8 {
		t.Errorf("parses by value of first: %v after the first resolutions, %v after 200 more; want none more", before, parses)
	}
	for range 3 {
		if _, err := op.Args(context.Background(), zero, vars, parse); err == nil {
			t.Error("arguments that do not parse: no error")
		}
	}
	if parses[int64(0)] != 3 {
		t.Errorf("arguments that fail parsed %d times in 3 resolutions, want 3 (errors are not kept)", parses[int64(0)])
	}
}

// The fields of a selection set are collected once per type in an operation, as gqlgen's own
// CollectFields would collect them; another selection set, or another type, is collected anew.
func TestOperationCollectsFieldsOncePerSelectionAndType(t *testing.T) {
	opCtx := &graphql.OperationContext{Variables: map[string]any{}}
	set := ast.SelectionSet{
		&ast.Field{Alias: "title", Name: "title"},
		&ast.InlineFragment{TypeCondition: "Training", SelectionSet: ast.SelectionSet{&ast.Field{Alias: "price", Name: "price"}}},
	}
	other := ast.SelectionSet{&ast.Field{Alias: "slug", Name: "slug"}}
	training, profession := []string{"Training", "Node"}, []string{"Profession", "Node"}
	names := func(fields []graphql.CollectedField) (out []string) {
		for _, f := range fields {
			out = append(out, f.Alias)
		}
		return out
	}
	var op Operation
	first := op.Fields(opCtx, set, training)
	if got := fmt.Sprint(names(first)); got != "[title price]" {
		t.Fatalf("fields of a training: %s", got)
	}
	// gqlgen keeps collected fields in the operation context too: a new one shows that these
	// come from the Operation.
	if again := op.Fields(&graphql.OperationContext{Variables: map[string]any{}}, set, training); &again[0] != &first[0] {
		t.Error("the same selection set and type collected again")
	}
	if got := fmt.Sprint(names(op.Fields(opCtx, set, profession))); got != "[title]" {
		t.Errorf("fields of a profession: %s", got)
	}
	if got := fmt.Sprint(names(op.Fields(opCtx, other, training))); got != "[slug]" {
		t.Errorf("fields of another selection set: %s", got)
	}
}
