package main

import (
	"context"
	"database/sql"
	"io"
	"strings"
	"testing"

	"careergraph/internal/testing/gqltest"
	"careergraph/internal/testing/testdb"
)

// TestServerReadsFromAReplica runs the program with DATABASE_REPLICA_URL naming a streaming
// replica: anonymous queries and searches read from it, and /metrics shows the replica in use and
// its pool. Named a server that is not a standby, the program still serves, from the primary.
func TestServerReadsFromAReplica(t *testing.T) {
	primary := testdb.NewCluster(t)
	if err := run(context.Background(), []string{"seed"}, func(k string) string {
		return map[string]string{"DATABASE_URL": primary.URL}[k]
	}, strings.NewReader(""), io.Discard, io.Discard); err != nil {
		t.Fatalf("seed: %v", err)
	}
	replica := primary.NewReplica()

	p := start(t, map[string]string{"DATABASE_URL": primary.URL, "DATABASE_REPLICA_URL": replica.URL, "DB_MAX_OPEN_CONNS": "7"})
	metrics := p.base + "/metrics"
	if v := gqltest.Metric(t, metrics, "careergraph_replica_in_use"); v != 1 {
		t.Errorf("careergraph_replica_in_use = %v right after start, want 1", v)
	}
	before := gqltest.Metric(t, metrics, `careergraph_db_reads_total{target="replica"}`)
	// With the replica's replay paused, a title changed on the primary shows where a search and
	// a query read.
	replicaDB, err := sql.Open("postgres", replica.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer replicaDB.Close()
	primaryDB, err := sql.Open("postgres", primary.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer primaryDB.Close()
	if _, err := replicaDB.Exec(`SELECT pg_wal_replay_pause()`); err != nil {
		t.Fatal(err)
	}
	if _, err := primaryDB.Exec(`UPDATE professions SET title = 'Zanzibarist' WHERE slug = 'back-end-developer'`); err != nil {
		t.Fatal(err)
	}
	var seen struct {
		Profession struct{ Title string }
		Search     struct{ TotalCount int }
	}
	p.Query(t, `{ profession(slug: "back-end-developer") { title } search(query: "zanzibarist") { totalCount } }`, nil, &seen)
	if seen.Profession.Title != "Back-End Developer" || seen.Search.TotalCount != 0 {
		t.Errorf("an anonymous query and search see %+v, want the paused replica's copy (Back-End Developer, no hit)", seen)
	}
	if _, err := replicaDB.Exec(`SELECT pg_wal_replay_resume()`); err != nil {
		t.Fatal(err)
	}
	if after := gqltest.Metric(t, metrics, `careergraph_db_reads_total{target="replica"}`); after < before+2 {
		t.Errorf("a query and a search made %v reads on the replica, want 2 at least", after-before)
	}
	if v := gqltest.Metric(t, metrics, `go_sql_max_open_connections{db_name="careergraph_replica"}`); v != 7 {
		t.Errorf("the replica's pool holds %v connections at most, want DB_MAX_OPEN_CONNS (7)", v)
	}

	// The primary itself is no replica: it is not used, and nothing fails.
	q := start(t, map[string]string{"DATABASE_URL": primary.URL, "DATABASE_REPLICA_URL": primary.URL})
	metrics = q.base + "/metrics"
	if v := gqltest.Metric(t, metrics, "careergraph_replica_in_use"); v != 0 {
		t.Errorf("careergraph_replica_in_use = %v for a server that is not a standby, want 0", v)
	}
	var out struct{ Professions struct{ TotalCount int } }
	q.Query(t, `{ professions(first: 3) { totalCount } }`, nil, &out)
	if out.Professions.TotalCount == 0 {
		t.Error("the primary found no professions")
	}
	if v := gqltest.Metric(t, metrics, `careergraph_replica_fallbacks_total{reason="unavailable"}`); v == 0 {
		t.Error("careergraph_replica_fallbacks_total{reason=\"unavailable\"} counts no read of the anonymous query")
	}
}
