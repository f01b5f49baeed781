package esco_test

import (
	"testing"

	"careergraph/internal/esco"
	"careergraph/internal/esco/escogen"
	"careergraph/internal/testdb"
)

func TestImportOfGeneratedExport(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		dir := t.TempDir()
		w, err := escogen.Write(dir, escogen.Sizes{Occupations: 60, Skills: 900, Links: 2400, Relations: 150})
		if err != nil {
			t.Fatal(err)
		}
		st := testdb.Open(t, d, testdb.Options{Empty: true})
		res := mustImport(t, st, dir)
		for name, c := range map[string]struct{ got, want esco.Counts }{
			"groups":            {res.Groups, esco.Counts{Created: w.Groups}},
			"professions":       {res.Professions, esco.Counts{Created: w.Occupations}},
			"skills":            {res.Skills, esco.Counts{Created: w.Skills}},
			"profession skills": {res.ProfessionSkills, esco.Counts{Created: w.Links}},
			"related skills":    {res.RelatedSkills, esco.Counts{Created: 2 * w.Relations}},
		} {
			if c.got != c.want {
				t.Errorf("%s: %+v, want %+v", name, c.got, c.want)
			}
		}
		if got := res.Missing.Count("occupation-skill link → skill"); got != w.UnknownLinks {
			t.Errorf("%d links to unknown skills reported, want %d", got, w.UnknownLinks)
		}
		if got := res.Missing.Count("skill → broader SkillGroup"); got != w.SkillGroupBroader {
			t.Errorf("%d broader skill groups reported missing, want %d", got, w.SkillGroupBroader)
		}
		for _, f := range res.Missing.Kinds {
			if f.Kind == "skill → broader SkillGroup" && (f.Distinct < 2 || f.Distinct > 600 || len(f.Examples) != 3) {
				t.Errorf("missing skill groups: %d distinct (want 2 to 600, the generator's groups), examples %q", f.Distinct, f.Examples)
			}
		}
		if n := count(t, st.DB, "SELECT count(*) FROM skills WHERE broader_id IS NOT NULL"); n == 0 || n > w.SkillBroader {
			t.Errorf("%d skills have a broader skill, want between 1 and %d", n, w.SkillBroader)
		}
		if n := count(t, st.DB, "SELECT count(DISTINCT slug) FROM skills"); n != w.Skills {
			t.Errorf("%d distinct skill slugs for %d skills", n, w.Skills)
		}
		before := footprintOf(t, st.DB)
		again := mustImport(t, st, dir)
		if again.Skills.Unchanged != w.Skills || again.ProfessionSkills.Unchanged != w.Links || again.Professions.Unchanged != w.Occupations {
			t.Errorf("re-import: %+v, want all unchanged", again)
		}
		if after := footprintOf(t, st.DB); after != before {
			t.Errorf("re-import moved the change feed, a version or an update time: %+v, before %+v", after, before)
		}
	})
}
