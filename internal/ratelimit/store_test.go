package ratelimit

import (
	"careergraph/internal/testing/redistest"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

func TestMemoryForgetsBucketsThatFilledUp(t *testing.T) {
	clock := newFakeClock()
	m := NewMemory(clock.Now)
	for i := range 1000 {
		mustSpend(t, m, fmt.Sprintf("ip:10.0.%d.%d", i/256, i%256), hundred, 100)
	}
	for i := range 50 {
		mustSpend(t, m, fmt.Sprintf("ip:192.0.2.%d", i), hundred, 0)
	}
	if n := m.size(); n != 1000 {
		t.Fatalf("%d buckets, want 1000: free requests on full buckets must store nothing", n)
	}

	clock.Advance(30 * time.Second)
	mustSpend(t, m, "key:busy", hundred, 100) // Full again 90s after the start.
	clock.Advance(31 * time.Second)
	mustSpend(t, m, "key:trigger", hundred, 1)
	if n := m.size(); n != 2 {
		t.Fatalf("%d buckets after the sweep, want 2 (busy and trigger)", n)
	}
	if d := mustSpend(t, m, "key:busy", hundred, 0); d.Remaining != 51 {
		t.Fatalf("the sweep lost a bucket still in use: %+v", d)
	}

	// An hour later, the next spend's sweep finds every bucket full.
	clock.Advance(time.Hour)
	mustSpend(t, m, "key:trigger", hundred, 0)
	if n := m.size(); n != 0 {
		t.Fatalf("%d buckets an hour later, want none", n)
	}
}

func TestMemoryIsSafeForConcurrentKeys(t *testing.T) {
	m := NewMemory(nil) // The real clock: nothing here depends on it.
	done := make(chan struct{})
	for g := range 8 {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range 500 {
				if _, err := m.Spend(context.Background(), fmt.Sprintf("ip:10.%d.0.%d", g, i%50), hundred, 1); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	for range 8 {
		<-done
	}
	if n := m.size(); n != 400 {
		t.Fatalf("%d buckets, want 400", n)
	}
}

func TestRedisBucketsExpireWhenFull(t *testing.T) {
	addr := redistest.Start(t)
	c := MustConnect(t, addr)
	clock := newFakeClock()
	r := NewRedis(c, RedisOptions{Prefix: "rl:", Now: clock.Now})
	ctx := context.Background()

	mustSpend(t, r, "key:1", hundred, 25) // Full again in 15s.
	ttl, err := c.PTTL(ctx, "rl:key:1").Result()
	if err != nil {
		t.Fatal(err)
	}
	if ttl < 14900*time.Millisecond || ttl > 15010*time.Millisecond {
		t.Fatalf("TTL %v, want 15s: the bucket should expire when it is full again", ttl)
	}

	mustSpend(t, r, "key:2", hundred, 0)
	mustSpend(t, r, "key:1", hundred, 0)
	if n, err := c.Exists(ctx, "rl:key:2").Result(); err != nil || n != 0 {
		t.Fatalf("a free request on a full bucket stored it (exists=%d, err=%v)", n, err)
	}

	clock.Advance(15 * time.Second)
	mustSpend(t, r, "key:1", hundred, 0)
	if d := mustSpend(t, r, "key:1", hundred, 100); !d.Allowed {
		t.Fatalf("refilled bucket: %+v", d)
	}
	clock.Advance(time.Minute)
	mustSpend(t, r, "key:1", hundred, 0) // Refilled to full by a free request: nothing to write.
	keys, err := c.Keys(ctx, "*").Result()
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 1 {
		t.Fatalf("keys %v: want only rl:key:1, until it expires", keys)
	}
}

func TestRedisReplicasShareOneBudget(t *testing.T) {
	addr := redistest.Start(t)
	clock := newFakeClock()
	a := NewRedis(MustConnect(t, addr), RedisOptions{Now: clock.Now})
	b := NewRedis(MustConnect(t, addr), RedisOptions{Now: clock.Now})

	mustSpend(t, a, "key:7", hundred, 60)
	if d := mustSpend(t, b, "key:7", hundred, 41); d.Allowed || d.Remaining != 40 {
		t.Fatalf("replica b: %+v, want refused with the 40 that replica a left", d)
	}
	mustSpend(t, b, "key:7", hundred, 40)
	if d := mustSpend(t, a, "key:7", hundred, 1); d.Allowed {
		t.Fatalf("replica a after b emptied the budget: %+v, want refused", d)
	}
	if d := mustSpend(t, b, "key:8", hundred, 100); !d.Allowed {
		t.Fatalf("another key: %+v, want its whole budget", d)
	}
}

// TestRedisServerClock runs on Redis's own clock, as production does: the only test whose time
// passes for real, briefly.
func TestRedisServerClock(t *testing.T) {
	addr := redistest.Start(t)
	a := NewRedis(MustConnect(t, addr), RedisOptions{})
	b := NewRedis(MustConnect(t, addr), RedisOptions{})
	fast := Limit{Points: 4, Window: 200 * time.Millisecond} // A point every 50ms.

	start := time.Now()
	if d := mustSpend(t, a, "key:1", fast, 4); !d.Allowed {
		t.Fatalf("fresh budget: %+v", d)
	}
	d := mustSpend(t, b, "key:1", fast, 4)
	if d.Allowed && time.Since(start) < fast.Window {
		t.Fatalf("replica b spent the budget replica a had just emptied: %+v", d)
	}
	if !d.Allowed && (d.RetryAfter <= 0 || d.RetryAfter > 200*time.Millisecond) {
		t.Fatalf("RetryAfter %v, want within the 200ms window", d.RetryAfter)
	}
	// Wait, by Redis's clock, until the budget says it is full again; it must not take much
	// more than the window, counted in looks at the budget.
	full := false
	for range 30 {
		if d := mustSpend(t, b, "key:1", fast, 0); d.Remaining == fast.Points {
			full = true
			break
		}
		time.Sleep(fast.Window / 10)
	}
	if !full || time.Since(start) < fast.Window {
		t.Fatalf("full again: %v after %v, want full, and not before the %v window", full, time.Since(start), fast.Window)
	}
	if d := mustSpend(t, b, "key:1", fast, 4); !d.Allowed {
		t.Fatalf("a whole window later: %+v, want the budget full again", d)
	}
	if d := mustSpend(t, a, "key:1", fast, 0); d.ResetAt.Before(time.Now()) || d.ResetAt.After(time.Now().Add(250*time.Millisecond)) {
		t.Fatalf("ResetAt %v is not within a window from now (%v)", d.ResetAt, time.Now())
	}
}

func TestRedisFailureIsAnError(t *testing.T) {
	addr := redistest.Start(t)
	c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	r := NewRedis(c, RedisOptions{})
	mustSpend(t, r, "key:1", hundred, 1)
	_ = c.Close()
	if _, err := r.Spend(context.Background(), "key:1", hundred, 1); err == nil {
		t.Fatal("Spend on a closed client: no error")
	}
	if _, err := ConnectRedis(context.Background(), "http://"+addr); err == nil {
		t.Fatal("ConnectRedis accepted an http:// URL")
	}
	if _, err := ConnectRedis(context.Background(), "redis://u:s3cret@127.0.0.1:bad"); err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("ConnectRedis on a bad URL: %v, want an error that hides the password", err)
	}
}
