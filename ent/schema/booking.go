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

// Registration is a learner's place on a training session, confirmed or on the waiting list.
type Registration struct{ ent.Schema }

// Mixin of the Registration.
func (Registration) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Registration.
func (Registration) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(200).
			Comment("The learner's name. Personal data: staff only.").
			Annotations(notFiltered),
		field.String("email").NotEmpty().MaxLen(254).
			Comment("The learner's e-mail address. Personal data: staff only.").
			Annotations(entgql.OrderField("EMAIL")),
		field.Enum("status").GoType(enum.RegistrationStatus("")).
			Comment("Whether the learner has a seat, waits for one, or cancelled.").
			Annotations(entgql.Type("RegistrationStatus"), entgql.OrderField("STATUS"), enum.RegistrationStatusDocs),
		field.Bytes("cancel_secret_hash").Sensitive().
			Comment("SHA-256 of the secret handed back at registration, which lets the learner cancel.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("cancelled_at").Optional().Nillable().
			Comment("When the learner cancelled.").
			Annotations(notFiltered),
		field.Int("session_id").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of the Registration.
func (Registration) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("session", TrainingSession.Type).Ref("registrations").Field("session_id").Unique().Required().Immutable().
			Comment("The session registered for."),
	}
}

// Indexes of the Registration: the waiting list is read in order of registration.
func (Registration) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("session_id", "status", "created_at"),
		index.Fields("email"),
		index.Fields("status"),
	}
}

// Annotations of the Registration.
func (Registration) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A learner's place on a training session. Readable by staff only."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Registrations for sessions; staff only."),
		entgql.MultiOrder(),
	}
}

// Enquiry is a visitor's question, about a training or anything else.
type Enquiry struct{ ent.Schema }

// Mixin of the Enquiry.
func (Enquiry) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the Enquiry.
func (Enquiry) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(200).
			Comment("The visitor's name. Personal data: staff only.").
			Annotations(notFiltered),
		field.String("email").NotEmpty().MaxLen(254).
			Comment("Where to answer. Personal data: staff only.").
			Annotations(entgql.OrderField("EMAIL")),
		field.Text("message").NotEmpty().MaxLen(5000).
			Comment("The question.").
			Annotations(longText),
		field.Int("training_id").Optional().Nillable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of the Enquiry.
func (Enquiry) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("training", Training.Type).Ref("enquiries").Field("training_id").Unique().
			Comment("The training asked about, if any."),
	}
}

// Indexes of the Enquiry.
func (Enquiry) Indexes() []ent.Index {
	return []ent.Index{index.Fields("training_id"), index.Fields("email")}
}

// Annotations of the Enquiry.
func (Enquiry) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A visitor's question. Readable by staff only."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Visitors' questions; staff only."),
		entgql.MultiOrder(),
	}
}
