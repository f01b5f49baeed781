package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Provider is an organisation that runs trainings, such as an IT school.
type Provider struct{ ent.Schema }

// Mixin of the Provider.
func (Provider) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, RevisionMixin{}, SlugMixin{From: "name"}}
}

// Fields of the Provider.
func (Provider) Fields() []ent.Field {
	return []ent.Field{
		name("name", "NAME", "The provider's name."),
		text("description", "Who the provider is and how it teaches."),
		optionalString("website", 300, "The provider's web site."),
		optionalString("email", 254, "Public contact address for questions about the provider's trainings."),
		field.String("city").Optional().Nillable().MaxLen(100).
			Comment("City of the provider's main address; null for online-only providers.").
			Annotations(entgql.OrderField("CITY")),
		field.String("country").Optional().Nillable().MinLen(2).MaxLen(2).
			Comment("ISO 3166-1 alpha-2 code of the provider's country, e.g. FI."),
	}
}

// Edges of the Provider.
func (Provider) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("trainings", Training.Type).
			Comment("The trainings this provider runs.").
			Annotations(entgql.RelayConnection(), inverseEdge),
		edge.To("api_keys", APIKey.Type).
			Comment("The API keys bound to this provider.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the Provider.
func (Provider) Indexes() []ent.Index {
	return []ent.Index{index.Fields("name"), index.Fields("city"), index.Fields("country")}
}

// Annotations of the Provider.
func (Provider) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("An organisation that runs trainings, such as an IT school."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Organisations that run trainings."),
		entgql.MultiOrder(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
