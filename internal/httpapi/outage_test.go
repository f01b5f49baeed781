package httpapi_test

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"careergraph/internal/seed"
	"careergraph/internal/store"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/gqltest"
	"careergraph/internal/testing/testdb"
)

// TestDatabaseRestartUnderLoad stops PostgreSQL while clients keep querying, then starts it
// again: requests fail only while it is down (with a coded error, never a hang or a crash),
// /readyz reports the outage, and the server recovers without being restarted.
func TestDatabaseRestartUnderLoad(t *testing.T) {
	cluster := testdb.NewCluster(t)
	st := openDemo(t, store.Options{DatabaseURL: cluster.URL, MaxOpenConns: 8, StatementCache: 256})
	s := apitest.NewOn(t, st, new(atomic.Int64))

	type result struct {
		at   time.Time
		ok   bool
		code string
	}
	var (
		mu      sync.Mutex
		results []result
		stop    = make(chan struct{})
		wg      sync.WaitGroup
	)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				r, err := s.Send(`{ professions(first: 5) { totalCount edges { node { title } } } }`, nil)
				res := result{at: time.Now(), ok: err == nil && len(r.Errors) == 0 && r.Status == http.StatusOK}
				switch {
				case err != nil:
					res.code = err.Error()
				case !res.ok && len(r.Errors) > 0:
					res.code = r.Errors[0].Code()
				}
				mu.Lock()
				results = append(results, res)
				mu.Unlock()
				time.Sleep(10 * time.Millisecond)
			}
		}()
	}
	ready := func() int {
		resp, _ := gqltest.Fetch(t, http.MethodGet, s.Base+"/readyz", nil)
		return resp.StatusCode
	}
	waitReady := func(want int, within time.Duration) {
		deadline := time.Now().Add(within)
		for ready() != want {
			if time.Now().After(deadline) {
				t.Fatalf("/readyz did not become %d within %v", want, within)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}

	// seen waits until at least n results from since on satisfy want: the clients' own answers
	// say when each phase has been seen, rather than a guess at how long it takes.
	seen := func(what string, n int, since time.Time, want func(result) bool) {
		for range 3000 {
			mu.Lock()
			count := 0
			for _, r := range results {
				if !r.at.Before(since) && want(r) {
					count++
				}
			}
			mu.Unlock()
			if count >= n {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Fatalf("the clients never saw %d %s", n, what)
	}
	succeeded := func(r result) bool { return r.ok }

	seen("answers before the outage", 8, time.Time{}, succeeded)
	down := time.Now()
	cluster.Stop()
	waitReady(http.StatusServiceUnavailable, 5*time.Second)
	seen("failures during the outage", 4, down, func(r result) bool { return !r.ok })
	cluster.Start()
	up := time.Now()
	waitReady(http.StatusOK, 30*time.Second)
	recovered := time.Now()
	seen("answers after the recovery", 8, recovered.Add(100*time.Millisecond), succeeded)
	close(stop)
	wg.Wait()

	var before, during, after, failedDuring int
	for _, r := range results {
		switch {
		case r.at.Before(down):
			before++
			if !r.ok {
				t.Errorf("a request failed before the outage: %s", r.code)
			}
		case r.at.After(recovered.Add(100 * time.Millisecond)):
			after++
			if !r.ok {
				t.Errorf("a request failed after recovery: %s", r.code)
			}
		default:
			during++
			if !r.ok {
				failedDuring++
				if r.code != "INTERNAL" {
					t.Errorf("a failure during the outage carried %q, want INTERNAL", r.code)
				}
			}
		}
	}
	if before == 0 || after == 0 || failedDuring == 0 {
		t.Errorf("requests: %d before, %d during (%d failed), %d after: the test did not see the outage and the recovery", before, during, failedDuring, after)
	}
	t.Logf("%d requests before, %d during (%d failed), %d after; down %v, ready again %v after the restart",
		before, during, failedDuring, after, up.Sub(down).Round(time.Millisecond), recovered.Sub(up).Round(time.Millisecond))
}

// openDemo opens a store with o, closed when the test ends, and loads the demo catalogue into its
// new database.
func openDemo(t *testing.T, o store.Options) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Demo(ctx, st.Client, time.Now()); err != nil {
		t.Fatal(err)
	}
	return st
}
