package main

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"careergraph/internal/config"
)

// TestLogsReadAsPeopleWriteThem: text for a person, JSON for a collector, and either way
// durations as people write them.
func TestLogsReadAsPeopleWriteThem(t *testing.T) {
	cfg, err := config.Load(func(k string) string { return map[string]string{"LOG_FORMAT": "text"}[k] })
	if err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	newLogger(cfg, &text).Info("shutting down", "timeout", 20*time.Second, "window", 15*time.Minute, "drain", 90*time.Minute)
	if got := text.String(); !strings.Contains(got, `msg="shutting down" timeout=20s window=15m drain=1h30m`) || strings.Contains(got, "{") {
		t.Errorf("text log: %s", got)
	}

	// Not a terminal: JSON by default.
	cfg.LogFormat = "auto"
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	newLogger(cfg, f).Info("listening", "config", cfg)
	_ = f.Close()
	raw, _ := os.ReadFile(f.Name())
	for _, want := range []string{`"msg":"listening"`, `"shutdown_timeout":"20s"`, `"rate_limit_window":"1m"`, `"gomemlimit":"100 MiB"`, `"max_body":"256 KiB"`, `"max_query_depth":15`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("JSON log lacks %s: %s", want, raw)
		}
	}
	if strings.Contains(string(raw), "MaxBodyBytes") || strings.Contains(string(raw), "20000000000") {
		t.Errorf("Go field names or nanoseconds in the log: %s", raw)
	}
}

func TestReadyLineSaysWhereToLook(t *testing.T) {
	cfg, _ := config.Load(func(string) string { return "" })
	for addr, want := range map[string]string{
		"[::]:8080":      "careergraph is ready: GraphiQL http://localhost:8080/, GraphQL http://localhost:8080/graphql",
		"127.0.0.1:9000": "careergraph is ready: GraphiQL http://localhost:9000/, GraphQL http://localhost:9000/graphql",
		"10.1.2.3:8080":  "careergraph is ready: GraphiQL http://10.1.2.3:8080/, GraphQL http://10.1.2.3:8080/graphql",
	} {
		a, err := net.ResolveTCPAddr("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if got := readyLine(cfg, a); got != want {
			t.Errorf("%s: %q, want %q", addr, got, want)
		}
	}
	cfg.Playground = false
	a, _ := net.ResolveTCPAddr("tcp", "[::]:8080")
	if got := readyLine(cfg, a); got != "careergraph is ready: GraphQL http://localhost:8080/graphql" {
		t.Errorf("without the playground: %q", got)
	}
}
