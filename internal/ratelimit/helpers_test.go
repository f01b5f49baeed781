package ratelimit

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"careergraph/internal/testing/redistest"
)

// fakeClock is a clock that moves only when told.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// backend makes limiters of one store for a test, all sharing the same budgets (for Redis: two
// instances on separate connections, as two replicas would have).
type backend struct {
	name string
	// open returns limiters reading the time from clock.
	open func(t *testing.T, clock func() time.Time) (Limiter, Limiter)
}

// backends returns Memory and, on a real redis-server started for the test, Redis.
func backends(t *testing.T) []backend {
	t.Helper()
	return []backend{
		{"Memory", func(t *testing.T, clock func() time.Time) (Limiter, Limiter) {
			m := NewMemory(clock)
			return m, m
		}},
		{"Redis", func(t *testing.T, clock func() time.Time) (Limiter, Limiter) {
			addr := redistest.Start(t)
			o := RedisOptions{Prefix: "test:" + t.Name() + ":", Now: clock}
			return NewRedis(MustConnect(t, addr), o), NewRedis(MustConnect(t, addr), o)
		}},
	}
}

// MustConnect returns a client of the Redis server at addr, closed when the test ends.
func MustConnect(tb testing.TB, addr string) *redis.Client {
	tb.Helper()
	c, err := ConnectRedis(context.Background(), "redis://"+addr)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = c.Close() })
	return c
}

// mustSpend spends and fails the test on error.
func mustSpend(tb testing.TB, l Limiter, key string, limit Limit, cost int) Decision {
	tb.Helper()
	d, err := l.Spend(context.Background(), key, limit, cost)
	if err != nil {
		tb.Fatalf("Spend(%q, %s, %d): %v", key, limit, cost, err)
	}
	return d
}
