// Package apierr defines the error codes careergraph's API answers with, and the presenter that
// turns any error into a GraphQL error carrying one of them.
//
// A client only ever sees the message of an error it can act on (bad input, missing object,
// conflict, …). Anything else is INTERNAL with the request's ID; the detail goes to the log.
package apierr

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/lib/pq"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"careergraph/ent"
	"careergraph/ent/privacy"
	"careergraph/internal/access"
	"careergraph/internal/gid"
)

// Code is the machine-readable kind of an error, in `extensions.code`.
type Code string

// The fixed set of codes. GraphQL's own parse and validation failures keep gqlgen's codes
// GRAPHQL_PARSE_FAILED and GRAPHQL_VALIDATION_FAILED.
const (
	BadUserInput    Code = "BAD_USER_INPUT"
	Unauthenticated Code = "UNAUTHENTICATED"
	Forbidden       Code = "FORBIDDEN"
	NotFound        Code = "NOT_FOUND"
	Conflict        Code = "CONFLICT"
	RateLimited     Code = "RATE_LIMITED"
	QueryTooComplex Code = "QUERY_TOO_COMPLEX"
	Internal        Code = "INTERNAL"
)

// Error is an error whose message is meant for the client.
type Error struct {
	Code    Code
	Message string
	// Field names the input field at fault, when there is one (`extensions.field`).
	Field string
	// RetryAfter is how long a RATE_LIMITED request must wait before it may succeed, when that
	// is known (`extensions.retryAfter`, in whole seconds rounded up, as the Retry-After header).
	RetryAfter time.Duration
}

func (e *Error) Error() string { return e.Message }

// New returns an Error with a formatted message.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns a BAD_USER_INPUT error about one input field.
func Invalid(field, format string, args ...any) *Error {
	return &Error{Code: BadUserInput, Message: fmt.Sprintf(format, args...), Field: field}
}

// NoObject is the error of argument field naming no object of type typ that the caller may read,
// key being the ID it names. An object that does not exist and one hidden from the caller get
// these same words, so that the answer tells nothing of what the caller may not read.
func NoObject(field, typ string, key int) *Error {
	return Invalid(field, "%s: no %s has the ID %s", field, typ, gid.Encode(key))
}

// GraphQL returns e as a GraphQL error, with its code and field in the extensions.
func (e *Error) GraphQL() *gqlerror.Error {
	ext := map[string]any{"code": string(e.Code)}
	if e.Field != "" {
		ext["field"] = e.Field
	}
	if e.RetryAfter > 0 {
		ext["retryAfter"] = int64((e.RetryAfter + time.Second - 1) / time.Second)
	}
	return &gqlerror.Error{Message: e.Message, Extensions: ext}
}

// Presenter returns gqlgen's error presenter: every error leaves with a code from the set above,
// and anything unexpected is logged and replaced by a bare INTERNAL error. Without suggestions,
// validation messages name nothing the client did not send (see Unsuggest). An INTERNAL error
// carries the request's ID (requestID) so that its client can report it.
func Presenter(log *slog.Logger, suggestions bool, requestID func(context.Context) string) graphql.ErrorPresenterFunc {
	present := presenter(log, suggestions, requestID)
	return func(ctx context.Context, err error) *gqlerror.Error {
		e := present(ctx, err)
		// An error about an argument ends its path at the field, as paths name fields and list
		// elements only (gqlgen appends the argument's name and position).
		if e != nil {
			if fc := graphql.GetFieldContext(ctx); fc != nil {
				if _, ok := argumentAtFault(ctx, e); ok {
					e.Path = fc.Path()
				}
			}
		}
		return e
	}
}

