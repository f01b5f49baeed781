package graph_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"careergraph/internal/esco"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/testdb"
)

// TestImportedESCOIsServed imports the ESCO fixtures of package esco and reads them as an
// anonymous visitor would: a profession by its slug with its group and skills, and in search.
func TestImportedESCOIsServed(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		if _, err := esco.Import(context.Background(), s.Store.DB, s.Store.Dialect, "../internal/esco/testdata/small", esco.Options{MaxMissing: 1}); err != nil {
			t.Fatal(err)
		}
		var got struct {
			Profession struct {
				Title             string
				AlternativeTitles []string
				Group             struct {
					Code   string
					Parent struct{ Code string }
				}
				Skills struct {
					TotalCount int
					Edges      []struct {
						Node struct {
							Importance string
							Skill      struct {
								Name, SkillType, ReuseLevel string
								Related                     struct{ TotalCount int }
							}
						}
					}
				}
			}
			Search struct {
				Edges []struct {
					Node struct{ Slug string }
				}
			}
		}
		s.Query(t, `{
  profession(slug: "hull-varnisher") {
    title alternativeTitles
    group { code parent { code } }
    skills(first: 10, orderBy: [{ field: IMPORTANCE }, { field: SKILL_NAME }]) {
      totalCount
      edges { node { importance skill { name skillType reuseLevel related { totalCount } } } }
    }
  }
  search(query: "varnisher", types: [PROFESSION]) { edges { node { ... on Profession { slug } } } }
}`, nil, &got)
		p := got.Profession
		if p.Title != "hull varnisher" || !slices.Equal(p.AlternativeTitles, []string{"boat varnisher", "varnisher of hulls"}) ||
			p.Group.Code != "7121" || p.Group.Parent.Code != "712" {
			t.Errorf("profession %+v", p)
		}
		var skills []string
		for _, e := range p.Skills.Edges {
			n := e.Node
			skills = append(skills, n.Importance+" "+n.Skill.Name+" "+n.Skill.SkillType+" "+n.Skill.ReuseLevel)
		}
		want := []string{
			"ESSENTIAL marine varnishes KNOWLEDGE SECTOR_SPECIFIC",
			"ESSENTIAL sand wooden hulls SKILL_COMPETENCE OCCUPATION_SPECIFIC",
			"OPTIONAL work in teams SKILL_COMPETENCE TRANSVERSAL",
		}
		if p.Skills.TotalCount != 3 || !slices.Equal(skills, want) {
			t.Errorf("skills (%d) %q, want %q", p.Skills.TotalCount, skills, want)
		}
		if len(p.Skills.Edges) > 0 && p.Skills.Edges[0].Node.Skill.Related.TotalCount != 1 {
			t.Errorf("marine varnishes has %d related skills, want 1", p.Skills.Edges[0].Node.Skill.Related.TotalCount)
		}
		if len(got.Search.Edges) == 0 || got.Search.Edges[0].Node.Slug != "hull-varnisher" {
			t.Errorf("search for varnisher found %+v, want hull-varnisher first", got.Search.Edges)
		}
	})
}

// escoSample is the ICT slice of ESCO v1.1.1 (its README says what it holds).
const escoSample = "../internal/esco/testdata/ict"

