package bulk

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"entgo.io/ent/dialect/sql"

	"careergraph/ent/schema/enum"
)

// link sets the optional references and the links of the batch's objects, which all exist now.
func (im *importer) link(ctx context.Context, batch []int, recs []*record) error {
	k := recs[0].kind
	var owners []int
	var keep []int
	var keepRecs []*record
	for n, r := range recs {
		if len(r.links) == 0 && !hasRefs(r) {
			continue
		}
		owners = append(owners, im.lines[batch[n]].id)
		keep, keepRecs = append(keep, batch[n]), append(keepRecs, r)
	}
	if len(keep) == 0 {
		return nil
	}
	found, err := im.resolve(ctx, keepRecs, true)
	if err != nil {
		return err
	}
	current := map[string]map[int][]linked{}
	for _, l := range k.allLinks() {
		if current[l.Name], err = im.d.read(ctx, l, owners); err != nil {
			return err
		}
	}
	var entitiesByID map[int]reflect.Value
	if len(k.Refs) > 0 {
		entitiesByID = map[int]reflect.Value{}
		err := each(owners, func(part []any) error {
			rows, err := k.query(ctx, im.s.Client, func(s *sql.Selector) { s.Where(sql.In(s.C("id"), part...)) })
			for _, e := range entities(rows) {
				entitiesByID[idOf(e)] = e
			}
			return err
		})
		if err != nil {
			return err
		}
	}
	var changes []*change
	for n, r := range keepRecs {
		i := keep[n]
		id := im.lines[i].id
		c := &change{line: i, id: id}
		var problems []string
		for _, ref := range k.Refs {
			s, given := r.refs[ref.Name]
			if !given {
				continue
			}
			want, wantOK := 0, s != nil
			if wantOK {
				if msg := im.missing(found, ref.Target, *s, true); msg != "" {
					problems = append(problems, ref.Name+": "+msg)
					continue
				}
				want = found[ref.Target][*s]
			}
			have, haveOK := fkOf(entitiesByID[id], ref.Column)
			switch {
			case wantOK && (!haveOK || have != want):
				c.put(ref.Column, want)
			case !wantOK && haveOK:
				c.put(ref.Column, nil)
			}
		}
		for _, l := range k.allLinks() {
			items, given := r.links[l.Name]
			if !given {
				continue
			}
			p := im.diffLinks(k, c, l, items, found, current[l.Name], id)
			problems = append(problems, p...)
		}
		if len(problems) > 0 {
			im.reject(i, "saved without its references: "+strings.Join(problems, "; "))
			continue
		}
		if !c.empty() {
			changes = append(changes, c)
		}
	}
	done := func(c *change, _ int) {
		if l := &im.lines[c.line]; l.outcome == unchanged {
			l.outcome = updated
		}
	}
	if len(changes) == 0 {
		return nil
	}
	if im.linkFast(ctx, k, changes) == nil {
		for _, c := range changes {
			done(c, c.id)
		}
		return nil
	}
	// One change at a time finds the line at fault; a database that stopped answering stops
	// the import instead.
	for _, c := range changes {
		if err := im.linkFast(ctx, k, []*change{c}); err != nil {
			if perr := im.s.DB.PingContext(ctx); perr != nil {
				return fmt.Errorf("writing %s links: %w", k.Name, perr)
			}
			im.reject(c.line, "saved without its references: "+explain(err))
			continue
		}
		done(c, c.id)
	}
	return nil
}

func hasRefs(r *record) bool {
	for _, ref := range r.kind.Refs {
		if _, ok := r.refs[ref.Name]; ok {
			return true
		}
	}
	return false
}

// diffLinks works out which links of one object to add and remove, and for a profession's
// skills which importances to change. Links between objects of one type go both ways, so the
// other end's current links are updated too, for the lines after this one in the batch.
func (im *importer) diffLinks(k *kind, c *change, l link, items []string, found map[string]map[string]int, current map[int][]linked, id int) []string {
	var problems []string
	want := map[int]string{}
	for _, item := range items {
		key, importance, _ := strings.Cut(item, "\x00")
		if msg := im.missing(found, l.Target, key, true); msg != "" {
			problems = append(problems, l.Name+": "+msg)
			continue
		}
		want[found[l.Target][key]] = importance
	}
	if len(problems) > 0 {
		return problems
	}
	have := map[int]linked{}
	for _, h := range current[id] {
		have[h.Other] = h
	}
	if l.Table == skillsLink.Table {
		for _, other := range slices.Sorted(maps.Keys(want)) {
			h, ok := have[other]
			switch {
			case !ok:
				c.skills = append(c.skills, skillChange{skill: other, importance: enum.Importance(want[other])})
			case h.Importance != want[other]:
				c.skills = append(c.skills, skillChange{id: h.ID, skill: other, importance: enum.Importance(want[other])})
			}
		}
		for _, other := range slices.Sorted(maps.Keys(have)) {
			if _, ok := want[other]; !ok {
				c.skills = append(c.skills, skillChange{id: have[other].ID})
			}
		}
		return nil
	}
	symmetric := l.symmetric(k)
	for _, other := range slices.Sorted(maps.Keys(want)) {
		if _, ok := have[other]; !ok {
			c.addLink(l.Name, other)
			if symmetric {
				current[other] = append(current[other], linked{Other: id})
			}
		}
	}
	for _, other := range slices.Sorted(maps.Keys(have)) {
		if _, ok := want[other]; !ok {
			c.removeLink(l.Name, other)
			if symmetric {
				current[other] = slices.DeleteFunc(current[other], func(x linked) bool { return x.Other == id })
			}
		}
	}
	return nil
}

func (c *change) addLink(name string, id int) {
	if c.add == nil {
		c.add = map[string][]int{}
	}
	c.add[name] = append(c.add[name], id)
}

func (c *change) removeLink(name string, id int) {
	if c.remove == nil {
		c.remove = map[string][]int{}
	}
	c.remove[name] = append(c.remove[name], id)
}
