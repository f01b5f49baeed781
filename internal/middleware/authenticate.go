package middleware

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"careergraph/internal/access"
	"careergraph/internal/apierr"
	"careergraph/internal/auth"
)

// Authenticate sets the request's viewer from its credentials: a staff member's bearer token, a
// partner's X-API-Key, or none (anonymous). Credentials that are present but invalid, expired or
// revoked are refused with 401 before any GraphQL runs, after pay has charged the refusal (nil:
// free); pay answers for itself, 429, and reports false when it cannot.
func Authenticate(check func(context.Context, auth.Credentials) (access.Viewer, error), pay func(http.ResponseWriter, *http.Request) bool) func(http.Handler) http.Handler {
	refuse := func(w http.ResponseWriter, r *http.Request, e *apierr.Error) {
		if pay == nil || pay(w, r) {
			w.Header().Set("WWW-Authenticate", `Bearer realm="careergraph"`)
			Refuse(w, r, http.StatusUnauthorized, e)
		}
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			c, bad := Credentials(r.Header.Get("Authorization"), r.Header.Get("X-API-Key"))
			if bad != nil {
				refuse(w, r, bad)
				return
			}
			ctx, err := WithViewer(r.Context(), check, c)
			if err != nil {
				var e *apierr.Error
				if errors.As(err, &e) && e.Code == apierr.Unauthenticated {
					refuse(w, r, e)
					return
				}
				Refuse(w, r, http.StatusInternalServerError, apierr.New(apierr.Internal, "internal error"))
				return
			}
			// Sign-in attempts are budgeted per client: the address the rate limits count by.
			ctx = auth.WithClientAddr(ctx, ClientAddrFrom(ctx).String())
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// Credentials reads a bearer token (the Authorization value) and an API key, as a request's
// headers or a WebSocket's connection_init carry them.
func Credentials(authorization, apiKey string) (auth.Credentials, *apierr.Error) {
	var c auth.Credentials
	if authorization != "" {
		scheme, token, _ := strings.Cut(authorization, " ")
		if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
			return c, apierr.New(apierr.Unauthenticated, "the Authorization header must be `Bearer <token>`")
		}
		c.Bearer = strings.TrimSpace(token)
	}
	c.APIKey = strings.TrimSpace(apiKey)
	return c, nil
}

// credentialsKey keeps the credentials a viewer was found by, so that a long-lived connection can
// have them checked again.
type credentialsKey struct{}

// WithViewer returns ctx carrying the viewer that c names, and c (CredentialsFrom); refused
// credentials are an UNAUTHENTICATED *apierr.Error.
func WithViewer(ctx context.Context, check func(context.Context, auth.Credentials) (access.Viewer, error), c auth.Credentials) (context.Context, error) {
	v, err := check(ctx, c)
	if err != nil {
		return nil, err
	}
	ctx = context.WithValue(access.WithViewer(ctx, v), credentialsKey{}, c)
	if c.Bearer != "" {
		ctx = auth.WithToken(ctx, c.Bearer)
	}
	return ctx, nil
}

// CredentialsFrom returns the credentials the viewer of ctx was found by (WithViewer).
func CredentialsFrom(ctx context.Context) (auth.Credentials, bool) {
	c, ok := ctx.Value(credentialsKey{}).(auth.Credentials)
	return c, ok
}
