package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"careergraph/internal/policy"
)

// PersistedDocument is a GraphQL document stored under the SHA-256 of its text: sent once
// (automatic persisted queries) or registered for a client (trusted documents), then run by hash.
type PersistedDocument struct{ ent.Schema }

// Fields of the PersistedDocument.
func (PersistedDocument) Fields() []ent.Field {
	return []ent.Field{
		field.String("hash").Unique().Immutable().MinLen(64).MaxLen(64).
			Comment("Lowercase hex SHA-256 of the document's text."),
		field.Text("document").Immutable().
			Comment("The GraphQL document."),
		field.Bool("trusted").Default(false).
			Comment("Registered by an operator; only these run in trusted-documents mode."),
		field.String("client").Optional().Nillable().MaxLen(100).
			Comment("The client application that registered the document."),
		field.Time("created_at").Immutable(),
	}
}

// Indexes of the PersistedDocument.
func (PersistedDocument) Indexes() []ent.Index { return []ent.Index{index.Fields("trusted")} }

// Policy of the PersistedDocument: only the server's own code reads and writes documents.
func (PersistedDocument) Policy() ent.Policy { return policy.SystemOnly() }

// Annotations of the PersistedDocument: not part of the API.
func (PersistedDocument) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A GraphQL document stored by hash."),
		entgql.Skip(entgql.SkipAll),
	}
}
