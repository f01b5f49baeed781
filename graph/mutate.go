package graph

import (
	"context"
	"time"

	"entgo.io/ent/dialect/sql"

	"careergraph/ent"
	"careergraph/ent/professionskill"
	"careergraph/ent/schema/enum"
	"careergraph/graph/model"
	"careergraph/internal/apierr"
)

// tx returns the client of the transaction that entgql.Transactioner opened for this mutation.
func (r *Resolver) tx(ctx context.Context) *ent.Client {
	if c := ent.FromContext(ctx); c != nil {
		return c
	}
	return r.client
}

// oneUpdate is an ent update of one row (*ent.ProfessionUpdateOne, …).
type oneUpdate[U any, P ~func(*sql.Selector), T any] interface {
	Where(...P) U
	Modify(...func(*sql.UpdateBuilder)) U
	Save(context.Context) (T, error)
}

// oneDelete is an ent deletion of one row (*ent.ProfessionDeleteOne, …).
type oneDelete[D any, P ~func(*sql.Selector)] interface {
	Where(...P) D
	Exec(context.Context) error
}

// update saves u, which changes the row id. With expected set, the row must still be at that
// version: the check is part of the UPDATE statement, so no concurrent change slips between.
func update[U oneUpdate[U, P, T], P ~func(*sql.Selector), T any](ctx context.Context, c *ent.Client, id int, u U, expected *int) (T, error) {
	if expected != nil {
		u = u.Where(P(sql.FieldEQ("version", *expected)))
	}
	v, err := u.Save(ctx)
	if err != nil && expected != nil && ent.IsNotFound(err) {
		err = staleOrMissing(ctx, c, id, *expected)
	}
	return v, err
}

// remove deletes the row id, at the expected version when one is given.
func remove[D oneDelete[D, P], P ~func(*sql.Selector)](ctx context.Context, c *ent.Client, id int, d D, expected *int) (*model.DeletePayload, error) {
	if expected != nil {
		d = d.Where(P(sql.FieldEQ("version", *expected)))
	}
	if err := d.Exec(ctx); err != nil {
		if expected != nil && ent.IsNotFound(err) {
			err = staleOrMissing(ctx, c, id, *expected)
		}
		return nil, err
	}
	return &model.DeletePayload{DeletedID: id}, nil
}

// publish sets the workflow status of the row id; publishing records the first publication time.
func publish[U oneUpdate[U, P, T], P ~func(*sql.Selector), T any](ctx context.Context, c *ent.Client, id int, u U, status enum.PublicationStatus, expected *int) (T, error) {
	u = u.Modify(func(b *sql.UpdateBuilder) {
		b.Set("status", status)
		if status == enum.Published {
			now := time.Now().UTC()
			// Builder.Arg writes the dialect's placeholder ($1 on PostgreSQL, ? on SQLite).
			b.Set("published_at", sql.ExprFunc(func(e *sql.Builder) {
				e.WriteString("COALESCE(published_at, ").Arg(now).WriteString(")")
			}))
		}
	})
	return update(ctx, c, id, u, expected)
}

// staleOrMissing tells a row changed since the expected version from a row that is not there.
func staleOrMissing(ctx context.Context, c *ent.Client, id, expected int) error {
	if _, err := c.Noder(ctx, id); err == nil {
		e := apierr.New(apierr.Conflict, "the object changed after version %d was read: read it again and retry", expected)
		e.Field = "expectedVersion"
		return e
	}
	return apierr.New(apierr.NotFound, "no object has this ID")
}

// replaceSkills makes links the complete list of the skills a profession needs. c must be the
// client of the request's transaction, so that the profession keeps its old list if anything
// fails.
func replaceSkills(ctx context.Context, c *ent.Client, professionID int, links []*model.ProfessionSkillInput) error {
	seen := map[int]bool{}
	creates := make([]*ent.ProfessionSkillCreate, 0, len(links))
	for _, l := range links {
		if seen[l.SkillID] {
			return apierr.Invalid("skills", "a skill is listed twice")
		}
		seen[l.SkillID] = true
		creates = append(creates, c.ProfessionSkill.Create().
			SetProfessionID(professionID).SetSkillID(l.SkillID).SetImportance(l.Importance))
	}
	if _, err := c.ProfessionSkill.Delete().Where(professionskill.ProfessionID(professionID)).Exec(ctx); err != nil {
		return err
	}
	return c.ProfessionSkill.CreateBulk(creates...).Exec(ctx)
}
