package main

import (
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"careergraph/internal/config"
)

// composeFile is what the tests read of a Compose file.
type composeFile struct {
	Services map[string]struct {
		Image       string
		Build       any
		Environment map[string]string
		Volumes     []string
		Profiles    []string
		Ports       []string
		Entrypoint  []string
		Networks    composeNetworks
	}
}

// composeNetworks are a service's networks with their settings: a list of names has none.
type composeNetworks map[string]struct {
	IPv4Address string `yaml:"ipv4_address"`
}

func (n *composeNetworks) UnmarshalYAML(v *yaml.Node) error {
	if v.Kind == yaml.SequenceNode {
		return nil
	}
	var m map[string]struct {
		IPv4Address string `yaml:"ipv4_address"`
	}
	if err := v.Decode(&m); err != nil {
		return err
	}
	*n = m
	return nil
}

// TestScaledDeployment checks deploy/compose.scale.yml: the API image built once and run as two
// replicas whose settings the server accepts, each pointed at the primary, at the replica (a
// pg_basebackup -R copy of the primary) and at Redis; third-party images official and pinned;
// every file it mounts present; and nginx in front, trusted by the API as the proxy that names
// the client, spreading /graphql over every replica with WebSocket upgrades, unbuffered event
// streams and timeouts long enough for subscriptions.
func TestScaledDeployment(t *testing.T) {
	raw, err := os.ReadFile("deploy/compose.scale.yml")
	if err != nil {
		t.Fatal(err)
	}
	var f composeFile
	if err := yaml.Unmarshal(raw, &f); err != nil {
		t.Fatalf("deploy/compose.scale.yml: %v", err)
	}
	var builds, apis []string
	pinned := regexp.MustCompile(`^(postgres|redis|nginx|caddy|traefik):\d+\.\d+(\.\d+)?(-[a-z0-9.]+)?$`)
	for name, s := range f.Services {
		if s.Build != nil {
			builds = append(builds, name)
			if s.Image != "careergraph:local" {
				t.Errorf("%s builds the image but names it %q, not careergraph:local", name, s.Image)
			}
		}
		switch {
		case s.Image == "careergraph:local" && len(s.Profiles) == 0:
			apis = append(apis, name)
		case s.Image != "careergraph:local" && !pinned.MatchString(s.Image):
			t.Errorf("%s runs %q: want an official image pinned to a release (e.g. postgres:16.9-alpine)", name, s.Image)
		}
		for _, v := range s.Volumes {
			if src, _, ok := strings.Cut(v, ":"); ok && strings.HasPrefix(src, "./") {
				if _, err := os.Stat(filepath.Join("deploy", src)); err != nil {
					t.Errorf("%s mounts %s, which is not in the repository: %v", name, src, err)
				}
			}
		}
	}
	if len(builds) != 1 {
		t.Errorf("services %v build the image; want exactly one", builds)
	}
	if len(apis) < 2 {
		t.Fatalf("API replicas %v; want at least two", apis)
	}
	slices.Sort(apis)

	// The services the API replicas point at, and what those run.
	hostOf := func(rawURL string) string {
		u, err := url.Parse(rawURL)
		if err != nil {
			return ""
		}
		return u.Hostname()
	}
	read := func(path string) string {
		b, err := os.ReadFile(filepath.Join("deploy", path))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	proxyAddr := ""
	for name, s := range f.Services {
		if strings.HasPrefix(s.Image, "nginx:") {
			for _, n := range s.Networks {
				proxyAddr = n.IPv4Address
			}
			if len(s.Ports) == 0 {
				t.Errorf("%s publishes no port", name)
			}
		}
	}
	for _, name := range apis {
		env := f.Services[name].Environment
		c, err := config.Load(func(k string) string { return env[k] })
		if err != nil {
			t.Errorf("%s's settings: %v", name, err)
			continue
		}
		primary, replica, redis := f.Services[hostOf(c.DatabaseURL)], f.Services[hostOf(c.DatabaseReplicaURL)], f.Services[hostOf(c.RedisURL)]
		if !strings.HasPrefix(primary.Image, "postgres:") || !strings.HasPrefix(replica.Image, "postgres:") || hostOf(c.DatabaseURL) == hostOf(c.DatabaseReplicaURL) {
			t.Errorf("%s: DATABASE_URL and DATABASE_REPLICA_URL must name two PostgreSQL services, not %q and %q", name, hostOf(c.DatabaseURL), hostOf(c.DatabaseReplicaURL))
		} else if len(replica.Entrypoint) != 1 || !regexp.MustCompile(`pg_basebackup [^\n]*-R`).MatchString(read("postgres/"+filepath.Base(replica.Entrypoint[0]))) {
			t.Errorf("%s: the replica's entrypoint %v does not bootstrap it with pg_basebackup -R", name, replica.Entrypoint)
		}
		if !strings.HasPrefix(redis.Image, "redis:") {
			t.Errorf("%s: REDIS_URL names %q, not a Redis service", name, hostOf(c.RedisURL))
		}
		if a, err := netip.ParseAddr(proxyAddr); err != nil || !slices.ContainsFunc(c.TrustedProxies, func(p netip.Prefix) bool { return p.Contains(a) }) {
			t.Errorf("%s: TRUSTED_PROXIES %v does not hold the load balancer's fixed address %q", name, c.TrustedProxies, proxyAddr)
		}
	}

	nginx := read("nginx.conf")
	for _, name := range apis {
		if !strings.Contains(nginx, "server "+name+":8080") {
			t.Errorf("nginx.conf does not send requests to %s", name)
		}
	}
	for _, want := range []string{
		"proxy_http_version 1.1;", "proxy_set_header Upgrade $http_upgrade;", "proxy_set_header Connection $connection_upgrade;",
		"proxy_buffering off;", "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
	} {
		if !strings.Contains(nginx, want) {
			t.Errorf("nginx.conf lacks %s", want)
		}
	}
	for _, directive := range []string{"proxy_read_timeout", "proxy_send_timeout"} {
		m := regexp.MustCompile(directive + ` (\w+);`).FindStringSubmatch(nginx)
		if m == nil {
			t.Errorf("nginx.conf sets no %s (the default 60s closes quiet subscriptions)", directive)
			continue
		}
		if d, err := time.ParseDuration(m[1]); err != nil || d < 10*time.Minute {
			t.Errorf("nginx.conf: %s %s; want at least 10m for long-lived subscriptions", directive, m[1])
		}
	}
}
