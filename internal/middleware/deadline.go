package middleware

import (
	"context"
	"net/http"
	"time"
)

// Deadline gives each request a context that ends after d (none when d is zero); the database
// cancels the statements of a request whose context ended. Requests for which stream reports
// true (subscription streams, which last as long as their clients want) get none.
func Deadline(d time.Duration, stream func(*http.Request) bool) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		if d <= 0 {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if stream != nil && stream(r) {
				next.ServeHTTP(w, r)
				return
			}
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}
