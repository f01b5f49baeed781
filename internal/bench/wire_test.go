package bench_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"careergraph/internal/bench"
)

// The load generator's own HTTP client sends each request as written and reads every answer
// whole, whatever framing the server chooses, over connections it keeps or dials again when the
// server closes them; it fails a measurement on an answer that is not a 200 without errors.
func TestDriveSendsAndChecksEachRequest(t *testing.T) {
	answer := func(w http.ResponseWriter, slug, framing string) {
		data := `{"data":{"slug":"` + slug + `","pad":"` + strings.Repeat("x", 20000) + `"}}`
		switch framing {
		case "close":
			w.Header().Set("Connection", "close")
		case "chunked":
			// Written in pieces with flushes between, as a server that streams does.
			for len(data) > 0 {
				n := min(len(data), 3000)
				_, _ = w.Write([]byte(data[:n]))
				w.(http.Flusher).Flush()
				data = data[n:]
			}
			return
		case "error":
			// After the data: only an answer read whole shows it.
			data = data[:len(data)-1] + `,"errors":[{"message":"no"}]}`
		case "status":
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		w.Header().Set("Content-Length", fmt.Sprint(len(data)))
		_, _ = w.Write([]byte(data))
	}
	w := bench.Workload{Name: "(t) test", Document: "query Q { x }"}
	for i := range 5 {
		vars := map[string]any{"slug": fmt.Sprint("s", i)}
		w.Requests = append(w.Requests, bench.Request{Vars: vars})
	}
	for _, framing := range []string{"length", "close", "chunked", "error", "status"} {
		t.Run(framing, func(t *testing.T) {
			var (
				mu    sync.Mutex
				slugs = map[string]int{}
				conns atomic.Int64
			)
			srv := httptest.NewUnstartedServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
				var body struct {
					Query     string
					Variables struct{ Slug string }
				}
				err := json.NewDecoder(r.Body).Decode(&body)
				if err != nil || body.Query != w.Document || r.URL.Path != "/graphql" ||
					r.Header.Get("Accept") != "application/json" || r.Header.Get("Content-Type") != "application/json" {
					http.Error(rw, fmt.Sprintf("unexpected request %s %+v %v (%v)", r.URL, body, r.Header, err), http.StatusBadRequest)
					return
				}
				mu.Lock()
				slugs[body.Variables.Slug]++
				mu.Unlock()
				answer(rw, body.Variables.Slug, framing)
			}))
			srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
				if s == http.StateNew {
					conns.Add(1)
				}
			}
			srv.Start()
			defer srv.Close()
			c := bench.NewClient(srv.URL+"/graphql", "", "", 2)
			res, err := c.Drive(context.Background(), bench.Careergraph, w, bench.Load{Concurrency: 2, Requests: 20}, bench.Counters{})
			if framing == "error" || framing == "status" {
				if err == nil {
					t.Fatalf("an answer with %s passed: %d requests", framing, res.Requests)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			// Twenty requests in turn over the workload's five: each one four times.
			if res.Requests != 20 || fmt.Sprint(slugs) != "map[s0:4 s1:4 s2:4 s3:4 s4:4]" {
				t.Fatalf("%d requests measured, received %v; want 20, each of five 4 times", res.Requests, slugs)
			}
			want := int64(2)
			if framing == "close" {
				want = 20
			}
			if conns.Load() != want {
				t.Errorf("%d connections for 20 requests at 2 in flight; want %d", conns.Load(), want)
			}
		})
	}
}
