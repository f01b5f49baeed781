package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/coder/websocket"

	"careergraph/ent/provider"
	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
	"careergraph/internal/auth"
	"careergraph/internal/gid"
	"careergraph/internal/store"
	"careergraph/internal/testing/browsertest"
	"careergraph/internal/testing/gqltest"
	"careergraph/internal/testing/nodetest"
	"careergraph/internal/testing/testdb"
)

const (
	watchSeats = `subscription($s: ID!) { sessionSeats(sessionId: $s) { seatsLeft } }`
	register   = `mutation($s: ID!, $e: String!) { registerForSession(input: {sessionId: $s, name: "Learner", email: $e}) { status } }`
	feed       = `subscription($after: String) { catalogueChanges(after: $after, types: [Tag]) { cursor objectId } }`
	readFeed   = `query($after: String) { changes(after: $after, types: [Tag], first: 100) { changes { cursor objectId } endCursor hasMore } }`
)

type seatsEvent struct{ SessionSeats struct{ SeatsLeft int } }

// liveSession creates a published session with capacity seats in st.
func liveSession(t *testing.T, st *store.Store, capacity int) string {
	t.Helper()
	ctx := access.AsSystem(context.Background())
	c := st.Client
	p := c.Provider.Query().Where(provider.Slug("helsinki-code-academy")).OnlyX(ctx)
	tr := c.Training.Create().SetTitle(fmt.Sprintf("Live %d", time.Now().UnixNano())).SetLevel(enum.Beginner).
		SetFormat(enum.Classroom).SetProviderID(p.ID).SetStatus(enum.Published).SaveX(ctx)
	start := time.Now().Add(30 * 24 * time.Hour)
	return gid.Encode(c.TrainingSession.Create().SetTrainingID(tr.ID).SetCode("live").SetStartsAt(start).
		SetEndsAt(start.Add(8 * time.Hour)).SetCapacity(capacity).SetCity("Helsinki").SaveX(ctx).ID)
}

