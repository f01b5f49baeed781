package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"careergraph/internal/persisted"
	"careergraph/internal/testing/browsertest"
	"careergraph/internal/testing/gqltest"
	"careergraph/internal/testing/nodetest"
	"careergraph/internal/testing/redistest"
	"careergraph/internal/testing/testdb"
)

// process is careergraph's run() serving in the background, as `go run .` would.
type process struct {
	base string
	gqltest.Client
	stop func() error
}

// start runs the program with env and waits until it listens.
func start(t *testing.T, env map[string]string) *process {
	t.Helper()
	env["PORT"] = "0"
	env["HOST"] = "127.0.0.1"
	ctx, cancel := context.WithCancel(context.Background())
	logs, addr := listenAddr(t)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, nil, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, logs)
	}()
	select {
	case a := <-addr:
		base := "http://" + a
		var once sync.Once
		var err error
		stop := func() error {
			once.Do(func() {
				cancel()
				select {
				case err = <-done:
				case <-time.After(30 * time.Second):
					err = fmt.Errorf("run did not return within 30 s of the stop signal")
				}
			})
			return err
		}
		t.Cleanup(func() { _ = stop() })
		return &process{base: base, Client: gqltest.Client{URL: base + "/graphql"}, stop: stop}
	case err := <-done:
		cancel()
		t.Fatalf("run returned before listening: %v", err)
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatal("run did not start listening within 60 s")
	}
	return nil
}

// listenAddr returns a log writer that reports the address in the "listening" line.
func listenAddr(t *testing.T) (io.Writer, <-chan string) {
	pr, pw := io.Pipe()
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			var line struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "listening" {
				addr <- line.Addr
			}
		}
	}()
	t.Cleanup(func() { _ = pw.Close() })
	return pw, addr
}

func TestFreshStartServesTheDemoCatalogueAndKeepsIDsAcrossRestarts(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "careergraph.db")
	env := map[string]string{"SQLITE_PATH": dbPath}

	p := start(t, env)
	resp, err := http.Get(p.base + "/readyz")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("/readyz: %v %v", resp, err)
	}
	resp.Body.Close()
	var first struct {
		Profession  struct{ ID, Title string }
		Professions struct{ TotalCount int }
	}
	p.Query(t, `{ profession(slug: "back-end-developer") { id title } professions { totalCount } }`, nil, &first)
	if first.Profession.Title != "Back-End Developer" || first.Professions.TotalCount < 12 {
		t.Fatalf("fresh start serves %+v", first)
	}
	if err := p.stop(); err != nil {
		t.Fatalf("stopping: %v", err)
	}

	// A restart on the same file keeps the data (no second seeding) and the IDs.
	p = start(t, env)
	var again struct {
		Node        *struct{ Title string }
		Professions struct{ TotalCount int }
	}
	p.Query(t, `query($id: ID!) { node(id: $id) { ... on Profession { title } } professions { totalCount } }`,
		map[string]any{"id": first.Profession.ID}, &again)
	if again.Node == nil || again.Node.Title != "Back-End Developer" || again.Professions.TotalCount != first.Professions.TotalCount {
		t.Errorf("after a restart: %+v, want the same profession under the same ID and %d professions", again, first.Professions.TotalCount)
	}
}

func TestServesOnPostgreSQL(t *testing.T) {
	st := testdb.Open(t, "postgres", testdb.Options{Empty: true})
	url := st.DSN()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"seed"}, func(k string) string {
		return map[string]string{"DATABASE_URL": url}[k]
	}, strings.NewReader(""), &out, io.Discard); err != nil {
		t.Fatalf("seed: %v", err)
	}
	if !strings.Contains(out.String(), "professions 19 new") {
		t.Errorf("seed printed %q", out.String())
	}
	p := start(t, map[string]string{"DATABASE_URL": url})
	var data struct{ Trainings struct{ TotalCount int } }
	p.Query(t, `{ trainings { totalCount } }`, nil, &data)
	if data.Trainings.TotalCount < 15 {
		t.Errorf("%d trainings on PostgreSQL", data.Trainings.TotalCount)
	}
}

