package apierr_test

import (
	"context"
	"testing"
	"time"

	"careergraph/ent/provider"
	"careergraph/ent/schema/enum"
	"careergraph/ent/trainingsession"
	"careergraph/internal/access"
	"careergraph/internal/apierr"
	"careergraph/internal/testing/testdb"
)

// TestConstraintErrorsAreExplained breaks each kind of constraint of the real schema on both
// stores and checks what a person is told: the drivers report the constraint by code and name,
// and the explanation follows from those, not from the wording of their messages.
func TestConstraintErrorsAreExplained(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		c := testdb.Open(t, d, testdb.Options{}).Client
		ctx := access.AsSystem(context.Background())
		p := c.Provider.Query().Where(provider.Slug("helsinki-code-academy")).OnlyX(ctx)
		tr := c.Training.Create().SetTitle("Constraint Test").SetSlug("constraint-test").SetLevel(enum.Beginner).
			SetFormat(enum.Classroom).SetProviderID(p.ID).SetStatus(enum.Published).SaveX(ctx)
		start := time.Now().Add(30 * 24 * time.Hour)
		session := func() error {
			return c.TrainingSession.Create().SetTrainingID(tr.ID).SetCode("first").SetStartsAt(start).
				SetEndsAt(start.Add(time.Hour)).SetCapacity(10).Exec(ctx)
		}
		if err := session(); err != nil {
			t.Fatal(err)
		}
		c.User.Create().SetEmail("ann@example.org").SetPasswordHash("x").SetRole(enum.Editor).ExecX(ctx)

		for _, tc := range []struct {
			name, message, field string
			err                  error
		}{
			{"UniqueEmail", "a staff account with this e-mail address already exists", "email",
				c.User.Create().SetEmail("ann@example.org").SetPasswordHash("x").SetRole(enum.Editor).Exec(ctx)},
			{"UniqueSlug", "this slug is already taken", "slug",
				c.Training.Create().SetTitle("Another").SetSlug("constraint-test").SetLevel(enum.Beginner).
					SetFormat(enum.Classroom).SetProviderID(p.ID).Exec(ctx)},
			{"UniqueTogether", "an object with these values already exists", "", session()},
			{"Check", "the session's seats left would fall below zero or exceed its capacity", "",
				c.TrainingSession.Update().Where(trainingsession.TrainingID(tr.ID)).SetCapacity(5).Exec(ctx)},
			{"ForeignKey", "the change refers to an object that does not exist, or removes one that others still refer to", "",
				c.Training.DeleteOneID(tr.ID).Exec(ctx)},
		} {
			e := apierr.Explain(tc.err)
			if e == nil || e.Code != apierr.Conflict || e.Message != tc.message || e.Field != tc.field {
				t.Errorf("%s: %v is explained as %+v, want CONFLICT %q on %q", tc.name, tc.err, e, tc.message, tc.field)
			}
		}
	})
}
