package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// argon2id parameters: the OWASP recommendation of 19 MiB, two passes, one lane.
const (
	argonMemoryKiB = 19 * 1024
	argonTime      = 2
	argonThreads   = 1
	argonKeyLen    = 32
)

// MinPasswordLength is the shortest password accepted for a staff account.
const MinPasswordLength = 12

// dummyHash is checked when an e-mail address is unknown, so that a failed sign-in takes as long
// whether or not the account exists. It is written out rather than computed at start, so that no
// hash runs outside the hasher; TestDummyHashHasTheCurrentParameters keeps its parameters those
// of real hashes.
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$xhEtde7LFQqWmqKjFcxWFA$t+OjivdKaSfwbvBXxWU+lk4atsrj2Qmupv0Tl/HIl6s"

// hasher computes argon2id hashes, at most a fixed number at once in the process: each holds
// 19 MiB while it runs, so a burst of sign-ins would otherwise take memory in proportion to its
// size. Callers beyond the bound wait for a free slot, or until their context ends.
type hasher struct {
	slots chan struct{}
	// around runs each hash by calling its argument once.
	around func(hash func())
}

// newHasher returns a hasher running at most concurrency hashes at once (at least one); around,
// when not nil, wraps each hash.
func newHasher(concurrency int, around func(hash func())) *hasher {
	if around == nil {
		around = func(hash func()) { hash() }
	}
	return &hasher{slots: make(chan struct{}, max(concurrency, 1)), around: around}
}

// run runs hash once a slot is free. It returns ctx's error, and hash does not run, when ctx ends
// first: a client that went away costs no hashing.
func (h *hasher) run(ctx context.Context, hash func()) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-h.slots }()
	h.around(hash)
	return nil
}

// hash returns the argon2id hash of password in PHC string format.
func (h *hasher) hash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	var key []byte
	err := h.run(ctx, func() {
		key = argon2.IDKey([]byte(password), salt, argonTime, argonMemoryKiB, argonThreads, argonKeyLen)
	})
	if err != nil {
		return "", err
	}
	b64 := base64.RawStdEncoding.EncodeToString
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemoryKiB, argonTime, argonThreads, b64(salt), b64(key)), nil
}

// check reports whether password matches hash, in time independent of where they differ. A
// malformed hash is an error, found without hashing.
func (h *hasher) check(ctx context.Context, hash, password string) (bool, error) {
	p, err := parseHash(hash)
	if err != nil {
		return false, err
	}
	var got []byte
	err = h.run(ctx, func() {
		got = argon2.IDKey([]byte(password), p.salt, p.time, p.memory, p.threads, uint32(len(p.key)))
	})
	if err != nil {
		return false, err
	}
	return subtle.ConstantTimeCompare(got, p.key) == 1, nil
}

// hashParams are the parts of an argon2id hash in PHC string format.
type hashParams struct {
	memory, time uint32
	threads      uint8
	salt, key    []byte
}

func parseHash(hash string) (hashParams, error) {
	var p hashParams
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, errors.New("not an argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, errors.New("unsupported argon2 version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return p, errors.New("malformed argon2 parameters")
	}
	var err error
	if p.salt, err = base64.RawStdEncoding.DecodeString(parts[4]); err != nil {
		return p, err
	}
	if p.key, err = base64.RawStdEncoding.DecodeString(parts[5]); err != nil {
		return p, err
	}
	return p, nil
}
