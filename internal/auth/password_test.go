package auth

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

// heldHashes is a hasher hook that holds every hash until released, counting those that started.
type heldHashes struct {
	started chan struct{}
	release chan struct{}
	n       atomic.Int64
}

// newHeld returns a hasher of concurrency slots whose hashes are held.
func newHeld(concurrency int) (*heldHashes, *hasher) {
	held := &heldHashes{started: make(chan struct{}, 100), release: make(chan struct{})}
	return held, newHasher(concurrency, held.around)
}

// wantStarted fails the test unless n hashes started.
func (h *heldHashes) wantStarted(t *testing.T, n int64, why string) {
	t.Helper()
	if got := h.n.Load(); got != n {
		t.Errorf("%d hashes started, want %d: %s", got, n, why)
	}
}

func (h *heldHashes) around(hash func()) {
	h.n.Add(1)
	h.started <- struct{}{}
	<-h.release
	hash()
}

// watchedContext is a context that tells when a caller first asks for its Done channel, that is,
// starts waiting on it.
type watchedContext struct {
	context.Context
	once    sync.Once
	waiting chan struct{}
}

func (c *watchedContext) Done() <-chan struct{} {
	c.once.Do(func() { close(c.waiting) })
	return c.Context.Done()
}

// mustWaitUntilCancelled runs a hash while every slot is held, and cancels its context once it
// waits: the caller must give up with context.Canceled, never start hashing.
func (h *heldHashes) mustWaitUntilCancelled(t *testing.T, hr *hasher) {
	t.Helper()
	parent, cancel := context.WithCancel(context.Background())
	ctx := &watchedContext{Context: parent, waiting: make(chan struct{})}
	waited := make(chan error, 1)
	go func() { waited <- hr.run(ctx, func() {}) }()
	<-ctx.waiting
	cancel()
	select {
	case err := <-waited:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled while waiting: %v, want context.Canceled", err)
		}
	case <-h.started:
		close(h.release)
		t.Fatal("a hash started while every slot was held")
	}
}

func TestHasher(t *testing.T) {
	t.Run("HashesThenChecksAPassword", func(t *testing.T) {
		h := newHasher(1, nil)
		ctx := context.Background()
		hash, err := h.hash(ctx, "correct horse battery staple")
		if err != nil {
			t.Fatal(err)
		}
		for password, want := range map[string]bool{"correct horse battery staple": true, "correct horse battery stapl": false} {
			if ok, err := h.check(ctx, hash, password); err != nil || ok != want {
				t.Errorf("check(%q) = %v, %v; want %v", password, ok, err, want)
			}
		}
	})

	t.Run("WaitingCallerStopsWhenItsContextEnds", func(t *testing.T) {
		held, h := newHeld(1)
		var wg sync.WaitGroup
		wg.Go(func() { _ = h.run(context.Background(), func() {}) })
		<-held.started // The only slot is taken.
		held.mustWaitUntilCancelled(t, h)
		close(held.release)
		wg.Wait()
		held.wantStarted(t, 1, "only the one holding the slot")
	})

	t.Run("CancelledCallerRunsNoHashEvenWithAFreeSlot", func(t *testing.T) {
		held, h := newHeld(4)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := h.check(ctx, dummyHash, "a guess"); !errors.Is(err, context.Canceled) {
			t.Errorf("check with a cancelled context: %v, want context.Canceled", err)
		}
		if _, err := h.hash(ctx, "a long enough password"); !errors.Is(err, context.Canceled) {
			t.Errorf("hash with a cancelled context: %v, want context.Canceled", err)
		}
		held.wantStarted(t, 0, "the caller is gone")
	})

	t.Run("ThirdCallerWaitsWhileTwoHashesRun", func(t *testing.T) {
		held, h := newHeld(2)
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() { _ = h.run(context.Background(), func() {}) })
		}
		<-held.started
		<-held.started
		held.mustWaitUntilCancelled(t, h)
		close(held.release)
		wg.Wait()
		if err := h.run(context.Background(), func() {}); err != nil {
			t.Errorf("after the two finished: %v", err)
		}
		held.wantStarted(t, 3, "the two and the one after them")
	})

	t.Run("MalformedHashIsAnErrorWithoutHashing", func(t *testing.T) {
		held, h := newHeld(1)
		for _, bad := range []string{"", "$2b$10$bcrypt", "$argon2id$v=16$m=1,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=x$c2FsdA$a2V5"} {
			if _, err := h.check(context.Background(), bad, "a guess"); err == nil {
				t.Errorf("check(%q) accepted the hash", bad)
			}
		}
		held.wantStarted(t, 0, "a malformed hash needs no hashing")
	})
}

// TestDummyHashHasTheCurrentParameters keeps checking an unknown e-mail's password exactly as
// costly as checking a real one.
func TestDummyHashHasTheCurrentParameters(t *testing.T) {
	p, err := parseHash(dummyHash)
	if err != nil {
		t.Fatal(err)
	}
	if p.memory != argonMemoryKiB || p.time != argonTime || p.threads != argonThreads || len(p.key) != argonKeyLen || len(p.salt) != 16 {
		t.Errorf("dummyHash has m=%d,t=%d,p=%d, a %d-byte key and a %d-byte salt; real hashes m=%d,t=%d,p=%d, %d and 16",
			p.memory, p.time, p.threads, len(p.key), len(p.salt), argonMemoryKiB, argonTime, argonThreads, argonKeyLen)
	}
}
