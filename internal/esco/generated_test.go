package esco_test

import (
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"careergraph/internal/esco"
	"careergraph/internal/esco/escogen"
	"careergraph/internal/testing/testdb"
)

func TestImportOfGeneratedExport(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		dir := t.TempDir()
		w, err := escogen.Write(dir, escogen.Sizes{Occupations: 60, Skills: 900, Links: 2400, Relations: 150, SkillGroups: 70})
		if err != nil {
			t.Fatal(err)
		}
		st := testdb.Open(t, d, testdb.Options{Empty: true})
		res := mustImport(t, st, dir)
		for name, c := range map[string]struct{ got, want esco.Counts }{
			"groups":                {res.Groups, esco.Counts{Created: w.Groups}},
			"professions":           {res.Professions, esco.Counts{Created: w.Occupations}},
			"skill groups":          {res.SkillGroups, esco.Counts{Created: w.SkillGroups}},
			"group → broader group": {res.GroupParents, esco.Counts{Created: w.GroupBroader}},
			"skill → group":         {res.SkillGroupMembers, esco.Counts{Created: w.SkillGroupBroader}},
			"skill → broader skill": {res.BroaderSkills, esco.Counts{Created: w.SkillBroader}},
			"skills":                {res.Skills, esco.Counts{Created: w.Skills}},
			"profession skills":     {res.ProfessionSkills, esco.Counts{Created: w.Links}},
			"related skills":        {res.RelatedSkills, esco.Counts{Created: 2 * w.Relations}},
		} {
			if c.got != c.want {
				t.Errorf("%s: %+v, want %+v", name, c.got, c.want)
			}
		}
		// The only references that lead nowhere are the generator's links to unknown skills.
		if got := res.Missing.Count("occupation-skill link → skill"); got != w.UnknownLinks || res.Missing.Total() != w.UnknownLinks {
			t.Errorf("%d links to unknown skills reported, %d missing references in all; want %d and %d: %+v",
				got, res.Missing.Total(), w.UnknownLinks, w.UnknownLinks, res.Missing)
		}
		if n := count(t, st.DB, "SELECT count(*) FROM skills WHERE broader_id IS NOT NULL"); n == 0 || n > w.SkillBroader {
			t.Errorf("%d skills have a first broader skill, want between 1 and %d", n, w.SkillBroader)
		}
		if n := count(t, st.DB, "SELECT count(*) FROM skills WHERE category_group_id IS NULL"); n != 0 {
			t.Errorf("%d skills have no category, though every one is in a group", n)
		}
		if n := count(t, st.DB, "SELECT count(*) FROM skills WHERE in_digital_collection"); n != (w.Skills+9)/10 {
			t.Errorf("%d digital skills, want %d", n, (w.Skills+9)/10)
		}
		if n := count(t, st.DB, "SELECT count(*) FROM skills WHERE in_language_collection"); n != (w.Skills+59)/60 {
			t.Errorf("%d language skills, want %d", n, (w.Skills+59)/60)
		}
		if n := count(t, st.DB, "SELECT count(DISTINCT slug) FROM skills"); n != w.Skills {
			t.Errorf("%d distinct skill slugs for %d skills", n, w.Skills)
		}
		before := footprintOf(t, st.DB)
		again := mustImport(t, st, dir)
		if again.Skills.Unchanged != w.Skills || again.ProfessionSkills.Unchanged != w.Links || again.Professions.Unchanged != w.Occupations ||
			again.SkillGroups.Unchanged != w.SkillGroups || again.SkillGroupMembers.Unchanged != w.SkillGroupBroader {
			t.Errorf("re-import: %+v, want all unchanged", again)
		}
		if after := footprintOf(t, st.DB); after != before {
			t.Errorf("re-import moved the change feed, a version or an update time: %+v, before %+v", after, before)
		}
	})
}

// TestImportRefusesBrokenExports: a broken download is refused before anything is written,
// with every problem named, and the complete export is then accepted at the default limit.
func TestImportRefusesBrokenExports(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		dir := t.TempDir()
		w, err := escogen.Write(dir, escogen.Sizes{Occupations: 40, Skills: 300, Links: 1200, Relations: 50, SkillGroups: 30})
		if err != nil {
			t.Fatal(err)
		}
		st := testdb.Open(t, d, testdb.Options{Empty: true})
		nothingWritten := func(t *testing.T) {
			t.Helper()
			for _, table := range []string{"professions", "skills", "skill_groups", "profession_groups", "changes"} {
				if n := count(t, st.DB, "SELECT count(*) FROM "+table); n != 0 {
					t.Errorf("a refused import left %d rows in %s", n, table)
				}
			}
		}
		importDefault := func(dir string) (*esco.Result, error) {
			return esco.Import(context.Background(), st.DB, st.Dialect, dir, esco.Options{})
		}
		t.Run("EveryMissingFileIsNamed", func(t *testing.T) {
			_, err := importDefault(t.TempDir())
			if err == nil {
				t.Fatal("an empty folder was imported")
			}
			for _, name := range esco.RequiredFiles() {
				if !strings.Contains(err.Error(), name) {
					t.Errorf("the error does not name %s: %v", name, err)
				}
			}
			if !strings.Contains(err.Error(), "13 of the export's 13 files are missing") {
				t.Errorf("error %q does not count the missing files", err)
			}
			nothingWritten(t)
		})
		t.Run("HeaderOnlyFileIsRefused", func(t *testing.T) {
			broken := copyFixtures(t, dir)
			truncate(t, filepath.Join(broken, "occupations_en.csv"), 1)
			_, err := importDefault(broken)
			if err == nil || !strings.Contains(err.Error(), "occupations_en.csv: no records after the header") {
				t.Fatalf("error %v, want one saying occupations_en.csv holds no records", err)
			}
			nothingWritten(t)
		})
		t.Run("TruncatedFileIsRefused", func(t *testing.T) {
			broken := copyFixtures(t, dir)
			truncate(t, filepath.Join(broken, "occupations_en.csv"), 11) // 10 of 40 occupations, cleanly cut
			res, err := importDefault(broken)
			var refused *esco.Refused
			if !errors.As(err, &refused) || res == nil || !strings.Contains(err.Error(), "occupation-skill link → occupation") {
				t.Fatalf("error %v, want a refusal naming the links to missing occupations", err)
			}
			if got := res.Missing.Count("occupation-skill link → occupation"); got != 900 {
				t.Errorf("%d links to missing occupations reported, want 900 (30 occupations of 30 links)", got)
			}
			nothingWritten(t)
			if _, err := esco.Import(context.Background(), st.DB, st.Dialect, broken, esco.Options{MaxMissing: 0.9}); err != nil {
				t.Errorf("with a limit of 90 %%, the cut export was still refused: %v", err)
			}
		})
		t.Run("CompleteExportPassesTheDefaultLimit", func(t *testing.T) {
			res, err := importDefault(dir)
			if err != nil {
				t.Fatal(err)
			}
			if res.Professions.Created+res.Professions.Unchanged != w.Occupations {
				t.Errorf("professions %+v, want %d in all", res.Professions, w.Occupations)
			}
		})
	})
}

// truncate keeps the first n records of a CSV file (the header is the first).
func truncate(t *testing.T, path string, n int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	cw := csv.NewWriter(out)
	if err := cw.WriteAll(recs[:n]); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
