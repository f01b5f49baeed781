package middleware_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"careergraph/internal/middleware"
)

// TestDeadline: a request's context ends after the timeout; a stream's has none.
func TestDeadline(t *testing.T) {
	var left time.Duration
	var has bool
	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var d time.Time
		d, has = r.Context().Deadline()
		left = time.Until(d)
	})
	h := middleware.Deadline(time.Minute, func(r *http.Request) bool { return r.URL.Path == "/stream" })(inner)
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/graphql", nil))
	if !has || left <= 0 || left > time.Minute {
		t.Errorf("request: deadline %v in %v", has, left)
	}
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/stream", nil))
	if has {
		t.Error("a stream got a deadline")
	}
	middleware.Deadline(0, nil)(inner).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/graphql", nil))
	if has {
		t.Error("no timeout, yet a deadline")
	}
}
