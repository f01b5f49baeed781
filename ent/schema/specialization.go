package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/index"
)

// Specialization is a direction people take within a profession, e.g. API development.
type Specialization struct{ ent.Schema }

// Mixin of the Specialization.
func (Specialization) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, RevisionMixin{}, SlugMixin{From: "name"}}
}

// Fields of the Specialization.
func (Specialization) Fields() []ent.Field {
	return []ent.Field{
		name("name", "NAME", "The specialization's name, e.g. \"API development\"."),
		text("description", "What people in this specialization work on."),
	}
}

// Edges of the Specialization.
func (Specialization) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("professions", Profession.Type).Ref("specializations").
			Comment("Professions this is a specialization of.").
			Annotations(entgql.RelayConnection(), inverseEdge),
	}
}

// Indexes of the Specialization.
func (Specialization) Indexes() []ent.Index { return []ent.Index{index.Fields("name")} }

// Annotations of the Specialization.
func (Specialization) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A direction people take within a profession, such as API development."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Specializations within professions."),
		entgql.MultiOrder(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
