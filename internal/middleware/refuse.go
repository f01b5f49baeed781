package middleware

import (
	"encoding/json"
	"net/http"

	"careergraph/internal/apierr"
)

// Refuse ends a request that a layer refuses: status with e as a GraphQL error body, so that
// clients handle it like any other error, and the request's log line (rate_limited when e is
// RATE_LIMITED).
func Refuse(w http.ResponseWriter, r *http.Request, status int, e *apierr.Error) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"errors": []any{e.GraphQL()}})
	EntryFrom(r.Context()).Write(r.Context(), Outcome{Status: status, RateLimited: e.Code == apierr.RateLimited})
}
