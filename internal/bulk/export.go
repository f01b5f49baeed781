package bulk

import (
	"bufio"
	"cmp"
	"context"
	stdsql "database/sql"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"

	"entgo.io/ent/dialect/sql"

	"careergraph/ent"
	"careergraph/internal/access"
)

// Store is what import and export work on.
type Store struct {
	Client  *ent.Client
	DB      *stdsql.DB
	Dialect string
}

// page is how many objects export reads at a time.
const page = 1000

// Export writes the whole catalogue to w, one object per line: types in the order of the format,
// objects by slug, links by the slug of their target. Its output is the same for the same
// catalogue, whatever the ids, so exports can be compared. It returns how many lines of each type
// it wrote.
func Export(ctx context.Context, s Store, w io.Writer) (map[string]int, error) {
	ctx = access.AsSystem(ctx)
	x := exporter{s: s, d: db{s.DB, s.Dialect}, w: bufio.NewWriterSize(w, 1<<16), counts: map[string]int{}}
	for _, k := range kinds {
		var err error
		if k.Session {
			err = x.sessions(ctx, k)
		} else {
			err = x.bySlug(ctx, k)
		}
		if err != nil {
			return x.counts, fmt.Errorf("exporting %s: %w", k.Name, err)
		}
	}
	return x.counts, x.w.Flush()
}

type exporter struct {
	s      Store
	d      db
	w      *bufio.Writer
	counts map[string]int
}

// bySlug writes the objects of k in slug order, a page at a time.
func (x *exporter) bySlug(ctx context.Context, k *kind) error {
	last := ""
	for {
		rows, err := k.query(ctx, x.s.Client, func(s *sql.Selector) {
			if last != "" {
				s.Where(sql.GT(s.C("slug"), last))
			}
			s.OrderBy(s.C("slug")).Limit(page)
		})
		if err != nil {
			return err
		}
		objs := entities(rows)
		if len(objs) == 0 {
			return nil
		}
		if err := x.write(ctx, k, objs, nil); err != nil {
			return err
		}
		last = slugOf(objs[len(objs)-1])
	}
}

// sessions writes training sessions by the slug of their training, then by code.
func (x *exporter) sessions(ctx context.Context, k *kind) error {
	training := kindNamed("training")
	last := ""
	for {
		var ids []int
		slugs := map[int]string{}
		q := sql.Dialect(x.d.dialect).Select("id", "slug").From(sql.Table(training.Table)).
			Where(sql.GT("slug", last)).OrderBy("slug").Limit(page)
		err := x.d.rows(ctx, q, func(r *stdsql.Rows) error {
			var id int
			if err := r.Scan(&id, &last); err != nil {
				return err
			}
			ids, slugs[id] = append(ids, id), last
			return nil
		})
		if err != nil || len(ids) == 0 {
			return err
		}
		var objs []reflect.Value
		err = each(ids, func(part []any) error {
			rows, err := k.query(ctx, x.s.Client, func(s *sql.Selector) { s.Where(sql.In(s.C("training_id"), part...)) })
			objs = append(objs, entities(rows)...)
			return err
		})
		if err != nil {
			return err
		}
		key := func(v reflect.Value) (string, string) {
			s := v.Interface().(*ent.TrainingSession)
			return slugs[s.TrainingID], s.Code
		}
		slices.SortFunc(objs, func(a, b reflect.Value) int {
			at, ac := key(a)
			bt, bc := key(b)
			return cmp.Or(strings.Compare(at, bt), strings.Compare(ac, bc))
		})
		if err := x.write(ctx, k, objs, slugs); err != nil {
			return err
		}
	}
}

