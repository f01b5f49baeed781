// Package config reads careergraph's settings from the environment. It is the only place that
// looks at environment variables; everything else receives a Config.
package config

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// Config is every setting the server reads.
type Config struct {
	// Port is the TCP port to listen on; 0 picks a free one (tests).
	Port int
	// Host is the interface to listen on; empty means all.
	Host string
	// DatabaseURL selects PostgreSQL (postgres://…); empty means the embedded SQLite file.
	DatabaseURL string
	// DatabaseReplicaURL, when set, is a streaming replica of DatabaseURL that anonymous and
	// API-key queries read from while it is at most ReplicaMaxLag behind.
	DatabaseReplicaURL string
	ReplicaMaxLag      time.Duration
	// SQLitePath is the embedded database file used when DatabaseURL is empty.
	SQLitePath string
	// Migrate applies pending schema migrations at start.
	Migrate bool
	// SeedDemo loads the demo catalogue into a brand-new embedded database.
	SeedDemo bool
	// TrustedProxies are the load balancers and reverse proxies whose forwarding header,
	// ProxyHeader (X-Forwarded-For or Forwarded), names the client; empty trusts none, so the
	// client is the peer.
	TrustedProxies []netip.Prefix
	ProxyHeader    string
	// CORSAllowedHeaders lists the request headers browsers may send cross-origin.
	CORSAllowedHeaders []string
	// CORSAllowedOrigins lists the browser origins allowed to call the API; "*" allows any.
	CORSAllowedOrigins []string
	// Playground serves GraphiQL, the GraphQL IDE, at "/".
	Playground bool
	// LogLevel is the minimum level logged.
	LogLevel slog.Level
	// LogFormat is "json", "text" or "auto" (text on a terminal, else json).
	LogFormat string
	// ShutdownTimeout bounds how long in-flight requests may take to finish after SIGTERM.
	ShutdownTimeout time.Duration
	// DrainDelay is how long the server keeps serving, with readiness failing, after SIGTERM,
	// so that load balancers stop sending it requests before it stops listening.
	DrainDelay time.Duration
	// RequestTimeout bounds one request; PostgreSQL cancels statements that outlive it.
	RequestTimeout time.Duration
	// MaxOpenConns bounds the database connection pool.
	MaxOpenConns int
	// StatementCache is how many statements each PostgreSQL connection keeps prepared; 0 none.
	StatementCache int
	// Limits bound what one GraphQL request may ask for.
	Limits Limits
	// Subscriptions bound what one client may hold open over WebSocket and Server-Sent Events.
	Subscriptions Subscriptions
	// Introspection answers schema introspection queries.
	Introspection bool
	// TrustedDocuments runs only documents registered with `documents register`.
	TrustedDocuments bool
	// CacheMaxAge is how long shared caches may keep anonymous GET responses.
	CacheMaxAge time.Duration
	// RedisURL, when set, keeps rate-limit budgets in Redis, shared by every replica.
	RedisURL string
	// RateWindow is the time a full budget refills in; the budgets are points of query cost.
	RateWindow                        time.Duration
	RateAnonymous, RateStaff, RateKey int
	// SignInWindow is the time a spent budget of sign-in attempts refills in; SignInPerAccount
	// and SignInPerAddress are the attempts each e-mail address and each client address may make.
	SignInWindow                       time.Duration
	SignInPerAccount, SignInPerAddress int
	// HashConcurrency is the most argon2id password hashes (19 MiB each) computed at once.
	HashConcurrency int
	// OTLPEndpoint, when set, receives traces over OTLP/HTTP; ServiceName names the service in them.
	OTLPEndpoint, ServiceName string
	// FieldSuggestions adds "Did you mean …" to validation errors (handy in development; it
	// reveals the schema, so it is off by default).
	FieldSuggestions bool
	// GCPercent and MemoryLimit are the Go garbage collector's settings for the server, as
	// GOGC and GOMEMLIMIT spell them (a negative GCPercent is "off", a MemoryLimit of
	// math.MaxInt64 is none). Their defaults trade memory the server may use for CPU it would
	// spend collecting: see README, "Memory and the garbage collector".
	GCPercent   int
	MemoryLimit int64
}

