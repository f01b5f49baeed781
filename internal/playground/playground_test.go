package playground_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"careergraph/internal/browsertest"
	"careergraph/internal/playground"
)

func get(t *testing.T, method, url string, header http.Header) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

var assetRef = regexp.MustCompile(`(?:src|href)="(playground/[^"]+)"`)

// assetURLs returns the paths of the files that the page loads.
func assetURLs(t *testing.T, page string) []string {
	t.Helper()
	var out []string
	for _, m := range assetRef.FindAllStringSubmatch(page, -1) {
		out = append(out, "/"+m[1])
	}
	if len(out) < 2 {
		t.Fatalf("the page loads %q, want a script and a style sheet", out)
	}
	return out
}

func TestPage(t *testing.T) {
	srv := httptest.NewServer(playground.Handler(`Career <Graph> & "friends"`, `/graphql?x="1"&y=<2>`))
	defer srv.Close()

	resp, page := get(t, http.MethodGet, srv.URL+"/", nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET / = %d, want 200", resp.StatusCode)
	}
	for name, want := range map[string]string{
		"Content-Type":           "text/html; charset=utf-8",
		"X-Content-Type-Options": "nosniff",
		"Cache-Control":          "no-cache",
	} {
		if got := resp.Header.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if resp.Header.Get("ETag") == "" {
		t.Error("no ETag")
	}
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy = %q, want it to hold %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("Content-Security-Policy = %q allows inline code", csp)
	}

	// The title and the endpoint are in the page, escaped.
	for _, want := range []string{
		`<title>Career &lt;Graph&gt; &amp; &#34;friends&#34;</title>`,
		`data-endpoint="/graphql?x=&#34;1&#34;&amp;y=&lt;2&gt;"`,
		`<h1>Career &lt;Graph&gt; &amp; &#34;friends&#34;</h1>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not hold %s", want)
		}
	}
	if strings.Contains(page, "<Graph>") || strings.Contains(page, "y=<2>") {
		t.Error("the page holds the title or the endpoint unescaped")
	}

	// No inline script, handler or style: the policy would block them.
	for _, m := range regexp.MustCompile(`<script[^>]*>`).FindAllString(page, -1) {
		if !strings.Contains(m, ` src="`) {
			t.Errorf("inline script %s", m)
		}
	}
	if m := regexp.MustCompile(`(?i)\s(on[a-z]+|style)=`).FindString(page); m != "" {
		t.Errorf("the page has an inline handler or style: %q", m)
	}

	// A conditional request gets 304.
	resp, _ = get(t, http.MethodGet, srv.URL+"/", http.Header{"If-None-Match": {resp.Header.Get("ETag")}})
	if resp.StatusCode != http.StatusNotModified {
		t.Errorf("GET / with If-None-Match = %d, want 304", resp.StatusCode)
	}

	// HEAD works and has no body.
	resp, body := get(t, http.MethodHead, srv.URL+"/", nil)
	if resp.StatusCode != http.StatusOK || body != "" || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("HEAD / = %d, %q, %d bytes", resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
	}
}

func TestAssets(t *testing.T) {
	srv := httptest.NewServer(playground.Handler("Playground", "/graphql"))
	defer srv.Close()
	_, page := get(t, http.MethodGet, srv.URL+"/", nil)

	for _, path := range assetURLs(t, page) {
		resp, body := get(t, http.MethodGet, srv.URL+path, nil)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d", path, resp.StatusCode)
			continue
		}
		if got := resp.Header.Get("Cache-Control"); !strings.Contains(got, "immutable") {
			t.Errorf("GET %s: Cache-Control = %q, want a long cache", path, got)
		}
		if len(body) == 0 {
			t.Errorf("GET %s: empty", path)
		}
	}

	for path, wantType := range map[string]string{
		"/playground/app.js":     "text/javascript; charset=utf-8",
		"/playground/graphql.js": "text/javascript; charset=utf-8",
		"/playground/editor.js":  "text/javascript; charset=utf-8",
		"/playground/docs.js":    "text/javascript; charset=utf-8",
		"/playground/app.css":    "text/css; charset=utf-8",
	} {
		resp, body := get(t, http.MethodGet, srv.URL+path, nil)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s = %d, want 200", path, resp.StatusCode)
			continue
		}
		if got := resp.Header.Get("Content-Type"); got != wantType {
			t.Errorf("GET %s: Content-Type = %q, want %q", path, got, wantType)
		}
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options = %q", path, got)
		}
		if got := resp.Header.Get("Cache-Control"); got != "no-cache" {
			t.Errorf("GET %s: Cache-Control = %q, want no-cache", path, got)
		}
		if resp.Header.Get("ETag") == "" {
			t.Errorf("GET %s: no ETag", path)
		}
		if len(body) < 100 {
			t.Errorf("GET %s: only %d bytes", path, len(body))
		}
	}

	// A page of another version gets the current files, revalidated.
	resp, _ := get(t, http.MethodGet, srv.URL+"/playground/v-000000000000/app.js", nil)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("GET an old version: %d, Cache-Control %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
}

