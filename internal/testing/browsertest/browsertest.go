// Package browsertest starts a headless Chromium for tests that drive a page
// with chromedp, and keeps that browser off the network: it reaches the
// loopback addresses of the machine only, such as an httptest.Server. It also
// records every request that a page makes, or tries to make, to any other
// host, so that a test can prove that a page works offline.
//
// The browser is kept offline in two ways, for the whole browser and not
// only for the tab:
//
//   - --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE [::1]" makes every
//     host name but localhost fail to resolve, so no DNS query leaves the
//     browser;
//   - --proxy-server=127.0.0.1:9 sends every request that is not for a
//     loopback address (Chromium never sends those to a proxy) to a port of
//     the machine where nothing listens, so a request to an IP address of
//     another host fails too, without a packet to that host.
//
// The record comes from the Network domain of the DevTools protocol: the
// helper listens for Network.requestWillBeSent and Network.webSocketCreated
// on the tab, from the first event on. Chromium reports a request there also
// when the request then fails or the Content-Security-Policy of the page
// blocks it, so the record holds what the page tried, not only what got
// through.
package browsertest

import (
	"context"
	"net"
	"net/url"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// candidates are the names of the browser, in the order they are tried:
// a path, or a name to look up on PATH.
var candidates = []string{
	"/usr/bin/chromium",
	"chromium",
	"chromium-browser",
	"google-chrome",
	"google-chrome-stable",
}

// EnvBrowser names an environment variable that, when set, gives the path
// of the browser to use instead of looking for one.
const EnvBrowser = "BROWSERTEST_CHROMIUM"

// installHint tells how to get the browser on Debian.
const installHint = "no Chromium found (tried /usr/bin/chromium and chromium, chromium-browser, google-chrome on PATH); " +
	"install it with: apt-get install -y chromium"

// FindBrowser returns the path of the Chromium or Chrome to use, or "" when
// there is none.
func FindBrowser() string {
	if p := os.Getenv(EnvBrowser); p != "" {
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
		return ""
	}
	for _, c := range candidates {
		if path, err := exec.LookPath(c); err == nil {
			return path
		}
	}
	return ""
}

// recorderKey is the key of the recorder in a context.
type recorderKey struct{}

// recorder keeps the URLs that pages requested from hosts other than the
// loopback addresses.
type recorder struct {
	mu       sync.Mutex
	external []string
}

func (r *recorder) listen(ev any) {
	var u string
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if ev.Request != nil {
			u = ev.Request.URL
		}
	case *network.EventWebSocketCreated:
		u = ev.URL
	default:
		return
	}
	if !IsExternal(u) {
		return
	}
	r.mu.Lock()
	r.external = append(r.external, u)
	r.mu.Unlock()
}

func (r *recorder) list() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.external)
}

// IsExternal reports whether a page that requests rawURL reaches for
// another host: any URL with a host that is not localhost or a loopback
// address. URLs without a network host (data:, blob:, about:, javascript:)
// are not external.
func IsExternal(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil {
		// Chromium reported it, so it is some kind of request; count it.
		return true
	}
	switch strings.ToLower(u.Scheme) {
	case "data", "blob", "about", "javascript", "chrome", "devtools", "chrome-extension":
		return false
	}
	host := u.Hostname()
	if host == "" {
		return u.Scheme != "file"
	}
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return false
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return false
	}
	return true
}

