// Package bench measures what the GraphQL API costs over plain SQL: the same three reads a
// front-end makes — (a) a profession page, (b) a page of professions with their skills, (c) a
// search page — asked of the API and of a direct-SQL handler (hand-written SQL through
// database/sql, encoded to JSON, served over HTTP the same way), at the same concurrency, in the
// same run. It reports requests per second, p50 and p99 latency and SQL statements per request
// of each path, and checks the targets of BENCHMARKS.md.
//
// Command (`careergraph bench`) runs it against a real server process on PostgreSQL, building
// the synthetic catalogue first when the database has none; the package's test runs the same
// machinery against an in-process server on a small catalogue.
package bench

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"sync/atomic"
	"text/tabwriter"
	"time"
)

// PageSizes are the page sizes of workload (b) whose statements per request are compared: they
// must not grow with the page.
var PageSizes = []int{10, 50, 100}

// ListingPageSize is the page size of workload (b) under load.
const ListingPageSize = 50

// Settings say how to run the workloads.
type Settings struct {
	// Load is the concurrency and the length of each measurement.
	Load Load
	// Warmup is how long each path runs each workload before it is measured.
	Warmup time.Duration
	// Seed makes the order of the requests repeatable.
	Seed uint64
	// Now is the time from which sessions count as upcoming.
	Now time.Time
}

// Paths are the two ways to the data: the API (through Client) and the direct-SQL handler on
// DB, whose pool counts its statements in SQLStatements.
type Paths struct {
	Client        *Client
	DB            *sql.DB
	SQLStatements *atomic.Int64
	// ServerCPU and SQLCPU, when set, read the CPU time of the process serving each path.
	ServerCPU, SQLCPU func() time.Duration
	// ServerRSS, when set, returns the server's largest resident set since it was last called.
	ServerRSS func() int64
}

// Counters returns the readers of what path spends.
func (p Paths) Counters(path Path) Counters {
	if path == GraphQL {
		return Counters{Statements: p.Client.ServerStatements, CPU: p.ServerCPU, PeakRSS: p.ServerRSS}
	}
	return Counters{Statements: func(context.Context) (int64, error) { return p.SQLStatements.Load(), nil }, CPU: p.SQLCPU}
}

// Workloads builds the three workloads over the catalogue in p.DB, (b) with pages of size.
func (p Paths) Workloads(ctx context.Context, s Settings, size int) ([]Workload, Cursors, error) {
	rnd := rand.New(rand.NewPCG(s.Seed, 1))
	a, err := Professions(ctx, p.DB, s.Now, rnd)
	if err != nil {
		return nil, nil, err
	}
	cursors, err := ReadCursors(ctx, p.Client, p.DB)
	if err != nil {
		return nil, nil, err
	}
	return []Workload{a, Listing(cursors, size, 5000, rnd), Search(100, rnd)}, cursors, nil
}

// Pair is one workload's results on both paths.
type Pair struct {
	GraphQL, SQL Result
}

// Ratio is GraphQL's throughput as a share of SQL's.
func (p Pair) Ratio() float64 { return p.GraphQL.PerSecond() / p.SQL.PerSecond() }

// PageSize is workload (b)'s statements per request at one page size, and the server's peak
// memory meanwhile (0 when not measured).
type PageSize struct {
	Size         int
	GraphQL, SQL float64
	PeakRSS      int64
}

// Report is a run's results.
type Report struct {
	Settings  Settings
	Pairs     []Pair
	PageSizes []PageSize
	// PeakRSS and HighWater are the server's largest resident set seen while sampling, and the
	// kernel's high-water mark of it at the end (bytes); 0 when not measured.
	PeakRSS, HighWater int64
}

// Run measures every workload on both paths, each path warmed up first, then compares the
// statements per request of workload (b) at each of PageSizes. progress, when not nil, hears
// what is being measured.
func Run(ctx context.Context, p Paths, s Settings, progress io.Writer) (Report, error) {
	if progress == nil {
		progress = io.Discard
	}
	r := Report{Settings: s}
	workloads, cursors, err := p.Workloads(ctx, s, ListingPageSize)
	if err != nil {
		return r, err
	}
	for _, w := range workloads {
		var pair Pair
		for _, path := range []Path{GraphQL, SQL} {
			fmt.Fprintf(progress, "%s, %s: warming up %s, measuring %s\n", w.Name, path, s.Warmup, describe(s.Load))
			if s.Warmup > 0 {
				warm := Load{Concurrency: s.Load.Concurrency, Duration: s.Warmup}
				if _, err := p.Client.Drive(ctx, path, w, warm, p.Counters(path)); err != nil {
					return r, err
				}
			}
			res, err := p.Client.Drive(ctx, path, w, s.Load, p.Counters(path))
			if err != nil {
				return r, err
			}
			if path == GraphQL {
				pair.GraphQL = res
			} else {
				pair.SQL = res
			}
		}
		r.Pairs = append(r.Pairs, pair)
	}
	rnd := rand.New(rand.NewPCG(s.Seed, 2))
	for _, size := range PageSizes {
		// Pages start where a full page follows: an empty page reads no skills.
		w := Listing(cursors[:max(len(cursors)-size, 0)], size, 40, rnd)
		row := PageSize{Size: size}
		for _, path := range []Path{GraphQL, SQL} {
			res, err := p.Client.Drive(ctx, path, w, Load{Concurrency: s.Load.Concurrency, Requests: len(w.Requests)}, p.Counters(path))
			if err != nil {
				return r, err
			}
			if path == GraphQL {
				row.GraphQL, row.PeakRSS = res.StatementsPerRequest(), res.PeakRSS
			} else {
				row.SQL = res.StatementsPerRequest()
			}
		}
		r.PageSizes = append(r.PageSizes, row)
	}
	return r, nil
}

