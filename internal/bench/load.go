package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Client sends the workloads' requests to the paths over HTTP.
type Client struct {
	// HTTP sends what is asked outside a measurement (Fetch, metrics); Drive has its own
	// connections (wire.go).
	HTTP *http.Client
	// GraphQL is careergraph's endpoint (…/graphql); Metrics its Prometheus metrics (…/metrics).
	GraphQL, Metrics string
	// SQL is the base URL of the direct-SQL handler.
	SQL string
	// PostGraphile is PostGraphile's endpoint (…/graphql); empty when it does not run.
	PostGraphile string

	mu   sync.Mutex
	wire map[wireKey]wiredRequests // what Drive sends, written out (wired)
}

// NewClient returns a client keeping up to conns connections open per path.
func NewClient(graphQL, metrics, sqlBase string, conns int) *Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns, t.MaxIdleConnsPerHost = 3*conns, conns
	return &Client{HTTP: &http.Client{Transport: t, Timeout: time.Minute}, GraphQL: graphQL, Metrics: metrics, SQL: sqlBase}
}

// Path is one of the ways to the data.
type Path string

// The paths: careergraph's GraphQL API, PostGraphile over the same tables (the peer), and the
// direct-SQL handler (the limit).
const (
	Careergraph  Path = "careergraph"
	PostGraphile Path = "PostGraphile"
	SQL          Path = "SQL"
)

// Fetch sends request r of w by path and returns the response body, failing on anything but a
// 200 answer without errors.
func (c *Client) Fetch(ctx context.Context, path Path, w Workload, r Request) ([]byte, error) {
	req, err := c.request(ctx, path, w, r)
	if err != nil {
		return nil, err
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if err := answered(path, w, resp, b); err != nil {
		return nil, err
	}
	return b, nil
}

// request is r of w as path asks it.
func (c *Client) request(ctx context.Context, path Path, w Workload, r Request) (*http.Request, error) {
	var req *http.Request
	var err error
	switch path {
	case Careergraph:
		req, err = graphQLRequest(ctx, c.GraphQL, w.Document, r.Vars)
	case PostGraphile:
		req, err = graphQLRequest(ctx, c.PostGraphile, w.PostGraphile, r.PostGraphileVars)
	default:
		req, err = http.NewRequestWithContext(ctx, http.MethodGet, c.SQL+w.SQLPath+"?"+r.Params.Encode(), nil)
	}
	if err == nil {
		req.Header.Set("Accept", "application/json")
	}
	return req, err
}

// answered fails unless resp, with body b, is a 200 answer without errors.
func answered(path Path, w Workload, resp *http.Response, b []byte) error {
	if resp.StatusCode != http.StatusOK || bytes.Contains(b, []byte(`"errors":`)) {
		return fmt.Errorf("%s %s: %s: %.300s", path, w.Name, resp.Status, b)
	}
	return nil
}

func graphQLRequest(ctx context.Context, url, document string, vars map[string]any) (*http.Request, error) {
	body, err := json.Marshal(map[string]any{"query": document, "variables": vars})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err == nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, err
}

// Query runs a GraphQL query by path (careergraph or PostGraphile) outside any measurement and
// decodes its data into out.
func (c *Client) Query(ctx context.Context, path Path, document string, vars map[string]any, out any) error {
	b, err := c.Fetch(ctx, path, Workload{Name: "query", Document: document, PostGraphile: document},
		Request{Vars: vars, PostGraphileVars: vars})
	if err != nil {
		return err
	}
	return json.Unmarshal(b, &struct{ Data any }{out})
}

// ServerStatements reads careergraph_sql_statements_total from the API's metrics.
func (c *Client) ServerStatements(ctx context.Context) (int64, error) {
	m, err := metrics(ctx, c.HTTP, c.Metrics)
	if err != nil {
		return 0, err
	}
	n, ok := m["careergraph_sql_statements_total"]
	if !ok {
		return 0, fmt.Errorf("%s has no careergraph_sql_statements_total", c.Metrics)
	}
	return int64(n), nil
}

// metrics reads the samples of a Prometheus page at url, by name with its labels as written
// (`go_memstats_heap_inuse_bytes`, `careergraph_db_reads_total{target="replica"}`).
func metrics(ctx context.Context, client *http.Client, url string) (map[string]float64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	m := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		if i := strings.LastIndexByte(line, ' '); i > 0 {
			if v, err := strconv.ParseFloat(line[i+1:], 64); err == nil {
				m[line[:i]] = v
			}
		}
	}
	return m, sc.Err()
}

// Load says how hard and how long to drive a path.
type Load struct {
	// Concurrency is the number of requests in flight at any time.
	Concurrency int
	// Duration is how long to measure; Requests, when not 0, the number of requests instead.
	Duration time.Duration
	Requests int
	// From is the index of the workload's request to start at: a path measured in turns takes
	// up each turn where its last one stopped.
	From int
}

// Result is what one path answered one workload under load.
type Result struct {
	Workload string
	Path     Path
	Requests int
	Elapsed  time.Duration
	// Latencies are the requests' times, shortest first.
	Latencies []time.Duration
	// Statements is the number of SQL statements the path sent during the measurement, when
	// Counted.
	Statements int64
	Counted    bool
	// CPU is the CPU time the processes serving the path spent during the measurement; 0 when
	// not measured.
	CPU time.Duration
	// DBCPU is the CPU time PostgreSQL's backends spent during the measurement; 0 when not
	// measured.
	DBCPU time.Duration
	// PeakRSS is the largest resident set of the processes serving the path during the
	// measurement (bytes, summed over them); 0 when not measured.
	PeakRSS int64
	// LoadCPU is the CPU time the load generator's process spent during the measurement (with
	// the direct-SQL path's handler when it is measured); 0 when not measured.
	LoadCPU time.Duration
}

