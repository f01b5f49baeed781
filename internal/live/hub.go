// Package live fans the catalogue's changes out to the subscriptions of this process.
//
// The change feed (internal/changes) is the one source of truth: triggers write an entry for every
// write of a catalogue object, seat counts included, in the transaction of the write. A Source only
// says that the feed may have grown — in process on SQLite, by PostgreSQL's LISTEN/NOTIFY between
// processes — and carries IDs, never rows. The Hub then reads the feed once for the whole process
// from where it last stopped, so an event missed while the listener was cut off is read all the
// same after it reconnects, and hands each entry to the subscriptions watching its object. A
// subscription reads the object again with its viewer's rights before it sends anything: the
// hub's own reads are the server's, and nothing it reads reaches a client unfiltered.
package live

import (
	"context"
	"log/slog"
	"strconv"
	"sync"
	"time"

	"careergraph/ent/trainingsession"
	"careergraph/internal/access"
	"careergraph/internal/changes"
)

// Event is one change of one object, as the change feed recorded it.
type Event struct {
	// Type is the object's GraphQL type and ObjectID its key; Op is CREATE, UPDATE or DELETE.
	Type     string
	ObjectID int
	Op       string
	// TrainingID is the training of a session that still exists (0 otherwise).
	TrainingID int
	// Gen numbers the hub's reads of the feed: an object read after an event of generation g is
	// at least as new as that event (see Hub.Once).
	Gen uint64
}

// Topic names what a subscription watches: one object, or a training's sessions.
func Topic(typ string, id int) string { return typ + ":" + strconv.Itoa(id) }

// SessionsOf is the topic of every session event of a training.
func SessionsOf(trainingID int) string { return Topic("Training.sessions", trainingID) }

// feedTopic is woken on every batch: subscribers that read the feed themselves.
const feedTopic = "*"

// MaxPending is how many events a subscription may have waiting before it is dropped as too slow;
// an event is small (a few words), so a slow client costs at most this much memory.
const MaxPending = 1000

// Hub reads the change feed for this process and hands its entries to subscriptions.
type Hub struct {
	feed   changes.Feed
	source Source
	log    *slog.Logger
	stats  *Metrics

	mu     sync.Mutex
	topics map[string]map[*Sub]struct{}
	gen    uint64
	cursor string
	wake   chan struct{}

	memoMu sync.Mutex
	memo   map[uint64]map[string]*shared
}

// shared is one read shared by the subscribers of one generation with the same rights.
type shared struct {
	done chan struct{}
	v    any
	err  error
}

// memoGenerations is how many generations of shared reads are kept: a subscriber further behind
// reads for itself.
const memoGenerations = 8

// NewHub returns a hub over feed, woken by source; stats may be nil.
func NewHub(feed changes.Feed, source Source, log *slog.Logger, stats *Metrics) *Hub {
	return &Hub{feed: feed, source: source, log: log, stats: stats,
		topics: map[string]map[*Sub]struct{}{}, wake: make(chan struct{}, 1), memo: map[uint64]map[string]*shared{}}
}

// Start takes the feed's current end as its starting point and fans out until ctx ends. It
// returns once the starting point is known, so that subscriptions made afterwards miss nothing.
func (h *Hub) Start(ctx context.Context) error {
	last, err := h.feed.Last(access.AsSystem(ctx))
	if err != nil {
		return err
	}
	h.cursor = last
	go func() {
		if err := h.source.Listen(ctx, h.poke); err != nil && ctx.Err() == nil {
			h.log.Error("listening for catalogue changes stopped", "error", err)
		}
	}()
	go h.run(ctx)
	return nil
}

// poke says that the feed may have grown; many pokes before the hub reads coalesce into one read.
func (h *Hub) poke() {
	h.stats.woke()
	select {
	case h.wake <- struct{}{}:
	default:
	}
}

func (h *Hub) run(ctx context.Context) {
	retry := time.Duration(0)
	for {
		var again <-chan time.Time
		if retry > 0 {
			again = time.After(retry)
		}
		select {
		case <-ctx.Done():
			return
		case <-h.wake:
		case <-again:
		}
		if err := h.drain(access.AsSystem(ctx)); err != nil {
			if ctx.Err() != nil {
				return
			}
			// Nothing was handed out past the last entry read: the next attempt resumes there.
			retry = min(max(2*retry, 100*time.Millisecond), 5*time.Second)
			h.log.Warn("reading the change feed for subscriptions; retrying", "error", err, "retry_in", retry)
			continue
		}
		retry = 0
	}
}

// drain reads the feed from the hub's cursor to its end and hands the entries out.
func (h *Hub) drain(ctx context.Context) error {
	for {
		page, err := h.feed.Read(ctx, h.cursor, nil, 500)
		if err != nil {
			return err
		}
		if len(page.Entries) > 0 {
			events, err := h.events(ctx, page.Entries)
			if err != nil {
				return err
			}
			h.dispatch(events)
		}
		h.cursor = page.EndCursor
		if !page.HasMore {
			return nil
		}
	}
}

