// Package esco imports the ESCO classification (European Skills, Competences, Qualifications and
// Occupations, v1.1 CSV export) into the catalogue:
//
//   - ISCO groups (ISCOGroups_en.csv) become profession groups, keyed by their code, with the
//     hierarchy of broaderRelationsOccPillar.csv;
//   - occupations (occupations_en.csv) become professions, keyed by their ESCO URI, in the group
//     of their ISCO code;
//   - skill groups (skillGroups_en.csv) become the skill taxonomy, keyed by their ESCO URI;
//   - skills and knowledge (skills_en.csv) become skills, keyed by their ESCO URI, below every
//     broader group and skill of broaderRelationsSkillPillar.csv (groups below groups likewise),
//     SOFT when ESCO counts them transversal, with the top-level group they sit under as their
//     category, and in the collections whose files (*Collection_en.csv) list them;
//   - occupationSkillRelations.csv links professions to skills, ESSENTIAL or OPTIONAL;
//   - skillSkillRelations.csv links related skills, in both directions.
//
// Every file and header is checked before any work, and all problems are reported at once.
//
// An import adds and updates, and never deletes. A concept already in the catalogue takes the
// values of the files; one whose values are already those is not written at all, so importing
// the same files again changes nothing: no version moves and the change feed records nothing.
// New professions and skills are published at once; the change feed gets one CREATE entry for
// each object created (see feed). A slug, once given, never changes; a new
// concept whose label makes a slug already taken (in the catalogue, or by a concept earlier in
// the file) gets its URI's start appended ("haskell-000f1d3d"), so a concept's slug depends on
// its label and URI and on what was there before it, never on chance.
//
// References to concepts that are in neither the files nor the catalogue (links to occupations
// outside a partial export) are counted and skipped; beyond Options.MaxMissing of all references
// the import is refused and writes nothing. Texts are normalised (see clean and firstSentence).
//
// The import streams the files and writes with multi-row INSERT … ON CONFLICT statements in one
// transaction, on PostgreSQL and on SQLite alike. It keeps the groups and skills of the files,
// maps from keys to IDs and the links already in the catalogue in memory (under 100 MB for the
// whole of ESCO); occupations and links are streamed.
package esco

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"entgo.io/ent/dialect"

	"careergraph/ent/schema/enum"
	"careergraph/internal/slug"
)

// Options adjust an import.
type Options struct {
	// Now is the time written as created_at, updated_at and published_at.
	Now time.Time
	// Actor is recorded as created_by and updated_by.
	Actor string
	// Progress, when set, is told how far each phase has come; total is 0 when not known in
	// advance (the link files are streamed).
	Progress func(phase string, done, total int)
	// MaxMissing is the share (0 to 1) of the files' references that may lead to concepts in
	// neither the files nor the catalogue; an import with more is refused and writes nothing.
	// 0 means DefaultMaxMissing; a negative value allows none.
	MaxMissing float64
}

// DefaultMaxMissing is the share of references that may lead nowhere: a complete export has
// none, and a file cut short leaves far more.
const DefaultMaxMissing = 0.01

// Refused is the error of an import that the files' own content stops: too many references
// lead nowhere. Nothing was written; Result says what was found.
type Refused struct {
	Result *Result
	Max    float64
}

func (e *Refused) Error() string {
	worst := ""
	if len(e.Result.Missing.Kinds) > 0 {
		f := slices.MaxFunc(e.Result.Missing.Kinds, func(a, b Finding) int { return cmp.Compare(a.Count, b.Count) })
		worst = fmt.Sprintf(", most of them %s (%d)", f.Kind, f.Count)
	}
	return fmt.Sprintf("refused, nothing written: %d of the files' %d references (%s) lead to concepts that are in neither the files nor the catalogue%s; at most %s may (--max-missing). Is the export complete?",
		e.Result.Missing.Total(), e.Result.References, percent(e.Result.Missing.Total(), e.Result.References), worst, strconv.FormatFloat(100*e.Max, 'f', -1, 64)+" %")
}