func TestCommands(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"--help"}, func(string) string { return "" }, strings.NewReader(""), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"migrate", "seed", "PORT", "DATABASE_URL", "CORS_ALLOWED_ORIGINS", "PLAYGROUND", "LOG_LEVEL"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("--help lacks %s", want)
		}
	}

	dbPath := filepath.Join(t.TempDir(), "m.db")
	getenv := func(k string) string { return map[string]string{"SQLITE_PATH": dbPath}[k] }
	ups, _ := filepath.Glob("migrations/sqlite/*.up.sql")
	for i, want := range []string{fmt.Sprintf("applied %d migration(s)", len(ups)), "applied 0 migration(s)"} {
		out.Reset()
		if err := run(context.Background(), []string{"migrate"}, getenv, strings.NewReader(""), &out, io.Discard); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), want) {
			t.Errorf("migrate run %d printed %q, want %q", i+1, out.String(), want)
		}
	}

	if err := run(context.Background(), []string{"fly"}, getenv, strings.NewReader(""), io.Discard, io.Discard); err == nil {
		t.Error("an unknown command was accepted")
	}
	if err := run(context.Background(), nil, func(k string) string { return map[string]string{"PORT": "x"}[k] }, strings.NewReader(""), io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "PORT") {
		t.Errorf("a bad PORT gave %v", err)
	}
}

