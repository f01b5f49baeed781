package bench_test

import (
	"strings"
	"testing"
	"time"

	"careergraph/internal/bench"
)

// The report judges each page against PostGraphile by the targets, at their edges.
func TestPeerTargets(t *testing.T) {
	result := func(workload string, path bench.Path, requests int, p99, dbCPU time.Duration) bench.Result {
		lat := make([]time.Duration, 100)
		for i := range lat {
			lat[i] = time.Millisecond
		}
		lat[99] = p99
		return bench.Result{Workload: workload, Path: path, Requests: requests, Elapsed: time.Second,
			Latencies: lat, DBCPU: dbCPU * time.Duration(requests)}
	}
	for _, tc := range []struct {
		name       string
		comparison bench.Comparison
		want       string
	}{
		{"(a) at 1.30 and PostgreSQL's CPU equal", bench.Comparison{
			result("(a) profession page", bench.Careergraph, 1300, time.Millisecond, 500*time.Microsecond),
			result("(a) profession page", bench.PostGraphile, 1000, time.Millisecond, 500*time.Microsecond)},
			"PASS (a) careergraph at least 1.3× PostGraphile's throughput: 1.30× (1300.0 vs 1000.0 req/s)\n" +
				"PASS (a) PostgreSQL's CPU per page through careergraph at most through PostGraphile: 0.500 vs 0.500 ms"},
		{"(a) at 1.29, PostgreSQL's CPU above", bench.Comparison{
			result("(a) profession page", bench.Careergraph, 1290, time.Millisecond, 501*time.Microsecond),
			result("(a) profession page", bench.PostGraphile, 1000, time.Millisecond, 500*time.Microsecond)},
			"FAIL (a) careergraph at least 1.3× PostGraphile's throughput: 1.29× (1290.0 vs 1000.0 req/s)\n" +
				"FAIL (a) PostgreSQL's CPU per page through careergraph at most through PostGraphile: 0.501 vs 0.500 ms"},
		{"(c) fast enough but a p99 over 150 ms", bench.Comparison{
			result("(c) search page", bench.Careergraph, 300, 151*time.Millisecond, 0),
			result("(c) search page", bench.PostGraphile, 200, time.Millisecond, 0)},
			"FAIL (c) careergraph at least 1.5× PostGraphile's throughput, p99 at most 150 ms: 1.50× (300.0 vs 200.0 req/s), p99 151.0 ms"},
		{"(c) at 150 ms", bench.Comparison{
			result("(c) search page", bench.Careergraph, 300, 150*time.Millisecond, 0),
			result("(c) search page", bench.PostGraphile, 200, time.Millisecond, 0)},
			"PASS (c) careergraph at least 1.5× PostGraphile's throughput, p99 at most 150 ms: 1.50× (300.0 vs 200.0 req/s), p99 150.0 ms"},
		{"without PostGraphile, no peer target", bench.Comparison{
			result("(a) profession page", bench.Careergraph, 1300, time.Millisecond, 0)}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, target := range (bench.Report{Comparisons: []bench.Comparison{tc.comparison}}).Targets() {
				verdict := "FAIL"
				if target.Pass {
					verdict = "PASS"
				}
				got = append(got, verdict+" "+target.Name+": "+target.Detail)
			}
			if g := strings.Join(got, "\n"); g != tc.want {
				t.Errorf("targets:\n%s\nwant:\n%s", g, tc.want)
			}
		})
	}
}
