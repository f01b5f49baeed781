// Package idcheck rejects, before execution, IDs of the wrong type in filters: in
// `professions(where: {id: …})` the ID must be a Profession's, in `hasSkillWith: {idIn: […]}` a
// Skill's. IDs never collide across types, so a wrong one could only ever match nothing; a client
// that sends one has made a mistake, and hears about it as BAD_USER_INPUT naming both types.
package idcheck

import (
	"context"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"careergraph/internal/apierr"
	"careergraph/internal/gid"
	"careergraph/internal/gqlwalk"
)

// Filters is a gqlgen handler extension; use a pointer (&Filters{}): it keeps the schema that
// gqlgen hands it in Validate.
type Filters struct {
	schema *ast.Schema
}

var (
	_ graphql.HandlerExtension        = &Filters{}
	_ graphql.OperationContextMutator = &Filters{}
)

// ExtensionName implements graphql.HandlerExtension.
func (*Filters) ExtensionName() string { return "TypedFilterIDs" }

// Validate implements graphql.HandlerExtension.
func (f *Filters) Validate(s graphql.ExecutableSchema) error {
	f.schema = s.Schema()
	return nil
}

// MutateOperationContext implements graphql.OperationContextMutator: it reads, never changes.
func (f *Filters) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	c := checker{schema: f.schema, vars: oc.Variables}
	return gqlwalk.Fields(oc.Operation, c.field)
}

type checker struct {
	schema *ast.Schema
	vars   map[string]any
}

func (c checker) field(f *ast.Field) *gqlerror.Error {
	for _, arg := range f.Arguments {
		if arg.Value == nil || arg.Value.ExpectedType == nil || arg.Value.Definition == nil {
			continue
		}
		if !strings.HasSuffix(arg.Value.ExpectedType.Name(), "WhereInput") {
			continue
		}
		v, err := arg.Value.Value(c.vars)
		if err != nil {
			continue // Malformed values are the validator's business.
		}
		if msg := c.check(arg.Value.Definition, v, arg.Name); msg != "" {
			e := apierr.Invalid(arg.Name, "%s", msg).GraphQL()
			e.Locations = gqlwalk.At(arg.Position)
			return e
		}
	}
	return nil
}

// check walks a where-input value of definition def, returning a message for the first ID that
// does not belong to def's type. The schema's input definitions give the nested types.
func (c checker) check(def *ast.Definition, v any, path string) string {
	typ, _ := strings.CutSuffix(def.Name, "WhereInput")
	switch val := v.(type) {
	case []any:
		for _, item := range val {
			if msg := c.check(def, item, path); msg != "" {
				return msg
			}
		}
	case map[string]any:
		for name, fv := range val {
			f := def.Fields.ForName(name)
			if f == nil || fv == nil {
				continue
			}
			if f.Type.Name() == "ID" {
				if msg := checkIDs(fv, typ, path+"."+name); msg != "" {
					return msg
				}
				continue
			}
			if nested := c.schema.Types[f.Type.Name()]; nested != nil && nested.Kind == ast.InputObject {
				if msg := c.check(nested, fv, path+"."+name); msg != "" {
					return msg
				}
			}
		}
	}
	return ""
}

func checkIDs(v any, typ, path string) string {
	if list, ok := v.([]any); ok {
		for _, item := range list {
			if msg := checkIDs(item, typ, path); msg != "" {
				return msg
			}
		}
		return ""
	}
	s, ok := v.(string)
	if !ok {
		return ""
	}
	if _, err := gid.DecodeAs(s, typ); err != nil {
		return path + ": " + err.Error()
	}
	return ""
}
