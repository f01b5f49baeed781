// Package bench measures what the GraphQL API costs against its peer and against the limit: the
// same three reads a front-end makes — (a) a profession page, (b) a page of professions with their
// skills, (c) a search page — asked of careergraph's API, of PostGraphile serving the same tables
// (the peer; see postgraphile.sql and scripts/postgraphile) and of a direct-SQL handler (prepared
// statements that have PostgreSQL build the JSON, served over HTTP the same way: the limit), at
// the same concurrency, in the same run. It reports requests per second, p50 and p99 latency, SQL
// statements, PostgreSQL's and the server's CPU time per request and the server's memory on each
// path, and checks the targets of BENCHMARKS.md.
//
// Measure, which cmd/bench runs, drives real server processes on PostgreSQL, building the
// synthetic catalogue first when the database has none; the package's test runs the same
// machinery against an in-process server on a small catalogue.
package bench

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
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
	// Rounds splits each measurement of a Load.Duration into this many slices, the paths taking
	// turns, each round in another order, so that a machine that slows down or speeds up during
	// the run weighs on every path alike; 0 or 1 measures each path in one piece, the paths one
	// after the other. Each path's slices add up to one result.
	Rounds int
	// Seed makes the order of the requests repeatable.
	Seed uint64
	// Now is the time from which sessions count as upcoming.
	Now time.Time
}

// Paths are the ways to the data: careergraph's API and PostGraphile (through Client), and the
// direct-SQL handler on DB, whose pool counts its statements in SQLStatements.
type Paths struct {
	Client        *Client
	DB            *sql.DB
	SQLStatements *atomic.Int64
	// PostGraphileStatements, when PostGraphile runs, reads the statements it has sent.
	PostGraphileStatements func(context.Context) (int64, error)
	// CPU, when it has a path, reads the CPU time of the processes serving that path.
	CPU map[Path]func() time.Duration
	// RSS, when it has a path, returns the largest resident set of the processes serving that
	// path since it was last called.
	RSS map[Path]func() int64
	// DBCPU, when set, reads the CPU time of PostgreSQL's backends.
	DBCPU func() time.Duration
	// LoadCPU, when set, reads the CPU time of the process running the load generator.
	LoadCPU func() time.Duration
}

// List is the paths that run, in the order they are measured.
func (p Paths) List() []Path {
	if p.Client.PostGraphile == "" {
		return []Path{Careergraph, SQL}
	}
	return []Path{Careergraph, PostGraphile, SQL}
}

