package httpapi

import (
	"context"
	"slices"
	"strings"

	"careergraph/internal/access"
	"careergraph/internal/apierr"
	"careergraph/internal/auth"
	"careergraph/internal/middleware"
)

// initStream authenticates a WebSocket from its connection_init payload, which carries what the
// HTTP API reads from headers: {"Authorization": "Bearer …"} or {"X-API-Key": "…"}, the names in
// any case, at the top or under "headers" (as some clients nest them). Without credentials the
// connection keeps the viewer of its upgrade request (which paid its entry fee). Refused
// credentials pay the entry fee once more, as refused requests do, so that guessing them over one
// connection is rate limited like guessing them over many requests.
func initStream(check func(context.Context, auth.Credentials) (access.Viewer, error), pay func(context.Context) error) func(context.Context, map[string]any) (context.Context, error) {
	return func(ctx context.Context, payload map[string]any) (context.Context, error) {
		authorization, key := lookup(payload, "authorization"), lookup(payload, "x-api-key", "apikey", "api_key")
		if h, ok := payload["headers"].(map[string]any); ok {
			authorization = cmpOr(authorization, lookup(h, "authorization"))
			key = cmpOr(key, lookup(h, "x-api-key"))
		}
		if authorization == "" && key == "" {
			return ctx, nil
		}
		c, bad := middleware.Credentials(authorization, key)
		if bad != nil {
			return nil, refused(ctx, pay, bad)
		}
		signed, err := middleware.WithViewer(ctx, check, c)
		if err != nil {
			return nil, refused(ctx, pay, err)
		}
		return signed, nil
	}
}

// recheck checks again the credentials a subscription connection was opened with: a key revoked,
// a session ended or an account disabled or given another role since then ends the connection
// (UNAUTHENTICATED), as it refuses the next request at once.
func recheck(check func(context.Context, auth.Credentials) (access.Viewer, error)) func(context.Context) error {
	return func(ctx context.Context) error {
		c, ok := middleware.CredentialsFrom(ctx)
		if !ok || c == (auth.Credentials{}) {
			return nil
		}
		v, err := check(ctx, c)
		if err != nil {
			return err
		}
		if was := access.FromContext(ctx); v.Kind != was.Kind || v.UserID != was.UserID || v.Role != was.Role ||
			v.KeyID != was.KeyID || v.ProviderID != was.ProviderID || !slices.Equal(v.Scopes, was.Scopes) {
			return apierr.New(apierr.Unauthenticated, "the credentials of this connection changed; connect again")
		}
		return nil
	}
}

// refused charges refused credentials and returns why they were refused, or that the budget
// that pays for refusals is spent.
func refused(ctx context.Context, pay func(context.Context) error, why error) error {
	if err := pay(ctx); err != nil {
		return err
	}
	return why
}

// lookup returns the string under the first of names found in m, the keys compared without case.
func lookup(m map[string]any, names ...string) string {
	for k, v := range m {
		for _, n := range names {
			if s, ok := v.(string); ok && strings.EqualFold(k, n) {
				return s
			}
		}
	}
	return ""
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