// DefaultCORSHeaders are the request headers browsers may send cross-origin by default: what
// careergraph reads (credentials, request IDs), and what tracing (W3C Trace Context, baggage,
// Sentry) and GraphQL clients (Apollo's client awareness and CSRF header) add, so that turning
// those on in a front-end does not break every request's preflight.
var DefaultCORSHeaders = []string{
	"Accept", "Content-Type", "Authorization", "X-API-Key", "X-Request-Id",
	"traceparent", "tracestate", "baggage", "sentry-trace",
	"apollographql-client-name", "apollographql-client-version", "apollo-require-preflight",
	"x-apollo-operation-name", "graphql-client-name", "graphql-client-version",
}

// Limits bound one GraphQL request; see internal/guard for what they count.
type Limits struct {
	MaxBodyBytes, MaxTokens, MaxDepth, MaxFields, MaxAliases, MaxDirectives, MaxCost int
	MaxInputDepth, MaxListItems, MaxInputValues, MaxIDs                              int
}

// Subscriptions bound the long-lived connections of subscriptions (internal/gqlstream).
type Subscriptions struct {
	PerConnection, ConnectionsPerClient    int
	InitTimeout, IdleTimeout, PingInterval time.Duration
}

// durationSetting applies a duration between lo and hi to the field ptr returns.
func durationSetting(ptr func(*Config) *time.Duration, lo, hi time.Duration) func(*Config, string) error {
	return func(c *Config, v string) error {
		d, err := parseDuration(v)
		if err == nil && (d < lo || d > hi) {
			err = fmt.Errorf("must be between %s and %s", lo, hi)
		}
		*ptr(c) = d
		return err
	}
}

// setting describes one environment variable.
type setting struct {
	name, def, doc string
	apply          func(c *Config, v string) error
}

