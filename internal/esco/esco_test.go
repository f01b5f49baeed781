package esco_test

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"careergraph/ent"
	"careergraph/ent/profession"
	"careergraph/ent/professiongroup"
	"careergraph/ent/schema/enum"
	"careergraph/ent/skill"
	"careergraph/ent/skillgroup"
	"careergraph/internal/access"
	"careergraph/internal/esco"
	"careergraph/internal/store"
	"careergraph/internal/testing/testdb"
)

// small is the folder of handwritten fixtures; testdata/small/README.md says what they hold.
const small = "testdata/small"

// URIs of the fixtures.
const (
	hullVarnisher = "http://data.example/esco/occupation/0c1d2e3f-1111-4aaa-8bbb-000000000001"
	sailMender    = "http://data.example/esco/occupation/0c1d2e3f-3333-4aaa-8bbb-000000000003"
	skillPrefix   = "http://data.example/esco/skill/"
)

// mustImport imports dir, allowing any share of missing references: the fixtures hold some on
// purpose, and TestImportRefusesBrokenExports tests the limit.
func mustImport(t *testing.T, st *store.Store, dir string) *esco.Result {
	t.Helper()
	res, err := esco.Import(context.Background(), st.DB, st.Dialect, dir, esco.Options{MaxMissing: 1})
	if err != nil {
		t.Fatalf("import of %s: %v", dir, err)
	}
	return res
}

