package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// ProfessionGroup is a node in the occupation hierarchy (ISCO-08 major, sub-major, minor and unit
// groups), used to browse professions by family.
type ProfessionGroup struct{ ent.Schema }

// Mixin of the ProfessionGroup.
func (ProfessionGroup) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, RevisionMixin{}, SlugMixin{From: "name"}}
}

// Fields of the ProfessionGroup.
func (ProfessionGroup) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").Optional().Nillable().Unique().MaxLen(20).
			Comment("Code of the group in its classification, e.g. ISCO-08 `2512`.").
			Annotations(entgql.OrderField("CODE")),
		name("name", "NAME", "Name of the group, e.g. \"Software developers\"."),
		text("description", "What the professions in this group have in common."),
		field.Int("parent_id").Optional().Nillable().
			Comment("The broader group this one belongs to.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of the ProfessionGroup.
func (ProfessionGroup) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("children", ProfessionGroup.Type).
			Comment("The narrower groups directly below this one.").
			Annotations(entgql.RelayConnection(), inverseEdge).
			From("parent").Field("parent_id").Unique().
			Comment("The broader group this one belongs to; null for a top-level group."),
		edge.To("professions", Profession.Type).
			Comment("The professions classified directly in this group.").
			Annotations(entgql.RelayConnection(), inverseEdge),
	}
}

// Indexes of the ProfessionGroup.
func (ProfessionGroup) Indexes() []ent.Index {
	return []ent.Index{index.Fields("parent_id"), index.Fields("name")}
}

// Annotations of the ProfessionGroup.
func (ProfessionGroup) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A group of the occupation hierarchy (ISCO-08 major, sub-major, minor or unit group), used to browse professions by family."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Groups of the occupation hierarchy (ISCO-08)."),
		entgql.MultiOrder(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
