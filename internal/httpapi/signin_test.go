package httpapi_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
	"careergraph/internal/auth"
	"careergraph/internal/httpapi"
	"careergraph/internal/testdb"
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
func signInServer(t *testing.T, d string, set func(*auth.Options), opts ...func(*httpapi.Options)) (*server, *hashes) {
	t.Helper()
	h := &hashes{}
	s := newServerWithAuth(t, d, func(o *auth.Options) {
		o.AroundHash = h.around
		if set != nil {
			set(o)
		}
	}, opts...)
	return s, h
}

// mustCreateUser creates an editor with the test password, hashing outside the server.
func mustCreateUser(t *testing.T, s *server, email string) {
	t.Helper()
	ctx := access.AsSystem(context.Background())
	u := auth.NewUser{Email: email, Name: email, Password: password, Role: enum.Editor}
	if _, err := auth.New(s.Store.Client, auth.Options{}).CreateUser(ctx, s.Store.Client, u); err != nil {
		t.Fatal(err)
	}
}

// signInCode signs in and returns the code of the error, or "" when the sign-in succeeded.
func signInCode(t *testing.T, s *server, email, pass string) string {
	t.Helper()
	r := s.Do(t, signInMutation, map[string]any{"e": email, "p": pass})
	if len(r.Errors) == 0 {
		return ""
	}
	return r.Errors[0].Code()
}

// TestSignInIsBounded proves that a burst of sign-ins is bounded in memory by the number of
// hashes at once, and holds no transaction while it hashes.
func TestSignInIsBounded(t *testing.T) {
	const (
		editor = "editor@careergraph.example"
		wrong  = "not the password at all"
	)
	testdb.Each(t, func(t *testing.T, d string) {
		t.Run("BurstOf64WrongSignInsHashesAtMostNAtOnce", func(t *testing.T) {
			const atOnce = 2
			s, h := signInServer(t, d, func(o *auth.Options) { o.HashConcurrency = atOnce })
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
			editorClient := newActors(t, s).byName["editor"]
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

	})
}

// burst sends n wrong sign-ins at once, the i-th for email(i), and counts the answers by code.
func burst(t *testing.T, s *server, n int, email func(i int) string) map[string]int {
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
