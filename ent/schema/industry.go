package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/index"
)

// Industry is a sector of the economy that employs professions, e.g. finance & banking.
type Industry struct{ ent.Schema }

// Mixin of the Industry.
func (Industry) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, RevisionMixin{}, SlugMixin{From: "name"}}
}

// Fields of the Industry.
func (Industry) Fields() []ent.Field {
	return []ent.Field{
		name("name", "NAME", "The industry's name, e.g. \"Healthcare\"."),
		text("description", "What the industry does and how it uses the professions it employs."),
	}
}

// Edges of the Industry.
func (Industry) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("professions", Profession.Type).Ref("industries").
			Comment("Professions this industry employs.").
			Annotations(entgql.RelayConnection(), inverseEdge),
	}
}

// Indexes of the Industry.
func (Industry) Indexes() []ent.Index { return []ent.Index{index.Fields("name")} }

// Annotations of the Industry.
func (Industry) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A sector of the economy that employs professions, such as finance & banking."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Industries that employ the catalogue's professions."),
		entgql.MultiOrder(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
