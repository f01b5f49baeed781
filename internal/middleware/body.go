package middleware

import (
	"bytes"
	"io"
	"net/http"

	"careergraph/internal/apierr"
)

// LimitBody refuses request bodies above max bytes with 413: at once when the declared length
// says so, otherwise as soon as the body passes the limit, never reading more than max+1 bytes.
// Zero or less: no limit.
func LimitBody(max int) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if max <= 0 || r.Body == nil || r.Body == http.NoBody {
				next.ServeHTTP(w, r)
				return
			}
			tooLarge := func() {
				w.Header().Set("Connection", "close")
				Refuse(w, r, http.StatusRequestEntityTooLarge, apierr.New(apierr.BadUserInput, "the request body is larger than %d bytes", max))
			}
			if r.ContentLength > int64(max) {
				tooLarge()
				return
			}
			body, err := io.ReadAll(io.LimitReader(r.Body, int64(max)+1))
			if err != nil {
				Refuse(w, r, http.StatusBadRequest, apierr.New(apierr.BadUserInput, "could not read the request body"))
				return
			}
			if len(body) > max {
				tooLarge()
				return
			}
			r.Body = io.NopCloser(bytes.NewReader(body))
			next.ServeHTTP(w, r)
		})
	}
}
