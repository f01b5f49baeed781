package graphiql_test

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"careergraph/internal/graphiql"
	"careergraph/internal/testing/gqltest"
)

func get(t *testing.T, method, url string, header http.Header) (*http.Response, string) {
	t.Helper()
	return gqltest.Fetch(t, method, url, header)
}

var assetRef = regexp.MustCompile(`(?:src|href)="(graphiql/[^"]+)"`)

// assetURLs returns the paths of the files that the page loads.
func assetURLs(t *testing.T, page string) []string {
	t.Helper()
	var out []string
	for _, m := range assetRef.FindAllStringSubmatch(page, -1) {
		out = append(out, "/"+m[1])
	}
	if len(out) != 6 {
		t.Fatalf("the page loads %q, want React, ReactDOM, GraphiQL, our script and two style sheets", out)
	}
	return out
}

func TestPage(t *testing.T) {
	srv := httptest.NewServer(graphiql.Handler(`Career <Graph> & "friends"`, `/graphql?x="1"&y=<2>`))
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
	srv := httptest.NewServer(graphiql.Handler("GraphiQL", "/graphql"))
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
		"/graphiql/page.js":                     "text/javascript; charset=utf-8",
		"/graphiql/page.css":                    "text/css; charset=utf-8",
		"/graphiql/graphiql.min.js":             "text/javascript; charset=utf-8",
		"/graphiql/graphiql.min.css":            "text/css; charset=utf-8",
		"/graphiql/react.production.min.js":     "text/javascript; charset=utf-8",
		"/graphiql/react-dom.production.min.js": "text/javascript; charset=utf-8",
		"/graphiql/LICENSES.txt":                "text/plain; charset=utf-8",
		"/graphiql/VERSIONS.json":               "application/json",
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
		if len(body) < 50 {
			t.Errorf("GET %s: only %d bytes", path, len(body))
		}
	}

	// A page of another version gets the current files, revalidated.
	resp, _ := get(t, http.MethodGet, srv.URL+"/graphiql/v-000000000000/page.js", nil)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("GET an old version: %d, Cache-Control %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
	}
}

func TestNotFoundAndMethods(t *testing.T) {
	srv := httptest.NewServer(graphiql.Handler("GraphiQL", "/graphql"))
	defer srv.Close()

	for _, path := range []string{
		"/index.html", "/graphql", "/graphiql", "/graphiql/", "/graphiql/nope.js",
		"/graphiql/index.html", "/graphiql/v-1/", "/graphiql/x/page.js", "/graphiql/v-1/a/page.js",
		"/page.js", "/favicon.ico", "/graphiql/graphiql.min.js.map", "/playground/app.js",
	} {
		resp, _ := get(t, http.MethodGet, srv.URL+path, nil)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, resp.StatusCode)
		}
	}

	for _, path := range []string{"/", "/graphiql/page.js"} {
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

// loaders are the ways a page, a script or a style sheet loads something.
var loaders = []*regexp.Regexp{
	regexp.MustCompile(`(?i)(src|href|action)\s*=\s*["']?(//|https?:)`),
	regexp.MustCompile(`(?i)url\(\s*["']?(//|https?:)`),
	regexp.MustCompile(`(?i)@import`),
	regexp.MustCompile(`(?i)import\s*\(?\s*["'](https?:|//)`),
	regexp.MustCompile(`(?i)from\s+["'](https?:|//)`),
	regexp.MustCompile(`(?i)sourceMappingURL`),
}

// TestNoExternalURLs checks that nothing the page serves loads anything from
// another host: no CDN, no font, no image, no analytics, no source map. Our own
// files hold no absolute URL at all; GraphiQL's bundles mention some (links in
// its help texts, the SVG namespace), but load nothing through them: the
// browser tests record every request the page makes.
func TestNoExternalURLs(t *testing.T) {
	srv := httptest.NewServer(graphiql.Handler("GraphiQL", "/graphql"))
	defer srv.Close()
	_, page := get(t, http.MethodGet, srv.URL+"/", nil)
	files := map[string]string{"/": page}
	for _, path := range assetURLs(t, page) {
		_, body := get(t, http.MethodGet, srv.URL+path, nil)
		files[path] = body
	}
	for path, body := range files {
		if path == "/" || strings.Contains(path, "/page.") {
			for _, m := range urlPattern.FindAllString(body, -1) {
				if strings.Contains(m, "://") {
					t.Errorf("%s has an absolute URL %s", path, m)
				}
			}
		}
		for _, re := range loaders {
			if m := re.FindString(body); m != "" {
				t.Errorf("%s loads from elsewhere: %q", path, m)
			}
		}
	}
}

func TestContentSecurityPolicyForAbsoluteEndpoint(t *testing.T) {
	srv := httptest.NewServer(graphiql.Handler("GraphiQL", "http://api.localhost:8080/graphql"))
	defer srv.Close()
	resp, _ := get(t, http.MethodGet, srv.URL+"/", nil)
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "connect-src 'self' http://api.localhost:8080 ws://api.localhost:8080;") {
		t.Errorf("Content-Security-Policy = %q, want connect-src to allow the endpoint", csp)
	}

	srv2 := httptest.NewServer(graphiql.Handler("GraphiQL", "http://evil.localhost;script-src *"))
	defer srv2.Close()
	resp, _ = get(t, http.MethodGet, srv2.URL+"/", nil)
	if csp := resp.Header.Get("Content-Security-Policy"); strings.Contains(csp, "script-src *") {
		t.Errorf("Content-Security-Policy = %q: the endpoint changed the policy", csp)
	}
}
