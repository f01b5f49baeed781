package bench

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sync"
	"time"

	"careergraph/internal/config"
	"careergraph/internal/store"
)

// Build is one side of a comparison of two builds of the server: the CPU time its process spent
// per request in each round, and its statements per request over all rounds.
type Build struct {
	Binary string
	Rounds []Result
}

// Against is what Compare measured for one workload.
type Against struct {
	Workload string
	A, B     Build
}

// Compare measures what two builds of the server cost per request, o.Binary (A) and o.Against
// (B), by loading both at the same time with half of o.Load's concurrency each: whatever the
// machine does meanwhile (another process, a CPU that slows down) weighs on both alike, where
// measuring one after the other it weighs on one. Each workload is measured in o.Rounds rounds
// (of o.Load's duration, or of its number of requests, split alike: then both builds answer the
// same requests), in two legs: the first half of the rounds with A's process started first, the
// rest with B's, each leg after a warm-up, because in one comparison of a build with itself the
// process started second spent more per request in every round (1.7 % on the profession page,
// 4.2 % on the search page). Each round's pair is a measurement of B against A; the report
// gives their median and range next to the median of each side.
func Compare(ctx context.Context, cfg config.Config, getenv func(string) string, st *store.Store, o Options, stdout io.Writer) ([]Against, error) {
	half := max(o.Load.Concurrency/2, 1)
	binaries := [2]string{o.Binary, o.Against}
	s := Settings{Load: Load{Concurrency: half, Duration: o.Load.Duration, Requests: o.Load.Requests},
		Rounds: o.Rounds, Seed: o.Seed, Now: time.Now()}
	rounds, turn := s.turns()
	if o.Load.Requests > 0 {
		// A number of requests is split into the rounds too, alike on both sides: both builds
		// then answer the very same requests.
		rounds, turn = max(o.Rounds, 1), Load{Concurrency: half, Requests: (o.Load.Requests + o.Rounds - 1) / max(o.Rounds, 1)}
	}
	fmt.Fprintf(stdout, "A: %s\nB: %s\nboth loaded at the same time, %d requests in flight each; server CPU per request of each\n",
		o.Binary, o.Against, half)
	workloads, err := requestsOf(ctx, cfg, getenv, st, o.Binary, s)
	if err != nil {
		return nil, err
	}
	var out []Against
	for _, w := range workloads {
		r := Against{Workload: w.Name, A: Build{Binary: o.Binary}, B: Build{Binary: o.Against}}
		fmt.Fprintf(stdout, "\n%s\n", w.Name)
		for first := range 2 {
			n := rounds/2 + first*(rounds%2) // B's leg takes the odd round
			if n == 0 {
				continue
			}
			sides, stop, err := startBoth(ctx, cfg, getenv, st, binaries, first, half)
			if err != nil {
				return out, err
			}
			err = r.measure(ctx, sides, w, o.Warmup, turn, n, rounds, "AB"[first:first+1], stdout)
			stop()
			if err != nil {
				return out, err
			}
		}
		r.write(stdout)
		out = append(out, r)
	}
	return out, nil
}

// requestsOf builds the workloads of s with binary's API (the cursors of (b)) and the database:
// data, the same for both builds and both legs.
func requestsOf(ctx context.Context, cfg config.Config, getenv func(string) string, st *store.Store, binary string, s Settings) ([]Workload, error) {
	srv, err := startServer(ctx, binary, cfg, getenv)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", binary, err)
	}
	defer srv.stop()
	p := Paths{Client: NewClient(srv.base+"/graphql", srv.base+"/metrics", "", 1), DB: st.DB}
	w, _, err := p.Workloads(ctx, s, ListingPageSize)
	return w, err
}

