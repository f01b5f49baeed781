package gqlexec

import (
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/graphql"
)

// Responses are written through shared buffers; each must keep its own bytes whatever is
// written after it, also by other requests at the same time.
func TestMarshalGivesEachResponseItsOwnBytes(t *testing.T) {
	text := func(s string) graphql.Marshaler {
		return graphql.WriterFunc(func(w io.Writer) { _, _ = io.WriteString(w, s) })
	}
	first := Marshal(text(`{"a":1}`))
	big := strings.Repeat("x", 3*maxKept)
	if got := Marshal(text(big)).String(); got != big {
		t.Fatalf("a response larger than the kept buffers has %d bytes, want %d", len(got), len(big))
	}
	if got := first.String(); got != `{"a":1}` {
		t.Fatalf("the first response reads %q after another was written", got)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			want := strings.Repeat(string(rune('a'+i)), 1000*(i+1))
			for range 200 {
				got := Marshal(text(want))
				Marshal(text(`"other"`))
				if got.String() != want {
					t.Errorf("response %d changed to %d bytes of something else", i, got.Len())
					return
				}
			}
		}()
	}
	wg.Wait()
}
