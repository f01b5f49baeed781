package ratelimit

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"careergraph/internal/access"
	"careergraph/internal/apierr"
)

func TestKeyFor(t *testing.T) {
	anon := access.Viewer{}
	tests := []struct {
		name   string
		viewer access.Viewer
		remote string
		want   string
	}{
		{"APIKeyByItsID", access.Viewer{Kind: access.APIKey, KeyID: 7}, "203.0.113.9:5123", "key:7"},
		{"StaffUserByID", access.Viewer{Kind: access.User, UserID: 3, Role: access.Editor}, "203.0.113.9:5123", "user:3"},
		{"SystemHasNoBudget", access.Viewer{Kind: access.System}, "", ""},
		{"AnonymousIPv4FromRemoteAddr", anon, "203.0.113.9:5123", "ip:203.0.113.9"},
		{"AnonymousBareIPv4", anon, "203.0.113.9", "ip:203.0.113.9"},
		{"IPv4MappedIPv6IsIPv4", anon, "[::ffff:203.0.113.9]:80", "ip:203.0.113.9"},
		{"IPv6SharesItsSlash64", anon, "[2001:db8:1:2:aaaa::1]:443", "ip:2001:db8:1:2::/64"},
		{"IPv6OtherAddressSameSlash64", anon, "2001:db8:1:2:ffff:ffff:ffff:ffff", "ip:2001:db8:1:2::/64"},
		{"IPv6ZoneDropped", anon, "[fe80::1%eth0]:80", "ip:fe80::/64"},
		{"NoAddressIsUnknown", anon, "", "ip:unknown"},
		{"GarbageIsUnknown", anon, "not an address", "ip:unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := KeyFor(tt.viewer, tt.remote); got != tt.want {
				t.Fatalf("KeyFor(%+v, %q) = %q, want %q", tt.viewer, tt.remote, got, tt.want)
			}
		})
	}
}

func TestHeaders(t *testing.T) {
	reset := time.Unix(1_900_000_000, 200_000_000) // Rounded up to …001.
	tests := []struct {
		name string
		d    Decision
		want map[string]string
	}{
		{"AllowedHasNoRetryAfter",
			Decision{Allowed: true, Limit: 100, Remaining: 70, ResetAt: reset},
			map[string]string{LimitHeader: "100", RemainingHeader: "70", ResetHeader: "1900000001", RetryAfterHeader: ""}},
		{"RefusedRoundsRetryAfterUp",
			Decision{Limit: 100, Remaining: 0, ResetAt: reset, RetryAfter: 600 * time.Millisecond},
			map[string]string{LimitHeader: "100", RemainingHeader: "0", ResetHeader: "1900000001", RetryAfterHeader: "1"}},
		{"RefusedWholeSeconds",
			Decision{Limit: 100, Remaining: 3, ResetAt: time.Unix(1_900_000_000, 0), RetryAfter: 6 * time.Second},
			map[string]string{LimitHeader: "100", RemainingHeader: "3", ResetHeader: "1900000000", RetryAfterHeader: "6"}},
		{"TooCostlyHasNoRetryAfter",
			Decision{Limit: 100, Remaining: 100, ResetAt: reset, TooCostly: true},
			map[string]string{LimitHeader: "100", RemainingHeader: "100", ResetHeader: "1900000001", RetryAfterHeader: ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{RetryAfterHeader: {"stale"}}
			Headers(h, tt.d)
			for name, want := range tt.want {
				if got := h.Get(name); got != want {
					t.Errorf("%s: %q, want %q", name, got, want)
				}
			}
		})
	}
}

func TestDecisionErr(t *testing.T) {
	if err := (Decision{Allowed: true}).Err(); err != nil {
		t.Fatalf("allowed decision has an error: %v", err)
	}
	refused := Decision{Limit: 100, Window: time.Minute, Cost: 20, Remaining: 10, RetryAfter: 5500 * time.Millisecond}
	tooCostly := Decision{Limit: 100, Window: time.Minute, Cost: 500, Remaining: 100, TooCostly: true}
	for _, c := range []struct {
		d    Decision
		want string
	}{
		{refused, "rate limit exceeded: this request costs 20 points and 10 of 100 are left; retry in 6s"},
		{tooCostly, "this request costs 500 points, more than the whole budget of 100 points per 1m0s, so it can never run"},
	} {
		err := c.d.Err()
		if err == nil || err.Code != apierr.RateLimited || !strings.HasPrefix(err.Message, c.want) {
			t.Errorf("Err() = %+v, want RATE_LIMITED %q", err, c.want)
		}
	}
}

// TestBucketArithmeticIsExact checks that rounding never lets a point through early or late,
// with a window that does not divide evenly by the points.
func TestBucketArithmeticIsExact(t *testing.T) {
	s := scaleOf(Limit{Points: 7, Window: time.Second}) // A point every 142.857…ms.
	level, at := s.full(), int64(0)
	var ok bool
	for range 7 {
		if ok, level = s.take(level, 1); !ok {
			t.Fatal("a full bucket of 7 refused one of its 7 points")
		}
	}
	if ok, _ = s.take(level, 1); ok {
		t.Fatal("an empty bucket gave a point")
	}
	if got := s.untilHolds(level, 1); got != 143*time.Millisecond {
		t.Fatalf("wait for a point: %v, want 143ms (142.857 rounded up)", got)
	}
	level, at = s.refill(level, at, 142)
	if s.whole(level) != 0 {
		t.Fatal("a point came back at 142ms")
	}
	level, _ = s.refill(level, at, 143)
	if s.whole(level) != 1 {
		t.Fatal("no point back at 143ms")
	}
	if got := s.untilHolds(level, 7); got != 857*time.Millisecond {
		t.Fatalf("wait until full from 143ms: %v, want 857ms", got)
	}
}
