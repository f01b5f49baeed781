package apitest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"careergraph/ent/provider"
	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
	"careergraph/internal/app"
	"careergraph/internal/config"
	"careergraph/internal/gid"
	"careergraph/internal/ratelimit"
	"careergraph/internal/testing/gqltest"
)

// NewSession creates a published session with the given capacity, starting in a month, of a new
// training of the demo catalogue's Helsinki provider; mutate, when set, gives its registration
// deadline and status. It returns the session's ID.
func NewSession(t *testing.T, s *Server, capacity int, mutate func(start time.Time) (deadline *time.Time, status enum.SessionStatus)) string {
	t.Helper()
	ctx := access.AsSystem(context.Background())
	c := s.Store.Client
	p := c.Provider.Query().Where(provider.Slug("helsinki-code-academy")).OnlyX(ctx)
	tr := c.Training.Create().SetTitle(fmt.Sprintf("Booking Test %d", time.Now().UnixNano())).SetLevel(enum.Beginner).
		SetFormat(enum.Classroom).SetProviderID(p.ID).SetStatus(enum.Published).SaveX(ctx)
	start := time.Now().Add(30 * 24 * time.Hour)
	create := c.TrainingSession.Create().SetTrainingID(tr.ID).SetCode("test").SetStartsAt(start).
		SetEndsAt(start.Add(8 * time.Hour)).SetCapacity(capacity).SetCity("Helsinki")
	if mutate != nil {
		deadline, status := mutate(start)
		create.SetNillableRegistrationDeadline(deadline).SetStatus(status)
	}
	return gid.Encode(create.SaveX(ctx).ID)
}

// Registration is the answer to Register.
type Registration struct {
	RegisterForSession struct {
		RegistrationID, Status, CancelSecret string
		Session                              struct{ SeatsLeft int }
	}
}

// Register registers a learner ($n, $e) for session $s.
const Register = `mutation($s: ID!, $n: String!, $e: String!) {
  registerForSession(input: {sessionId: $s, name: $n, email: $e}) { registrationId status cancelSecret session { seatsLeft } }
}`

// Change is an entry of the change feed.
type Change struct {
	Cursor, Type, ObjectID, Operation, At string
}

// ChangePage is the answer to ReadChanges.
type ChangePage struct {
	Changes struct {
		Changes   []Change
		EndCursor string
		HasMore   bool
	}
}

// ReadChanges reads a page of the change feed.
const ReadChanges = `query($after: String, $types: [ChangeType!]) {
  changes(after: $after, types: $types, first: 100) { changes { cursor type objectId operation at } endCursor hasMore }
}`

// Drain reads the feed from a cursor until it has no more, and returns the entries and the cursor
// to read on from.
func Drain(t testing.TB, c gqltest.Client, after string, types ...string) ([]Change, string) {
	t.Helper()
	var all []Change
	for {
		vars := map[string]any{"types": types}
		if after != "" {
			vars["after"] = after
		}
		if len(types) == 0 {
			vars["types"] = nil
		}
		var p ChangePage
		c.Query(t, ReadChanges, vars, &p)
		all = append(all, p.Changes.Changes...)
		after = p.Changes.EndCursor
		if !p.Changes.HasMore {
			return all, after
		}
	}
}

// SmallBudgets gives every kind of caller 100 points an hour, kept by l.
func SmallBudgets(l ratelimit.Limiter) Setting {
	return func(c *config.Config, d *app.Deps) {
		d.Limiter = l
		c.RateAnonymous, c.RateStaff, c.RateKey, c.RateWindow = 100, 100, 100, time.Hour
	}
}

// Nested is a filter nested n levels deep ({not: {not: …}}).
func Nested(n int) map[string]any {
	v := map[string]any{}
	for range n {
		v = map[string]any{"not": v}
	}
	return v
}

// List is a list of n values made by f.
func List(n int, f func(i int) string) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = f(i)
	}
	return out
}
