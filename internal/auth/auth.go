// Package auth signs staff in and out, creates staff accounts and partners' API keys, and turns
// the credentials of a request into the viewer (internal/access) the rest of the server obeys.
//
// Passwords are stored as argon2id hashes. Sign-in tokens and API keys are long random secrets,
// stored only as SHA-256 hashes: a database leak reveals no usable credential.
//
// Guessing passwords is bounded twice. Every sign-in attempt spends from a budget of its e-mail
// address and one of its client's address (internal/ratelimit, so replicas share them through
// Redis) before anything else happens: a refused attempt costs no hashing and looks the same
// whether or not the account exists. And the service computes at most a few argon2id hashes
// (19 MiB each) at once, whatever the number of requests; the others wait their turn.
//
// Every change to an account, a session or a key is written to the audit log (audit.go) in the
// same transaction as the change.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"careergraph/ent"
	"careergraph/ent/accesstoken"
	"careergraph/ent/apikey"
	"careergraph/ent/schema/enum"
	"careergraph/ent/user"
	"careergraph/internal/access"
	"careergraph/internal/apierr"
	"careergraph/internal/ratelimit"
)

// TokenTTL is how long a sign-in token works.
const TokenTTL = 12 * time.Hour

// Prefixes make leaked secrets recognisable (and easy for secret scanners to find).
const (
	tokenPrefix = "cgt_"
	keyPrefix   = "cgk_"
)

// ErrBadCredentials is returned for any failed sign-in or unusable token or key, without saying
// which part was wrong.
var ErrBadCredentials = apierr.New(apierr.Unauthenticated, "invalid or expired credentials")

// Service is the authentication service over one database.
type Service struct {
	client *ent.Client
	now    func() time.Time
	hasher *hasher

	limiter                          ratelimit.Limiter
	accountAttempts, addressAttempts ratelimit.Limit

	// lastUsed throttles last-used updates of API keys to one write a minute per key.
	mu       sync.Mutex
	lastUsed map[int]time.Time
}

// Options are a service's settings. The zero value suits a command run from a shell: the system
// clock, one hash at a time, and sign-in without budgets.
type Options struct {
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// HashConcurrency is the most argon2id hashes the service computes at once (at least one).
	// The bound is the service's: a server has one service.
	HashConcurrency int
	// Limiter keeps the sign-in budgets: in this process, or in Redis for every replica. Nil
	// leaves sign-in unbudgeted.
	Limiter ratelimit.Limiter
	// AccountAttempts is the budget of sign-in attempts of each e-mail address, whether or not
	// it belongs to an account; AddressAttempts that of each client address. Every attempt
	// spends one point of each, successful ones too.
	AccountAttempts, AddressAttempts ratelimit.Limit
	// AroundHash, when set, runs every argon2id hash by calling its argument once: tests count
	// hashes with it, and how many run at once.
	AroundHash func(hash func())
}

// New returns the service over client.
func New(client *ent.Client, o Options) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Service{
		client:          client,
		now:             o.Now,
		hasher:          newHasher(o.HashConcurrency, o.AroundHash),
		limiter:         o.Limiter,
		accountAttempts: o.AccountAttempts,
		addressAttempts: o.AddressAttempts,
		lastUsed:        map[int]time.Time{},
	}
}