// Import imports the ESCO CSV export in dir into db, a migrated careergraph database of the
// given dialect, in one transaction: it commits whole or not at all.
func Import(ctx context.Context, db *sql.DB, dialectName, dir string, o Options) (*Result, error) {
	start := time.Now()
	if o.Now.IsZero() {
		o.Now = start
	}
	if o.Actor == "" {
		o.Actor = "system"
	}
	if o.Progress == nil {
		o.Progress = func(string, int, int) {}
	}
	if o.MaxMissing == 0 {
		o.MaxMissing = DefaultMaxMissing
	}
	// Every file and header is looked at before any work, so that a broken download is
	// refused at once, with every problem named.
	if err := check(dir); err != nil {
		return nil, fmt.Errorf("ESCO import from %s refused, nothing written:\n%w", dir, err)
	}
	im := &importer{dir: dir, o: o, res: &Result{}}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer func() { _ = tx.Rollback() }()
	im.w = &writer{tx: tx, dialect: dialectName, now: o.Now.UTC(), actor: o.Actor}
	// The change feed's entries before the import: see feed.
	var feedFrom int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM changes").Scan(&feedFrom); err != nil {
		return nil, fmt.Errorf("ESCO import from %s: reading the change feed: %w", dir, err)
	}
	steps := []struct {
		name string
		run  func(context.Context) error
	}{
		{"profession groups", im.groups}, {"professions", im.professions}, {"skill groups", im.skillGroups},
		{"skills", im.skills}, {"skill hierarchy", im.hierarchy},
		{"profession skills", im.professionSkills}, {"related skills", im.relatedSkills},
		{"change feed", func(ctx context.Context) error { return im.feed(ctx, feedFrom) }},
		{"commit", func(context.Context) error {
			if max := max(o.MaxMissing, 0); float64(im.res.Missing.Total()) > max*float64(im.res.References) {
				return &Refused{Result: im.res, Max: max}
			}
			return tx.Commit()
		}},
	}
	for _, step := range steps {
		began := time.Now()
		if err := step.run(ctx); err != nil {
			var refused *Refused
			if errors.As(err, &refused) {
				im.res.Took = time.Since(start)
				return im.res, fmt.Errorf("ESCO import from %s %w", dir, err)
			}
			return nil, fmt.Errorf("ESCO import from %s: %w", dir, err)
		}
		im.res.Phases = append(im.res.Phases, Phase{step.name, time.Since(began)})
	}
	im.res.Took = time.Since(start)
	return im.res, nil
}

type importer struct {
	dir string
	o   Options
	w   *writer
	res *Result

	groupIDs      map[string]int // ISCO code → profession group ID
	professionIDs map[string]int // occupation URI → profession ID
	skillIDs      map[string]int // skill URI → skill ID
	skillGroupIDs map[string]int // skill group URI → skill group ID

	groupCodes      map[string]string   // skill group URI → its code, "~" for none (files only)
	groupParents    map[string][]string // skill group URI → its broader groups' URIs
	skillGroupsOf   map[string][]string // skill URI → the URIs of the groups it is in
	broaderSkillsOf map[string][]string // skill URI → its broader skills' URIs
}

// existing is what the catalogue already holds of one table: the ID and slug of each row by
// its key (ESCO URI, or ISCO code), and every slug taken.
type existing struct {
	byKey map[string]ref
	slugs map[string]bool
}

type ref struct {
	id   int
	slug string
}

func (im *importer) load(ctx context.Context, table, key string) (*existing, error) {
	rows, err := im.w.tx.QueryContext(ctx, fmt.Sprintf("SELECT id, slug, %s FROM %s", key, table))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", table, err)
	}
	defer rows.Close()
	e := &existing{byKey: map[string]ref{}, slugs: map[string]bool{}}
	for rows.Next() {
		var r ref
		var k sql.NullString
		if err := rows.Scan(&r.id, &r.slug, &k); err != nil {
			return nil, fmt.Errorf("reading %s: %w", table, err)
		}
		e.slugs[r.slug] = true
		if k.Valid {
			e.byKey[k.String] = r
		}
	}
	return e, rows.Err()
}

