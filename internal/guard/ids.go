package guard

import (
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"careergraph/internal/access"
	"careergraph/internal/apierr"
	"careergraph/internal/gid"
)

// The IDs an operation sends are checked before it runs:
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

// references learns, from entgql's create and update inputs, which type each ID field refers to.
func references(schema *ast.Schema) map[string]string {
	refs := map[string]string{}
	for name, def := range schema.Types {
		typ, ok := mutationInputType(name)
		if !ok || schema.Types[typ] == nil {
			continue
		}
		for _, f := range def.Fields {
			if f.Type.Name() != "ID" {
				continue
			}
			if target := edgeTarget(schema.Types[typ], f.Name); target != "" {
				refs[name+"."+f.Name] = target
			}
		}
	}
	return refs
}

// arguments checks the IDs, and the filters' access, of a field's arguments.
func (w *walk) arguments(f *ast.Field) *gqlerror.Error {
	for _, arg := range f.Arguments {
		def := f.Definition.Arguments.ForName(arg.Name)
		if def == nil || arg.Value == nil {
			continue
		}
		v, err := arg.Value.Value(w.vars)
		if err != nil || v == nil {
			continue // Malformed values are the validator's business.
		}
		var e *gqlerror.Error
		switch input := w.schema.Types[def.Type.Name()]; {
		case directiveTarget(def.Directives) != "":
			e = w.ids(v, directiveTarget(def.Directives), arg.Name, true)
		case input != nil && input.Kind == ast.InputObject:
			e = w.input(input, v, arg.Name)
		}
		if e != nil {
			e.Locations = at(arg.Position)
			return e
		}
	}
	return nil
}

// input checks the IDs in a value of input type def, given in argument or input field field,
// and that the viewer may read every type the value filters or orders by.
func (w *walk) input(def *ast.Definition, v any, field string) *gqlerror.Error {
	if list, ok := v.([]any); ok {
		for _, item := range list {
			if e := w.input(def, item, field); e != nil {
				return e
			}
		}
		return nil
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	filtered, isWhere := strings.CutSuffix(def.Name, "WhereInput")
	if isWhere {
		if e := w.mayUse(filtered, "filter by"); e != nil {
			return e
		}
	} else if ordered, ok := strings.CutSuffix(def.Name, "Order"); ok && w.schema.Types[ordered] != nil {
		if e := w.mayUse(ordered, "order by"); e != nil {
			return e
		}
	}
	for name, fv := range obj {
		f := def.Fields.ForName(name)
		if f == nil || fv == nil {
			continue
		}
		if isWhere {
			// hasSkills: true tests for related objects as hasSkillsWith does.
			if with := def.Fields.ForName(name + "With"); with != nil && strings.HasPrefix(name, "has") {
				if e := w.mayUse(strings.TrimSuffix(with.Type.Name(), "WhereInput"), "filter by"); e != nil {
					return e
				}
			}
		}
		if f.Type.Name() == "ID" {
			var e *gqlerror.Error
			switch {
			case isWhere:
				e = w.ids(fv, filtered, field, false)
			case directiveTarget(f.Directives) != "":
				e = w.ids(fv, directiveTarget(f.Directives), name, true)
			case w.refs[def.Name+"."+name] != "":
				e = w.ids(fv, w.refs[def.Name+"."+name], name, true)
			}
			if e != nil {
				return e
			}
			continue
		}
		if nested := w.schema.Types[f.Type.Name()]; nested != nil && nested.Kind == ast.InputObject {
			next := field
			if !strings.HasSuffix(nested.Name, "WhereInput") {
				next = name
			}
			if e := w.input(nested, fv, next); e != nil {
				return e
			}
		}
	}
	return nil
}

// mayUse refuses a filter or an ordering through type typ when the viewer may not read typ:
// whether a registration with a given e-mail exists is as personal as the e-mail itself. The
// answer depends on who asks, never on the data, so a refusal reveals nothing.
func (w *walk) mayUse(typ, what string) *gqlerror.Error {
	if w.MayRead == nil || w.MayRead(w.ctx, typ) {
		return nil
	}
	code := apierr.Forbidden
	if access.FromContext(w.ctx).Kind == access.Anonymous {
		code = apierr.Unauthenticated
	}
	e := apierr.New(code, "only staff may %s %s objects", what, typ)
	return e.GraphQL()
}

// ids checks one ID or a list of them against type typ; existing, when the objects must exist.
func (w *walk) ids(v any, typ, field string, existing bool) *gqlerror.Error {
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
			return apierr.Invalid(field, "%s: %s", field, err.Error()).GraphQL()
		}
		keys = append(keys, key)
	}
	// Whether an object the viewer may not read exists is not the viewer's to learn: its type's
	// policy refuses the write itself, existing or not.
	if !existing || w.Missing == nil || len(keys) == 0 || (w.MayRead != nil && !w.MayRead(w.ctx, typ)) {
		return nil
	}
	missing, err := w.Missing(w.ctx, typ, keys)
	if err != nil {
		return apierr.Invalid(field, "%s: the IDs could not be checked", field).GraphQL()
	}
	if len(missing) > 0 {
		return apierr.NoObject(field, typ, missing[0]).GraphQL()
	}
	return nil
}

// directiveTarget returns the type named by a @references directive, or "".
func directiveTarget(ds ast.DirectiveList) string {
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
func edgeTarget(obj *ast.Definition, input string) string {
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
