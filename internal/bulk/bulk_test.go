package bulk_test

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"careergraph/ent/profession"
	"careergraph/ent/provider"
	"careergraph/ent/skill"
	"careergraph/ent/training"
	"careergraph/internal/access"
	"careergraph/internal/bulk"
	"careergraph/internal/esco"
	"careergraph/internal/store"
	"careergraph/internal/testing/testdb"
)

func storeOf(s *store.Store) bulk.Store {
	return bulk.Store{Client: s.Client, DB: s.DB, Dialect: s.Dialect}
}

func mustExport(t *testing.T, s *store.Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := bulk.Export(context.Background(), storeOf(s), &buf); err != nil {
		t.Fatalf("export: %v", err)
	}
	return buf.Bytes()
}

func mustImport(t *testing.T, s *store.Store, file string, opts bulk.Options) *bulk.Report {
	t.Helper()
	r := strings.NewReader(file)
	rep, err := bulk.Import(context.Background(), storeOf(s), r, int64(len(file)), opts)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return rep
}

// feed counts the change feed's entries and the sum of all versions, which any write raises.
func feed(t *testing.T, s *store.Store) (entries, versions int) {
	t.Helper()
	if err := s.DB.QueryRow(`SELECT (SELECT COUNT(*) FROM changes),
		(SELECT COALESCE(SUM(version), 0) FROM professions) + (SELECT COALESCE(SUM(version), 0) FROM skills) +
		(SELECT COALESCE(SUM(version), 0) FROM trainings) + (SELECT COALESCE(SUM(version), 0) FROM training_sessions) +
		(SELECT COALESCE(SUM(version), 0) FROM blog_posts)`).Scan(&entries, &versions); err != nil {
		t.Fatal(err)
	}
	return entries, versions
}

func TestExportImportExportGivesTheSameFile(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		first := mustExport(t, testdb.Open(t, d, testdb.Options{}))
		lines := bytes.Count(first, []byte("\n"))
		for _, typ := range []string{"professionGroup", "profession", "skill", "industry", "specialization", "provider",
			"training", "session", "author", "blogCategory", "tag", "blogPost", "glossaryTerm"} {
			if !bytes.Contains(first, []byte(`{"type":"`+typ+`"`)) {
				t.Errorf("the export of the demo catalogue has no %s line", typ)
			}
		}

		empty := testdb.Open(t, d, testdb.Options{Empty: true})
		rep := mustImport(t, empty, string(first), bulk.Options{Batch: 7})
		if rep.Created != lines || rep.Rejected != 0 || len(rep.Problems) != 0 {
			t.Fatalf("into an empty database: %+v, problems %v; want %d created", rep.Counts, rep.Problems, lines)
		}
		if second := mustExport(t, empty); !bytes.Equal(first, second) {
			t.Fatalf("the second export differs from the first:\n%s", firstDifference(first, second))
		}

		entries, versions := feed(t, empty)
		again := mustImport(t, empty, string(first), bulk.Options{})
		if again.Unchanged != lines || again.Created+again.Updated+again.Rejected != 0 {
			t.Errorf("importing the same file again: %+v; want all %d unchanged", again.Counts, lines)
		}
		if e, v := feed(t, empty); e != entries || v != versions {
			t.Errorf("importing the same file again wrote: change feed %d → %d entries, versions %d → %d", entries, e, versions, v)
		}
	})
}

func firstDifference(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n- " + al[i] + "\n+ " + bl[i]
		}
	}
	return "lengths " + strconv.Itoa(len(al)) + " and " + strconv.Itoa(len(bl))
}

// A file written by hand: references point forward, and some lines are wrong in every way the
// importer knows of.
const mixed = `{"type":"training","slug":"rust-for-services","title":"Rust for services","level":"INTERMEDIATE","format":"ONLINE","provider":"ferrous-school","skills":["rust","tokio"],"status":"PUBLISHED"}
{"type":"skill","slug":"tokio","name":"Tokio","broader":"rust","related":["rust"]}
not json at all
{"type":"skill","slug":"rust","name":"Rust","skillType":"KNOWLEDGE","reuseLevel":"SECTOR_SPECIFIC","alternativeLabels":["Rust language"]}
{"type":"gadget","slug":"x"}
{"type":"skill","slug":"zig","name":"Zig","colour":"orange"}
{"type":"skill","slug":"odin","name":"Odin","kind":"MEDIUM"}
{"type":"provider","slug":"ferrous-school","name":"Ferrous School","country":"FI"}
{"type":"training","slug":"orphan","title":"Orphan","level":"BEGINNER","format":"ONLINE","provider":"nobody"}
{"type":"skill","slug":"rust","name":"Rust again"}
{"type":"provider","slug":"bad-country","name":"Bad Country","country":"FIN"}
{"type":"profession","slug":"systems-programmer","title":"Systems Programmer","skills":[{"skill":"rust","importance":"ESSENTIAL"},{"skill":"tokio","importance":"OPTIONAL"}],"relatedProfessions":[]}
{"type":"profession","title":"No Key"}

{"type":"session","training":"rust-for-services","code":"2027-spring","startsAt":"2027-03-01T08:00:00Z","endsAt":"2027-03-05T15:00:00Z","capacity":12,"seatsLeft":12}
`

