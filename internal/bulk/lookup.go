package bulk

import (
	"context"
	stdsql "database/sql"
	"fmt"
	"slices"

	"entgo.io/ent/dialect/sql"
)

// chunk bounds the values of one IN list, well below SQLite's limit on bound parameters.
const chunk = 500

// db reads what the importer and exporter need to know about existing rows: keys and ids, and
// links. Reads go straight to the pool; writes go through ent in transactions.
type db struct {
	pool    *stdsql.DB
	dialect string
}

// each runs q over values in chunks.
func each[T any](values []T, q func(part []any) error) error {
	for part := range slices.Chunk(values, chunk) {
		args := make([]any, len(part))
		for i, v := range part {
			args[i] = v
		}
		if err := q(args); err != nil {
			return err
		}
	}
	return nil
}

// rows runs a built statement and hands every row to scan.
func (d db) rows(ctx context.Context, b sql.Querier, scan func(*stdsql.Rows) error) error {
	query, args := b.Query()
	rs, err := d.pool.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("reading existing rows: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		if err := scan(rs); err != nil {
			return err
		}
	}
	return rs.Err()
}

// ids finds the objects of k that the given references name, by slug or by external code.
func (d db) ids(ctx context.Context, k *kind, keys []string) (map[string]int, error) {
	out := make(map[string]int, len(keys))
	err := each(keys, func(part []any) error {
		cols := []string{"id", "slug"}
		pred := sql.In("slug", part...)
		if k.ExtCode != "" {
			cols = append(cols, k.ExtCode)
			pred = sql.Or(pred, sql.In(k.ExtCode, part...))
		}
		q := sql.Dialect(d.dialect).Select(cols...).From(sql.Table(k.Table)).Where(pred)
		return d.rows(ctx, q, func(r *stdsql.Rows) error {
			var id int
			var slug string
			var ext stdsql.NullString
			dest := []any{&id, &slug}
			if k.ExtCode != "" {
				dest = append(dest, &ext)
			}
			if err := r.Scan(dest...); err != nil {
				return err
			}
			if ext.Valid {
				out[ext.String] = id
			}
			out[slug] = id // A slug wins over another object's external code.
			return nil
		})
	})
	return out, err
}

// slugs names objects of a table by their slugs.
func (d db) slugs(ctx context.Context, table string, ids []int) (map[int]string, error) {
	out := make(map[int]string, len(ids))
	err := each(ids, func(part []any) error {
		q := sql.Dialect(d.dialect).Select("id", "slug").From(sql.Table(table)).Where(sql.In("id", part...))
		return d.rows(ctx, q, func(r *stdsql.Rows) error {
			var id int
			var slug string
			if err := r.Scan(&id, &slug); err != nil {
				return err
			}
			out[id] = slug
			return nil
		})
	})
	return out, err
}

// linked is one row of a join table, or of profession_skills with its importance and id.
type linked struct {
	Other      int
	Importance string
	ID         int
}

// links reads the links of the given owners.
func (d db) links(ctx context.Context, l link, owners []int) (map[int][]linked, error) {
	out := make(map[int][]linked, len(owners))
	err := each(owners, func(part []any) error {
		q := sql.Dialect(d.dialect).Select(l.Owner, l.Other).From(sql.Table(l.Table)).Where(sql.In(l.Owner, part...))
		return d.rows(ctx, q, func(r *stdsql.Rows) error {
			var owner, other int
			if err := r.Scan(&owner, &other); err != nil {
				return err
			}
			out[owner] = append(out[owner], linked{Other: other})
			return nil
		})
	})
	return out, err
}

// professionSkills reads the skill links of the given professions.
func (d db) professionSkills(ctx context.Context, owners []int) (map[int][]linked, error) {
	out := make(map[int][]linked, len(owners))
	err := each(owners, func(part []any) error {
		q := sql.Dialect(d.dialect).Select("profession_id", "skill_id", "importance", "id").
			From(sql.Table("profession_skills")).Where(sql.In("profession_id", part...))
		return d.rows(ctx, q, func(r *stdsql.Rows) error {
			var owner int
			var l linked
			if err := r.Scan(&owner, &l.Other, &l.Importance, &l.ID); err != nil {
				return err
			}
			out[owner] = append(out[owner], l)
			return nil
		})
	})
	return out, err
}

// skillsLink describes profession_skills as a link, for reading it like the others.
var skillsLink = link{Name: "skills", Table: "profession_skills", Owner: "profession_id", Other: "skill_id", Target: "skill"}