// TestGraphiQLCompletesAndRunsAQueryInABrowser opens GraphiQL at / of the real server in
// headless Chromium that can reach nothing but this machine: typing part of a field's name
// offers the schema's field, a query runs and shows its result, and a header typed into the
// headers pane is sent with the request. The page loads nothing from elsewhere, and its
// Content-Security-Policy blocks nothing that GraphiQL does.
func TestGraphiQLCompletesAndRunsAQueryInABrowser(t *testing.T) {
	p := start(t, map[string]string{"SQLITE_PATH": filepath.Join(t.TempDir(), "careergraph.db")})
	ctx := browsertest.New(t)
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	problems := browsertest.RecordProblems(t, ctx)

	step := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v (page problems: %q)", what, err, problems())
		}
	}
	// editor is the CodeMirror of GraphiQL's query editor, response that of its result pane.
	const editor = `document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror`
	const response = `document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue()`
	step("open GraphiQL",
		chromedp.Navigate(p.base+"/"),
		chromedp.Poll[chromedp.Void](`!!document.querySelector('.graphiql-query-editor .CodeMirror')`),
		// The default query is in the editor.
		chromedp.Poll[chromedp.Void](editor+`.getValue().includes('professions(first: 5')`),
	)
	// GraphiQL has introspected the schema once the documentation explorer lists the root type.
	step("open the documentation explorer",
		chromedp.Click(chromedp.CSS(`button[aria-label="Show Documentation Explorer"]`)),
		chromedp.Poll[chromedp.Void](`[...document.querySelectorAll('.graphiql-doc-explorer a')].some(a => a.textContent === 'Query')`),
	)

	// Type "profes" inside a selection set, as a person would: the completion list offers the
	// schema's fields that start so.
	step("type a partial field name",
		chromedp.Evaluate[chromedp.Void](`(() => { const cm = `+editor+`; cm.setValue('{\n  \n}'); cm.setCursor({line: 1, ch: 2}); cm.focus(); })()`),
		chromedp.KeyEvent("profes"),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('.CodeMirror-hints .CodeMirror-hint').length > 0`),
	)
	hints, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.CodeMirror-hints .CodeMirror-hint')].map(li => li.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(hints, "professions") || !slices.Contains(hints, "profession") || slices.Contains(hints, "skills") {
		t.Errorf("completing %q offers %q, want the schema's profession and professions fields only", "profes", hints)
	}

	// Run a query with the execute button and see its result.
	query := `query BackEndDeveloper { profession(slug: "back-end-developer") { title salary { min max currency } } }`
	step("run a query",
		chromedp.KeyEvent(kb.Escape),
		chromedp.Evaluate[chromedp.Void](editor+`.setValue(`+jsString(query)+`)`),
		// GraphiQL reads the operations of the editor a moment after an edit (it debounces
		// them); a person's click comes later than that.
		chromedp.Poll[chromedp.Void](editor+`.operationName === 'BackEndDeveloper'`),
		chromedp.Click(chromedp.CSS(`.graphiql-execute-button`)),
	)
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](response+`.includes('Back-End Developer')`)); err != nil {
		shown, _ := chromedp.Run(ctx, chromedp.Evaluate[string](response))
		t.Fatalf("the result never showed the profession: %v (result pane: %q, page problems: %q)", err, shown, problems())
	}
	result, err := chromedp.Run(ctx, chromedp.Evaluate[string](response))
	if err != nil || !strings.Contains(result, `"currency": "EUR"`) {
		t.Errorf("result pane shows %q (%v)", result, err)
	}

	// The headers pane: a bearer token typed there goes with the request, and the server's
	// answer to a token it does not know shows.
	step("send a header",
		chromedp.Click(chromedp.CSS(`button[data-name="headers"]`)),
		chromedp.Poll[chromedp.Void](`!!document.querySelector('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror')`),
		chromedp.Evaluate[chromedp.Void](`document.querySelector('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror').CodeMirror.setValue('{"Authorization": "Bearer not-a-token"}')`),
		chromedp.Click(chromedp.CSS(`.graphiql-execute-button`)),
	)
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](response+`.includes('UNAUTHENTICATED')`)); err != nil {
		shown, _ := chromedp.Run(ctx, chromedp.Evaluate[string](response))
		t.Errorf("the header typed into the headers pane was not sent: %v (result pane: %q)", err, shown)
	}

	for _, msg := range problems() {
		if !strings.Contains(msg, "401") {
			t.Errorf("page: %s", msg)
		}
	}
	browsertest.AssertOffline(t, ctx)
}

// TestFirstAdminFromTheCommandLine creates the first administrator as a new install would, then
// signs in with it and creates an API key with the command.
func TestFirstAdminFromTheCommandLine(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "careergraph.db")
	env := map[string]string{"SQLITE_PATH": dbPath}
	getenv := func(k string) string { return env[k] }
	var out bytes.Buffer
	err := run(context.Background(), []string{"user", "create", "--email", "First@Example.org", "--role", "ADMIN", "--name", "First Admin"},
		getenv, strings.NewReader("a long enough password\n"), &out, io.Discard)
	if err != nil || !strings.Contains(out.String(), "created ADMIN first@example.org") {
		t.Fatalf("user create: %v, printed %q", err, out.String())
	}
	if err := run(context.Background(), []string{"user", "create", "--email", "second@example.org", "--password", "x"},
		getenv, strings.NewReader(""), io.Discard, io.Discard); err == nil {
		t.Error("a --password flag was accepted")
	}
	if err := run(context.Background(), []string{"seed"}, getenv, strings.NewReader(""), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	err = run(context.Background(), []string{"apikey", "create", "--name", "sync", "--scope", "TRAININGS_WRITE", "--provider", "helsinki-code-academy"},
		getenv, strings.NewReader(""), &out, io.Discard)
	if err != nil || !strings.Contains(out.String(), "cgk_") {
		t.Fatalf("apikey create: %v, printed %q", err, out.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	key := lines[len(lines)-1]

	p := start(t, env)
	var in struct{ SignIn struct{ Token string } }
	p.Query(t, `mutation { signIn(email: "first@example.org", password: "a long enough password") { token } }`, nil, &in)
	var me struct{ Me struct{ Role, Name string } }
	p.With("Authorization", "Bearer "+in.SignIn.Token).Query(t, `{ me { role name } }`, nil, &me)
	if me.Me.Role != "ADMIN" || me.Me.Name != "First Admin" {
		t.Errorf("me = %+v", me.Me)
	}
	// The key sees its own provider's drafts, and no other's (the demo's draft training belongs
	// to another provider).
	var created struct{ CreateTraining struct{ Slug string } }
	helsinki := p.With("X-API-Key", key)
	var prov struct{ Provider struct{ ID string } }
	helsinki.Query(t, `{ provider(slug: "helsinki-code-academy") { id } }`, nil, &prov)
	helsinki.Query(t, `mutation($p: ID!) { createTraining(input: {title: "Draft From Sync", level: BEGINNER, format: ONLINE, providerID: $p}) { slug } }`,
		map[string]any{"p": prov.Provider.ID}, &created)
	var drafts struct {
		Trainings struct {
			Edges []struct{ Node struct{ Slug string } }
		}
	}
	helsinki.Query(t, `{ trainings(where: {status: DRAFT}) { edges { node { slug } } } }`, nil, &drafts)
	if len(drafts.Trainings.Edges) != 1 || drafts.Trainings.Edges[0].Node.Slug != "draft-from-sync" {
		t.Errorf("the Helsinki key sees drafts %+v, want only its own draft-from-sync", drafts.Trainings.Edges)
	}
}

func TestRegisterDocumentsCommand(t *testing.T) {
	dir := t.TempDir()
	getenv := func(k string) string { return map[string]string{"SQLITE_PATH": filepath.Join(dir, "cg.db")}[k] }
	doc := `{ professions(first: 1) { totalCount } }`
	manifest := filepath.Join(dir, "persisted-documents.json")
	write := func(v any) {
		b, _ := json.Marshal(v)
		if err := os.WriteFile(manifest, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(map[string]string{persisted.Hash(doc): doc})
	var out bytes.Buffer
	if err := run(context.Background(), []string{"documents", "register", "--client", "web", manifest}, getenv, strings.NewReader(""), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "registered 1 document(s) for web (1 new)") {
		t.Errorf("printed %q", out.String())
	}
	write(map[string]string{strings.Repeat("0", 64): doc})
	if err := run(context.Background(), []string{"documents", "register", "--client", "web", manifest}, getenv, strings.NewReader(""), io.Discard, io.Discard); err == nil {
		t.Error("a document under the wrong hash was registered")
	}
}

// TestGracefulShutdown: on SIGTERM readiness fails at once while the server still answers, a
// request in flight is finished, and run returns without error.
func TestGracefulShutdown(t *testing.T) {
	env := map[string]string{"SQLITE_PATH": filepath.Join(t.TempDir(), "cg.db"), "DRAIN_DELAY": "1500ms"}
	p := start(t, env)
	// A request still sending its body is in flight until the body is complete.
	pr, pw := io.Pipe()
	done := make(chan *http.Response, 1)
	sent := make(chan struct{})
	go func() {
		req, _ := http.NewRequest(http.MethodPost, p.URL, pr)
		req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
			WroteHeaders: func() { close(sent) },
		}))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Errorf("in-flight request: %v", err)
			done <- nil
			return
		}
		done <- resp
	}()
	<-sent
	_, _ = pw.Write([]byte(`{"query":"{ professions { `))

	stopped := make(chan error, 1)
	go func() { stopped <- p.stop() }()
	// Readiness fails once the signal is handled; until then /readyz still says 200.
	draining := false
	for range 500 {
		resp, err := http.Get(p.base + "/readyz")
		if err != nil {
			t.Fatalf("/readyz while draining: %v", err)
		}
		_ = resp.Body.Close()
		if draining = resp.StatusCode == http.StatusServiceUnavailable; draining {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !draining {
		t.Error("/readyz did not turn 503 after SIGTERM")
	}
	if resp, err := http.Get(p.base + "/livez"); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("/livez while draining: %v %v, want 200", resp, err)
	}
	_, _ = pw.Write([]byte(`totalCount } }"}`))
	_ = pw.Close()
	if resp := <-done; resp == nil || resp.StatusCode != http.StatusOK {
		t.Errorf("the in-flight request was not finished: %v", resp)
	}
	if err := <-stopped; err != nil {
		t.Errorf("run returned %v", err)
	}
}

// startProcess runs careergraph as a process of its own with env, and returns its base URL.
func startProcess(t *testing.T, env map[string]string) string {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), serveEnv+"=1", "PORT=0", "HOST=127.0.0.1", "LOG_FORMAT=json")
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	logs, addr := listenAddr(t)
	cmd.Stderr = logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	})
	select {
	case a := <-addr:
		return "http://" + a
	case <-time.After(60 * time.Second):
		t.Fatal("the server process did not start listening within 60 s")
	}
	return ""
}

