package bulk

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"careergraph/ent"
)

// commit writes changes in one transaction. When one fails, the transaction is rolled back, the
// changes before it are committed on their own, its line is rejected, and the rest goes on: a
// bad line costs its own change only.
func (im *importer) commit(ctx context.Context, k *kind, changes []*change, done func(*change, int)) error {
	for len(changes) > 0 {
		ids, failed, cause, err := im.tx(ctx, k, changes)
		if err != nil {
			return err
		}
		if failed < 0 {
			for n, c := range changes {
				done(c, ids[n])
			}
			return nil
		}
		if failed > 0 {
			ids, again, _, err := im.tx(ctx, k, changes[:failed])
			if err != nil {
				return err
			}
			if again >= 0 {
				return fmt.Errorf("writing %s objects: a batch that was written once failed the second time", k.Name)
			}
			for n, c := range changes[:failed] {
				done(c, ids[n])
			}
		}
		im.reject(changes[failed].line, explain(cause))
		changes = changes[failed+1:]
	}
	return nil
}

// tx applies changes in a transaction and commits it when all succeed. Otherwise it rolls back
// and says which change failed, and why.
func (im *importer) tx(ctx context.Context, k *kind, changes []*change) (ids []int, failed int, cause, err error) {
	tx, err := im.s.Client.Tx(ctx)
	if err != nil {
		return nil, 0, nil, fmt.Errorf("starting a transaction: %w", err)
	}
	c := tx.Client()
	for n, ch := range changes {
		id, err := apply(ctx, c, k, ch)
		if err != nil {
			if rerr := tx.Rollback(); rerr != nil {
				return nil, 0, nil, fmt.Errorf("rolling back: %w", rerr)
			}
			return nil, n, err, nil
		}
		ids = append(ids, id)
	}
	if err := tx.Commit(); err != nil {
		return nil, 0, nil, fmt.Errorf("committing %s objects: %w", k.Name, err)
	}
	return ids, -1, nil, nil
}

// apply writes one object's fields and references through ent, so that its validation, hooks and
// rules all hold. Links are written by linkFast.
func apply(ctx context.Context, c *ent.Client, k *kind, ch *change) (int, error) {
	var m ent.Mutation
	if ch.id == 0 {
		m = k.create(c)
	} else {
		m = k.update(c, ch.id)
	}
	if err := setAll(m, ch); err != nil {
		return 0, err
	}
	v, err := c.Mutate(ctx, m)
	if err != nil {
		return 0, err
	}
	return idOf(reflect.ValueOf(v)), nil
}

// explain turns a failed write into a message for the user.
func explain(err error) string {
	var ve *ent.ValidationError
	switch {
	case errors.As(err, &ve):
		return strings.TrimPrefix(ve.Error(), "ent: ")
	case ent.IsConstraintError(err):
		return "conflicts with another object (a slug, code or external code that is taken, or a rule of the catalogue): " + strings.TrimPrefix(err.Error(), "ent: ")
	default:
		return "could not be saved: " + strings.TrimPrefix(err.Error(), "ent: ")
	}
}