func count(t *testing.T, db *sql.DB, query string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// footprint is what any write to the imported tables would move: the change feed, the versions
// and the last update time.
type footprint struct {
	changes, versions int
	lastUpdate        string
}

func footprintOf(t *testing.T, db *sql.DB) footprint {
	t.Helper()
	f := footprint{changes: count(t, db, "SELECT count(*) FROM changes")}
	for _, table := range []string{"profession_groups", "professions", "skills", "profession_skills"} {
		f.versions += count(t, db, "SELECT coalesce(sum(version), 0) FROM "+table)
		var last sql.NullString
		if err := db.QueryRow("SELECT CAST(max(updated_at) AS TEXT) FROM " + table).Scan(&last); err != nil {
			t.Fatal(err)
		}
		f.lastUpdate += last.String + " "
	}
	return f
}

func TestImport(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		st := testdb.Open(t, d, testdb.Options{Empty: true})
		ctx := access.AsSystem(context.Background())
		// A skill of the catalogue's own, not from ESCO, already holds the slug ESCO's
		// "work in teams" would take.
		if _, err := st.Client.Skill.Create().SetName("Work in teams").Save(ctx); err != nil {
			t.Fatal(err)
		}
		res := mustImport(t, st, small)

		t.Run("CountsWhatItCreated", func(t *testing.T) {
			want := map[string]esco.Counts{
				"groups": {Created: 6}, "professions": {Created: 6}, "skills": {Created: 6},
				"profession skills": {Created: 7}, "related skills": {Created: 4},
			}
			got := map[string]esco.Counts{
				"groups": res.Groups, "professions": res.Professions, "skills": res.Skills,
				"profession skills": res.ProfessionSkills, "related skills": res.RelatedSkills,
			}
			for k, w := range want {
				if got[k] != w {
					t.Errorf("%s: %+v, want %+v", k, got[k], w)
				}
			}
		})

		t.Run("ReportsMissingReferences", func(t *testing.T) {
			for kind, want := range map[string]int{
				"ISCO group → broader ISCO group":          1,
				"occupation → ISCO group":                  1,
				"skill → broader SkillGroup":               1,
				"skill → broader KnowledgeSkillCompetence": 1,
				"occupation-skill link → occupation":       1,
				"occupation-skill link → skill":            1,
				"skill-skill link → skill":                 1,
				"collection → skill":                       1,
			} {
				if got := res.Missing.Count(kind); got != want {
					t.Errorf("%s: %d missing, want %d", kind, got, want)
				}
			}
			if res.Missing.Total() != 8 {
				t.Errorf("%d missing references in all, want 8: %+v", res.Missing.Total(), res.Missing)
			}
			// Nothing of the files is dropped unreported: the relation types of related skills
			// and the groups' alternative labels are counted.
			for kind, want := range map[string]int{
				"skill-skill relation of type optional (kept without its type)":  2,
				"skill-skill relation of type essential (kept without its type)": 1,
				"skill group alternative labels (not kept: groups have none)":    2,
			} {
				if got := res.Gaps.Count(kind); got != want {
					t.Errorf("%s: %d, want %d", kind, got, want)
				}
			}
			if got := res.Skipped.Count("occupation → broader occupation (no profession hierarchy)"); got != 1 {
				t.Errorf("%d occupation hierarchy links skipped, want 1", got)
			}
			var out strings.Builder
			res.Print(&out)
			if !strings.Contains(out.String(), "http://data.example/esco/isco/C713") {
				t.Errorf("the printed report names no example of a missing broader group:\n%s", out.String())
			}
		})

		t.Run("BuildsTheSkillTaxonomy", func(t *testing.T) {
			if want := (esco.Counts{Created: 4}); res.SkillGroups != want {
				t.Errorf("skill groups: %+v, want %+v", res.SkillGroups, want)
			}
			s1 := st.Client.SkillGroup.Query().Where(skillgroup.Code("S1")).WithParents().WithSkills().OnlyX(ctx)
			if s1.Name != "working with wood" || len(s1.Edges.Parents) != 1 || *s1.Edges.Parents[0].Code != "S" ||
				len(s1.Edges.Skills) != 1 || s1.Edges.Skills[0].Name != "sand wooden hulls" {
				t.Errorf("group S1: %q under %v with skills %v; want working with wood, under S, holding sand wooden hulls",
					s1.Name, s1.Edges.Parents, s1.Edges.Skills)
			}
			// Every broader concept of a skill is kept: one group and two skills.
			sand := st.Client.Skill.Query().Where(skill.EscoURI(skillPrefix + "b2c3d4e5-0002-4ccc-8ddd-000000000002")).
				WithBroaderSkills().WithGroups().WithCategoryGroup().OnlyX(ctx)
			var broader []string
			for _, b := range sand.Edges.BroaderSkills {
				broader = append(broader, b.Name)
			}
			slices.Sort(broader)
			if !slices.Equal(broader, []string{"Marine varnishes", "finish wooden surfaces"}) || len(sand.Edges.Groups) != 1 {
				t.Errorf("sand wooden hulls sits under skills %q and %d groups; want both skills and S1", broader, len(sand.Edges.Groups))
			}
			if sand.Edges.CategoryGroup == nil || *sand.Edges.CategoryGroup.Code != "S1" || sand.Kind != enum.Hard {
				t.Errorf("sand wooden hulls: category %v, kind %s; want S1, HARD", sand.Edges.CategoryGroup, sand.Kind)
			}
			teams := st.Client.Skill.Query().Where(skill.EscoURI(skillPrefix + "c3d4e5f6-0003-4ccc-8ddd-000000000003")).
				WithCategoryGroup().OnlyX(ctx)
			if teams.Kind != enum.Soft || teams.Edges.CategoryGroup == nil || *teams.Edges.CategoryGroup.Code != "T4" || !teams.InTransversalCollection {
				t.Errorf("work in teams: kind %s, category %v, transversal collection %v; want SOFT, T4, true", teams.Kind, teams.Edges.CategoryGroup, teams.InTransversalCollection)
			}
			finish := st.Client.Skill.Query().Where(skill.EscoURI(skillPrefix + "e5f6a7b8-0005-4ccc-8ddd-000000000005")).OnlyX(ctx)
			if !finish.InDigitalCollection || !finish.InDigcompCollection || finish.InGreenCollection || finish.CategoryGroupID != nil {
				t.Errorf("finish wooden surfaces: digital %v, DigComp %v, green %v, category %v; want true, true, false, none",
					finish.InDigitalCollection, finish.InDigcompCollection, finish.InGreenCollection, finish.CategoryGroupID)
			}
		})

		t.Run("NormalisesText", func(t *testing.T) {
			mender := st.Client.Profession.Query().Where(profession.EscoURI(sailMender)).OnlyX(ctx)
			if want := "Sail menders patch and restitch torn sails, e.g. jibs and mainsails (i.e. the big ones)."; mender.Summary != want {
				t.Errorf("summary %q, want %q", mender.Summary, want)
			}
			if !strings.Contains(mender.Description, "sail loft's back room") {
				t.Errorf("a backtick apostrophe was kept: %q", mender.Description)
			}
			if n := st.Client.Profession.Query().Where(profession.Title("net knotter")).CountX(ctx); n != 1 {
				t.Errorf("%d professions titled \"net knotter\" (with a plain space, trimmed), want 1", n)
			}
		})

		t.Run("FeedHasOneCreatePerObject", func(t *testing.T) {
			if n := count(t, st.DB, "SELECT count(*) FROM changes WHERE op <> 'CREATE'"); n != 0 {
				t.Errorf("the first import left %d change-feed entries other than CREATE", n)
			}
			if n := count(t, st.DB, "SELECT count(*) FROM changes WHERE type = 'Skill' AND op = 'CREATE'"); n != 7 {
				t.Errorf("%d skills created in the feed, want 7 (6 imported, 1 before)", n)
			}
		})

		t.Run("BuildsTheGroupHierarchy", func(t *testing.T) {
			var chain []string
			g := st.Client.ProfessionGroup.Query().Where(professiongroup.Code("7121")).OnlyX(ctx)
			for g != nil {
				chain = append(chain, *g.Code+" "+g.Name)
				g, _ = g.QueryParent().Only(ctx)
			}
			want := []string{"7121 Hull finishers", "712 Hull workers", "71 Boat makers", "7 Makers and menders"}
			if !slices.Equal(chain, want) {
				t.Errorf("hierarchy %q, want %q", chain, want)
			}
			lantern := st.Client.ProfessionGroup.Query().Where(professiongroup.Code("7139")).OnlyX(ctx)
			if lantern.ParentID != nil {
				t.Errorf("group 7139, whose broader group is missing, has parent %d", *lantern.ParentID)
			}
		})

		t.Run("MapsOccupations", func(t *testing.T) {
			p := st.Client.Profession.Query().Where(profession.EscoURI(hullVarnisher)).WithGroup().OnlyX(ctx)
			checks := []struct{ what, got, want string }{
				{"title", p.Title, "hull varnisher"},
				{"slug", p.Slug, "hull-varnisher"},
				{"alternative titles", strings.Join(p.AlternativeTitles, "|"), "boat varnisher|varnisher of hulls"},
				{"summary", p.Summary, `Hull varnishers prepare, sand and varnish wooden hulls, using "marine" finishes.`},
				{"description", p.Description, `Hull varnishers prepare, sand and varnish wooden hulls, using "marine" finishes. They keep records of every coat.`},
				{"ISCO code", *p.IscoCode, "7121"},
				{"group", p.Edges.Group.Name, "Hull finishers"},
				{"status", string(p.Status), string(enum.Published)},
			}
			for _, c := range checks {
				if c.got != c.want {
					t.Errorf("%s: %q, want %q", c.what, c.got, c.want)
				}
			}
			if p.PublishedAt == nil || p.Version != 1 || p.CreatedBy != "system" {
				t.Errorf("published at %v, version %d, created by %q; want a time, 1, system", p.PublishedAt, p.Version, p.CreatedBy)
			}
			sailmaker := st.Client.Profession.Query().Where(profession.TitleEQ("sailmaker")).OnlyX(ctx)
			if !strings.Contains(sailmaker.Description, "sails.\nThey also") {
				t.Errorf("a multi-line description lost its line break: %q", sailmaker.Description)
			}
			netKnotter := st.Client.Profession.Query().Where(profession.TitleEQ("net knotter")).OnlyX(ctx)
			if netKnotter.GroupID != nil || *netKnotter.IscoCode != "7199" {
				t.Errorf("an occupation of a missing group: group %v, ISCO code %q; want none and 7199", netKnotter.GroupID, *netKnotter.IscoCode)
			}
		})

		t.Run("CollidingSlugsTakeTheirURI", func(t *testing.T) {
			for uri, want := range map[string]string{
				"http://data.example/esco/occupation/0c1d2e3f-2222-4aaa-8bbb-000000000002": "sailmaker",
				"http://data.example/esco/occupation/9f8e7d6c-6666-4aaa-8bbb-000000000006": "sailmaker-9f8e7d6c",
			} {
				if got := st.Client.Profession.Query().Where(profession.EscoURI(uri)).OnlyX(ctx).Slug; got != want {
					t.Errorf("profession %s: slug %q, want %q", uri, got, want)
				}
			}
			for uri, want := range map[string]string{
				"a1b2c3d4-0001-4ccc-8ddd-000000000001": "marine-varnishes",
				"f6a7b8c9-0006-4ccc-8ddd-000000000006": "marine-varnishes-f6a7b8c9",
				"c3d4e5f6-0003-4ccc-8ddd-000000000003": "work-in-teams-c3d4e5f6",
			} {
				if got := st.Client.Skill.Query().Where(skill.EscoURI(skillPrefix + uri)).OnlyX(ctx).Slug; got != want {
					t.Errorf("skill %s: slug %q, want %q", uri, got, want)
				}
			}
		})

		t.Run("MapsSkills", func(t *testing.T) {
			for _, c := range []struct {
				uri, name, labels string
				typ               enum.SkillType
				reuse             enum.ReuseLevel
				broader           string
			}{
				{"a1b2c3d4-0001-4ccc-8ddd-000000000001", "marine varnishes", "boat varnish|yacht varnish", enum.Knowledge, enum.SectorSpecific, ""},
				{"b2c3d4e5-0002-4ccc-8ddd-000000000002", "sand wooden hulls", "sand a hull|sand hulls", enum.SkillCompetence, enum.OccupationSpecific, "finish wooden surfaces"},
				{"c3d4e5f6-0003-4ccc-8ddd-000000000003", "work in teams", "teamwork|cooperate with colleagues", enum.SkillCompetence, enum.Transversal, ""},
				{"d4e5f6a7-0004-4ccc-8ddd-000000000004", "sail cloth", "", enum.Knowledge, enum.CrossSector, ""},
				{"e5f6a7b8-0005-4ccc-8ddd-000000000005", "finish wooden surfaces", "", enum.SkillCompetence, enum.CrossSector, "marine varnishes"},
			} {
				s := st.Client.Skill.Query().Where(skill.EscoURI(skillPrefix + c.uri)).WithBroader().OnlyX(ctx)
				broader := ""
				if s.Edges.Broader != nil {
					broader = s.Edges.Broader.Name
				}
				got := []string{s.Name, strings.Join(s.AlternativeLabels, "|"), string(*s.SkillType), string(*s.ReuseLevel), broader}
				want := []string{c.name, c.labels, string(c.typ), string(c.reuse), c.broader}
				if !slices.Equal(got, want) {
					t.Errorf("skill %s: %q, want %q", c.uri, got, want)
				}
			}
		})

		t.Run("LinksSkillsWithImportance", func(t *testing.T) {
			links := st.Client.Profession.Query().Where(profession.EscoURI(hullVarnisher)).QuerySkills().WithSkill().AllX(ctx)
			got := map[string]enum.Importance{}
			for _, l := range links {
				got[l.Edges.Skill.Name] = l.Importance
			}
			want := map[string]enum.Importance{"marine varnishes": enum.Essential, "sand wooden hulls": enum.Essential, "work in teams": enum.Optional}
			if len(got) != len(want) {
				t.Errorf("skills %v, want %v", got, want)
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("skill %q: %q, want %q", k, got[k], v)
				}
			}
		})

		t.Run("RelatesSkillsBothWays", func(t *testing.T) {
			related := func(uri string) []string {
				return st.Client.Skill.Query().Where(skill.EscoURI(skillPrefix + uri)).QueryRelated().
					Order(ent.Asc(skill.FieldSlug)).Select(skill.FieldSlug).StringsX(ctx)
			}
			for uri, want := range map[string][]string{
				"a1b2c3d4-0001-4ccc-8ddd-000000000001": {"marine-varnishes-f6a7b8c9"},
				"f6a7b8c9-0006-4ccc-8ddd-000000000006": {"marine-varnishes"},
				"e5f6a7b8-0005-4ccc-8ddd-000000000005": {"sand-wooden-hulls"},
				"c3d4e5f6-0003-4ccc-8ddd-000000000003": nil,
			} {
				if got := related(uri); !slices.Equal(got, want) {
					t.Errorf("related to %s: %q, want %q", uri, got, want)
				}
			}
		})

		t.Run("ReimportChangesNothing", func(t *testing.T) {
			before := footprintOf(t, st.DB)
			again := mustImport(t, st, small)
			for name, c := range map[string]esco.Counts{
				"groups": again.Groups, "professions": again.Professions, "skills": again.Skills,
				"profession skills": again.ProfessionSkills, "related skills": again.RelatedSkills,
			} {
				if c.Created != 0 || c.Updated != 0 || c.Unchanged == 0 {
					t.Errorf("%s on re-import: %+v, want all unchanged", name, c)
				}
			}
			if after := footprintOf(t, st.DB); after != before {
				t.Errorf("re-import moved the change feed, a version or an update time: %+v, before %+v", after, before)
			}
		})

		t.Run("ChangedLabelIsUpdatedOnce", func(t *testing.T) {
			dir := copyFixtures(t, small)
			edit(t, filepath.Join(dir, "occupations_en.csv"), ",sail mender,", ",sail repairer,")
			before := footprintOf(t, st.DB)
			res := mustImport(t, st, dir)
			if want := (esco.Counts{Updated: 1, Unchanged: 5}); res.Professions != want {
				t.Errorf("professions: %+v, want %+v", res.Professions, want)
			}
			if res.Skills.Updated+res.Groups.Updated+res.ProfessionSkills.Updated+res.Skills.Created != 0 {
				t.Errorf("more than the occupation changed: %+v", res)
			}
			p := st.Client.Profession.Query().Where(profession.EscoURI(sailMender)).OnlyX(ctx)
			if p.Title != "sail repairer" || p.Version != 2 || p.Slug != "sail-mender" || !slices.Equal(p.AlternativeTitles, []string{"sail mender"}) {
				t.Errorf("updated profession: title %q, version %d, slug %q, alternative titles %q; want sail repairer, 2, sail-mender (kept), [sail mender]",
					p.Title, p.Version, p.Slug, p.AlternativeTitles)
			}
			after := footprintOf(t, st.DB)
			if after.changes != before.changes+1 || after.versions != before.versions+1 {
				t.Errorf("%d change entries and %d versions added, want 1 and 1", after.changes-before.changes, after.versions-before.versions)
			}
			if again := mustImport(t, st, dir); again.Professions.Updated != 0 {
				t.Errorf("importing the changed files twice updated %d professions the second time", again.Professions.Updated)
			}
		})

		t.Run("ChangedImportanceIsUpdatedOnce", func(t *testing.T) {
			dir := copyFixtures(t, small)
			edit(t, filepath.Join(dir, "occupations_en.csv"), ",sail mender,", ",sail repairer,") // As the database has it now.
			edit(t, filepath.Join(dir, "occupationSkillRelations.csv"), "000000000001,optional,skill/competence", "000000000001,essential,skill/competence")
			before := footprintOf(t, st.DB)
			res := mustImport(t, st, dir)
			if want := (esco.Counts{Updated: 1, Unchanged: 6}); res.ProfessionSkills != want {
				t.Errorf("profession skills: %+v, want %+v", res.ProfessionSkills, want)
			}
			if res.Professions.Updated != 0 {
				t.Errorf("%d professions updated, want none", res.Professions.Updated)
			}
			after := footprintOf(t, st.DB)
			if after.changes != before.changes+1 || after.versions != before.versions+1 {
				t.Errorf("%d change entries and %d versions added, want 1 and 1", after.changes-before.changes, after.versions-before.versions)
			}
			links := st.Client.Profession.Query().Where(profession.EscoURI(hullVarnisher)).QuerySkills().WithSkill().AllX(ctx)
			for _, l := range links {
				if l.Edges.Skill.Name == "work in teams" && (l.Importance != enum.Essential || l.Version != 2) {
					t.Errorf("work in teams: %s, version %d; want ESSENTIAL, 2", l.Importance, l.Version)
				}
			}
		})
	})
}

