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

// Skill is something a person can know or do: a language, a tool, a practice, a soft skill.
type Skill struct{ ent.Schema }

// Mixin of the Skill.
func (Skill) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, RevisionMixin{}, SlugMixin{From: "name"}, PublicationMixin{}}
}

// Fields of the Skill.
func (Skill) Fields() []ent.Field {
	return []ent.Field{
		name("name", "NAME", "The skill's preferred name, e.g. \"PostgreSQL\"."),
		field.Enum("kind").GoType(enum.SkillKind("")).Default(string(enum.Hard)).
			Comment("Whether this is a technical (hard) or interpersonal (soft) skill.").
			Annotations(entgql.OrderField("KIND"), entgql.Type("SkillKind"), enum.SkillKindDocs),
		field.Enum("category").GoType(enum.SkillCategory("")).Optional().Nillable().
			Comment("The subject the skill belongs to; null when not classified.").
			Annotations(entgql.OrderField("CATEGORY"), entgql.Type("SkillCategory"), enum.SkillCategoryDocs),
		field.Enum("skill_type").GoType(enum.SkillType("")).Optional().Nillable().
			Comment("Whether this is knowledge or a skill/competence, as ESCO classifies it; null when not classified.").
			Annotations(entgql.OrderField("SKILL_TYPE"), entgql.Type("SkillType"), enum.SkillTypeDocs),
		field.Enum("reuse_level").GoType(enum.ReuseLevel("")).Optional().Nillable().
			Comment("How widely the skill transfers between occupations and sectors (ESCO); null when not classified.").
			Annotations(entgql.OrderField("REUSE_LEVEL"), entgql.Type("ReuseLevel"), enum.ReuseLevelDocs),
		text("description", "What the skill is and what it is used for."),
		field.Strings("alternative_labels").Optional().
			Comment("Other names and spellings of the skill, e.g. \"Postgres\"."),
		field.String("esco_uri").Optional().Nillable().Unique().MaxLen(300).
			Comment("URI of the matching ESCO skill or knowledge concept."),
		field.Int("broader_id").Optional().Nillable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("category_group_id").Optional().Nillable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		// Membership of ESCO's collections, one column each so that every collection filter
		// is served by an index; GraphQL shows them as the list `collections` (schema/catalogue.graphql).
		collection("in_digital_collection"),
		collection("in_green_collection"),
		collection("in_language_collection"),
		collection("in_research_collection"),
		collection("in_digcomp_collection"),
		collection("in_transversal_collection"),
	}
}

// collection is a skill's membership of one of ESCO's collections.
func collection(name string) ent.Field {
	return field.Bool(name).Default(false).Annotations(entgql.Skip(entgql.SkipAll))
}

// Edges of the Skill.
func (Skill) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("narrower", Skill.Type).
			Comment("More specific skills directly below this one.").
			Annotations(entgql.RelayConnection(), inverseEdge).
			From("broader").Field("broader_id").Unique().
			Comment("The skill's first broader skill (of several, the one with the least ESCO URI); null when it has none. `broaderSkills` lists them all."),
		edge.To("narrower_skills", Skill.Type).
			Comment("Every skill directly below this one in the skill taxonomy, including those that also sit under other skills.").
			StorageKey(edge.Table("skill_hierarchy"), edge.Columns("broader_skill_id", "skill_id")).
			Annotations(entgql.RelayConnection(), inverseEdge),
		edge.From("broader_skills", Skill.Type).Ref("narrower_skills").
			Comment("Every skill this one sits under directly; a skill may have several (ESCO's polyhierarchy).").
			Annotations(entgql.RelayConnection()),
		edge.From("groups", SkillGroup.Type).Ref("skills").
			Comment("The skill groups this skill sits under directly; a skill may sit in several.").
			Annotations(entgql.RelayConnection()),
		edge.From("category_group", SkillGroup.Type).Ref("category_skills").Field("category_group_id").Unique().
			Comment("The skill's category in the skill taxonomy: the top-level group it sits under (e.g. \"communication, collaboration and creativity\", \"information and communication technologies (icts)\"); of several, the one with the least code. Null outside the taxonomy."),
		edge.To("related", Skill.Type).
			Comment("Skills often learnt or used together with this one.").
			Annotations(entgql.RelayConnection()),
		edge.To("professions", ProfessionSkill.Type).
			Comment("The professions that need this skill, each with its importance.").
			Annotations(entgql.RelayConnection(), inverseEdge),
		edge.From("trainings", Training.Type).Ref("skills").
			Comment("Trainings that teach this skill.").
			Annotations(entgql.RelayConnection(), inverseEdge),
		edge.From("required_by_trainings", Training.Type).Ref("prerequisites").
			Comment("Trainings that expect learners to have this skill before they start.").
			Annotations(entgql.RelayConnection(), inverseEdge),
		edge.From("glossary_terms", GlossaryTerm.Type).Ref("skills").
			Comment("Glossary terms that explain concepts of this skill.").
			Annotations(entgql.RelayConnection(), inverseEdge),
		edge.From("blog_posts", BlogPost.Type).Ref("skills").
			Comment("Blog posts about this skill.").
			Annotations(entgql.RelayConnection(), inverseEdge),
	}
}

// Indexes of the Skill.
func (Skill) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("name"),
		index.Fields("kind", "category"),
		index.Fields("category"),
		index.Fields("skill_type", "reuse_level"),
		index.Fields("reuse_level"),
		index.Fields("broader_id"),
		index.Fields("category_group_id"),
		index.Fields("in_digital_collection"),
		index.Fields("in_green_collection"),
		index.Fields("in_language_collection"),
		index.Fields("in_research_collection"),
		index.Fields("in_digcomp_collection"),
		index.Fields("in_transversal_collection"),
	}
}

// Annotations of the Skill.
func (Skill) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("Something a person can know or do: a programming language, a tool, a practice or a soft skill."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("The skills of the catalogue."),
		entgql.MultiOrder(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
		ReadBy{"collections": {"in_digital_collection", "in_green_collection", "in_language_collection",
			"in_research_collection", "in_digcomp_collection", "in_transversal_collection"}},
	}
}
