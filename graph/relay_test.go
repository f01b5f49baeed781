package graph_test

import (
	"os/exec"
	"path/filepath"
	"testing"

	"careergraph/internal/testing/nodetest"
)

// TestRelayToolingAcceptsTheSchema runs scripts/relay-check: relay-compiler 21 compiles a handful
// of real documents (connections paged both ways, @refetchable fragments, node lookups, a
// mutation) against the committed schema, and @graphql-eslint's Relay rules lint it. It needs
// Node.js and `npm ci --prefix scripts/relay-check` (scripts/test does that).
func TestRelayToolingAcceptsTheSchema(t *testing.T) {
	dir, _ := filepath.Abs("../scripts/relay-check")
	node := nodetest.Need(t, dir, "relay-compiler")
	out, err := exec.Command(node, filepath.Join(dir, "check.mjs")).CombinedOutput()
	if err != nil {
		t.Fatalf("scripts/relay-check refuses the schema: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
