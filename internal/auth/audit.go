package auth

import (
	"context"
	"fmt"

	"careergraph/ent"
	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
)

// The audit log of staff accounts, sessions and API keys: who made each change, when, and what
// changed. An event is written through the client of the change itself, so it commits or rolls
// back with it; administrators read the events through the auditEvents query.

// auditEvent is one change to record.
type auditEvent struct {
	Action enum.AuditAction
	// TargetType is the GraphQL type of what changed (User, AccessToken, APIKey), TargetID its
	// key and TargetName what a person recognises it by (an e-mail address, a key's name).
	TargetType string
	TargetID   int
	TargetName string
	// Detail says what changed when the action alone does not (e.g. "role EDITOR → ADMIN").
	Detail string
}

// record writes e in c as the change of the viewer in ctx. The viewer's name is kept as it is
// now, so that the event still says who acted once the account is gone.
func (s *Service) record(ctx context.Context, c *ent.Client, e auditEvent) error {
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
	return c.AuditEvent.Create().SetAt(s.now()).SetActor(v.Actor()).SetActorName(name).SetAction(e.Action).
		SetTargetType(e.TargetType).SetTargetID(e.TargetID).SetTargetName(e.TargetName).SetDetail(e.Detail).
		Exec(sys)
}

func userEvent(a enum.AuditAction, u *ent.User, detail string) auditEvent {
	return auditEvent{Action: a, TargetType: "User", TargetID: u.ID, TargetName: u.Email, Detail: detail}
}

func keyEvent(a enum.AuditAction, k *ent.APIKey, detail string) auditEvent {
	return auditEvent{Action: a, TargetType: "APIKey", TargetID: k.ID, TargetName: fmt.Sprintf("%s (%s)", k.Name, k.Prefix), Detail: detail}
}
