package esco

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// skillGroups imports ESCO's skill groups, keyed by their URI. Their hierarchy is written with
// the skills' (see hierarchy), once every group and skill has an ID.
func (im *importer) skillGroups(ctx context.Context) error {
	ex, err := im.load(ctx, "skill_groups", "esco_uri")
	if err != nil {
		return err
	}
	im.skillGroupIDs = ex.ids()
	im.groupCodes = map[string]string{}
	u := upsert{table: "skill_groups", conflict: "esco_uri", key: "esco_uri",
		cols:   []string{"slug", "code", "name", "description", "esco_uri"},
		update: []string{"code", "name", "description"}}
	add, finish := im.stream(ctx, u, "skill groups", &im.res.SkillGroups, im.skillGroupIDs)
	err = each(im.dir, skillGroupsFile, func(r []string) error {
		uri, name, alt, description, code := r[0], label(r[1]), r[2], clean(r[3]), label(r[4])
		switch {
		case name == "":
			im.res.Skipped.add("skill group without a label", uri)
			return nil
		case im.groupCodes[uri] != "":
			im.res.Skipped.add("repeated concept (first row kept)", uri)
			return nil
		}
		if code == "" && strings.Contains(uri, "/isced-f/") {
			code = lastSegment(uri) // A field of education: ESCO leaves the column empty.
		}
		im.groupCodes[uri] = cmp.Or(code, "~") // "~": seen, no code (sorts after every code)
		if n := len(labels(alt, name)); n > 0 {
			im.res.Gaps.addN("skill group alternative labels (not kept: groups have none)", uri, n)
		}
		var c any
		if code != "" {
			c = code
		}
		return add([]any{ex.slugFor(uri, name, lastSegment(uri), "skill-group"), c, name, description, uri})
	})
	return finish(err, len(im.groupCodes))
}

