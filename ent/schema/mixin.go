package schema

import (
	"context"
	"regexp"
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
	"entgo.io/ent/schema/mixin"

	"careergraph/ent/intercept"
	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
)

// slugPattern is the shape of every slug: lowercase words joined by single hyphens, fit for a URL.
var slugPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// TimeMixin records when a row was created and last changed.
type TimeMixin struct{ mixin.Schema }

// Fields of the TimeMixin.
func (TimeMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").
			Immutable().
			Default(time.Now).
			Comment("When this object was created.").
			Annotations(entgql.OrderField("CREATED_AT"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		field.Time("updated_at").
			Default(time.Now).
			UpdateDefault(time.Now).
			Comment("When this object was last changed.").
			Annotations(entgql.OrderField("UPDATED_AT"), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Indexes of the TimeMixin: both timestamps can be filtered and ordered on.
func (TimeMixin) Indexes() []ent.Index {
	return []ent.Index{index.Fields("created_at"), index.Fields("updated_at")}
}

// SlugMixin gives a type a unique, URL-safe slug, used for lookups and in front-end URLs.
type SlugMixin struct{ mixin.Schema }

// Fields of the SlugMixin. The unique constraint also serves as the index for slug filters.
func (SlugMixin) Fields() []ent.Field {
	return []ent.Field{
		field.String("slug").
			MaxLen(120).
			Match(slugPattern).
			Unique().
			Comment("URL-safe unique name, e.g. `back-end-developer`; stable, so front-ends can use it in links.").
			Annotations(entgql.OrderField("SLUG")),
	}
}

// PublicationMixin gives editorial types a workflow status and hides everything but published
// rows from callers that may not see drafts. The filter is an ent interceptor, so it applies to
// every read path alike: top-level lists, node lookups, edge traversals, eager loading and counts.
type PublicationMixin struct{ mixin.Schema }

// Fields of the PublicationMixin.
func (PublicationMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("status").
			GoType(enum.PublicationStatus("")).
			Default(string(enum.Draft)).
			Comment("Where this object is in the editorial workflow. Anonymous readers only ever see PUBLISHED objects.").
			Annotations(entgql.OrderField("STATUS"), entgql.Type("PublicationStatus"), enum.PublicationStatusDocs),
		field.Time("published_at").
			Optional().
			Nillable().
			Comment("When this object was first published; null while it has never been published.").
			Annotations(entgql.OrderField("PUBLISHED_AT")),
	}
}

// Indexes of the PublicationMixin: every public read filters on status.
func (PublicationMixin) Indexes() []ent.Index {
	return []ent.Index{index.Fields("status", "published_at"), index.Fields("published_at")}
}

// Interceptors of the PublicationMixin.
func (PublicationMixin) Interceptors() []ent.Interceptor {
	return []ent.Interceptor{
		intercept.TraverseFunc(func(ctx context.Context, q intercept.Query) error {
			if !access.SeesUnpublished(ctx) {
				q.WhereP(sql.FieldEQ("status", enum.Published))
			}
			return nil
		}),
	}
}

// visibleThrough hides rows whose parent, referenced by column, is not published, from callers
// that may not see drafts. Links and sessions have no status of their own: they are public exactly
// when what they belong to is.
func visibleThrough(column, parentTable string) ent.Interceptor {
	return intercept.TraverseFunc(func(ctx context.Context, q intercept.Query) error {
		if access.SeesUnpublished(ctx) {
			return nil
		}
		q.WhereP(func(s *sql.Selector) {
			parent := sql.Table(parentTable)
			published := sql.Select(parent.C("id")).From(parent).Where(sql.EQ(parent.C("status"), enum.Published))
			s.Where(sql.In(s.C(column), published))
		})
		return nil
	})
}
