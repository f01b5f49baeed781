package browsertest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"careergraph/internal/testing/browsertest"
)

func TestIsExternal(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want bool
	}{
		{"http://127.0.0.1:8080/graphql", false},
		{"http://127.3.4.5/", false},
		{"http://localhost:3000/", false},
		{"http://app.localhost/", false},
		{"http://[::1]:8080/", false},
		{"ws://127.0.0.1:9000/socket", false},
		{"data:text/plain,hi", false},
		{"blob:http://127.0.0.1/1234", false},
		{"about:blank", false},
		{"https://cdn.example.com/graphiql.js", true},
		{"http://10.0.0.1/", true},
		{"http://[2001:db8::1]/", true},
		{"wss://example.org/", true},
		{"http://localhost.example.com/", true},
	} {
		if got := browsertest.IsExternal(tc.url); got != tc.want {
			t.Errorf("IsExternal(%q) = %v, want %v", tc.url, got, tc.want)
		}
	}
}

// The page asks for an image and a fetch from hosts that are not local. The
// browser must record both and must not get them.
const offlinePage = `<!doctype html>
<html><body>
<img id="img" src="http://blocked.invalid/pixel.png">
<p id="out">waiting</p>
<script>
const img = document.getElementById('img');
const imgDone = new Promise((resolve) => {
  img.onload = () => resolve('img loaded');
  img.onerror = () => resolve('img failed');
});
const fetched = fetch('http://blocked.invalid/data.json').then(() => 'fetch loaded', () => 'fetch failed');
const local = fetch('/local').then((r) => r.text());
Promise.all([imgDone, fetched, local]).then((r) => {
  document.getElementById('out').textContent = r.join(', ');
});
</script>
</body></html>`

func TestBrowserIsOffline(t *testing.T) {
	ctx := browsertest.New(t)
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()

	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, offlinePage)
	})
	mux.HandleFunc("/local", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "local ok")
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	out, err := chromedp.Run(ctx, chromedp.Poll[string](
		`(() => { const t = document.getElementById('out').textContent; return t === 'waiting' ? null : t; })()`))
	if err != nil {
		t.Fatal(err)
	}
	if want := "img failed, fetch failed, local ok"; out != want {
		t.Errorf("page says %q, want %q", out, want)
	}

	got := browsertest.ExternalRequests(ctx)
	for _, want := range []string{"http://blocked.invalid/pixel.png", "http://blocked.invalid/data.json"} {
		if !slices.Contains(got, want) {
			t.Errorf("ExternalRequests() = %q, want it to hold %q", got, want)
		}
	}
	for _, u := range got {
		if strings.HasPrefix(u, srv.URL) {
			t.Errorf("ExternalRequests() holds the local URL %q", u)
		}
	}
}