func describe(l Load) string {
	if l.Requests > 0 {
		return fmt.Sprintf("%d requests", l.Requests)
	}
	return l.Duration.String()
}

// Targets of BENCHMARKS.md.
const (
	// ListingShare is the least share of the direct-SQL throughput the API must reach on (b).
	ListingShare = 0.6
	// MaxRSS is the most memory the server may hold resident (bytes).
	MaxRSS = 150 << 20
)

// Target is one target and whether the run met it.
type Target struct {
	Name   string
	Pass   bool
	Detail string
}

// Targets checks the report against the targets; memory only when it was measured.
func (r Report) Targets() []Target {
	var out []Target
	for _, p := range r.Pairs {
		if strings.HasPrefix(p.GraphQL.Workload, "(b)") {
			out = append(out, Target{
				Name:   fmt.Sprintf("(b) through GraphQL reaches %.0f%% of the direct-SQL throughput", ListingShare*100),
				Pass:   p.Ratio() >= ListingShare,
				Detail: fmt.Sprintf("%.0f%% (%.1f vs %.1f req/s)", 100*p.Ratio(), p.GraphQL.PerSecond(), p.SQL.PerSecond()),
			})
		}
	}
	if len(r.PageSizes) > 0 {
		same := true
		var seen []string
		for _, s := range r.PageSizes {
			same = same && s.GraphQL == r.PageSizes[0].GraphQL && s.SQL == r.PageSizes[0].SQL
			seen = append(seen, fmt.Sprintf("%d: %g/%g", s.Size, s.GraphQL, s.SQL))
		}
		out = append(out, Target{
			Name:   "statements per request do not grow with the page size",
			Pass:   same,
			Detail: "page size: GraphQL/SQL " + strings.Join(seen, ", "),
		})
	}
	if r.HighWater > 0 {
		peak := max(r.PeakRSS, r.HighWater)
		out = append(out, Target{
			Name:   fmt.Sprintf("server peak RSS under %d MB", MaxRSS>>20),
			Pass:   peak < MaxRSS,
			Detail: fmt.Sprintf("%.1f MB", float64(peak)/(1<<20)),
		})
	}
	return out
}

// Write prints the report as tables.
func (r Report) Write(w io.Writer) error {
	l := r.Settings.Load
	fmt.Fprintf(w, "concurrency %d, %s per path and workload after %s of warm-up\n\n", l.Concurrency, describe(l), r.Settings.Warmup)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%-34s\t%-7s\trequests\treq/s\tp50 ms\tp99 ms\tstatements/req\tCPU ms/req\tserver RSS MB\tGraphQL ÷ SQL\t\n", "workload", "path")
	cpuMeasured := false
	for _, p := range r.Pairs {
		for _, res := range []Result{p.GraphQL, p.SQL} {
			ratio, cpu, rss := "", "-", "-"
			if res.Path == GraphQL {
				ratio = fmt.Sprintf("%.2f", p.Ratio())
			}
			if res.PeakRSS > 0 {
				rss = fmt.Sprintf("%.1f", float64(res.PeakRSS)/(1<<20))
			}
			if res.CPU > 0 {
				cpu, cpuMeasured = fmt.Sprintf("%.1f", ms(res.CPUPerRequest())), true
			}
			fmt.Fprintf(tw, "%-34s\t%-7s\t%d\t%.1f\t%.1f\t%.1f\t%.2f\t%s\t%s\t%s\t\n", res.Workload, res.Path, res.Requests, res.PerSecond(),
				ms(res.Quantile(0.5)), ms(res.Quantile(0.99)), res.StatementsPerRequest(), cpu, rss, ratio)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if cpuMeasured {
		fmt.Fprintln(w, "CPU ms/req: of the server process on the GraphQL rows; of the bench process (the direct-SQL\n"+
			"handler, and the load generator of both paths) on the SQL rows. PostgreSQL's CPU is in neither.\n"+
			"server RSS MB: the server's largest resident set while the workload was measured.")
	}
	fmt.Fprintln(w, "\nstatements per request of (b) by page size (10 skills per profession):")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "page size\tGraphQL\tSQL\tserver RSS MB\t")
	for _, s := range r.PageSizes {
		rss := "-"
		if s.PeakRSS > 0 {
			rss = fmt.Sprintf("%.1f", float64(s.PeakRSS)/(1<<20))
		}
		fmt.Fprintf(tw, "%d\t%.2f\t%.2f\t%s\t\n", s.Size, s.GraphQL, s.SQL, rss)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if r.HighWater > 0 {
		fmt.Fprintf(w, "\nserver memory: peak RSS sampled %.1f MB, high-water mark (VmHWM) %.1f MB\n",
			float64(r.PeakRSS)/(1<<20), float64(r.HighWater)/(1<<20))
	}
	fmt.Fprintln(w, "\ntargets:")
	for _, t := range r.Targets() {
		verdict := "FAIL"
		if t.Pass {
			verdict = "PASS"
		}
		fmt.Fprintf(w, "  %s  %s: %s\n", verdict, t.Name, t.Detail)
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
