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

// Profession is an occupation people train for, such as Back-End Developer.
type Profession struct{ ent.Schema }

// Mixin of the Profession.
func (Profession) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, RevisionMixin{}, SlugMixin{From: "title"}, PublicationMixin{}}
}

// hiddenInType keeps a column filterable and orderable while the GraphQL type exposes it through a
// structured field instead (salary, timeToLearn, price).
var hiddenInType = entgql.Skip(entgql.SkipType)

// Fields of the Profession.
func (Profession) Fields() []ent.Field {
	return []ent.Field{
		name("title", "TITLE", "The profession's name, e.g. \"Back-End Developer\"."),
		text("summary", "One or two plain sentences for cards and search results."),
		text("description", "The full description, in Markdown."),
		field.Strings("alternative_titles").Optional().
			Comment("Other names the profession goes by, e.g. \"Backend Engineer\"."),
		field.Int("group_id").Optional().Nillable().
			Comment("The group of the occupation hierarchy this profession is classified in.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("time_to_learn_min_months").Optional().Nillable().NonNegative().
			Comment("Shortest usual time, in months, to become job-ready from scratch.").
			Annotations(hiddenInType, entgql.OrderField("TIME_TO_LEARN_MIN_MONTHS")),
		field.Int("time_to_learn_max_months").Optional().Nillable().NonNegative().
			Comment("Longest usual time, in months, to become job-ready from scratch.").
			Annotations(hiddenInType, entgql.OrderField("TIME_TO_LEARN_MAX_MONTHS")),
		field.Int("salary_min").Optional().Nillable().NonNegative().
			Comment("Lower end of the usual gross salary, in whole units of salaryCurrency per salaryPeriod.").
			Annotations(hiddenInType, entgql.OrderField("SALARY_MIN")),
		field.Int("salary_max").Optional().Nillable().NonNegative().
			Comment("Upper end of the usual gross salary, in whole units of salaryCurrency per salaryPeriod.").
			Annotations(hiddenInType, entgql.OrderField("SALARY_MAX")),
		field.String("salary_currency").Optional().Nillable().MinLen(3).MaxLen(3).
			Comment("ISO 4217 code of the salary's currency, e.g. EUR.").
			Annotations(hiddenInType),
		field.Enum("salary_period").GoType(enum.SalaryPeriod("")).Optional().Nillable().
			Comment("The time the salary figures are paid for.").
			Annotations(hiddenInType, entgql.Type("SalaryPeriod"), enum.SalaryPeriodDocs),
		field.String("isco_code").Optional().Nillable().MaxLen(10).
			Comment("ISCO-08 unit group code, e.g. `2512`."),
		field.String("esco_uri").Optional().Nillable().Unique().MaxLen(300).
			Comment("URI of the matching ESCO occupation."),
		field.String("onet_soc_code").Optional().Nillable().MaxLen(20).
			Comment("O*NET-SOC code of the matching occupation, e.g. `15-1252.00`."),
	}
}

// Edges of the Profession.
func (Profession) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("group", ProfessionGroup.Type).Ref("professions").Field("group_id").Unique().
			Comment("The group of the occupation hierarchy this profession is classified in."),
		edge.To("skills", ProfessionSkill.Type).
			Comment("The skills this profession needs, each with its importance.").
			Annotations(entgql.RelayConnection(), inverseEdge),
		edge.To("specializations", Specialization.Type).
			Comment("Directions people specialise in within this profession.").
			Annotations(entgql.RelayConnection()),
		edge.To("industries", Industry.Type).
			Comment("Industries that employ this profession.").
			Annotations(entgql.RelayConnection()),
		edge.To("related_professions", Profession.Type).
			Comment("Professions close to this one, to explore next.").
			Annotations(entgql.RelayConnection()),
		edge.From("trainings", Training.Type).Ref("professions").
			Comment("Trainings that prepare for this profession.").
			Annotations(entgql.RelayConnection(), inverseEdge),
		edge.From("blog_posts", BlogPost.Type).Ref("professions").
			Comment("Blog posts about this profession.").
			Annotations(entgql.RelayConnection(), inverseEdge),
	}
}

// Indexes of the Profession: one behind every filter and ordering the API offers.
func (Profession) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("title"),
		index.Fields("group_id"),
		index.Fields("time_to_learn_min_months"),
		index.Fields("time_to_learn_max_months"),
		index.Fields("salary_min"),
		index.Fields("salary_max"),
		index.Fields("salary_currency", "salary_period"),
		index.Fields("salary_period"),
		index.Fields("isco_code"),
		index.Fields("onet_soc_code"),
	}
}

// Annotations of the Profession.
func (Profession) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("An occupation people train for, such as Back-End Developer: what it is, what it pays, how long it takes to learn and which skills it needs."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("The professions of the catalogue."),
		entgql.MultiOrder(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
		ReadBy{"salary": {"salary_min", "salary_max", "salary_currency", "salary_period"},
			"timeToLearn": {"time_to_learn_min_months", "time_to_learn_max_months"}},
	}
}
