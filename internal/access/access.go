// Package access carries who is asking through a request's context, so that the storage layer can
// decide what that caller may read. It holds no policy beyond "may this caller see unpublished
// content"; the rules that use it live with the schema they protect.
package access

import "context"

// Kind names the sort of caller behind a request.
type Kind int

const (
	// Anonymous is a caller we know nothing about: a browser, a crawler, a partner without a key.
	// It sees published content only. The zero value, so a context without a viewer is anonymous.
	Anonymous Kind = iota
	// Staff is a signed-in editor or administrator: sees drafts and archived content as well.
	Staff
	// System is the server itself (migrations, seeding, imports): sees and may touch everything.
	System
)

// Viewer describes the caller of one request.
type Viewer struct {
	Kind Kind
}

type viewerKey struct{}

// WithViewer returns a copy of ctx that carries v.
func WithViewer(ctx context.Context, v Viewer) context.Context {
	return context.WithValue(ctx, viewerKey{}, v)
}

// FromContext returns the viewer stored in ctx, or an anonymous one when there is none: forgetting
// to set a viewer must never reveal more.
func FromContext(ctx context.Context) Viewer {
	v, _ := ctx.Value(viewerKey{}).(Viewer)
	return v
}

// AsSystem marks ctx as the server's own work, which sees every row.
func AsSystem(ctx context.Context) context.Context {
	return WithViewer(ctx, Viewer{Kind: System})
}

// SeesUnpublished reports whether the caller in ctx may read drafts and archived content.
func SeesUnpublished(ctx context.Context) bool {
	k := FromContext(ctx).Kind
	return k == Staff || k == System
}
