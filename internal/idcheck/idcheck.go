// Package idcheck checks, before execution, the IDs an operation sends.
//
//   - In filters, an ID must be of the filtered type: in `professions(where: {id: …})` a
//     Profession's, in `hasSkillWith: {idIn: […]}` a Skill's. IDs never collide across types, so
//     a wrong one could only match nothing; the client has made a mistake and is told so.
//   - In writes, an ID must be of the type the field refers to, and the object must exist: a
//     training's `skillIDs` must name skills. The error names the input field, as a form would.
//
// Target types come from the schema: where-inputs filter the type they are named after; in
// entgql's create and update inputs, `fooIDs`/`addFooIDs`/`fooID` refer to the type of the
// object's `foo(s)` field; hand-written arguments and input fields say it with the directive
// @references(type: "…"). Foreign keys remain the final guarantee.
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

// Checker is a gqlgen handler extension; use a pointer: it reads the schema in Validate.
type Checker struct {
	// Missing returns those of ids (all of type typ) that do not exist.
	Missing func(ctx context.Context, typ string, ids []int) ([]int, error)

	schema *ast.Schema
	// refs maps "Input.field" of entgql's create and update inputs to the referenced type.
	refs map[string]string
}

var (
	_ graphql.HandlerExtension        = &Checker{}
	_ graphql.OperationContextMutator = &Checker{}
)

// ExtensionName implements graphql.HandlerExtension.
func (*Checker) ExtensionName() string { return "IDChecks" }

// Validate implements graphql.HandlerExtension: it learns the target types from the schema.
func (c *Checker) Validate(s graphql.ExecutableSchema) error {
	c.schema = s.Schema()
	c.refs = map[string]string{}
	for name, def := range c.schema.Types {
		typ, ok := mutationInputType(name)
		if !ok || c.schema.Types[typ] == nil {
			continue
		}
		for _, f := range def.Fields {
			if f.Type.Name() != "ID" {
				continue
			}
			if target := c.edgeTarget(c.schema.Types[typ], f.Name); target != "" {
				c.refs[name+"."+f.Name] = target
			}
		}
	}
	return nil
}

// MutateOperationContext implements graphql.OperationContextMutator: it reads, never changes.
func (c *Checker) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	r := run{Checker: c, ctx: ctx, vars: oc.Variables}
	return gqlwalk.Fields(oc.Operation, r.field)
}

type run struct {
	*Checker
	ctx  context.Context
	vars map[string]any
}

// problem is a rejected ID: the field it came in and why.
type problem struct{ field, msg string }

func (r run) field(f *ast.Field) *gqlerror.Error {
	if f.Definition == nil {
		return nil
	}
	for _, arg := range f.Arguments {
		def := f.Definition.Arguments.ForName(arg.Name)
		if def == nil || arg.Value == nil {
			continue
		}
		v, err := arg.Value.Value(r.vars)
		if err != nil || v == nil {
			continue // Malformed values are the validator's business.
		}
		var p *problem
		switch {
		case references(def.Directives) != "":
			p = r.ids(v, references(def.Directives), arg.Name, true)
		case r.schema.Types[def.Type.Name()] != nil && r.schema.Types[def.Type.Name()].Kind == ast.InputObject:
			p = r.input(r.schema.Types[def.Type.Name()], v, arg.Name)
		}
		if p != nil {
			e := apierr.Invalid(p.field, "%s", p.msg).GraphQL()
			e.Locations = gqlwalk.At(arg.Position)
			return e
		}
	}
	return nil
}

// input checks the IDs in a value of input type def.
func (r run) input(def *ast.Definition, v any, field string) *problem {
	if list, ok := v.([]any); ok {
		for _, item := range list {
			if p := r.input(def, item, field); p != nil {
				return p
			}
		}
		return nil
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	filtered, isWhere := strings.CutSuffix(def.Name, "WhereInput")
	for name, fv := range obj {
		f := def.Fields.ForName(name)
		if f == nil || fv == nil {
			continue
		}
		if f.Type.Name() == "ID" {
			var p *problem
			switch {
			case isWhere:
				p = r.ids(fv, filtered, field, false)
			case references(f.Directives) != "":
				p = r.ids(fv, references(f.Directives), name, true)
			case r.refs[def.Name+"."+name] != "":
				p = r.ids(fv, r.refs[def.Name+"."+name], name, true)
			}
			if p != nil {
				return p
			}
			continue
		}
		if nested := r.schema.Types[f.Type.Name()]; nested != nil && nested.Kind == ast.InputObject {
			next := field
			if !strings.HasSuffix(nested.Name, "WhereInput") {
				next = name
			}
			if p := r.input(nested, fv, next); p != nil {
				return p
			}
		}
	}
	return nil
}

// ids checks one ID or a list of them against type typ; existing, when the objects must exist.
func (r run) ids(v any, typ, field string, existing bool) *problem {
	var raw []any
	if list, ok := v.([]any); ok {
		raw = list
	} else {
		raw = []any{v}
	}
	keys := make([]int, 0, len(raw))
	for _, item := range raw {
		s, ok := item.(string)
		if !ok {
			continue
		}
		key, err := gid.DecodeAs(s, typ)
		if err != nil {
			return &problem{field, field + ": " + err.Error()}
		}
		keys = append(keys, key)
	}
	if !existing || r.Missing == nil || len(keys) == 0 {
		return nil
	}
	missing, err := r.Missing(r.ctx, typ, keys)
	if err != nil {
		return &problem{field, field + ": the IDs could not be checked"}
	}
	if len(missing) > 0 {
		return &problem{field, field + ": no " + typ + " has the ID " + gid.Encode(missing[0])}
	}
	return nil
}

// references returns the type named by a @references directive, or "".
func references(ds ast.DirectiveList) string {
	d := ds.ForName("references")
	if d == nil {
		return ""
	}
	if a := d.Arguments.ForName("type"); a != nil && a.Value != nil {
		return a.Value.Raw
	}
	return ""
}

// mutationInputType returns T for entgql's CreateTInput and UpdateTInput.
func mutationInputType(name string) (string, bool) {
	for _, prefix := range []string{"Create", "Update"} {
		if rest, ok := strings.CutPrefix(name, prefix); ok {
			if t, ok := strings.CutSuffix(rest, "Input"); ok && t != "" {
				return t, true
			}
		}
	}
	return "", false
}

// edgeTarget finds the type an input field (skillIDs, addSkillIDs, providerID) refers to, from
// the object's field of the same edge (skills: SkillConnection, provider: Provider).
func (c *Checker) edgeTarget(obj *ast.Definition, input string) string {
	base := input
	for _, prefix := range []string{"add", "remove"} {
		if rest, ok := strings.CutPrefix(base, prefix); ok && rest != "" && rest[0] >= 'A' && rest[0] <= 'Z' {
			base = strings.ToLower(rest[:1]) + rest[1:]
		}
	}
	var candidates []string
	if b, ok := strings.CutSuffix(base, "IDs"); ok {
		candidates = []string{b + "s", b, strings.TrimSuffix(b, "y") + "ies", b + "es"}
	} else if b, ok := strings.CutSuffix(base, "ID"); ok {
		candidates = []string{b}
	}
	for _, cand := range candidates {
		if f := obj.Fields.ForName(cand); f != nil {
			return strings.TrimSuffix(f.Type.Name(), "Connection")
		}
	}
	return ""
}
