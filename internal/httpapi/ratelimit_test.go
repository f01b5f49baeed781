package httpapi_test

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"entgo.io/ent/dialect"

	"careergraph/internal/ratelimit"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/redistest"
)

const costs21 = `{ professions(first: 10) { edges { node { title } } } }`

func TestRateLimits(t *testing.T) {
	s := apitest.New(t, dialect.SQLite, apitest.SmallBudgets(ratelimit.NewMemory(nil)))
	as := apitest.NewActors(t, s)

	remaining := func(r interface{ Get(string) string }) int {
		n, _ := strconv.Atoi(r.Get("X-RateLimit-Remaining"))
		return n
	}
	base := remaining(s.Do(t, `{ __typename }`, nil).Header) // Cost 0 still pays one point.
	r := s.Do(t, costs21, nil)
	if r.Header.Get("X-RateLimit-Limit") != "100" || remaining(r.Header) != base-21 || r.Header.Get("X-RateLimit-Reset") == "" {
		t.Errorf("headers after spending 21 with %d left: %v", base, r.Header)
	}
	var rl struct {
		RateLimit struct{ Limit, Cost, Remaining int }
	}
	s.Query(t, `{ rateLimit { limit cost remaining resetAt } }`, nil, &rl)
	if rl.RateLimit.Limit != 100 || rl.RateLimit.Cost != 1 || rl.RateLimit.Remaining != base-22 {
		t.Errorf("rateLimit = %+v, want limit 100, cost 1, remaining %d", rl.RateLimit, base-22)
	}
	// Spend until 21 more cannot be paid.
	left := base - 22
	for left >= 21 {
		if r := s.Do(t, costs21, nil); r.Status != http.StatusOK {
			t.Fatalf("with %d points left: %d", left, r.Status)
		}
		left -= 21
	}
	refused := s.Do(t, costs21, nil)
	if refused.Status != http.StatusTooManyRequests || len(refused.Errors) == 0 || refused.Errors[0].Code() != "RATE_LIMITED" {
		t.Fatalf("exhausted: %d %+v", refused.Status, refused.Errors)
	}
	// The refused request paid its entry fee, one point, and nothing more.
	left--
	if ra, _ := strconv.Atoi(refused.Header.Get("Retry-After")); ra < 1 || remaining(refused.Header) != left {
		t.Errorf("refusal headers (%d points left): %v", left, refused.Header)
	}
	if len(refused.Data) > 0 && string(refused.Data) != "null" {
		t.Errorf("a refused request ran: %s", refused.Data)
	}
	// A cheaper query still fits in what is left; another caller's budget is untouched.
	if cheap := s.Do(t, `{ professions(first: 1) { totalCount } }`, nil); cheap.Status != http.StatusOK {
		t.Errorf("a query of cost 1 with %d points left: %d", left, cheap.Status)
	}
	key := as.ByName["readKey"].Do(t, costs21, nil)
	if key.Status != http.StatusOK || key.Header.Get("X-RateLimit-Remaining") != "79" {
		t.Errorf("an API key after the anonymous budget ran out: %d, remaining %s", key.Status, key.Header.Get("X-RateLimit-Remaining"))
	}
	// A query costing more than a whole budget can never run.
	if huge := s.Do(t, `{ professions(first: 100) { edges { node { title } } } }`, nil); huge.Status != http.StatusTooManyRequests || huge.Header.Get("Retry-After") != "" {
		t.Errorf("a query costing more than the budget: %d, Retry-After %q", huge.Status, huge.Header.Get("Retry-After"))
	}
}

// TestReplicasShareBudgetsThroughRedis runs two servers, each with its own connections, on one
// redis-server, as two replicas would: what one spends, the other sees.
func TestReplicasShareBudgetsThroughRedis(t *testing.T) {
	addr := redistest.Start(t)
	replica := func() *apitest.Server {
		c, err := ratelimit.ConnectRedis(context.Background(), "redis://"+addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = c.Close() })
		return apitest.New(t, dialect.SQLite, apitest.SmallBudgets(ratelimit.NewRedis(c, ratelimit.RedisOptions{Prefix: "share:"})))
	}
	a, b := replica(), replica()
	for _, s := range []*apitest.Server{a, b, a, b} {
		if r := s.Do(t, costs21, nil); r.Status != http.StatusOK {
			t.Fatalf("within budget: %d", r.Status)
		}
	}
	if got := b.Do(t, `{ professions(first: 1) { totalCount } }`, nil).Header.Get("X-RateLimit-Remaining"); got != "15" {
		t.Errorf("after 4×21 + 1 points spent on two replicas, remaining %s, want 15", got)
	}
	if r := a.Do(t, costs21, nil); r.Status != http.StatusTooManyRequests {
		t.Errorf("the shared budget is spent, yet replica a answered %d", r.Status)
	}
}
