package playground_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"careergraph/internal/browsertest"
	"careergraph/internal/playground"
)

// page is a playground in a headless browser, with a fake endpoint.
type page struct {
	ctx  context.Context
	srv  *httptest.Server
	fake *fakeGraphQL

	mu       sync.Mutex
	problems []string // JavaScript exceptions and console errors
}

// openPlayground serves the playground and a fake /graphql, and opens the
// page in a new browser. The context has a timeout of 30 seconds.
func openPlayground(t *testing.T, fake *fakeGraphQL) *page {
	t.Helper()
	ctx := browsertest.New(t)
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	t.Cleanup(cancel)

	mux := http.NewServeMux()
	mux.Handle("/graphql", fake)
	mux.Handle("/", playground.Handler("careergraph playground", "/graphql"))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	p := &page{ctx: ctx, srv: srv, fake: fake}
	err := chromedp.Listen(ctx, func(ev any) {
		p.mu.Lock()
		defer p.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			p.problems = append(p.problems, "exception: "+exceptionText(ev.ExceptionDetails))
		case *log.EventEntryAdded:
			// Failed answers of the endpoint are what some tests ask for.
			expected := ev.Entry != nil && ev.Entry.Source == log.EntrySourceNetwork && strings.HasSuffix(ev.Entry.URL, "/graphql")
			if ev.Entry != nil && !expected && (ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning) {
				p.problems = append(p.problems, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				p.problems = append(p.problems, "console."+string(ev.Type)+": "+strings.Join(parts, " "))
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		for _, msg := range p.problems {
			t.Errorf("page: %s", msg)
		}
		browsertest.AssertOffline(t, ctx)
	})
	p.navigate(t)
	return p
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return ""
	}
	if d.Exception != nil && d.Exception.Description != "" {
		return d.Exception.Description
	}
	return d.Text
}

// navigate loads the page and waits until its script runs.
func (p *page) navigate(t *testing.T) {
	t.Helper()
	p.do(t, chromedp.Navigate(p.srv.URL+"/"))
	p.wait(t, `document.documentElement.dataset.ready === 'true'`)
}

func (p *page) do(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(p.ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// wait polls the JavaScript expression until it is true.
func (p *page) wait(t *testing.T, expr string) {
	t.Helper()
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[chromedp.Void](expr)); err != nil {
		t.Fatalf("waiting for %s: %v", expr, err)
	}
}

func (p *page) eval(t *testing.T, expr string) string {
	t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// typeInto replaces the text of the textarea sel by typing text, as a
// person would after selecting all.
func (p *page) typeInto(t *testing.T, sel, text string) {
	t.Helper()
	p.do(t,
		chromedp.Evaluate[chromedp.Void](`(() => { const el = document.querySelector(`+jsString(sel)+`); el.focus(); el.select(); })()`),
		chromedp.SendKeys(chromedp.CSS(sel), text),
	)
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

const docsListProfessions = `!!document.querySelector('#docs-body [data-root="query"] [data-field-name="professions"]')`

func TestBrowserRunsQuery(t *testing.T) {
	fake := &fakeGraphQL{}
	p := openPlayground(t, fake)

	// The explorer lists the root field with its arguments and type.
	p.wait(t, docsListProfessions)
	sig := p.eval(t, `document.querySelector('#docs-body [data-field-name="professions"] .sig').textContent`)
	if want := "professions(first: Int = 10, after: String): ProfessionConnection!"; sig != want {
		t.Errorf("docs show %q, want %q", sig, want)
	}

	// First visit: the default query is in the editor.
	if q := p.eval(t, `document.querySelector('#query').value`); !strings.Contains(q, "professions(first: 5)") {
		t.Errorf("default query = %q", q)
	}

	const query = `query Count { professions(first: 3) { totalCount } }`
	p.typeInto(t, "#query", query)
	p.do(t, chromedp.Click(chromedp.CSS("#tab-headers")))
	p.typeInto(t, "#headers", `{"X-API-Key": "secret-123"}`)
	p.do(t, chromedp.Click(chromedp.CSS("#tab-variables")))
	p.typeInto(t, "#variables", `{"first": 3}`)
	p.do(t, chromedp.Click(chromedp.CSS("#run")))
	p.wait(t, `document.querySelector('#result').textContent.includes('"totalCount": 3')`)

	status := p.eval(t, `document.querySelector('#status').dataset.state + ' ' + document.querySelector('#status').textContent`)
	if !strings.HasPrefix(status, "ok 200 OK") || !strings.Contains(status, " ms") {
		t.Errorf("status = %q, want ok, 200 OK and a time", status)
	}

	reqs := fake.recorded()
	if len(reqs) != 1 {
		t.Fatalf("the endpoint got %d queries, want 1", len(reqs))
	}
	got := reqs[0]
	if got.Body.Query != query {
		t.Errorf("query = %q, want %q", got.Body.Query, query)
	}
	if got.Body.OperationName == nil || *got.Body.OperationName != "Count" {
		t.Errorf("operationName = %v, want Count", got.Body.OperationName)
	}
	if v, ok := got.Body.Variables["first"].(float64); !ok || v != 3 {
		t.Errorf("variables = %v, want first: 3", got.Body.Variables)
	}
	if h := got.Header.Get("X-API-Key"); h != "secret-123" {
		t.Errorf("X-API-Key = %q, want secret-123", h)
	}
	if h := got.Header.Get("Content-Type"); h != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", h)
	}
	if h := got.Header.Get("Accept"); !strings.Contains(h, "application/graphql-response+json") || !strings.Contains(h, "application/json") {
		t.Errorf("Accept = %q", h)
	}

	// PLAYGROUND_SCREENSHOT=/tmp/playground.png saves a picture of the
	// page, with the query prettified, to look at.
	if path := os.Getenv("PLAYGROUND_SCREENSHOT"); path != "" {
		p.do(t, chromedp.Click(chromedp.CSS("#prettify")))
		p.wait(t, `document.querySelector('#query').value.startsWith('query Count {\n')`)
		png, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestBrowserIntrospectionDisabled(t *testing.T) {
	fake := &fakeGraphQL{noIntrospection: true}
	p := openPlayground(t, fake)

	p.wait(t, `document.querySelector('#docs-body').dataset.state === 'error'`)
	msg := p.eval(t, `document.querySelector('#docs-body').textContent`)
	for _, want := range []string{"could not be loaded", "introspection disabled"} {
		if !strings.Contains(msg, want) {
			t.Errorf("docs say %q, want %q in it", msg, want)
		}
	}

	// Queries still work: run the default query with the keyboard.
	p.do(t,
		chromedp.Focus(chromedp.CSS("#query")),
		chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
	)
	p.wait(t, `document.querySelector('#result').textContent.includes('"totalCount": 3')`)
	reqs := fake.recorded()
	if len(reqs) != 1 || !strings.Contains(reqs[0].Body.Query, "professions(first: 5)") {
		t.Fatalf("the endpoint got %+v, want the default query", reqs)
	}
	if reqs[0].Body.OperationName == nil || *reqs[0].Body.OperationName != "Professions" {
		t.Errorf("operationName = %v, want Professions", reqs[0].Body.OperationName)
	}
}

func TestBrowserRejectsBadJSON(t *testing.T) {
	fake := &fakeGraphQL{}
	p := openPlayground(t, fake)

	p.typeInto(t, "#variables", `{"first": 3`)
	p.do(t, chromedp.Click(chromedp.CSS("#run")))
	p.wait(t, `document.querySelector('#input-error').textContent !== ''`)
	if msg := p.eval(t, `document.querySelector('#input-error').textContent`); !strings.Contains(msg, "Variables are not valid JSON") {
		t.Errorf("error = %q", msg)
	}

	p.typeInto(t, "#variables", `[1, 2]`)
	p.do(t, chromedp.Click(chromedp.CSS("#run")))
	p.wait(t, `document.querySelector('#input-error').textContent.includes('must be a JSON object')`)

	p.typeInto(t, "#variables", `{}`)
	p.do(t, chromedp.Click(chromedp.CSS("#tab-headers")))
	p.typeInto(t, "#headers", `{"Authorization": }`)
	p.do(t, chromedp.Click(chromedp.CSS("#run")))
	p.wait(t, `document.querySelector('#input-error').textContent.includes('Headers are not valid JSON')`)

	p.typeInto(t, "#headers", `{"Bad Name": "x"}`)
	p.do(t, chromedp.Click(chromedp.CSS("#run")))
	p.wait(t, `document.querySelector('#input-error').textContent.includes('not a valid header name')`)

	if n := len(fake.recorded()); n != 0 {
		t.Errorf("the endpoint got %d queries, want none", n)
	}
	if state := p.eval(t, `document.querySelector('#status').dataset.state`); state != "idle" {
		t.Errorf("status state = %q, want idle", state)
	}
}

func TestBrowserShowsFailures(t *testing.T) {
	fake := &fakeGraphQL{}
	p := openPlayground(t, fake)
	p.wait(t, docsListProfessions)

	// An answer that is not JSON.
	fake.setMode(modeHTML)
	p.do(t, chromedp.Click(chromedp.CSS("#run")))
	p.wait(t, `document.querySelector('#status').dataset.state === 'error'`)
	notice := p.eval(t, `document.querySelector('#result-notice').textContent`)
	if !strings.Contains(notice, "not JSON") || !strings.Contains(notice, "text/html") {
		t.Errorf("notice = %q, want it to say that the text/html answer is not JSON", notice)
	}
	if got := p.eval(t, `document.querySelector('#status').textContent`); !strings.HasPrefix(got, "502 Bad Gateway") {
		t.Errorf("status = %q, want 502 Bad Gateway", got)
	}
	if got := p.eval(t, `document.querySelector('#result').textContent`); got != "<h1>Bad gateway</h1>" {
		t.Errorf("result = %q, want the raw answer", got)
	}

	// No answer at all.
	fake.setMode(modeHangUp)
	p.do(t, chromedp.Click(chromedp.CSS("#run")))
	p.wait(t, `document.querySelector('#status').textContent === 'Network error'`)
	if notice := p.eval(t, `document.querySelector('#result-notice').textContent`); !strings.Contains(notice, "Could not reach /graphql") {
		t.Errorf("notice = %q", notice)
	}

	// GraphQL errors are listed, with their places.
	fake.setMode(modeErrors)
	p.do(t, chromedp.Click(chromedp.CSS("#run")))
	p.wait(t, `document.querySelector('#status').dataset.state === 'warn'`)
	if notice := p.eval(t, `document.querySelector('#result-notice').textContent`); !strings.Contains(notice, "2:3") || !strings.Contains(notice, "Cannot query field") {
		t.Errorf("notice = %q, want the error and its place", notice)
	}

	// And back to normal.
	fake.setMode(modeOK)
	p.do(t, chromedp.Click(chromedp.CSS("#run")))
	p.wait(t, `document.querySelector('#status').dataset.state === 'ok' && document.querySelector('#result-notice').hidden`)
}

func TestBrowserDocsNavigation(t *testing.T) {
	p := openPlayground(t, &fakeGraphQL{})
	p.wait(t, docsListProfessions)

	title := func() string {
		return p.eval(t, `document.querySelector('#docs-body .docs-title').textContent`)
	}
	// Root field -> its return type.
	p.do(t, chromedp.Click(chromedp.CSS(`#docs-body [data-field-name="professions"] a[data-type="ProfessionConnection"]`)))
	p.wait(t, `!!document.querySelector('#docs-body [data-type-name="ProfessionConnection"]')`)
	if got := title(); got != "type ProfessionConnection" {
		t.Errorf("title = %q", got)
	}
	// -> through a list type to the edge, then to the node.
	p.do(t, chromedp.Click(chromedp.CSS(`#docs-body [data-field-name="edges"] a[data-type="ProfessionEdge"]`)))
	p.wait(t, `!!document.querySelector('#docs-body [data-type-name="ProfessionEdge"]')`)
	p.do(t, chromedp.Click(chromedp.CSS(`#docs-body [data-field-name="node"] a[data-type="Profession"]`)))
	p.wait(t, `!!document.querySelector('#docs-body [data-type-name="Profession"]')`)
	text := p.eval(t, `document.querySelector('#docs-body').textContent`)
	for _, want := range []string{"A profession, such as <b>nurse</b>.", "Implements", "Node", "deprecated", "Use slug."} {
		if !strings.Contains(text, want) {
			t.Errorf("the Profession page does not say %q: %q", want, text)
		}
	}
	if n := p.eval(t, `String(document.querySelectorAll('#docs-body b').length)`); n != "0" {
		t.Error("a description was rendered as HTML")
	}
	// An enum.
	p.do(t, chromedp.Click(chromedp.CSS(`#docs-body [data-field-name="level"] a[data-type="Level"]`)))
	p.wait(t, `document.querySelector('#docs-body').textContent.includes('SENIOR')`)
	// Back, back.
	p.do(t, chromedp.Click(chromedp.CSS(`#docs-nav a[data-back]`)))
	p.wait(t, `!!document.querySelector('#docs-body [data-type-name="Profession"]')`)
	p.do(t, chromedp.Click(chromedp.CSS(`#docs-nav a[data-back]`)))
	p.wait(t, `!!document.querySelector('#docs-body [data-type-name="ProfessionEdge"]')`)

	// A field page shows the arguments.
	p.do(t, chromedp.Click(chromedp.CSS(`#docs-nav a[data-back]`)), chromedp.Click(chromedp.CSS(`#docs-nav a[data-back]`)))
	p.wait(t, docsListProfessions)
	p.do(t, chromedp.Click(chromedp.CSS(`#docs-body a.field-name[data-field="professions"]`)))
	p.wait(t, `document.querySelector('#docs-body').textContent.includes('How many to return.')`)

	// Search finds types and fields.
	p.do(t, chromedp.SendKeys(chromedp.CSS("#docs-search"), "prof"))
	p.wait(t, `!!document.querySelector('#docs-body .search-results')`)
	results := p.eval(t, `[...document.querySelectorAll('#docs-body .search-results li')].map((li) => li.textContent).join(' | ')`)
	for _, want := range []string{"Profession", "ProfessionConnection", "Query.professions: ProfessionConnection!", "Query.profession: Profession"} {
		if !strings.Contains(results, want) {
			t.Errorf("search for prof found %q, want %q in it", results, want)
		}
	}
	if strings.Contains(results, "totalCount") {
		t.Errorf("search for prof found %q, with totalCount", results)
	}
	// A result leads to its page, and the search ends.
	p.do(t, chromedp.Click(chromedp.CSS(`#docs-body .search-results a[data-type="ProfessionEdge"]`)))
	p.wait(t, `!!document.querySelector('#docs-body [data-type-name="ProfessionEdge"]') && document.querySelector('#docs-search').value === ''`)
}

// evalModule runs body in an async function that has the module
// /playground/graphql.js as m, and returns its result as JSON.
func (p *page) evalModule(t *testing.T, body string, out any) {
	t.Helper()
	expr := `(async () => { const m = await import('/playground/graphql.js'); ` + body + ` })().then((v) => JSON.stringify(v))`
	s, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", body, err)
	}
	if err := json.Unmarshal([]byte(s), out); err != nil {
		t.Fatalf("%s: %v", s, err)
	}
}

func TestBrowserPrettify(t *testing.T) {
	p := openPlayground(t, &fakeGraphQL{})

	for _, tc := range []struct{ in, want string }{
		{
			`query Q($first:Int=5,$after:String){professions(first:$first,after:$after){totalCount edges{node{id title slug}}}}`,
			"query Q($first: Int = 5, $after: String) {\n  professions(first: $first, after: $after) {\n    totalCount\n    edges {\n      node {\n        id\n        title\n        slug\n      }\n    }\n  }\n}",
		},
		{
			// Strings keep their braces, commas, parentheses and "#".
			`{search(q:"a { b } # not, (x)",  tag : "\"}"){id}}`,
			"{\n  search(q: \"a { b } # not, (x)\", tag: \"\\\"}\") {\n    id\n  }\n}",
		},
		{
			`query{a:professions(first:1)@include(if:true){...F ... on ProfessionConnection{totalCount}}} fragment F on ProfessionConnection{totalCount}`,
			"query {\n  a: professions(first: 1) @include(if: true) {\n    ...F\n    ... on ProfessionConnection {\n      totalCount\n    }\n  }\n}\n\nfragment F on ProfessionConnection {\n  totalCount\n}",
		},
		{
			// A block string stays as it is, new lines and all.
			"{a(t:\"\"\"multi\n  line { \"\"\", o:{x:1,y:[1,2,{z:ENUM}]})}",
			"{\n  a(t: \"\"\"multi\n  line { \"\"\", o: {x: 1, y: [1, 2, {z: ENUM}]})\n}",
		},
		{
			// One blank line stays where the source has blank lines.
			"# Hello\n\n\nquery A {\n  a\n\n\n  b\n\n}\n\n# end\n",
			"# Hello\n\nquery A {\n  a\n\n  b\n}\n\n# end",
		},
		{
			"# top\nquery A { a # trailing\n  # own line\n b }\nmutation B($x: [Int!]! = [1 2] @deprecated) { c(x: $x) }",
			"# top\nquery A {\n  a # trailing\n  # own line\n  b\n}\n\nmutation B($x: [Int!]! = [1, 2] @deprecated) {\n  c(x: $x)\n}",
		},
	} {
		var got struct{ Text, Error, Again string }
		p.evalModule(t, `const r = m.prettify(`+jsString(tc.in)+`); return { Text: r.text, Error: r.error, Again: m.prettify(r.text).text };`, &got)
		if got.Error != "" || got.Text != tc.want {
			t.Errorf("prettify(%q) =\n%s\n(error %q), want\n%s", tc.in, got.Text, got.Error, tc.want)
		}
		if got.Again != got.Text {
			t.Errorf("prettify is not stable for %q: %q", tc.in, got.Again)
		}
	}

	// Text that does not lex is left alone.
	var bad struct{ Text, Error string }
	p.evalModule(t, `const r = m.prettify('{ a(b: "open) }'); return { Text: r.text, Error: r.error };`, &bad)
	if bad.Text != `{ a(b: "open) }` || !strings.Contains(bad.Error, "unterminated string") {
		t.Errorf("prettify of an open string = %+v", bad)
	}

	// The operation under the cursor is the one to run.
	var ops []struct{ Type, Name string }
	p.evalModule(t, `return m.operations('query A { a } fragment F on T { b } mutation B { c } { d }');`, &ops)
	if len(ops) != 3 || ops[0].Name != "A" || ops[1].Type != "mutation" || ops[1].Name != "B" || ops[2].Name != "" {
		t.Errorf("operations = %+v", ops)
	}
	var at struct{ Name string }
	p.evalModule(t, `return m.operationAt('query A { a }\nquery B { b }', 20);`, &at)
	if at.Name != "B" {
		t.Errorf("operationAt = %+v, want B", at)
	}

	// The button prettifies the editor, and undo brings the old text back.
	p.typeInto(t, "#query", `{professions(first:2){totalCount}}`)
	p.typeInto(t, "#variables", `{"first":2}`)
	p.do(t, chromedp.Click(chromedp.CSS("#prettify")))
	p.wait(t, `document.querySelector('#query').value === "{\n  professions(first: 2) {\n    totalCount\n  }\n}\n"`)
	p.wait(t, `document.querySelector('#variables').value === '{\n  "first": 2\n}'`)
	p.do(t, chromedp.Focus(chromedp.CSS("#query")))
	p.eval(t, `(document.execCommand('undo'), '')`)
	p.wait(t, `document.querySelector('#query').value === '{professions(first:2){totalCount}}'`)
}

func TestBrowserEditorKeys(t *testing.T) {
	p := openPlayground(t, &fakeGraphQL{})

	p.typeInto(t, "#query", "{")
	// Enter between brackets opens an indented line; Tab adds two spaces.
	p.eval(t, `(() => { const ta = document.querySelector('#query'); ta.value = '{}'; ta.setSelectionRange(1, 1); return ''; })()`)
	p.do(t, pressEnter)
	p.do(t, chromedp.SendKeys(chromedp.CSS("#query"), "a"))
	p.do(t, chromedp.KeyEvent("\t"))
	p.do(t, chromedp.SendKeys(chromedp.CSS("#query"), "b"))
	if got := p.eval(t, `document.querySelector('#query').value`); got != "{\n  a  b\n}" {
		t.Errorf("after Enter and Tab the text is %q", got)
	}
	// The focus stays in the editor after Tab.
	if got := p.eval(t, `document.activeElement.id`); got != "query" {
		t.Errorf("the focus is on %q", got)
	}
}

func TestBrowserKeepsStateAndHistory(t *testing.T) {
	fake := &fakeGraphQL{}
	p := openPlayground(t, fake)

	const first = `query First { professions(first: 1) { totalCount } }`
	const second = `query Second { professions(first: 2) { totalCount } }`
	for _, q := range []string{first, second} {
		p.typeInto(t, "#query", q)
		p.do(t, chromedp.Click(chromedp.CSS("#run")))
		p.wait(t, `document.querySelector('#status').dataset.state === 'ok' && !document.querySelector('#result').hasAttribute('aria-busy')`)
		p.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelector('#status').dataset.state = 'idle'`))
	}
	p.do(t, chromedp.Click(chromedp.CSS("#tab-headers")))
	p.typeInto(t, "#headers", `{"Authorization": "Bearer t"}`)

	// A new visit finds the text and the history.
	p.navigate(t)
	if got := p.eval(t, `document.querySelector('#query').value`); got != second {
		t.Errorf("query after reload = %q, want %q", got, second)
	}
	if got := p.eval(t, `document.querySelector('#headers').value`); got != `{"Authorization": "Bearer t"}` {
		t.Errorf("headers after reload = %q", got)
	}
	p.do(t, chromedp.Click(chromedp.CSS("#tab-history")))
	p.wait(t, `document.querySelectorAll('#history-list li').length === 2`)
	names := p.eval(t, `[...document.querySelectorAll('#history-list .history-name')].map((e) => e.textContent).join(',')`)
	if names != "Second,First" {
		t.Errorf("history = %q, want Second,First", names)
	}
	p.do(t, chromedp.Click(chromedp.CSS(`#history-list button[data-index="1"]`)))
	p.wait(t, `document.querySelector('#query').value === `+jsString(first))

	// The history keeps the last 20.
	const runMany = `(async () => {
		const idle = () => new Promise((resolve) => {
			const check = () => document.querySelector('#result').hasAttribute('aria-busy') ? setTimeout(check, 5) : resolve();
			check();
		});
		for (let i = 0; i < 25; i++) {
			document.querySelector('#query').value = 'query Q' + i + ' { a }';
			document.querySelector('#run').click();
			await idle();
		}
		return document.querySelectorAll('#history-list li').length;
	})()`
	n, err := chromedp.Run(p.ctx, chromedp.Evaluate[int](runMany, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if n != 20 {
		t.Errorf("the history has %d entries, want 20", n)
	}
	if got := p.eval(t, `document.querySelector('#history-list .history-name').textContent`); got != "Q24" {
		t.Errorf("the newest history entry is %q, want Q24", got)
	}
}

// pressEnter presses Enter with no char event. chromedp's KeyEvent("\r")
// sends a char event after the key down, and the char event inserts a line
// break even when the page handled the key down, as a real keyboard does not.
var pressEnter = chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
	for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeRawKeyDown, input.DispatchKeyEventTypeKeyUp} {
		_, err := cdp.Call(ctx, t, input.DispatchKeyEvent, input.DispatchKeyEventParams{
			Type: typ, Key: "Enter", Code: "Enter",
			WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13,
		})
		if err != nil {
			return err
		}
	}
	return nil
})
