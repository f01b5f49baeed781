package graph_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"careergraph/graph"
)

// TestNoBreakingChangeSinceTheRelease compares the schema served with the last released one
// (schema/contract/released.graphql): a client written against the release must keep working.
// Additions are fine; removing or retyping what a client may use is not, unless released.graphql
// is moved forward with a CHANGELOG.md entry that names the break.
func TestNoBreakingChangeSinceTheRelease(t *testing.T) {
	raw, err := os.ReadFile("../schema/contract/released.graphql")
	if err != nil {
		t.Fatal(err)
	}
	released, gqlErr := gqlparser.LoadSchema(&ast.Source{Name: "released.graphql", Input: string(raw)})
	if gqlErr != nil {
		t.Fatal(gqlErr)
	}
	for _, b := range breakingChanges(released, graph.NewSchema(graph.Deps{}).Schema()) {
		t.Error(b)
	}
}

// TestDeprecationsSayWhy: every deprecated field, argument and enum value tells clients what to
// use instead.
func TestDeprecationsSayWhy(t *testing.T) {
	s := graph.NewSchema(graph.Deps{}).Schema()
	check := func(where string, ds ast.DirectiveList) {
		d := ds.ForName("deprecated")
		if d == nil {
			return
		}
		if r := d.Arguments.ForName("reason"); r == nil || r.Value == nil || strings.TrimSpace(r.Value.Raw) == "" || r.Value.Raw == "No longer supported" {
			t.Errorf("%s is deprecated without a reason", where)
		}
	}
	for _, def := range s.Types {
		for _, f := range def.Fields {
			check(def.Name+"."+f.Name, f.Directives)
			for _, a := range f.Arguments {
				check(def.Name+"."+f.Name+"("+a.Name+")", a.Directives)
			}
		}
		for _, v := range def.EnumValues {
			check(def.Name+"."+v.Name, v.Directives)
		}
	}
}

// breakingChanges lists what a client of old may rely on that now differs.
func breakingChanges(old, now *ast.Schema) []string {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	for name, o := range old.Types {
		if o.BuiltIn {
			continue
		}
		n := now.Types[name]
		switch {
		case n == nil:
			add("type %s was removed", name)
			continue
		case n.Kind != o.Kind:
			add("type %s changed from %s to %s", name, o.Kind, n.Kind)
			continue
		}
		for _, of := range o.Fields {
			nf := n.Fields.ForName(of.Name)
			if nf == nil {
				add("%s.%s was removed", name, of.Name)
				continue
			}
			if o.Kind == ast.InputObject {
				if !inputCompatible(of.Type, nf.Type) {
					add("input field %s.%s changed type from %s to %s", name, of.Name, of.Type, nf.Type)
				}
				continue
			}
			if !outputCompatible(of.Type, nf.Type) {
				add("%s.%s changed type from %s to %s", name, of.Name, of.Type, nf.Type)
			}
			for _, oa := range of.Arguments {
				na := nf.Arguments.ForName(oa.Name)
				switch {
				case na == nil:
					add("argument %s.%s(%s) was removed", name, of.Name, oa.Name)
				case !inputCompatible(oa.Type, na.Type):
					add("argument %s.%s(%s) changed type from %s to %s", name, of.Name, oa.Name, oa.Type, na.Type)
				}
			}
			for _, na := range nf.Arguments {
				if of.Arguments.ForName(na.Name) == nil && na.Type.NonNull && na.DefaultValue == nil {
					add("%s.%s gained the required argument %s", name, of.Name, na.Name)
				}
			}
		}
		if o.Kind == ast.InputObject {
			for _, nf := range n.Fields {
				if o.Fields.ForName(nf.Name) == nil && nf.Type.NonNull && nf.DefaultValue == nil {
					add("input %s gained the required field %s", name, nf.Name)
				}
			}
		}
		for _, v := range o.EnumValues {
			if n.EnumValues.ForName(v.Name) == nil {
				add("enum value %s.%s was removed", name, v.Name)
			}
		}
		for _, i := range o.Interfaces {
			if !slices.Contains(n.Interfaces, i) {
				add("%s no longer implements %s", name, i)
			}
		}
		for _, m := range o.Types {
			if !slices.Contains(n.Types, m) {
				add("union %s no longer includes %s", name, m)
			}
		}
	}
	return out
}

// outputCompatible reports whether a field of type o may become type n: the same type, or one
// that is non-null where it was nullable.
func outputCompatible(o, n *ast.Type) bool {
	if o.NonNull && !n.NonNull {
		return false
	}
	if (o.Elem == nil) != (n.Elem == nil) {
		return false
	}
	if o.Elem != nil {
		return outputCompatible(o.Elem, n.Elem)
	}
	return o.NamedType == n.NamedType
}

// inputCompatible reports whether an argument or input field of type o may become type n: the
// same type, or one that is nullable where it was non-null.
func inputCompatible(o, n *ast.Type) bool {
	if !o.NonNull && n.NonNull {
		return false
	}
	if (o.Elem == nil) != (n.Elem == nil) {
		return false
	}
	if o.Elem != nil {
		return inputCompatible(o.Elem, n.Elem)
	}
	return o.NamedType == n.NamedType
}
