package middleware_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"careergraph/internal/access"
	"careergraph/internal/metrics"
	"careergraph/internal/middleware"
)

// lines decodes the JSON log lines in buf.
func lines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("not a JSON line: %s", l)
		}
		out = append(out, m)
	}
	return out
}

// TestTheAnsweringLayerWritesTheLine: the layer that answers writes the line once, with what only
// it knows and the viewer of its own context; Log writes the lines of answers that nobody wrote.
func TestTheAnsweringLayerWritesTheLine(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	metrics := metrics.NewMetrics(nil, nil)
	api := func(r *http.Request) (bool, bool) { return r.URL.Path == "/graphql", r.URL.Path == "/graphql" }
	h := middleware.Log(log, metrics, api)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/graphql" {
			w.WriteHeader(http.StatusTeapot)
			return
		}
		ctx := access.WithViewer(r.Context(), access.Viewer{Kind: access.APIKey, KeyID: 4})
		w.WriteHeader(http.StatusTooManyRequests)
		e := middleware.EntryFrom(ctx)
		e.Write(ctx, middleware.Outcome{Status: http.StatusTooManyRequests, Operation: "Jobs", Cost: 12, RateLimited: true})
		e.Write(ctx, middleware.Outcome{Status: http.StatusOK, Operation: "Again"})
	}))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodPost, "/graphql", nil))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/livez", nil))

	got := lines(t, &buf)
	if len(got) != 2 {
		t.Fatalf("%d lines, want one per request:\n%s", len(got), buf.String())
	}
	api0, probe := got[0], got[1]
	for k, want := range map[string]any{"path": "/graphql", "status": 429.0, "operation": "Jobs", "cost": 12.0, "rate_limited": true, "client": "apikey"} {
		if api0[k] != want {
			t.Errorf("API line %s = %v, want %v: %v", k, api0[k], want, api0)
		}
	}
	if probe["status"] != 418.0 || probe["client"] != "anonymous" || probe["operation"] != nil {
		t.Errorf("probe line: %v", probe)
	}
	rec := httptest.NewRecorder()
	metrics.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if !strings.Contains(rec.Body.String(), `careergraph_requests_total{operation="Jobs",outcome="rate_limited"} 1`) ||
		strings.Contains(rec.Body.String(), `operation="Again"`) || strings.Contains(rec.Body.String(), `operation="unnamed"`) {
		t.Errorf("metrics count the API request once, as answered:\n%s", rec.Body.String())
	}
}

// TestEntryOutsideLogWritesNothing: layers may write the entry whether or not Log runs.
func TestEntryOutsideLogWritesNothing(t *testing.T) {
	ctx := context.Background()
	middleware.EntryFrom(ctx).Write(ctx, middleware.Outcome{Status: 200})
}

// TestLoggedWritesWhatItsHandlerAnswered: a stream's line says how it was answered, and who asked.
func TestLoggedWritesWhatItsHandlerAnswered(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&buf, nil))
	stream := middleware.Logged(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusSwitchingProtocols)
	}))
	h := middleware.Log(log, nil, nil)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		stream.ServeHTTP(w, r.WithContext(access.WithViewer(r.Context(), access.Viewer{Kind: access.User, UserID: 1})))
	}))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/graphql", nil))
	got := lines(t, &buf)
	if len(got) != 1 || got[0]["status"] != 101.0 || got[0]["client"] != "user" {
		t.Errorf("lines: %v", got)
	}
}
