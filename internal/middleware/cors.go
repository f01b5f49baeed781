package middleware

import (
	"net/http"

	"github.com/rs/cors"

	"careergraph/internal/config"
	"careergraph/internal/ratelimit"
)

// CORS lets browser front-ends on the allowed origins ("*" for any) call the API with the
// headers our clients send (config.DefaultCORSHeaders when headers is empty), and read the
// request ID and rate-limit headers of the answers. Credentials travel in headers, never in
// cookies. Preflights are answered here and go no further.
func CORS(origins, headers []string) func(http.Handler) http.Handler {
	if len(headers) == 0 {
		headers = config.DefaultCORSHeaders
	}
	return cors.New(cors.Options{
		AllowedOrigins: origins,
		AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
		AllowedHeaders: headers,
		ExposedHeaders: append([]string{RequestIDHeader}, ratelimit.HeaderNames...),
		MaxAge:         600,
	}).Handler
}
