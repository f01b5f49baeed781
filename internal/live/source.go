package live

import (
	"context"
	"time"

	"github.com/lib/pq"
)

// Source says when the change feed may have grown.
type Source interface {
	// Listen calls wake whenever the feed may have grown, and once each time it (re)connects, so
	// that what was written while it could not hear is read, until ctx ends.
	Listen(ctx context.Context, wake func()) error
}

// Local is the source of a process that makes every write itself (SQLite): the store calls Poke
// after each commit.
type Local struct{ c chan struct{} }

// NewLocal returns an in-process source.
func NewLocal() *Local { return &Local{c: make(chan struct{}, 1)} }

// Poke says that a write committed; it never blocks.
func (l *Local) Poke() {
	select {
	case l.c <- struct{}{}:
	default:
	}
}

// Listen implements Source.
func (l *Local) Listen(ctx context.Context, wake func()) error {
	wake()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-l.c:
			wake()
		}
	}
}

// Channel is the PostgreSQL notification channel the change feed's commit trigger notifies
// (migration 20261205013000_change_feed_notify), with the commit's number as the payload.
const Channel = "careergraph_changes"

// Postgres hears the change feed's notifications through lib/pq's listener, which keeps one
// connection of its own and reconnects after PostgreSQL restarts or the connection is cut.
type Postgres struct {
	// URL is the database's connection URL.
	URL   string
	Stats *Metrics
	// OnEvent, when set, hears the listener's connection events (tests and logs).
	OnEvent func(ev pq.ListenerEventType, err error)
}

// Listen implements Source.
func (p Postgres) Listen(ctx context.Context, wake func()) error {
	l := pq.NewListener(p.URL, 100*time.Millisecond, 5*time.Second, func(ev pq.ListenerEventType, err error) {
		if ev == pq.ListenerEventReconnected {
			p.Stats.reconnected()
		}
		if p.OnEvent != nil {
			p.OnEvent(ev, err)
		}
	})
	defer l.Close()
	if err := l.Listen(Channel); err != nil {
		return err
	}
	// Whatever committed before the listener listened is read now.
	wake()
	// A connection that died quietly (a network gone, not closed) is found by pinging it.
	ping := time.NewTicker(30 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case n := <-l.Notify:
			// nil after a reconnection: notifications sent while disconnected are lost, and the
			// feed is read from where the hub stopped.
			if n != nil {
				p.Stats.notified()
			}
			wake()
		case <-ping.C:
			go func() { _ = l.Ping() }()
		}
	}
}
