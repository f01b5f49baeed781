package httpapi_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"careergraph/internal/app"
	"careergraph/internal/bench"
	"careergraph/internal/config"
	"careergraph/internal/synthetic"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/testdb"
)

// pagesCatalogue is synthetic.Large shrunk tenfold: pages of the same shape (skills per
// profession, trainings and sessions per profession) in a catalogue that takes seconds to build.
var pagesCatalogue = synthetic.Sizes{Professions: 300, Skills: 1400, Needs: 12000, Providers: 5,
	Trainings: 2000, Sessions: 10000, Posts: 1000}

// BenchmarkPages asks the real handler for the benchmark's three pages (internal/bench: a
// profession page, 50 professions with 10 skills each, a search page), one request at a time, on
// PostgreSQL with a synthetic catalogue. Besides time, allocations and bytes per request, it
// reports the CPU time per request of this process (cpu-ns/op: the handler, and the benchmark's
// own requests, which cost the same whatever the executor does) and of the database's
// PostgreSQL backends (pg-cpu-ns/op). BENCHMARKS.md ("Rewrites of generated code") measures each
// rewrite of scripts/gqlgen with it.
func BenchmarkPages(b *testing.B) {
	ctx := context.Background()
	st := testdb.Open(b, dialect.Postgres, testdb.Options{Empty: true})
	now := time.Now()
	if err := synthetic.Catalogue(ctx, st.DB, pagesCatalogue, now); err != nil {
		b.Fatal(err)
	}
	s := apitest.NewOn(b, st, new(atomic.Int64), func(c *config.Config, _ *app.Deps) {
		c.RateAnonymous = 1_000_000_000 // the most RATE_LIMIT_ANONYMOUS takes: the benchmark is one client
	})
	rnd := rand.New(rand.NewPCG(18, 4))
	profession, err := bench.Professions(ctx, st.DB, now, rnd)
	if err != nil {
		b.Fatal(err)
	}
	profession.Requests = profession.Requests[:50]
	for _, w := range []bench.Workload{profession, bench.Listing(nil, 50, 1, rnd), bench.Search(1, rnd)} {
		var bodies [][]byte
		for _, r := range w.Requests {
			body, err := json.Marshal(map[string]any{"query": w.Document, "variables": r.Vars})
			if err != nil {
				b.Fatal(err)
			}
			bodies = append(bodies, body)
		}
		b.Run(w.Name, func(b *testing.B) {
			backends := pgBackends(st.DB)
			b.ReportAllocs()
			b.ResetTimer()
			cpu, pg := processCPU(), backends.cpu(b)
			for i := range b.N {
				req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(bodies[i%len(bodies)]))
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				s.Handler.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
					b.Fatalf("%d: %.300s", rec.Code, rec.Body.String())
				}
			}
			cpu, pg = processCPU()-cpu, backends.cpu(b)-pg
			b.StopTimer()
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
			b.ReportMetric(float64(pg.Nanoseconds())/float64(b.N), "pg-cpu-ns/op")
		})
	}
}

// processCPU is the CPU time this process has used, in user and system mode.
func processCPU() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// backends are the PostgreSQL server processes of a database, read from /proc.
type backends struct {
	db   *sql.DB
	pids map[int]bool
}

func pgBackends(db *sql.DB) *backends {
	return &backends{db: db, pids: map[int]bool{}}
}

// cpu is the CPU time the database's backends have used so far, reading the list of backends
// again first (the pool may have opened connections). A backend whose process cannot be read
// counts nothing, so the figure is 0 where PostgreSQL runs elsewhere.
func (p *backends) cpu(b *testing.B) time.Duration {
	rows, err := p.db.Query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var pid int
		if err := rows.Scan(&pid); err != nil {
			b.Fatal(err)
		}
		p.pids[pid] = true
	}
	if err := rows.Close(); err != nil {
		b.Fatal(err)
	}
	var ticks int64
	for pid := range p.pids {
		stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
		if err != nil {
			continue
		}
		// Fields after the command, which is in parentheses: utime and stime are the 12th and
		// 13th of them, in clock ticks (100 a second on Linux).
		f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(f) < 13 {
			continue
		}
		u, _ := strconv.ParseInt(f[11], 10, 64)
		s, _ := strconv.ParseInt(f[12], 10, 64)
		ticks += u + s
	}
	return time.Duration(ticks) * 10 * time.Millisecond
}
