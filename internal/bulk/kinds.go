// Package bulk moves the whole catalogue in and out of careergraph as JSON Lines: one object per
// line, references by slug or external code, so that a catalogue can be loaded from another
// system, backed up, or copied between installations (docs/import-format.md).
package bulk

import (
	"context"
	"reflect"
	"sync"

	"entgo.io/ent/dialect/sql"

	"careergraph/ent"
)

// kind describes one catalogue type of the file format: how its lines are keyed, which of its
// columns are plain fields, and which are references to other objects.
type kind struct {
	// Name is the line's "type", e.g. "profession".
	Name string
	// Table holds the objects.
	Table string
	// ExtCode names the column of an external code that identifies an object as well as its slug
	// (an ESCO URI, an ISCO code); empty when the type has none.
	ExtCode string
	// Session is true for training sessions, which are keyed by training and code, not by slug.
	Session bool
	// Required are references an object cannot be created without; their targets are written
	// first. Refs are optional references, set once every object of the file exists.
	Required, Refs []ref
	// Links are to-many references, replaced as a whole when a line names them.
	Links []link
	// Skills marks professions, whose skill links carry an importance.
	Skills bool

	entity reflect.Type
	// fields are read from entity on first use (Fields).
	fields     []field
	fieldsOnce sync.Once
}

// Fields are the type's fields that a line carries, read from its ent type on first use rather
// than when the program starts: a server that never imports or exports never reads them.
func (k *kind) Fields() []field {
	k.fieldsOnce.Do(func() { k.fields = fieldsOf(k) })
	return k.fields
}

// client is the ent client of k's type, e.g. c.Profession. The importer and exporter treat every
// type alike, so they reach ent's typed builders by name.
func (k *kind) client(c *ent.Client) reflect.Value {
	return reflect.ValueOf(c).Elem().FieldByName(k.entity.Name())
}

// call calls a method of a typed builder and returns its first result.
func call(v reflect.Value, method string, args ...any) reflect.Value {
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		in[i] = reflect.ValueOf(a)
	}
	return v.MethodByName(method).Call(in)[0]
}

// query returns the objects of k that p selects, as a []*ent.X.
func (k *kind) query(ctx context.Context, c *ent.Client, p func(*sql.Selector)) (any, error) {
	q := call(k.client(c), "Query")
	where := q.MethodByName("Where")
	q = where.Call([]reflect.Value{reflect.ValueOf(p).Convert(where.Type().In(0).Elem())})[0]
	out := q.MethodByName("All").Call([]reflect.Value{reflect.ValueOf(ctx)})
	err, _ := out[1].Interface().(error)
	return out[0].Interface(), err
}

// create starts a mutation that creates an object of k.
func (k *kind) create(c *ent.Client) ent.Mutation {
	return call(call(k.client(c), "Create"), "Mutation").Interface().(ent.Mutation)
}

// update starts a mutation that updates the object of k with the given id.
func (k *kind) update(c *ent.Client, id int) ent.Mutation {
	return call(call(k.client(c), "UpdateOneID", id), "Mutation").Interface().(ent.Mutation)
}

// ref is a to-one reference held in a column of the object's own table.
type ref struct {
	Name, Column, Target string
}

// link is a to-many reference held in a join table.
type link struct {
	Name, Table, Owner, Other, Target string
}

// hierarchies are the join tables of links between objects of one type that have a direction
// (a skill's broader skills, a group's parents): the other end does not link back.
var hierarchies = map[string]bool{"skill_hierarchy": true, "skill_group_hierarchy": true}

// symmetric tells whether linking an object of k to another links the other back, as related
// skills and related professions do.
func (l link) symmetric(k *kind) bool { return l.Target == k.Name && !hierarchies[l.Table] }

