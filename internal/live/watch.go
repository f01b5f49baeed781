package live

import (
	"context"
	"errors"
	"slices"

	"careergraph/internal/changes"
)

// ErrNotFound is returned by the watchers when the watched object does not exist for the viewer.
var ErrNotFound = errors.New("not found")

// Object describes one watched object. Load reads it with the viewer's rights (ok false when it
// does not exist or the viewer may not read it), after events of generation gen (0 for the first
// read); Topics are what it depends on, its own topic and, for instance, its parent's, whose
// publication decides whether it may be read.
type Object[T any] struct {
	Load   func(ctx context.Context, gen uint64) (v T, ok bool, err error)
	Topics func(v T) []string
	// Same reports that nothing a subscriber watches changed between two reads.
	Same func(a, b T) bool
}

// WatchObject sends the object as it is now, then again each time it changes as Same sees it. The
// channel closes when the object stops being readable, when the subscriber falls too far behind
// or when ctx ends. An object that cannot be read at the start is ErrNotFound.
func WatchObject[T any](ctx context.Context, h *Hub, o Object[T]) (<-chan T, error) {
	// Subscribed before the first read: a change committed after it is heard.
	sub := h.Subscribe()
	v, ok, err := o.Load(ctx, 0)
	if err != nil || !ok {
		sub.Close()
		return nil, cmpErr(err, ErrNotFound)
	}
	watched := map[string]bool{}
	watch := func(v T) {
		for _, t := range o.Topics(v) {
			if !watched[t] {
				watched[t] = true
				sub.Watch(t)
			}
		}
	}
	watch(v)
	ch := make(chan T, 1)
	ch <- v
	go pump(ctx, sub, ch, func(events []Event) ([]T, bool) {
		nv, ok, err := o.Load(ctx, events[len(events)-1].Gen)
		if err != nil || !ok {
			return nil, false
		}
		watch(nv)
		if o.Same(v, nv) {
			return nil, true
		}
		v = nv
		return []T{v}, true
	})
	return ch, nil
}

// pump runs a subscription: for each batch of events, step says what to send and whether to go
// on. The channel closes when step says stop, when the subscriber falls more than MaxPending
// events behind, or when ctx ends.
func pump[T any](ctx context.Context, sub *Sub, ch chan<- T, step func([]Event) ([]T, bool)) {
	defer close(ch)
	defer sub.Close()
	for {
		select {
		case <-ctx.Done():
			return
		case <-sub.Ready():
		}
		events, alive := sub.Take()
		if !alive {
			return
		}
		if len(events) == 0 {
			continue
		}
		out, more := step(events)
		for _, v := range out {
			select {
			case ch <- v:
			case <-ctx.Done():
				return
			}
		}
		if !more {
			return
		}
	}
}

// Set describes the watched children of one parent (a training's sessions).
type Set[T any] struct {
	// Parent is the topic of the children's events, ParentTopic the parent's own; ParentReadable
	// reports whether the viewer may still read the parent.
	Parent, ParentTopic string
	ParentReadable      func(ctx context.Context) (bool, error)
	// Initial returns the children the viewer may read now, by ID.
	Initial func(ctx context.Context) (map[int]T, error)
	// Load reads children by ID with the viewer's rights; those left out do not exist for it.
	Load func(ctx context.Context, ids []int) (map[int]T, error)
	// Same reports that a child did not change between two reads: an event committed before
	// the subscription started may arrive after it, and is not news.
	Same func(a, b T) bool
	// ChildTopic is the topic of one child's own events (its deletion among them).
	ChildTopic func(id int) string
}

// SetChange is a child that appeared (CREATE), changed (UPDATE) or went (DELETE) for the viewer.
type SetChange[T any] struct {
	Op    string
	ID    int
	Value T
}

