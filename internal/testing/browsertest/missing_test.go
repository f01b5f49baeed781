package browsertest_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"careergraph/internal/testing/browsertest"
)

// recordingTB stands in for the testing.TB of a test, to see whether New
// skips or fails.
type recordingTB struct {
	testing.TB
	skipped, fatal string
}

func (r *recordingTB) Helper() {}

func (r *recordingTB) Skipf(format string, args ...any) {
	r.skipped = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (r *recordingTB) Fatalf(format string, args ...any) {
	r.fatal = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// runNew calls New in a goroutine of its own, because Skipf and Fatalf end
// the goroutine.
func runNew(t *testing.T) *recordingTB {
	r := &recordingTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		browsertest.New(r)
		t.Error("New returned without a browser")
	}()
	<-done
	return r
}

func TestNoBrowser(t *testing.T) {
	t.Setenv(browsertest.EnvBrowser, "/nonexistent/chromium")
	if got := browsertest.FindBrowser(); got != "" {
		t.Fatalf("FindBrowser() = %q, want none", got)
	}

	t.Setenv("CI", "")
	r := runNew(t)
	if !strings.Contains(r.skipped, "apt-get install -y chromium") || r.fatal != "" {
		t.Errorf("without CI: skipped %q, failed %q; want a skip that names the package", r.skipped, r.fatal)
	}

	t.Setenv("CI", "true")
	r = runNew(t)
	if !strings.Contains(r.fatal, "apt-get install -y chromium") || r.skipped != "" {
		t.Errorf("with CI: skipped %q, failed %q; want a failure that names the package", r.skipped, r.fatal)
	}
}