var settings = []setting{
	{"PORT", "8080", "TCP port to listen on (0 picks a free port).", func(c *Config, v string) (err error) {
		c.Port, err = parseInt(v, 0, 65535)
		return err
	}},
	{"HOST", "", "Interface to listen on; empty listens on all.", func(c *Config, v string) error {
		c.Host = v
		return nil
	}},
	{"DATABASE_URL", "", "PostgreSQL URL (postgres://user:pass@host:5432/db?sslmode=disable). Empty: embedded SQLite.", func(c *Config, v string) error {
		if v == "" {
			return nil
		}
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			return errors.New("must be a postgres:// URL")
		}
		c.DatabaseURL = v
		return nil
	}},
	{"DATABASE_REPLICA_URL", "", "PostgreSQL URL of a streaming replica of DATABASE_URL: anonymous and API-key queries read from it; writes, staff and anything after a write use DATABASE_URL. Empty: no replica.", func(c *Config, v string) error {
		if v == "" {
			return nil
		}
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
			return errors.New("must be a postgres:// URL with a host")
		}
		c.DatabaseReplicaURL = v
		return nil
	}},
	{"REPLICA_MAX_LAG", "5s", "Reads go to the primary while the replica is further behind than this (or down), and back once it catches up.", func(c *Config, v string) (err error) {
		c.ReplicaMaxLag, err = parseDuration(v)
		if err == nil && (c.ReplicaMaxLag < 100*time.Millisecond || c.ReplicaMaxLag > time.Hour) {
			err = errors.New("must be between 100ms and 1h")
		}
		return err
	}},
	{"SQLITE_PATH", "careergraph.db", "Embedded SQLite database file, used when DATABASE_URL is empty.", func(c *Config, v string) error {
		if v == "" {
			return errors.New("must not be empty")
		}
		c.SQLitePath = v
		return nil
	}},
	{"MIGRATE", "true", "Apply pending schema migrations at start (false: run `careergraph migrate` yourself).", func(c *Config, v string) (err error) {
		c.Migrate, err = parseBool(v)
		return err
	}},
	{"SEED_DEMO", "true", "Load the demo catalogue into a brand-new embedded SQLite database.", func(c *Config, v string) (err error) {
		c.SeedDemo, err = parseBool(v)
		return err
	}},
	{"CORS_ALLOWED_HEADERS", strings.Join(DefaultCORSHeaders, ","), "Comma-separated request headers browsers may send cross-origin (besides the CORS-safelisted ones); add what your front-end's tracing or client libraries send.", func(c *Config, v string) error {
		c.CORSAllowedHeaders = nil
		for _, h := range strings.Split(v, ",") {
			h = strings.TrimSpace(h)
			if h == "" {
				continue
			}
			if strings.ContainsAny(h, " ()<>@,;:\\\"/[]?={}") {
				return fmt.Errorf("%q is not a header name", h)
			}
			c.CORSAllowedHeaders = append(c.CORSAllowedHeaders, h)
		}
		return nil
	}},
	{"CORS_ALLOWED_ORIGINS", "*", "Comma-separated browser origins allowed to call the API, e.g. https://app.example; * allows any.", func(c *Config, v string) error {
		c.CORSAllowedOrigins = nil
		for _, o := range strings.Split(v, ",") {
			if o = strings.TrimSpace(o); o != "" {
				c.CORSAllowedOrigins = append(c.CORSAllowedOrigins, o)
			}
		}
		return nil
	}},
	{"TRUSTED_PROXIES", "", "Comma-separated addresses or CIDR ranges (10.0.0.0/8, 2001:db8::/32) of proxies whose TRUSTED_PROXY_HEADER names the client, for rate limits and logs. Empty: trust none.", func(c *Config, v string) (err error) {
		c.TrustedProxies, err = parsePrefixes(v)
		return err
	}},
	{"TRUSTED_PROXY_HEADER", "X-Forwarded-For", "The header the trusted proxies write the client into: X-Forwarded-For or Forwarded (the other is ignored).", func(c *Config, v string) error {
		switch {
		case strings.EqualFold(v, "X-Forwarded-For"):
			c.ProxyHeader = "X-Forwarded-For"
		case strings.EqualFold(v, "Forwarded"):
			c.ProxyHeader = "Forwarded"
		default:
			return errors.New("must be X-Forwarded-For or Forwarded")
		}
		return nil
	}},
	{"PLAYGROUND", "true", "Serve GraphiQL (the GraphQL IDE, embedded: it works offline) at /.", func(c *Config, v string) (err error) {
		c.Playground, err = parseBool(v)
		return err
	}},
	{"LOG_LEVEL", "info", "Minimum log level: debug, info, warn or error.", func(c *Config, v string) error {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return errors.New("must be debug, info, warn or error")
		}
		return nil
	}},
	{"LOG_FORMAT", "auto", "Log format: json, text, or auto (text on a terminal, json otherwise).", func(c *Config, v string) error {
		if v != "json" && v != "text" && v != "auto" {
			return errors.New("must be json, text or auto")
		}
		c.LogFormat = v
		return nil
	}},
	{"SHUTDOWN_TIMEOUT", "20s", "How long in-flight requests may take to finish after SIGTERM.", func(c *Config, v string) (err error) {
		c.ShutdownTimeout, err = parseDuration(v)
		return err
	}},
	{"INTROSPECTION", "true", "Answer GraphQL introspection queries (GraphiQL needs them).", func(c *Config, v string) (err error) {
		c.Introspection, err = parseBool(v)
		return err
	}},
	{"FIELD_SUGGESTIONS", "false", "Add \"Did you mean …\" hints to validation errors (reveals field names; for development).", func(c *Config, v string) (err error) {
		c.FieldSuggestions, err = parseBool(v)
		return err
	}},
	{"TRUSTED_DOCUMENTS", "false", "Run only GraphQL documents registered with `careergraph documents register` (sent by hash).", func(c *Config, v string) (err error) {
		c.TrustedDocuments, err = parseBool(v)
		return err
	}},
	{"CACHE_MAX_AGE", "60s", "How long browsers and CDNs may keep anonymous GET responses (0 disables caching).", func(c *Config, v string) (err error) {
		c.CacheMaxAge, err = parseDuration(v)
		return err
	}},
	{"REDIS_URL", "", "Redis URL (redis://host:6379/0): rate-limit budgets shared by all replicas. Empty: kept in this process.", func(c *Config, v string) error {
		if v != "" {
			u, err := url.Parse(v)
			if err != nil || (u.Scheme != "redis" && u.Scheme != "rediss") {
				return errors.New("must be a redis:// or rediss:// URL")
			}
		}
		c.RedisURL = v
		return nil
	}},
	{"RATE_LIMIT_WINDOW", "1m", "Time in which a spent rate-limit budget refills completely.", func(c *Config, v string) (err error) {
		c.RateWindow, err = parseDuration(v)
		if err == nil && c.RateWindow < time.Second {
			err = errors.New("must be at least 1s")
		}
		return err
	}},
	{"RATE_LIMIT_ANONYMOUS", "200000", "Points of query cost each client address may spend per window without credentials.", intSetting(func(c *Config) *int { return &c.RateAnonymous }, 1, 1_000_000_000)},
	{"RATE_LIMIT_STAFF", "1000000", "Points each signed-in staff member may spend per window.", intSetting(func(c *Config) *int { return &c.RateStaff }, 1, 1_000_000_000)},
	{"RATE_LIMIT_KEY", "1000000", "Points each API key may spend per window, unless the key has its own rateLimit.", intSetting(func(c *Config) *int { return &c.RateKey }, 1, 1_000_000_000)},
	{"SIGNIN_RATE_WINDOW", "15m", "Time in which spent sign-in attempts come back (SIGNIN_RATE_ACCOUNT and SIGNIN_RATE_ADDRESS per window).", func(c *Config, v string) (err error) {
		c.SignInWindow, err = parseDuration(v)
		if err == nil && (c.SignInWindow < time.Second || c.SignInWindow > 24*time.Hour) {
			err = errors.New("must be between 1s and 24h")
		}
		return err
	}},
	{"SIGNIN_RATE_ACCOUNT", "5", "Sign-in attempts per e-mail address per window, known or not, successful ones too (RATE_LIMITED beyond).", intSetting(func(c *Config) *int { return &c.SignInPerAccount }, 1, 10_000)},
	{"SIGNIN_RATE_ADDRESS", "20", "Sign-in attempts per client address (IPv6: per /64) per window, whatever the e-mail address.", intSetting(func(c *Config) *int { return &c.SignInPerAddress }, 1, 10_000)},
	{"PASSWORD_HASH_CONCURRENCY", "2", "Most argon2id password hashes (19 MiB each) computed at once; further sign-ins wait their turn.", intSetting(func(c *Config) *int { return &c.HashConcurrency }, 1, 64)},
	{"MAX_BODY_BYTES", "262144", "Largest request body accepted; a larger one is refused with 413 without being read.", intSetting(func(c *Config) *int { return &c.Limits.MaxBodyBytes }, 1024, 64<<20)},
	{"MAX_QUERY_TOKENS", "4000", "Most tokens a GraphQL document may have; parsing stops beyond.", intSetting(func(c *Config) *int { return &c.Limits.MaxTokens }, 100, 1_000_000)},
	{"MAX_QUERY_DEPTH", "15", "Deepest nesting of fields a query may have.", intSetting(func(c *Config) *int { return &c.Limits.MaxDepth }, 2, 1000)},
	{"MAX_QUERY_FIELDS", "500", "Most fields a query may select, fragments counted wherever they are spread.", intSetting(func(c *Config) *int { return &c.Limits.MaxFields }, 10, 100_000)},
	{"MAX_QUERY_ALIASES", "30", "Most aliases a query may use.", intSetting(func(c *Config) *int { return &c.Limits.MaxAliases }, 0, 100_000)},
	{"MAX_QUERY_DIRECTIVES", "30", "Most directives a query may use.", intSetting(func(c *Config) *int { return &c.Limits.MaxDirectives }, 0, 100_000)},
	{"MAX_INPUT_DEPTH", "20", "Deepest nesting of objects and lists in one argument or variable (e.g. where: {not: {and: [...]}}).", intSetting(func(c *Config) *int { return &c.Limits.MaxInputDepth }, 2, 1000)},
	{"MAX_INPUT_LIST", "500", "Most items of one list in an argument or variable (e.g. slugIn).", intSetting(func(c *Config) *int { return &c.Limits.MaxListItems }, 10, 1_000_000)},
	{"MAX_INPUT_VALUES", "2000", "Most values in all arguments and variables of a request together.", intSetting(func(c *Config) *int { return &c.Limits.MaxInputValues }, 10, 10_000_000)},
	{"MAX_NODE_IDS", "100", "Most IDs nodes(ids:) looks up at once.", intSetting(func(c *Config) *int { return &c.Limits.MaxIDs }, 1, 10_000)},
	{"MAX_QUERY_COST", "50000", "Most objects a query may return, counting nested pages multiplied (QUERY_TOO_COMPLEX beyond).", intSetting(func(c *Config) *int { return &c.Limits.MaxCost }, 100, 1_000_000_000)},
	{"SUBSCRIPTIONS_PER_CONNECTION", "100", "Most operations one WebSocket may run at once (RATE_LIMITED beyond).", intSetting(func(c *Config) *int { return &c.Subscriptions.PerConnection }, 1, 100_000)},
	{"SUBSCRIPTION_CONNECTIONS_PER_CLIENT", "200", "Most WebSocket and event-stream connections one client address may hold open (429 beyond).", intSetting(func(c *Config) *int { return &c.Subscriptions.ConnectionsPerClient }, 1, 1_000_000)},
	{"SUBSCRIPTION_INIT_TIMEOUT", "10s", "How long a WebSocket may take to send connection_init (closed with 4408 after).", durationSetting(func(c *Config) *time.Duration { return &c.Subscriptions.InitTimeout }, 100*time.Millisecond, time.Hour)},
	{"SUBSCRIPTION_IDLE_TIMEOUT", "5m", "A WebSocket that runs no operation and sends nothing for this long is closed.", durationSetting(func(c *Config) *time.Duration { return &c.Subscriptions.IdleTimeout }, time.Second, 24*time.Hour)},
	{"SUBSCRIPTION_PING_INTERVAL", "30s", "How often WebSockets are pinged (a ping unanswered by the next one closes the connection) and event streams get a keep-alive comment.", durationSetting(func(c *Config) *time.Duration { return &c.Subscriptions.PingInterval }, 100*time.Millisecond, time.Hour)},
	{"OTEL_EXPORTER_OTLP_ENDPOINT", "", "OTLP/HTTP endpoint (e.g. http://collector:4318) to send traces to; empty: no tracing.", func(c *Config, v string) error {
		if v != "" {
			if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") {
				return errors.New("must be an http:// or https:// URL")
			}
		}
		c.OTLPEndpoint = v
		return nil
	}},
	{"OTEL_SERVICE_NAME", "careergraph", "Service name on exported traces.", func(c *Config, v string) error {
		c.ServiceName = v
		return nil
	}},
	{"DRAIN_DELAY", "0s", "After SIGTERM, keep serving this long with /readyz failing before closing the listener (e.g. 5s behind a load balancer).", func(c *Config, v string) (err error) {
		c.DrainDelay, err = parseDuration(v)
		return err
	}},
	{"REQUEST_TIMEOUT", "30s", "Longest a request may take; PostgreSQL statements are cancelled after it too.", func(c *Config, v string) (err error) {
		c.RequestTimeout, err = parseDuration(v)
		if err == nil && c.RequestTimeout < 100*time.Millisecond {
			err = errors.New("must be at least 100ms")
		}
		return err
	}},
	{"DB_MAX_OPEN_CONNS", "20", "Upper bound of the database connection pool.", func(c *Config, v string) (err error) {
		c.MaxOpenConns, err = parseInt(v, 1, 10000)
		return err
	}},
	{"DB_STATEMENT_CACHE", "256", "Statements each PostgreSQL connection keeps prepared, so that the database parses and plans them once per connection (0: none).", func(c *Config, v string) (err error) {
		c.StatementCache, err = parseInt(v, 0, 100000)
		return err
	}},
	{"GOGC", "800", "The server's garbage collector runs when the heap has grown by this many percent since the last collection (`off`: only at GOMEMLIMIT).", func(c *Config, v string) (err error) {
		if v == "off" {
			c.GCPercent = -1
			return nil
		}
		if c.GCPercent, err = parseInt(v, 1, 100000); err != nil {
			return errors.New("must be a percentage between 1 and 100000 (e.g. 100 or 800), or off")
		}
		return nil
	}},
	{"GOMEMLIMIT", "100MiB", "Heap size from which the server's garbage collector runs whatever GOGC says (`B`, `KiB`, `MiB`, `GiB` or `TiB`; `off`: no limit).", func(c *Config, v string) (err error) {
		c.MemoryLimit, err = parseBytes(v)
		return err
	}},
}

