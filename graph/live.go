package graph

import (
	"context"
	"errors"
	"fmt"

	"careergraph/ent"
	"careergraph/internal/access"
	"careergraph/internal/apierr"
	"careergraph/internal/gid"
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
		return apierr.Invalid(arg, "%s: no %s has the ID %s", arg, typ, gid.Encode(id))
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
