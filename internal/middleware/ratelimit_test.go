package middleware_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"careergraph/internal/middleware"
	"careergraph/internal/ratelimit"
)

// TestRateLimitChargesTheEntryFee: every request pays one point on arrival and is told what is
// left; once the budget is spent the answer is 429 with Retry-After, and the handler never runs.
func TestRateLimitChargesTheEntryFee(t *testing.T) {
	b := ratelimit.Limit{Points: 3, Window: time.Hour}
	ran := 0
	h := middleware.RateLimit(ratelimit.NewMemory(nil), ratelimit.Budgets{Anonymous: b, Staff: b, Key: b}, slog.New(slog.DiscardHandler))(
		http.HandlerFunc(func(http.ResponseWriter, *http.Request) { ran++ }))
	for i, want := range []string{"2", "1", "0"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/graphql", nil))
		if rec.Code != http.StatusOK || rec.Header().Get("X-RateLimit-Remaining") != want {
			t.Fatalf("request %d: status %d, remaining %q, want %s", i+1, rec.Code, rec.Header().Get("X-RateLimit-Remaining"), want)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/graphql", nil))
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") == "" || !strings.Contains(rec.Body.String(), `"RATE_LIMITED"`) {
		t.Errorf("over budget: %d %v %s", rec.Code, rec.Header(), rec.Body)
	}
	if ran != 3 {
		t.Errorf("the handler ran %d times, want 3", ran)
	}
}

// TestNoLimiterLimitsNothing: without a limiter no request is charged or refused.
func TestNoLimiterLimitsNothing(t *testing.T) {
	h := middleware.RateLimit(nil, ratelimit.Budgets{}, nil)(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/graphql", nil))
	if rec.Code != http.StatusOK || rec.Header().Get("X-RateLimit-Remaining") != "" {
		t.Errorf("%d %v", rec.Code, rec.Header())
	}
	if middleware.PayForRefusal(nil, ratelimit.Budgets{}, nil) != nil {
		t.Error("refusals are charged without a limiter")
	}
}
