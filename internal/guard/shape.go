package guard

import (
	"strings"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"careergraph/internal/apierr"
)

// measurer measures a parsed, not yet validated document: nothing in it is known to exist, so
// it reads only the syntax, and fragments by name.
type measurer struct {
	Limits
	doc *ast.QueryDocument
	// frags remembers each fragment's shape; a fragment being measured is in it with busy set.
	frags map[string]*shape
	// steps counts the syntax nodes visited; the others count the document's fields (as
	// written, and as spread) and the rest as written.
	steps, asWritten, fields, aliases, directives, values int
}

// shape is what a selection set adds where it is spread: its depth and its fields.
type shape struct {
	depth, fields int
	busy          bool
}

// document checks every operation and fragment of the document.
func (m *measurer) document() *gqlerror.Error {
	for _, f := range m.doc.Fragments {
		if e := m.written(f.Directives, f.SelectionSet); e != nil {
			return e
		}
	}
	for _, op := range m.doc.Operations {
		for _, v := range op.VariableDefinitions {
			if e := m.countDirectives(v.Directives); e != nil {
				return e
			}
			if v.DefaultValue != nil {
				if e := m.literal(v.DefaultValue, "$"+v.Variable, 1); e != nil {
					return e
				}
			}
		}
		if e := m.written(op.Directives, op.SelectionSet); e != nil {
			return e
		}
		s, e := m.set(op.SelectionSet, 1)
		if e != nil {
			return e
		}
		// Validation reads every operation of the document: their fields add up.
		if m.fields += s.fields; m.MaxFields > 0 && m.fields > m.MaxFields {
			return tooManyFields(m.MaxFields)
		}
	}
	return nil
}

func tooManyFields(n int) *gqlerror.Error {
	return tooComplex("the query selects more than %d fields (fragments count once for every place they are spread)", n)
}

// set measures a selection set found at depth (1 for an operation's own fields), spreading
// fragments: each fragment is measured once and its shape remembered.
func (m *measurer) set(ss ast.SelectionSet, depth int) (shape, *gqlerror.Error) {
	var s shape
	for _, sel := range ss {
		m.steps++
		var inner shape
		switch n := sel.(type) {
		case *ast.Field:
			if m.MaxDepth > 0 && depth > m.MaxDepth {
				return s, tooComplex("the query is more than %d levels deep", m.MaxDepth)
			}
			child, e := m.set(n.SelectionSet, depth+1)
			if e != nil {
				return s, e
			}
			inner = shape{depth: child.depth + 1, fields: child.fields + 1}
		case *ast.InlineFragment:
			child, e := m.set(n.SelectionSet, depth)
			if e != nil {
				return s, e
			}
			inner = child
		case *ast.FragmentSpread:
			f, e := m.fragment(n.Name, depth)
			if e != nil {
				return s, e
			}
			inner = f
		}
		s.depth = max(s.depth, inner.depth)
		s.fields = min(s.fields+inner.fields, 1<<40)
		if m.MaxFields > 0 && m.fields+s.fields > m.MaxFields {
			return s, tooManyFields(m.MaxFields)
		}
	}
	return s, nil
}

// fragment returns the shape of the named fragment, spread at depth. A fragment's own depth does
// not depend on where it is spread, so it is measured once; the depth limit is checked for
// every spread against what is remembered.
func (m *measurer) fragment(name string, depth int) (shape, *gqlerror.Error) {
	if s, ok := m.frags[name]; ok {
		if s.busy {
			// A fragment that spreads itself: validation refuses it, with a better message.
			return shape{}, nil
		}
		if m.MaxDepth > 0 && depth-1+s.depth > m.MaxDepth {
			return shape{}, tooComplex("the query is more than %d levels deep", m.MaxDepth)
		}
		return *s, nil
	}
	def := m.doc.Fragments.ForName(name)
	if def == nil {
		return shape{}, nil // Validation names the unknown fragment.
	}
	busy := &shape{busy: true}
	m.frags[name] = busy
	// Measured as if spread at the top, then checked where it is spread.
	s, e := m.set(def.SelectionSet, 1)
	if e != nil {
		return s, e
	}
	m.frags[name] = &s
	if m.MaxDepth > 0 && depth-1+s.depth > m.MaxDepth {
		return shape{}, tooComplex("the query is more than %d levels deep", m.MaxDepth)
	}
	return s, nil
}

