package gqlhttp

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestPublicAnswersAreCachedByTheirContent: a public GET that succeeded may be kept by shared
// caches and revalidated by its ETag; an answer with errors, a private caller's or a POST's is
// never stored; every answer varies on the headers that change it, beside those of other layers.
func TestPublicAnswersAreCachedByTheirContent(t *testing.T) {
	public := true
	o := Options{CacheMaxAge: time.Minute, Public: func(*http.Request) bool { return public }}
	answer := func(method, ifNoneMatch string, ok bool) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		rec.Header().Set("Vary", "Origin")
		r := httptest.NewRequest(method, "/graphql?query={a}", nil)
		if ifNoneMatch != "" {
			r.Header.Set("If-None-Match", ifNoneMatch)
		}
		x := &exchange{w: rec, r: r, o: o}
		x.send(JSON, http.StatusOK, ok, []byte(`{"data":`), []byte(`{"a":1}`), []byte("}\n"))
		return rec
	}

	first := answer(http.MethodGet, "", true)
	etag := first.Header().Get("ETag")
	if etag == "" || first.Header().Get("Cache-Control") != "public, max-age=60" || first.Body.String() != "{\"data\":{\"a\":1}}\n" {
		t.Fatalf("public answer: %v %q", first.Header(), first.Body)
	}
	if v := first.Header().Get("Vary"); v != "Origin, Accept, Authorization, X-API-Key" {
		t.Errorf("Vary %q", v)
	}
	if again := answer(http.MethodGet, etag, true); again.Code != http.StatusNotModified || again.Body.Len() != 0 {
		t.Errorf("revalidation: %d %q", again.Code, again.Body)
	}
	if other := answer(http.MethodGet, `"stale"`, true); other.Code != http.StatusOK {
		t.Errorf("another ETag: %d", other.Code)
	}
	if failed := answer(http.MethodGet, "", false); failed.Header().Get("Cache-Control") != "no-store" || failed.Header().Get("ETag") != "" {
		t.Errorf("an answer with errors: %v", failed.Header())
	}
	if post := answer(http.MethodPost, "", true); post.Header().Get("Cache-Control") != "private, no-store" {
		t.Errorf("POST: %v", post.Header())
	}
	public = false
	if private := answer(http.MethodGet, etag, true); private.Code != http.StatusOK || !strings.HasPrefix(private.Header().Get("Cache-Control"), "private") {
		t.Errorf("a private caller's GET: %d %v", private.Code, private.Header())
	}
}
