package slug_test

import (
	"testing"

	"careergraph/internal/slug"
)

func TestFrom(t *testing.T) {
	for in, want := range map[string]string{
		"Back-End Developer":         "back-end-developer",
		"  Security & Performance  ": "security-and-performance",
		"Ohjelmistokehittäjä, Åbo":   "ohjelmistokehittaja-abo",
		"C# for .NET developers":     "csharp-for-net-developers",
		"C++ -- fast!":               "c-plus-plus-fast",
		"Straße":                     "strasse",
		"!!!":                        "",
		"Go 1.26: what's new?":       "go-1-26-what-s-new",
	} {
		if got := slug.From(in); got != want {
			t.Errorf("From(%q) = %q, want %q", in, got, want)
		}
	}
	long := slug.From("a very long title that goes on and on about learning to program computers for a living in Helsinki")
	if len(long) > slug.MaxLen || long[len(long)-1] == '-' {
		t.Errorf("long title gave %q", long)
	}
}
