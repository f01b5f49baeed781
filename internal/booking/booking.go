// Package booking holds the rules of the public writes: learners registering for sessions and
// cancelling, and visitors' enquiries.
//
// A session is never overbooked, whatever the concurrency: a seat is claimed by one conditional
// UPDATE (seats_left = seats_left - 1 WHERE seats_left > 0), which the database serialises per
// row, and a check constraint on the table refuses a negative count in any case. A learner who
// finds no seat goes on the waiting list; a cancelled seat goes to the first learner on it.
package booking

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"net/mail"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"careergraph/ent"
	"careergraph/ent/registration"
	"careergraph/ent/schema/enum"
	"careergraph/ent/training"
	"careergraph/ent/trainingsession"
	"careergraph/internal/access"
	"careergraph/internal/apierr"
)

// Rules applies the booking rules to one database.
type Rules struct {
	// Dialect of the database: PostgreSQL locks waiting-list rows, SQLite serialises writers.
	Dialect string
	// Now is the clock.
	Now func() time.Time
}

// Registration is the outcome of registering.
type Registration struct {
	*ent.Registration
	// CancelSecret lets the learner cancel; it is stored only as a hash.
	CancelSecret string
}

// Register gives the learner a seat on the session, or a place on its waiting list. The session
// must be visible to the caller, scheduled, and open for registration. c must be the client of
// the request's transaction.
func (r Rules) Register(ctx context.Context, c *ent.Client, sessionID int, name, email string) (*Registration, error) {
	name, email = strings.TrimSpace(name), strings.TrimSpace(email)
	if err := person(name, email); err != nil {
		return nil, err
	}
	s, err := c.TrainingSession.Get(ctx, sessionID) // As the caller: a hidden session does not exist.
	if ent.IsNotFound(err) {
		return nil, apierr.New(apierr.NotFound, "no session has this ID")
	}
	if err != nil {
		return nil, err
	}
	now := r.Now()
	switch {
	case s.Status == enum.Cancelled:
		return nil, apierr.Invalid("sessionId", "the session is cancelled")
	case s.Status == enum.Completed || !now.Before(s.StartsAt):
		return nil, apierr.Invalid("sessionId", "the session has already started; registration is closed")
	case s.RegistrationDeadline != nil && now.After(*s.RegistrationDeadline):
		return nil, apierr.Invalid("sessionId", "registration closed on %s", s.RegistrationDeadline.Format(time.RFC3339))
	}

	sys := access.AsSystem(ctx)
	claimed, err := c.TrainingSession.Update().
		Where(trainingsession.ID(sessionID), trainingsession.SeatsLeftGT(0)).
		AddSeatsLeft(-1).Save(sys)
	if err != nil {
		return nil, err
	}
	status := enum.Waitlisted
	if claimed == 1 {
		status = enum.Confirmed
	}
	secret := randomHex(24)
	reg, err := c.Registration.Create().SetSessionID(sessionID).SetName(name).SetEmail(email).
		SetStatus(status).SetCancelSecretHash(digest(secret)).SetCreatedAt(now).Save(sys)
	if err != nil {
		return nil, err
	}
	return &Registration{Registration: reg, CancelSecret: secret}, nil
}

// Cancel cancels a registration given its cancel secret. A confirmed seat goes to the first
// learner on the session's waiting list, or back to the free seats. Cancelling twice is harmless.
func (r Rules) Cancel(ctx context.Context, c *ent.Client, id int, secret string) (*ent.Registration, error) {
	sys := access.AsSystem(ctx)
	reg, err := c.Registration.Get(sys, id)
	// The same answer for an unknown registration and a wrong secret: nothing to learn by guessing.
	if ent.IsNotFound(err) || (err == nil && subtle.ConstantTimeCompare(reg.CancelSecretHash, digest(secret)) != 1) {
		return nil, apierr.New(apierr.NotFound, "no registration has this ID and secret")
	}
	if err != nil {
		return nil, err
	}
	if reg.Status == enum.Withdrawn {
		return reg, nil
	}
	n, err := c.Registration.Update().Where(registration.ID(id), registration.StatusEQ(reg.Status)).
		SetStatus(enum.Withdrawn).SetCancelledAt(r.Now()).Save(sys)
	if err != nil {
		return nil, err
	}
	if n == 1 && reg.Status == enum.Confirmed {
		if err := r.passOnSeat(sys, c, reg.SessionID); err != nil {
			return nil, err
		}
	}
	return c.Registration.Get(sys, id)
}

// passOnSeat gives a freed seat to the first learner waiting, or returns it to the free seats.
func (r Rules) passOnSeat(sys context.Context, c *ent.Client, sessionID int) error {
	for range 5 {
		q := c.Registration.Query().
			Where(registration.SessionID(sessionID), registration.StatusEQ(enum.Waitlisted)).
			Order(registration.ByCreatedAt(), registration.ByID()).Limit(1).
			Select(registration.FieldID)
		if r.Dialect == dialect.Postgres {
			// Two cancellations at once must not both promote the same learner.
			q = q.Modify(func(s *sql.Selector) { s.For(sql.LockUpdate, sql.WithLockAction(sql.SkipLocked)) })
		}
		ids, err := q.Ints(sys)
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			break
		}
		n, err := c.Registration.Update().Where(registration.ID(ids[0]), registration.StatusEQ(enum.Waitlisted)).
			SetStatus(enum.Confirmed).Save(sys)
		if err != nil {
			return err
		}
		if n == 1 {
			return nil
		}
	}
	return c.TrainingSession.UpdateOneID(sessionID).AddSeatsLeft(1).Exec(sys)
}

// Enquire stores a visitor's question, about a training the caller can see or about anything.
func (r Rules) Enquire(ctx context.Context, c *ent.Client, name, email, message string, trainingID *int) (*ent.Enquiry, error) {
	name, email, message = strings.TrimSpace(name), strings.TrimSpace(email), strings.TrimSpace(message)
	if err := person(name, email); err != nil {
		return nil, err
	}
	if message == "" {
		return nil, apierr.Invalid("message", "the message is empty")
	}
	if trainingID != nil {
		if ok, err := c.Training.Query().Where(training.ID(*trainingID)).Exist(ctx); err != nil || !ok {
			return nil, apierr.Invalid("trainingId", "no training has this ID")
		}
	}
	return c.Enquiry.Create().SetName(name).SetEmail(email).SetMessage(message).
		SetNillableTrainingID(trainingID).SetCreatedAt(r.Now()).Save(access.AsSystem(ctx))
}

// person validates a name and an e-mail address, naming the field at fault.
func person(name, email string) error {
	if name == "" {
		return apierr.Invalid("name", "the name is empty")
	}
	if len(name) > 200 {
		return apierr.Invalid("name", "the name is longer than 200 characters")
	}
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email || len(email) > 254 {
		return apierr.Invalid("email", "%q is not an e-mail address", email)
	}
	return nil
}

func digest(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
