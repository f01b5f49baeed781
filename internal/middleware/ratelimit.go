package middleware

import (
	"log/slog"
	"net/http"

	"careergraph/internal/access"
	"careergraph/internal/ratelimit"
)

// RateLimit makes every request pay the entry fee on arrival, before its body is read or its
// document parsed, so that refused, invalid and failing requests cost their sender too; a caller
// whose budget is spent is answered 429 here, with Retry-After, and nothing else is done for it.
// The headers it writes tell the caller its budget; the GraphQL transport, which spends the rest
// of an operation's cost once it is known, writes them again with what is left then. A failing
// budget store lets requests through and is logged: rate limits must not take the API down with
// them. A nil limiter limits nothing.
func RateLimit(l ratelimit.Limiter, b ratelimit.Budgets, log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		if l == nil {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if pay(l, b, log, w, r) {
				next.ServeHTTP(w, r)
			}
		})
	}
}

// PayForRefusal returns what Authenticate charges a request whose credentials it refuses: the
// entry fee, from the budget of the client's address (the credentials name no one), so that
// guessing keys or tokens is rate limited like anything else. It reports false after answering
// 429 itself when that budget is spent. A nil limiter charges nothing (nil).
func PayForRefusal(l ratelimit.Limiter, b ratelimit.Budgets, log *slog.Logger) func(http.ResponseWriter, *http.Request) bool {
	if l == nil {
		return nil
	}
	return func(w http.ResponseWriter, r *http.Request) bool { return pay(l, b, log, w, r) }
}

// pay spends the entry fee of the request's caller (the address's for an anonymous one), writes
// the budget's headers, and reports whether the request may go on; it answers 429 when not.
func pay(l ratelimit.Limiter, b ratelimit.Budgets, log *slog.Logger, w http.ResponseWriter, r *http.Request) bool {
	ctx := r.Context()
	key, limit := b.For(access.FromContext(ctx), ClientAddrFrom(ctx).String())
	if key == "" {
		return true
	}
	d, err := l.Spend(ctx, key, limit, ratelimit.EntryFee)
	if err != nil {
		log.ErrorContext(ctx, "spending a rate limit; letting the request through", "error", err)
		return true
	}
	ratelimit.Headers(w.Header(), d)
	if !d.Allowed {
		Refuse(w, r, http.StatusTooManyRequests, d.Err())
	}
	return d.Allowed
}