// ids returns the key → ID map of e, to which an import adds the rows it creates.
func (e *existing) ids() map[string]int {
	m := make(map[string]int, len(e.byKey))
	for k, r := range e.byKey {
		m[k] = r.id
	}
	return m
}

// slugFor returns the slug of the row with key: its own when it exists, else a new one from
// label, made unique with the start of tag, then all of tag, then a number.
func (e *existing) slugFor(key, label, tag, fallback string) string {
	if r, ok := e.byKey[key]; ok {
		return r.slug
	}
	base := slug.From(label)
	if base == "" {
		base = fallback
	}
	t := slug.From(tag)
	if len(t) > 39 {
		t = t[:39]
	}
	short := t
	if len(short) > 8 {
		short = strings.TrimRight(short[:8], "-")
	}
	candidates := []string{base}
	if short != "" {
		candidates = append(candidates, base+"-"+short, base+"-"+t)
	}
	for _, c := range candidates {
		if !e.slugs[c] {
			e.slugs[c] = true
			return c
		}
	}
	for n := 2; ; n++ {
		if c := fmt.Sprintf("%s-%d", base, n); !e.slugs[c] {
			e.slugs[c] = true
			return c
		}
	}
}

// lastSegment is the part of a URI after its last slash: a UUID for ESCO's occupations and
// skills, C2512 for an ISCO group.
func lastSegment(uri string) string { return uri[strings.LastIndexByte(uri, '/')+1:] }

// jsonList encodes labels as ent stores a list of strings.
func jsonList(labels []string) string {
	b, _ := json.Marshal(labels)
	return string(b)
}

// tally adds the rows an upsert wrote to c and remembers their IDs in ids.
func tally(c *Counts, ids map[string]int) func(outcome) {
	return func(o outcome) {
		if o.created {
			c.Created++
		} else {
			c.Updated++
		}
		if ids != nil {
			ids[o.key] = o.id
		}
	}
}

// byDepth orders keys so that each comes after the one it names as its parent (a key without a
// parent among keys has depth 0), keeping the order of keys within a depth. A parent link that
// closes a cycle is dropped and reported.
func byDepth(keys []string, parent map[string]string, report func(key string)) [][]string {
	depth := make(map[string]int, len(keys))
	var visit func(k string, path map[string]bool) int
	visit = func(k string, path map[string]bool) int {
		if d, ok := depth[k]; ok {
			return d
		}
		p, ok := parent[k]
		if !ok {
			depth[k] = 0
			return 0
		}
		if path[k] {
			return -1
		}
		path[k] = true
		d := visit(p, path)
		delete(path, k)
		if d < 0 { // k's parent leads back to k: k becomes a root.
			delete(parent, k)
			report(k)
		}
		depth[k] = max(d, -1) + 1
		return depth[k]
	}
	var levels [][]string
	for _, k := range keys {
		d := visit(k, map[string]bool{})
		for len(levels) <= d {
			levels = append(levels, nil)
		}
		levels[d] = append(levels[d], k)
	}
	return levels
}

// writeLevels upserts the rows of keys level by level (see byDepth), so that a row's parent is
// written, and its ID known, before the row; row gives the values of a key's row.
func (im *importer) writeLevels(ctx context.Context, u upsert, phase string, levels [][]string, c *Counts, ids map[string]int, row func(key string) []any) error {
	total, done := 0, 0
	for _, level := range levels {
		total += len(level)
	}
	for _, level := range levels {
		rows := make([][]any, 0, len(level))
		for _, k := range level {
			rows = append(rows, row(k))
		}
		if err := im.w.write(ctx, u, rows, tally(c, ids)); err != nil {
			return err
		}
		done += len(level)
		im.o.Progress(phase, done, total)
	}
	c.Unchanged = total - c.Created - c.Updated
	return nil
}