// readSample returns the records of one file of the sample as maps from column to value.
func readSample(t *testing.T, name string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(escoSample, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// TestESCOSampleIsServedFaithfully imports the real ESCO sample into an empty catalogue and
// checks, over GraphQL, what its files say: the skill taxonomy from its roots down to a skill
// and back up, collections, soft skills, and career transitions ranked as the data implies.
func TestESCOSampleIsServedFaithfully(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.NewOn(t, testdb.Open(t, d, testdb.Options{Empty: true}), new(atomic.Int64))
		// The sample is a slice: 293 broader relations (3.5 %) lead to skills outside it.
		if _, err := esco.Import(context.Background(), s.Store.DB, s.Store.Dialect, escoSample, esco.Options{MaxMissing: 0.05}); err != nil {
			t.Fatal(err)
		}
		skillName := map[string]string{}
		for _, r := range readSample(t, "skills_en.csv") {
			skillName[r["conceptUri"]] = r["preferredLabel"]
		}
		groups := map[string]map[string]string{}
		for _, r := range readSample(t, "skillGroups_en.csv") {
			groups[r["conceptUri"]] = r
		}

		t.Run("TaxonomyWalksFromTheRootsToASkillAndBack", func(t *testing.T) {
			hasParent := map[string]bool{}
			children := map[string]int{}
			var pythonBroader []string
			for _, r := range readSample(t, "broaderRelationsSkillPillar.csv") {
				if r["conceptType"] == "SkillGroup" {
					hasParent[r["conceptUri"]] = true
					children[r["broaderUri"]]++
				}
				if skillName[r["conceptUri"]] == "Python (computer programming)" {
					pythonBroader = append(pythonBroader, r["broaderUri"])
				}
			}
			var roots []string
			for uri, g := range groups {
				if !hasParent[uri] {
					roots = append(roots, g["code"]+" "+g["preferredLabel"]+" "+strconv.Itoa(children[uri]))
				}
			}
			slices.Sort(roots)
			var got struct {
				SkillGroups struct {
					TotalCount int
					Edges      []struct {
						Node struct {
							Code, Name string
							Children   struct{ TotalCount int }
						}
					}
				}
				Skill struct {
					Kind          string
					Collections   []string
					CategoryGroup struct{ Code, Name string }
					Groups        struct {
						TotalCount int
						Edges      []struct {
							Node struct {
								Code    string
								Parents struct {
									Edges []struct{ Node struct{ Code string } }
								}
							}
						}
					}
					BroaderSkills struct{ TotalCount int }
				}
			}
			s.Query(t, `{
  skillGroups(where: { hasParents: false }, orderBy: [{ field: CODE }]) {
    totalCount edges { node { code name children { totalCount } } }
  }
  skill(slug: "python-computer-programming") {
    kind collections categoryGroup { code name }
    groups(first: 10) { totalCount edges { node { code parents(first: 5) { edges { node { code } } } } } }
    broaderSkills { totalCount }
  }
}`, nil, &got)
			var gotRoots []string
			for _, e := range got.SkillGroups.Edges {
				gotRoots = append(gotRoots, e.Node.Code+" "+e.Node.Name+" "+strconv.Itoa(e.Node.Children.TotalCount))
			}
			slices.Sort(gotRoots)
			if !slices.Equal(gotRoots, roots) {
				t.Errorf("roots (code, name, children) %q, want %q", gotRoots, roots)
			}
			py := got.Skill
			if py.Groups.TotalCount+py.BroaderSkills.TotalCount != len(pythonBroader) || py.Groups.TotalCount == 0 {
				t.Errorf("Python sits under %d groups and %d skills, the files list %d broader concepts",
					py.Groups.TotalCount, py.BroaderSkills.TotalCount, len(pythonBroader))
			}
			for _, e := range py.Groups.Edges {
				if len(e.Node.Parents.Edges) == 0 {
					t.Errorf("Python's group %s leads nowhere up", e.Node.Code)
				}
			}
			// Python is knowledge of ICT: its top-level group is the field of ICTs (ISCED-F 06).
			if py.CategoryGroup.Code != "06" || py.Kind != "HARD" || !slices.Contains(py.Collections, "DIGITAL") {
				t.Errorf("Python: category %+v, kind %s, collections %v; want 06 (ICTs), HARD, DIGITAL among them", py.CategoryGroup, py.Kind, py.Collections)
			}
		})

		t.Run("CollectionsAndSoftSkillsAreFilterable", func(t *testing.T) {
			want := map[string]int{}
			for _, c := range []struct{ name, file string }{{"digital", "digitalSkillsCollection_en.csv"}, {"green", "greenSkillsCollection_en.csv"},
				{"research", "researchSkillsCollection_en.csv"}, {"digcomp", "digCompSkillsCollection_en.csv"}, {"transversal", "transversalSkillsCollection_en.csv"}} {
				want[c.name] = len(readSample(t, c.file))
			}
			var got struct {
				Digital, Green, Research, Digcomp, Transversal, DigitalAndGreen, HardTransversal, Soft struct{ TotalCount int }
			}
			s.Query(t, `{
  digital: skills(where: { collections: [DIGITAL] }) { totalCount }
  green: skills(where: { collections: [GREEN] }) { totalCount }
  research: skills(where: { collections: [RESEARCH] }) { totalCount }
  digcomp: skills(where: { collections: [DIGCOMP] }) { totalCount }
  transversal: skills(where: { collections: [TRANSVERSAL] }) { totalCount }
  digitalAndGreen: skills(where: { collections: [DIGITAL, GREEN] }) { totalCount }
  hardTransversal: skills(where: { collections: [TRANSVERSAL], kind: HARD }) { totalCount }
  soft: skills(where: { kind: SOFT }) { totalCount }
}`, nil, &got)
			gotCounts := map[string]int{"digital": got.Digital.TotalCount, "green": got.Green.TotalCount, "research": got.Research.TotalCount,
				"digcomp": got.Digcomp.TotalCount, "transversal": got.Transversal.TotalCount}
			for k, n := range want {
				if gotCounts[k] != n {
					t.Errorf("%s collection: %d skills, the file lists %d", k, gotCounts[k], n)
				}
			}
			if got.DigitalAndGreen.TotalCount > min(want["digital"], want["green"]) || got.HardTransversal.TotalCount != 0 || got.Soft.TotalCount < want["transversal"] {
				t.Errorf("digital and green %d, transversal but HARD %d, SOFT %d; want at most %d, 0, at least %d",
					got.DigitalAndGreen.TotalCount, got.HardTransversal.TotalCount, got.Soft.TotalCount, min(want["digital"], want["green"]), want["transversal"])
			}
		})

		t.Run("CareerTransitionsPutTheProfessionsUsingEverySkillFirst", func(t *testing.T) {
			have := []string{"Python (computer programming)", "SQL", "JavaScript", "computer programming", "debug software", "use software design patterns"}
			// From the files: per occupation, how many of the six it lists, and its essential skills.
			occupation := map[string]string{}
			for _, r := range readSample(t, "occupations_en.csv") {
				occupation[r["conceptUri"]] = r["preferredLabel"]
			}
			type counts struct{ uses, essential, held, all int }
			want := map[string]*counts{}
			for _, r := range readSample(t, "occupationSkillRelations.csv") {
				title := occupation[r["occupationUri"]]
				if want[title] == nil {
					want[title] = &counts{}
				}
				c, in := want[title], slices.Contains(have, skillName[r["skillUri"]])
				c.all++
				if in {
					c.uses++
				}
				if r["relationType"] == "essential" {
					c.essential++
					if in {
						c.held++
					}
				}
			}
			var usingAll []string
			for title, c := range want {
				if c.uses == len(have) {
					usingAll = append(usingAll, title)
				}
			}
			slices.Sort(usingAll)
			if len(usingAll) < 2 {
				t.Fatalf("the sample has %d professions using all six skills, want at least 2", len(usingAll))
			}

			var ids struct {
				Skills struct {
					Edges []struct{ Node struct{ ID, Name string } }
				}
			}
			s.Query(t, `query($names: [String!]) { skills(first: 10, where: { nameIn: $names }) { edges { node { id name } } } }`,
				map[string]any{"names": have}, &ids)
			var haveIDs []string
			for _, e := range ids.Skills.Edges {
				haveIDs = append(haveIDs, e.Node.ID)
			}
			if len(haveIDs) != len(have) {
				t.Fatalf("found %d of the six skills by name: %+v", len(haveIDs), ids.Skills.Edges)
			}
			var got struct {
				CareerTransitions []struct {
					Profession                                                       struct{ Title string }
					Score                                                            float64
					UsesCount, GivenCount, EssentialHeld, EssentialCount, SkillCount int
					Explanation                                                      string
					Shared                                                           []struct{ Skill struct{ Name string } }
				}
			}
			s.Query(t, `query($have: [ID!]!) {
  careerTransitions(have: $have, first: 12) {
    profession { title } score usesCount givenCount essentialHeld essentialCount skillCount explanation
    shared { skill { name } }
  }
}`, map[string]any{"have": haveIDs}, &got)
			ms := got.CareerTransitions
			if len(ms) != 12 {
				t.Fatalf("%d transitions, want 12", len(ms))
			}
			var top []string
			for _, m := range ms[:len(usingAll)] {
				top = append(top, m.Profession.Title)
			}
			slices.Sort(top)
			if !slices.Equal(top, usingAll) {
				t.Errorf("first %d transitions %q, want those that use all six skills: %q", len(usingAll), top, usingAll)
			}
			for i, m := range ms {
				c := want[m.Profession.Title]
				if c == nil || m.UsesCount != c.uses || m.GivenCount != 6 || m.EssentialHeld != c.held || m.EssentialCount != c.essential || m.SkillCount != c.all {
					t.Errorf("%s: counts %d of %d, %d of %d essential, %d in all; the files say %+v",
						m.Profession.Title, m.UsesCount, m.GivenCount, m.EssentialHeld, m.EssentialCount, m.SkillCount, c)
					continue
				}
				if want := fmt.Sprintf("uses %d of your 6 skills; you hold %d of its %d essential skills", c.uses, c.held, c.essential); m.Explanation != want {
					t.Errorf("%s explained %q, want %q", m.Profession.Title, m.Explanation, want)
				}
				if len(m.Shared) != c.uses {
					t.Errorf("%s names %d skills that made it, want %d", m.Profession.Title, len(m.Shared), c.uses)
				}
				if i > 0 && ms[i-1].UsesCount < m.UsesCount {
					t.Errorf("%s (uses %d) ranks below %s (uses %d)", m.Profession.Title, m.UsesCount, ms[i-1].Profession.Title, ms[i-1].UsesCount)
				}
			}
			t.Logf("top: %s (%s), %s (%s)", ms[0].Profession.Title, ms[0].Explanation, ms[1].Profession.Title, ms[1].Explanation)
		})
	})
}

