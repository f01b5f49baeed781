package ratelimit

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// hundred is the budget of most tests: a point comes back every 600ms.
var hundred = Limit{Points: 100, Window: time.Minute}

// TestSpend runs every behaviour of a budget on both stores, on a clock the test moves.
func TestSpend(t *testing.T) {
	tests := []struct {
		name string
		run  func(t *testing.T, l Limiter, clock *fakeClock)
	}{
		{"SpendingWithinBudgetIsAllowed", func(t *testing.T, l Limiter, clock *fakeClock) {
			start := clock.Now()
			want(t, mustSpend(t, l, "key:1", hundred, 30), Decision{Allowed: true, Limit: 100, Window: time.Minute,
				Cost: 30, Remaining: 70, ResetAt: start.Add(18 * time.Second)})
			want(t, mustSpend(t, l, "key:1", hundred, 70), Decision{Allowed: true, Limit: 100, Window: time.Minute,
				Cost: 70, Remaining: 0, ResetAt: start.Add(time.Minute)})
		}},
		{"ExhaustedBudgetIsRefusedUntilAPointComesBack", func(t *testing.T, l Limiter, clock *fakeClock) {
			mustSpend(t, l, "key:1", hundred, 100)
			start := clock.Now()
			want(t, mustSpend(t, l, "key:1", hundred, 1), Decision{Limit: 100, Window: time.Minute,
				Cost: 1, Remaining: 0, RetryAfter: 600 * time.Millisecond, ResetAt: start.Add(600 * time.Millisecond)})
			clock.Advance(599 * time.Millisecond)
			if d := mustSpend(t, l, "key:1", hundred, 1); d.Allowed || d.RetryAfter != time.Millisecond {
				t.Fatalf("1ms early: %+v, want refused with RetryAfter 1ms", d)
			}
			clock.Advance(time.Millisecond)
			if d := mustSpend(t, l, "key:1", hundred, 1); !d.Allowed || d.Remaining != 0 {
				t.Fatalf("after 600ms: %+v, want allowed with nothing left (refusals spent nothing)", d)
			}
		}},
		{"RefusedRequestWaitsOnlyForTheMissingPoints", func(t *testing.T, l Limiter, clock *fakeClock) {
			mustSpend(t, l, "key:1", hundred, 90)
			d := mustSpend(t, l, "key:1", hundred, 20)
			if d.Allowed || d.Remaining != 10 || d.RetryAfter != 6*time.Second || !d.ResetAt.Equal(clock.Now().Add(6*time.Second)) {
				t.Fatalf("got %+v, want refused, 10 left, retry after 6s", d)
			}
			if d := mustSpend(t, l, "key:1", hundred, 10); !d.Allowed {
				t.Fatalf("the 10 points left: %+v, want allowed", d)
			}
		}},
		{"BudgetRefillsOverTimeUpToItsLimit", func(t *testing.T, l Limiter, clock *fakeClock) {
			mustSpend(t, l, "key:1", hundred, 100)
			clock.Advance(30 * time.Second)
			want(t, mustSpend(t, l, "key:1", hundred, 0), Decision{Allowed: true, Limit: 100, Window: time.Minute,
				Remaining: 50, ResetAt: clock.Now().Add(30 * time.Second)})
			clock.Advance(10 * time.Minute)
			want(t, mustSpend(t, l, "key:1", hundred, 0), Decision{Allowed: true, Limit: 100, Window: time.Minute,
				Remaining: 100, ResetAt: clock.Now()})
			if d := mustSpend(t, l, "key:1", hundred, 100); !d.Allowed {
				t.Fatalf("a full bucket refused its whole budget: %+v", d)
			}
		}},
		{"CostZeroReportsWithoutSpending", func(t *testing.T, l Limiter, clock *fakeClock) {
			if d := mustSpend(t, l, "ip:192.0.2.1", hundred, 0); !d.Allowed || d.Remaining != 100 || !d.ResetAt.Equal(clock.Now()) {
				t.Fatalf("fresh budget: %+v, want allowed, 100 left, full now", d)
			}
			mustSpend(t, l, "ip:192.0.2.1", hundred, 40)
			for range 3 {
				if d := mustSpend(t, l, "ip:192.0.2.1", hundred, 0); !d.Allowed || d.Remaining != 60 {
					t.Fatalf("after spending 40: %+v, want allowed with 60 left", d)
				}
			}
			mustSpend(t, l, "ip:192.0.2.1", hundred, 60)
			if d := mustSpend(t, l, "ip:192.0.2.1", hundred, 0); !d.Allowed || d.Remaining != 0 {
				t.Fatalf("an empty budget still answers a free request: %+v", d)
			}
		}},
		{"OneKeysExhaustionLeavesAnotherUntouched", func(t *testing.T, l Limiter, clock *fakeClock) {
			mustSpend(t, l, "key:1", hundred, 100)
			if d := mustSpend(t, l, "key:1", hundred, 1); d.Allowed {
				t.Fatalf("key:1 is exhausted but was allowed: %+v", d)
			}
			for _, other := range []string{"key:2", "user:1", "ip:192.0.2.1"} {
				if d := mustSpend(t, l, other, hundred, 100); !d.Allowed || d.Remaining != 0 {
					t.Fatalf("%s: %+v, want its whole budget", other, d)
				}
			}
		}},
		{"CostAboveTheWholeBudgetIsRefusedForGood", func(t *testing.T, l Limiter, clock *fakeClock) {
			mustSpend(t, l, "key:1", hundred, 10)
			d := mustSpend(t, l, "key:1", hundred, 101)
			if d.Allowed || !d.TooCostly || d.RetryAfter != 0 || d.Remaining != 90 || d.Cost != 101 {
				t.Fatalf("got %+v, want refused as too costly, no retry, 90 still left", d)
			}
			if !d.ResetAt.Equal(clock.Now().Add(6 * time.Second)) {
				t.Fatalf("ResetAt %v, want when full: %v", d.ResetAt, clock.Now().Add(6*time.Second))
			}
			if msg := d.Err().Message; !strings.Contains(msg, "can never run") {
				t.Fatalf("message %q does not say waiting will not help", msg)
			}
			clock.Advance(time.Hour)
			if d := mustSpend(t, l, "key:1", hundred, 101); d.Allowed || !d.TooCostly {
				t.Fatalf("a full bucket: %+v, still want refused", d)
			}
		}},
		{"ChangedLimitKeepsThePointsLeft", func(t *testing.T, l Limiter, clock *fakeClock) {
			mustSpend(t, l, "key:1", hundred, 60)
			bigger := Limit{Points: 1000, Window: time.Minute}
			if d := mustSpend(t, l, "key:1", bigger, 0); d.Remaining != 40 || d.Limit != 1000 {
				t.Fatalf("raised limit: %+v, want 40 of 1000 left", d)
			}
			clock.Advance(time.Second) // 1000 per minute: 16.7 points a second.
			if d := mustSpend(t, l, "key:1", bigger, 50); !d.Allowed || d.Remaining != 6 {
				t.Fatalf("raised limit a second later: %+v, want 56 − 50 = 6 left", d)
			}
			smaller := Limit{Points: 5, Window: time.Minute}
			if d := mustSpend(t, l, "key:1", smaller, 0); d.Remaining != 5 {
				t.Fatalf("lowered limit: %+v, want at most the new 5 points", d)
			}
		}},
		{"ClockBehindRefillsNothing", func(t *testing.T, l Limiter, clock *fakeClock) {
			// Another replica's clock, 10s behind, sees no points come back until it catches up.
			mustSpend(t, l, "key:1", hundred, 50)
			clock.Advance(-10 * time.Second)
			if d := mustSpend(t, l, "key:1", hundred, 50); !d.Allowed || d.Remaining != 0 {
				t.Fatalf("behind: %+v, want the 50 left and no more", d)
			}
			if d := mustSpend(t, l, "key:1", hundred, 1); d.Allowed {
				t.Fatalf("behind: %+v, want refused", d)
			}
			clock.Advance(16 * time.Second)
			if d := mustSpend(t, l, "key:1", hundred, 0); d.Remaining != 10 {
				t.Fatalf("6s after the last spend: %+v, want 10 points back", d)
			}
		}},
		{"InvalidArgumentsAreErrors", func(t *testing.T, l Limiter, clock *fakeClock) {
			for _, c := range []struct {
				key   string
				limit Limit
				cost  int
			}{
				{"", hundred, 1},
				{"key:1", hundred, -1},
				{"key:1", Limit{Points: 0, Window: time.Minute}, 1},
				{"key:1", Limit{Points: 10, Window: time.Microsecond}, 1},
				{"key:1", Limit{Points: 1 << 40, Window: time.Hour}, 1},
			} {
				if _, err := l.Spend(context.Background(), c.key, c.limit, c.cost); !errors.Is(err, ErrInvalid) {
					t.Errorf("Spend(%q, %s, %d): error %v, want ErrInvalid", c.key, c.limit, c.cost, err)
				}
			}
		}},
	}
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					t.Parallel()
					clock := newFakeClock()
					l, _ := b.open(t, clock.Now)
					tt.run(t, l, clock)
				})
			}
		})
	}
}

