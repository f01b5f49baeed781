package graph_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
	"careergraph/internal/app"
	"careergraph/internal/auth"
	"careergraph/internal/config"
	"careergraph/internal/ratelimit"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/redistest"
	"careergraph/internal/testing/testdb"
)

const signInMutation = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`

// hashes counts the argon2id hashes a server computes, and the most that ran at once.
type hashes struct {
	n, running, peak atomic.Int64
}

func (h *hashes) around(hash func()) {
	h.n.Add(1)
	now := h.running.Add(1)
	defer h.running.Add(-1)
	for p := h.peak.Load(); now > p && !h.peak.CompareAndSwap(p, now); p = h.peak.Load() {
	}
	hash()
}

// signInServer starts a server whose hashes are counted, with the default sign-in settings
// changed by set.
func signInServer(t *testing.T, d string, set func(*auth.Options), opts ...apitest.Setting) (*apitest.Server, *hashes) {
	t.Helper()
	h := &hashes{}
	s := apitest.NewWithAuth(t, d, func(o *auth.Options) {
		o.AroundHash = h.around
		if set != nil {
			set(o)
		}
	}, opts...)
	return s, h
}

// mustCreateUser creates an editor with the test password, hashing outside the server.
func mustCreateUser(t *testing.T, s *apitest.Server, email string) {
	t.Helper()
	ctx := access.AsSystem(context.Background())
	u := auth.NewUser{Email: email, Name: email, Password: password, Role: enum.Editor}
	if _, err := auth.New(s.Store.Client, auth.Options{}).CreateUser(ctx, s.Store.Client, u); err != nil {
		t.Fatal(err)
	}
}

// signInCode signs in and returns the code of the error, or "" when the sign-in succeeded.
func signInCode(t *testing.T, s *apitest.Server, email, pass string) string {
	t.Helper()
	r := s.Do(t, signInMutation, map[string]any{"e": email, "p": pass})
	if len(r.Errors) == 0 {
		return ""
	}
	return r.Errors[0].Code()
}

// mustBeRateLimited signs in, expecting a refusal that says when to retry, within window/points.
func mustBeRateLimited(t *testing.T, s *apitest.Server, email, pass string, wait time.Duration) (message string) {
	t.Helper()
	e := s.Fails(t, signInMutation, map[string]any{"e": email, "p": pass})
	retry, _ := e.Extensions["retryAfter"].(float64)
	if e.Code() != "RATE_LIMITED" || !strings.Contains(e.Message, "too many sign-in attempts") || retry < 1 || retry > wait.Seconds() {
		t.Fatalf("%s: %q %v, want RATE_LIMITED saying to retry within %s", email, e.Message, e.Extensions, wait)
	}
	return e.Message
}

// TestSignInIsBounded proves that guessing passwords is bounded: per e-mail address and per client
// address by budgets spent before any hashing, and in memory by the number of hashes at once.
// The defaults: 5 attempts per e-mail address and 20 per client address per 15 minutes.
func TestSignInIsBounded(t *testing.T) {
	const (
		editor  = "editor@careergraph.example"
		unknown = "nobody@careergraph.example"
		wrong   = "not the password at all"
		// A spent point of the default budgets comes back after 15 minutes / 5.
		pointBack = 3 * time.Minute
	)
	testdb.Each(t, func(t *testing.T, d string) {
		t.Run("SixthFailureForOneAccountIsRateLimited", func(t *testing.T) {
			s, h := signInServer(t, d, nil)
			mustCreateUser(t, s, editor)
			mustCreateUser(t, s, "admin@careergraph.example")
			for i := range 5 {
				if code := signInCode(t, s, editor, wrong); code != "UNAUTHENTICATED" {
					t.Fatalf("failure %d: %q, want UNAUTHENTICATED", i+1, code)
				}
			}
			// Even the right password: the account's budget is spent.
			msg := mustBeRateLimited(t, s, " Editor@CareerGraph.example", password, pointBack)
			if !strings.Contains(msg, "try again in 3 minutes") {
				t.Errorf("message %q does not say when, in plain words", msg)
			}
			// Another account from the same address still signs in.
			if code := signInCode(t, s, "admin@careergraph.example", password); code != "" {
				t.Errorf("another account: %s, want signed in", code)
			}
			if n := h.n.Load(); n != 6 {
				t.Errorf("%d hashes, want one for each of the 5 failures and the other account's sign-in", n)
			}
		})

		t.Run("UnknownAndKnownAccountsThrottleAlike", func(t *testing.T) {
			s, h := signInServer(t, d, nil)
			mustCreateUser(t, s, editor)
			for _, email := range []string{editor, unknown} {
				for i := range 5 {
					e := s.Fails(t, signInMutation, map[string]any{"e": email, "p": wrong})
					if e.Code() != "UNAUTHENTICATED" || e.Message != "invalid or expired credentials" {
						t.Fatalf("%s, failure %d: %q %v", email, i+1, e.Message, e.Extensions)
					}
				}
			}
			if n := h.n.Load(); n != 10 {
				t.Errorf("%d hashes for 5 failures on each account, want one each, known or not", n)
			}
			known := mustBeRateLimited(t, s, editor, wrong, pointBack)
			if other := mustBeRateLimited(t, s, unknown, wrong, pointBack); other != known {
				t.Errorf("refusals differ: known %q, unknown %q", known, other)
			}
			if n := h.n.Load(); n != 10 {
				t.Errorf("the refusals hashed: %d hashes, want still 10", n)
			}
		})

		t.Run("ThrottledAttemptRunsNoHash", func(t *testing.T) {
			// Three attempts per client address, each on another e-mail address: the fourth
			// is refused before any hashing, even with a real account's right password.
			s, h := signInServer(t, d, func(o *auth.Options) { o.AddressAttempts.Points = 3 })
			mustCreateUser(t, s, editor)
			for i := range 3 {
				if code := signInCode(t, s, fmt.Sprintf("guess-%d@careergraph.example", i), wrong); code != "UNAUTHENTICATED" {
					t.Fatalf("attempt %d: %q", i+1, code)
				}
			}
			mustBeRateLimited(t, s, editor, password, 5*time.Minute)
			if n := h.n.Load(); n != 3 {
				t.Errorf("%d hashes, want 3: the throttled attempt must hash nothing", n)
			}
		})

		t.Run("BurstOf64WrongSignInsHashesAtMostNAtOnce", func(t *testing.T) {
			const atOnce = 2
			s, h := signInServer(t, d, func(o *auth.Options) {
				o.HashConcurrency = atOnce
				o.AccountAttempts.Points, o.AddressAttempts.Points = 1000, 1000
			})
			mustCreateUser(t, s, editor)
			codes := burst(t, s, 64, func(i int) string {
				if i%2 == 0 {
					return editor
				}
				return fmt.Sprintf("burst-%d@careergraph.example", i)
			})
			if codes["UNAUTHENTICATED"] != 64 {
				t.Errorf("answers %v, want 64 UNAUTHENTICATED", codes)
			}
			if n, peak := h.n.Load(), h.peak.Load(); n != 64 || peak < 1 || peak > atOnce {
				t.Errorf("%d hashes, at most %d at once; want 64, at most %d at once", n, peak, atOnce)
			}
		})

		t.Run("BurstOf64OnOneAccountHashesOnlyItsBudget", func(t *testing.T) {
			s, h := signInServer(t, d, nil)
			mustCreateUser(t, s, editor)
			codes := burst(t, s, 64, func(int) string { return editor })
			if codes["UNAUTHENTICATED"] != 5 || codes["RATE_LIMITED"] != 59 {
				t.Errorf("answers %v, want 5 UNAUTHENTICATED and 59 RATE_LIMITED", codes)
			}
			if n := h.n.Load(); n != 5 {
				t.Errorf("%d hashes, want the account's 5 attempts", n)
			}
		})

		t.Run("HashingSignInHoldsNoTransaction", func(t *testing.T) {
			// A sign-in is held while it hashes, with the only slot: an editor's write still
			// runs, where a transaction held by the sign-in (SQLite's write lock) would block it.
			var holding atomic.Bool
			started, release := make(chan struct{}, 1), make(chan struct{})
			s, _ := signInServer(t, d, func(o *auth.Options) {
				o.HashConcurrency = 1
				count := o.AroundHash
				o.AroundHash = func(hash func()) {
					if holding.Load() {
						started <- struct{}{}
						<-release
					}
					count(hash)
				}
			})
			editorClient := apitest.NewActors(t, s).ByName["editor"]
			holding.Store(true)
			var wg sync.WaitGroup
			wg.Go(func() { signInCode(t, s, "nobody@careergraph.example", wrong) })
			<-started
			// Released also when the write fails, before the server waits for its requests.
			finish := sync.OnceFunc(func() { close(release); wg.Wait() })
			t.Cleanup(finish)
			var created struct{ CreateProfession struct{ Slug string } }
			editorClient.Query(t, `mutation { createProfession(input: {title: "Written While Hashing"}) { slug } }`, nil, &created)
			finish()
		})

		t.Run("RefusedAccountGetsAnAttemptBackOverTime", func(t *testing.T) {
			// The budgets' clock moves only when told.
			var elapsed atomic.Int64
			start := time.Now()
			now := func() time.Time { return start.Add(time.Duration(elapsed.Load())) }
			s, _ := signInServer(t, d, nil, func(_ *config.Config, d *app.Deps) { d.Limiter = ratelimit.NewMemory(now) })
			mustCreateUser(t, s, editor)
			for range 5 {
				signInCode(t, s, editor, wrong)
			}
			mustBeRateLimited(t, s, editor, password, pointBack)
			elapsed.Add(int64(pointBack - time.Second))
			mustBeRateLimited(t, s, editor, password, time.Second)
			elapsed.Add(int64(time.Second))
			if code := signInCode(t, s, editor, password); code != "" {
				t.Errorf("a point later: %s, want signed in", code)
			}
			if code := signInCode(t, s, editor, password); code != "RATE_LIMITED" {
				t.Errorf("the point spent again: %q, want RATE_LIMITED", code)
			}
		})
	})
}

// TestReplicasShareSignInBudgetsThroughRedis spreads the failures of one e-mail address over two
// servers sharing a redis-server: the sixth is refused wherever it lands.
func TestReplicasShareSignInBudgetsThroughRedis(t *testing.T) {
	addr := redistest.Start(t)
	replica := func() (*apitest.Server, *hashes) {
		c, err := ratelimit.ConnectRedis(context.Background(), "redis://"+addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = c.Close() })
		return signInServer(t, dialect.SQLite, nil, func(_ *config.Config, d *app.Deps) {
			d.Limiter = ratelimit.NewRedis(c, ratelimit.RedisOptions{Prefix: "share:"})
		})
	}
	a, ha := replica()
	b, hb := replica()
	for _, s := range []*apitest.Server{a, b, a, b, a} {
		if code := signInCode(t, s, "nobody@careergraph.example", "a wrong guess"); code != "UNAUTHENTICATED" {
			t.Fatalf("within the budget: %q", code)
		}
	}
	mustBeRateLimited(t, b, "nobody@careergraph.example", "a wrong guess", 3*time.Minute)
	if n := ha.n.Load() + hb.n.Load(); n != 5 {
		t.Errorf("%d hashes on the two replicas, want 5", n)
	}
}

// burst sends n wrong sign-ins at once, the i-th for email(i), and counts the answers by code.
func burst(t *testing.T, s *apitest.Server, n int, email func(i int) string) map[string]int {
	t.Helper()
	var (
		mu    sync.Mutex
		codes = map[string]int{}
		wg    sync.WaitGroup
		start = make(chan struct{})
	)
	for i := range n {
		wg.Go(func() {
			<-start
			code := signInCode(t, s, email(i), "a wrong guess in a burst")
			mu.Lock()
			codes[code]++
			mu.Unlock()
		})
	}
	close(start)
	wg.Wait()
	return codes
}