// broaderRelations reads broaderRelationsSkillPillar.csv: groups under groups, skills under
// groups, skills under skills. Every row is counted: as a link, or as missing when either end
// is in neither the files nor the catalogue. isSkill tells the skills of the files.
func (im *importer) broaderRelations(isSkill func(string) bool) error {
	im.groupParents, im.skillGroupsOf, im.broaderSkillsOf = map[string][]string{}, map[string][]string{}, map[string][]string{}
	isGroup := func(uri string) bool {
		_, ok := im.skillGroupIDs[uri]
		return ok
	}
	knownSkill := func(uri string) bool {
		_, ok := im.skillIDs[uri]
		return ok || isSkill(uri)
	}
	return each(im.dir, skillBroaderFile, func(r []string) error {
		typ, uri, broaderType, broaderURI := r[0], r[1], r[2], r[3]
		im.res.References++
		switch {
		case typ == "SkillGroup" && !isGroup(uri):
			im.res.Missing.add("broader relation of a skill group → skill group", uri)
		case typ == "SkillGroup" && isGroup(broaderURI):
			im.groupParents[uri] = appendNew(im.groupParents[uri], broaderURI)
		case typ == "SkillGroup":
			im.res.Missing.add("skill group → broader "+cmp.Or(broaderType, "concept"), broaderURI)
		case !knownSkill(uri):
			im.res.Missing.add("broader relation of a skill → skill", uri)
		case isGroup(broaderURI):
			im.skillGroupsOf[uri] = appendNew(im.skillGroupsOf[uri], broaderURI)
		case knownSkill(broaderURI) && broaderURI != uri:
			im.broaderSkillsOf[uri] = appendNew(im.broaderSkillsOf[uri], broaderURI)
		case broaderURI == uri:
			im.res.Skipped.add("skill broader than itself", uri)
		default:
			im.res.Missing.add("skill → broader "+cmp.Or(broaderType, "concept"), broaderURI)
		}
		return nil
	})
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// taxonomy answers, for a skill of the files, the top-level groups it sits under: the groups
// directly below a root of the skill taxonomy (S1 "communication, collaboration and
// creativity", 06 "information and communication technologies (icts)", T4 …), reached through
// any of its broader groups and broader skills, or a root itself when the skill sits right
// under one.
type taxonomy struct {
	im    *importer
	memo  map[string][]string
	doing map[string]bool
}

func (im *importer) taxonomy() *taxonomy {
	return &taxonomy{im: im, memo: map[string][]string{}, doing: map[string]bool{}}
}

// memoized returns the top-level groups of one concept, computing them once; a concept met
// again while its own are being computed (a cycle) adds none.
func (t *taxonomy) memoized(key string, compute func() []string) []string {
	if tops, ok := t.memo[key]; ok || t.doing[key] {
		return tops
	}
	t.doing[key] = true
	tops := compute()
	delete(t.doing, key)
	t.memo[key] = tops
	return tops
}

// groupTops is the top-level groups of group g: g itself when it is a root or right below one.
func (t *taxonomy) groupTops(g string) []string {
	return t.memoized("g "+g, func() []string {
		parents := t.im.groupParents[g]
		if len(parents) == 0 {
			return []string{g}
		}
		var tops []string
		for _, p := range parents {
			if len(t.im.groupParents[p]) == 0 {
				tops = appendNew(tops, g)
				continue
			}
			for _, top := range t.groupTops(p) {
				tops = appendNew(tops, top)
			}
		}
		return tops
	})
}

// skillTops is the top-level groups of skill s, through its groups and its broader skills.
func (t *taxonomy) skillTops(s string) []string {
	return t.memoized("s "+s, func() []string {
		var tops []string
		for _, g := range t.im.skillGroupsOf[s] {
			for _, top := range t.groupTops(g) {
				tops = appendNew(tops, top)
			}
		}
		for _, b := range t.im.broaderSkillsOf[s] {
			for _, top := range t.skillTops(b) {
				tops = appendNew(tops, top)
			}
		}
		return tops
	})
}

// category is the skill's category group: of its top-level groups, the one with the least code
// (then URI); "" when it has none.
func (t *taxonomy) category(s string) string {
	tops := t.skillTops(s)
	if len(tops) == 0 {
		return ""
	}
	return slices.MinFunc(tops, func(a, b string) int {
		return cmp.Or(cmp.Compare(t.im.groupCodes[a], t.im.groupCodes[b]), cmp.Compare(a, b))
	})
}

// transversal tells whether the skill sits under ESCO's transversal skills and competences
// (the root coded T, so top-level groups T1 to T6).
func (t *taxonomy) transversal(s string) bool {
	return slices.ContainsFunc(t.skillTops(s), func(g string) bool { return strings.HasPrefix(t.im.groupCodes[g], "T") })
}

// hierarchy writes the links of the skill taxonomy: groups under groups, skills in groups and
// skills under skills, adding those the catalogue lacks.
func (im *importer) hierarchy(ctx context.Context) error {
	var groups, members, broader [][2]int
	for child, parents := range im.groupParents {
		for _, p := range parents {
			groups = append(groups, [2]int{im.skillGroupIDs[p], im.skillGroupIDs[child]})
		}
	}
	for s, gs := range im.skillGroupsOf {
		for _, g := range gs {
			members = append(members, [2]int{im.skillGroupIDs[g], im.skillIDs[s]})
		}
	}
	for s, bs := range im.broaderSkillsOf {
		for _, b := range bs {
			broader = append(broader, [2]int{im.skillIDs[b], im.skillIDs[s]})
		}
	}
	for _, l := range []struct {
		table, a, b string
		pairs       [][2]int
		c           *Counts
	}{
		{"skill_group_hierarchy", "parent_id", "child_id", groups, &im.res.GroupParents},
		{"skill_group_skills", "skill_group_id", "skill_id", members, &im.res.SkillGroupMembers},
		{"skill_hierarchy", "broader_skill_id", "skill_id", broader, &im.res.BroaderSkills},
	} {
		if err := im.linkAll(ctx, l.table, l.a, l.b, l.pairs, l.c); err != nil {
			return err
		}
	}
	return nil
}

// linkAll adds the pairs a join table lacks and counts them: created, or unchanged when there.
func (im *importer) linkAll(ctx context.Context, table, a, b string, pairs [][2]int, c *Counts) error {
	have, err := im.pairs(ctx, fmt.Sprintf("SELECT %s, %s, 'linked' FROM %s", a, b, table))
	if err != nil {
		return err
	}
	seen := make(map[[2]int]bool, len(pairs))
	var add [][2]int
	for _, p := range pairs {
		if seen[p] {
			continue
		}
		seen[p] = true
		if have[p] == "" {
			add = append(add, p)
		}
	}
	slices.SortFunc(add, func(x, y [2]int) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) })
	n, err := im.w.link(ctx, table, a, b, add)
	c.Created += n
	c.Unchanged += len(seen) - n
	return err
}
