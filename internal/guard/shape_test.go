package guard

import (
	"fmt"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

func measure(t *testing.T, l Limits, query string) (*measurer, string) {
	t.Helper()
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil {
		t.Fatal(err)
	}
	m := &measurer{Limits: l, doc: doc, frags: map[string]*shape{}}
	if e := m.document(); e != nil {
		return m, e.Message
	}
	return m, ""
}

// TestFragmentsAreMeasuredOnce: a fragment spread twice at each of n levels holds 2^n fields,
// and is measured in steps linear in n; the depth of a fragment counts where it is spread.
func TestFragmentsAreMeasuredOnce(t *testing.T) {
	for _, n := range []int{10, 26, 60} {
		limit := 1 << 30
		var b strings.Builder
		b.WriteString("{ a { ...F1 } }\n")
		for i := 1; i < n; i++ {
			fmt.Fprintf(&b, "fragment F%d on T { p%d: parent { ...F%d ...F%d } }\n", i, i, i+1, i+1)
		}
		fmt.Fprintf(&b, "fragment F%d on T { name }\n", n)
		m, msg := measure(t, Limits{MaxFields: limit}, b.String())
		if m.steps > 10*n {
			t.Errorf("n=%d: %d steps, want at most %d", n, m.steps, 10*n)
		}
		fields := 1 // F<n>: name
		for i := n - 1; i >= 1; i-- {
			fields = 1 + 2*fields
		}
		fields++ // a
		switch {
		case fields > limit && !strings.Contains(msg, "fields"):
			t.Errorf("n=%d: %d fields accepted", n, fields)
		case fields <= limit && (msg != "" || m.fields != fields):
			t.Errorf("n=%d: %d fields counted (%q), want %d", n, m.fields, msg, fields)
		}
	}
	_, msg := measure(t, Limits{MaxDepth: 5}, `{ a { ...F } } fragment F on T { b { c { d { e { f } } } } }`)
	if !strings.Contains(msg, "levels deep") {
		t.Errorf("a fragment spread below the depth limit: %q", msg)
	}
	if _, msg := measure(t, Limits{MaxDepth: 6}, `{ a { ...F } } fragment F on T { b { c { d { e { f } } } } }`); msg != "" {
		t.Errorf("within the depth limit: %q", msg)
	}
	if _, msg := measure(t, Limits{MaxFields: 100}, `{ ...A } fragment A on Q { ...B a } fragment B on Q { ...A b }`); msg != "" {
		t.Errorf("a fragment cycle is validation's to report: %q", msg)
	}
}

// TestLimitsStopTheWalk: a long document is refused as soon as it crosses a limit, without
// being read to its end.
func TestLimitsStopTheWalk(t *testing.T) {
	m, msg := measure(t, Limits{MaxFields: 100}, "{"+strings.Repeat(" __typename", 5000)+" }")
	if msg == "" || m.steps > 110 {
		t.Errorf("%q after %d steps", msg, m.steps)
	}
	m, msg = measure(t, Limits{MaxDirectives: 10}, "{ a"+strings.Repeat(" @skip(if: false)", 5000)+" }")
	if msg == "" || m.steps > 20 {
		t.Errorf("%q after %d steps", msg, m.steps)
	}
}
