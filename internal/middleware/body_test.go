package middleware_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"careergraph/internal/middleware"
)

// TestLimitBody: a body over the limit is refused with 413 whether or not its length is declared,
// reading no more than one byte past the limit; one at the limit reaches the handler whole.
func TestLimitBody(t *testing.T) {
	var got string
	h := middleware.LimitBody(10)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = string(b)
	}))
	for _, tc := range []struct {
		name     string
		body     io.Reader
		declared bool
		status   int
	}{
		{"AtTheLimit", strings.NewReader("0123456789"), true, http.StatusOK},
		{"DeclaredTooLarge", strings.NewReader("0123456789a"), true, http.StatusRequestEntityTooLarge},
		{"UndeclaredTooLarge", &counting{r: strings.NewReader(strings.Repeat("x", 1000))}, false, http.StatusRequestEntityTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got = ""
			r := httptest.NewRequest(http.MethodPost, "/graphql", tc.body)
			if !tc.declared {
				r.ContentLength = -1
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d", rec.Code, tc.status)
			}
			if tc.status == http.StatusOK && got != "0123456789" {
				t.Errorf("the handler read %q", got)
			}
			if tc.status != http.StatusOK && (got != "" || !strings.Contains(rec.Body.String(), `"BAD_USER_INPUT"`)) {
				t.Errorf("refused, yet the handler read %q; body %s", got, rec.Body)
			}
			if c, ok := tc.body.(*counting); ok && c.n > 11 {
				t.Errorf("read %d bytes of a body limited to 10", c.n)
			}
		})
	}
}

type counting struct {
	r io.Reader
	n int
}

func (c *counting) Read(p []byte) (int, error) {
	if len(p) > 4 {
		p = p[:4]
	}
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}