// TestTwoProcessesShareRateLimits runs two careergraph processes on one redis-server, as two
// replicas behind a load balancer: what a client spends on one, the other sees.
func TestTwoProcessesShareRateLimits(t *testing.T) {
	redisAddr := redistest.Start(t)
	dir := t.TempDir()
	common := map[string]string{
		"REDIS_URL": "redis://" + redisAddr, "RATE_LIMIT_WINDOW": "1h", "MAX_QUERY_COST": "100",
		"RATE_LIMIT_ANONYMOUS": "100", "RATE_LIMIT_STAFF": "100", "RATE_LIMIT_KEY": "100",
	}
	with := func(path string) map[string]string {
		env := map[string]string{"SQLITE_PATH": filepath.Join(dir, path)}
		for k, v := range common {
			env[k] = v
		}
		return env
	}
	a := gqltest.Client{URL: startProcess(t, with("a.db")) + "/graphql"}
	b := gqltest.Client{URL: startProcess(t, with("b.db")) + "/graphql"}
	const costs21 = `{ professions(first: 10) { edges { node { title } } } }`
	for i, c := range []gqltest.Client{a, b, a, b} {
		if r := c.Do(t, costs21, nil); r.Status != http.StatusOK {
			t.Fatalf("request %d within the budget: %d %+v", i, r.Status, r.Errors)
		}
	}
	if got := b.Do(t, `{ professions(first: 1) { totalCount } }`, nil).Header.Get("X-RateLimit-Remaining"); got != "15" {
		t.Errorf("after 4×21 + 1 points spent across two processes, remaining %s, want 15", got)
	}
	if r := a.Do(t, costs21, nil); r.Status != http.StatusTooManyRequests {
		t.Errorf("the shared budget is spent, yet process a answered %d", r.Status)
	}
}