// written counts what a definition holds as written, each node once: aliases, directives and
// argument values.
func (m *measurer) written(ds ast.DirectiveList, ss ast.SelectionSet) *gqlerror.Error {
	if e := m.countDirectives(ds); e != nil {
		return e
	}
	for _, sel := range ss {
		m.steps++
		var e *gqlerror.Error
		switch n := sel.(type) {
		case *ast.Field:
			// Fields as written are never more than fields as spread: stop at the limit here
			// too, before reading the rest of a long document.
			if m.asWritten++; m.MaxFields > 0 && m.asWritten > m.MaxFields {
				return tooManyFields(m.MaxFields)
			}
			if n.Alias != "" && n.Alias != n.Name {
				m.aliases++
				if m.MaxAliases > 0 && m.aliases > m.MaxAliases {
					return tooComplex("the query has more than %d aliases", m.MaxAliases)
				}
			}
			if e = m.arguments(n.Arguments); e == nil {
				if e = m.countDirectives(n.Directives); e == nil {
					e = m.written(nil, n.SelectionSet)
				}
			}
		case *ast.InlineFragment:
			e = m.written(n.Directives, n.SelectionSet)
		case *ast.FragmentSpread:
			e = m.countDirectives(n.Directives)
		}
		if e != nil {
			return e
		}
	}
	return nil
}

func (m *measurer) countDirectives(ds ast.DirectiveList) *gqlerror.Error {
	m.directives += len(ds)
	if m.MaxDirectives > 0 && m.directives > m.MaxDirectives {
		return tooComplex("the query has more than %d directives", m.MaxDirectives)
	}
	for _, d := range ds {
		if e := m.arguments(d.Arguments); e != nil {
			return e
		}
	}
	return nil
}

func (m *measurer) arguments(args ast.ArgumentList) *gqlerror.Error {
	for _, a := range args {
		if e := m.literal(a.Value, a.Name, 1); e != nil {
			e.Locations = at(a.Position)
			return e
		}
	}
	return nil
}

// literal checks an input value written in the document, at nesting level depth.
func (m *measurer) literal(v *ast.Value, name string, depth int) *gqlerror.Error {
	if v == nil {
		return nil
	}
	m.steps++
	if e := m.value(name, depth); e != nil {
		return e
	}
	switch v.Kind {
	case ast.StringValue, ast.BlockValue:
		if strings.IndexByte(v.Raw, 0) >= 0 {
			return nulError(name)
		}
	case ast.ListValue, ast.ObjectValue:
		if v.Kind == ast.ListValue && m.MaxListItems > 0 && len(v.Children) > m.MaxListItems {
			return tooLong(name, m.MaxListItems)
		}
		for _, c := range v.Children {
			if e := m.literal(c.Value, name, depth+1); e != nil {
				return e
			}
		}
	}
	return nil
}

// variables checks the variables as the client sent them, before they are coerced.
func (m *measurer) variables(vars map[string]any) *gqlerror.Error {
	for name, v := range vars {
		if e := m.variable(v, "$"+name, 1); e != nil {
			return e
		}
	}
	return nil
}

func (m *measurer) variable(v any, name string, depth int) *gqlerror.Error {
	m.steps++
	if e := m.value(name, depth); e != nil {
		return e
	}
	switch x := v.(type) {
	case string:
		if strings.IndexByte(x, 0) >= 0 {
			return nulError(name)
		}
	case []any:
		if m.MaxListItems > 0 && len(x) > m.MaxListItems {
			return tooLong(name, m.MaxListItems)
		}
		for _, item := range x {
			if e := m.variable(item, name, depth+1); e != nil {
				return e
			}
		}
	case map[string]any:
		for k, item := range x {
			if strings.IndexByte(k, 0) >= 0 {
				return nulError(name)
			}
			if e := m.variable(item, name, depth+1); e != nil {
				return e
			}
		}
	}
	return nil
}

// value counts one input value at nesting level depth against the limits on all values.
func (m *measurer) value(name string, depth int) *gqlerror.Error {
	m.values++
	switch {
	case m.MaxInputDepth > 0 && depth > m.MaxInputDepth:
		return apierr.Invalid(fieldOf(name), "%s is nested more than %d levels deep", name, m.MaxInputDepth).GraphQL()
	case m.MaxInputValues > 0 && m.values > m.MaxInputValues:
		return apierr.Invalid(fieldOf(name), "the request's arguments and variables hold more than %d values", m.MaxInputValues).GraphQL()
	}
	return nil
}

func nulError(name string) *gqlerror.Error {
	return apierr.Invalid(fieldOf(name), "%s contains a NUL character (U+0000), which no text may hold", name).GraphQL()
}

func tooLong(name string, n int) *gqlerror.Error {
	return apierr.Invalid(fieldOf(name), "%s holds a list of more than %d items", name, n).GraphQL()
}

// fieldOf names the argument or variable an input error is about, in `extensions.field`.
func fieldOf(name string) string { return strings.TrimPrefix(name, "$") }
