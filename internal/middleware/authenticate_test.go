package middleware_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"careergraph/internal/access"
	"careergraph/internal/apierr"
	"careergraph/internal/auth"
	"careergraph/internal/middleware"
)

// check knows one token and one key.
func check(_ context.Context, c auth.Credentials) (access.Viewer, error) {
	switch {
	case c.Bearer == "" && c.APIKey == "":
		return access.Viewer{}, nil
	case c.Bearer == "good-token":
		return access.Viewer{Kind: access.User, UserID: 7}, nil
	case c.APIKey == "good-key":
		return access.Viewer{Kind: access.APIKey, KeyID: 3}, nil
	case c.APIKey == "broken":
		return access.Viewer{}, errors.New("database down")
	}
	return access.Viewer{}, apierr.New(apierr.Unauthenticated, "unknown credentials")
}

// TestAuthenticate: the handler sees the viewer the credentials name; refused ones get 401
// after paying, and never reach it.
func TestAuthenticate(t *testing.T) {
	paid := 0
	pay := func(http.ResponseWriter, *http.Request) bool { paid++; return true }
	var seen *access.Viewer
	h := middleware.Authenticate(check, pay)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := access.FromContext(r.Context())
		seen = &v
	}))
	for _, tc := range []struct {
		name, header, value string
		status              int
		kind                access.Kind
	}{
		{"Anonymous", "", "", http.StatusOK, access.Anonymous},
		{"Token", "Authorization", "Bearer good-token", http.StatusOK, access.User},
		{"Key", "X-API-Key", "good-key", http.StatusOK, access.APIKey},
		{"BadScheme", "Authorization", "Basic abc", http.StatusUnauthorized, 0},
		{"UnknownToken", "Authorization", "Bearer nope", http.StatusUnauthorized, 0},
		{"StoreFails", "X-API-Key", "broken", http.StatusInternalServerError, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			seen, paid = nil, 0
			r := httptest.NewRequest(http.MethodPost, "/graphql", nil)
			if tc.header != "" {
				r.Header.Set(tc.header, tc.value)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, r)
			if rec.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.status, rec.Body)
			}
			switch tc.status {
			case http.StatusOK:
				if seen == nil || seen.Kind != tc.kind || paid != 0 {
					t.Errorf("viewer %+v, paid %d", seen, paid)
				}
			case http.StatusUnauthorized:
				if seen != nil || paid != 1 || !strings.Contains(rec.Body.String(), `"UNAUTHENTICATED"`) || rec.Header().Get("WWW-Authenticate") == "" {
					t.Errorf("reached the handler %v, paid %d, answer %v %s", seen != nil, paid, rec.Header(), rec.Body)
				}
			default:
				if seen != nil || strings.Contains(rec.Body.String(), "database down") {
					t.Errorf("reached the handler %v, or told the cause: %s", seen != nil, rec.Body)
				}
			}
		})
	}
}

// TestRefusalThatCannotPay: when the address's budget cannot pay for refused credentials, the
// 429 that pay wrote is the answer.
func TestRefusalThatCannotPay(t *testing.T) {
	pay := func(w http.ResponseWriter, _ *http.Request) bool {
		w.WriteHeader(http.StatusTooManyRequests)
		return false
	}
	h := middleware.Authenticate(check, pay)(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { t.Error("reached the handler") }))
	r := httptest.NewRequest(http.MethodPost, "/graphql", nil)
	r.Header.Set("Authorization", "Bearer nope")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	if rec.Code != http.StatusTooManyRequests {
		t.Errorf("status %d", rec.Code)
	}
}