// stream upserts rows as they are added, a statement's worth at a time. finish writes the rest
// unless reading failed (err), and counts as unchanged what of the n distinct rows was neither
// created nor updated.
func (im *importer) stream(ctx context.Context, u upsert, phase string, c *Counts, ids map[string]int) (add func([]any) error, finish func(err error, n int) error) {
	var rows [][]any
	written := 0
	flush := func() error {
		err := im.w.write(ctx, u, rows, tally(c, ids))
		written += len(rows)
		rows = rows[:0]
		im.o.Progress(phase, written, 0)
		return err
	}
	add = func(r []any) error {
		rows = append(rows, r)
		if len(rows) == u.rowsPerStatement() {
			return flush()
		}
		return nil
	}
	finish = func(err error, n int) error {
		if err == nil {
			err = flush()
		}
		c.Unchanged = n - c.Created - c.Updated
		return err
	}
	return add, finish
}

// groups imports the ISCO groups, each after its broader group.
func (im *importer) groups(ctx context.Context) error {
	type group struct{ uri, code, name, description string }
	byURI := map[string]*group{}
	var order []string
	err := each(im.dir, iscoGroupsFile, func(r []string) error {
		g := &group{uri: r[0], code: label(r[1]), name: label(r[2]), description: clean(r[3])}
		switch {
		case g.code == "" || g.name == "":
			im.res.Skipped.add("ISCO group without a code or label", g.uri)
		case byURI[g.uri] != nil:
			im.res.Skipped.add("repeated concept (first row kept)", g.uri)
		default:
			byURI[g.uri] = g
			order = append(order, g.uri)
		}
		return nil
	})
	if err != nil {
		return err
	}
	ex, err := im.load(ctx, "profession_groups", "code")
	if err != nil {
		return err
	}
	im.groupIDs = ex.ids()
	codeOf := func(uri string) string {
		if g := byURI[uri]; g != nil {
			return g.code
		}
		if s := lastSegment(uri); strings.HasPrefix(s, "C") {
			return s[1:] // ESCO's URI of ISCO group 2512 ends in C2512.
		}
		return ""
	}
	parent := map[string]string{} // group URI → broader group URI (in the files)
	parentCode := map[string]string{}
	err = each(im.dir, occBroaderFile, func(r []string) error {
		uri, broaderURI := r[1], r[3]
		switch {
		case r[0] == "ISCOGroup" && r[2] == "ISCOGroup" && byURI[uri] != nil:
			im.res.References++
			if _, twice := parentCode[uri]; twice {
				im.res.Skipped.add("second broader group of an ISCO group", uri)
				return nil
			}
			code := codeOf(broaderURI)
			if _, known := im.groupIDs[code]; byURI[broaderURI] == nil && !known {
				im.res.Missing.add("ISCO group → broader ISCO group", broaderURI)
				return nil
			}
			parentCode[uri] = code
			if byURI[broaderURI] != nil {
				parent[uri] = broaderURI
			}
		case r[0] == "Occupation" && r[2] == "Occupation":
			im.res.Skipped.add("occupation → broader occupation (no profession hierarchy)", uri)
		}
		return nil
	})
	if err != nil {
		return err
	}
	u := upsert{table: "profession_groups", conflict: "code", key: "code",
		cols:   []string{"slug", "code", "name", "description", "parent_id"},
		update: []string{"name", "description", "parent_id"}}
	levels := byDepth(order, parent, func(uri string) {
		im.res.Skipped.add("broader group that closes a cycle", uri)
		delete(parentCode, uri)
	})
	return im.writeLevels(ctx, u, "profession groups", levels, &im.res.Groups, im.groupIDs, func(uri string) []any {
		g := byURI[uri]
		var parentID any
		if pc, ok := parentCode[uri]; ok {
			parentID = im.groupIDs[pc]
		}
		return []any{ex.slugFor(g.code, g.name, g.code, "group"), g.code, g.name, g.description, parentID}
	})
}

