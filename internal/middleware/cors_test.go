package middleware_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"careergraph/internal/middleware"
)

// TestCORS: an allowed origin's preflight is answered without reaching the endpoint, and its
// requests may read the request ID and rate-limit headers; another origin gets no permission.
func TestCORS(t *testing.T) {
	reached := 0
	h := middleware.CORS([]string{"https://app.example"}, nil)(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { reached++ }))

	pre := httptest.NewRequest(http.MethodOptions, "/graphql", nil)
	pre.Header.Set("Origin", "https://app.example")
	pre.Header.Set("Access-Control-Request-Method", http.MethodPost)
	pre.Header.Set("Access-Control-Request-Headers", "content-type, x-api-key")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, pre)
	if rec.Header().Get("Access-Control-Allow-Origin") != "https://app.example" || reached != 0 {
		t.Errorf("preflight: %v, reached %d", rec.Header(), reached)
	}

	r := httptest.NewRequest(http.MethodPost, "/graphql", nil)
	r.Header.Set("Origin", "https://app.example")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	exposed := strings.ToLower(rec.Header().Get("Access-Control-Expose-Headers"))
	if !strings.Contains(exposed, "x-request-id") || !strings.Contains(exposed, "x-ratelimit-remaining") {
		t.Errorf("exposed headers %q", exposed)
	}

	r.Header.Set("Origin", "https://evil.example")
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	if rec.Header().Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("another origin was allowed: %v", rec.Header())
	}
}
