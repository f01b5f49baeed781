package httpapi_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"entgo.io/ent/dialect"

	"careergraph/internal/httpapi"
	"careergraph/internal/ratelimit"
)

// syncBuffer is a log sink safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestRequestLogsAndMetrics(t *testing.T) {
	var logs syncBuffer
	s := newServer(t, dialect.SQLite, small(ratelimit.NewMemory(nil)), func(o *httpapi.Options) {
		o.Log = slog.New(slog.NewJSONHandler(&logs, nil))
	})
	as := newActors(t, s)
	var out map[string]any
	as.byName["readKey"].Query(t, `query CountProfessions { professions(first: 10) { edges { node { title } } } }`, nil, &out)

	var line map[string]any
	for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(l), &m) == nil && m["operation"] == "CountProfessions" {
			line = m
		}
	}
	if line == nil {
		t.Fatalf("no log line for the operation in:\n%s", logs.String())
	}
	if line["client"] != "apikey" || line["cost"] != float64(21) || line["status"] != float64(200) || line["request_id"] == "" || line["duration_ms"] == nil {
		t.Errorf("log line: %v", line)
	}

	// Spend the anonymous budget to see a refusal counted.
	for range 6 {
		s.Do(t, costs21, nil)
	}
	resp, body := get(t, s.Base+"/metrics", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("/metrics: %d", resp.StatusCode)
	}
	for _, want := range []string{
		`careergraph_requests_total{operation="CountProfessions",outcome="ok"} 1`,
		`careergraph_requests_total{operation="unnamed",outcome="rate_limited"}`,
		`careergraph_rate_limit_refusals_total{client="anonymous"}`,
		`careergraph_request_duration_seconds_bucket{operation="CountProfessions"`,
		`go_sql_max_open_connections{db_name="careergraph"}`,
		`go_sql_in_use_connections{db_name="careergraph"}`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