// professions imports the occupations, streamed in batches.
func (im *importer) professions(ctx context.Context) error {
	ex, err := im.load(ctx, "professions", "esco_uri")
	if err != nil {
		return err
	}
	im.professionIDs = ex.ids()
	u := upsert{table: "professions", conflict: "esco_uri", key: "esco_uri", json: map[string]bool{"alternative_titles": true},
		cols:   []string{"slug", "status", "published_at", "title", "summary", "description", "alternative_titles", "isco_code", "esco_uri", "group_id"},
		update: []string{"title", "summary", "description", "alternative_titles", "isco_code", "group_id"}}
	seen := map[string]bool{}
	add, finish := im.stream(ctx, u, "professions", &im.res.Professions, im.professionIDs)
	err = each(im.dir, occupationsFile, func(r []string) error {
		uri, code, title, description := r[0], label(r[1]), label(r[2]), clean(r[4])
		switch {
		case title == "":
			im.res.Skipped.add("occupation without a label", uri)
			return nil
		case seen[uri]:
			im.res.Skipped.add("repeated concept (first row kept)", uri)
			return nil
		}
		seen[uri] = true
		var groupID, isco any
		if code != "" {
			im.res.References++
			isco = code
			if id, ok := im.groupIDs[code]; ok {
				groupID = id
			} else {
				im.res.Missing.add("occupation → ISCO group", code)
			}
		}
		return add([]any{ex.slugFor(uri, title, lastSegment(uri), "profession"), string(enum.Published), im.w.now,
			title, summary(description), description, jsonList(labels(r[3], title)), isco, uri, groupID})
	})
	return finish(err, len(seen))
}

// skillTypes and reuseLevels map ESCO's values to the catalogue's.
var (
	skillTypes  = map[string]enum.SkillType{"knowledge": enum.Knowledge, "skill/competence": enum.SkillCompetence}
	reuseLevels = map[string]enum.ReuseLevel{"transversal": enum.Transversal, "cross-sector": enum.CrossSector,
		"sector-specific": enum.SectorSpecific, "occupation-specific": enum.OccupationSpecific}
)

// skills imports the skills, each after its first broader skill (see byDepth), with their kind,
// category and collections; their links to groups and broader skills are written next
// (hierarchy).
func (im *importer) skills(ctx context.Context) error {
	type skill struct {
		uri, name, description, altLabels string
		skillType, reuseLevel             any
		transversal                       bool
	}
	byURI := map[string]*skill{}
	var order []string
	err := each(im.dir, skillsFile, func(r []string) error {
		s := &skill{uri: r[0], name: label(r[3]), altLabels: r[4], description: clean(r[5])}
		switch {
		case s.name == "":
			im.res.Skipped.add("skill without a label", s.uri)
			return nil
		case byURI[s.uri] != nil:
			im.res.Skipped.add("repeated concept (first row kept)", s.uri)
			return nil
		}
		if t, ok := skillTypes[r[1]]; ok {
			s.skillType = string(t)
		} else if r[1] != "" {
			im.res.Gaps.add("unknown skill type (left empty)", r[1])
		} else {
			im.res.Gaps.add("skill without a skill type (left empty)", s.uri)
		}
		if l, ok := reuseLevels[r[2]]; ok {
			s.reuseLevel = string(l)
			s.transversal = l == enum.Transversal
		} else if r[2] != "" {
			im.res.Gaps.add("unknown reuse level (left empty)", r[2])
		} else {
			im.res.Gaps.add("skill without a reuse level (left empty)", s.uri)
		}
		byURI[s.uri] = s
		order = append(order, s.uri)
		return nil
	})
	if err != nil {
		return err
	}
	ex, err := im.load(ctx, "skills", "esco_uri")
	if err != nil {
		return err
	}
	im.skillIDs = ex.ids()
	if err := im.broaderRelations(func(uri string) bool { return byURI[uri] != nil }); err != nil {
		return err
	}
	members, err := im.collectionMembers(func(uri string) bool { return byURI[uri] != nil })
	if err != nil {
		return err
	}
	// A skill's broader_id is its first broader skill: of several, the one with the least URI,
	// so that the choice does not depend on the order of the rows. All of them are links.
	first := map[string]string{}
	for k, bs := range im.broaderSkillsOf {
		if b := slices.Min(bs); byURI[b] != nil {
			first[k] = b
		}
	}
	broader := maps.Clone(first)
	for k, bs := range im.broaderSkillsOf {
		if _, ok := broader[k]; !ok {
			broader[k] = slices.Min(bs) // In the catalogue already.
		}
	}
	levels := byDepth(order, first, func(uri string) {
		im.res.Skipped.add("first broader skill that closes a cycle (kept as a link only)", uri)
		delete(broader, uri)
	})
	tax := im.taxonomy()
	cols := []string{"slug", "status", "published_at", "name", "description", "alternative_labels", "skill_type", "reuse_level",
		"esco_uri", "broader_id", "kind", "category_group_id"}
	update := []string{"name", "description", "alternative_labels", "skill_type", "reuse_level", "broader_id", "kind", "category_group_id"}
	for _, c := range collectionFiles {
		cols, update = append(cols, c.column), append(update, c.column)
	}
	u := upsert{table: "skills", conflict: "esco_uri", key: "esco_uri", json: map[string]bool{"alternative_labels": true},
		cols: cols, update: update}
	return im.writeLevels(ctx, u, "skills", levels, &im.res.Skills, im.skillIDs, func(uri string) []any {
		s := byURI[uri]
		var broaderID, category any
		if b, ok := broader[uri]; ok {
			broaderID = im.skillIDs[b]
		}
		if c := tax.category(uri); c != "" {
			category = im.skillGroupIDs[c]
		}
		// Transversal skills and competences are the catalogue's soft skills: by their reuse
		// level, their collection or their place in the taxonomy.
		kind := enum.Hard
		if s.transversal || member(members, uri, len(collectionFiles)-1) || tax.transversal(uri) {
			kind = enum.Soft
		}
		row := []any{ex.slugFor(uri, s.name, lastSegment(uri), "skill"), string(enum.Published), im.w.now,
			s.name, s.description, jsonList(labels(s.altLabels, s.name)), s.skillType, s.reuseLevel, uri, broaderID,
			string(kind), category}
		for i := range collectionFiles {
			row = append(row, member(members, uri, i))
		}
		return row
	})
}

