package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"careergraph/ent/schema/enum"
)

// ProfessionSkill links a profession to a skill it needs, with how much it needs it.
type ProfessionSkill struct{ ent.Schema }

// Mixin of the ProfessionSkill.
func (ProfessionSkill) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, RevisionMixin{}} }

// Fields of the ProfessionSkill.
func (ProfessionSkill) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("importance").GoType(enum.Importance("")).
			Comment("Whether every job in the profession needs the skill, or only some.").
			Annotations(entgql.OrderField("IMPORTANCE"), entgql.Type("Importance"), enum.ImportanceDocs),
		field.Int("profession_id").Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("skill_id").Annotations(entgql.Skip(entgql.SkipAll)),
		// The database keeps it (triggers in migrations/), from the skill, whoever writes the
		// link: ent, the importers' multi-row inserts, a rename of the skill.
		field.String("skill_name").Optional().
			Comment("The linked skill's name, kept by the database, so that a profession's skills are read in name order from an index of their own rather than joined and sorted.").
			Annotations(entgql.OrderField("SKILL_NAME"),
				entgql.Skip(entgql.SkipType, entgql.SkipWhereInput, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Edges of the ProfessionSkill.
func (ProfessionSkill) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("profession", Profession.Type).Ref("skills").Field("profession_id").Unique().Required().
			Comment("The profession that needs the skill."),
		edge.From("skill", Skill.Type).Ref("professions").Field("skill_id").Unique().Required().
			Comment("The skill the profession needs."),
	}
}

// Indexes of the ProfessionSkill: a skill is linked to a profession once; skills are listed by
// profession (the unique index), also by name, and professions by skill.
func (ProfessionSkill) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("profession_id", "skill_id").Unique(),
		index.Fields("profession_id", "skill_name", "id"),
		index.Fields("skill_id", "importance"),
		index.Fields("importance"),
	}
}

// Annotations of the ProfessionSkill.
func (ProfessionSkill) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A skill a profession needs, with how much it needs it."), entgql.RelayConnection(), entgql.MultiOrder()}
}

// Interceptors of the ProfessionSkill: a link is public when both its ends are.
func (ProfessionSkill) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{
		visibleThrough("profession_id", "professions", ""),
		visibleThrough("skill_id", "skills", ""),
	}
}