// TestImportAndExportCommands copies the demo catalogue from one database to another through a
// file, and shows what the import command prints for a bad line.
func TestImportAndExportCommands(t *testing.T) {
	dir := t.TempDir()
	envFor := func(name string) func(string) string {
		return func(k string) string { return map[string]string{"SQLITE_PATH": filepath.Join(dir, name)}[k] }
	}
	file := filepath.Join(dir, "catalogue.jsonl")
	if err := run(context.Background(), []string{"seed"}, envFor("a.db"), strings.NewReader(""), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	var msg bytes.Buffer
	if err := run(context.Background(), []string{"export", file}, envFor("a.db"), strings.NewReader(""), io.Discard, &msg); err != nil {
		t.Fatal(err)
	}
	exported, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.Count(exported, []byte("\n"))
	if !strings.Contains(msg.String(), fmt.Sprintf("exported %d objects to %s", lines, file)) {
		t.Errorf("export printed %q", msg.String())
	}

	bad := append(exported, []byte(`{"type":"skill","slug":"Not A Slug","name":"x"}`+"\n")...)
	if err := os.WriteFile(file, bad, 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err = run(context.Background(), []string{"import", file}, envFor("b.db"), strings.NewReader(""), &out, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "1 line(s) rejected") {
		t.Errorf("import with a bad line returned %v", err)
	}
	for _, want := range []string{fmt.Sprintf("line %d: ", lines+1), "slug", fmt.Sprintf("%d created, 0 updated, 0 unchanged, 1 rejected", lines)} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("import printed %q, which lacks %q", out.String(), want)
		}
	}

	var stdout bytes.Buffer
	if err := run(context.Background(), []string{"export"}, envFor("b.db"), strings.NewReader(""), &stdout, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(stdout.Bytes(), exported) {
		t.Error("exporting the imported copy gave a different file")
	}
}

// The server runs its garbage collector with its own defaults unless GOGC and GOMEMLIMIT say
// otherwise; an operator sees the settings in /metrics.
func TestGarbageCollectorSettings(t *testing.T) {
	dir := t.TempDir()
	for name, c := range map[string]struct {
		env            map[string]string
		gogc, memlimit string
	}{
		"defaults":     {map[string]string{}, "800", "1.048576e+08"},
		"from the env": {map[string]string{"GOGC": "150", "GOMEMLIMIT": "1GiB"}, "150", "1.073741824e+09"},
		// runtime/metrics reports "off" as the largest uint64.
		"only at the limit": {map[string]string{"GOGC": "off"}, "1.8446744073709552e+19", "1.048576e+08"},
	} {
		t.Run(name, func(t *testing.T) {
			c.env["SQLITE_PATH"] = filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".db")
			base := startProcess(t, c.env)
			resp, err := http.Get(base + "/metrics")
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			for metric, want := range map[string]string{"go_gc_gogc_percent": c.gogc, "go_gc_gomemlimit_bytes": c.memlimit} {
				if line := metric + " " + want + "\n"; !strings.Contains(string(body), line) {
					t.Errorf("/metrics lacks %q", line)
				}
			}
		})
	}
}

func TestVersion(t *testing.T) {
	var out bytes.Buffer
	if err := run(context.Background(), []string{"--version"}, func(string) string { return "" }, strings.NewReader(""), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "careergraph devel (commit ") || !strings.Contains(out.String(), "built ") {
		t.Errorf("--version printed %q", out.String())
	}
}