func TestImportRejectsMalformedFiles(t *testing.T) {
	st := testdb.Open(t, dialect.SQLite, testdb.Options{Empty: true})
	for _, c := range []struct {
		name, file, old, new, wantErr string
	}{
		{"RecordOfTheWrongWidth", "skills_en.csv", ",sail cloth,,,", ",sail cloth,,", "skills_en.csv"},
		{"StrayQuote", "occupations_en.csv", ",lantern maker,", `,lantern "maker,`, "occupations_en.csv"},
		{"MissingColumn", "occupationSkillRelations.csv", "relationType", "relation", `no column "relationType"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := copyFixtures(t, small)
			edit(t, filepath.Join(dir, c.file), c.old, c.new)
			_, err := esco.Import(context.Background(), st.DB, st.Dialect, dir, esco.Options{})
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Fatalf("error %v, want one naming %q", err, c.wantErr)
			}
			if n := count(t, st.DB, "SELECT count(*) FROM professions"); n != 0 {
				t.Errorf("a failed import left %d professions behind", n)
			}
		})
	}
}

// copyFixtures copies the files of dir into a new temporary folder, to be edited.
func copyFixtures(t *testing.T, dir string) string {
	t.Helper()
	out := t.TempDir()
	for _, name := range esco.Files() {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, fs.ErrNotExist) && !slices.Contains(esco.RequiredFiles(), name) {
			continue // An optional file the fixtures do not hold.
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// edit replaces the one occurrence of old in the file at path with new.
func edit(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(string(b), old) != 1 {
		t.Fatalf("%s holds %q %d times, want once", path, old, strings.Count(string(b), old))
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}