// SignIn checks a staff member's credentials and returns a new bearer token. c is the client to
// read and write with; better not a transaction's, since checking the password may wait for a
// free hashing slot, and a transaction would hold its connection meanwhile.
//
// The attempt first spends from the budgets of its e-mail address and of the client's address
// (WithClientAddr): when either is spent, the error is RATE_LIMITED, saying when to retry, and
// nothing else runs. Otherwise a failed sign-in is ErrBadCredentials, whatever was wrong.
func (s *Service) SignIn(ctx context.Context, c *ent.Client, email, password string) (token string, expires time.Time, u *ent.User, err error) {
	email = normaliseEmail(email)
	if err := s.spendAttempt(ctx, email); err != nil {
		return "", time.Time{}, nil, err
	}
	sys := access.AsSystem(ctx)
	u, err = c.User.Query().Where(user.Email(email)).Only(sys)
	if ent.IsNotFound(err) {
		if _, err := s.hasher.check(ctx, dummyHash, password); err != nil {
			return "", time.Time{}, nil, err
		}
		return "", time.Time{}, nil, ErrBadCredentials
	}
	if err != nil {
		return "", time.Time{}, nil, err
	}
	ok, err := s.hasher.check(ctx, u.PasswordHash, password)
	if err != nil && ctx.Err() != nil {
		return "", time.Time{}, nil, err
	}
	if err != nil || !ok || u.Disabled {
		return "", time.Time{}, nil, ErrBadCredentials
	}
	token = tokenPrefix + randomHex(32)
	now := s.now()
	expires = now.Add(TokenTTL)
	err = c.AccessToken.Create().SetTokenHash(digest(token)).SetUserID(u.ID).
		SetCreatedAt(now).SetExpiresAt(expires).Exec(sys)
	if err != nil {
		return "", time.Time{}, nil, fmt.Errorf("storing the token: %w", err)
	}
	if err := c.User.UpdateOne(u).SetLastSignInAt(now).Exec(sys); err != nil {
		return "", time.Time{}, nil, err
	}
	return token, expires, u, nil
}

// spendAttempt spends one sign-in attempt from the budget of the client's address, then from
// that of the e-mail address (normalised), and refuses the attempt when either is spent. An
// address that is refused spends nothing from the account's budget, so it cannot keep the
// account refused for longer. When the budgets cannot be read, sign-in fails rather than run
// without them.
func (s *Service) spendAttempt(ctx context.Context, email string) error {
	if s.limiter == nil {
		return nil
	}
	budgets := []struct {
		key   string
		limit ratelimit.Limit
	}{
		// The client address is grouped as the API's rate limits group it (an IPv6 /64).
		{"signin:" + ratelimit.KeyFor(access.Viewer{Kind: access.Anonymous}, clientAddr(ctx)), s.addressAttempts},
		// Named by a digest: the store holds no e-mail addresses, and a long input no long key.
		{"signin:account:" + hex.EncodeToString(digest(email)), s.accountAttempts},
	}
	for _, b := range budgets {
		d, err := s.limiter.Spend(ctx, b.key, b.limit, 1)
		if err != nil {
			return fmt.Errorf("spending a sign-in attempt: %w", err)
		}
		if !d.Allowed {
			e := apierr.New(apierr.RateLimited, "too many sign-in attempts: try again in %s", wait(d.RetryAfter))
			e.RetryAfter = d.RetryAfter
			return e
		}
	}
	return nil
}

// wait says a duration in plain words, rounded up to whole seconds or, beyond a minute, minutes.
func wait(d time.Duration) string {
	switch secs := max(1, int((d+time.Second-1)/time.Second)); {
	case secs == 1:
		return "1 second"
	case secs <= 60:
		return fmt.Sprintf("%d seconds", secs)
	}
	return fmt.Sprintf("%d minutes", int((d+time.Minute-1)/time.Minute))
}

// SignOut revokes token at once.
func (s *Service) SignOut(ctx context.Context, c *ent.Client, token string) error {
	n, err := c.AccessToken.Update().
		Where(accesstoken.TokenHash(digest(token)), accesstoken.RevokedAtIsNil()).
		SetRevokedAt(s.now()).Save(access.AsSystem(ctx))
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrBadCredentials
	}
	return nil
}

// Credentials are what a request presents.
type Credentials struct {
	// Bearer is the token of an `Authorization: Bearer …` header.
	Bearer string
	// APIKey is the value of an `X-API-Key` header.
	APIKey string
}

// Authenticate returns the viewer behind the credentials: anonymous when there are none, an
// error when they are present but invalid, expired or revoked.
func (s *Service) Authenticate(ctx context.Context, c Credentials) (access.Viewer, error) {
	switch {
	case c.Bearer != "" && c.APIKey != "":
		return access.Viewer{}, apierr.New(apierr.Unauthenticated, "send either a bearer token or an API key, not both")
	case c.Bearer != "":
		return s.viewerOfToken(ctx, c.Bearer)
	case c.APIKey != "":
		return s.viewerOfKey(ctx, c.APIKey)
	}
	return access.Viewer{Kind: access.Anonymous}, nil
}