// TestImageIsBuiltOncePinnedToGoMod: docker-compose.yml builds the image in one service only (the
// others run it by name), and the Dockerfile builds with exactly the Go release go.mod names.
func TestImageIsBuiltOncePinnedToGoMod(t *testing.T) {
	compose, err := os.ReadFile("docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	if n := regexp.MustCompile(`(?m)^\s+build:`).FindAll(compose, -1); len(n) != 1 {
		t.Errorf("docker-compose.yml builds %d times, want once", len(n))
	}
	if n := regexp.MustCompile(`(?m)^\s+image: careergraph:local$`).FindAll(compose, -1); len(n) != 2 {
		t.Errorf("the api and seed services should both run careergraph:local; found it %d times", len(n))
	}
	mod, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	goVersion := regexp.MustCompile(`(?m)^go (\d+\.\d+\.\d+)$`).FindSubmatch(mod)
	dockerfile, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	from := regexp.MustCompile(`(?m)^FROM .*golang:(\S+?)(-\w+)? AS build$`).FindSubmatch(dockerfile)
	if goVersion == nil || from == nil {
		t.Fatal("no go line in go.mod, or no golang build stage in the Dockerfile")
	}
	if string(from[1]) != string(goVersion[1]) {
		t.Errorf("the Dockerfile builds with golang:%s, go.mod names go %s: pin the exact release", from[1], goVersion[1])
	}
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestTypedClientExampleRunsItsRegisteredCodegenDocuments builds examples/typed-client as its
// README says: GraphQL Code Generator's client preset writes typed documents and its
// persisted-documents manifest from the committed schema, TypeScript type-checks the example
// against them, `careergraph documents register` takes the manifest as written, and the example
// runs against a server that runs registered documents only, sending each by its documentId.
func TestTypedClientExampleRunsItsRegisteredCodegenDocuments(t *testing.T) {
	dir, _ := filepath.Abs("examples/typed-client")
	node := nodetest.Need(t, dir, "@graphql-codegen/cli")
	sh := func(what string, args ...string) []byte {
		t.Helper()
		cmd := exec.Command(node, args...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", what, err, out)
		}
		return out
	}
	for _, generated := range []string{"src/gql", "dist"} {
		if err := os.RemoveAll(filepath.Join(dir, generated)); err != nil {
			t.Fatal(err)
		}
	}
	sh("codegen", "node_modules/.bin/graphql-codegen", "--config", "codegen.ts")
	sh("tsc (the example's types against the generated ones)", "node_modules/.bin/tsc", "-p", ".")

	env := map[string]string{"SQLITE_PATH": filepath.Join(t.TempDir(), "careergraph.db")}
	getenv := func(k string) string { return env[k] }
	var out bytes.Buffer
	for _, args := range [][]string{
		{"seed"},
		{"documents", "register", "--client", "typed-client-example", filepath.Join(dir, "src", "gql", "persisted-documents.json")},
	} {
		out.Reset()
		if err := run(context.Background(), args, getenv, strings.NewReader(""), &out, io.Discard); err != nil {
			t.Fatalf("careergraph %s: %v\n%s", strings.Join(args, " "), err, out.String())
		}
	}
	if !strings.Contains(out.String(), "registered 2 document(s) for typed-client-example (2 new)") {
		t.Errorf("documents register printed %q", out.String())
	}
	env["TRUSTED_DOCUMENTS"] = "true"
	p := start(t, env)
	if e := p.Fails(t, `{ professions(first: 1) { totalCount } }`, nil); e.Code() == "" {
		t.Errorf("the server ran a document that is not registered: %+v", e)
	}

	cmd := exec.Command(node, "dist/index.js")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CAREERGRAPH_URL="+p.base+"/graphql")
	printed, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the example failed: %v\n%s", err, printed)
	}
	type line struct {
		Profession, Salary *string
		EssentialSkills    []string
		Search             string
		Page               any
		Hits               []string
	}
	var lines []line
	for _, text := range strings.Split(strings.TrimSpace(string(printed)), "\n") {
		var l line
		if err := json.Unmarshal([]byte(text), &l); err != nil {
			t.Fatalf("the example printed %q: %v", text, err)
		}
		lines = append(lines, l)
	}
	if len(lines) != 4 {
		t.Fatalf("the example printed %d lines, want a profession and three search pages:\n%s", len(lines), printed)
	}
	if pr := lines[0]; pr.Profession == nil || *pr.Profession != "Back-End Developer" || pr.Salary == nil || !strings.Contains(*pr.Salary, "EUR") || len(pr.EssentialSkills) == 0 {
		t.Errorf("profession line: %s", printed)
	}
	first, second, back := lines[1], lines[2], lines[3]
	if len(first.Hits) != 2 || len(second.Hits) == 0 || slices.Contains(second.Hits, first.Hits[0]) || !slices.Equal(back.Hits, first.Hits) {
		t.Errorf("search pages: first %q, second %q, back %q; want the way back to give the first page again", first.Hits, second.Hits, back.Hits)
	}
}

