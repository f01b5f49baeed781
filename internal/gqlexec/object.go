package gqlexec

import (
	"io"

	"github.com/99designs/gqlgen/graphql"
)

// Object returns what writes an object of the response: each collected field's alias and value,
// in order. It stands in for the graphql.FieldSet the generated code builds, whose MarshalGQL
// copies every field to the heap and fills a map of the aliases written, for each object of the
// response.
//
// As there, a field whose alias was written already is left out (graphql.CollectFields merges
// fields of the same alias, with rare exceptions); aliases are GraphQL names, which JSON needs
// no escaping for.
func Object(fields []graphql.CollectedField, values []graphql.Marshaler) graphql.Marshaler {
	return object{fields, values}
}

type object struct {
	fields []graphql.CollectedField
	values []graphql.Marshaler
}

func (o object) MarshalGQL(w io.Writer) {
	_, _ = io.WriteString(w, "{")
	for i := range o.fields {
		if o.written(i) {
			continue
		}
		if i > 0 {
			_, _ = io.WriteString(w, `,"`)
		} else {
			_, _ = io.WriteString(w, `"`)
		}
		_, _ = io.WriteString(w, o.fields[i].Alias)
		_, _ = io.WriteString(w, `":`)
		o.values[i].MarshalGQL(w)
	}
	_, _ = io.WriteString(w, "}")
}

// written reports whether a field before the i-th has its alias. Objects have a few fields, so
// comparing costs less than the map a set would need.
func (o object) written(i int) bool {
	for j := range i {
		if o.fields[j].Alias == o.fields[i].Alias {
			return true
		}
	}
	return false
}

// Fields holds the values of an object's fields while they are resolved, in the order of the
// collected fields, and how many of them are invalid (null where the schema says non-null). It
// is what the generated code used a graphql.FieldSet for in objects whose fields are resolved in
// place; a plain value, it lives on the stack.
type Fields struct {
	Values   []graphql.Marshaler
	Invalids uint32
}