func (s *Service) viewerOfToken(ctx context.Context, token string) (access.Viewer, error) {
	if !strings.HasPrefix(token, tokenPrefix) {
		return access.Viewer{}, ErrBadCredentials
	}
	t, err := s.client.AccessToken.Query().Where(accesstoken.TokenHash(digest(token))).WithUser().Only(access.AsSystem(ctx))
	if ent.IsNotFound(err) {
		return access.Viewer{}, ErrBadCredentials
	}
	if err != nil {
		return access.Viewer{}, err
	}
	if t.RevokedAt != nil || !s.now().Before(t.ExpiresAt) || t.Edges.User.Disabled {
		return access.Viewer{}, ErrBadCredentials
	}
	return access.Viewer{Kind: access.User, UserID: t.UserID, Role: t.Edges.User.Role}, nil
}

func (s *Service) viewerOfKey(ctx context.Context, key string) (access.Viewer, error) {
	prefix, ok := keyPrefixOf(key)
	if !ok {
		return access.Viewer{}, ErrBadCredentials
	}
	sys := access.AsSystem(ctx)
	k, err := s.client.APIKey.Query().Where(apikey.Prefix(prefix)).Only(sys)
	if ent.IsNotFound(err) {
		return access.Viewer{}, ErrBadCredentials
	}
	if err != nil {
		return access.Viewer{}, err
	}
	now := s.now()
	if !secretMatches(k, digest(key), now) || k.RevokedAt != nil ||
		(k.ExpiresAt != nil && !now.Before(*k.ExpiresAt)) {
		return access.Viewer{}, ErrBadCredentials
	}
	if s.touch(k.ID, now) {
		if err := s.client.APIKey.UpdateOneID(k.ID).SetLastUsedAt(now).Exec(sys); err != nil {
			return access.Viewer{}, err
		}
	}
	v := access.Viewer{Kind: access.APIKey, KeyID: k.ID, Scopes: k.Scopes}
	if k.RateLimit != nil {
		v.RateLimit = *k.RateLimit
	}
	if k.ProviderID != nil {
		v.ProviderID = *k.ProviderID
	}
	return v, nil
}

// secretMatches reports whether d is the digest of the key's secret, or of the secret it had before
// its last rotation while that one's overlap lasts.
func secretMatches(k *ent.APIKey, d []byte, now time.Time) bool {
	current := subtle.ConstantTimeCompare(k.SecretHash, d) == 1
	previous := k.PreviousSecretHash != nil && k.PreviousSecretExpiresAt != nil && now.Before(*k.PreviousSecretExpiresAt) &&
		subtle.ConstantTimeCompare(*k.PreviousSecretHash, d) == 1
	return current || previous
}

// touch reports whether the key's last-used time is due for an update.
func (s *Service) touch(id int, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if now.Sub(s.lastUsed[id]) < time.Minute {
		return false
	}
	s.lastUsed[id] = now
	return true
}

// NewUser is a staff account to create.
type NewUser struct {
	Email, Name, Password string
	Role                  enum.Role
}

// CreateUser creates a staff account. ctx must be an administrator's or the system's.
func (s *Service) CreateUser(ctx context.Context, c *ent.Client, n NewUser) (*ent.User, error) {
	email := normaliseEmail(n.Email)
	if !strings.Contains(email, "@") {
		return nil, apierr.Invalid("email", "%q is not an e-mail address", n.Email)
	}
	if err := checkPassword("password", n.Password); err != nil {
		return nil, err
	}
	hash, err := s.hasher.hash(ctx, n.Password)
	if err != nil {
		return nil, err
	}
	u, err := c.User.Create().SetEmail(email).SetName(n.Name).SetRole(n.Role).SetPasswordHash(hash).Save(ctx)
	if err != nil {
		return nil, err
	}
	return u, s.record(ctx, c, userEvent(enum.UserCreated, u, "role "+string(u.Role)))
}