// TestTwoProcessesShareSubscriptions runs two careergraph processes on one PostgreSQL, as two
// replicas behind a load balancer: subscribers on one hear the writes made on the other, over
// WebSocket and SSE alike; a partner's feed subscriber cut off on one resumes on the other with
// nothing lost and nothing twice; and when PostgreSQL cuts the listening connection, the
// listener reconnects and what was written meanwhile still arrives.
func TestTwoProcessesShareSubscriptions(t *testing.T) {
	st := testdb.Open(t, "postgres", testdb.Options{})
	env := map[string]string{"DATABASE_URL": st.DSN()}
	baseA, baseB := startProcess(t, env), startProcess(t, env)
	a, b := gqltest.Client{URL: baseA + "/graphql"}, gqltest.Client{URL: baseB + "/graphql"}
	session := liveSession(t, st, 5)

	ws := gqltest.ConnectWS(t, a.URL, nil)
	ws.Subscribe(t, "seats", watchSeats, map[string]any{"s": session})
	sse := a.StreamSSE(t, watchSeats, map[string]any{"s": session})
	var w, s seatsEvent
	ws.NextData(t, "seats", &w)
	sse.NextData(t, &s)
	if w.SessionSeats.SeatsLeft != 5 || s.SessionSeats.SeatsLeft != 5 {
		t.Fatalf("first events: %+v %+v, want 5 seats", w, s)
	}
	registerOn := func(c gqltest.Client, n int) {
		t.Helper()
		c.Query(t, register, map[string]any{"s": session, "e": fmt.Sprintf("l%d@example.org", n)}, &struct{}{})
	}
	expect := func(step string, seats int) {
		t.Helper()
		ws.NextData(t, "seats", &w)
		sse.NextData(t, &s)
		if w.SessionSeats.SeatsLeft != seats || s.SessionSeats.SeatsLeft != seats {
			t.Fatalf("%s: WebSocket %d, SSE %d seats; want %d", step, w.SessionSeats.SeatsLeft, s.SessionSeats.SeatsLeft, seats)
		}
	}
	registerOn(b, 1)
	expect("a registration on the other process", 4)

	t.Run("ListenerReconnectsAndCatchesUp", func(t *testing.T) {
		// PostgreSQL ends both processes' listening connections and lets no new connection in;
		// a write made then notifies no one. It must arrive all the same once they are back.
		ctx := context.Background()
		conn, err := st.DB.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := conn.ExecContext(ctx, q, args...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		var db string
		if err := conn.QueryRowContext(ctx, `SELECT current_database()`).Scan(&db); err != nil {
			t.Fatal(err)
		}
		// The database's own connections may not bar it: the administrator's may.
		admin, err := sql.Open("postgres", testdb.AdminURL(t))
		if err != nil {
			t.Fatal(err)
		}
		defer admin.Close()
		allow := func(yes bool) {
			t.Helper()
			if _, err := admin.ExecContext(ctx, fmt.Sprintf(`ALTER DATABASE %q ALLOW_CONNECTIONS %t`, db, yes)); err != nil {
				t.Fatal(err)
			}
		}
		allow(false)
		t.Cleanup(func() { _, _ = admin.Exec(fmt.Sprintf(`ALTER DATABASE %q ALLOW_CONNECTIONS true`, db)) })
		var killed int
		if err := admin.QueryRowContext(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
			WHERE datname = $1 AND query LIKE 'LISTEN %'`, db).Scan(&killed); err != nil || killed != 2 {
			t.Fatalf("terminated %d listening connections (err %v), want 2", killed, err)
		}
		key, _, _ := gid.Decode(session)
		exec(`UPDATE training_sessions SET seats_left = seats_left - 1 WHERE id = $1`, key)
		if v := metric(t, baseA, "careergraph_notifications_listener_reconnects_total"); v != 0 {
			t.Fatalf("the listener reconnected (%v) while connections were refused", v)
		}
		allow(true)
		expect("a write made while the listeners were cut off", 3)
		waitForMetric(t, baseA, "careergraph_notifications_listener_reconnects_total", 1)
		registerOn(b, 3)
		expect("a registration after the listeners reconnected", 2)
	})

	t.Run("FeedResumesOnTheOtherProcess", func(t *testing.T) {
		key := partnerKey(t, st)
		var start struct{ Changes struct{ EndCursor string } }
		b.With("X-API-Key", key).Query(t, `{ changes(types: [Tag], first: 100) { endCursor } }`, nil, &start)
		tag := func(i int) { createTag(t, st, i) }
		feedA := gqltest.ConnectWS(t, a.URL, map[string]any{"X-API-Key": key})
		feedA.Subscribe(t, "feed", feed, map[string]any{"after": start.Changes.EndCursor})
		type entry struct {
			CatalogueChanges struct{ Cursor, ObjectID string }
		}
		var got []string
		for i := range 3 {
			tag(i)
		}
		for range 2 {
			var e entry
			feedA.NextData(t, "feed", &e)
			got = append(got, e.CatalogueChanges.Cursor)
		}
		_ = feedA.Conn.CloseNow()
		for i := 3; i < 6; i++ {
			tag(i)
		}
		feedB := b.With("X-API-Key", key).StreamSSE(t, feed, map[string]any{"after": got[len(got)-1]})
		for range 4 {
			var e entry
			feedB.NextData(t, &e)
			got = append(got, e.CatalogueChanges.Cursor)
		}
		var want struct {
			Changes struct{ Changes []struct{ Cursor string } }
		}
		b.With("X-API-Key", key).Query(t, readFeed, map[string]any{"after": start.Changes.EndCursor}, &want)
		if len(want.Changes.Changes) != 6 {
			t.Fatalf("the feed holds %d new tags, want 6", len(want.Changes.Changes))
		}
		for i, c := range want.Changes.Changes {
			if got[i] != c.Cursor {
				t.Fatalf("change %d: live %s, feed %s (live %v)", i, got[i], c.Cursor, got)
			}
		}
	})
}

// partnerKey creates an API key that reads the catalogue and its change feed.
func partnerKey(t *testing.T, st *store.Store) string {
	t.Helper()
	ctx := access.AsSystem(context.Background())
	key, _, err := auth.New(st.Client, auth.Options{}).CreateKey(ctx, st.Client, auth.NewKey{Name: "mirror", Scopes: []enum.Scope{enum.ReadCatalogue}})
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// createTag writes a tag straight into the database, as another process or an import would.
func createTag(t *testing.T, st *store.Store, i int) {
	t.Helper()
	ctx := access.AsSystem(context.Background())
	n := time.Now().UnixNano()
	st.Client.Tag.Create().SetName(fmt.Sprintf("Live tag %d %d", i, n)).SetSlug(fmt.Sprintf("live-tag-%d-%d", i, n)).SaveX(ctx)
}

// metric returns the value of an unlabelled metric of the process at base (-1 when absent).
func metric(t *testing.T, base, name string) float64 {
	t.Helper()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(name) + ` (\S+)$`).FindSubmatch(body)
	if m == nil {
		return -1
	}
	v, _ := strconv.ParseFloat(string(m[1]), 64)
	return v
}

// waitForMetric waits until the process at base reports the counter at least at min.
func waitForMetric(t *testing.T, base, name string, min float64) {
	t.Helper()
	deadline := time.Now().Add(gqltest.Wait)
	for metric(t, base, name) < min {
		if time.Now().After(deadline) {
			t.Fatalf("%s stayed below %v for %s", name, min, gqltest.Wait)
		}
		// The listener reconnects in its own time (with backoff): ask again.
		time.Sleep(20 * time.Millisecond)
	}
}

// TestGraphQLWSAndSSEClientPackagesSubscribe: the graphql-ws and graphql-sse client packages, as a
// browser app on an allowed origin uses them, get a session's seats and then the change a
// registration makes.
func TestGraphQLWSAndSSEClientPackagesSubscribe(t *testing.T) {
	node := nodetest.Need(t, "scripts/live-client", "graphql-ws")
	p := start(t, map[string]string{
		"SQLITE_PATH": filepath.Join(t.TempDir(), "cg.db"), "CORS_ALLOWED_ORIGINS": "https://app.example",
	})
	session := openSession(t, p)

	cmd := exec.Command(node, "live.mjs", p.base, session, "https://app.example")
	cmd.Dir = "scripts/live-client"
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	lines := bufio.NewScanner(out)
	type seats struct{ Data seatsEvent }
	var line struct {
		Step    string
		WS, SSE seats
	}
	read := func(step string) (int, int) {
		t.Helper()
		if !lines.Scan() {
			t.Fatalf("the client stopped before %q: %s", step, stderr.String())
		}
		if err := json.Unmarshal(lines.Bytes(), &line); err != nil || line.Step != step {
			t.Fatalf("the client printed %s (%v), want its %q events", lines.Bytes(), err, step)
		}
		return line.WS.Data.SessionSeats.SeatsLeft, line.SSE.Data.SessionSeats.SeatsLeft
	}
	ws, sse := read("first")
	if ws <= 0 || ws != sse {
		t.Fatalf("first events: %d seats over WebSocket, %d over SSE", ws, sse)
	}
	var r struct{ RegisterForSession struct{ Status string } }
	p.Query(t, register, map[string]any{"s": session, "e": "browser@example.org"}, &r)
	if r.RegisterForSession.Status != "CONFIRMED" {
		t.Fatalf("registration %s", r.RegisterForSession.Status)
	}
	if a, b := read("next"); a != ws-1 || b != ws-1 {
		t.Fatalf("after a registration: %d seats over WebSocket, %d over SSE; want %d", a, b, ws-1)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the client failed: %v\n%s", err, stderr.String())
	}
}

// openSession returns the ID of a demo session a learner may register for now.
func openSession(t *testing.T, p *process) string {
	t.Helper()
	var open struct {
		TrainingSessions struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	p.Query(t, `query($now: Time!) { trainingSessions(first: 1, where: {status: SCHEDULED, hasSeatsLeft: true, startsAtGT: $now,
		or: [{registrationDeadlineIsNil: true}, {registrationDeadlineGT: $now}]}) { edges { node { id } } } }`,
		map[string]any{"now": time.Now().Add(time.Hour).Format(time.RFC3339)}, &open)
	if len(open.TrainingSessions.Edges) == 0 {
		t.Fatal("the demo catalogue has no session open for registration")
	}
	return open.TrainingSessions.Edges[0].Node.ID
}

// TestGraphiQLRunsASubscription: GraphiQL at / runs a subscription over its WebSocket and shows
// each event as it comes, within the page's Content-Security-Policy.
func TestGraphiQLRunsASubscription(t *testing.T) {
	p := start(t, map[string]string{"SQLITE_PATH": filepath.Join(t.TempDir(), "careergraph.db")})
	session := openSession(t, p)
	var now struct{ Node struct{ SeatsLeft int } }
	p.Query(t, `query($id: ID!) { node(id: $id) { ... on TrainingSession { seatsLeft } } }`, map[string]any{"id": session}, &now)

	ctx := browsertest.New(t)
	ctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	problems := browsertest.RecordProblems(t, ctx)
	const editor = `document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror`
	const response = `document.querySelector('.graphiql-response .CodeMirror').CodeMirror.getValue()`
	query := `subscription Seats { sessionSeats(sessionId: "` + session + `") { seatsLeft } }`
	if err := chromedp.Do(ctx,
		chromedp.Navigate(p.base+"/"),
		chromedp.Poll[chromedp.Void](`!!document.querySelector('.graphiql-query-editor .CodeMirror')`),
		chromedp.Evaluate[chromedp.Void](editor+`.setValue(`+jsString(query)+`)`),
		chromedp.Poll[chromedp.Void](editor+`.operationName === 'Seats'`),
		chromedp.Click(chromedp.CSS(`.graphiql-execute-button`)),
	); err != nil {
		t.Fatalf("running a subscription: %v (page problems: %q)", err, problems())
	}
	seatsShown := func(n int) {
		t.Helper()
		want := fmt.Sprintf(`"seatsLeft": %d`, n)
		if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](response+`.includes(`+jsString(want)+`)`)); err != nil {
			shown, _ := chromedp.Run(ctx, chromedp.Evaluate[string](response))
			t.Fatalf("the result pane never showed %s: %v (result pane: %q, page problems: %q)", want, err, shown, problems())
		}
	}
	seatsShown(now.Node.SeatsLeft)
	p.Query(t, register, map[string]any{"s": session, "e": "graphiql@example.org"}, &struct{}{})
	seatsShown(now.Node.SeatsLeft - 1)
	for _, msg := range problems() {
		t.Errorf("page: %s", msg)
	}
	browsertest.AssertOffline(t, ctx)
}

// TestSIGTERMClosesSubscriptions: on SIGTERM the server tells every WebSocket subscriber (close
// code 1001), ends every event stream, and exits without waiting for the shutdown timeout.
func TestSIGTERMClosesSubscriptions(t *testing.T) {
	p := start(t, map[string]string{"SQLITE_PATH": filepath.Join(t.TempDir(), "careergraph.db"), "SHUTDOWN_TIMEOUT": "60s"})
	session := openSession(t, p)
	ws := gqltest.ConnectWS(t, p.URL, nil)
	ws.Subscribe(t, "seats", watchSeats, map[string]any{"s": session})
	var v seatsEvent
	ws.NextData(t, "seats", &v)
	sse := p.StreamSSE(t, watchSeats, map[string]any{"s": session})
	sse.NextData(t, &v)

	stopped := make(chan error, 1)
	go func() { stopped <- p.stop() }()
	if ce := ws.WaitClose(t); ce.Code != websocket.StatusGoingAway {
		t.Fatalf("WebSocket closed with %d %q, want 1001", ce.Code, ce.Reason)
	}
	if ev := sse.Next(t); ev.Name != "end" {
		t.Fatalf("event stream at shutdown: %+v, want its end", ev)
	}
	select {
	case err := <-stopped:
		if err != nil {
			t.Fatalf("run returned %v", err)
		}
	case <-time.After(gqltest.Wait):
		t.Fatal("the server did not stop with subscriptions open")
	}
}
