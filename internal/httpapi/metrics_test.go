package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"entgo.io/ent/dialect"

	"careergraph/internal/app"
	"careergraph/internal/config"
	"careergraph/internal/metrics"
	"careergraph/internal/ratelimit"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/gqltest"
	"careergraph/internal/testing/testdb"
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
	s := apitest.New(t, dialect.SQLite, apitest.SmallBudgets(ratelimit.NewMemory(nil)), func(_ *config.Config, d *app.Deps) {
		d.Log = slog.New(slog.NewJSONHandler(&logs, nil))
	})
	as := apitest.NewActors(t, s)
	var out map[string]any
	as.ByName["readKey"].Query(t, `query CountProfessions { professions(first: 10) { edges { node { title } } } }`, nil, &out)

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

	// Spend the anonymous budget (100 points) to see refusals counted: four requests of 21, then
	// one refused for its cost (15 points left), logged and counted under its name, then another.
	for range 4 {
		s.Do(t, costs21, nil)
	}
	s.Do(t, "query Expensive "+costs21, nil)
	s.Do(t, costs21, nil)
	line = nil
	for _, l := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var m map[string]any
		if json.Unmarshal([]byte(l), &m) == nil && m["operation"] == "Expensive" {
			line = m
		}
	}
	if line == nil || line["status"] != float64(429) || line["rate_limited"] != true || line["cost"] != float64(21) {
		t.Errorf("the refused operation's log line: %v", line)
	}
	resp, body := gqltest.Fetch(t, http.MethodGet, s.Base+"/metrics", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("/metrics: %d", resp.StatusCode)
	}
	for _, want := range []string{
		`careergraph_requests_total{operation="CountProfessions",outcome="ok"} 1`,
		`careergraph_requests_total{operation="unnamed",outcome="rate_limited"}`,
		`careergraph_requests_total{operation="Expensive",outcome="rate_limited"} 1`,
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

// TestMetricsCountEveryStatement checks careergraph_sql_statements_total: it counts what ent
// sends, statement for statement, and also what bypasses ent (search's SQL).
func TestMetricsCountEveryStatement(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		viaEnt := new(atomic.Int64)
		stmts := metrics.NewStatements()
		st := testdb.Open(t, d, testdb.Options{
			WrapDriver: func(drv dialect.Driver) dialect.Driver {
				return dialect.DebugWithContext(drv, func(context.Context, ...any) { viaEnt.Add(1) })
			},
			CountStatement: stmts.Count,
		})
		s := apitest.NewOn(t, st, viaEnt, func(_ *config.Config, d *app.Deps) { d.Statements = stmts })
		counted := func() int64 {
			_, body := gqltest.Fetch(t, http.MethodGet, s.Base+"/metrics", nil)
			for _, line := range strings.Split(body, "\n") {
				if v, ok := strings.CutPrefix(line, "careergraph_sql_statements_total "); ok {
					n, err := strconv.ParseFloat(v, 64)
					if err != nil {
						t.Fatalf("%s: %v", line, err)
					}
					return int64(n)
				}
			}
			t.Fatalf("/metrics lacks careergraph_sql_statements_total:\n%s", body)
			return 0
		}
		delta := func(query string) (metric, ent int64) {
			before, beforeEnt := counted(), viaEnt.Load()
			var out map[string]any
			s.Query(t, query, nil, &out)
			return counted() - before, viaEnt.Load() - beforeEnt
		}
		// Three times: from the second on, the statements run prepared (store.Options.StatementCache).
		for range 3 {
			if metric, ent := delta(`{ professions(first: 5) { edges { node { title skills(first: 3) { edges { node { skill { name } } } } } } } }`); metric != ent || metric == 0 {
				t.Errorf("a catalogue read: the metric counts %d statements, ent sent %d", metric, ent)
			}
		}
		if metric, ent := delta(`{ search(query: "developer") { totalCount edges { node { ... on Profession { title } } } } }`); metric <= ent {
			t.Errorf("a search: the metric counts %d statements, no more than the %d ent sent", metric, ent)
		}
	})
}
