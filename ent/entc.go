//go:build ignore

// entc generates the ent client from ent/schema and, through entgql, the GraphQL schema
// schema/ent.graphql that gqlgen then compiles. Run it with `go generate ./...` from the
// repository root (see generate.go), never by hand-editing the output.
package main

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"

	"careergraph/internal/gqldoc"
	"careergraph/internal/gqlfilter"
)

func main() {
	ex, err := entgql.NewExtension(
		// Write the GraphQL SDL for every ent type, its connections, where-inputs and orderings.
		entgql.WithSchemaGenerator(),
		entgql.WithSchemaPath("schema/ent.graphql"),
		// Let entgql add its model bindings to gqlgen.yml's view of the schema.
		entgql.WithConfigPath("gqlgen.yml"),
		// `where` inputs with and/or/not and has<Edge>With filters through relations.
		entgql.WithWhereInputs(true),
		// Node, PageInfo, Cursor and the node/nodes root fields, as in the Relay spec.
		entgql.WithRelaySpec(true),
		// Offer only the filters an index can serve (see internal/gqlfilter), then fill in the
		// descriptions entgql leaves out, so the schema documents itself fully.
		entgql.WithSchemaHook(gqlfilter.Hook, gqldoc.Hook),
	)
	if err != nil {
		log.Fatalf("creating entgql extension: %v", err)
	}
	err = entc.Generate("./ent/schema", &gen.Config{
		Target:  "./ent",
		Package: "careergraph/ent",
		Features: []gen.Feature{
			// Schema-level interceptors: the publication filter in ent/schema/mixin.go.
			gen.FeatureIntercept,
			// Privacy policies: who may change what, and read personal data (internal/policy).
			gen.FeaturePrivacy,
			// IDs unique across all types (each type owns a range of 2^32), so that node(id:)
			// can tell the type from the number and IDs never collide between types.
			gen.FeatureGlobalID,
			// Migration files are written by diffing the schema against a database
			// (internal/store/migrate), not applied blindly at start.
			gen.FeatureVersionedMigration,
			// ON CONFLICT upserts, used by the idempotent seed and import.
			gen.FeatureUpsert,
			// Named eager-loading, so one query can page the same edge twice with different
			// arguments (entgql relies on it for nested connections).
			gen.FeatureNamedEdges,
			// Query modifiers, used for grouped counts (totalCount on nested connections).
			gen.FeatureModifier,
			// ExecContext and QueryContext on the client and transactions: the importer writes
			// a batch's links as a few multi-row statements inside ent's transaction.
			gen.FeatureExecQuery,
		},
	},
		entc.Extensions(ex),
		// Exports each type's ID range for the GraphQL ID codec (internal/gid); pages nested
		// connections without a redundant sort, and keyset cursors from an index range (see the
		// replacements below); writes the IN lists of <Field>In, <Field>NotIn and the eager
		// loaders as one array parameter on PostgreSQL (internal/sqlarray), so that their
		// statements' texts do not vary with the number of values; looks up each type's privacy
		// policy by name, for the checks that run before a query (internal/guard); and makes
		// filters through relations (has<Edge>, has<Edge>With) see only the related rows the
		// caller may see.
		entc.TemplateFiles("./ent/template/globalid_types.tmpl", "./ent/template/limit_per_row.tmpl",
			"./ent/template/cursors.tmpl", "./ent/template/values_in.tmpl", "./ent/template/shown_parents.tmpl",
			"./ent/template/read_policy.tmpl", "./ent/template/row_filters.tmpl", "./ent/template/read_by.tmpl"),
	)
	if err != nil {
		log.Fatalf("running ent codegen: %v", err)
	}
	if err := countOnlyForTotalCount("./ent/gql_pagination.go"); err != nil {
		log.Fatal(err)
	}
	if err := replaceAll("./ent/gql_collection.go", "entgql.LimitPerRow(", "limitPerRow(query.ctx, &query.perParent, "); err != nil {
		log.Fatal(err)
	}
	if err := replaceAll("./ent/gql_pagination.go", "entgql.MultiCursorsPredicate(", "cursorsPredicate("); err != nil {
		log.Fatal(err)
	}
	if err := collectReadBy("./ent/gql_collection.go"); err != nil {
		log.Fatal(err)
	}
	if err := loadByArrays("./ent/*_query.go"); err != nil {
		log.Fatal(err)
	}
	if err := listsAsArrays("./ent/*_query.go", "./ent/gql_collection.go"); err != nil {
		log.Fatal(err)
	}
}

