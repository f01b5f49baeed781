package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/coder/websocket"

	"careergraph/ent"
	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
	"careergraph/internal/config"
	"careergraph/internal/gid"
	"careergraph/internal/store"
)

// LiveOptions size the live-update measurements.
type LiveOptions struct {
	// Binary is the server to start; Idle how many idle subscriptions one process is given to
	// hold; Subscribers how many, split between two processes, wait for each of Changes seat
	// changes.
	Binary                     string
	Idle, Subscribers, Changes int
}

// LiveReport is what Live measured.
type LiveReport struct {
	Idle                                    int
	RSSPerSubscription, HeapPerSubscription float64
	Subscribers, Changes                    int
	P50, P99, Max                           time.Duration
}

// Live measures subscriptions on the PostgreSQL database of cfg: how much memory one server
// process spends on each idle subscription (each on a WebSocket of its own, as browsers hold
// them), and how long a change of a session's seats, written straight into the database, takes
// to reach every one of Subscribers subscribers, half of them on each of two processes.
func Live(ctx context.Context, cfg config.Config, getenv func(string) string, st *store.Store, o LiveOptions, w io.Writer) (*LiveReport, error) {
	if _, err := st.Migrate(ctx); err != nil {
		return nil, err
	}
	session, drop, err := liveSession(ctx, st)
	if err != nil {
		return nil, err
	}
	defer drop()
	extra := []string{"SUBSCRIPTION_CONNECTIONS_PER_CLIENT=1000000", "SUBSCRIPTION_IDLE_TIMEOUT=1h"}
	a, err := startServer(ctx, o.Binary, cfg, getenv, extra...)
	if err != nil {
		return nil, err
	}
	defer a.stop()
	r := &LiveReport{Idle: o.Idle, Subscribers: o.Subscribers, Changes: o.Changes}

	// Idle subscriptions: the process's memory before and after it holds them, settled.
	rss0, heap0, err := a.settledMemory(ctx, 0)
	if err != nil {
		return nil, err
	}
	idle, err := subscribeMany(ctx, a.base, session, o.Idle)
	if err != nil {
		return nil, err
	}
	rss1, heap1, err := a.settledMemory(ctx, o.Idle)
	closeAll(idle)
	if err != nil {
		return nil, err
	}
	r.RSSPerSubscription = float64(rss1-rss0) / float64(o.Idle)
	r.HeapPerSubscription = float64(heap1-heap0) / float64(o.Idle)
	fmt.Fprintf(w, "idle: %d subscriptions, %.1f KiB resident and %.1f KiB of heap and stacks each\n",
		o.Idle, r.RSSPerSubscription/1024, r.HeapPerSubscription/1024)

	// Fan-out: half the subscribers on each of two processes.
	b, err := startServer(ctx, o.Binary, cfg, getenv, extra...)
	if err != nil {
		return nil, err
	}
	defer b.stop()
	onA, err := subscribeMany(ctx, a.base, session, o.Subscribers/2)
	if err != nil {
		return nil, err
	}
	defer closeAll(onA)
	onB, err := subscribeMany(ctx, b.base, session, o.Subscribers-o.Subscribers/2)
	if err != nil {
		return nil, err
	}
	defer closeAll(onB)
	all := slices.Concat(onA, onB)
	key, _, _ := gid.Decode(session)
	var latencies []time.Duration
	for i := range o.Changes {
		start := time.Now()
		if _, err := st.DB.ExecContext(ctx, `UPDATE training_sessions SET seats_left = $2 WHERE id = $1`, key, 1000-i-1); err != nil {
			return nil, err
		}
		for _, s := range all {
			select {
			case at := <-s.events:
				latencies = append(latencies, at.Sub(start))
			case <-time.After(time.Minute):
				return nil, fmt.Errorf("change %d did not reach every subscriber within a minute", i)
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
	}
	slices.Sort(latencies)
	q := func(p float64) time.Duration { return latencies[min(len(latencies)-1, int(p*float64(len(latencies))))] }
	r.P50, r.P99, r.Max = q(0.50), q(0.99), latencies[len(latencies)-1]
	fmt.Fprintf(w, "fan-out: %d seat changes to %d subscribers on two processes: p50 %s, p99 %s, max %s\n",
		o.Changes, o.Subscribers, r.P50.Round(time.Millisecond), r.P99.Round(time.Millisecond), r.Max.Round(time.Millisecond))
	return r, nil
}

// liveSession creates a published session to watch, with 1,000 seats, and returns its ID and
// what removes it again.
func liveSession(ctx context.Context, st *store.Store) (string, func(), error) {
	ctx = access.AsSystem(ctx)
	c := st.Client
	suffix := strconv.FormatInt(time.Now().UnixNano(), 36)
	p, err := c.Provider.Query().First(ctx)
	if ent.IsNotFound(err) {
		p, err = c.Provider.Create().SetName("Bench provider " + suffix).SetSlug("bench-provider-" + suffix).Save(ctx)
	}
	if err != nil {
		return "", nil, err
	}
	t, err := c.Training.Create().SetTitle("Live bench " + suffix).SetSlug("live-bench-" + suffix).SetLevel(enum.Beginner).
		SetFormat(enum.Online).SetProviderID(p.ID).SetStatus(enum.Published).Save(ctx)
	if err != nil {
		return "", nil, err
	}
	start := time.Now().Add(30 * 24 * time.Hour)
	s, err := c.TrainingSession.Create().SetTrainingID(t.ID).SetCode("bench").SetStartsAt(start).
		SetEndsAt(start.Add(time.Hour)).SetCapacity(1000).SetOnline(true).Save(ctx)
	if err != nil {
		return "", nil, err
	}
	return gid.Encode(s.ID), func() {
		_ = c.TrainingSession.DeleteOneID(s.ID).Exec(ctx)
		_ = c.Training.DeleteOneID(t.ID).Exec(ctx)
	}, nil
}

// subscriber is one WebSocket with one sessionSeats subscription; events receives the time of
// each event after the first.
type subscriber struct {
	conn   *websocket.Conn
	events chan time.Time
}

// subscribeMany opens n subscribers to base, a few at a time, each with its first event in.
func subscribeMany(ctx context.Context, base, session string, n int) ([]*subscriber, error) {
	out := make([]*subscriber, n)
	errs := make(chan error, n)
	var wg sync.WaitGroup
	slots := make(chan struct{}, 32)
	for i := range n {
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			s, err := subscribe(ctx, base, session)
			if err != nil {
				errs <- err
				return
			}
			out[i] = s
		}()
	}
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		closeAll(out)
		return nil, err
	}
	return out, nil
}