// Load reads the configuration through getenv (os.Getenv in production), applying defaults
// for unset variables. An invalid value is an error that names the variable.
func Load(getenv func(string) string) (Config, error) {
	var c Config
	var errs []error
	for _, s := range settings {
		v := getenv(s.name)
		if v == "" {
			v = s.def
		}
		if err := s.apply(&c, v); err != nil {
			errs = append(errs, fmt.Errorf("%s=%q: %w", s.name, v, err))
		}
	}
	if c.DatabaseReplicaURL != "" && c.DatabaseURL == "" {
		errs = append(errs, errors.New("DATABASE_REPLICA_URL needs DATABASE_URL: a read replica is a copy of a PostgreSQL primary, and the embedded SQLite database has none"))
	}
	// A budget smaller than the most a query may cost would refuse some valid queries forever.
	for name, points := range map[string]int{"RATE_LIMIT_ANONYMOUS": c.RateAnonymous, "RATE_LIMIT_STAFF": c.RateStaff, "RATE_LIMIT_KEY": c.RateKey} {
		if len(errs) == 0 && points < c.Limits.MaxCost {
			errs = append(errs, fmt.Errorf("%s=%d: must be at least MAX_QUERY_COST (%d)", name, points, c.Limits.MaxCost))
		}
	}
	return c, errors.Join(errs...)
}

