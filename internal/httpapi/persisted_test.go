package httpapi_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"careergraph/internal/app"
	"careergraph/internal/config"
	"careergraph/internal/persisted"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/gqltest"
)

func getQuery(t *testing.T, base string, params url.Values, header http.Header) (*http.Response, string) {
	t.Helper()
	h := http.Header{"Accept": {"application/graphql-response+json"}}
	for k, v := range header {
		h[k] = v
	}
	return gqltest.Fetch(t, http.MethodGet, base+"?"+params.Encode(), h)
}

func persistedExt(hash string) string {
	b, _ := json.Marshal(map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hash}})
	return string(b)
}

func TestAutomaticPersistedQueriesAndCaching(t *testing.T) {
	s := apitest.New(t, dialect.SQLite)
	const doc = `{ profession(slug: "back-end-developer") { title } }`
	hash := persisted.Hash(doc)

	// Unknown hash: the client is told to send the document.
	_, body := getQuery(t, s.URL, url.Values{"extensions": {persistedExt(hash)}}, nil)
	if !strings.Contains(body, "PersistedQueryNotFound") {
		t.Fatalf("unknown hash: %s", body)
	}
	// Document and hash once (POST), then the hash alone over GET.
	resp := s.Do(t, doc, nil)
	_ = resp
	postWithHash := map[string]any{"query": doc, "extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hash}}}
	raw, _ := json.Marshal(postWithHash)
	r, err := http.Post(s.URL, "application/json", strings.NewReader(string(raw)))
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	get, body := getQuery(t, s.URL, url.Values{"extensions": {persistedExt(hash)}}, nil)
	if get.StatusCode != http.StatusOK || !strings.Contains(body, "Back-End Developer") {
		t.Fatalf("by hash: %d %s", get.StatusCode, body)
	}
	etag := get.Header.Get("ETag")
	if etag == "" || !strings.HasPrefix(get.Header.Get("Cache-Control"), "public, max-age=") {
		t.Errorf("anonymous GET: Cache-Control %q, ETag %q", get.Header.Get("Cache-Control"), etag)
	}
	again, body := getQuery(t, s.URL, url.Values{"extensions": {persistedExt(hash)}}, http.Header{"If-None-Match": {etag}})
	if again.StatusCode != http.StatusNotModified || body != "" {
		t.Errorf("If-None-Match: %d %q, want 304 without a body", again.StatusCode, body)
	}
	// A document whose hash does not match is refused.
	wrong, _ := json.Marshal(map[string]any{"query": `{ professions { totalCount } }`, "extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hash}}})
	r, _ = http.Post(s.URL, "application/json", strings.NewReader(string(wrong)))
	b, _ := io.ReadAll(r.Body)
	r.Body.Close()
	if !strings.Contains(string(b), "errors") {
		t.Errorf("a mismatched hash was accepted: %s", b)
	}
	// Authenticated and erroneous responses are not cacheable.
	as := apitest.NewActors(t, s)
	priv, _ := getQuery(t, s.URL, url.Values{"query": {doc}}, as.ByName["editor"].Header)
	if priv.Header.Get("Cache-Control") != "private, no-store" || priv.Header.Get("ETag") != "" {
		t.Errorf("staff GET: Cache-Control %q, ETag %q", priv.Header.Get("Cache-Control"), priv.Header.Get("ETag"))
	}
	bad, _ := getQuery(t, s.URL, url.Values{"query": {`{ nope }`}}, nil)
	if bad.Header.Get("ETag") != "" || strings.HasPrefix(bad.Header.Get("Cache-Control"), "public") {
		t.Errorf("an error was made cacheable: %v", bad.Header)
	}
}

func TestTrustedDocumentsOnly(t *testing.T) {
	s := apitest.New(t, dialect.SQLite, func(c *config.Config, _ *app.Deps) { c.TrustedDocuments = true })
	store := s.Documents
	const registered = `{ professions(first: 1) { totalCount } }`
	if n, err := store.Register(context.Background(), "web", []string{registered}); err != nil || n != 1 {
		t.Fatalf("register: %d %v", n, err)
	}
	if n, _ := store.Register(context.Background(), "web", []string{registered}); n != 0 {
		t.Errorf("registering again added %d", n)
	}
	var ok struct{ Professions struct{ TotalCount int } }
	s.Query(t, registered, nil, &ok) // By exact text.
	_, body := getQuery(t, s.URL, url.Values{"extensions": {persistedExt(persisted.Hash(registered))}}, nil)
	if !strings.Contains(body, "totalCount") {
		t.Errorf("by hash: %s", body)
	}
	if e := s.Fails(t, `{ skills(first: 1) { totalCount } }`, nil); e.Code() != "FORBIDDEN" {
		t.Errorf("an unregistered document: %q %v", e.Message, e.Extensions)
	}
	// Clients cannot register documents themselves in this mode.
	const other = `{ tags(first: 1) { totalCount } }`
	raw, _ := json.Marshal(map[string]any{"query": other, "extensions": map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": persisted.Hash(other)}}})
	r, _ := http.Post(s.URL, "application/json", strings.NewReader(string(raw)))
	b, _ := io.ReadAll(r.Body)
	r.Body.Close()
	if !strings.Contains(string(b), "FORBIDDEN") {
		t.Errorf("persisting a new document in trusted mode: %s", b)
	}
}

// TestCacheableAnswersVaryOnOrigin: a shared cache keys its copy of a public answer on every
// header the answer depends on. Without Origin it would hand the copy carrying one origin's CORS
// headers to a page on another origin.
func TestCacheableAnswersVaryOnOrigin(t *testing.T) {
	s := apitest.New(t, dialect.SQLite)
	query := url.Values{"query": {`{ profession(slug: "back-end-developer") { title } }`}}
	first, _ := getQuery(t, s.URL, query, nil)
	etag := first.Header.Get("ETag")
	if first.StatusCode != http.StatusOK || etag == "" || !strings.HasPrefix(first.Header.Get("Cache-Control"), "public") {
		t.Fatalf("anonymous GET is not cacheable: %d %v", first.StatusCode, first.Header)
	}
	for name, tc := range map[string]struct {
		header http.Header
		status int
	}{
		"AllowedOrigin":    {http.Header{"Origin": {"https://app.example"}}, http.StatusOK},
		"DisallowedOrigin": {http.Header{"Origin": {"https://evil.example"}}, http.StatusOK},
		"NotModified":      {http.Header{"Origin": {"https://app.example"}, "If-None-Match": {etag}}, http.StatusNotModified},
	} {
		t.Run(name, func(t *testing.T) {
			resp, _ := getQuery(t, s.URL, query, tc.header)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", resp.StatusCode, tc.status)
			}
			seen := map[string]int{}
			for _, v := range resp.Header.Values("Vary") {
				for _, name := range strings.Split(v, ",") {
					seen[strings.TrimSpace(name)]++
				}
			}
			for _, want := range []string{"Origin", "Accept", "Authorization", "X-API-Key"} {
				if seen[want] != 1 {
					t.Errorf("Vary %q names %s %d times, want once", resp.Header.Values("Vary"), want, seen[want])
				}
			}
		})
	}
}

// TestDocumentsByDocumentID: a client that names stored documents by documentId (GraphQL Code
// Generator's persisted documents, GraphQL Yoga), sha256:-prefixed or not, in a POST body or a
// GET URL, runs them, in trusted-documents mode and with automatic persisted queries alike.
func TestDocumentsByDocumentID(t *testing.T) {
	const doc = `query Count { professions(first: 1) { totalCount } }`
	manifest, _ := json.Marshal(map[string]string{"sha256:" + persisted.Hash(doc): doc})
	docs, err := persisted.Manifest(manifest)
	if err != nil {
		t.Fatal(err)
	}
	for _, trusted := range []bool{true, false} {
		s := apitest.New(t, dialect.SQLite, func(c *config.Config, _ *app.Deps) { c.TrustedDocuments = trusted })
		store := s.Documents
		if _, err := store.Register(context.Background(), "web", docs); err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{"sha256:" + persisted.Hash(doc), persisted.Hash(doc)} {
			raw, _ := json.Marshal(map[string]any{"documentId": id})
			r, err := http.Post(s.URL, "application/json", strings.NewReader(string(raw)))
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(r.Body)
			r.Body.Close()
			if !strings.Contains(string(b), `"totalCount"`) {
				t.Errorf("trusted %v, POST documentId %s: %s", trusted, id, b)
			}
			if _, body := getQuery(t, s.URL, url.Values{"documentId": {id}}, nil); !strings.Contains(body, `"totalCount"`) {
				t.Errorf("trusted %v, GET documentId %s: %s", trusted, id, body)
			}
		}
		if _, body := getQuery(t, s.URL, url.Values{"documentId": {"not-a-hash"}}, nil); !strings.Contains(body, "BAD_USER_INPUT") || strings.Contains(body, `"data"`) {
			t.Errorf("trusted %v, a malformed documentId: %s", trusted, body)
		}
	}
}
