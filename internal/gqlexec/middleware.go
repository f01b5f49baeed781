package gqlexec

import (
	"context"
	"reflect"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// The generated executor marshals a field that only reads a scalar struct field of its object
// (a string, a boolean, an integer or an enum) directly, without the field context, the call of
// the field middleware and the panic guard that gqlgen gives every field (scripts/gqlgen,
// directScalars). A field middleware would not see such a field. So the executor takes that path
// only in an operation that Direct reports, and Direct reports only the operations of a server
// on which DirectScalars is registered and every field middleware is a ResolverFields: one that
// declares it wants to see the fields that have a resolver, which never take that path. Any other
// field middleware, such as one registered with srv.AroundFields, sees every field.

// directKey names the operation statistic that DirectScalars sets.
const directKey = "careergraph/gqlexec.DirectScalars"

// ResolverFields is a field middleware that needs to see only the fields that have a resolver
// of their own (graphql.FieldContext.IsResolver), registered with srv.Use(ResolverFields(mw)).
// Unlike one registered with srv.AroundFields, it leaves the fast path of DirectScalars open.
type ResolverFields graphql.FieldMiddleware

var _ interface {
	graphql.HandlerExtension
	graphql.FieldInterceptor
} = ResolverFields(nil)

// ExtensionName implements graphql.HandlerExtension.
func (ResolverFields) ExtensionName() string { return "ResolverFields" }

// Validate implements graphql.HandlerExtension.
func (ResolverFields) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptField implements graphql.FieldInterceptor.
func (f ResolverFields) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	return f(ctx, next)
}

// DirectScalars returns the handler extension that lets srv's operations marshal plain scalar
// fields directly, when no field middleware registered on srv wants to see them: when each is a
// ResolverFields. It looks at srv's extensions when the first operation starts, once every
// extension is registered, so that the order in which a server registers them does not matter.
func DirectScalars(srv *handler.Server) graphql.HandlerExtension { return &directScalars{srv: srv} }

type directScalars struct {
	srv    *handler.Server
	once   sync.Once
	direct bool
}

var _ graphql.OperationContextMutator = (*directScalars)(nil)

func (*directScalars) ExtensionName() string { return "DirectScalars" }

func (*directScalars) Validate(graphql.ExecutableSchema) error { return nil }

func (d *directScalars) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	d.once.Do(func() { d.direct = onlyResolverFields(d.srv) })
	if d.direct {
		oc.Stats.SetExtension(directKey, true)
	}
	return nil
}

// Direct reports whether the plain scalar fields of the operation may be marshalled without a
// field context and the field middleware (see DirectScalars).
func Direct(oc *graphql.OperationContext) bool {
	ok, _ := oc.Stats.GetExtension(directKey).(bool)
	return ok
}

var (
	fieldInterceptor = reflect.TypeFor[graphql.FieldInterceptor]()
	resolverFields   = reflect.TypeFor[ResolverFields]()
)

// onlyResolverFields reports whether every field interceptor among srv's extensions is a
// ResolverFields. gqlgen keeps the extensions unexported in the server's executor; when it no
// longer keeps them where this looks, the answer is no, and every field takes gqlgen's path.
func onlyResolverFields(srv *handler.Server) bool {
	exec := reflect.ValueOf(srv).Elem().FieldByName("exec")
	if exec.Kind() != reflect.Pointer || exec.IsNil() {
		return false
	}
	exts := exec.Elem().FieldByName("extensions")
	if exts.Kind() != reflect.Slice {
		return false
	}
	for i := range exts.Len() {
		ext := exts.Index(i)
		if ext.Kind() != reflect.Interface || ext.IsNil() {
			return false
		}
		if t := ext.Elem().Type(); t.Implements(fieldInterceptor) && t != resolverFields {
			return false
		}
	}
	return true
}
