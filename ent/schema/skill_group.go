package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// SkillGroup is a node of the skill taxonomy (ESCO's skill groups: "skills" › "working with
// computers" › "programming computer systems"), above the skills themselves. A group may sit
// under several broader groups, and a skill under several groups: the taxonomy is a
// polyhierarchy, not a tree.
type SkillGroup struct{ ent.Schema }

// Mixin of the SkillGroup.
func (SkillGroup) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, RevisionMixin{}, SlugMixin{From: "name"}}
}

// Fields of the SkillGroup.
func (SkillGroup) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").Optional().Nillable().MaxLen(20).
			Comment("Code of the group in ESCO's skill hierarchy, e.g. `S1.1` or, for a field of knowledge, its ISCED-F code `0613`; null when it has none.").
			Annotations(entgql.OrderField("CODE")),
		name("name", "NAME", "Name of the group, e.g. \"communication, collaboration and creativity\"."),
		text("description", "What the skills of this group have in common."),
		field.String("esco_uri").Optional().Nillable().Unique().MaxLen(300).
			Comment("URI of the matching ESCO skill group."),
	}
}

// Edges of the SkillGroup.
func (SkillGroup) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("children", SkillGroup.Type).
			Comment("The narrower groups directly below this one.").
			StorageKey(edge.Table("skill_group_hierarchy"), edge.Columns("parent_id", "child_id")).
			Annotations(entgql.RelayConnection(), inverseEdge),
		edge.From("parents", SkillGroup.Type).Ref("children").
			Comment("The broader groups this one sits under; empty for a top-level group (a root of the taxonomy).").
			Annotations(entgql.RelayConnection()),
		edge.To("skills", Skill.Type).
			Comment("The skills directly in this group.").
			StorageKey(edge.Table("skill_group_skills"), edge.Columns("skill_group_id", "skill_id")).
			Annotations(entgql.RelayConnection(), inverseEdge),
		edge.To("category_skills", Skill.Type).
			Comment("The skills whose category this top-level group is: every skill below it, at any depth.").
			Annotations(entgql.RelayConnection(), inverseEdge),
	}
}

// Indexes of the SkillGroup.
func (SkillGroup) Indexes() []ent.Index {
	return []ent.Index{index.Fields("code"), index.Fields("name")}
}

// Annotations of the SkillGroup.
func (SkillGroup) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A group of the skill taxonomy (ESCO's skill groups, e.g. S1 \"communication, collaboration and creativity\"), used to browse skills from the top down. A group may sit under several broader groups."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Groups of the skill taxonomy. `skillGroups(where: {hasParents: false})` lists its roots."),
		entgql.MultiOrder(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