// kinds lists the catalogue types in the order they are written: a type's required references
// point to earlier types only.
var kinds = []*kind{
	{
		Name: "professionGroup", Table: "profession_groups", ExtCode: "code",
		Refs:   []ref{{"parent", "parent_id", "professionGroup"}},
		entity: reflect.TypeFor[ent.ProfessionGroup](),
	},
	{
		Name: "industry", Table: "industries",
		entity: reflect.TypeFor[ent.Industry](),
	},
	{
		Name: "specialization", Table: "specializations",
		entity: reflect.TypeFor[ent.Specialization](),
	},
	{
		Name: "skillGroup", Table: "skill_groups", ExtCode: "esco_uri",
		Links:  []link{{"parents", "skill_group_hierarchy", "child_id", "parent_id", "skillGroup"}},
		entity: reflect.TypeFor[ent.SkillGroup](),
	},
	{
		Name: "skill", Table: "skills", ExtCode: "esco_uri",
		Refs: []ref{{"broader", "broader_id", "skill"}, {"categoryGroup", "category_group_id", "skillGroup"}},
		Links: []link{
			{"related", "skill_related", "skill_id", "related_id", "skill"},
			{"broaderSkills", "skill_hierarchy", "skill_id", "broader_skill_id", "skill"},
			{"groups", "skill_group_skills", "skill_id", "skill_group_id", "skillGroup"},
		},
		entity: reflect.TypeFor[ent.Skill](),
	},
	{
		Name: "profession", Table: "professions", ExtCode: "esco_uri", Skills: true,
		Refs: []ref{{"group", "group_id", "professionGroup"}},
		Links: []link{
			{"specializations", "profession_specializations", "profession_id", "specialization_id", "specialization"},
			{"industries", "profession_industries", "profession_id", "industry_id", "industry"},
			{"relatedProfessions", "profession_related_professions", "profession_id", "related_profession_id", "profession"},
		},
		entity: reflect.TypeFor[ent.Profession](),
	},
	{
		Name: "provider", Table: "providers",
		entity: reflect.TypeFor[ent.Provider](),
	},
	{
		Name: "training", Table: "trainings",
		Required: []ref{{"provider", "provider_id", "provider"}},
		Links: []link{
			{"skills", "training_skills", "training_id", "skill_id", "skill"},
			{"professions", "training_professions", "training_id", "profession_id", "profession"},
			{"prerequisites", "training_prerequisites", "training_id", "skill_id", "skill"},
		},
		entity: reflect.TypeFor[ent.Training](),
	},
	{
		Name: "session", Table: "training_sessions", Session: true,
		Required: []ref{{"training", "training_id", "training"}},
		entity:   reflect.TypeFor[ent.TrainingSession](),
	},
	{
		Name: "author", Table: "authors",
		entity: reflect.TypeFor[ent.Author](),
	},
	{
		Name: "blogCategory", Table: "blog_categories",
		entity: reflect.TypeFor[ent.BlogCategory](),
	},
	{
		Name: "tag", Table: "tags",
		entity: reflect.TypeFor[ent.Tag](),
	},
	{
		Name: "blogPost", Table: "blog_posts",
		Refs: []ref{{"author", "author_id", "author"}, {"category", "category_id", "blogCategory"}},
		Links: []link{
			{"tags", "blog_post_tags", "blog_post_id", "tag_id", "tag"},
			{"professions", "blog_post_professions", "blog_post_id", "profession_id", "profession"},
			{"skills", "blog_post_skills", "blog_post_id", "skill_id", "skill"},
			{"trainings", "blog_post_trainings", "blog_post_id", "training_id", "training"},
		},
		entity: reflect.TypeFor[ent.BlogPost](),
	},
	{
		Name: "glossaryTerm", Table: "glossary_terms",
		Links:  []link{{"skills", "glossary_term_skills", "glossary_term_id", "skill_id", "skill"}},
		entity: reflect.TypeFor[ent.GlossaryTerm](),
	},
}

// kindIndex is the kinds by line type, and their ranks in the order they are written, built on
// first use.
var kindIndex = sync.OnceValues(func() (map[string]*kind, map[*kind]int) {
	byName, ranks := map[string]*kind{}, map[*kind]int{}
	for i, k := range kinds {
		byName[k.Name] = k
		ranks[k] = i
	}
	return byName, ranks
})

// kindNamed finds a kind by its line type; nil when there is none.
func kindNamed(name string) *kind {
	byName, _ := kindIndex()
	return byName[name]
}

// rank orders the kinds as they are written.
func rank(k *kind) int {
	_, ranks := kindIndex()
	return ranks[k]
}
