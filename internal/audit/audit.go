// Package audit records changes to staff accounts, sessions and API keys: who made each one, when,
// and what changed. An event is written through the client of the change itself, so it commits or
// rolls back with it; administrators read the events through the auditEvents query.
package audit

import (
	"context"
	"fmt"
	"time"

	"careergraph/ent"
	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
)

// Event is one change to record.
type Event struct {
	Action enum.AuditAction
	// TargetType is the GraphQL type of what changed (User, AccessToken, APIKey), TargetID its
	// key and TargetName what a person recognises it by (an e-mail address, a key's name).
	TargetType string
	TargetID   int
	TargetName string
	// Detail says what changed when the action alone does not (e.g. "role EDITOR → ADMIN").
	Detail string
}

// Record writes e in c as the change of the viewer in ctx, at now. The viewer's name is kept as it
// is now, so that the event still says who acted once the account is gone.
func Record(ctx context.Context, c *ent.Client, now time.Time, e Event) error {
	v := access.FromContext(ctx)
	sys := access.AsSystem(ctx)
	name := "command line"
	switch v.Kind {
	case access.User:
		u, err := c.User.Get(sys, v.UserID)
		if err != nil {
			return fmt.Errorf("reading the acting staff member: %w", err)
		}
		name = u.Email
	case access.APIKey:
		name = fmt.Sprintf("API key %d", v.KeyID)
	case access.Anonymous:
		name = "anonymous"
	}
	return c.AuditEvent.Create().SetAt(now).SetActor(v.Actor()).SetActorName(name).SetAction(e.Action).
		SetTargetType(e.TargetType).SetTargetID(e.TargetID).SetTargetName(e.TargetName).SetDetail(e.Detail).
		Exec(sys)
}
