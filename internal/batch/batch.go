// Package batch loads, in one fetch, what a GraphQL field needs for every object read together
// with the one it is asked on, instead of one fetch per object.
//
// The rows one query returns are read together: a page of a listing, the trainings of every
// provider on a page (one eager-loading query), the hits of one type of a search. The ent
// schema of a type that has such a field installs Seen, which tells the request's Recorder of
// the rows of every query of that type; the Recorder hands their keys to its Loaders. The first
// object of a group whose field asks a Loader loads for the whole group; the others find their
// values loaded, or wait for the fetch already under way. Nothing depends on where the objects
// sit in the response (a list, a connection's edges, a union, under an alias or a fragment) or
// on timing: a group of n objects costs one fetch, always.
package batch

import (
	"context"
	"sync"

	"entgo.io/ent"
)

// Recorder is told of the rows each query of a request returns.
type Recorder interface {
	// Read receives the value a query returned: a slice of the type's entities for a list.
	Read(rows any)
}

type recorderKey struct{}

// WithRecorder returns ctx whose queries tell r of the rows they return.
func WithRecorder(ctx context.Context, r Recorder) context.Context {
	return context.WithValue(ctx, recorderKey{}, r)
}

// Seen is an ent interceptor that tells the Recorder of the query's context, if there is one,
// of the rows the query returns, as they are returned to the caller: what the caller may read.
func Seen() ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			v, err := next.Query(ctx, q)
			if r, ok := ctx.Value(recorderKey{}).(Recorder); ok && err == nil {
				r.Read(v)
			}
			return v, err
		})
	})
}

// Loader loads values by key and remembers them. Use one per request.
type Loader[K comparable, V any] struct {
	fetch func(ctx context.Context, keys []K) (map[K]V, error)

	mu    sync.Mutex
	known map[K]*round[K, V]
	// groups holds, for each key seen, the keys read together with it (the latest such read).
	groups map[K][]K
}

type round[K comparable, V any] struct {
	ready  chan struct{}
	values map[K]V
	err    error
}

// New returns a loader that fetches with fetch; a key fetch leaves out has the zero value.
func New[K comparable, V any](fetch func(ctx context.Context, keys []K) (map[K]V, error)) *Loader[K, V] {
	return &Loader[K, V]{fetch: fetch, known: map[K]*round[K, V]{}, groups: map[K][]K{}}
}

// Seen records that keys were read together: loading one of them loads the others.
func (l *Loader[K, V]) Seen(keys []K) {
	if len(keys) < 2 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range keys {
		l.groups[k] = keys
	}
}

// Load returns the value of key. When key is not loaded yet, it is fetched together with every
// key read with it that is not loaded yet either.
func (l *Loader[K, V]) Load(ctx context.Context, key K) (V, error) {
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
	for _, k := range l.groups[key] {
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
