package middleware_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"careergraph/internal/middleware"
)

// TestLogLinesNameTheRequest: whatever logs with a request's context, its line carries the ID
// the client was sent; lines outside a request carry none.
func TestLogLinesNameTheRequest(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(middleware.LogHandler(slog.NewJSONHandler(&buf, nil))).With("component", "test")
	h := middleware.RequestID(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.ErrorContext(r.Context(), "request failed")
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	id := rec.Header().Get(middleware.RequestIDHeader)
	if id == "" || !strings.Contains(buf.String(), `"request_id":"`+id+`"`) || !strings.Contains(buf.String(), `"component":"test"`) {
		t.Errorf("response ID %q, log line %s", id, buf.String())
	}
	buf.Reset()
	log.InfoContext(context.Background(), "starting")
	if strings.Contains(buf.String(), "request_id") {
		t.Errorf("a line outside any request names one: %s", buf.String())
	}
}