// Counters returns the readers of what path spends.
func (p Paths) Counters(path Path) Counters {
	c := Counters{CPU: p.CPU[path], PeakRSS: p.RSS[path], DBCPU: p.DBCPU, LoadCPU: p.LoadCPU}
	switch path {
	case Careergraph:
		c.Statements = p.Client.ServerStatements
	case PostGraphile:
		c.Statements = p.PostGraphileStatements
	default:
		c.Statements = func(context.Context) (int64, error) { return p.SQLStatements.Load(), nil }
	}
	return c
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

// Comparison is one workload's results, one per path, in the order they ran.
type Comparison []Result

// Of returns path's result, and whether path ran.
func (c Comparison) Of(path Path) (Result, bool) {
	for _, r := range c {
		if r.Path == path {
			return r, true
		}
	}
	return Result{}, false
}

// Ratio is careergraph's throughput divided by path's; 0 when either did not run.
func (c Comparison) Ratio(path Path) float64 {
	cg, ok := c.Of(Careergraph)
	other, ok2 := c.Of(path)
	if !ok || !ok2 || other.PerSecond() == 0 {
		return 0
	}
	return cg.PerSecond() / other.PerSecond()
}

// PageSize is workload (b)'s statements per request at one page size on each path, and
// careergraph's peak memory meanwhile (0 when not measured).
type PageSize struct {
	Size       int
	Statements map[Path]float64
	PeakRSS    int64
}

// Report is a run's results.
type Report struct {
	Settings    Settings
	Comparisons []Comparison
	PageSizes   []PageSize
	// PeakRSS and HighWater are, by path, the largest resident set of its processes seen while
	// sampling and the kernel's high-water mark of it at the end (bytes, summed over the
	// processes); absent when not measured.
	PeakRSS, HighWater map[Path]int64
}

// Run measures every workload on every path: each path warmed up first, then measured in
// s.Rounds turns (see Settings.Rounds); then it compares the statements per request of workload
// (b) at each of PageSizes. progress, when not nil, hears what is being measured.
func Run(ctx context.Context, p Paths, s Settings, progress io.Writer) (Report, error) {
	if progress == nil {
		progress = io.Discard
	}
	r := Report{Settings: s}
	workloads, cursors, err := p.Workloads(ctx, s, ListingPageSize)
	if err != nil {
		return r, err
	}
	paths := p.List()
	rounds, slice := s.turns()
	for _, w := range workloads {
		if s.Warmup > 0 {
			for _, path := range paths {
				fmt.Fprintf(progress, "%s, %s: warming up %s\n", w.Name, path, s.Warmup)
				warm := Load{Concurrency: s.Load.Concurrency, Duration: s.Warmup}
				if _, err := p.Client.Drive(ctx, path, w, warm, p.Counters(path)); err != nil {
					return r, err
				}
			}
		}
		measured := map[Path]*Result{}
		for round := range rounds {
			for i := range paths {
				path := paths[(round+i)%len(paths)]
				fmt.Fprintf(progress, "%s, %s: measuring %s (round %d of %d)\n", w.Name, path, describe(slice), round+1, rounds)
				turn := slice
				if m, ok := measured[path]; ok {
					turn.From = m.Requests
				}
				res, err := p.Client.Drive(ctx, path, w, turn, p.Counters(path))
				if err != nil {
					return r, err
				}
				if m, ok := measured[path]; ok {
					m.add(res)
				} else {
					measured[path] = &res
				}
			}
		}
		var c Comparison
		for _, path := range paths {
			c = append(c, *measured[path])
		}
		r.Comparisons = append(r.Comparisons, c)
	}
	rnd := rand.New(rand.NewPCG(s.Seed, 2))
	for _, size := range PageSizes {
		// Pages start where a full page follows: an empty page reads no skills.
		w := Listing(cursors[:max(len(cursors)-size, 0)], size, 40, rnd)
		row := PageSize{Size: size, Statements: map[Path]float64{}}
		for _, path := range p.List() {
			res, err := p.Client.Drive(ctx, path, w, Load{Concurrency: s.Load.Concurrency, Requests: len(w.Requests)}, p.Counters(path))
			if err != nil {
				return r, err
			}
			if res.Counted {
				row.Statements[path] = res.StatementsPerRequest()
			}
			if path == Careergraph {
				row.PeakRSS = res.PeakRSS
			}
		}
		r.PageSizes = append(r.PageSizes, row)
	}
	return r, nil
}

// turns returns how many rounds each measurement takes and the load of each path's turn.
func (s Settings) turns() (int, Load) {
	if s.Rounds <= 1 || s.Load.Requests > 0 {
		return 1, s.Load
	}
	return s.Rounds, Load{Concurrency: s.Load.Concurrency, Duration: s.Load.Duration / time.Duration(s.Rounds)}
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
	for _, c := range r.Comparisons {
		cg, _ := c.Of(Careergraph)
		sql, _ := c.Of(SQL)
		out = append(out, peerTargets(c, cg)...)
		if cg.label() == "(b)" {
			share := c.Ratio(SQL)
			out = append(out, Target{
				Name:   fmt.Sprintf("(b) through careergraph reaches %.0f%% of the direct-SQL throughput", ListingShare*100),
				Pass:   share >= ListingShare,
				Detail: fmt.Sprintf("%.0f%% (%.1f vs %.1f req/s)", 100*share, cg.PerSecond(), sql.PerSecond()),
			})
		}
	}
	if len(r.PageSizes) > 0 {
		same := true
		var seen []string
		for _, s := range r.PageSizes {
			var counts []string
			for _, path := range []Path{Careergraph, PostGraphile, SQL} {
				n, ok := s.Statements[path]
				if !ok {
					continue
				}
				same = same && n == r.PageSizes[0].Statements[path]
				counts = append(counts, fmt.Sprintf("%g", n))
			}
			seen = append(seen, fmt.Sprintf("%d: %s", s.Size, strings.Join(counts, "/")))
		}
		out = append(out, Target{
			Name:   "statements per request do not grow with the page size",
			Pass:   same,
			Detail: "page size: " + strings.Join(pathNames(r.PageSizes[0].Statements), "/") + " " + strings.Join(seen, ", "),
		})
	}
	if hwm := r.HighWater[Careergraph]; hwm > 0 {
		peak := max(r.PeakRSS[Careergraph], hwm)
		out = append(out, Target{
			Name:   fmt.Sprintf("careergraph's peak RSS under %d MB", MaxRSS>>20),
			Pass:   peak < MaxRSS,
			Detail: fmt.Sprintf("%.1f MB", float64(peak)/(1<<20)),
		})
	}
	return out
}

// peerGoals are what careergraph must reach against PostGraphile on each workload, by the
// workload's label: the least ratio of throughputs and, when not 0, the most careergraph's p99
// latency may be.
var peerGoals = map[string]struct {
	Ratio float64
	P99   time.Duration
}{
	"(a)": {Ratio: 1.3},
	"(b)": {Ratio: 1.3},
	"(c)": {Ratio: 1.5, P99: 150 * time.Millisecond},
}

// peerTargets are c's targets against PostGraphile, when it ran: peerGoals, and on the
// profession page no more of PostgreSQL's CPU per page than PostGraphile's.
func peerTargets(c Comparison, cg Result) []Target {
	peer, ok := c.Of(PostGraphile)
	label := cg.label()
	want, known := peerGoals[label]
	if !ok || !known {
		return nil
	}
	ratio := c.Ratio(PostGraphile)
	t := Target{
		Name:   fmt.Sprintf("%s careergraph at least %.1f× PostGraphile's throughput", label, want.Ratio),
		Pass:   ratio >= want.Ratio,
		Detail: fmt.Sprintf("%.2f× (%.1f vs %.1f req/s)", ratio, cg.PerSecond(), peer.PerSecond()),
	}
	if want.P99 > 0 {
		t.Name += fmt.Sprintf(", p99 at most %d ms", want.P99.Milliseconds())
		t.Pass = t.Pass && cg.Quantile(0.99) <= want.P99
		t.Detail += fmt.Sprintf(", p99 %.1f ms", ms(cg.Quantile(0.99)))
	}
	out := []Target{t}
	if label == "(a)" && cg.DBCPU > 0 && peer.DBCPU > 0 {
		out = append(out, Target{
			Name:   "(a) PostgreSQL's CPU per page through careergraph at most through PostGraphile",
			Pass:   cg.DBCPUPerRequest() <= peer.DBCPUPerRequest(),
			Detail: fmt.Sprintf("%.3f vs %.3f ms", ms(cg.DBCPUPerRequest()), ms(peer.DBCPUPerRequest())),
		})
	}
	return out
}

// label is the workload's label, the first word of its name: "(a)" for "(a) profession page".
func (r Result) label() string {
	label, _, _ := strings.Cut(r.Workload, " ")
	return label
}

// pathNames names the paths that have a value in m, in the order of the report.
func pathNames[T any](m map[Path]T) []string {
	var out []string
	for _, path := range []Path{Careergraph, PostGraphile, SQL} {
		if _, ok := m[path]; ok {
			out = append(out, string(path))
		}
	}
	return out
}

// Write prints the report as tables.
func (r Report) Write(w io.Writer) error {
	l := r.Settings.Load
	fmt.Fprintf(w, "concurrency %d, %s per path and workload after %s of warm-up", l.Concurrency, describe(l), r.Settings.Warmup)
	if rounds, _ := r.Settings.turns(); rounds > 1 {
		fmt.Fprintf(w, ", in %d rounds with the paths taking turns", rounds)
	}
	fmt.Fprint(w, "\n\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%-34s\t%-12s\trequests\treq/s\tp50 ms\tp99 ms\tstatements/req\tPostgreSQL CPU ms/req\tserver CPU ms/req\tpeak RSS MB\tcareergraph ÷\t\n", "workload", "path")
	for _, c := range r.Comparisons {
		for _, res := range c {
			statements, dbCPU, cpu, rss, ratio := "n/a", "-", "-", "-", ""
			if res.Counted {
				statements = fmt.Sprintf("%.2f", res.StatementsPerRequest())
			}
			if res.DBCPU > 0 {
				dbCPU = fmt.Sprintf("%.2f", ms(res.DBCPUPerRequest()))
			}
			if res.CPU > 0 {
				cpu = fmt.Sprintf("%.2f", ms(res.CPUPerRequest()))
			}
			if res.PeakRSS > 0 {
				rss = fmt.Sprintf("%.1f", float64(res.PeakRSS)/(1<<20))
			}
			if res.Path != Careergraph {
				ratio = fmt.Sprintf("%.2f", c.Ratio(res.Path))
			}
			fmt.Fprintf(tw, "%-34s\t%-12s\t%d\t%.1f\t%.1f\t%.1f\t%s\t%s\t%s\t%s\t%s\t\n", res.Workload, res.Path, res.Requests, res.PerSecond(),
				ms(res.Quantile(0.5)), ms(res.Quantile(0.99)), statements, dbCPU, cpu, rss, ratio)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "careergraph ÷: careergraph's requests per second divided by the path's.\n"+
		"PostgreSQL CPU: of the backends of the benchmark's database, from /proc, whichever path they serve.\n"+
		"server CPU and peak RSS: of careergraph's server process; of PostGraphile's processes (the primary\n"+
		"and its workers) together; on the SQL rows, of the benchmark process, which also runs the load\n"+
		"generator of every path.")
	var load []string
	for _, c := range r.Comparisons {
		for _, res := range c {
			if res.LoadCPU > 0 && res.Path != SQL {
				load = append(load, fmt.Sprintf("%s %s %.3f", res.label(), res.Path, ms(res.LoadCPUPerRequest())))
			}
		}
	}
	if len(load) > 0 {
		fmt.Fprintf(w, "load generator CPU ms/req (it shares the machine with every path): %s\n", strings.Join(load, ", "))
	}
	fmt.Fprintln(w, "\nstatements per request of (b) by page size (10 skills per profession):")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	if len(r.PageSizes) > 0 {
		fmt.Fprintf(tw, "page size\t%s\tcareergraph RSS MB\t\n", strings.Join(pathNames(r.PageSizes[0].Statements), "\t"))
	}
	for _, s := range r.PageSizes {
		rss := "-"
		if s.PeakRSS > 0 {
			rss = fmt.Sprintf("%.1f", float64(s.PeakRSS)/(1<<20))
		}
		row := []string{strconv.Itoa(s.Size)}
		for _, name := range pathNames(s.Statements) {
			row = append(row, fmt.Sprintf("%.2f", s.Statements[Path(name)]))
		}
		fmt.Fprintf(tw, "%s\t%s\t\n", strings.Join(row, "\t"), rss)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(r.HighWater) > 0 {
		fmt.Fprintln(w)
	}
	for _, name := range pathNames(r.HighWater) {
		path := Path(name)
		fmt.Fprintf(w, "%s memory: peak RSS sampled %.1f MB, high-water mark (VmHWM) %.1f MB\n", path,
			float64(r.PeakRSS[path])/(1<<20), float64(r.HighWater[path])/(1<<20))
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
