// Package graphiql serves GraphiQL, the GraphQL IDE of the GraphQL Foundation,
// at "/": a page in the browser where a developer writes queries with
// schema-aware completion, validation as they type and type information on
// hover, runs them against the API with their own headers, and browses the
// schema's documentation.
//
// The GraphiQL pages that come with gqlgen load GraphiQL from public CDNs. Our
// servers and the machines of our users often have no access to the internet,
// so those pages stay blank there. This package embeds a pinned release of
// GraphiQL instead: the browser bundles of React, ReactDOM and GraphiQL in
// dist/ (copied from npm, with their licences, by scripts/graphiql/refresh),
// and in static/ the few lines of our own that mount GraphiQL on the page. The
// page loads nothing from any other host: its Content-Security-Policy allows
// scripts, styles and connections to its own origin only (plus the origin of
// the endpoint, when that is an absolute URL), and no inline code or eval.
package graphiql

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"
)

// files holds what the page loads: GraphiQL's release in dist, our own
// script and style sheet in static. They are served under /graphiql/.
//
//go:embed dist static
var files embed.FS

//go:embed index.html
var indexHTML string

var indexTemplate = template.Must(template.New("index").Parse(indexHTML))

// assetPrefix is the path under which the static files are served.
const assetPrefix = "/graphiql/"

// file is one response body that the handler serves, prepared once.
type file struct {
	body        []byte
	contentType string
	etag        string
}

func newFile(body []byte, contentType string) *file {
	sum := sha256.Sum256(body)
	return &file{
		body:        body,
		contentType: contentType,
		etag:        `"` + hex.EncodeToString(sum[:12]) + `"`,
	}
}

type handler struct {
	index   *file
	assets  map[string]*file // by base name, such as "page.js"
	version string           // content hash of all assets
	csp     string
}

// Handler returns GraphiQL for the GraphQL API at endpoint, such as
// "/graphql". The title names the page.
//
// The handler serves the page at the path "/" and its files under
// "/graphiql/", for example "/graphiql/page.js". The page loads its files
// through a versioned path, "/graphiql/v-<hash>/page.js", which browsers may
// cache for a long time; the plain paths are revalidated on every use. Every
// other path gets 404 Not Found, and every method but GET and HEAD gets 405
// Method Not Allowed.
//
// The page refers to its files with relative URLs, so the handler also works
// behind http.StripPrefix. A server mounts it next to the API:
//
//	mux.Handle("/graphql", api)
//	mux.Handle("/", graphiql.Handler("careergraph", "/graphql"))
func Handler(title, endpoint string) http.Handler {
	h := &handler{assets: make(map[string]*file)}

	all := sha256.New()
	for _, dir := range []string{"dist", "static"} {
		entries, err := fs.ReadDir(files, dir)
		if err != nil {
			panic(fmt.Sprintf("graphiql: read embedded files: %v", err))
		}
		for _, e := range entries {
			if e.IsDir() {
				continue
			}
			if h.assets[e.Name()] != nil {
				panic(fmt.Sprintf("graphiql: two embedded files named %s", e.Name()))
			}
			body, err := files.ReadFile(dir + "/" + e.Name())
			if err != nil {
				panic(fmt.Sprintf("graphiql: read embedded file: %v", err))
			}
			all.Write([]byte(e.Name()))
			all.Write(body)
			h.assets[e.Name()] = newFile(body, contentType(e.Name()))
		}
	}
	h.version = hex.EncodeToString(all.Sum(nil)[:6])

	var page bytes.Buffer
	err := indexTemplate.Execute(&page, struct {
		Title, Endpoint, Assets string
	}{
		Title:    title,
		Endpoint: endpoint,
		Assets:   strings.TrimPrefix(assetPrefix, "/") + "v-" + h.version,
	})
	if err != nil {
		panic(fmt.Sprintf("graphiql: render page: %v", err))
	}
	h.index = newFile(page.Bytes(), "text/html; charset=utf-8")
	h.csp = contentSecurityPolicy(endpoint)
	return h
}

// contentSecurityPolicy allows the page to load scripts, styles and images
// from its own origin only, and to send requests (and open the WebSocket of
// subscriptions) to its own origin and, when the endpoint is an absolute URL,
// to the origin of the endpoint.
func contentSecurityPolicy(endpoint string) string {
	connect := "'self'"
	if u, err := url.Parse(endpoint); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && validHost(u.Host) {
		ws := map[string]string{"http": "ws", "https": "wss"}[u.Scheme]
		connect += " " + u.Scheme + "://" + u.Host + " " + ws + "://" + u.Host
	}
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self'",
		"style-src 'self'",
		"img-src 'self' data:",
		"font-src 'self'",
		"connect-src " + connect,
		"object-src 'none'",
		"base-uri 'none'",
		"form-action 'none'",
		"frame-ancestors 'none'",
	}, "; ")
}

// validHost reports whether host has only the characters of a host name, an
// IP address or a port, so that it cannot change the meaning of the policy.
func validHost(host string) bool {
	for _, r := range host {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
		case strings.ContainsRune(".-:[]_", r):
		default:
			return false
		}
	}
	return true
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".json":
		return "application/json"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".woff2":
		return "font/woff2"
	case ".woff":
		return "font/woff"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Referrer-Policy", "no-referrer")

	f, cache := h.lookup(r.URL.Path)
	if f == nil {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		hdr.Set("Allow", "GET, HEAD")
		http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if f == h.index {
		hdr.Set("Content-Security-Policy", h.csp)
		hdr.Set("X-Frame-Options", "DENY")
	}
	hdr.Set("Content-Type", f.contentType)
	hdr.Set("Cache-Control", cache)
	hdr.Set("ETag", f.etag)
	// ServeContent answers conditional requests (If-None-Match) with 304,
	// range requests and HEAD.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(f.body))
}

// lookup returns the file for the request path, and its Cache-Control value,
// or nil.
func (h *handler) lookup(p string) (*file, string) {
	if p == "/" {
		return h.index, "no-cache"
	}
	rest, ok := strings.CutPrefix(p, assetPrefix)
	if !ok {
		return nil, ""
	}
	cache := "no-cache"
	if dir, name, ok := strings.Cut(rest, "/"); ok {
		// A versioned path. The content of the current version never
		// changes, so it may be cached for good. A page of an older
		// version gets the current files, revalidated.
		v, ok := strings.CutPrefix(dir, "v-")
		if !ok || strings.Contains(name, "/") {
			return nil, ""
		}
		if v == h.version {
			cache = "public, max-age=31536000, immutable"
		}
		rest = name
	}
	f := h.assets[rest]
	if f == nil {
		return nil, ""
	}
	return f, cache
}