func subscribe(ctx context.Context, base, session string) (*subscriber, error) {
	conn, _, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(base, "http")+"/graphql",
		&websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}})
	if err != nil {
		return nil, err
	}
	send := func(v any) error {
		b, _ := json.Marshal(v)
		return conn.Write(ctx, websocket.MessageText, b)
	}
	next := func() (string, error) {
		_, b, err := conn.Read(ctx)
		if err != nil {
			return "", err
		}
		var m struct{ Type string }
		_ = json.Unmarshal(b, &m)
		return m.Type, nil
	}
	fail := func(err error) (*subscriber, error) { _ = conn.CloseNow(); return nil, err }
	if err := send(map[string]any{"type": "connection_init"}); err != nil {
		return fail(err)
	}
	if t, err := next(); err != nil || t != "connection_ack" {
		return fail(fmt.Errorf("connection_init: %s %v", t, err))
	}
	if err := send(map[string]any{"type": "subscribe", "id": "1", "payload": map[string]any{
		"query": `subscription($s: ID!) { sessionSeats(sessionId: $s) { seatsLeft } }`, "variables": map[string]any{"s": session}}}); err != nil {
		return fail(err)
	}
	if t, err := next(); err != nil || t != "next" {
		return fail(fmt.Errorf("subscribing: %s %v", t, err))
	}
	s := &subscriber{conn: conn, events: make(chan time.Time, 1024)}
	go func() {
		for {
			t, err := next()
			if err != nil {
				return
			}
			if t == "next" {
				s.events <- time.Now()
			}
		}
	}()
	return s, nil
}

func closeAll(ss []*subscriber) {
	for _, s := range ss {
		if s != nil {
			_ = s.conn.CloseNow()
		}
	}
}

// settledMemory waits until the server holds want subscriptions, lets it collect its garbage
// and returns its resident set and its Go heap and stacks in use.
func (s *server) settledMemory(ctx context.Context, want int) (rss, heap int64, err error) {
	deadline := time.Now().Add(time.Minute)
	for {
		m, err := metrics(ctx, http.DefaultClient, s.base+"/metrics")
		if err != nil {
			return 0, 0, err
		}
		if int(m["careergraph_subscriptions_active"]) == want {
			break
		}
		if time.Now().After(deadline) {
			return 0, 0, errors.New("the server never counted the subscriptions opened")
		}
		time.Sleep(100 * time.Millisecond)
	}
	// Two seconds without work: what the collector frees by then is garbage, not subscriptions.
	time.Sleep(2 * time.Second)
	m, err := metrics(ctx, http.DefaultClient, s.base+"/metrics")
	if err != nil {
		return 0, 0, err
	}
	rss, _ = procStatus(s.cmd.Process.Pid, "VmRSS")
	return rss, int64(m["go_memstats_heap_inuse_bytes"] + m["go_memstats_stack_inuse_bytes"]), nil
}