// Usage writes the table of environment variables, for --help.
func Usage(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VARIABLE\tDEFAULT\tMEANING")
	for _, s := range settings {
		def := s.def
		if def == "" {
			def = "(empty)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.name, def, s.doc)
	}
	_ = tw.Flush()
}

// LogValue lets the configuration be logged at start with secrets masked.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Int("port", c.Port),
		slog.String("host", c.Host),
		slog.String("database", c.DatabaseDisplay()),
		slog.String("database_replica", redacted(c.DatabaseReplicaURL)),
		slog.Duration("replica_max_lag", c.ReplicaMaxLag),
		slog.Bool("migrate", c.Migrate),
		slog.Bool("seed_demo", c.SeedDemo),
		slog.Any("cors_allowed_origins", c.CORSAllowedOrigins),
		slog.Any("trusted_proxies", c.TrustedProxies),
		slog.String("trusted_proxy_header", c.ProxyHeader),
		slog.Bool("playground", c.Playground),
		slog.String("log_level", c.LogLevel.String()),
		slog.Duration("shutdown_timeout", c.ShutdownTimeout),
		slog.Duration("drain_delay", c.DrainDelay),
		slog.Duration("request_timeout", c.RequestTimeout),
		slog.Int("subscriptions_per_connection", c.Subscriptions.PerConnection),
		slog.Int("subscription_connections_per_client", c.Subscriptions.ConnectionsPerClient),
		slog.Duration("subscription_idle_timeout", c.Subscriptions.IdleTimeout),
		slog.Duration("subscription_ping_interval", c.Subscriptions.PingInterval),
		slog.Int("db_max_open_conns", c.MaxOpenConns),
		slog.Int("db_statement_cache", c.StatementCache),
		slog.Bool("introspection", c.Introspection),
		slog.Bool("field_suggestions", c.FieldSuggestions),
		slog.Bool("trusted_documents", c.TrustedDocuments),
		slog.Bool("redis", c.RedisURL != ""),
		slog.Bool("tracing", c.OTLPEndpoint != ""),
		slog.Duration("rate_limit_window", c.RateWindow),
		slog.Int("rate_limit_anonymous", c.RateAnonymous),
		slog.Duration("signin_rate_window", c.SignInWindow),
		slog.Int("signin_rate_account", c.SignInPerAccount),
		slog.Int("signin_rate_address", c.SignInPerAddress),
		slog.Int("password_hash_concurrency", c.HashConcurrency),
		slog.Duration("cache_max_age", c.CacheMaxAge),
		slog.Group("limits",
			slog.String("max_body", size(int64(c.Limits.MaxBodyBytes))),
			slog.Int("max_query_tokens", c.Limits.MaxTokens),
			slog.Int("max_query_depth", c.Limits.MaxDepth),
			slog.Int("max_query_fields", c.Limits.MaxFields),
			slog.Int("max_query_aliases", c.Limits.MaxAliases),
			slog.Int("max_query_directives", c.Limits.MaxDirectives),
			slog.Int("max_query_cost", c.Limits.MaxCost),
			slog.Int("max_input_depth", c.Limits.MaxInputDepth),
			slog.Int("max_input_list", c.Limits.MaxListItems),
			slog.Int("max_input_values", c.Limits.MaxInputValues),
			slog.Int("max_node_ids", c.Limits.MaxIDs)),
		slog.Int("gogc", c.GCPercent),
		slog.String("gomemlimit", size(c.MemoryLimit)),
	)
}

