package config_test

import (
	"bytes"
	"log/slog"
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"careergraph/internal/config"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaults(t *testing.T) {
	c, err := config.Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Port != 8080 || c.DatabaseURL != "" || c.SQLitePath != "careergraph.db" || !c.Migrate || !c.SeedDemo ||
		!c.Playground || c.LogLevel != slog.LevelInfo || c.ShutdownTimeout != 20*time.Second ||
		len(c.CORSAllowedOrigins) != 1 || c.CORSAllowedOrigins[0] != "*" {
		t.Errorf("defaults: %+v", c)
	}
}

func TestValuesAreRead(t *testing.T) {
	c, err := config.Load(env(map[string]string{
		"PORT": "9090", "DATABASE_URL": "postgres://u:secret@db:5432/cg", "CORS_ALLOWED_ORIGINS": "https://a.example, https://b.example",
		"PLAYGROUND": "false", "LOG_LEVEL": "debug", "MIGRATE": "false",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Port != 9090 || c.Playground || c.Migrate || c.LogLevel != slog.LevelDebug ||
		strings.Join(c.CORSAllowedOrigins, "|") != "https://a.example|https://b.example" {
		t.Errorf("read: %+v", c)
	}
	if d := c.DatabaseDisplay(); strings.Contains(d, "secret") {
		t.Errorf("DatabaseDisplay shows the password: %s", d)
	}
}

func TestInvalidValuesAreNamed(t *testing.T) {
	_, err := config.Load(env(map[string]string{"PORT": "eighty", "DATABASE_URL": "mysql://x", "LOG_LEVEL": "loud"}))
	if err == nil {
		t.Fatal("invalid settings accepted")
	}
	for _, name := range []string{"PORT", "DATABASE_URL", "LOG_LEVEL"} {
		if !strings.Contains(err.Error(), name) {
			t.Errorf("error %q does not name %s", err, name)
		}
	}
}

func TestUsageListsEverySetting(t *testing.T) {
	var b bytes.Buffer
	config.Usage(&b)
	for _, name := range []string{"PORT", "DATABASE_URL", "SQLITE_PATH", "CORS_ALLOWED_ORIGINS", "PLAYGROUND", "LOG_LEVEL", "MIGRATE", "SEED_DEMO"} {
		if !strings.Contains(b.String(), name) {
			t.Errorf("usage lacks %s", name)
		}
	}
}

// TestREADMEDocumentsEverySetting keeps the README's configuration table complete.
func TestREADMEDocumentsEverySetting(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	config.Usage(&b)
	for _, line := range strings.Split(b.String(), "\n")[1:] {
		name, _, _ := strings.Cut(line, " ")
		if name != "" && !strings.Contains(string(readme), "| `"+name+"` |") {
			t.Errorf("the README's configuration table lacks %s", name)
		}
	}
}

func TestGarbageCollectorSettings(t *testing.T) {
	c, err := config.Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.GCPercent != 800 || c.MemoryLimit != 100<<20 {
		t.Errorf("defaults: GOGC %d, GOMEMLIMIT %d", c.GCPercent, c.MemoryLimit)
	}
	for v, want := range map[string]int64{"off": math.MaxInt64, "2GiB": 2 << 30, "512KiB": 512 << 10, "1000000": 1e6, "64B": 64} {
		c, err := config.Load(env(map[string]string{"GOMEMLIMIT": v, "GOGC": "off"}))
		if err != nil || c.MemoryLimit != want || c.GCPercent != -1 {
			t.Errorf("GOMEMLIMIT=%s GOGC=off: %d, %d, %v", v, c.MemoryLimit, c.GCPercent, err)
		}
	}
	for _, v := range []string{"100MB", "-5MiB", "lots", "9999999TiB"} {
		if _, err := config.Load(env(map[string]string{"GOMEMLIMIT": v})); err == nil || !strings.Contains(err.Error(), "GOMEMLIMIT") {
			t.Errorf("GOMEMLIMIT=%s: %v", v, err)
		}
	}
	if _, err := config.Load(env(map[string]string{"GOGC": "0"})); err == nil {
		t.Error("GOGC=0 accepted")
	}
}

func TestTrustedProxies(t *testing.T) {
	for v, want := range map[string]string{
		"": "",
		"10.0.0.0/8, 192.0.2.7 ,2001:db8::/32,::1": "10.0.0.0/8 192.0.2.7/32 2001:db8::/32 ::1/128",
		"10.1.2.3/8":                           "10.0.0.0/8",
		"::ffff:10.0.0.0/104,::ffff:192.0.2.7": "10.0.0.0/8 192.0.2.7/32",
	} {
		c, err := config.Load(env(map[string]string{"TRUSTED_PROXIES": v}))
		if err != nil {
			t.Errorf("TRUSTED_PROXIES=%q: %v", v, err)
			continue
		}
		var got []string
		for _, p := range c.TrustedProxies {
			got = append(got, p.String())
		}
		if strings.Join(got, " ") != want {
			t.Errorf("TRUSTED_PROXIES=%q: %v, want %s", v, got, want)
		}
	}
	for v, bad := range map[string]string{
		"10.0.0.0/8, proxy.example": "proxy.example",
		"10.0.0.0/33":               "10.0.0.0/33",
		"192.0.2.7:8080":            "192.0.2.7:8080",
		"fe80::1%eth0":              "fe80::1%eth0",
		"10.0.0.0/8;192.0.2.7":      "10.0.0.0/8;192.0.2.7",
	} {
		_, err := config.Load(env(map[string]string{"TRUSTED_PROXIES": v}))
		if err == nil || !strings.Contains(err.Error(), "TRUSTED_PROXIES") || !strings.Contains(err.Error(), `"`+bad+`" is neither`) {
			t.Errorf("TRUSTED_PROXIES=%q: %v, want an error naming %q", v, err, bad)
		}
	}
}

func TestTrustedProxyHeader(t *testing.T) {
	for v, want := range map[string]string{"": "X-Forwarded-For", "forwarded": "Forwarded", "X-FORWARDED-FOR": "X-Forwarded-For"} {
		c, err := config.Load(env(map[string]string{"TRUSTED_PROXY_HEADER": v}))
		if err != nil || c.ProxyHeader != want {
			t.Errorf("TRUSTED_PROXY_HEADER=%q: %q, %v; want %s", v, c.ProxyHeader, err, want)
		}
	}
	if _, err := config.Load(env(map[string]string{"TRUSTED_PROXY_HEADER": "X-Real-IP"})); err == nil || !strings.Contains(err.Error(), "X-Forwarded-For or Forwarded") {
		t.Errorf("X-Real-IP: %v, want an error listing the valid values", err)
	}
}

func TestCORSAllowedHeaders(t *testing.T) {
	c, err := config.Load(env(nil))
	if err != nil || !slices.Contains(c.CORSAllowedHeaders, "traceparent") || !slices.Contains(c.CORSAllowedHeaders, "apollo-require-preflight") {
		t.Errorf("defaults %v, %v", c.CORSAllowedHeaders, err)
	}
	c, err = config.Load(env(map[string]string{"CORS_ALLOWED_HEADERS": "Content-Type, x-custom-trace"}))
	if err != nil || strings.Join(c.CORSAllowedHeaders, " ") != "Content-Type x-custom-trace" {
		t.Errorf("set: %v, %v", c.CORSAllowedHeaders, err)
	}
	if _, err := config.Load(env(map[string]string{"CORS_ALLOWED_HEADERS": "x-a, bad header"})); err == nil || !strings.Contains(err.Error(), `"bad header"`) {
		t.Errorf("a header name with a space: %v", err)
	}
}

func TestSignInSettings(t *testing.T) {
	c, err := config.Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.SignInWindow != 15*time.Minute || c.SignInPerAccount != 5 || c.SignInPerAddress != 20 || c.HashConcurrency != 2 {
		t.Errorf("defaults: window %s, account %d, address %d, hashes %d", c.SignInWindow, c.SignInPerAccount, c.SignInPerAddress, c.HashConcurrency)
	}
	for name, v := range map[string]string{
		"SIGNIN_RATE_WINDOW": "500ms", "SIGNIN_RATE_ACCOUNT": "0", "SIGNIN_RATE_ADDRESS": "many", "PASSWORD_HASH_CONCURRENCY": "1000",
	} {
		if _, err := config.Load(env(map[string]string{name: v})); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s=%s: %v", name, v, err)
		}
	}
}

func TestReplicaSettings(t *testing.T) {
	c, err := config.Load(env(map[string]string{
		"DATABASE_URL":         "postgres://u:secret@primary:5432/cg",
		"DATABASE_REPLICA_URL": "postgres://u:secret@replica:5432/cg",
		"REPLICA_MAX_LAG":      "2s",
	}))
	if err != nil || c.DatabaseReplicaURL != "postgres://u:secret@replica:5432/cg" || c.ReplicaMaxLag != 2*time.Second {
		t.Errorf("read: %q, %v, %v", c.DatabaseReplicaURL, c.ReplicaMaxLag, err)
	}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("config", "config", c)
	if strings.Contains(logged.String(), "secret") || !strings.Contains(logged.String(), "replica:5432") {
		t.Errorf("the logged configuration shows a password or lacks the replica: %s", logged.String())
	}
	if c, err := config.Load(env(nil)); err != nil || c.DatabaseReplicaURL != "" || c.ReplicaMaxLag != 5*time.Second {
		t.Errorf("defaults: %q, %v, %v", c.DatabaseReplicaURL, c.ReplicaMaxLag, err)
	}
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"DATABASE_URL": "postgres://db/cg", "DATABASE_REPLICA_URL": "mysql://replica/cg"}, `DATABASE_REPLICA_URL="mysql://replica/cg": must be a postgres:// URL with a host`},
		{map[string]string{"DATABASE_URL": "postgres://db/cg", "DATABASE_REPLICA_URL": "postgres:///cg"}, "must be a postgres:// URL with a host"},
		{map[string]string{"DATABASE_REPLICA_URL": "postgres://replica/cg"}, "DATABASE_REPLICA_URL needs DATABASE_URL"},
		{map[string]string{"REPLICA_MAX_LAG": "5"}, `REPLICA_MAX_LAG="5": must be a duration`},
		{map[string]string{"REPLICA_MAX_LAG": "10ms"}, `REPLICA_MAX_LAG="10ms": must be between 100ms and 1h`},
	} {
		if _, err := config.Load(env(tc.env)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want an error saying %q", tc.env, err, tc.want)
		}
	}
}
