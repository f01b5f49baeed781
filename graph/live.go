package graph

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"careergraph/ent"
	"careergraph/ent/training"
	"careergraph/ent/trainingsession"
	"careergraph/graph/model"
	"careergraph/internal/access"
	"careergraph/internal/apierr"
	"careergraph/internal/changes"
	"careergraph/internal/live"
)

// errNoLive answers subscriptions where the server runs without live updates (a schema built
// for commands or benchmarks).
var errNoLive = apierr.New(apierr.Internal, "live updates are not available")

// sessionTopics are what a session's seats depend on: the session, and its training, whose
// publication decides whether the session may be read.
func sessionTopics(s *ent.TrainingSession) []string {
	return []string{live.Topic("TrainingSession", s.ID), live.Topic("Training", s.TrainingID)}
}

// sameSession reports that nothing of a session changed between two reads: edits bump its
// version and time, registrations its seats.
func sameSession(a, b *ent.TrainingSession) bool {
	return a.Version == b.Version && a.UpdatedAt.Equal(b.UpdatedAt) && a.SeatsLeft == b.SeatsLeft && a.Status == b.Status
}

// rightsOf names what the viewer in ctx may read: viewers with the same name read the same rows,
// and may share what one of them read (all anonymous viewers do).
func rightsOf(ctx context.Context) string {
	v := access.FromContext(ctx)
	return fmt.Sprintf("%d/%d/%s/%d/%d/%v", v.Kind, v.UserID, v.Role, v.KeyID, v.ProviderID, v.Scopes)
}

// notFound turns live.ErrNotFound into the error of an argument naming nothing the viewer may
// read: the same words whether the object does not exist or is hidden from the viewer.
func notFound(err error, arg, typ string, id int) error {
	if errors.Is(err, live.ErrNotFound) {
		return apierr.NoObject(arg, typ, id)
	}
	return err
}

// relay passes the values of in on, converted, until in closes or ctx ends.
func relay[A, B any](ctx context.Context, in <-chan A, convert func(A) B) <-chan B {
	out := make(chan B)
	go func() {
		defer close(out)
		for a := range in {
			select {
			case out <- convert(a):
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

// watchSeats watches a session's seats and status for the viewer in ctx.
func (r *Resolver) watchSeats(ctx context.Context, sessionID int) (<-chan *ent.TrainingSession, error) {
	return live.WatchObject(ctx, r.live, live.Object[*ent.TrainingSession]{
		// Every column: what decides whether an event is sent (seats, status) and what the
		// session depends on (its training) are read whatever the client selected.
		// Subscribers with the same rights woken by the same event read the session once.
		Load: func(ctx context.Context, gen uint64) (*ent.TrainingSession, bool, error) {
			v, err := r.live.Once(ctx, gen, rightsOf(ctx)+" "+strconv.Itoa(sessionID), func(ctx context.Context) (any, error) {
				return r.client.TrainingSession.Query().Where(trainingsession.ID(sessionID)).Only(ctx)
			})
			if ent.IsNotFound(err) {
				return nil, false, nil
			}
			s, _ := v.(*ent.TrainingSession)
			return s, err == nil, err
		},
		Topics: sessionTopics,
		Same: func(a, b *ent.TrainingSession) bool {
			return a.SeatsLeft == b.SeatsLeft && a.Status == b.Status
		},
	})
}

// watchSessions watches the sessions of a training for the viewer in ctx.
func (r *Resolver) watchSessions(ctx context.Context, trainingID int) (<-chan *model.TrainingSessionChange, error) {
	id := func(s *ent.TrainingSession) int { return s.ID }
	sessions := r.client.TrainingSession.Query().Where(trainingsession.TrainingID(trainingID))
	changes, err := live.WatchSet(ctx, r.live, live.Set[*ent.TrainingSession]{
		Parent:      live.SessionsOf(trainingID),
		ParentTopic: live.Topic("Training", trainingID),
		ParentReadable: func(ctx context.Context) (bool, error) {
			return r.client.Training.Query().Where(training.ID(trainingID)).Exist(ctx)
		},
		Initial: func(ctx context.Context) (map[int]*ent.TrainingSession, error) {
			ss, err := sessions.Clone().All(ctx)
			return byID(ss, id), err
		},
		Load: func(ctx context.Context, ids []int) (map[int]*ent.TrainingSession, error) {
			ss, err := sessions.Clone().Where(trainingsession.IDIn(ids...)).All(ctx)
			return byID(ss, id), err
		},
		ChildTopic: func(id int) string { return live.Topic("TrainingSession", id) },
		Same:       sameSession,
	})
	if err != nil {
		return nil, err
	}
	return relay(ctx, changes, func(c live.SetChange[*ent.TrainingSession]) *model.TrainingSessionChange {
		return &model.TrainingSessionChange{Operation: model.ChangeOperation(c.Op), SessionID: c.ID, Session: c.Value}
	}), nil
}

// watchChanges pushes the change feed to the viewer in ctx: after the cursor after, or from now.
func (r *Resolver) watchChanges(ctx context.Context, types []model.ChangeType, after *string) (<-chan *changes.Entry, error) {
	names := make([]string, len(types))
	for i, t := range types {
		names[i] = string(t)
	}
	from := ""
	if after != nil {
		from = *after
	} else {
		// Only what commits from now on; the position itself reveals nothing until an entry the
		// viewer may read is sent.
		last, err := r.changes.Last(access.AsSystem(ctx))
		if err != nil {
			return nil, err
		}
		from = last
	}
	return live.WatchFeed(ctx, r.live, func(ctx context.Context, after string) (*changes.Page, error) {
		return r.changes.Read(ctx, after, names, 100)
	}, from)
}
