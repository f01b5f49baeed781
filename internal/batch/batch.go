// Package batch loads, in one fetch, what a GraphQL field needs for every item of the list it
// appears in, instead of one fetch per item.
//
// The first item of a list to ask loads for all its siblings (the resolver knows them from the
// list it belongs to); the other items find their values loaded, or wait for the fetch already
// under way. There is no timing involved: a page of n items costs one fetch, always.
package batch

import (
	"context"
	"sync"
)

// Loader loads values by key and remembers them. Use one per request.
type Loader[K comparable, V any] struct {
	fetch func(ctx context.Context, keys []K) (map[K]V, error)

	mu    sync.Mutex
	known map[K]*round[K, V]
}

type round[K comparable, V any] struct {
	ready  chan struct{}
	values map[K]V
	err    error
}

// New returns a loader that fetches with fetch; a key fetch leaves out has the zero value.
func New[K comparable, V any](fetch func(ctx context.Context, keys []K) (map[K]V, error)) *Loader[K, V] {
	return &Loader[K, V]{fetch: fetch, known: map[K]*round[K, V]{}}
}

// Load returns the value of key. When key is not loaded yet, it is fetched together with every
// key of siblings that is not loaded yet either.
func (l *Loader[K, V]) Load(ctx context.Context, key K, siblings []K) (V, error) {
	l.mu.Lock()
	if r, ok := l.known[key]; ok {
		l.mu.Unlock()
		select {
		case <-r.ready:
			return r.values[key], r.err
		case <-ctx.Done():
			var zero V
			return zero, ctx.Err()
		}
	}
	r := &round[K, V]{ready: make(chan struct{})}
	keys := []K{key}
	l.known[key] = r
	for _, k := range siblings {
		if _, ok := l.known[k]; !ok {
			l.known[k] = r
			keys = append(keys, k)
		}
	}
	l.mu.Unlock()
	r.values, r.err = l.fetch(ctx, keys)
	close(r.ready)
	return r.values[key], r.err
}
