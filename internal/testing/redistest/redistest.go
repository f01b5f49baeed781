// Package redistest starts throwaway redis-server processes for tests.
package redistest

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Start starts a throwaway redis-server on a free port, stopped when the test ends, and
// returns its address. Without the binary the test fails under CI and is skipped elsewhere.
func Start(tb testing.TB) string {
	tb.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatal("redis-server is not installed: CI must install Debian's redis-server package")
		}
		tb.Skip("redis-server is not installed (apt-get install redis-server): the Redis store is not tested")
	}
	var lastErr error
	for range 3 { // Another process may take the free port before the server does.
		addr, err := startRedis(tb, bin)
		if err == nil {
			return addr
		}
		lastErr = err
	}
	tb.Fatalf("starting redis-server: %v", lastErr)
	return ""
}

func startRedis(tb testing.TB, bin string) (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	port := l.Addr().(*net.TCPAddr).Port
	_ = l.Close()
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))

	var out bytes.Buffer
	cmd := exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1",
		"--save", "", "--appendonly", "no")
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return "", err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop := func() {
		_ = cmd.Process.Kill()
		<-exited
	}

	c := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
	defer c.Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		err := c.Ping(ctx).Err()
		cancel()
		if err == nil {
			tb.Cleanup(stop)
			return addr, nil
		}
		select {
		case <-exited:
			return "", &startError{out.String()}
		default:
		}
		if time.Now().After(deadline) {
			stop()
			return "", &startError{"no answer within 5s: " + out.String()}
		}
		time.Sleep(10 * time.Millisecond)
	}
}

type startError struct{ output string }

func (e *startError) Error() string { return "redis-server did not start: " + e.output }
