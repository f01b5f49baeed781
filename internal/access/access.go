// Package access carries who is asking through a request's context. The storage layer's rules
// (ent/schema, internal/policy) read it to decide what the caller may see and change; nothing
// else makes that decision.
package access

import (
	"context"
	"slices"
	"strconv"

	"entgo.io/ent/dialect/sql"

	"careergraph/ent/schema/enum"
)

// Kind names the sort of caller behind a request.
type Kind int

const (
	// Anonymous is a caller we know nothing about: a browser, a crawler. It reads published
	// content and may make the public writes (registering, enquiring). The zero value, so a
	// context without a viewer is anonymous.
	Anonymous Kind = iota
	// User is a signed-in staff member (editor or administrator).
	User
	// APIKey is a partner's program, with the scopes of its key.
	APIKey
	// System is the server itself (migrations, seeding, imports, internal reads).
	System
)

// Role is a staff member's role.
type Role = enum.Role

// Roles.
const (
	Admin  = enum.Admin
	Editor = enum.Editor
)

// Scope is a permission an API key carries.
type Scope = enum.Scope

// Scopes.
const (
	// ReadCatalogue lets a key read the published catalogue.
	ReadCatalogue = enum.ReadCatalogue
	// WriteTrainings lets a key create and change the trainings and sessions of its provider.
	WriteTrainings = enum.WriteTrainings
)

// Viewer describes the caller of one request.
type Viewer struct {
	Kind Kind
	// UserID and Role are set for staff users.
	UserID int
	Role   Role
	// KeyID, Scopes and ProviderID are set for API keys; ProviderID is 0 for unbound keys.
	// RateLimit is the key's own budget (points per window), 0 for the server's default.
	KeyID      int
	Scopes     []Scope
	ProviderID int
	RateLimit  int
}

type viewerKey struct{}

// WithViewer returns a copy of ctx that carries v.
func WithViewer(ctx context.Context, v Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, v)
}

// FromContext returns the viewer stored in ctx, or an anonymous one when there is none: forgetting
// to set a viewer must never grant more.
func FromContext(ctx context.Context) Viewer {
	v, _ := ctx.Value(viewerKey{}).(Viewer)
	return v
}

// AsSystem marks ctx as the server's own work, which sees and may change everything.
func AsSystem(ctx context.Context) context.Context {
	return WithViewer(ctx, Viewer{Kind: System})
}

// IsStaff reports whether the viewer is a signed-in editor or administrator.
func (v Viewer) IsStaff() bool { return v.Kind == User && (v.Role == Admin || v.Role == Editor) }

// IsAdmin reports whether the viewer is a signed-in administrator.
func (v Viewer) IsAdmin() bool { return v.Kind == User && v.Role == Admin }

// Has reports whether the viewer is an API key with scope s.
func (v Viewer) Has(s Scope) bool { return v.Kind == APIKey && slices.Contains(v.Scopes, s) }

// Actor names the viewer in audit records: "user:12", "apikey:3", "system" or "anonymous".
func (v Viewer) Actor() string {
	switch v.Kind {
	case User:
		return "user:" + strconv.Itoa(v.UserID)
	case APIKey:
		return "apikey:" + strconv.Itoa(v.KeyID)
	case System:
		return "system"
	}
	return "anonymous"
}

// SeesUnpublished reports whether the caller in ctx may read every draft and archived object.
func SeesUnpublished(ctx context.Context) bool {
	v := FromContext(ctx)
	return v.IsStaff() || v.Kind == System
}

// OwnProvider returns the provider whose unpublished trainings the caller may read (a key that
// writes that provider's trainings must see its own drafts), or 0.
func OwnProvider(ctx context.Context) int {
	v := FromContext(ctx)
	if v.Has(WriteTrainings) {
		return v.ProviderID
	}
	return 0
}

// shownParents marks the one query that loads the edges of nodes the caller has just been given.
type shownParents struct {
	query  any
	column string
}

type shownParentsKey struct{}

// WithShownParents returns a copy of ctx for running query, which loads the edges of nodes
// the caller was just given by a query run with the same ctx (ent's eager loading): the nodes
// passed that query's visibility rules, so column, which references them, needs no check of
// its own. The mark holds for query only, not for the queries that query runs in turn.
func WithShownParents(ctx context.Context, query any, column string) context.Context {
	return context.WithValue(ctx, shownParentsKey{}, shownParents{query, column})
}

// ParentsShown reports whether ctx marks column of query as referencing nodes the caller was
// just given (see WithShownParents).
func ParentsShown(ctx context.Context, query any, column string) bool {
	l, ok := ctx.Value(shownParentsKey{}).(shownParents)
	return ok && l.column == column && l.query == query
}

// A RowFilter narrows a query on one table to the rows the caller in ctx may see. The storage
// layer's rules (ent/schema) register one per table whose rows are not all public; the
// predicates that test for related objects (`hasSkillsWith`, `hasTrainings`, …) apply it to the
// related table, so that a filter never matches through an object the caller cannot read.
type RowFilter func(ctx context.Context, s *sql.Selector)

var rowFilters = map[string]RowFilter{}

// SetRowFilter registers the filter of table; call it from an init function only.
func SetRowFilter(table string, f RowFilter) { rowFilters[table] = f }

// FiltersRows reports whether table has a row filter.
func FiltersRows(table string) bool { return rowFilters[table] != nil }

// FilterRows applies the row filter of table, if any, to s, for the caller in s's context.
func FilterRows(table string, s *sql.Selector) {
	if f := rowFilters[table]; f != nil {
		f(s.Context(), s)
	}
}
