package gqlexec

import (
	"bytes"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

func TestObjectWritesEachAliasOnce(t *testing.T) {
	field := func(alias string) graphql.CollectedField {
		return graphql.CollectedField{Field: &ast.Field{Alias: alias, Name: alias}}
	}
	var b bytes.Buffer
	Object([]graphql.CollectedField{field("slug"), field("title"), field("slug"), field("n")},
		[]graphql.Marshaler{graphql.MarshalString("baker"), graphql.MarshalString(`Bäcker "A"`), graphql.MarshalString("again"), graphql.Null}).MarshalGQL(&b)
	if want := `{"slug":"baker","title":"Bäcker \"A\"","n":null}`; b.String() != want {
		t.Errorf("wrote %s, want %s", b.String(), want)
	}
	b.Reset()
	Object(nil, nil).MarshalGQL(&b)
	if b.String() != "{}" {
		t.Errorf("an object without fields is %s", b.String())
	}
}
