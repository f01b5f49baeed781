package ratelimit

import (
	"context"
	"sync"
	"time"
)

// sweepEvery is how often Memory forgets the buckets that have filled up again.
const sweepEvery = time.Minute

// Memory keeps budgets in this process. Replicas do not share it, so it suits one instance, a
// development machine and tests; several replicas need Redis.
//
// A full bucket is the same as no bucket, so Memory stores only buckets that are not full, and
// once a minute forgets those that have filled up since: it holds at most the budgets spent from
// within the last window and minute.
type Memory struct {
	now func() time.Time

	mu        sync.Mutex
	buckets   map[string]memoryBucket
	lastSweep int64 // ms
}

type memoryBucket struct {
	level, at int64
	scale     scale // the limit the level was kept for
}

// NewMemory returns an empty Memory reading the time from now (time.Now when nil).
func NewMemory(now func() time.Time) *Memory {
	if now == nil {
		now = time.Now
	}
	return &Memory{now: now, buckets: map[string]memoryBucket{}, lastSweep: now().UnixMilli()}
}

// Spend implements Limiter.
func (m *Memory) Spend(ctx context.Context, key string, limit Limit, cost int) (Decision, error) {
	return spend(ctx, m.take, key, limit, cost)
}

func (m *Memory) take(_ context.Context, key string, s scale, cost int64) (bool, int64, time.Time, error) {
	t := m.now()
	now := t.UnixMilli()

	m.mu.Lock()
	defer m.mu.Unlock()
	if now-m.lastSweep >= sweepEvery.Milliseconds() {
		m.sweep(now)
	}
	level, at := s.full(), now
	if b, ok := m.buckets[key]; ok {
		level, at = s.refill(s.rescale(b.level, b.scale), b.at, now)
	}
	allowed, level := s.take(level, cost)
	switch {
	case !allowed || cost == 0:
		// Nothing changed that refilling later would not compute again.
	case level >= s.full():
		delete(m.buckets, key)
	default:
		m.buckets[key] = memoryBucket{level: level, at: at, scale: s}
	}
	return allowed, level, t, nil
}

// sweep forgets the buckets that are full by now. The caller holds m.mu.
func (m *Memory) sweep(now int64) {
	for k, b := range m.buckets {
		if level, _ := b.scale.refill(b.level, b.at, now); level >= b.scale.full() {
			delete(m.buckets, k)
		}
	}
	m.lastSweep = now
}

// size is the number of buckets held, for tests.
func (m *Memory) size() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.buckets)
}
