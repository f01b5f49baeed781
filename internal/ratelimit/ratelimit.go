// Package ratelimit gives every caller a budget of points, spent by the cost of each request
// (internal/guard) and refilled continuously over time, so that one partner's program or one
// busy address cannot crowd out everybody else.
//
// A budget is a token bucket: it holds at most Limit.Points points and refills at Points per
// Limit.Window, so a caller that has been quiet for a whole window may spend the whole budget at
// once, and one that spends steadily gets Points per Window. A request whose cost is more than
// what is left is refused and spends nothing.
//
// Two stores keep the buckets: Memory, inside one process (one replica, development, tests), and
// Redis, shared by every replica. Both compute with the same integer arithmetic (bucket.go), so
// they agree to the point.
package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"time"

	"careergraph/internal/access"
	"careergraph/internal/apierr"
)

// Limit is the size of a budget: at most Points points, refilled at Points per Window.
type Limit struct {
	Points int
	Window time.Duration
}

func (l Limit) String() string { return fmt.Sprintf("%d points per %s", l.Points, l.Window) }

// maxLevel bounds Points × Window (in milliseconds) so that every intermediate value of the
// arithmetic stays an exact integer in a float64, which is what numbers are in Redis's Lua.
const maxLevel = 1 << 52

// ErrInvalid is wrapped by the errors Spend returns for arguments it cannot work with.
var ErrInvalid = errors.New("invalid rate limit")

func (l Limit) validate() error {
	switch {
	case l.Points < 1:
		return fmt.Errorf("%w: %s: at least one point is needed", ErrInvalid, l)
	case l.Window < time.Millisecond:
		return fmt.Errorf("%w: %s: the window must be at least a millisecond", ErrInvalid, l)
	case int64(l.Points) > maxLevel/l.Window.Milliseconds():
		return fmt.Errorf("%w: %s: points × window in milliseconds must stay below 2^52", ErrInvalid, l)
	}
	return nil
}

// Decision is the outcome of spending from a budget, and where the budget stands afterwards.
type Decision struct {
	// Allowed reports whether the request may run; a refused request spent nothing.
	Allowed bool
	// Limit and Window are the budget's size.
	Limit  int
	Window time.Duration
	// Cost is what the request asked to spend.
	Cost int
	// Remaining is what is left after this request, in whole points.
	Remaining int
	// ResetAt is when the budget will be full again or, for a refused request, when it will hold
	// enough points for its cost.
	ResetAt time.Time
	// RetryAfter is how long a refused request must wait: zero when it is allowed, and zero when
	// it is TooCostly, for then no wait helps.
	RetryAfter time.Duration
	// TooCostly reports that the cost is more than the whole budget: the request is refused now
	// and would be at any later time.
	TooCostly bool
}

// Err returns the RATE_LIMITED error to answer a refused request with, or nil when it is allowed.
func (d Decision) Err() *apierr.Error {
	switch {
	case d.Allowed:
		return nil
	case d.TooCostly:
		return apierr.New(apierr.RateLimited,
			"this request costs %d points, more than the whole budget of %d points per %s, so it can never run: ask for smaller pages or fewer nested lists",
			d.Cost, d.Limit, d.Window)
	}
	return apierr.New(apierr.RateLimited,
		"rate limit exceeded: this request costs %d points and %d of %d are left; retry in %ds",
		d.Cost, d.Remaining, d.Limit, ceilSeconds(d.RetryAfter))
}

// Limiter spends from budgets.
type Limiter interface {
	// Spend takes cost points from the budget named key, whose size is limit, if it holds that
	// many, and reports where the budget stands. A cost of 0 spends nothing and reports. A cost
	// above limit.Points is refused with TooCostly set. The error wraps ErrInvalid for an empty
	// key, a negative cost or an invalid limit; any other error means the store failed, and the
	// caller decides whether to let the request through.
	Spend(ctx context.Context, key string, limit Limit, cost int) (Decision, error)
}

var (
	_ Limiter = (*Memory)(nil)
	_ Limiter = (*Redis)(nil)
)

// takeFunc is what a store does: refill the bucket key to now and take cost (scaled) from it if
// it holds that much. It returns whether it did, the bucket's level afterwards, and the moment of
// the store's clock, as a local time.Time, that the level was computed for.
type takeFunc func(ctx context.Context, key string, s scale, cost int64) (allowed bool, level int64, at time.Time, err error)