// collectReadBy makes field collection select the columns that a computed field reads, as
// ent/schema declares them with ReadBy (ent/template/read_by.tmpl), where entgql reads every
// column of the type for any field it cannot map to one.
func collectReadBy(file string) error {
	const (
		unknown = "default:\n\t\t\tunknownSeen = true\n"
		known   = "default:\n\t\t\tif !selectReadBy(_q.readBy(field.Name), &selectedFields, fieldSeen) {\n\t\t\t\tunknownSeen = true\n\t\t\t}\n"
	)
	return replaceAll(file, unknown, known)
}

// loadByArrays points the eager loaders by foreign key of the files matching pattern at valuesIn
// (ent/template/values_in.tmpl): the queries that load the edges of a page of nodes name the
// page's IDs in one array parameter on PostgreSQL, as the loaders by ID do through <Type>.IDIn.
// They also run their query in shownParents (ent/template/shown_parents.tmpl), so that the
// publication filter does not check again the nodes whose edges they load.
func loadByArrays(pattern string) error {
	byForeignKey := regexp.MustCompile(`sql\.InValues\(s\.C\((\w+\.\w+)\), fks\.\.\.\)\)\n\t\}\)\)\n\tneighbors, err := query\.All\(ctx\)`)
	n, err := rewrite(byForeignKey, "parentsIn(s, query.perParent, s.C($1), fks))\n\t}))\n\tneighbors, err := query.All(shownParents(ctx, query, query.ctx, $1, fks))", pattern)
	if err == nil && n == 0 {
		err = fmt.Errorf("%s: no eager loader by foreign key", pattern)
	}
	return err
}

// listsAsArrays points the other lists of parent IDs in the generated loaders at valuesIn: those
// of the loaders of many-to-many edges, through their join tables (*_query.go), and those of the
// totalCount of nested connections (gql_collection.go).
func listsAsArrays(patterns ...string) error {
	list := regexp.MustCompile(`sql\.InValues\(((?:s|joinT)\.C\([\w.\[\]]+\)), (edgeIDs|ids)\.\.\.\)`)
	n, err := rewrite(list, "valuesIn($1, $2)", patterns...)
	if err == nil && n == 0 {
		err = fmt.Errorf("%v: no list of parent IDs", patterns)
	}
	return err
}

// rewrite replaces re by repl (as regexp.ReplaceAll) in the files matching patterns and returns
// how many matches it replaced.
func rewrite(re *regexp.Regexp, repl string, patterns ...string) (int, error) {
	n := 0
	for _, pattern := range patterns {
		files, err := filepath.Glob(pattern)
		if err != nil {
			return n, err
		}
		for _, file := range files {
			src, err := os.ReadFile(file)
			if err != nil {
				return n, err
			}
			found := len(re.FindAll(src, -1))
			if found == 0 {
				continue
			}
			n += found
			if err := os.WriteFile(file, re.ReplaceAll(src, []byte(repl)), 0o644); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// countOnlyForTotalCount changes entgql's Paginate methods so that they count the matching rows
// when totalCount is asked for (or pageInfo without edges), not whenever pageInfo is: with edges,
// Paginate sets hasNextPage and hasPreviousPage from the page itself (it reads one row more
// than asked) and drops what the count told. Every listing that asks for pageInfo, as a pager
// does, paid for a COUNT over all the rows its filter matches. A version of entgql whose
// output no longer has the line is reported, not skipped.
func countOnlyForTotalCount(file string) error {
	const (
		counts = "if hasCollectedField(ctx, totalCountField) || hasCollectedField(ctx, pageInfoField) {"
		needed = "if hasCollectedField(ctx, totalCountField) || (ignoredEdges && hasCollectedField(ctx, pageInfoField)) {"
	)
	return replaceAll(file, counts, needed)
}

// replaceAll replaces old by new in the generated file; it is an error when old is not there,
// so that a version of ent or entgql that generates other code is noticed.
func replaceAll(file, old, new string) error {
	src, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if !bytes.Contains(src, []byte(old)) {
		return fmt.Errorf("%s: no %q to change", file, old)
	}
	return os.WriteFile(file, bytes.ReplaceAll(src, []byte(old), []byte(new)), 0o644)
}
