// Package batch collects the loads that a GraphQL request's resolvers make concurrently (one per
// item of a list) into one fetch, so that a field on every item of a page costs one query, not
// one per item.
package batch

import (
	"context"
	"sync"
	"time"
)

// Window is how long a batch waits for more keys after its first. gqlgen starts the resolvers of
// a list's items together, so they arrive within microseconds of each other.
const Window = 2 * time.Millisecond

// Loader loads values by key in batches, and remembers what it loaded. Use one per request.
type Loader[K comparable, V any] struct {
	fetch func(ctx context.Context, keys []K) (map[K]V, error)

	mu      sync.Mutex
	pending *round[K, V]
	done    map[K]*round[K, V]
}

type round[K comparable, V any] struct {
	keys   []K
	ready  chan struct{}
	values map[K]V
	err    error
}

// New returns a loader that fetches with fetch; a key fetch leaves out has the zero value.
func New[K comparable, V any](fetch func(ctx context.Context, keys []K) (map[K]V, error)) *Loader[K, V] {
	return &Loader[K, V]{fetch: fetch, done: map[K]*round[K, V]{}}
}

// Load returns the value of key, fetched together with the keys other resolvers ask for at the
// same time.
func (l *Loader[K, V]) Load(ctx context.Context, key K) (V, error) {
	l.mu.Lock()
	r, ok := l.done[key]
	if !ok {
		if l.pending == nil {
			l.pending = &round[K, V]{ready: make(chan struct{})}
			go l.run(ctx, l.pending)
		}
		r = l.pending
		r.keys = append(r.keys, key)
		l.done[key] = r
	}
	l.mu.Unlock()
	select {
	case <-r.ready:
		return r.values[key], r.err
	case <-ctx.Done():
		var zero V
		return zero, ctx.Err()
	}
}

func (l *Loader[K, V]) run(ctx context.Context, r *round[K, V]) {
	time.Sleep(Window)
	l.mu.Lock()
	l.pending = nil
	keys := r.keys
	l.mu.Unlock()
	r.values, r.err = l.fetch(ctx, keys)
	close(r.ready)
}