// write writes one page of objects with their references.
func (x *exporter) write(ctx context.Context, k *kind, objs []reflect.Value, trainings map[int]string) error {
	ids := make([]int, len(objs))
	for i, o := range objs {
		ids[i] = idOf(o)
	}
	refSlugs := map[string]map[int]string{}
	for _, r := range append(slices.Clone(k.Required), k.Refs...) {
		if r.Column == "training_id" && trainings != nil {
			refSlugs[r.Name] = trainings
			continue
		}
		var targets []int
		for _, o := range objs {
			if id, ok := fkOf(o, r.Column); ok {
				targets = append(targets, id)
			}
		}
		m, err := x.d.slugs(ctx, kindNamed(r.Target).Table, targets)
		if err != nil {
			return err
		}
		refSlugs[r.Name] = m
	}
	links := map[string]map[int][]string{}
	for _, l := range k.allLinks() {
		rows, err := x.d.read(ctx, l, ids)
		if err != nil {
			return err
		}
		var targets []int
		for _, ls := range rows {
			for _, o := range ls {
				targets = append(targets, o.Other)
			}
		}
		names, err := x.d.slugs(ctx, kindNamed(l.Target).Table, targets)
		if err != nil {
			return err
		}
		out := map[int][]string{}
		for owner, ls := range rows {
			for _, o := range ls {
				out[owner] = append(out[owner], linkItem(l, names[o.Other], o.Importance))
			}
			slices.Sort(out[owner])
		}
		links[l.Name] = out
	}

	for i, o := range objs {
		var b strings.Builder
		b.WriteString(`{"type":`)
		b.Write(canonical(k.Name))
		for _, r := range k.Required {
			if k.Session {
				b.WriteString(`,"` + r.Name + `":`)
				id, _ := fkOf(o, r.Column)
				b.Write(canonical(refSlugs[r.Name][id]))
			}
		}
		key := "slug"
		if k.Session {
			key = "code"
		}
		for _, f := range k.Fields() {
			if f.Column == key {
				b.WriteString(`,"` + f.Name + `":`)
				b.Write(f.get(o))
			}
		}
		for _, f := range k.Fields() {
			if f.Column != key {
				b.WriteString(`,"` + f.Name + `":`)
				b.Write(f.get(o))
			}
		}
		for _, r := range append(slices.Clone(k.Required), k.Refs...) {
			if k.Session {
				continue
			}
			b.WriteString(`,"` + r.Name + `":`)
			if id, ok := fkOf(o, r.Column); ok {
				b.Write(canonical(refSlugs[r.Name][id]))
			} else {
				b.WriteString("null")
			}
		}
		for _, l := range k.allLinks() {
			b.WriteString(`,"` + l.Name + `":[` + strings.Join(links[l.Name][ids[i]], ",") + `]`)
		}
		b.WriteString("}\n")
		if _, err := x.w.WriteString(b.String()); err != nil {
			return err
		}
		x.counts[k.Name]++
	}
	return nil
}

// linkItem is one element of a link list: the target's slug, or for a profession's skills an
// object with the importance.
func linkItem(l link, slug, importance string) string {
	if l.Table != skillsLink.Table {
		return string(canonical(slug))
	}
	b, _ := json.Marshal(struct {
		Skill      string `json:"skill"`
		Importance string `json:"importance"`
	}{slug, importance})
	return string(b)
}

// allLinks lists k's links, a profession's skills first.
func (k *kind) allLinks() []link {
	if k.Skills {
		return append([]link{skillsLink}, k.Links...)
	}
	return k.Links
}

// read reads the links of owners, whichever table holds them.
func (d db) read(ctx context.Context, l link, owners []int) (map[int][]linked, error) {
	if l.Table == skillsLink.Table {
		return d.professionSkills(ctx, owners)
	}
	return d.links(ctx, l, owners)
}

// entities turns the []*ent.X an ent query returns into reflect values of its elements.
func entities(rows any) []reflect.Value {
	v := reflect.ValueOf(rows)
	out := make([]reflect.Value, v.Len())
	for i := range out {
		out[i] = v.Index(i)
	}
	return out
}

func idOf(o reflect.Value) int      { return int(o.Elem().FieldByName("ID").Int()) }
func slugOf(o reflect.Value) string { return o.Elem().FieldByName("Slug").String() }
func fieldIndex(t reflect.Type, column string) int {
	for i := range t.NumField() {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ","); tag == column {
			return i
		}
	}
	panic("bulk: no field for column " + column)
}

// fkOf reads a reference column of an entity; ok is false when it is null.
func fkOf(o reflect.Value, column string) (int, bool) {
	v := o.Elem().Field(fieldIndex(o.Elem().Type(), column))
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return 0, false
		}
		v = v.Elem()
	}
	return int(v.Int()), true
}
