// Package nodetest finds Node.js and a Node project's installed packages for tests that run a
// Node script (the GraphQL-over-HTTP audits, the Relay checks, the typed client example).
package nodetest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// Need returns the path of node, once dir (a folder with a package.json and its lockfile) has
// its packages installed, as `npm ci --prefix dir` installs them: dir/node_modules/pkg exists.
// Without them it skips the test, or fails it when the environment variable CI is set, so that
// CI cannot pass by skipping; scripts/test installs them.
func Need(tb testing.TB, dir, pkg string) string {
	tb.Helper()
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat(filepath.Join(dir, "node_modules", filepath.FromSlash(pkg)))
	}
	if err != nil {
		msg := "needs node and `npm ci --prefix " + dir + "`: " + err.Error()
		if os.Getenv("CI") != "" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	return node
}
