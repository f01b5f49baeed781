package httpapi_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"careergraph/internal/store"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/gqltest"
	"careergraph/internal/testing/testdb"
)

// TestReadReplica runs the API over a PostgreSQL primary and a real streaming replica of it
// (pg_basebackup -R). With the replica's replay paused, a change made on the primary shows who
// reads where: anonymous and API-key queries see the replica's older copy, staff and mutations
// the primary's. A server allowed a small lag moves its reads to the primary while the replica
// falls behind, and back once it catches up; and stopping the replica under load fails no
// request. /metrics says all of it.
func TestReadReplica(t *testing.T) {
	ctx := context.Background()
	primary := testdb.NewCluster(t)
	openDemo(t, store.Options{DatabaseURL: primary.URL})
	replica := primary.NewReplica()
	replicaDB, err := sql.Open("postgres", replica.URL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = replicaDB.Close() })

	open := func(maxLag, checkEvery time.Duration, log io.Writer) *apitest.Server {
		st, err := store.Open(ctx, store.Options{DatabaseURL: primary.URL, MaxOpenConns: 8, StatementCache: 256,
			ReplicaURL: replica.URL, ReplicaMaxLag: maxLag, ReplicaCheckEvery: checkEvery,
			Log: slog.New(slog.NewJSONHandler(log, nil))})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = st.Close() })
		return apitest.NewOn(t, st, new(atomic.Int64))
	}
	// patient never finds the replica lagging, and checks it only once, when it opens: after
	// that, only a failed read can take the replica out of use.
	patient := open(time.Hour, time.Hour, io.Discard)
	// strict allows a second of lag, measured every 250ms.
	var strictLog syncBuffer
	strict := open(time.Second, 0, &strictLog)
	as := apitest.NewActors(t, patient)
	anonymous, readKey, editor := as.ByName["anonymous"], as.ByName["readKey"], as.ByName["editor"]

	for _, s := range []*apitest.Server{patient, strict} {
		waitFor(t, "the replica in use", func() bool { return metric(t, s, "careergraph_replica_in_use") == 1 })
	}
	// The actors, just created on the primary, have reached the replica.
	waitFor(t, "the replica to catch up", func() bool {
		var n int
		return replicaDB.QueryRow(`SELECT count(*) FROM api_keys`).Scan(&n) == nil && n == 3
	})

	type reads struct{ primary, replica float64 }
	readsOf := func(s *apitest.Server) reads {
		return reads{metric(t, s, `careergraph_db_reads_total{target="primary"}`), metric(t, s, `careergraph_db_reads_total{target="replica"}`)}
	}
	// delta runs do and returns the reads it made on each database.
	delta := func(s *apitest.Server, do func()) reads {
		before := readsOf(s)
		do()
		after := readsOf(s)
		return reads{after.primary - before.primary, after.replica - before.replica}
	}
	const list = `{ professions(first: 5) { totalCount edges { node { title } } } }`
	var out map[string]any
	t.Run("AnonymousAndKeyQueriesReadTheReplica", func(t *testing.T) {
		if d := delta(patient, func() { anonymous.Query(t, list, nil, &out) }); d.replica == 0 || d.primary != 0 {
			t.Errorf("an anonymous query read %v times from the replica and %v from the primary", d.replica, d.primary)
		}
		if d := delta(patient, func() {
			anonymous.Query(t, `{ search(query: "developer", first: 3) { totalCount } }`, nil, &out)
		}); d.replica == 0 || d.primary != 0 {
			t.Errorf("an anonymous search read %v times from the replica and %v from the primary", d.replica, d.primary)
		}
		// The key itself is looked up on the primary, before the query runs.
		if d := delta(patient, func() { readKey.Query(t, list, nil, &out) }); d.replica == 0 {
			t.Errorf("an API key's query read nothing from the replica (%v from the primary)", d.primary)
		}
	})
	t.Run("StaffReadThePrimary", func(t *testing.T) {
		if d := delta(patient, func() { editor.Query(t, list, nil, &out) }); d.replica != 0 || d.primary == 0 {
			t.Errorf("a staff query read %v times from the replica and %v from the primary", d.replica, d.primary)
		}
	})

	// Hold the replica at its current state: what the primary changes from now on, only the
	// primary has.
	if _, err := replicaDB.Exec(`SELECT pg_wal_replay_pause()`); err != nil {
		t.Fatal(err)
	}
	if _, err := patient.Store.DB.Exec(`UPDATE professions SET title = 'Back-End Zanzibarist' WHERE slug = 'back-end-developer'`); err != nil {
		t.Fatal(err)
	}
	const profession = `{ profession(slug: "back-end-developer") { title } search(query: "zanzibarist") { totalCount } }`
	type seen struct {
		Profession struct{ Title string }
		Search     struct{ TotalCount int }
	}
	sees := func(c interface {
		Query(testing.TB, string, map[string]any, any)
	}) seen {
		var s seen
		c.Query(t, profession, nil, &s)
		return s
	}
	t.Run("WhoSeesWhichCopy", func(t *testing.T) {
		for name, c := range map[string]interface {
			Query(testing.TB, string, map[string]any, any)
		}{"anonymous": anonymous, "readKey": readKey} {
			if s := sees(c); s.Profession.Title != "Back-End Developer" || s.Search.TotalCount != 0 {
				t.Errorf("%s sees %+v, want the replica's copy (Back-End Developer, no hit)", name, s)
			}
		}
		if s := sees(editor); s.Profession.Title != "Back-End Zanzibarist" || s.Search.TotalCount != 1 {
			t.Errorf("the editor sees %+v, want the primary's (Back-End Zanzibarist, one hit)", s)
		}
	})
	t.Run("MutationsAndWhatFollowsReadThePrimary", func(t *testing.T) {
		// A session only the primary has: the check of its ID, the registration and what the
		// payload reads after it all find it.
		session := apitest.NewSession(t, patient, 3, nil)
		var r struct {
			RegisterForSession struct {
				Status  string
				Session struct {
					SeatsLeft int
					Training  struct{ Title string }
				}
			}
		}
		d := delta(patient, func() {
			anonymous.Query(t, `mutation($s: ID!) { registerForSession(input: {sessionId: $s, name: "Ada", email: "ada@example.org"}) {
				status session { seatsLeft training { title } } } }`, map[string]any{"s": session}, &r)
		})
		if r.RegisterForSession.Status != "CONFIRMED" || r.RegisterForSession.Session.SeatsLeft != 2 ||
			!strings.HasPrefix(r.RegisterForSession.Session.Training.Title, "Booking Test") {
			t.Errorf("registration: %+v", r.RegisterForSession)
		}
		if d.replica != 0 {
			t.Errorf("a mutation read %v times from the replica", d.replica)
		}
		var n struct{ Node *struct{ ID string } }
		anonymous.Query(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": session}, &n)
		if n.Node != nil {
			t.Errorf("the anonymous query read the session from the primary, not the paused replica")
		}
	})
	t.Run("LaggingReplicaIsLeftUntilItCatchesUp", func(t *testing.T) {
		waitFor(t, "the strict server to leave the lagging replica", func() bool {
			return metric(t, strict, "careergraph_replica_in_use") == 0
		})
		if lag := metric(t, strict, "careergraph_replica_lag_seconds"); lag <= 1 {
			t.Errorf("careergraph_replica_lag_seconds = %v while the replica lags, want over 1", lag)
		}
		before := metric(t, strict, `careergraph_replica_fallbacks_total{reason="lagging"}`)
		d := delta(strict, func() {
			if s := sees(strict.Client); s.Profession.Title != "Back-End Zanzibarist" || s.Search.TotalCount != 1 {
				t.Errorf("an anonymous reader of the strict server sees %+v, want the primary's copy", s)
			}
		})
		if d.replica != 0 || d.primary == 0 {
			t.Errorf("while the replica lags, an anonymous query read %v times from it and %v from the primary", d.replica, d.primary)
		}
		if after := metric(t, strict, `careergraph_replica_fallbacks_total{reason="lagging"}`); after <= before {
			t.Errorf("careergraph_replica_fallbacks_total{reason=\"lagging\"} stayed at %v", after)
		}
		if _, err := replicaDB.Exec(`SELECT pg_wal_replay_resume()`); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the strict server to use the replica again", func() bool {
			return metric(t, strict, "careergraph_replica_in_use") == 1
		})
		waitFor(t, "the replica's copy to catch up", func() bool {
			return sees(anonymous).Profession.Title == "Back-End Zanzibarist"
		})
		if d := delta(strict, func() { strict.Query(t, list, nil, &out) }); d.replica == 0 {
			t.Errorf("once caught up, an anonymous query read nothing from the replica")
		}
	})

	t.Run("StoppingTheReplicaFailsNoRequest", func(t *testing.T) {
		before := readsOf(patient)
		// Four clients, 40 reads each; the replica stops after the first 20 have been answered.
		var (
			answered atomic.Int64
			failed   []string
			mu       sync.Mutex
			wg       sync.WaitGroup
			stopped  = make(chan struct{})
		)
		queries := []string{list, `{ search(query: "data", first: 5) { totalCount } }`, profession}
		for c := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 40 {
					r, err := anonymous.Send(queries[(c+i)%len(queries)], nil)
					if err != nil || r.Status != http.StatusOK || len(r.Errors) > 0 {
						mu.Lock()
						failed = append(failed, fmt.Sprintf("%d %+v %v", r.Status, r.Errors, err))
						mu.Unlock()
					}
					if answered.Add(1) == 20 {
						close(stopped)
					}
				}
			}()
		}
		<-stopped
		replica.Kill()
		wg.Wait()
		if len(failed) > 0 {
			t.Errorf("%d of 160 requests failed while the replica stopped, e.g. %s", len(failed), failed[0])
		}
		after := readsOf(patient)
		if metric(t, patient, "careergraph_replica_in_use") != 0 {
			t.Error("careergraph_replica_in_use is still 1 with the replica stopped")
		}
		if n := metric(t, patient, `careergraph_replica_fallbacks_total{reason="failed"}`); n < 1 {
			t.Errorf("no read failed on the stopped replica and ran again on the primary (fallbacks failed = %v)", n)
		}
		if n := metric(t, patient, `careergraph_replica_fallbacks_total{reason="unavailable"}`); n < 1 {
			t.Errorf("no read went straight to the primary after the replica failed (fallbacks unavailable = %v)", n)
		}
		if after.primary <= before.primary || after.replica <= before.replica {
			t.Errorf("reads during the stop: primary %v → %v, replica %v → %v; want both to grow", before.primary, after.primary, before.replica, after.replica)
		}
		// The server that checks the replica in the background finds it gone, lag unknown.
		waitFor(t, "the strict server to notice the stop", func() bool {
			return metric(t, strict, "careergraph_replica_in_use") == 0
		})
		strict.Query(t, list, nil, &out)
		if _, body := gqltest.Fetch(t, http.MethodGet, strict.Base+"/metrics", nil); strings.Contains(body, "\ncareergraph_replica_lag_seconds ") {
			t.Errorf("/metrics reports a lag for a replica that does not answer")
		}
	})

	t.Run("ChangesAreLogged", func(t *testing.T) {
		var got []string
		for _, line := range strings.Split(strings.TrimSpace(strictLog.String()), "\n") {
			var l struct{ Level, Msg string }
			if err := json.Unmarshal([]byte(line), &l); err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			got = append(got, l.Level+" "+l.Msg)
		}
		want := []string{
			"INFO reads use the read replica",
			"WARN reads go to the primary: the read replica is lagging",
			"INFO reads use the read replica",
			"WARN reads go to the primary: the read replica is unavailable",
		}
		// In this order; a busy machine may add a spell of lag in between.
		next := 0
		for _, g := range got {
			if !slices.Contains(want, g) {
				t.Errorf("the strict server logged %q", g)
			}
			if next < len(want) && g == want[next] {
				next++
			}
		}
		if next < len(want) {
			t.Errorf("the strict server logged:\n%s\nwant, in this order:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

// metric is the value of the sample named (with its labels) on s's /metrics.
func metric(t *testing.T, s *apitest.Server, name string) float64 {
	t.Helper()
	return gqltest.Metric(t, s.Base+"/metrics", name)
}

// waitFor polls cond until it holds, failing the test after 600 tries (a minute at least).
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for range 600 {
		if cond() {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("gave up waiting for %s", what)
}
