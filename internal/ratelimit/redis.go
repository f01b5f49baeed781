package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Redis keeps budgets in Redis, shared by every replica that talks to the same server. It needs
// Redis 5 or later.
//
// Each spend is one round trip: a Lua script refills and spends atomically (Redis runs one script
// at a time), so concurrent requests on any number of replicas never spend a point twice. A
// bucket is a hash {s: level, t: last update in ms, p: points, w: window in ms} that expires when
// it would be full again, which is the same as not existing: idle budgets cost Redis nothing.
//
// The clock is Redis's own (the TIME command, read inside the script), unless RedisOptions.Now
// says otherwise: with one clock for all replicas, a replica whose clock runs ahead cannot refill
// budgets early, nor one behind refill them late. Durations (RetryAfter, and ResetAt relative to
// the moment of the request) are computed on Redis's clock and then placed on the replica's, so
// skew shows only in the absolute X-RateLimit-Reset, never in how many points anybody gets.
type Redis struct {
	client redis.Scripter
	prefix string
	now    func() time.Time
}

// RedisOptions adjust a Redis limiter.
type RedisOptions struct {
	// Prefix starts every key the limiter writes; "careergraph:ratelimit:" when empty.
	Prefix string
	// Now, when set, replaces Redis's clock: tests set it to drive time. Replicas whose clocks
	// differ would then disagree on when points come back (the bucket never goes back in time,
	// so the one ahead sets the pace), which is why production leaves it nil.
	Now func() time.Time
}

// NewRedis returns a limiter keeping its budgets in the Redis server of c (a *redis.Client, or a
// cluster client: each budget is one key).
func NewRedis(c redis.Scripter, o RedisOptions) *Redis {
	if o.Prefix == "" {
		o.Prefix = "careergraph:ratelimit:"
	}
	return &Redis{client: c, prefix: o.Prefix, now: o.Now}
}

// ConnectRedis opens a client for rawURL (redis://, rediss:// or unix://, as REDIS_URL holds it)
// and checks that the server answers. Its errors never show the URL's password.
func ConnectRedis(ctx context.Context, rawURL string) (*redis.Client, error) {
	opts, err := redis.ParseURL(rawURL)
	if err != nil {
		// url.Error repeats the whole URL, password included: keep only what is wrong with it.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, fmt.Errorf("reading the Redis URL: %w", err)
	}
	c := redis.NewClient(opts)
	if err := c.Ping(ctx).Err(); err != nil {
		_ = c.Close()
		return nil, fmt.Errorf("connecting to Redis at %s: %w", opts.Addr, err)
	}
	return c, nil
}

// spendScript is bucket.go's arithmetic in Lua. Numbers there are doubles; Limit.validate keeps
// every value below 2^52, where doubles are exact integers, and the script divides only where
// rounding cannot matter (rescaling, the expiry). Writes format integers with %d, since Lua would
// otherwise write large numbers in exponent notation, which PEXPIRE refuses.
//
// KEYS[1] the bucket; ARGV: points, window (ms), cost, and now (ms), or "" for Redis's clock.
// Returns {1 if the cost was taken else 0, the level afterwards}.
var spendScript = redis.NewScript(`
local p = tonumber(ARGV[1])
local w = tonumber(ARGV[2])
local n = tonumber(ARGV[3])
local now
if ARGV[4] == '' then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
else
  now = tonumber(ARGV[4])
end
local full = p * w
local level, at = full, now
local b = redis.call('HMGET', KEYS[1], 's', 't', 'p', 'w')
if b[1] then
  level, at = tonumber(b[1]), tonumber(b[2])
  local op, ow = tonumber(b[3]), tonumber(b[4])
  if op ~= p or ow ~= w then
    -- The limit changed: keep the whole points left, at most a full bucket.
    level = math.min(math.floor(level / ow), p) * w
  end
  if now > at then
    level = math.min(full, level + math.min(now - at, w) * p)
    at = now
  end
end
local need = n * w
if level < need then
  return {0, level}
end
if n > 0 then
  level = level - need
  if level >= full then
    redis.call('DEL', KEYS[1])
  else
    redis.call('HSET', KEYS[1], 's', string.format('%d', level), 't', string.format('%d', at),
      'p', string.format('%d', p), 'w', string.format('%d', w))
    -- Expire when full again (rounded up, plus a millisecond for the division).
    redis.call('PEXPIRE', KEYS[1], string.format('%d', math.floor((full - level) / p) + 2))
  end
end
return {1, level}
`)

// Spend implements Limiter.
func (r *Redis) Spend(ctx context.Context, key string, limit Limit, cost int) (Decision, error) {
	return spend(ctx, r.take, key, limit, cost)
}

func (r *Redis) take(ctx context.Context, key string, s scale, cost int64) (bool, int64, time.Time, error) {
	now, at := "", time.Now()
	if r.now != nil {
		at = r.now()
		now = strconv.FormatInt(at.UnixMilli(), 10)
	}
	res, err := spendScript.Run(ctx, r.client, []string{r.prefix + key}, s.points, s.window, cost, now).Int64Slice()
	if err != nil {
		return false, 0, time.Time{}, fmt.Errorf("running the rate limit script: %w", err)
	}
	if len(res) != 2 {
		return false, 0, time.Time{}, errors.New("the rate limit script answered with an unexpected shape")
	}
	return res[0] == 1, res[1], at, nil
}