// TestDemoCatalogueHasTheSkillTaxonomy: the demo catalogue carries what an ESCO import brings,
// so that a fresh server shows skill groups, categories, collections and soft skills.
func TestDemoCatalogueHasTheSkillTaxonomy(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		var got struct {
			SkillGroups struct {
				Edges []struct {
					Node struct {
						Code     string
						Children struct {
							Edges []struct {
								Node struct {
									Code   string
									Skills struct{ TotalCount int }
								}
							}
						}
					}
				}
			}
			Communication, Go struct {
				Kind          string
				Collections   []string
				CategoryGroup struct{ Code string }
				Groups        struct{ TotalCount int }
			}
			Digital, Soft struct{ TotalCount int }
		}
		s.Query(t, `{
  skillGroups(where: { hasParents: false }, orderBy: [{ field: CODE }]) {
    edges { node { code children(orderBy: [{ field: CODE }]) { edges { node { code skills { totalCount } } } } } }
  }
  communication: skill(slug: "communication") { kind collections categoryGroup { code } groups { totalCount } }
  go: skill(slug: "go") { kind collections categoryGroup { code } groups { totalCount } }
  digital: skills(where: { collections: [DIGITAL] }) { totalCount }
  soft: skills(where: { kind: SOFT, collections: [TRANSVERSAL] }) { totalCount }
}`, nil, &got)
		var roots []string
		for _, e := range got.SkillGroups.Edges {
			var children []string
			for _, c := range e.Node.Children.Edges {
				children = append(children, c.Node.Code)
			}
			roots = append(roots, e.Node.Code+"("+strings.Join(children, " ")+")")
		}
		if want := []string{"K(04 05 06)", "S(S1 S4 S5)", "T(T2 T4)"}; !slices.Equal(roots, want) {
			t.Errorf("taxonomy roots %q, want %q", roots, want)
		}
		if c := got.Communication; c.Kind != "SOFT" || c.CategoryGroup.Code != "T4" || !slices.Equal(c.Collections, []string{"TRANSVERSAL"}) || c.Groups.TotalCount != 1 {
			t.Errorf("communication: %+v; want SOFT, T4, [TRANSVERSAL], in one group", c)
		}
		if g := got.Go; g.Kind != "HARD" || g.CategoryGroup.Code != "06" || !slices.Equal(g.Collections, []string{"DIGITAL"}) || g.Groups.TotalCount != 2 {
			t.Errorf("go: %+v; want HARD, 06, [DIGITAL], in two groups", g)
		}
		if got.Digital.TotalCount < 50 || got.Soft.TotalCount < 5 {
			t.Errorf("%d digital skills and %d soft transversal ones, want the demo's 50+ and 5+", got.Digital.TotalCount, got.Soft.TotalCount)
		}
	})
}