// NewKey is an API key to create.
type NewKey struct {
	Name       string
	Scopes     []enum.Scope
	ProviderID *int
	ExpiresAt  *time.Time
	// RateLimit is the key's budget in points per window; nil for the server's default.
	RateLimit *int
}

// CreateKey creates an API key and returns it with the only copy of its secret. ctx must be an
// administrator's or the system's.
func (s *Service) CreateKey(ctx context.Context, c *ent.Client, n NewKey) (string, *ent.APIKey, error) {
	if len(n.Scopes) == 0 {
		return "", nil, apierr.Invalid("scopes", "give the key at least one scope")
	}
	for _, sc := range n.Scopes {
		if sc == enum.WriteTrainings && n.ProviderID == nil {
			return "", nil, apierr.Invalid("providerId", "a key with TRAININGS_WRITE must be bound to a provider")
		}
	}
	if n.ExpiresAt != nil && !n.ExpiresAt.After(s.now()) {
		return "", nil, apierr.Invalid("expiresAt", "the expiry must be in the future")
	}
	prefix := randomHex(4)
	key := keyPrefix + prefix + "_" + randomHex(32)
	k, err := c.APIKey.Create().SetName(n.Name).SetPrefix(prefix).SetSecretHash(digest(key)).
		SetScopes(n.Scopes).SetNillableProviderID(n.ProviderID).SetNillableExpiresAt(n.ExpiresAt).SetNillableRateLimit(n.RateLimit).
		SetCreatedBy(access.FromContext(ctx).Actor()).Save(ctx)
	if err != nil {
		return "", nil, err
	}
	return key, k, s.record(ctx, c, keyEvent(enum.KeyCreated, k, ""))
}

// RevokeKey makes an API key stop working at once, with any secret a rotation left working.
// Revoking a revoked key changes nothing. ctx must be an administrator's or the system's.
func (s *Service) RevokeKey(ctx context.Context, c *ent.Client, id int) (*ent.APIKey, error) {
	k, err := c.APIKey.Get(ctx, id)
	if err != nil || k.RevokedAt != nil {
		return k, err
	}
	if k, err = c.APIKey.UpdateOne(k).SetRevokedAt(s.now()).Save(ctx); err != nil {
		return nil, err
	}
	return k, s.record(ctx, c, keyEvent(enum.KeyRevoked, k, ""))
}

// keyPrefixOf returns the visible prefix of a well-formed key (cgk_<prefix>_<secret>).
func keyPrefixOf(key string) (string, bool) {
	rest, ok := strings.CutPrefix(key, keyPrefix)
	if !ok {
		return "", false
	}
	prefix, secret, ok := strings.Cut(rest, "_")
	return prefix, ok && len(prefix) == 8 && len(secret) == 64
}

func normaliseEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func digest(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(errors.New("the system's random source failed"))
	}
	return hex.EncodeToString(b)
}

// ctxKey names the values the package keeps in a request's context.
type ctxKey int

const (
	tokenKey ctxKey = iota
	clientAddrKey
)

// WithToken stores the request's bearer token in ctx, for signing out.
func WithToken(ctx context.Context, token string) context.Context {
	return context.WithValue(ctx, tokenKey, token)
}

// TokenFromContext returns the request's bearer token, or "".
func TokenFromContext(ctx context.Context) string { return stringIn(ctx, tokenKey) }

// WithClientAddr stores the address of the request's client in ctx (a bare IP, or host:port as
// http.Request.RemoteAddr has it): sign-in attempts are budgeted per client address.
func WithClientAddr(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, clientAddrKey, addr)
}

// clientAddr returns the address stored by WithClientAddr, or "" (the budget of unknown
// addresses).
func clientAddr(ctx context.Context) string { return stringIn(ctx, clientAddrKey) }

func stringIn(ctx context.Context, key ctxKey) string {
	s, _ := ctx.Value(key).(string)
	return s
}