func TestBadLinesAreReportedAndTheOthersImported(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := testdb.Open(t, d, testdb.Options{Empty: true})
		rep := mustImport(t, s, mixed, bulk.Options{Batch: 2})

		want := map[int]string{
			3:  "not a JSON object",
			5:  `unknown type "gadget"`,
			6:  `"colour" is not a field of a skill`,
			7:  `kind: "MEDIUM" is not one of HARD, SOFT`,
			9:  `provider "nobody" does not exist`,
			10: `skill "rust" already appears on line 4`,
			11: `country`,
			13: `a profession needs a slug or escoUri`,
		}
		got := map[int]string{}
		for _, p := range rep.Problems {
			got[p.Line] = p.Message
		}
		for line, msg := range want {
			if !strings.Contains(got[line], msg) {
				t.Errorf("line %d: got %q, want a message containing %q", line, got[line], msg)
			}
		}
		for line, msg := range got {
			if _, ok := want[line]; !ok {
				t.Errorf("line %d rejected unexpectedly: %s", line, msg)
			}
		}
		if rep.Created != 6 || rep.Rejected != len(want) || rep.Updated != 0 || rep.Unchanged != 0 {
			t.Errorf("counts %+v; want 6 created, %d rejected", rep.Counts, len(want))
		}

		ctx := access.AsSystem(context.Background())
		c := s.Client
		tr := c.Training.Query().Where(training.Slug("rust-for-services")).WithProvider().WithSkills().WithSessions().OnlyX(ctx)
		if tr.Edges.Provider.Slug != "ferrous-school" || len(tr.Edges.Skills) != 2 || len(tr.Edges.Sessions) != 1 {
			t.Errorf("training imported before its provider and skills: provider %v, %d skills, %d sessions",
				tr.Edges.Provider, len(tr.Edges.Skills), len(tr.Edges.Sessions))
		}
		tokio := c.Skill.Query().Where(skill.Slug("tokio")).WithBroader().WithRelated().OnlyX(ctx)
		if tokio.Edges.Broader == nil || tokio.Edges.Broader.Slug != "rust" || len(tokio.Edges.Related) != 1 {
			t.Errorf("tokio's broader and related skills were not set: %+v", tokio.Edges)
		}
		rust := c.Skill.Query().Where(skill.Slug("rust")).WithRelated().OnlyX(ctx)
		if rust.Name != "Rust" || rust.SkillType == nil || *rust.SkillType != "KNOWLEDGE" || len(rust.Edges.Related) != 1 {
			t.Errorf("rust: %+v; want the first line's values and tokio as related (links go both ways)", rust)
		}
		sp := c.Profession.Query().Where(profession.Slug("systems-programmer")).WithSkills().OnlyX(ctx)
		if len(sp.Edges.Skills) != 2 {
			t.Errorf("systems-programmer has %d skills, want 2", len(sp.Edges.Skills))
		}
		for _, gone := range []func() bool{
			func() bool { return c.Training.Query().Where(training.Slug("orphan")).ExistX(ctx) },
			func() bool { return c.Skill.Query().Where(skill.Slug("zig")).ExistX(ctx) },
			func() bool { return c.Provider.Query().Where(provider.Slug("bad-country")).ExistX(ctx) },
		} {
			if gone() {
				t.Error("a rejected line was written")
			}
		}
	})
}

