package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"careergraph/internal/policy"
)

// Change is one entry of the partners' change feed (internal/changes): a catalogue object was
// created, updated or deleted. Database triggers write the entries, in the transaction of the
// change itself, whatever code made it; see migrations/*/20261121212157_change_feed.up.sql.
type Change struct{ ent.Schema }

// Fields of the Change.
func (Change) Fields() []ent.Field {
	return []ent.Field{
		field.Int64("seq").Optional().Nillable().Immutable().
			Comment("Commit sequence on PostgreSQL, given when the writing transaction commits; empty on SQLite, whose writers take turns so that the key alone is in commit order."),
		field.String("type").Immutable().MaxLen(40).
			Comment("GraphQL type of the object."),
		field.Int("object_id").Immutable().
			Comment("Key of the object."),
		field.Enum("op").Values("CREATE", "UPDATE", "DELETE").Immutable().
			Comment("What happened to the object."),
		field.Time("at").Immutable().
			Comment("When the change was made."),
	}
}

// Indexes of the Change: the feed is read in commit order, all types or some.
func (Change) Indexes() []ent.Index {
	return []ent.Index{index.Fields("seq", "id"), index.Fields("type", "seq", "id")}
}

// Policy of the Change: read by staff and catalogue-reading keys, written by triggers only.
func (Change) Policy() ent.Policy { return policy.ChangeFeed() }

// Annotations of the Change: served by the changes query, not as an entity.
func (Change) Annotations() []schema.Annotation {
	return []schema.Annotation{entgql.Skip(entgql.SkipAll)}
}
