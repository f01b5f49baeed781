package gqldoc

import (
	"fmt"
	"strings"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc/gen"
	"github.com/vektah/gqlparser/v2/ast"
)

// Hook is an entgql schema hook: it fills every description entgql left empty in the generated
// schema, from the ent schema where it knows more (type comments, edge comments, enum value docs)
// and by rule for what entgql derives (where-input predicates, ordering fields, connections).
func Hook(g *gen.Graph, s *ast.Schema) error {
	for _, t := range g.Nodes {
		documentNode(t, s)
	}
	if t := s.Types["Time"]; t != nil {
		t.Description = "An instant, written in RFC 3339 with its UTC offset, e.g. `2027-03-01T09:00:00+02:00`."
	}
	if c := s.Types["Cursor"]; c != nil {
		c.Description = "An opaque position in a connection, for paging with `after` and `before`."
	}
	if q := s.Types["Query"]; q != nil {
		fill(&q.Description, "The entry points for reading the catalogue.")
	}
	for _, def := range s.Types {
		switch {
		case strings.HasSuffix(def.Name, "WhereInput"):
			documentWhereInput(def)
		case strings.HasSuffix(def.Name, "Input") && (strings.HasPrefix(def.Name, "Create") || strings.HasPrefix(def.Name, "Update")):
			documentMutationInput(def)
		case strings.HasSuffix(def.Name, "OrderField"):
			for _, v := range def.EnumValues {
				fill(&v.Description, "Order by "+humanize(v.Name)+".")
			}
		}
		for _, f := range def.Fields {
			if f.Name == "id" {
				fill(&f.Description, "The object's ID: opaque, globally unique across all types, and stable.")
			}
			for _, a := range f.Arguments {
				fill(&a.Description, argumentDoc(a.Name))
			}
		}
	}
	var missing []string
	for _, def := range s.Types {
		missing = append(missing, undocumented(def)...)
	}
	if len(missing) > 0 {
		return fmt.Errorf("gqldoc: no description for %s", strings.Join(missing, ", "))
	}
	return nil
}

// documentNode copies what the ent schema says about type t into its GraphQL definitions.
func documentNode(t *gen.Type, s *ast.Schema) {
	def := s.Types[t.Name]
	if def == nil {
		return
	}
	if c, ok := t.Annotations["Comment"].(map[string]any); ok {
		fill(&def.Description, fmt.Sprint(c["Text"]))
	}
	for _, e := range t.Edges {
		if f := def.Fields.ForName(camel(e.Name)); f != nil {
			fill(&f.Description, e.Comment())
		}
	}
	for _, f := range t.Fields {
		docs, ok := f.Annotations[EnumValues{}.Name()].(map[string]any)
		if !ok {
			continue
		}
		ant := &entgql.Annotation{}
		if raw, ok := f.Annotations[ant.Name()]; ok {
			_ = ant.Decode(raw)
		}
		if enum := s.Types[ant.Type]; enum != nil {
			for _, v := range enum.EnumValues {
				if d, ok := docs[v.Name].(string); ok {
					fill(&v.Description, d)
				}
			}
		}
	}
}

// predicateDocs describes where-input fields by their suffix, longest suffixes first.
var predicateDocs = []struct{ suffix, doc string }{
	{"NotNil", "Matches when %s is set."},
	{"IsNil", "Matches when %s is not set."},
	{"EqualFold", "Matches when %s equals the value, ignoring case."},
	{"ContainsFold", "Matches when %s contains the value, ignoring case."},
	{"Contains", "Matches when %s contains the value."},
	{"HasPrefix", "Matches when %s starts with the value."},
	{"HasSuffix", "Matches when %s ends with the value."},
	{"NotIn", "Matches when %s is none of the values."},
	{"In", "Matches when %s is one of the values."},
	{"NEQ", "Matches when %s differs from the value."},
	{"GTE", "Matches when %s is greater than or equal to the value."},
	{"GT", "Matches when %s is greater than the value."},
	{"LTE", "Matches when %s is less than or equal to the value."},
	{"LT", "Matches when %s is less than the value."},
}

func documentWhereInput(def *ast.Definition) {
	for _, f := range def.Fields {
		// entgql labels only the first predicate of each field, tersely ("x field predicates").
		if strings.HasSuffix(f.Description, " field predicates") {
			f.Description = ""
		}
		fill(&f.Description, whereFieldDoc(f.Name))
	}
}