// spend checks the arguments, lets take do the work, and turns its answer into a Decision.
func spend(ctx context.Context, take takeFunc, key string, limit Limit, cost int) (Decision, error) {
	switch {
	case key == "":
		return Decision{}, fmt.Errorf("%w: empty budget key", ErrInvalid)
	case cost < 0:
		return Decision{}, fmt.Errorf("%w: negative cost %d", ErrInvalid, cost)
	}
	if err := limit.validate(); err != nil {
		return Decision{}, err
	}
	s := scaleOf(limit)
	tooCostly := int64(cost) > s.points
	asked := int64(cost)
	if tooCostly {
		// Nothing to take: look at the bucket so that the answer still says what is left.
		asked = 0
	}
	allowed, level, at, err := take(ctx, key, s, asked)
	if err != nil {
		return Decision{}, fmt.Errorf("spending %d points from the budget %q: %w", cost, key, err)
	}
	d := Decision{
		Allowed:   allowed && !tooCostly,
		Limit:     limit.Points,
		Window:    time.Duration(s.window) * time.Millisecond,
		Cost:      cost,
		Remaining: int(s.whole(level)),
		TooCostly: tooCostly,
	}
	switch {
	case d.Allowed, tooCostly:
		d.ResetAt = at.Add(s.untilHolds(level, s.points))
	default:
		d.RetryAfter = s.untilHolds(level, int64(cost))
		d.ResetAt = at.Add(d.RetryAfter)
	}
	return d, nil
}

// Header names, for CORS's exposed headers: browsers hide the others from scripts.
const (
	LimitHeader      = "X-RateLimit-Limit"
	RemainingHeader  = "X-RateLimit-Remaining"
	ResetHeader      = "X-RateLimit-Reset"
	RetryAfterHeader = "Retry-After"
)

// HeaderNames lists the headers Headers sets.
var HeaderNames = []string{LimitHeader, RemainingHeader, ResetHeader, RetryAfterHeader}

// Headers describes d in h: the budget's size, what is left, and when it resets (in Unix seconds,
// rounded up, as GitHub's API does), and for a refused request that waiting helps, Retry-After
// in whole seconds, rounded up.
func Headers(h http.Header, d Decision) {
	h.Set(LimitHeader, strconv.Itoa(d.Limit))
	h.Set(RemainingHeader, strconv.Itoa(d.Remaining))
	reset := d.ResetAt.Unix()
	if d.ResetAt.Nanosecond() > 0 {
		reset++
	}
	h.Set(ResetHeader, strconv.FormatInt(reset, 10))
	if d.Allowed || d.TooCostly {
		h.Del(RetryAfterHeader)
		return
	}
	h.Set(RetryAfterHeader, strconv.FormatInt(ceilSeconds(d.RetryAfter), 10))
}

// ceilSeconds rounds d up to whole seconds, at least one: "retry in 0 seconds" invites a
// client to hammer.
func ceilSeconds(d time.Duration) int64 {
	return max(1, int64((d+time.Second-1)/time.Second))
}

// KeyFor names the budget a request spends from: "key:<id>" for an API key, "user:<id>" for a
// staff member, and "ip:<address>" for anonymous callers, where remoteIP is the client's address
// (a bare IP or the host:port of http.Request.RemoteAddr). An IPv6 client gets the budget of its
// /64, since one subscriber is handed a whole /64 and could otherwise pick a fresh address for
// each request. Anonymous callers without a usable address share "ip:unknown". The server's own
// work (access.System) spends from no budget: KeyFor returns "" and it must not be limited.
func KeyFor(v access.Viewer, remoteIP string) string {
	switch v.Kind {
	case access.APIKey:
		return "key:" + strconv.Itoa(v.KeyID)
	case access.User:
		return "user:" + strconv.Itoa(v.UserID)
	case access.System:
		return ""
	}
	return "ip:" + clientNetwork(remoteIP)
}

func clientNetwork(remote string) string {
	if host, _, err := net.SplitHostPort(remote); err == nil {
		remote = host
	}
	addr, err := netip.ParseAddr(remote)
	if err != nil {
		return "unknown"
	}
	addr = addr.Unmap().WithZone("")
	if addr.Is4() {
		return addr.String()
	}
	return netip.PrefixFrom(addr, 64).Masked().String()
}

type decisionKey struct{}

// NewContext returns a copy of ctx carrying d, the decision for the request of ctx, so that the
// rateLimit query field can show it.
func NewContext(ctx context.Context, d Decision) context.Context {
	return context.WithValue(ctx, decisionKey{}, d)
}

// FromContext returns the decision stored by NewContext.
func FromContext(ctx context.Context) (Decision, bool) {
	d, ok := ctx.Value(decisionKey{}).(Decision)
	return d, ok
}
