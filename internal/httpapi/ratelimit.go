package httpapi

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"careergraph/internal/access"
	"careergraph/internal/clientaddr"
	"careergraph/internal/guard"
	"careergraph/internal/observe"
	"careergraph/internal/ratelimit"
)

// Budgets are the rate limits of the kinds of caller.
type Budgets struct {
	// Anonymous is each client address's budget; Staff each staff member's; Key each API key's
	// unless the key carries its own number of points.
	Anonymous, Staff, Key ratelimit.Limit
}

// budgetOf returns the budget key and limit of the caller in ctx; an empty key is not limited.
func (b Budgets) budgetOf(ctx context.Context, remoteIP string) (string, ratelimit.Limit) {
	v := access.FromContext(ctx)
	key := ratelimit.KeyFor(v, remoteIP)
	switch v.Kind {
	case access.APIKey:
		l := b.Key
		if v.RateLimit > 0 {
			l.Points = v.RateLimit
		}
		return key, l
	case access.User:
		return key, b.Staff
	}
	return key, b.Anonymous
}

// rateSlot carries a request's rate-limit decision from the operation, where the cost is known,
// to the response, where the headers and the status are written.
type rateSlot struct {
	mu       sync.Mutex
	decision *ratelimit.Decision
	remoteIP string
}

type rateSlotKey struct{}

// rateLimited wraps the GraphQL endpoint: every request pays one point on arrival, before its
// document is even parsed, so that refused, invalid and failing requests cost their sender too,
// and a caller whose budget is spent is answered 429 without any work done. The rest of the
// cost is spent once it is known (spendBudget). Every response carries the caller's
// X-RateLimit-* headers; a request refused for its cost is answered 429 with Retry-After.
func rateLimited(l ratelimit.Limiter, b Budgets, log *slog.Logger, next http.Handler) http.Handler {
	if l == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// An unknown client (the zero Addr) spends from the budget shared by all unknown ones.
		ip := clientaddr.From(r.Context()).String()
		slot := &rateSlot{remoteIP: ip}
		ctx := context.WithValue(r.Context(), rateSlotKey{}, slot)
		if key, limit := b.budgetOf(ctx, ip); key != "" {
			d, err := l.Spend(ctx, key, limit, entryFee)
			switch {
			case err != nil:
				log.ErrorContext(ctx, "spending a rate limit; letting the request through", "error", err)
			case !d.Allowed:
				tooMany(ctx, w, d)
				return
			default:
				slot.decision = &d
			}
		}
		rw := &rateWriter{ResponseWriter: w, before: func() {
			slot.mu.Lock()
			d := slot.decision
			slot.mu.Unlock()
			if d != nil {
				ratelimit.Headers(w.Header(), *d)
			}
		}, refused: func() bool {
			slot.mu.Lock()
			defer slot.mu.Unlock()
			return slot.decision != nil && !slot.decision.Allowed
		}}
		next.ServeHTTP(rw, r.WithContext(ctx))
	})
}

// entryFee is what every request pays on arrival, whatever becomes of it.
const entryFee = 1

// chargeAddress returns what authenticate charges a request whose credentials it refuses: the
// entry fee, from the budget of the client's address (the credentials name no one), so that
// guessing keys or tokens is rate limited like anything else. It reports false after answering
// 429 itself when that budget is spent.
func chargeAddress(l ratelimit.Limiter, b Budgets, log *slog.Logger) func(http.ResponseWriter, *http.Request) bool {
	if l == nil {
		return nil
	}
	return func(w http.ResponseWriter, r *http.Request) bool {
		ctx := r.Context()
		key, limit := b.budgetOf(ctx, clientaddr.From(ctx).String())
		d, err := l.Spend(ctx, key, limit, entryFee)
		if err != nil {
			log.ErrorContext(ctx, "spending a rate limit; letting the request through", "error", err)
			return true
		}
		ratelimit.Headers(w.Header(), d)
		if !d.Allowed {
			tooMany(ctx, w, d)
		}
		return d.Allowed
	}
}

// tooMany answers 429 for decision d, before any GraphQL ran.
func tooMany(ctx context.Context, w http.ResponseWriter, d ratelimit.Decision) {
	observe.From(ctx).SetRateLimited()
	ratelimit.Headers(w.Header(), d)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusTooManyRequests)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []any{d.Err().GraphQL()}})
}

// spendBudget is an operation middleware: it spends the rest of the operation's cost (the entry
// fee is paid) before anything runs, and refuses it when the budget cannot pay. A failing budget
// store lets requests through and is logged: rate limits must not take the API down with them.
func spendBudget(l ratelimit.Limiter, b Budgets, log *slog.Logger) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		slot, _ := ctx.Value(rateSlotKey{}).(*rateSlot)
		if l == nil || slot == nil {
			return next(ctx)
		}
		key, limit := b.budgetOf(ctx, slot.remoteIP)
		if key == "" {
			return next(ctx)
		}
		cost := max(guard.Cost(ctx), entryFee)
		d, err := l.Spend(ctx, key, limit, cost-entryFee)
		if err != nil {
			log.ErrorContext(ctx, "spending a rate limit; letting the request through", "error", err)
			return next(ctx)
		}
		// The request's cost is all it spends, the entry fee included.
		d.Cost = cost
		slot.mu.Lock()
		slot.decision = &d
		slot.mu.Unlock()
		if !d.Allowed {
			observe.From(ctx).SetRateLimited()
			return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{d.Err().GraphQL()}})
		}
		return next(ratelimit.NewContext(ctx, d))
	}
}

// rateWriter writes the rate-limit headers, and 429 for a refused request, before the response.
type rateWriter struct {
	http.ResponseWriter
	before  func()
	refused func() bool
	done    bool
}

func (w *rateWriter) WriteHeader(status int) {
	if !w.done {
		w.done = true
		w.before()
		if w.refused() {
			status = http.StatusTooManyRequests
		}
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *rateWriter) Write(p []byte) (int, error) {
	if !w.done {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *rateWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