// collectionMembers reads ESCO's collection files: for each skill of the files, whether it is in
// each collection (in the order of collectionFiles).
func (im *importer) collectionMembers(isSkill func(string) bool) (map[string][]bool, error) {
	members := map[string][]bool{}
	for i, c := range collectionFiles {
		err := each(im.dir, c.file, func(r []string) error {
			uri := r[0]
			im.res.References++
			switch {
			case isSkill(uri):
				if members[uri] == nil {
					members[uri] = make([]bool, len(collectionFiles))
				}
				members[uri][i] = true
			case im.skillIDs[uri] != 0:
				im.res.Skipped.add("collection entry of a skill not in the files (left as it is)", uri)
			default:
				im.res.Missing.add("collection → skill", uri)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return members, nil
}

// member tells whether a skill is in collection i.
func member(members map[string][]bool, uri string, i int) bool {
	return members[uri] != nil && members[uri][i]
}

// feed leaves one CREATE entry in the change feed for each object the import created: the
// triggers also record the links written after an object (its skills, its groups) as UPDATEs
// of it, which say nothing to a reader who learns of the object from this import. from is the
// last entry before the import; an object created in this transaction is invisible to every
// other, so the entries about it are all this transaction's.
func (im *importer) feed(ctx context.Context, from int64) error {
	q := `DELETE FROM changes WHERE id > $1 AND op = 'UPDATE' AND (type, object_id) IN
	        (SELECT type, object_id FROM changes WHERE id > $1 AND op = 'CREATE')`
	if im.w.dialect != dialect.Postgres {
		q = strings.ReplaceAll(q, "$1", "?1")
	}
	_, err := im.w.tx.ExecContext(ctx, q, from)
	if err != nil {
		return fmt.Errorf("keeping one change-feed entry per object created: %w", err)
	}
	return nil
}

// pairs reads the links of a join table that the catalogue already holds, each with a value
// (its importance), given by query as three columns: two IDs and the value. Links whose value
// the files repeat are not written again: on PostgreSQL even an upsert that changes nothing
// locks, and so writes, every row it meets.
func (im *importer) pairs(ctx context.Context, query string) (map[[2]int]string, error) {
	rows, err := im.w.tx.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("reading the links: %w", err)
	}
	defer rows.Close()
	m := map[[2]int]string{}
	for rows.Next() {
		var k [2]int
		var v string
		if err := rows.Scan(&k[0], &k[1], &v); err != nil {
			return nil, fmt.Errorf("reading the links: %w", err)
		}
		m[k] = v
	}
	return m, rows.Err()
}

// importances maps ESCO's relation types to the catalogue's importance.
var importances = map[string]enum.Importance{"essential": enum.Essential, "optional": enum.Optional}

// professionSkills links professions to the skills they need, streamed in batches.
func (im *importer) professionSkills(ctx context.Context) error {
	u := upsert{table: "profession_skills", conflict: "profession_id, skill_id",
		cols: []string{"profession_id", "skill_id", "importance"}, update: []string{"importance"}}
	have, err := im.pairs(ctx, "SELECT profession_id, skill_id, importance FROM profession_skills")
	if err != nil {
		return err
	}
	seen := map[[2]int]bool{}
	add, finish := im.stream(ctx, u, "profession skills", &im.res.ProfessionSkills, nil)
	err = each(im.dir, occSkillFile, func(r []string) error {
		im.res.References++
		p, okP := im.professionIDs[r[0]]
		s, okS := im.skillIDs[r[2]]
		imp, okI := importances[r[1]]
		switch {
		case !okP:
			im.res.Missing.add("occupation-skill link → occupation", r[0])
		case !okS:
			im.res.Missing.add("occupation-skill link → skill", r[2])
		case !okI:
			im.res.Skipped.add("occupation-skill link of unknown type", r[1])
		case seen[[2]int{p, s}]:
			im.res.Skipped.add("repeated occupation-skill link (first row kept)", r[0]+" → "+r[2])
		case have[[2]int{p, s}] == string(imp):
			seen[[2]int{p, s}] = true // Unchanged: not even sent.
		default:
			seen[[2]int{p, s}] = true
			return add([]any{p, s, string(imp)})
		}
		return nil
	})
	return finish(err, len(seen))
}

// relatedSkills links related skills to each other, in both directions, as ent does for the
// symmetric related edge.
func (im *importer) relatedSkills(ctx context.Context) error {
	have, err := im.pairs(ctx, "SELECT skill_id, related_id, 'linked' FROM skill_related")
	if err != nil {
		return err
	}
	seen := map[[2]int]bool{}
	var pairs [][2]int
	flush := func() error {
		n, err := im.w.link(ctx, "skill_related", "skill_id", "related_id", pairs)
		im.res.RelatedSkills.Created += n
		pairs = pairs[:0]
		im.o.Progress("related skills", len(seen), 0)
		return err
	}
	err = each(im.dir, skillRelationsFile, func(r []string) error {
		im.res.References++
		a, okA := im.skillIDs[r[0]]
		b, okB := im.skillIDs[r[2]]
		if r[1] != "" {
			// The catalogue's related skills are symmetric and carry no type.
			im.res.Gaps.add("skill-skill relation of type "+r[1]+" (kept without its type)", r[0]+" → "+r[2])
		}
		switch {
		case !okA:
			im.res.Missing.add("skill-skill link → skill", r[0])
		case !okB:
			im.res.Missing.add("skill-skill link → skill", r[2])
		case a == b:
			im.res.Skipped.add("skill related to itself", r[0])
		default:
			for _, p := range [][2]int{{a, b}, {b, a}} {
				if !seen[p] {
					seen[p] = true
					if have[p] == "" {
						pairs = append(pairs, p)
					}
				}
			}
			if len(pairs) >= maxRows {
				return flush()
			}
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	im.res.RelatedSkills.Unchanged = len(seen) - im.res.RelatedSkills.Created
	return err
}