// Counters read what a path has spent so far.
type Counters struct {
	// Statements, when set, reads the path's count of SQL statements.
	Statements func(context.Context) (int64, error)
	// CPU, when set, reads the CPU time of the processes that serve the path.
	CPU func() time.Duration
	// DBCPU, when set, reads the CPU time of PostgreSQL's backends.
	DBCPU func() time.Duration
	// PeakRSS, when set, returns the largest resident set of the processes serving the path
	// since it was last called.
	PeakRSS func() int64
	// LoadCPU, when set, reads the CPU time of the load generator's process.
	LoadCPU func() time.Duration
}

// add adds o, the same path's result over another stretch of time, to r.
func (r *Result) add(o Result) {
	r.Requests += o.Requests
	r.Elapsed += o.Elapsed
	r.Latencies = append(r.Latencies, o.Latencies...)
	slices.Sort(r.Latencies)
	r.Statements += o.Statements
	r.Counted = r.Counted && o.Counted
	r.CPU += o.CPU
	r.DBCPU += o.DBCPU
	r.LoadCPU += o.LoadCPU
	r.PeakRSS = max(r.PeakRSS, o.PeakRSS)
}

// PerSecond is the throughput.
func (r Result) PerSecond() float64 { return float64(r.Requests) / r.Elapsed.Seconds() }

// Quantile is the latency below which the fraction q of the requests finished.
func (r Result) Quantile(q float64) time.Duration {
	if len(r.Latencies) == 0 {
		return 0
	}
	return r.Latencies[min(int(q*float64(len(r.Latencies))), len(r.Latencies)-1)]
}

// CPUPerRequest is the serving processes' CPU time divided by the requests.
func (r Result) CPUPerRequest() time.Duration {
	if r.Requests == 0 {
		return 0
	}
	return r.CPU / time.Duration(r.Requests)
}

// DBCPUPerRequest is PostgreSQL's CPU time divided by the requests.
func (r Result) DBCPUPerRequest() time.Duration {
	if r.Requests == 0 {
		return 0
	}
	return r.DBCPU / time.Duration(r.Requests)
}

// LoadCPUPerRequest is the load generator's CPU time divided by the requests.
func (r Result) LoadCPUPerRequest() time.Duration {
	if r.Requests == 0 {
		return 0
	}
	return r.LoadCPU / time.Duration(r.Requests)
}

// StatementsPerRequest is the path's statements divided by its requests.
func (r Result) StatementsPerRequest() float64 {
	if r.Requests == 0 {
		return 0
	}
	return float64(r.Statements) / float64(r.Requests)
}

// Drive sends w's requests by path with l's concurrency until l's duration or count is reached,
// and times them. The first error stops the run and is returned. The counters are read before
// and after, so nothing else may use the path meanwhile.
func (c *Client) Drive(ctx context.Context, path Path, w Workload, l Load, counters Counters) (Result, error) {
	res := Result{Workload: w.Name, Path: path}
	read := func(f func() time.Duration) time.Duration {
		if f == nil {
			return 0
		}
		return f()
	}
	statements := func() (int64, error) {
		if counters.Statements == nil {
			return 0, nil
		}
		return counters.Statements(ctx)
	}
	// Written out before anything is counted: the direct-SQL path's CPU is this process's.
	addr, raw, err := c.wired(ctx, path, w)
	if err != nil {
		return res, err
	}
	before, err := statements()
	if err != nil {
		return res, err
	}
	cpuBefore, dbBefore, loadBefore := read(counters.CPU), read(counters.DBCPU), read(counters.LoadCPU)
	if counters.PeakRSS != nil {
		counters.PeakRSS()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next     atomic.Int64
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	start := time.Now()
	end := start.Add(l.Duration)
	for range max(l.Concurrency, 1) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			conn := &wireConn{addr: addr}
			defer conn.close()
			var mine []time.Duration
			for {
				i := int(next.Add(1) - 1)
				if (l.Requests > 0 && i >= l.Requests) || (l.Requests == 0 && time.Now().After(end)) || ctx.Err() != nil {
					break
				}
				t := time.Now()
				resp, body, err := conn.do(ctx, raw[(l.From+i)%len(raw)], t.Add(time.Minute))
				if err == nil {
					err = answered(path, w, resp, body)
				}
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					cancel()
					break
				}
				mine = append(mine, time.Since(t))
			}
			mu.Lock()
			res.Latencies = append(res.Latencies, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.CPU, res.DBCPU, res.LoadCPU = read(counters.CPU)-cpuBefore, read(counters.DBCPU)-dbBefore, read(counters.LoadCPU)-loadBefore
	if counters.PeakRSS != nil {
		res.PeakRSS = counters.PeakRSS()
	}
	if firstErr != nil {
		return res, firstErr
	}
	after, err := statements()
	if err != nil {
		return res, err
	}
	slices.Sort(res.Latencies)
	res.Requests, res.Statements, res.Counted = len(res.Latencies), after-before, counters.Statements != nil
	return res, nil
}
