package bulk

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"time"

	"entgo.io/ent/dialect/sql"

	"careergraph/ent"
	"careergraph/internal/access"
)

// The fast paths write a whole batch with few statements: new objects in one multi-row INSERT
// through ent's bulk builder (so validation and hooks still run for each), links as multi-row
// INSERTs into their join tables. When a fast path fails, its transaction is rolled back and the
// batch is written again change by change (commit), which finds the line at fault.

// rowsPerInsert bounds a multi-row INSERT; with at most eight columns it stays far below
// SQLite's limit on bound parameters.
const rowsPerInsert = 500

// createFast creates the batch's new objects with one bulk insert and updates the others one by
// one, in one transaction. It returns the ids in the order of changes.
func (im *importer) createFast(ctx context.Context, k *kind, changes []*change) ([]int, error) {
	tx, err := im.s.Client.Tx(ctx)
	if err != nil {
		return nil, err
	}
	ids, err := func() ([]int, error) {
		c := tx.Client()
		ids := make([]int, len(changes))
		var builders []reflect.Value
		var at []int
		for n, ch := range changes {
			if ch.id != 0 {
				id, err := apply(ctx, c, k, ch)
				if err != nil {
					return nil, err
				}
				ids[n] = id
				continue
			}
			b := call(k.client(c), "Create")
			if err := setAll(call(b, "Mutation").Interface().(ent.Mutation), ch); err != nil {
				return nil, err
			}
			builders, at = append(builders, b), append(at, n)
		}
		if len(builders) > 0 {
			out := k.client(c).MethodByName("CreateBulk").Call(builders)[0].MethodByName("Save").Call([]reflect.Value{reflect.ValueOf(ctx)})
			if err, _ := out[1].Interface().(error); err != nil {
				return nil, err
			}
			for i, e := range entities(out[0].Interface()) {
				ids[at[i]] = idOf(e)
			}
		}
		return ids, nil
	}()
	if err != nil {
		_ = tx.Rollback()
		return nil, err
	}
	return ids, tx.Commit()
}

// linkFast writes the batch's link changes as multi-row statements, and its reference changes
// through ent, in one transaction. An object whose links changed gets a new version, unless
// this import created it.
func (im *importer) linkFast(ctx context.Context, k *kind, changes []*change) error {
	tx, err := im.s.Client.Tx(ctx)
	if err != nil {
		return err
	}
	err = func() error {
		c := tx.Client()
		exec := func(b sql.Querier) error {
			q, args := b.Query()
			_, err := c.ExecContext(ctx, q, args...)
			return err
		}
		now, actor := time.Now(), access.FromContext(ctx).Actor()
		var bump []any
		inserts := map[string][][2]int{}
		var skillRows []skillRow
		for _, ch := range changes {
			if len(ch.cols) > 0 {
				// Reference changes go through ent; the update raises the version itself.
				if _, err := apply(ctx, c, k, &change{id: ch.id, set: ch.set, cols: ch.cols}); err != nil {
					return err
				}
			} else if im.lines[ch.line].outcome != created {
				bump = append(bump, ch.id)
			}
			for _, l := range k.Links {
				symmetric := l.symmetric(k)
				for _, other := range ch.add[l.Name] {
					inserts[l.Name] = append(inserts[l.Name], [2]int{ch.id, other})
					if symmetric && other != ch.id {
						inserts[l.Name] = append(inserts[l.Name], [2]int{other, ch.id})
					}
				}
				for _, other := range ch.remove[l.Name] {
					pairs := [][2]int{{ch.id, other}, {other, ch.id}}
					if !symmetric {
						pairs = pairs[:1]
					}
					for _, p := range pairs {
						if err := exec(sql.Dialect(im.d.dialect).Delete(l.Table).Where(sql.And(sql.EQ(l.Owner, p[0]), sql.EQ(l.Other, p[1])))); err != nil {
							return err
						}
					}
				}
			}
			for _, s := range ch.skills {
				var b sql.Querier
				switch {
				case s.id == 0:
					skillRows = append(skillRows, skillRow{ch.id, s})
					continue
				case s.skill == 0:
					b = sql.Dialect(im.d.dialect).Delete(skillsLink.Table).Where(sql.EQ("id", s.id))
				default:
					b = sql.Dialect(im.d.dialect).Update(skillsLink.Table).Set("importance", string(s.importance)).
						Set("updated_at", now).Set("updated_by", actor).Add("version", 1).Where(sql.EQ("id", s.id))
				}
				if err := exec(b); err != nil {
					return err
				}
			}
		}
		for part := range slices.Chunk(skillRows, rowsPerInsert) {
			ins := sql.Dialect(im.d.dialect).Insert(skillsLink.Table).
				Columns("created_at", "updated_at", "created_by", "updated_by", "version", "importance", skillsLink.Owner, skillsLink.Other)
			for _, r := range part {
				ins.Values(now, now, actor, actor, 1, string(r.importance), r.owner, r.skill)
			}
			if err := exec(ins); err != nil {
				return err
			}
		}
		for _, l := range k.Links {
			for part := range slices.Chunk(inserts[l.Name], rowsPerInsert) {
				ins := sql.Dialect(im.d.dialect).Insert(l.Table).Columns(l.Owner, l.Other)
				for _, p := range part {
					ins.Values(p[0], p[1])
				}
				if err := exec(ins); err != nil {
					return err
				}
			}
		}
		for part := range slices.Chunk(bump, rowsPerInsert) {
			up := sql.Dialect(im.d.dialect).Update(k.Table).Add("version", 1).Set("updated_at", now).
				Set("updated_by", actor).Where(sql.In("id", part...))
			if err := exec(up); err != nil {
				return err
			}
		}
		return nil
	}()
	if err != nil {
		_ = tx.Rollback()
		return fmt.Errorf("writing %s links: %w", k.Name, err)
	}
	return tx.Commit()
}

// skillRow is a profession's new skill link.
type skillRow struct {
	owner int
	skillChange
}

// setAll sets a change's fields on a mutation.
func setAll(m ent.Mutation, ch *change) error {
	for _, col := range ch.cols {
		var err error
		if v := ch.set[col]; v == nil {
			err = m.ClearField(col)
		} else {
			err = m.SetField(col, v)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
