package httpapi_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	"github.com/chromedp/chromedp"

	"careergraph/internal/app"
	"careergraph/internal/config"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/browsertest"
)

// TestCORSInABrowser: a page on an allowed origin calls the API with the headers our clients
// send (which makes the browser ask with a preflight first); a page on another origin is
// refused by the browser.
func TestCORSInABrowser(t *testing.T) {
	page := func() *httptest.Server {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			_, _ = w.Write([]byte(`<!doctype html><title>partner site</title>`))
		}))
		t.Cleanup(srv.Close)
		return srv
	}
	allowed, other := page(), page()
	api := apitest.New(t, dialect.SQLite, func(c *config.Config, _ *app.Deps) { c.CORSAllowedOrigins = []string{allowed.URL} })

	ctx := browsertest.New(t)
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	call := `fetch(` + jsString(api.URL) + `, {method: "POST",
	  headers: {"Content-Type": "application/json", "Accept": "application/graphql-response+json", "X-Request-Id": "partner-page-0001"},
	  body: JSON.stringify({query: "{ professions(first: 1) { totalCount } }"})})
	  .then(r => r.json()).then(b => "ok " + b.data.professions.totalCount).catch(e => "refused " + e.name)`
	for name, c := range map[string]struct {
		origin string
		want   string
	}{"AllowedOrigin": {allowed.URL, "ok "}, "OtherOrigin": {other.URL, "refused TypeError"}} {
		tab := browsertest.NewTab(t, ctx)
		if err := chromedp.Do(tab, chromedp.Navigate(c.origin+"/")); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(tab, chromedp.Evaluate[string](call, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) < len(c.want) || got[:len(c.want)] != c.want {
			t.Errorf("%s: the page's call gave %q, want %q…", name, got, c.want)
		}
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
