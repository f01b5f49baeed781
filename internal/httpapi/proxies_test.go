package httpapi_test

import (
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"careergraph/internal/app"
	"careergraph/internal/config"
	"careergraph/internal/ratelimit"
	"careergraph/internal/testing/apitest"
)

// trustProxies sets TRUSTED_PROXIES to v, read as the server reads it.
func trustProxies(t testing.TB, v string) apitest.Setting {
	t.Helper()
	c, err := config.Load(func(name string) string {
		if name == "TRUSTED_PROXIES" {
			return v
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	return func(cfg *config.Config, _ *app.Deps) { cfg.TrustedProxies = c.TrustedProxies }
}

// TestForwardedClientsSpendTheirOwnBudgets: behind a trusted proxy (here the test client's own
// address) each forwarded client has its budget and is logged under its address; without
// TRUSTED_PROXIES the header is the caller's word and changes nothing.
func TestForwardedClientsSpendTheirOwnBudgets(t *testing.T) {
	for name, tc := range map[string]struct {
		trusted             string
		remaining, clientIP string
	}{
		"BehindATrustedProxy":   {"127.0.0.1/32", "79", "198.51.100.8"},
		"WithoutTrustedProxies": {"", "58", "127.0.0.1"},
	} {
		t.Run(name, func(t *testing.T) {
			var logs syncBuffer
			s := apitest.New(t, dialect.SQLite, apitest.SmallBudgets(ratelimit.NewMemory(nil)), trustProxies(t, tc.trusted),
				func(_ *config.Config, d *app.Deps) { d.Log = slog.New(slog.NewJSONHandler(&logs, nil)) })
			if r := s.With("X-Forwarded-For", "198.51.100.7").Do(t, costs21, nil); r.Header.Get("X-RateLimit-Remaining") != "79" {
				t.Fatalf("first request: %d, remaining %s, want 79", r.Status, r.Header.Get("X-RateLimit-Remaining"))
			}
			second := s.With("X-Forwarded-For", "198.51.100.8").Do(t, `query Second `+costs21, nil)
			if got := second.Header.Get("X-RateLimit-Remaining"); got != tc.remaining {
				t.Errorf("second client: remaining %s, want %s", got, tc.remaining)
			}
			var line struct {
				ClientIP string `json:"client_ip"`
			}
			for _, l := range strings.Split(logs.String(), "\n") {
				if strings.Contains(l, `"operation":"Second"`) {
					_ = json.Unmarshal([]byte(l), &line)
				}
			}
			if line.ClientIP != tc.clientIP {
				t.Errorf("logged client_ip %q, want %q in:\n%s", line.ClientIP, tc.clientIP, logs.String())
			}
		})
	}
}