// TestImageRefusesAMemoryLimitTheRuntimeCannotRead: the Go runtime reads GOMEMLIMIT before any of
// careergraph's code runs and stops with a stack trace on a value it cannot read. The image's
// entry point (deploy/entrypoint.sh) refuses those values first, in plain words, and passes every
// other on to careergraph with the container's arguments. The runtime itself is the judge: this
// test binary is started with each value.
func TestImageRefusesAMemoryLimitTheRuntimeCannotRead(t *testing.T) {
	dockerfile, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(dockerfile, []byte("COPY deploy/entrypoint.sh /usr/local/bin/careergraph-entrypoint")) ||
		!bytes.Contains(dockerfile, []byte(`ENTRYPOINT ["careergraph-entrypoint"]`)) {
		t.Fatal("the image does not start through deploy/entrypoint.sh")
	}
	// A careergraph that says what it was started with.
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "careergraph"), []byte("#!/bin/sh\necho started \"$@\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	script, _ := filepath.Abs("deploy/entrypoint.sh")
	for _, v := range []string{"", "off", "100MiB", "2GiB", "1TiB", "8388607TiB", "8388608TiB", "4096", "512B", "0", "007KiB",
		"lots", "100MB", "100mib", "1.5GiB", "-1", " 100MiB", "100MiB ", "9223372036854775807", "9223372036854775808", "KiB"} {
		runtime := exec.Command(os.Args[0], "-test.run=^$")
		runtime.Env = append(os.Environ(), "GOMEMLIMIT="+v)
		runtimeOut, runtimeErr := runtime.CombinedOutput()
		readable := runtimeErr == nil
		if !readable && !bytes.Contains(runtimeOut, []byte("malformed GOMEMLIMIT")) {
			t.Fatalf("GOMEMLIMIT=%q: the test binary failed otherwise: %v\n%s", v, runtimeErr, runtimeOut)
		}
		cmd := exec.Command("sh", script, "serve", "--flag")
		cmd.Env = append(os.Environ(), "GOMEMLIMIT="+v, "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		switch {
		case readable && (err != nil || stdout.String() != "started serve --flag\n"):
			t.Errorf("GOMEMLIMIT=%q, which the runtime reads: the entry point did not start careergraph: %v\n%s%s", v, err, stdout.String(), stderr.String())
		case !readable && err == nil:
			t.Errorf("GOMEMLIMIT=%q, which stops the runtime: the entry point started careergraph", v)
		case !readable:
			want := fmt.Sprintf("careergraph: configuration: GOMEMLIMIT=%q: must be a size in bytes, with B, KiB, MiB, GiB or TiB (e.g. 100MiB or 2GiB), or off\n", v)
			if stderr.String() != want || stdout.Len() != 0 {
				t.Errorf("GOMEMLIMIT=%q: the entry point said\n%s%swant\n%s", v, stdout.String(), stderr.String(), want)
			}
		}
	}
}

// TestServerBinaryHoldsNoTestHelpers: the helpers under internal/testing start databases,
// browsers and Redis for tests, and the benchmark, the synthetic catalogue and the ESCO test data
// generator are tools of their own (cmd/bench, cmd/synthetic, scripts/esco-generate); the
// program itself must never import any of them.
func TestServerBinaryHoldsNoTestHelpers(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps .: %v", err)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "careergraph/ent") {
		t.Fatalf("go list -deps . lists no careergraph/ent: not the server's dependencies? %q", deps)
	}
	for _, pkg := range deps {
		for _, tool := range []string{"careergraph/internal/testing", "careergraph/internal/bench", "careergraph/internal/synthetic", "careergraph/internal/esco/escogen"} {
			if pkg == tool || strings.HasPrefix(pkg, tool+"/") {
				t.Errorf("the program imports %s", pkg)
			}
		}
	}
}
