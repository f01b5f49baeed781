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

// Training is a course that teaches skills and prepares for professions.
type Training struct{ ent.Schema }

// Mixin of the Training.
func (Training) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, RevisionMixin{}, SlugMixin{From: "title"}, PublicationMixin{OwnerColumn: "provider_id"}}
}

// Fields of the Training.
func (Training) Fields() []ent.Field {
	return []ent.Field{
		name("title", "TITLE", "The training's title."),
		text("summary", "One or two plain sentences for cards and search results."),
		text("description", "The full description, in Markdown."),
		field.Enum("level").GoType(enum.TrainingLevel("")).
			Comment("How much the training assumes learners already know.").
			Annotations(entgql.OrderField("LEVEL"), entgql.Type("TrainingLevel"), enum.TrainingLevelDocs),
		field.Enum("format").GoType(enum.TrainingFormat("")).
			Comment("How the training is delivered.").
			Annotations(entgql.OrderField("FORMAT"), entgql.Type("TrainingFormat"), enum.TrainingFormatDocs),
		field.String("language").MinLen(2).MaxLen(35).Default("en").
			Comment("Language of instruction as a BCP 47 tag, e.g. `en` or `fi`.").
			Annotations(entgql.OrderField("LANGUAGE")),
		field.Int("duration_hours").Optional().Nillable().Positive().
			Comment("Total study time in hours; null when not stated.").
			Annotations(entgql.OrderField("DURATION_HOURS")),
		field.Int64("price_cents").Optional().Nillable().NonNegative().
			Comment("Price in the currency's minor unit (cents); null when the training is free.").
			Annotations(hiddenInType, entgql.OrderField("PRICE")),
		field.String("price_currency").Optional().Nillable().MinLen(3).MaxLen(3).
			Comment("ISO 4217 code of the price's currency; null when the training is free.").
			Annotations(hiddenInType),
		optionalString("credential", 200, "What learners receive on completion, e.g. a certificate; null for none."),
		field.Int("provider_id").Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of the Training.
func (Training) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("provider", Provider.Type).Ref("trainings").Field("provider_id").Unique().Required().
			Comment("The organisation that runs this training.").
			Annotations(entgql.OrderField("PROVIDER_NAME")),
		edge.To("skills", Skill.Type).
			Comment("The skills this training teaches.").
			Annotations(entgql.RelayConnection()),
		edge.To("professions", Profession.Type).
			Comment("The professions this training prepares for.").
			Annotations(entgql.RelayConnection()),
		edge.To("prerequisites", Skill.Type).
			Comment("Skills learners should have before they start.").
			Annotations(entgql.RelayConnection()),
		edge.To("sessions", TrainingSession.Type).
			Comment("The scheduled runs of this training.").
			Annotations(entgql.RelayConnection(), inverseEdge),
		edge.From("blog_posts", BlogPost.Type).Ref("trainings").
			Comment("Blog posts that mention this training.").
			Annotations(entgql.RelayConnection(), inverseEdge),
		edge.To("enquiries", Enquiry.Type).
			Comment("Visitors' questions about this training; staff only.").
			Annotations(entgql.RelayConnection(), inverseEdge),
	}
}

// Indexes of the Training.
func (Training) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("title"),
		index.Fields("provider_id"),
		index.Fields("level"),
		index.Fields("format"),
		index.Fields("language"),
		index.Fields("duration_hours"),
		index.Fields("price_cents"),
		index.Fields("price_currency"),
	}
}

// Annotations of the Training.
func (Training) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A course that teaches skills and prepares for professions, run by a provider in scheduled sessions."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("The trainings (courses) of the catalogue."),
		entgql.MultiOrder(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
		ReadBy{"price": {"price_cents", "price_currency"}, "isFree": {"price_cents"}},
	}
}