// DatabaseDisplay names the database without its password.
func (c Config) DatabaseDisplay() string {
	if c.DatabaseURL == "" {
		return "sqlite:" + c.SQLitePath
	}
	return redacted(c.DatabaseURL)
}

// redacted is a database URL without its password ("" for none).
func redacted(databaseURL string) string {
	if databaseURL == "" {
		return ""
	}
	u, err := url.Parse(databaseURL)
	if err != nil {
		return "postgres"
	}
	return u.Redacted()
}

// intSetting reads a whole number between lo and hi into the field that ptr points at.
func intSetting(ptr func(*Config) *int, lo, hi int) func(*Config, string) error {
	return func(c *Config, v string) (err error) {
		*ptr(c), err = parseInt(v, lo, hi)
		return err
	}
}

// parsePrefixes reads a comma-separated list of CIDR ranges and single addresses (a range of one).
// IPv4-mapped IPv6 ranges become IPv4 ones, as addresses are compared unmapped.
func parsePrefixes(v string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, entry := range strings.Split(v, ",") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		p, err := netip.ParsePrefix(entry)
		if err != nil {
			a, aerr := netip.ParseAddr(entry)
			if aerr != nil || a.Zone() != "" {
				return nil, fmt.Errorf("%q is neither an IP address nor a CIDR range such as 10.0.0.0/8", entry)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		if p.Addr().Is4In6() && p.Bits() >= 96 {
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// parseBytes reads a size as GOMEMLIMIT writes it: a whole number of bytes with an optional
// binary unit, or "off".
func parseBytes(v string) (int64, error) {
	if v == "off" {
		return math.MaxInt64, nil
	}
	num, unit := v, int64(1)
	for i, u := range []string{"KiB", "MiB", "GiB", "TiB"} {
		if strings.HasSuffix(v, u) {
			num, unit = strings.TrimSuffix(v, u), int64(1)<<(10*(i+1))
			break
		}
	}
	if unit == 1 {
		num = strings.TrimSuffix(v, "B")
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil || n < 1 || n > math.MaxInt64/unit {
		return 0, errors.New("must be a size in bytes, with B, KiB, MiB, GiB or TiB (e.g. 100MiB or 2GiB), or off")
	}
	return n * unit, nil
}

func parseInt(v string, lo, hi int) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("must be a whole number between %d and %d", lo, hi)
	}
	if n < lo || n > hi {
		return 0, fmt.Errorf("must be between %d and %d", lo, hi)
	}
	return n, nil
}

// parseBool reads a yes-or-no setting.
func parseBool(v string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true", "1", "yes", "on":
		return true, nil
	case "false", "0", "no", "off":
		return false, nil
	}
	return false, errors.New("must be true or false")
}

// parseDuration reads a length of time as Go writes it, refusing a number without a unit.
func parseDuration(v string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(v))
	if err != nil || d < 0 {
		return 0, errors.New("must be a duration: a number and a unit (ms, s, m or h), e.g. 500ms, 20s, 5m or 1h30m")
	}
	return d, nil
}

// size writes a number of bytes as people write it: 256 KiB, 100 MiB; "off" for no limit.
func size(n int64) string {
	if n == math.MaxInt64 {
		return "off"
	}
	for _, u := range []struct {
		unit  string
		bytes int64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.bytes && n%(u.bytes/1024) == 0 {
			if n%u.bytes == 0 {
				return fmt.Sprintf("%d %s", n/u.bytes, u.unit)
			}
			return fmt.Sprintf("%.1f %s", float64(n)/float64(u.bytes), u.unit)
		}
	}
	return fmt.Sprintf("%d B", n)
}