func TestImportChangesOnlyWhatTheFileChanges(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := testdb.Open(t, d, testdb.Options{})
		file := string(mustExport(t, s))
		lines := strings.Count(file, "\n")
		ctx := access.AsSystem(context.Background())
		before := s.Client.Profession.Query().Where(profession.Slug("back-end-developer")).WithSkills().OnlyX(ctx)
		entries, _ := feed(t, s)

		// One profession gets a new title and loses its industries; nothing else changes.
		var edited []string
		for _, l := range strings.Split(strings.TrimSuffix(file, "\n"), "\n") {
			if strings.HasPrefix(l, `{"type":"profession","slug":"back-end-developer",`) {
				l = strings.Replace(l, `"title":"Back-End Developer"`, `"title":"Backend Developer"`, 1)
				i := strings.Index(l, `"industries":[`)
				j := strings.Index(l[i:], "]")
				l = l[:i] + `"industries":[]` + l[i+j+1:]
			}
			edited = append(edited, l)
		}
		rep := mustImport(t, s, strings.Join(edited, "\n")+"\n", bulk.Options{})
		if rep.Updated != 1 || rep.Unchanged != lines-1 || rep.Created+rep.Rejected != 0 {
			t.Fatalf("counts %+v, problems %v; want 1 updated, %d unchanged", rep.Counts, rep.Problems, lines-1)
		}
		after := s.Client.Profession.Query().Where(profession.Slug("back-end-developer")).WithIndustries().OnlyX(ctx)
		if after.Title != "Backend Developer" || len(after.Edges.Industries) != 0 {
			t.Errorf("after the import: title %q, %d industries", after.Title, len(after.Edges.Industries))
		}
		if after.Version <= before.Version {
			t.Errorf("version %d → %d; an update raises it", before.Version, after.Version)
		}
		var feedTypes []string
		rows, err := s.DB.Query(`SELECT type, op FROM changes ORDER BY id DESC LIMIT 100`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var typ, op string
			if err := rows.Scan(&typ, &op); err != nil {
				t.Fatal(err)
			}
			feedTypes = append(feedTypes, typ+" "+op)
		}
		e, _ := feed(t, s)
		for _, ft := range feedTypes[:e-entries] {
			if ft != "Profession UPDATE" && ft != "Industry UPDATE" {
				t.Errorf("the change feed recorded %q; only the edited profession (and the industries it left) changed", ft)
			}
		}
		if e == entries {
			t.Error("the change feed recorded nothing for an update")
		}
	})
}

func TestAnObjectIsFoundByItsExternalCode(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := testdb.Open(t, d, testdb.Options{Empty: true})
		const uri = "http://data.europa.eu/esco/skill/0000-example"
		first := `{"type":"skill","escoUri":"` + uri + `","name":"Stream processing"}` + "\n"
		if rep := mustImport(t, s, first, bulk.Options{}); rep.Created != 1 {
			t.Fatalf("%+v %v", rep.Counts, rep.Problems)
		}
		ctx := access.AsSystem(context.Background())
		got := s.Client.Skill.Query().Where(skill.EscoURI(uri)).OnlyX(ctx)
		if got.Slug != "stream-processing" {
			t.Errorf("a skill keyed by its ESCO URI got slug %q, want one made from its name", got.Slug)
		}
		// A later file names the same concept under a new slug: the skill is renamed, not doubled.
		second := `{"type":"skill","slug":"stream-processing-systems","escoUri":"` + uri + `","name":"Stream processing systems"}` + "\n"
		if rep := mustImport(t, s, second, bulk.Options{}); rep.Updated != 1 || rep.Created != 0 {
			t.Fatalf("%+v %v", rep.Counts, rep.Problems)
		}
		if n := s.Client.Skill.Query().CountX(ctx); n != 1 {
			t.Errorf("%d skills; the second line should have updated the first", n)
		}
		if got := s.Client.Skill.Query().Where(skill.EscoURI(uri)).OnlyX(ctx); got.Slug != "stream-processing-systems" {
			t.Errorf("slug %q after the rename", got.Slug)
		}
	})
}

// TestAnESCOCatalogueSurvivesTheFileFormat: what the ESCO import writes (groups by code, skills
// and professions by URI, skill types, reuse levels, related skills both ways) comes through
// export → import into an empty database → export unchanged.
func TestAnESCOCatalogueSurvivesTheFileFormat(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		src := testdb.Open(t, d, testdb.Options{Empty: true})
		if _, err := esco.Import(context.Background(), src.DB, src.Dialect, "../esco/testdata/small", esco.Options{MaxMissing: 1}); err != nil {
			t.Fatal(err)
		}
		first := mustExport(t, src)
		for _, want := range []string{`"escoUri":"http://data.example/esco/`, `"skillType":"KNOWLEDGE"`, `"reuseLevel":`, `"importance":"OPTIONAL"`} {
			if !bytes.Contains(first, []byte(want)) {
				t.Errorf("the export of an ESCO import lacks %s", want)
			}
		}
		dst := testdb.Open(t, d, testdb.Options{Empty: true})
		if rep := mustImport(t, dst, string(first), bulk.Options{}); rep.Rejected != 0 {
			t.Fatalf("%+v %v", rep.Counts, rep.Problems)
		}
		if second := mustExport(t, dst); !bytes.Equal(first, second) {
			t.Fatalf("the second export differs:\n%s", firstDifference(first, second))
		}
	})
}