// startBoth starts the two binaries, binaries[first] first, and returns a client for each, in
// the order of binaries, and a function that stops both.
func startBoth(ctx context.Context, cfg config.Config, getenv func(string) string, st *store.Store,
	binaries [2]string, first, concurrency int) ([2]Paths, func(), error) {
	var (
		sides   [2]Paths
		servers []*server
	)
	stop := func() {
		for _, srv := range servers {
			srv.stop()
		}
	}
	for _, i := range []int{first, 1 - first} {
		srv, err := startServer(ctx, binaries[i], cfg, getenv)
		if err != nil {
			stop()
			return sides, nil, fmt.Errorf("%s: %w", binaries[i], err)
		}
		servers = append(servers, srv)
		sides[i] = Paths{Client: NewClient(srv.base+"/graphql", srv.base+"/metrics", "", concurrency), DB: st.DB,
			CPU: map[Path]func() time.Duration{Careergraph: cpuOf(srv.cmd.Process.Pid)}}
	}
	return sides, stop, nil
}

// measure warms both builds up on w, then loads them at the same time for n rounds of turn,
// each going on at the request after the last one it answered, and records and prints the
// rounds (numbered out of total; started names the build whose process was started first).
func (a *Against) measure(ctx context.Context, sides [2]Paths, w Workload, warmup time.Duration, turn Load, n, total int, started string, stdout io.Writer) error {
	both := func(load Load, record bool) error {
		var (
			wg   sync.WaitGroup
			res  [2]Result
			errs [2]error
		)
		for i, p := range sides {
			wg.Add(1)
			go func() {
				defer wg.Done()
				l := load
				if record {
					l.From = a.side(i).Total().Requests
				}
				res[i], errs[i] = p.Client.Drive(ctx, Careergraph, w, l, p.Counters(Careergraph))
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
		if record {
			a.A.Rounds, a.B.Rounds = append(a.A.Rounds, res[0]), append(a.B.Rounds, res[1])
			fmt.Fprintf(stdout, "  round %d of %d (%s started first): A %.3f ms (%.1f req/s), B %.3f ms (%.1f req/s)\n",
				len(a.A.Rounds), total, started, ms(res[0].CPUPerRequest()), res[0].PerSecond(), ms(res[1].CPUPerRequest()), res[1].PerSecond())
		}
		return nil
	}
	if warmup > 0 {
		if err := both(Load{Concurrency: turn.Concurrency, Duration: warmup}, false); err != nil {
			return err
		}
	}
	for range n {
		if err := both(turn, true); err != nil {
			return err
		}
	}
	return nil
}

func (a *Against) side(i int) *Build {
	if i == 0 {
		return &a.A
	}
	return &a.B
}

// Total is the build's rounds added up into one result.
func (b Build) Total() Result {
	sum := Result{Counted: true}
	for _, r := range b.Rounds {
		sum.add(r)
	}
	return sum
}

// Median is the median of the build's server CPU per request over its rounds.
func (b Build) Median() time.Duration {
	cpu := make([]time.Duration, len(b.Rounds))
	for i, r := range b.Rounds {
		cpu[i] = r.CPUPerRequest()
	}
	return median(cpu)
}

// Differences is, round by round, B's server CPU per request less A's.
func (a Against) Differences() []time.Duration {
	d := make([]time.Duration, len(a.A.Rounds))
	for i := range d {
		d[i] = a.B.Rounds[i].CPUPerRequest() - a.A.Rounds[i].CPUPerRequest()
	}
	return d
}

func (a Against) write(w io.Writer) {
	d := a.Differences()
	base := a.A.Median()
	share := func(x time.Duration) float64 { return 100 * float64(x) / float64(base) }
	fmt.Fprintf(w, "  median: A %.3f ms, B %.3f ms; B − A by round: median %+.3f ms (%+.1f %% of A), from %+.3f to %+.3f ms\n",
		ms(base), ms(a.B.Median()), ms(median(d)), share(median(d)), ms(slices.Min(d)), ms(slices.Max(d)))
	fmt.Fprintf(w, "  statements per request: A %.2f, B %.2f\n", a.A.Total().StatementsPerRequest(), a.B.Total().StatementsPerRequest())
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	switch n := len(s); {
	case n == 0:
		return 0
	case n%2 == 1:
		return s[n/2]
	default:
		return (s[n/2-1] + s[n/2]) / 2
	}
}
