package graph_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/nodetest"
)

// TestGraphQLOverHTTPAudits runs the server audits of the graphql-http package (the reference
// implementation of the GraphQL-over-HTTP specification) against a real server: every MUST and
// SHOULD passes. It needs Node.js and `npm ci --prefix scripts/http-audit` (scripts/test and
// .ci/run do that).
func TestGraphQLOverHTTPAudits(t *testing.T) {
	dir, _ := filepath.Abs("../scripts/http-audit")
	node := nodetest.Need(t, dir, "graphql-http")
	s := apitest.New(t, dialect.SQLite)
	out, err := exec.Command(node, filepath.Join(dir, "audit.mjs"), s.URL).CombinedOutput()
	if err != nil {
		t.Fatalf("running the audits: %v\n%s", err, out)
	}
	var passed, total int
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		var r struct{ ID, Name, Status, Reason string }
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("unexpected output: %s", sc.Text())
		}
		total++
		switch {
		case r.Status == "ok":
			passed++
		case strings.HasPrefix(r.Name, "MUST") || strings.HasPrefix(r.Name, "SHOULD"):
			t.Errorf("%s %s: %s", r.ID, r.Name, r.Reason)
		default:
			t.Logf("%s (optional) %s: %s", r.ID, r.Name, r.Reason)
		}
	}
	if total < 50 {
		t.Fatalf("only %d audits ran", total)
	}
	t.Logf("%d of %d audits passed", passed, total)
}
