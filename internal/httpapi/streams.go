package httpapi

import (
	"context"
	"log/slog"
	"slices"
	"strings"

	"careergraph/internal/access"
	"careergraph/internal/apierr"
	"careergraph/internal/auth"
	"careergraph/internal/clientaddr"
	"careergraph/internal/observe"
	"careergraph/internal/ratelimit"
)

// credentials reads a bearer token (the Authorization value) and an API key, as a request's
// headers or a WebSocket's connection_init carry them.
func credentials(authorization, apiKey string) (auth.Credentials, *apierr.Error) {
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
// have them checked again (recheck).
type credentialsKey struct{}

// viewerFor returns ctx carrying the viewer that c names; refused credentials are an
// UNAUTHENTICATED *apierr.Error.
func viewerFor(ctx context.Context, check func(context.Context, auth.Credentials) (access.Viewer, error), c auth.Credentials) (context.Context, error) {
	v, err := check(ctx, c)
	if err != nil {
		return nil, err
	}
	ctx = context.WithValue(access.WithViewer(ctx, v), credentialsKey{}, c)
	observe.From(ctx).SetClient(clientKind(v))
	if c.Bearer != "" {
		ctx = auth.WithToken(ctx, c.Bearer)
	}
	return ctx, nil
}

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
		c, bad := credentials(authorization, key)
		if bad != nil {
			return nil, refused(ctx, pay, bad)
		}
		signed, err := viewerFor(ctx, check, c)
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
		c, ok := ctx.Value(credentialsKey{}).(auth.Credentials)
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

// admit charges an operation sent over a WebSocket the entry fee that every HTTP request pays on
// arrival (rateLimited); its cost is spent by spendBudget, as for any operation.
func admit(l ratelimit.Limiter, b Budgets, log *slog.Logger) func(context.Context) error {
	return func(ctx context.Context) error {
		if l == nil {
			return nil
		}
		key, limit := b.budgetOf(ctx, clientaddr.From(ctx).String())
		if key == "" {
			return nil
		}
		d, err := l.Spend(ctx, key, limit, entryFee)
		if err != nil {
			log.ErrorContext(ctx, "spending a rate limit; letting the operation through", "error", err)
			return nil
		}
		if !d.Allowed {
			observe.From(ctx).SetRateLimited()
			return d.Err()
		}
		return nil
	}
}
