package httpapi

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"careergraph/internal/access"
	"careergraph/internal/gqlhttp"
	"careergraph/internal/guard"
	"careergraph/internal/middleware"
	"careergraph/internal/ratelimit"
)

// chargeCost is how the transports charge an operation: the rest of its cost (the entry fee is
// paid on arrival, see middleware.RateLimit), measured by the guard while the operation was
// prepared, is spent before anything runs — before a mutation opens its transaction. The
// budget's headers go into h. A failing budget store lets operations through and is logged: rate
// limits must not take the API down with them.
func chargeCost(l ratelimit.Limiter, b ratelimit.Budgets, log *slog.Logger) gqlhttp.Charge {
	return func(ctx context.Context, oc *graphql.OperationContext, h http.Header) (context.Context, int, *gqlerror.Error) {
		cost := max(guard.Cost(graphql.WithOperationContext(ctx, oc)), ratelimit.EntryFee)
		if l == nil {
			return ctx, cost, nil
		}
		key, limit := b.For(access.FromContext(ctx), middleware.ClientAddrFrom(ctx).String())
		if key == "" {
			return ctx, cost, nil
		}
		d, err := l.Spend(ctx, key, limit, cost-ratelimit.EntryFee)
		if err != nil {
			log.ErrorContext(ctx, "spending a rate limit; letting the request through", "error", err)
			return ctx, cost, nil
		}
		// The request's cost is all it spends, the entry fee included.
		d.Cost = cost
		if h != nil {
			ratelimit.Headers(h, d)
		}
		if !d.Allowed {
			return ctx, cost, d.Err().GraphQL()
		}
		return ratelimit.NewContext(ctx, d), cost, nil
	}
}

// admit charges an operation sent over a WebSocket the entry fee that every HTTP request pays on
// arrival (middleware.RateLimit); its cost is charged as for any operation (chargeCost).
func admit(l ratelimit.Limiter, b ratelimit.Budgets, log *slog.Logger) func(context.Context) error {
	return func(ctx context.Context) error {
		if l == nil {
			return nil
		}
		key, limit := b.For(access.FromContext(ctx), middleware.ClientAddrFrom(ctx).String())
		if key == "" {
			return nil
		}
		d, err := l.Spend(ctx, key, limit, ratelimit.EntryFee)
		if err != nil {
			log.ErrorContext(ctx, "spending a rate limit; letting the operation through", "error", err)
			return nil
		}
		if !d.Allowed {
			return d.Err()
		}
		return nil
	}
}
