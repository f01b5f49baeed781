package graph_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"careergraph/ent/profession"
	"careergraph/internal/access"
	"careergraph/internal/gid"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/testdb"
)

func TestCatalogueWrites(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		as := apitest.NewActors(t, s)
		editor := as.ByName["editor"]
		ctx := access.AsSystem(context.Background())

		t.Run("SlugIsDerivedFromTheTitle", func(t *testing.T) {
			var data struct{ CreateProfession struct{ Slug, Status string } }
			editor.Query(t, `mutation { createProfession(input: {title: "Søftware Ärchitect & Lead"}) { slug status } }`, nil, &data)
			if data.CreateProfession.Slug != "software-architect-and-lead" || data.CreateProfession.Status != "DRAFT" {
				t.Errorf("created %+v, want slug software-architect-and-lead, status DRAFT", data.CreateProfession)
			}
		})
		t.Run("TakenSlugIsConflict", func(t *testing.T) {
			e := editor.Fails(t, `mutation { createProfession(input: {title: "Another", slug: "back-end-developer"}) { id } }`, nil)
			if e.Code() != "CONFLICT" || e.Extensions["field"] != "slug" {
				t.Errorf("got %s %v, want CONFLICT on slug", e.Message, e.Extensions)
			}
			e = editor.Fails(t, `mutation { createProfession(input: {title: "Back-End Developer"}) { id } }`, nil)
			if e.Code() != "CONFLICT" || e.Extensions["field"] != "slug" {
				t.Errorf("derived slug taken: got %s %v, want CONFLICT on slug", e.Message, e.Extensions)
			}
		})
		t.Run("ValidationNamesTheField", func(t *testing.T) {
			var ids struct {
				Training struct {
					ID       string
					Sessions struct {
						Edges []struct{ Node struct{ ID string } }
					}
				}
			}
			editor.Query(t, `query($slug: String!) { training(slug: $slug) { id sessions(first: 1) { edges { node { id } } } } }`,
				map[string]any{"slug": as.OwnTrainingSlug}, &ids)
			cases := []struct{ name, query, field string }{
				{"SalaryMinAboveMax", `mutation { createProfession(input: {title: "Bad Salary", salaryMin: 5000, salaryMax: 3000, salaryCurrency: "EUR", salaryPeriod: MONTH}) { id } }`, "salaryMin"},
				{"SalaryWithoutCurrency", `mutation { createProfession(input: {title: "Half Salary", salaryMin: 3000, salaryMax: 5000}) { id } }`, "salaryMin"},
				{"BadSlug", `mutation { createProfession(input: {title: "Bad Slug", slug: "Not A Slug"}) { id } }`, "slug"},
				{"EmptyTitle", `mutation { createProfession(input: {title: ""}) { id } }`, "title"},
				{"SessionEndsBeforeItStarts", `mutation { createTrainingSession(input: {trainingID: "` + ids.Training.ID + `", code: "backwards", startsAt: "2030-01-10T09:00:00Z", endsAt: "2030-01-09T09:00:00Z", capacity: 5}) { id } }`, "endsAt"},
				{"UnknownSkill", `mutation { createTraining(input: {title: "Bad Skill", level: BEGINNER, format: ONLINE, providerID: "` + as.OwnProvider + `", skillIDs: ["` + gid.Encode(s.Store.Client.Skill.Query().FirstIDX(ctx)+999999) + `"]}) { id } }`, "skillIDs"},
				{"ProviderIDIsNotAProvider", `mutation { createTraining(input: {title: "Bad Provider", level: BEGINNER, format: ONLINE, providerID: "` + ids.Training.ID + `"}) { id } }`, "providerID"},
				{"CapacityBelowTakenSeats", `mutation { updateTrainingSession(id: "` + ids.Training.Sessions.Edges[0].Node.ID + `", input: {capacity: 1}) { id } }`, "capacity"},
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					e := editor.Fails(t, c.query, nil)
					if e.Code() != "BAD_USER_INPUT" || e.Extensions["field"] != c.field {
						t.Errorf("got %q %v, want BAD_USER_INPUT naming %s", e.Message, e.Extensions, c.field)
					}
				})
			}
		})
		t.Run("StaleVersionIsConflict", func(t *testing.T) {
			var read struct {
				Profession struct {
					ID      string
					Version int
				}
			}
			editor.Query(t, `{ profession(slug: "data-analyst") { id version } }`, nil, &read)
			var first struct {
				UpdateProfession struct {
					Version int
					Summary string
				}
			}
			editor.Query(t, `mutation($id: ID!, $v: Int) { updateProfession(id: $id, expectedVersion: $v, input: {summary: "First editor's summary."}) { version summary } }`,
				map[string]any{"id": read.Profession.ID, "v": read.Profession.Version}, &first)
			if first.UpdateProfession.Version != read.Profession.Version+1 {
				t.Errorf("version %d after an update of version %d", first.UpdateProfession.Version, read.Profession.Version)
			}
			e := as.ByName["admin"].Fails(t, `mutation($id: ID!, $v: Int) { updateProfession(id: $id, expectedVersion: $v, input: {summary: "Second editor's summary."}) { version } }`,
				map[string]any{"id": read.Profession.ID, "v": read.Profession.Version})
			if e.Code() != "CONFLICT" || e.Extensions["field"] != "expectedVersion" {
				t.Errorf("got %q %v, want CONFLICT on expectedVersion", e.Message, e.Extensions)
			}
			p := s.Store.Client.Profession.Query().Where(profession.Slug("data-analyst")).OnlyX(ctx)
			if p.Summary != "First editor's summary." {
				t.Errorf("the stale update overwrote the first: %q", p.Summary)
			}
			if !strings.HasPrefix(p.UpdatedBy, "user:") || p.UpdatedBy == p.CreatedBy {
				t.Errorf("updated_by %q (created_by %q): the change is not attributed to the editor", p.UpdatedBy, p.CreatedBy)
			}
		})
		t.Run("SkillLinksAreReplacedAllOrNothing", func(t *testing.T) {
			var read struct {
				Profession struct {
					ID     string
					Skills struct{ TotalCount int }
				}
				Go, Sql struct{ ID string }
			}
			editor.Query(t, `{ profession(slug: "back-end-developer") { id skills { totalCount } } go: skill(slug: "go") { id } sql: skill(slug: "sql") { id } }`, nil, &read)
			// A list naming a skill twice fails, and the old list stays.
			e := editor.Fails(t, `mutation($p: ID!, $a: ID!) { setProfessionSkills(professionId: $p, skills: [{skillId: $a, importance: ESSENTIAL}, {skillId: $a, importance: OPTIONAL}]) { id } }`,
				map[string]any{"p": read.Profession.ID, "a": read.Go.ID})
			if e.Code() != "BAD_USER_INPUT" {
				t.Errorf("duplicate skill: %q %v", e.Message, e.Extensions)
			}
			var after struct {
				Profession struct{ Skills struct{ TotalCount int } }
			}
			editor.Query(t, `{ profession(slug: "back-end-developer") { skills { totalCount } } }`, nil, &after)
			if after.Profession.Skills.TotalCount != read.Profession.Skills.TotalCount {
				t.Errorf("a failed replacement changed the skills: %d → %d", read.Profession.Skills.TotalCount, after.Profession.Skills.TotalCount)
			}
			// A replacement whose last step fails (a stale version, checked after the links were
			// rewritten) rolls back the links it had already rewritten.
			e = editor.Fails(t, `mutation($p: ID!, $a: ID!) { setProfessionSkills(professionId: $p, expectedVersion: 0, skills: [{skillId: $a, importance: ESSENTIAL}]) { id } }`,
				map[string]any{"p": read.Profession.ID, "a": read.Go.ID})
			if e.Code() != "CONFLICT" {
				t.Errorf("stale version: %q %v", e.Message, e.Extensions)
			}
			editor.Query(t, `{ profession(slug: "back-end-developer") { skills { totalCount } } }`, nil, &after)
			if after.Profession.Skills.TotalCount != read.Profession.Skills.TotalCount {
				t.Errorf("a failed replacement kept half its work: %d skills, had %d", after.Profession.Skills.TotalCount, read.Profession.Skills.TotalCount)
			}
			var ok struct {
				SetProfessionSkills struct {
					Skills struct {
						TotalCount int
						Edges      []struct {
							Node struct {
								Importance string
								Skill      struct{ Slug string }
							}
						}
					}
				}
			}
			editor.Query(t, `mutation($p: ID!, $a: ID!, $b: ID!) { setProfessionSkills(professionId: $p, skills: [{skillId: $a, importance: ESSENTIAL}, {skillId: $b, importance: OPTIONAL}]) { skills(orderBy: [{field: IMPORTANCE}]) { totalCount edges { node { importance skill { slug } } } } } }`,
				map[string]any{"p": read.Profession.ID, "a": read.Go.ID, "b": read.Sql.ID}, &ok)
			if ok.SetProfessionSkills.Skills.TotalCount != 2 {
				t.Errorf("after replacing: %+v", ok.SetProfessionSkills)
			}
		})
		t.Run("PublishingShowsAndHides", func(t *testing.T) {
			var c struct{ CreateGlossaryTerm struct{ ID string } }
			editor.Query(t, `mutation { createGlossaryTerm(input: {term: "Idempotency", definition: "Doing it twice changes nothing more."}) { id } }`, nil, &c)
			visible := func() bool {
				var v struct{ GlossaryTerm *struct{ Term string } }
				s.Query(t, `{ glossaryTerm(slug: "idempotency") { term } }`, nil, &v)
				return v.GlossaryTerm != nil
			}
			if visible() {
				t.Fatal("a new draft is public")
			}
			var p struct {
				PublishGlossaryTerm struct {
					Status      string
					PublishedAt *time.Time
				}
			}
			editor.Query(t, `mutation($id: ID!) { publishGlossaryTerm(id: $id) { status publishedAt } }`, map[string]any{"id": c.CreateGlossaryTerm.ID}, &p)
			if p.PublishGlossaryTerm.Status != "PUBLISHED" || p.PublishGlossaryTerm.PublishedAt == nil || !visible() {
				t.Errorf("after publishing: %+v, visible %v", p.PublishGlossaryTerm, visible())
			}
			editor.Query(t, `mutation($id: ID!) { unpublishGlossaryTerm(id: $id) { status } }`, map[string]any{"id": c.CreateGlossaryTerm.ID}, &p)
			if visible() {
				t.Error("an unpublished term is still public")
			}
		})
		t.Run("AKeyCannotGiveItsTrainingAway", func(t *testing.T) {
			e := as.ByName["ownKey"].Fails(t, `mutation($id: ID!, $p: ID!) { updateTraining(id: $id, input: {providerID: $p}) { id } }`,
				map[string]any{"id": as.OwnTraining, "p": as.OtherProvider})
			if e.Code() != "FORBIDDEN" {
				t.Errorf("moving a training to another provider: %q %v", e.Message, e.Extensions)
			}
		})
		t.Run("DeletingWhatOthersNeedIsConflict", func(t *testing.T) {
			e := editor.Fails(t, `mutation($id: ID!) { deleteProvider(id: $id) { deletedId } }`, map[string]any{"id": as.OwnProvider})
			if e.Code() != "CONFLICT" {
				t.Errorf("deleting a provider with trainings: %q %v", e.Message, e.Extensions)
			}
		})
	})
}