// WatchSet sends the changes of a parent's children as the viewer sees them: a child that becomes
// readable is created, one that stops being readable is deleted. The channel closes when the
// parent stops being readable, when the subscriber falls too far behind or when ctx ends. A parent
// that cannot be read at the start is ErrNotFound.
func WatchSet[T any](ctx context.Context, h *Hub, s Set[T]) (<-chan SetChange[T], error) {
	sub := h.Subscribe(s.Parent, s.ParentTopic)
	ok, err := s.ParentReadable(ctx)
	if err != nil || !ok {
		sub.Close()
		return nil, cmpErr(err, ErrNotFound)
	}
	known, err := s.Initial(ctx)
	if err != nil {
		sub.Close()
		return nil, err
	}
	for id := range known {
		sub.Watch(s.ChildTopic(id))
	}
	ch := make(chan SetChange[T], 16)
	go pump(ctx, sub, ch, func(events []Event) ([]SetChange[T], bool) {
		out, ok, err := setChanges(ctx, s, sub, known, events)
		return out, ok && err == nil
	})
	return ch, nil
}

// setChanges turns a batch of events into what the viewer sees change, and reports false when the
// parent is no longer readable.
func setChanges[T any](ctx context.Context, s Set[T], sub *Sub, known map[int]T, events []Event) ([]SetChange[T], bool, error) {
	var order []int
	var parent bool
	last := map[int]string{}
	for _, e := range events {
		if Topic(e.Type, e.ObjectID) == s.ParentTopic {
			parent = true
			continue
		}
		if _, seen := last[e.ObjectID]; !seen {
			order = append(order, e.ObjectID)
		}
		last[e.ObjectID] = e.Op
	}
	if parent {
		if ok, err := s.ParentReadable(ctx); err != nil || !ok {
			return nil, false, err
		}
	}
	var load []int
	for _, id := range order {
		if last[id] != "DELETE" {
			load = append(load, id)
		}
	}
	if parent {
		// The parent's publication decides what of its children may be read: read them all again.
		for id := range known {
			if !slices.Contains(load, id) {
				order = append(order, id)
				load = append(load, id)
			}
		}
	}
	values := map[int]T{}
	if len(load) > 0 {
		var err error
		if values, err = s.Load(ctx, load); err != nil {
			return nil, false, err
		}
	}
	var out []SetChange[T]
	for _, id := range order {
		v, readable := values[id]
		was, wasKnown := known[id]
		switch {
		case readable && wasKnown:
			if !s.Same(was, v) {
				out = append(out, SetChange[T]{Op: "UPDATE", ID: id, Value: v})
			}
			known[id] = v
		case readable:
			known[id] = v
			sub.Watch(s.ChildTopic(id))
			out = append(out, SetChange[T]{Op: "CREATE", ID: id, Value: v})
		case wasKnown:
			delete(known, id)
			out = append(out, SetChange[T]{Op: "DELETE", ID: id})
		}
	}
	return out, true, nil
}

// Feed reads the change feed with the viewer's rights from a cursor.
type Feed func(ctx context.Context, after string) (*changes.Page, error)

// WatchFeed sends the feed's entries after the cursor, then each new one as it commits, in commit
// order, none twice. The first page is read before it returns, so that a bad cursor or a viewer
// who may not read the feed is an error of the subscription itself.
func WatchFeed(ctx context.Context, h *Hub, read Feed, after string) (<-chan *changes.Entry, error) {
	sub := h.SubscribeFeed()
	page, err := read(ctx, after)
	if err != nil {
		sub.Close()
		return nil, err
	}
	ch := make(chan *changes.Entry)
	go func() {
		defer close(ch)
		defer sub.Close()
		for {
			for i := range page.Entries {
				select {
				case ch <- &page.Entries[i]:
				case <-ctx.Done():
					return
				}
			}
			if !page.HasMore {
				select {
				case <-ctx.Done():
					return
				case <-sub.Ready():
				}
			}
			if page, err = read(ctx, page.EndCursor); err != nil {
				return
			}
		}
	}()
	return ch, nil
}

func cmpErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}
