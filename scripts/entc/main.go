// Command entc generates the ent client from ent/schema and, through entgql, the GraphQL schema
// schema/ent.graphql that gqlgen then compiles, then makes the changes of rewrite.go to
// the client. Run it with `go generate ./...` from the repository root (see generate.go), never
// by hand-editing the output.
package main

import (
	"log"

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
		// changes of rewrite.go); writes the IN lists of <Field>In, <Field>NotIn and the eager
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
	if err := rewrite("./ent"); err != nil {
		log.Fatal(err)
	}
}
