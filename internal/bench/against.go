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
// measuring one after the other it weighs on one. Each workload is warmed up on both, then
// measured in o.Rounds rounds (of o.Load's duration, or of its number of requests, split alike:
// then both builds answer the same requests); each round's pair is a measurement of B against A,
// and the report gives their median and range next to the median of each side.
func Compare(ctx context.Context, cfg config.Config, getenv func(string) string, st *store.Store, o Options, stdout io.Writer) ([]Against, error) {
	half := max(o.Load.Concurrency/2, 1)
	var sides [2]Paths
	for i, binary := range []string{o.Binary, o.Against} {
		srv, err := startServer(ctx, binary, cfg, getenv)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", binary, err)
		}
		defer srv.stop()
		sides[i] = Paths{Client: NewClient(srv.base+"/graphql", srv.base+"/metrics", "", half), DB: st.DB,
			CPU: map[Path]func() time.Duration{Careergraph: cpuOf(srv.cmd.Process.Pid)}}
	}
	s := Settings{Load: Load{Concurrency: half, Duration: o.Load.Duration, Requests: o.Load.Requests},
		Rounds: o.Rounds, Seed: o.Seed, Now: time.Now()}
	var workloads [2][]Workload
	for i, p := range sides {
		// Each build reads the cursors of (b) from its own API; the same seed makes the same
		// requests of them.
		w, _, err := p.Workloads(ctx, s, ListingPageSize)
		if err != nil {
			return nil, err
		}
		workloads[i] = w
	}
	rounds, turn := s.turns()
	if o.Load.Requests > 0 {
		// A number of requests is split into the rounds too, alike on both sides: both builds
		// then answer the very same requests.
		rounds, turn = max(o.Rounds, 1), Load{Concurrency: half, Requests: (o.Load.Requests + o.Rounds - 1) / max(o.Rounds, 1)}
	}
	fmt.Fprintf(stdout, "A: %s\nB: %s\nboth loaded at the same time, %d requests in flight each; server CPU per request of each\n",
		o.Binary, o.Against, half)
	var out []Against
	for w := range workloads[0] {
		r := Against{Workload: workloads[0][w].Name, A: Build{Binary: o.Binary}, B: Build{Binary: o.Against}}
		fmt.Fprintf(stdout, "\n%s\n", r.Workload)
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
						l.From = total(r.side(i).Rounds)
					}
					res[i], errs[i] = p.Client.Drive(ctx, Careergraph, workloads[i][w], l, p.Counters(Careergraph))
				}()
			}
			wg.Wait()
			for _, err := range errs {
				if err != nil {
					return err
				}
			}
			if record {
				r.A.Rounds, r.B.Rounds = append(r.A.Rounds, res[0]), append(r.B.Rounds, res[1])
				fmt.Fprintf(stdout, "  round %d of %d: A %.3f ms (%.1f req/s), B %.3f ms (%.1f req/s)\n", len(r.A.Rounds), rounds,
					ms(res[0].CPUPerRequest()), res[0].PerSecond(), ms(res[1].CPUPerRequest()), res[1].PerSecond())
			}
			return nil
		}
		if o.Warmup > 0 {
			if err := both(Load{Concurrency: half, Duration: o.Warmup}, false); err != nil {
				return out, err
			}
		}
		for range rounds {
			if err := both(turn, true); err != nil {
				return out, err
			}
		}
		r.write(stdout)
		out = append(out, r)
	}
	return out, nil
}

func (a *Against) side(i int) *Build {
	if i == 0 {
		return &a.A
	}
	return &a.B
}

func total(rs []Result) int {
	n := 0
	for _, r := range rs {
		n += r.Requests
	}
	return n
}

// Statements is the build's statements per request over all its rounds.
func (b Build) Statements() float64 {
	var sum Result
	for _, r := range b.Rounds {
		sum.Requests += r.Requests
		sum.Statements += r.Statements
		sum.Counted = r.Counted
	}
	return sum.StatementsPerRequest()
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
	fmt.Fprintf(w, "  statements per request: A %.2f, B %.2f\n", a.A.Statements(), a.B.Statements())
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