// TestConcurrentSpendsNeverOverspend has 200 requests race for a budget of 100: exactly 100
// get through. On Redis they come through two limiters, as from two replicas.
func TestConcurrentSpendsNeverOverspend(t *testing.T) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			replicas := make([]Limiter, 2)
			replicas[0], replicas[1] = b.open(t, clock.Now)
			var allowed, refused atomic.Int64
			var wg sync.WaitGroup
			for i := range 200 {
				wg.Go(func() {
					d, err := replicas[i%2].Spend(context.Background(), "key:1", hundred, 1)
					switch {
					case err != nil:
						t.Error(err)
					case d.Allowed:
						allowed.Add(1)
					default:
						refused.Add(1)
					}
				})
			}
			wg.Wait()
			if allowed.Load() != 100 || refused.Load() != 100 {
				t.Fatalf("%d allowed and %d refused, want 100 and 100", allowed.Load(), refused.Load())
			}
		})
	}
}

// want compares decisions, times by instant.
func want(t *testing.T, got, want Decision) {
	t.Helper()
	if !got.ResetAt.Equal(want.ResetAt) {
		t.Errorf("ResetAt %v, want %v", got.ResetAt, want.ResetAt)
	}
	got.ResetAt, want.ResetAt = time.Time{}, time.Time{}
	if got != want {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}
