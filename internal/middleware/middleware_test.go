package middleware_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"careergraph/internal/middleware"
)

// TestStackOrder: by the time a request reaches the server, it has its ID and its client's
// address, and its log line names both.
func TestStackOrder(t *testing.T) {
	var buf bytes.Buffer
	h := middleware.Stack(middleware.Options{
		TrustedProxies: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")},
		ProxyHeader:    middleware.XForwardedFor,
		Log:            slog.New(middleware.LogHandler(slog.NewJSONHandler(&buf, nil))),
		AllowedOrigins: []string{"*"},
	}, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if middleware.RequestIDFrom(r.Context()) == "" || middleware.ClientAddrFrom(r.Context()).String() != "198.51.100.7" {
			t.Errorf("the server sees ID %q and client %v", middleware.RequestIDFrom(r.Context()), middleware.ClientAddrFrom(r.Context()))
		}
	}))
	r := httptest.NewRequest(http.MethodGet, "/livez", nil)
	r.RemoteAddr = "10.0.0.1:4000"
	r.Header.Set("X-Forwarded-For", "198.51.100.7")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	got := lines(t, &buf)
	if len(got) != 1 || got[0]["client_ip"] != "198.51.100.7" || got[0]["request_id"] != rec.Header().Get(middleware.RequestIDHeader) {
		t.Errorf("line %v, response ID %q", got, rec.Header().Get(middleware.RequestIDHeader))
	}
}