func whereFieldDoc(name string) string {
	switch name {
	case "not":
		return "Matches objects that do not match the given filter."
	case "and":
		return "Matches objects that match every one of the given filters."
	case "or":
		return "Matches objects that match at least one of the given filters."
	}
	if edge, ok := strings.CutPrefix(name, "has"); ok && len(edge) > 0 && edge[0] >= 'A' && edge[0] <= 'Z' {
		if e, ok := strings.CutSuffix(edge, "With"); ok {
			return fmt.Sprintf("Matches when at least one of %s matches all of the given filters.", humanize(e))
		}
		return fmt.Sprintf("Matches when %s exist(s) (true) or not (false).", humanize(edge))
	}
	for _, p := range predicateDocs {
		if field, ok := strings.CutSuffix(name, p.suffix); ok && field != "" {
			return fmt.Sprintf(p.doc, "`"+field+"`")
		}
	}
	return fmt.Sprintf("Matches when `%s` equals the value.", name)
}

// documentMutationInput describes the edge and clear fields of entgql's create and update
// inputs, and makes the slug of a create input optional: the server derives it from the title.
func documentMutationInput(def *ast.Definition) {
	for _, f := range def.Fields {
		if f.Name == "slug" && strings.HasPrefix(def.Name, "Create") {
			f.Type = ast.NamedType("String", nil)
			f.Description = "URL-safe unique name; derived from the title (or name) when omitted. A slug already taken is a CONFLICT."
		}
		fill(&f.Description, mutationFieldDoc(f.Name))
	}
}

func mutationFieldDoc(name string) string {
	cut := func(prefix, suffix string) (string, bool) {
		rest, ok := strings.CutPrefix(name, prefix)
		if !ok || (prefix != "" && (rest == "" || rest[0] < 'A' || rest[0] > 'Z')) {
			return "", false
		}
		rest, ok = strings.CutSuffix(rest, suffix)
		return humanize(rest), ok && rest != ""
	}
	if e, ok := cut("add", "IDs"); ok {
		return "IDs of " + e + " objects to link, besides those already linked."
	}
	if e, ok := cut("remove", "IDs"); ok {
		return "IDs of " + e + " objects to unlink."
	}
	if e, ok := cut("clear", ""); ok {
		return "Removes the " + e + " (unlinks all, or sets to null)."
	}
	if e, ok := cut("append", ""); ok {
		return "Values to append to the " + e + "."
	}
	if e, ok := cut("", "IDs"); ok {
		return "IDs of the " + e + " objects to link."
	}
	if e, ok := cut("", "ID"); ok {
		return "ID of the " + e + " to link."
	}
	return ""
}

func argumentDoc(name string) string {
	switch name {
	case "after":
		return "Returns the elements that come after this cursor."
	case "before":
		return "Returns the elements that come before this cursor."
	case "first":
		return "Returns at most the first n elements (at most 100)."
	case "last":
		return "Returns at most the last n elements (at most 100)."
	}
	return ""
}

// undocumented lists the parts of def that still have no description.
func undocumented(def *ast.Definition) []string {
	if def.BuiltIn {
		return nil
	}
	var out []string
	if def.Description == "" {
		out = append(out, def.Name)
	}
	for _, f := range def.Fields {
		if f.Description == "" {
			out = append(out, def.Name+"."+f.Name)
		}
		for _, a := range f.Arguments {
			if a.Description == "" {
				out = append(out, def.Name+"."+f.Name+"("+a.Name+")")
			}
		}
	}
	for _, v := range def.EnumValues {
		if v.Description == "" {
			out = append(out, def.Name+"."+v.Name)
		}
	}
	return out
}

func fill(dst *string, doc string) {
	if *dst == "" {
		*dst = doc
	}
}

// camel turns an ent edge name (blog_posts) into its GraphQL field name (blogPosts).
func camel(s string) string {
	parts := strings.Split(s, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

// humanize turns an identifier (PRICE_CENTS, blogPosts) into words (price cents, blog posts).
func humanize(s string) string {
	if strings.ToUpper(s) == s {
		return strings.ToLower(strings.ReplaceAll(s, "_", " "))
	}
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte(' ')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}
