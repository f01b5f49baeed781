package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"careergraph/ent/schema/enum"
)

// TrainingSession is one scheduled run of a training, in a place or online.
type TrainingSession struct{ ent.Schema }

// Mixin of the TrainingSession.
func (TrainingSession) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}, RevisionMixin{}} }

// Fields of the TrainingSession.
func (TrainingSession) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").NotEmpty().MaxLen(60).
			Comment("The provider's code for this run, unique within its training, e.g. `2027-spring-hki`.").
			Annotations(notFiltered),
		field.Time("starts_at").
			Comment("When the first class starts.").
			Annotations(entgql.OrderField("STARTS_AT")),
		field.Time("ends_at").
			Comment("When the last class ends.").
			Annotations(entgql.OrderField("ENDS_AT")),
		field.String("time_zone").Default("UTC").MaxLen(64).
			Comment("IANA time zone the session's times are set in, e.g. Europe/Helsinki.").
			Annotations(notFiltered),
		field.Bool("online").Default(false).
			Comment("Whether the session takes place online rather than at a venue."),
		field.String("city").Optional().Nillable().MaxLen(100).
			Comment("City of the venue; null for online sessions.").
			Annotations(entgql.OrderField("CITY")),
		optionalString("venue", 200, "Name and address of the venue; null for online sessions."),
		field.Int("capacity").Positive().
			Comment("How many learners the session takes.").
			Annotations(notFiltered),
		field.Int("seats_left").NonNegative().
			Comment("How many places are still free. Set from the capacity and kept by registrations.").
			Annotations(entgql.OrderField("SEATS_LEFT"), notInInput),
		field.Enum("status").GoType(enum.SessionStatus("")).Default(string(enum.Scheduled)).
			Comment("Whether the session is going ahead.").
			Annotations(entgql.Type("SessionStatus"), entgql.OrderField("STATUS"), enum.SessionStatusDocs),
		field.Time("registration_deadline").Optional().Nillable().
			Comment("Last moment to register; null when registration stays open until the start.").
			Annotations(entgql.OrderField("REGISTRATION_DEADLINE")),
		field.Int("training_id").Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of the TrainingSession.
func (TrainingSession) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("training", Training.Type).Ref("sessions").Field("training_id").Unique().Required().
			Comment("The training this is a run of."),
		edge.To("registrations", Registration.Type).
			Comment("Learners registered for this session; staff only.").
			Annotations(entgql.RelayConnection(), inverseEdge),
	}
}

// Indexes of the TrainingSession.
func (TrainingSession) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("training_id", "code").Unique(),
		index.Fields("training_id", "starts_at"),
		index.Fields("starts_at"),
		index.Fields("ends_at"),
		index.Fields("city", "starts_at"),
		index.Fields("online", "starts_at"),
		index.Fields("status", "starts_at"),
		index.Fields("seats_left"),
		index.Fields("registration_deadline"),
	}
}

// Interceptors of the TrainingSession: a session is public when its training is.
func (TrainingSession) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{visibleThrough("training_id", "trainings", "provider_id")}
}

// Annotations of the TrainingSession.
func (TrainingSession) Annotations() []schema.Annotation {
	return []schema.Annotation{
		// The database itself refuses overbooking, whatever the code above it does.
		entsql.Annotation{Checks: map[string]string{
			"training_sessions_seats_within_capacity": "seats_left >= 0 AND seats_left <= capacity",
		}},
		schema.Comment("One scheduled run of a training, at a venue or online, with its dates and free places."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Scheduled runs of trainings."),
		entgql.MultiOrder(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