// events turns entries into events, with the trainings of the sessions among them found in one
// query.
func (h *Hub) events(ctx context.Context, entries []changes.Entry) ([]Event, error) {
	var sessions []int
	for _, e := range entries {
		if e.Type == "TrainingSession" && e.Op != "DELETE" {
			sessions = append(sessions, e.ObjectID)
		}
	}
	training := map[int]int{}
	if len(sessions) > 0 {
		var rows []struct {
			ID         int `json:"id"`
			TrainingID int `json:"training_id"`
		}
		err := h.feed.Client.TrainingSession.Query().Where(trainingsession.IDIn(sessions...)).
			Select(trainingsession.FieldID, trainingsession.FieldTrainingID).Scan(ctx, &rows)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			training[r.ID] = r.TrainingID
		}
	}
	out := make([]Event, len(entries))
	for i, e := range entries {
		out[i] = Event{Type: e.Type, ObjectID: e.ObjectID, Op: e.Op, TrainingID: training[e.ObjectID]}
	}
	return out, nil
}

func (h *Hub) dispatch(events []Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.gen++
	h.memoMu.Lock()
	h.memo[h.gen] = map[string]*shared{}
	delete(h.memo, h.gen-memoGenerations)
	h.memoMu.Unlock()
	for i := range events {
		events[i].Gen = h.gen
	}
	for s := range h.topics[feedTopic] {
		s.signal()
	}
	for _, e := range events {
		for s := range h.topics[Topic(e.Type, e.ObjectID)] {
			s.add(e)
		}
		if e.TrainingID != 0 {
			for s := range h.topics[SessionsOf(e.TrainingID)] {
				s.add(e)
			}
		}
	}
}

// Once returns what load returns, calling it once for all callers that pass the same generation
// and key: the subscribers of one object, woken by the same read of the feed, with the same
// rights (key says whose), read it once between them instead of once each. The read runs without
// its first caller's cancellation, since others wait for it. A generation that is no longer kept
// (or 0, before any event) is read by each caller for itself.
func (h *Hub) Once(ctx context.Context, gen uint64, key string, load func(context.Context) (any, error)) (any, error) {
	h.memoMu.Lock()
	m := h.memo[gen]
	if m == nil {
		h.memoMu.Unlock()
		return load(ctx)
	}
	e, ok := m[key]
	if !ok {
		e = &shared{done: make(chan struct{})}
		m[key] = e
	}
	h.memoMu.Unlock()
	if !ok {
		e.v, e.err = load(context.WithoutCancel(ctx))
		close(e.done)
	}
	select {
	case <-e.done:
		return e.v, e.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Subscribe returns a subscription to the events of topics. Close it when done.
func (h *Hub) Subscribe(topics ...string) *Sub {
	s := &Sub{hub: h, c: make(chan struct{}, 1)}
	for _, t := range topics {
		s.Watch(t)
	}
	h.stats.subscribed(1)
	return s
}

// SubscribeFeed returns a subscription that is signalled whenever the feed grows; its reader
// reads the feed itself, with its own rights and from its own cursor.
func (h *Hub) SubscribeFeed() *Sub { return h.Subscribe(feedTopic) }

// Sub is one subscription's queue of events.
type Sub struct {
	hub *Hub
	c   chan struct{}

	mu      sync.Mutex
	topics  []string
	pending []Event
	dropped bool
	closed  bool
}

// Watch adds a topic to the subscription.
func (s *Sub) Watch(topic string) {
	s.update(func(h *Hub) {
		m := h.topics[topic]
		if m == nil {
			m = map[*Sub]struct{}{}
			h.topics[topic] = m
		}
		m[s] = struct{}{}
		s.topics = append(s.topics, topic)
	})
}

// update runs f with the hub's and the subscription's locks held, unless the subscription is
// closed.
func (s *Sub) update(f func(h *Hub)) {
	h := s.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.closed {
		f(h)
	}
}

// Ready is signalled when events are waiting (or, for a feed subscription, when the feed grew).
func (s *Sub) Ready() <-chan struct{} { return s.c }

// Take returns the events waiting, oldest first, and false when the subscription fell more than
// MaxPending events behind and must end.
func (s *Sub) Take() ([]Event, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ev := s.pending
	s.pending = nil
	return ev, !s.dropped
}

func (s *Sub) add(e Event) {
	s.mu.Lock()
	if len(s.pending) >= MaxPending {
		s.dropped = true
	} else {
		s.pending = append(s.pending, e)
	}
	s.mu.Unlock()
	s.signal()
}

func (s *Sub) signal() {
	select {
	case s.c <- struct{}{}:
	default:
	}
}

// Close ends the subscription; closing twice does nothing.
func (s *Sub) Close() {
	s.update(func(h *Hub) {
		s.closed = true
		for _, t := range s.topics {
			delete(h.topics[t], s)
			if len(h.topics[t]) == 0 {
				delete(h.topics, t)
			}
		}
		s.pending = nil
		h.stats.subscribed(-1)
	})
}