func TestNotFoundAndMethods(t *testing.T) {
	srv := httptest.NewServer(playground.Handler("Playground", "/graphql"))
	defer srv.Close()

	for _, path := range []string{
		"/index.html", "/graphql", "/playground", "/playground/", "/playground/nope.js",
		"/playground/index.html", "/playground/v-1/", "/playground/x/app.js", "/playground/v-1/a/app.js",
		"/app.js", "/favicon.ico",
	} {
		resp, _ := get(t, http.MethodGet, srv.URL+path, nil)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, resp.StatusCode)
		}
	}

	for _, path := range []string{"/", "/playground/app.js"} {
		for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodOptions} {
			resp, _ := get(t, method, srv.URL+path, nil)
			if resp.StatusCode != http.StatusMethodNotAllowed {
				t.Errorf("%s %s = %d, want 405", method, path, resp.StatusCode)
			}
			if got := resp.Header.Get("Allow"); got != "GET, HEAD" {
				t.Errorf("%s %s: Allow = %q, want %q", method, path, got, "GET, HEAD")
			}
		}
	}
}

// urlPattern finds absolute and protocol-relative URLs.
var urlPattern = regexp.MustCompile(`(?i)(?:https?:|wss?:)?//[a-z0-9.\-\[\]:]+[^\s"'<>()\x60]*`)

// TestNoExternalURLs checks that nothing the page serves refers to another
// host: no CDN, no font, no image, no analytics.
func TestNoExternalURLs(t *testing.T) {
	srv := httptest.NewServer(playground.Handler("Playground", "/graphql"))
	defer srv.Close()
	_, page := get(t, http.MethodGet, srv.URL+"/", nil)
	files := map[string]string{"/": page}
	for _, path := range assetURLs(t, page) {
		_, body := get(t, http.MethodGet, srv.URL+path, nil)
		files[path] = body
	}
	// Guard the test itself: the page must load four scripts and a style
	// sheet, directly or through imports.
	for _, name := range []string{"graphql.js", "editor.js", "docs.js"} {
		_, body := get(t, http.MethodGet, srv.URL+"/playground/"+name, nil)
		files["/playground/"+name] = body
	}
	for path, body := range files {
		for _, m := range urlPattern.FindAllString(body, -1) {
			if !strings.Contains(m, "://") {
				// "//" starts a comment in JavaScript; a protocol-relative
				// URL in an attribute or url() is checked below.
				continue
			}
			if browsertest.IsExternal(m) {
				t.Errorf("%s refers to %s", path, m)
			} else {
				t.Errorf("%s has an absolute URL %s; use a relative one", path, m)
			}
		}
		for _, re := range []*regexp.Regexp{
			regexp.MustCompile(`(?i)(src|href|action)\s*=\s*["']?//`),
			regexp.MustCompile(`(?i)url\(\s*["']?(//|https?:)`),
			regexp.MustCompile(`(?i)@import`),
			regexp.MustCompile(`(?i)import\s*\(?\s*["'](https?:|//)`),
			regexp.MustCompile(`(?i)from\s+["'](https?:|//)`),
		} {
			if m := re.FindString(body); m != "" {
				t.Errorf("%s loads from elsewhere: %q", path, m)
			}
		}
	}
}

func TestContentSecurityPolicyForAbsoluteEndpoint(t *testing.T) {
	srv := httptest.NewServer(playground.Handler("Playground", "http://api.localhost:8080/graphql"))
	defer srv.Close()
	resp, _ := get(t, http.MethodGet, srv.URL+"/", nil)
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "connect-src 'self' http://api.localhost:8080;") {
		t.Errorf("Content-Security-Policy = %q, want connect-src to allow the endpoint", csp)
	}

	srv2 := httptest.NewServer(playground.Handler("Playground", "http://evil.localhost;script-src *"))
	defer srv2.Close()
	resp, _ = get(t, http.MethodGet, srv2.URL+"/", nil)
	if csp := resp.Header.Get("Content-Security-Policy"); strings.Contains(csp, "script-src *") {
		t.Errorf("Content-Security-Policy = %q: the endpoint changed the policy", csp)
	}
}

func TestFakeIntrospectionIsJSON(t *testing.T) {
	var v struct {
		Data struct {
			Schema struct {
				Types []struct{ Name string } `json:"types"`
			} `json:"__schema"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(fakeIntrospection), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Data.Schema.Types) < 5 {
		t.Fatalf("%d types", len(v.Data.Schema.Types))
	}
}
