package batch_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"careergraph/internal/batch"
)

func TestKeysReadTogetherLoadInOneFetch(t *testing.T) {
	var fetches atomic.Int32
	l := batch.New(func(_ context.Context, keys []int) (map[int]string, error) {
		fetches.Add(1)
		out := map[int]string{}
		for _, k := range keys {
			out[k] = string(rune('a' + k))
		}
		return out, nil
	})
	page := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	l.Seen(page)
	l.Seen([]int{20, 21})
	var wg sync.WaitGroup
	got := make([]string, len(page))
	for i, k := range page {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := l.Load(context.Background(), k)
			if err != nil {
				t.Error(err)
			}
			got[i] = v
		}()
	}
	wg.Wait()
	for i, v := range got {
		if v != string(rune('a'+page[i])) {
			t.Errorf("key %d: %q", page[i], v)
		}
	}
	if n := fetches.Load(); n != 1 {
		t.Errorf("%d fetches for a page of %d, want 1", n, len(page))
	}
	// A key read on its own is fetched on its own; a known one is not fetched again; another
	// group is fetched whole, once.
	if v, _ := l.Load(context.Background(), 12); v != "m" || fetches.Load() != 2 {
		t.Errorf("new key: %q after %d fetches", v, fetches.Load())
	}
	if _, _ = l.Load(context.Background(), 3); fetches.Load() != 2 {
		t.Error("a known key was fetched again")
	}
	for _, k := range []int{21, 20} {
		if v, _ := l.Load(context.Background(), k); v != string(rune('a'+k)) || fetches.Load() != 3 {
			t.Errorf("key %d of a second group: %q after %d fetches, want 3", k, v, fetches.Load())
		}
	}
}