// New starts a headless Chromium for the test, with a new profile in a
// temporary directory, and returns the chromedp context of its first tab.
// The test's cleanup closes the browser and removes the profile.
//
// Without a browser, New skips the test, or fails it when the environment
// variable CI is set, so that CI cannot pass by skipping.
//
// The browser runs headless at a window size of 1280x800, with no sandbox
// (tests often run as root in a container), no GPU, no background
// networking, no component updates, no sync, no first-run pages and no QUIC.
// It reaches loopback addresses only; see the package documentation.
// ExternalRequests lists what pages of the context tried to fetch from other
// hosts.
func New(tb testing.TB) context.Context {
	tb.Helper()
	path := FindBrowser()
	if path == "" {
		if os.Getenv("CI") != "" {
			tb.Fatalf("browsertest: %s", installHint)
		}
		tb.Skipf("browsertest: %s", installHint)
	}

	dir, err := os.MkdirTemp("", "browsertest-profile-")
	if err != nil {
		tb.Fatalf("browsertest: make a profile directory: %v", err)
	}

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(dir),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-domain-reliability", true),
		chromedp.Flag("no-pings", true),
		// Offline: see the package documentation.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE [::1]"),
		chromedp.ProxyServer("127.0.0.1:9"),
		chromedp.WindowSize(1280, 800),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)

	rec := &recorder{}
	ctx, cancel := chromedp.NewContext(
		context.WithValue(allocCtx, recorderKey{}, rec),
		chromedp.WithListener(rec.listen),
	)
	tb.Cleanup(func() {
		// Close the browser, wait for its process to end, then remove the
		// profile.
		if err := chromedp.Cancel(ctx); err != nil {
			tb.Logf("browsertest: close the browser: %v", err)
		}
		cancel()
		cancelAlloc()
		if err := os.RemoveAll(dir); err != nil {
			tb.Logf("browsertest: remove the profile directory: %v", err)
		}
	})

	// The first Do starts the browser and opens the tab. The browser then
	// lives as long as ctx, not as long as a context with a timeout that a
	// test derives from ctx.
	if err := chromedp.Do(ctx); err != nil {
		tb.Fatalf("browsertest: start %s: %v", path, err)
	}
	return ctx
}

// NewTab opens another tab in the browser of ctx, a context from New or
// NewTab, and returns its context. The requests of the tab are recorded as
// those of the first tab. The test's cleanup closes the tab.
func NewTab(tb testing.TB, ctx context.Context) context.Context {
	tb.Helper()
	rec, ok := ctx.Value(recorderKey{}).(*recorder)
	if !ok {
		tb.Fatalf("browsertest: NewTab needs a context from New")
	}
	tab, cancel := chromedp.NewContext(ctx, chromedp.WithListener(rec.listen))
	tb.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil {
		tb.Fatalf("browsertest: open a tab: %v", err)
	}
	return tab
}

// ExternalRequests returns the URLs that the pages of the browser of ctx
// requested, or tried to request, from hosts other than localhost and the
// loopback addresses, in order. ctx is a context from New or NewTab, or one
// derived from it. It returns nil for any other context.
func ExternalRequests(ctx context.Context) []string {
	rec, ok := ctx.Value(recorderKey{}).(*recorder)
	if !ok {
		return nil
	}
	return rec.list()
}

// AssertOffline fails the test if a page of the browser of ctx requested,
// or tried to request, anything from a host other than the loopback
// addresses.
func AssertOffline(tb testing.TB, ctx context.Context) {
	tb.Helper()
	if ext := ExternalRequests(ctx); len(ext) > 0 {
		tb.Errorf("the page made %d request(s) to hosts that are not local:\n  %s", len(ext), strings.Join(ext, "\n  "))
	}
}

// RecordProblems records, from now on, what the pages of the tab of ctx report
// as going wrong: uncaught exceptions, console errors and warnings, the
// browser's own error and warning log entries (a failed request among them),
// and every violation of a page's Content-Security-Policy (which a page's
// script could otherwise catch and hide). Call it before the tab navigates.
// The function it returns lists the problems so far.
func RecordProblems(tb testing.TB, ctx context.Context) func() []string {
	tb.Helper()
	var mu sync.Mutex
	var problems []string
	add := func(s string) {
		// A blocked data: URL can be hundreds of kilobytes long.
		if len(s) > 400 {
			s = s[:400] + "…"
		}
		mu.Lock()
		problems = append(problems, s)
		mu.Unlock()
	}
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			if d := ev.ExceptionDetails; d != nil {
				text := d.Text
				if d.Exception != nil && d.Exception.Description != "" {
					text = d.Exception.Description
				}
				add("exception: " + text)
			}
		case *log.EventEntryAdded:
			if e := ev.Entry; e != nil && (e.Level == log.EntryLevelError || e.Level == log.EntryLevelWarning) {
				add("log (" + string(e.Source) + "): " + e.Text + " " + e.URL)
			}
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				add("console." + string(ev.Type) + ": " + strings.Join(parts, " "))
			}
		}
	})
	if err != nil {
		tb.Fatalf("browsertest: listen to the tab: %v", err)
	}
	_, err = chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `document.addEventListener('securitypolicyviolation', (e) =>
  console.error('Content-Security-Policy violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline code') + ' at ' + e.sourceFile + ':' + e.lineNumber));`,
	})
	if err != nil {
		tb.Fatalf("browsertest: add the violation listener: %v", err)
	}
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(problems)
	}
}
