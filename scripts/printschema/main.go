// Command printschema writes the GraphQL schema as clients download it (introspection's view:
// gqlgen's code-generation directives left out) to schema/contract/current.graphql, the file
// typed clients and the breaking-change check read. `go generate ./...` runs it after gqlgen.
package main

import (
	"bytes"
	"log"
	"os"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"

	"careergraph/graph"
)

const path = "schema/contract/current.graphql"

func main() {
	var b bytes.Buffer
	b.WriteString("# The careergraph GraphQL schema as clients see it. Written by `go generate ./...`\n" +
		"# (scripts/printschema) from schema/*.graphql; never edit it. released.graphql beside it is\n" +
		"# the last released schema, which changes only with a CHANGELOG.md entry.\n\n")
	formatter.NewFormatter(&b, formatter.WithIndent("  ")).FormatSchema(withoutHidden(graph.NewSchema(graph.Deps{}).Schema()))
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
}

// withoutHidden returns a copy of s whose types and fields no longer apply the directives s does
// not define (gqlgen's, left out of the public schema), as introspection shows them.
func withoutHidden(s *ast.Schema) *ast.Schema {
	out := *s
	keep := func(ds ast.DirectiveList) ast.DirectiveList {
		var kept ast.DirectiveList
		for _, d := range ds {
			if s.Directives[d.Name] != nil || d.Name == "deprecated" {
				kept = append(kept, d)
			}
		}
		return kept
	}
	out.Types = make(map[string]*ast.Definition, len(s.Types))
	for name, def := range s.Types {
		d := *def
		d.Directives = keep(def.Directives)
		d.Fields = make(ast.FieldList, len(def.Fields))
		for i, f := range def.Fields {
			g := *f
			g.Directives = keep(f.Directives)
			g.Arguments = make(ast.ArgumentDefinitionList, len(f.Arguments))
			for j, a := range f.Arguments {
				b := *a
				b.Directives = keep(a.Directives)
				g.Arguments[j] = &b
			}
			d.Fields[i] = &g
		}
		out.Types[name] = &d
	}
	for _, root := range []**ast.Definition{&out.Query, &out.Mutation, &out.Subscription} {
		if *root != nil {
			*root = out.Types[(*root).Name]
		}
	}
	return &out
}
