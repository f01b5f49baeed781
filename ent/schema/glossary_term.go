package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/index"
)

// GlossaryTerm explains a word learners meet, such as API or encryption.
type GlossaryTerm struct{ ent.Schema }

// Mixin of the GlossaryTerm.
func (GlossaryTerm) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, RevisionMixin{}, SlugMixin{From: "term"}, PublicationMixin{}}
}

// Fields of the GlossaryTerm.
func (GlossaryTerm) Fields() []ent.Field {
	return []ent.Field{
		name("term", "TERM", "The word or phrase explained, e.g. \"API\"."),
		text("definition", "A plain-language explanation of the term, in Markdown."),
	}
}

// Edges of the GlossaryTerm.
func (GlossaryTerm) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("skills", Skill.Type).
			Comment("Skills in which the term comes up.").
			Annotations(entgql.RelayConnection()),
	}
}

// Indexes of the GlossaryTerm.
func (GlossaryTerm) Indexes() []ent.Index { return []ent.Index{index.Fields("term")} }

// Annotations of the GlossaryTerm.
func (GlossaryTerm) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A plain-language explanation of a term learners meet, such as API or encryption."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Explanations of terms learners meet."),
		entgql.MultiOrder(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