func presenter(log *slog.Logger, suggestions bool, requestID func(context.Context) string) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		var (
			apiErr  *Error
			valErr  *ent.ValidationError
			consErr *ent.ConstraintError
			pqErr   *pq.Error
		)
		switch {
		case errors.As(err, &apiErr):
			return withPath(apiErr.GraphQL(), gqlErr)
		case errors.Is(err, ent.ErrInvalidCursor):
			arg := "after"
			if fc := graphql.GetFieldContext(ctx); fc != nil && fc.Args["after"] == nil && fc.Args["before"] != nil {
				arg = "before"
			}
			return withPath(Invalid(arg, "%s is not a cursor of this list in this order: take cursors from the same field with the same orderBy", arg).GraphQL(), gqlErr)
		case errors.As(err, &pqErr) && pqErr.Code.Class() == "22":
			// PostgreSQL's data exceptions (a value out of range, malformed for its type) come
			// from values the request sent.
			return withPath(New(BadUserInput, "a value in the request is out of range or malformed for the catalogue's data").GraphQL(), gqlErr)
		case errors.Is(err, gid.ErrInvalid):
			field := "id"
			if arg, ok := argumentAtFault(ctx, gqlErr); ok {
				field = arg
			}
			return withPath(Invalid(field, "%s is not a valid ID", field).GraphQL(), gqlErr)
		case ent.IsNotFound(err):
			return withPath(New(NotFound, "not found").GraphQL(), gqlErr)
		case errors.As(err, &valErr):
			f := FieldName(valErr.Name)
			return withPath(Invalid(f, "invalid value for %s", f).GraphQL(), gqlErr)
		case errors.Is(err, privacy.Deny):
			if access.FromContext(ctx).Kind == access.Anonymous {
				return withPath(New(Unauthenticated, "sign in or send an API key to do this").GraphQL(), gqlErr)
			}
			return withPath(New(Forbidden, "you may not do this").GraphQL(), gqlErr)
		case errors.As(err, &consErr):
			return withPath(constraint(consErr).GraphQL(), gqlErr)
		case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
			return withPath(internal(requestID(ctx), "the request took too long or was cancelled"), gqlErr)
		}
		if code, _ := gqlErr.Extensions["code"].(string); code == string(NotFound) {
			// entgql's message shows the internal key; the client knows which ID it sent.
			return withPath(New(NotFound, "no object has this ID").GraphQL(), gqlErr)
		}
		if code, ok := gqlErr.Extensions["code"].(string); ok && code != "" {
			// Parse and validation errors, and input coercion errors that gqlgen coded itself.
			if !suggestions {
				gqlErr.Message = Unsuggest(gqlErr.Message)
			}
			return gqlErr
		}
		if arg, ok := argumentAtFault(ctx, gqlErr); ok {
			// The driver's message (a cursor decoder's, say) means nothing to the client.
			return withPath(Invalid(arg, "invalid value for argument %s", arg).GraphQL(), gqlErr)
		}
		log.ErrorContext(ctx, "request failed", "error", err, "path", gqlErr.Path.String())
		return withPath(internal(requestID(ctx), "internal error"), gqlErr)
	}
}

var (
	didYouMean       = regexp.MustCompile(` Did you mean .*\?$`)
	requiredArgument = regexp.MustCompile(`^(Field|Directive) "([^"]+)" argument "[^"]+" of type "[^"]+" is required, but it was not provided\.$`)
	requiredField    = regexp.MustCompile(`^Field "([^".]+)\.[^"]+" of required type "[^"]+" was not provided\.$`)
)

// Unsuggest rewrites a validation message so that it names no field, argument, input field or
// enum value the client did not send: "Did you mean …" hints go, and a missing required
// argument or input field is reported without its name. With introspection off, such messages
// would otherwise reveal the schema piece by piece.
func Unsuggest(msg string) string {
	msg = didYouMean.ReplaceAllString(msg, "")
	if m := requiredArgument.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf(`%s "%s" is missing a required argument.`, m[1], m[2])
	}
	if m := requiredField.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf(`An input value of type "%s" is missing a required field.`, m[1])
	}
	return msg
}

// argumentAtFault recognises an error gqlgen raised while reading a field's arguments, before
// the resolver ran: its path is the field's path followed by the name of one of the field's
// arguments. It returns that argument's name.
func argumentAtFault(ctx context.Context, e *gqlerror.Error) (string, bool) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || fc.Field.Field == nil {
		return "", false
	}
	n := len(fc.Path())
	if len(e.Path) <= n {
		return "", false
	}
	name, ok := e.Path[n].(ast.PathName)
	if !ok || fc.Field.Arguments.ForName(string(name)) == nil && fc.Field.Definition.Arguments.ForName(string(name)) == nil {
		return "", false
	}
	return string(name), true
}

func internal(requestID, msg string) *gqlerror.Error {
	return &gqlerror.Error{Message: msg, Extensions: map[string]any{
		"code":      string(Internal),
		"requestId": requestID,
	}}
}

// withPath keeps the position (path, locations) gqlgen determined for the original error.
func withPath(e, orig *gqlerror.Error) *gqlerror.Error {
	e.Path, e.Locations = orig.Path, orig.Locations
	return e
}

// FieldName turns an ent field name (salary_min) into the GraphQL field name (salaryMin).
func FieldName(column string) string {
	parts := strings.Split(column, "_")
	for i := 1; i < len(parts); i++ {
		switch parts[i] {
		case "id", "uri", "url":
			parts[i] = strings.ToUpper(parts[i])
		default:
			if parts[i] != "" {
				parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
			}
		}
	}
	return strings.Join(parts, "")
}

// Explain returns the coded error behind err: err's own when it is one, or the one that stands
// for ent's not-found, validation and constraint errors. It returns nil for anything else (an
// internal error, whose detail is for the log).
func Explain(err error) *Error {
	var (
		apiErr  *Error
		valErr  *ent.ValidationError
		consErr *ent.ConstraintError
	)
	switch {
	case errors.As(err, &apiErr):
		return apiErr
	case ent.IsNotFound(err):
		return New(NotFound, "not found")
	case errors.As(err, &valErr):
		f := FieldName(valErr.Name)
		return Invalid(f, "invalid value for %s", f)
	case errors.As(err, &consErr):
		return constraint(consErr)
	}
	return nil
}
