package batch_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"careergraph/internal/batch"
)

func TestConcurrentLoadsShareOneFetch(t *testing.T) {
	var fetches atomic.Int32
	l := batch.New(func(_ context.Context, keys []int) (map[int]string, error) {
		fetches.Add(1)
		out := map[int]string{}
		for _, k := range keys {
			out[k] = string(rune('a' + k))
		}
		return out, nil
	})
	var wg sync.WaitGroup
	got := make([]string, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := l.Load(context.Background(), i%10)
			if err != nil {
				t.Error(err)
			}
			got[i] = v
		}()
	}
	wg.Wait()
	for i, v := range got {
		if v != string(rune('a'+i%10)) {
			t.Errorf("key %d: %q", i%10, v)
		}
	}
	if n := fetches.Load(); n != 1 {
		t.Errorf("%d fetches for 20 concurrent loads, want 1", n)
	}
	// A key loaded before is remembered.
	if _, err := l.Load(context.Background(), 3); err != nil || fetches.Load() != 1 {
		t.Errorf("reloading a known key fetched again")
	}
}
