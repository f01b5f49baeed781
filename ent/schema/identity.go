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

// User is a staff member who signs in to edit the catalogue.
type User struct{ ent.Schema }

// Mixin of the User.
func (User) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the User.
func (User) Fields() []ent.Field {
	return []ent.Field{
		field.String("email").NotEmpty().MaxLen(254).Unique().
			Comment("Sign-in address, stored in lower case.").
			Annotations(entgql.OrderField("EMAIL")),
		field.String("name").Default("").MaxLen(200).
			Comment("The staff member's name.").
			Annotations(longText),
		field.Enum("role").GoType(enum.Role("")).
			Comment("What the staff member may do.").
			Annotations(entgql.Type("Role"), entgql.OrderField("ROLE"), enum.RoleDocs),
		field.String("password_hash").Sensitive().
			Comment("argon2id hash of the password, in PHC string format.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Bool("disabled").Default(false).
			Comment("A disabled account cannot sign in, and its tokens stop working."),
		field.Time("last_sign_in_at").Optional().Nillable().
			Comment("When the staff member last signed in.").
			Annotations(notFiltered),
	}
}

// Edges of the User.
func (User) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("tokens", AccessToken.Type).Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the User.
func (User) Indexes() []ent.Index { return []ent.Index{index.Fields("role"), index.Fields("disabled")} }

// Annotations of the User.
func (User) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A staff member (administrator or editor). Visible to administrators."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Staff accounts; administrators only."),
		entgql.MultiOrder(),
	}
}

// AccessToken is a staff member's signed-in session: a bearer token, stored only as a hash.
type AccessToken struct{ ent.Schema }

// Fields of the AccessToken.
func (AccessToken) Fields() []ent.Field {
	return []ent.Field{
		field.Bytes("token_hash").Sensitive().Unique().Immutable().
			Comment("SHA-256 of the token; the token itself is shown once, at sign-in.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("created_at").Immutable().
			Comment("When the staff member signed in."),
		field.Time("expires_at").
			Comment("When the session ends by itself."),
		field.Time("revoked_at").Optional().Nillable().
			Comment("Set by signing out, ending the session, or disabling the account; a revoked token stops working at once.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("user_id").Immutable().Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of the AccessToken.
func (AccessToken) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("user", User.Type).Ref("tokens").Field("user_id").Unique().Required().Immutable().
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Indexes of the AccessToken.
func (AccessToken) Indexes() []ent.Index { return []ent.Index{index.Fields("user_id")} }

// Annotations of the AccessToken: staff members list their own sessions (mySessions); the token
// itself and its hash are never part of the API.
func (AccessToken) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A signed-in session of a staff member. Staff members see their own (mySessions)."),
		entgql.RelayConnection(),
		entgql.Skip(entgql.SkipWhereInput, entgql.SkipOrderField, entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}

// APIKey lets a partner's program call the API.
type APIKey struct{ ent.Schema }

// Mixin of the APIKey.
func (APIKey) Mixin() []ent.Mixin { return []ent.Mixin{TimeMixin{}} }

// Fields of the APIKey.
func (APIKey) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(200).
			Comment("What the key is for, e.g. \"Helsinki Code Academy course sync\".").
			Annotations(entgql.OrderField("NAME")),
		field.String("prefix").Unique().Immutable().
			Comment("The key's first characters, shown so that a key can be recognised; the rest is stored only as a hash."),
		field.Bytes("secret_hash").Sensitive().
			Comment("SHA-256 of the whole key; replaced when the key is rotated."),
		field.Bytes("previous_secret_hash").Optional().Nillable().Sensitive().
			Comment("SHA-256 of the key before its last rotation, which keeps working until previous_secret_expires_at.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Time("previous_secret_expires_at").Optional().Nillable().
			Comment("Until when the key's secret before its last rotation still works; null when there is none.").
			Annotations(notFiltered),
		field.Time("rotated_at").Optional().Nillable().
			Comment("When the key last got a new secret; null when never.").
			Annotations(notFiltered),
		field.JSON("scopes", []enum.Scope{}).
			Comment("What the key may do."),
		field.Int("provider_id").Optional().Nillable().
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Int("rate_limit").Optional().Nillable().Positive().
			Comment("Points of query cost the key may spend per rate-limit window; null for the server's default.").
			Annotations(notFiltered),
		field.Time("expires_at").Optional().Nillable().
			Comment("When the key stops working; null for never.").
			Annotations(notFiltered),
		field.Time("revoked_at").Optional().Nillable().
			Comment("When an administrator revoked the key; a revoked key stops working at once.").
			Annotations(notFiltered),
		field.Time("last_used_at").Optional().Nillable().
			Comment("When the key was last used (to the minute).").
			Annotations(notFiltered),
		field.String("created_by").Default("").Immutable().MaxLen(40).
			Comment("Who created the key.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of the APIKey.
func (APIKey) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("provider", Provider.Type).Ref("api_keys").Field("provider_id").Unique().
			Comment("The provider whose trainings the key may write; null for a key bound to no provider."),
	}
}

// Indexes of the APIKey.
func (APIKey) Indexes() []ent.Index {
	return []ent.Index{index.Fields("provider_id"), index.Fields("name")}
}

// Annotations of the APIKey.
func (APIKey) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A partner's API key. The key itself is shown once, when it is created. Visible to administrators."),
		entgql.RelayConnection(),
		entgql.QueryField("apiKeys").Description("API keys; administrators only."),
		entgql.MultiOrder(),
	}
}

// AuditEvent records a change to a staff account, a session or an API key: who made it, when, and
// what changed. Only the server writes events, in the transaction of the change; administrators
// read them (auditEvents). An event outlives what it names: it keeps the names it had.
type AuditEvent struct{ ent.Schema }

// Fields of the AuditEvent.
func (AuditEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Time("at").Immutable().
			Comment("When the change was made.").
			Annotations(entgql.OrderField("AT")),
		field.String("actor").Immutable().MaxLen(40).
			Comment("Who made the change: \"user:ID\" for a staff member, \"system\" for the command line."),
		field.String("actor_name").Immutable().MaxLen(300).
			Comment("Who made the change, as a person reads it: the staff member's e-mail address, or \"command line\".").
			Annotations(notFiltered),
		field.Enum("action").GoType(enum.AuditAction("")).Immutable().
			Comment("What was done.").
			Annotations(entgql.Type("AuditAction"), enum.AuditActionDocs),
		field.String("target_type").Immutable().MaxLen(40).
			Comment("The GraphQL type of what was changed: User, AccessToken or APIKey.").
			Annotations(notFiltered),
		field.Int("target_id").Immutable().
			Comment("The key of what was changed; it may no longer exist.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("target_name").Immutable().MaxLen(300).
			Comment("What was changed, as a person reads it: an e-mail address, or a key's name and prefix.").
			Annotations(notFiltered),
		field.String("detail").Immutable().Default("").MaxLen(500).
			Comment("What changed, in words (e.g. \"role EDITOR → ADMIN\"), empty when the action says it all.").
			Annotations(notFiltered),
	}
}

// Indexes of the AuditEvent: read newest first, all events or those of one actor or action.
func (AuditEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("at"), index.Fields("actor"), index.Fields("action"), index.Fields("target_id")}
}

// Annotations of the AuditEvent.
func (AuditEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A change to a staff account, a session or an API key, and who made it. Visible to administrators."),
		entgql.RelayConnection(),
		entgql.QueryField("auditEvents").Description("Changes to staff accounts, sessions and API keys, with who made them; administrators only."),
		entgql.MultiOrder(),
		entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
	}
}
