package career_test

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"careergraph/ent/schema/enum"
	"careergraph/internal/access"
	"careergraph/internal/career"
	"careergraph/internal/testing/testdb"
)

// weightOf is a skill's weight for a profession, written out again: essential 2, optional 1.
func weightOf(needs map[string]enum.Importance, skill string) int {
	switch needs[skill] {
	case enum.Essential:
		return 2
	case enum.Optional:
		return 1
	}
	return 0
}

// visible returns the published part of a profession's needs.
func (c *catalogue) visible(profession string) map[string]enum.Importance {
	out := map[string]enum.Importance{}
	for s, imp := range c.needs[profession] {
		if c.published(s) {
			out[s] = imp
		}
	}
	return out
}

func TestSimilarProfessions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		st := testdb.Open(t, d, testdb.Options{})
		c := st.Client
		cat := mustCatalogue(t, c)

		t.Run("FrontEndIsCloserToFullStackThanToDataAnalyst", func(t *testing.T) {
			ms := mustSimilar(t, anon, c, cat.profession(t, "front-end-developer"), 0)
			checkRanking(t, ms)
			slugs := matchSlugs(ms)
			fullStack, analyst := slices.Index(slugs, "full-stack-developer"), slices.Index(slugs, "data-analyst")
			if fullStack < 0 {
				t.Fatalf("similar professions %v lack full-stack-developer", slugs)
			}
			if analyst >= 0 && analyst < fullStack {
				t.Errorf("data-analyst ranks above full-stack-developer: %v", slugs)
			}
			t.Logf("similar to front-end-developer: %v", scored(ms))
		})

		t.Run("ScoreIsTheWeightedJaccardOfTheSkills", func(t *testing.T) {
			checked := 0
			for slug, p := range cat.professions {
				if p.Status != enum.Published {
					continue
				}
				ms := mustSimilar(t, anon, c, p.ID, 0)
				checkRanking(t, ms)
				mine := cat.visible(slug)
				var want []string
				for other, q := range cat.professions {
					if other == slug || q.Status != enum.Published {
						continue
					}
					theirs := cat.visible(other)
					num, den := 0, 0
					for s := range union(mine, theirs) {
						num += min(weightOf(mine, s), weightOf(theirs, s))
						den += max(weightOf(mine, s), weightOf(theirs, s))
					}
					if num > 0 {
						want = append(want, other)
					}
					i := slices.IndexFunc(ms, func(m career.Match) bool { return m.Profession.Slug == other })
					if i < 0 {
						continue
					}
					m := ms[i]
					if m.Score != float64(num)/float64(den) {
						t.Errorf("%s ~ %s scores %v, want %d/%d", slug, other, m.Score, num, den)
					}
					for _, r := range m.Shared {
						if mine[r.Skill.Slug] == "" || theirs[r.Skill.Slug] != r.Importance {
							t.Errorf("%s ~ %s shares %s (%s), which is not a skill of both", slug, other, r.Skill.Slug, r.Importance)
						}
					}
					for _, r := range m.Missing {
						if mine[r.Skill.Slug] != "" || theirs[r.Skill.Slug] != r.Importance {
							t.Errorf("%s ~ %s lists %s (%s) as missing, which is not a skill only %s needs", slug, other, r.Skill.Slug, r.Importance, other)
						}
					}
					if len(m.Shared)+len(m.Missing) != len(theirs) {
						t.Errorf("%s ~ %s explains %d skills, %s has %d", slug, other, len(m.Shared)+len(m.Missing), other, len(theirs))
					}
					checked++
				}
				if got := matchSlugs(ms); !slices.Equal(sorted(got), sorted(want)) {
					t.Errorf("similar to %s = %v, want those sharing a skill: %v", slug, sorted(got), sorted(want))
				}
				if slices.Contains(matchSlugs(ms), slug) {
					t.Errorf("%s is listed as similar to itself", slug)
				}
			}
			if checked == 0 {
				t.Fatal("no match checked")
			}
		})

		t.Run("FirstKeepsTheBestMatches", func(t *testing.T) {
			id := cat.profession(t, "back-end-developer")
			all := mustSimilar(t, anon, c, id, 0)
			top := mustSimilar(t, anon, c, id, 3)
			if len(all) <= 3 || !slices.Equal(matchSlugs(top), matchSlugs(all)[:3]) {
				t.Errorf("first 3 = %v, all = %v; want the first three of all", matchSlugs(top), matchSlugs(all))
			}
		})

		t.Run("SameSkillsScoreOne", func(t *testing.T) {
			sys := access.AsSystem(anon)
			twin, err := c.Profession.Create().SetTitle("Backend Engineer").SetStatus(enum.Published).Save(sys)
			if err != nil {
				t.Fatal(err)
			}
			for s, imp := range cat.visible("back-end-developer") {
				if err := c.ProfessionSkill.Create().SetProfessionID(twin.ID).SetSkillID(cat.skills[s].ID).SetImportance(imp).Exec(sys); err != nil {
					t.Fatal(err)
				}
			}
			ms := mustSimilar(t, anon, c, cat.profession(t, "back-end-developer"), 1)
			if len(ms) != 1 || ms[0].Profession.ID != twin.ID || ms[0].Score != 1 || len(ms[0].Missing) != 0 {
				t.Errorf("best match = %v, want the twin scoring 1 with nothing missing", scored(ms))
			}
		})

		t.Run("DraftProfessionIsNotFoundAndNeverAMatch", func(t *testing.T) {
			draft := cat.profession(t, "prompt-engineer")
			if _, err := career.SimilarProfessions(anon, c, draft, 0); !isNotFound(err) {
				t.Errorf("error = %v, want NOT_FOUND", err)
			}
			scientist := cat.profession(t, "data-scientist")
			if slugs := matchSlugs(mustSimilar(t, anon, c, scientist, 0)); slices.Contains(slugs, "prompt-engineer") {
				t.Errorf("anonymous callers see the draft prompt-engineer among %v", slugs)
			}
			// The server sees it: the publication filter made the difference above.
			if slugs := matchSlugs(mustSimilar(t, access.AsSystem(anon), c, scientist, 0)); !slices.Contains(slugs, "prompt-engineer") {
				t.Errorf("the server's similar professions %v lack prompt-engineer", slugs)
			}
		})
	})
}

func TestCareerTransitions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		st := testdb.Open(t, d, testdb.Options{})
		c := st.Client
		cat := mustCatalogue(t, c)

		t.Run("ScoreWeighsSkillsUsedAndEssentialSkillsHeld", func(t *testing.T) {
			for _, have := range [][]string{{"python"}, {"python", "sql", "statistics"}, {"git", "linux", "docker", "communication"}} {
				ms := mustTransitions(t, anon, c, cat.skillIDs(t, have...), 0)
				checkRanking(t, ms)
				var want []string
				for slug, p := range cat.professions {
					needs := cat.visible(slug)
					uses, essential, held := 0, 0, 0
					for s, imp := range needs {
						in := slices.Contains(have, s)
						if in {
							uses++
						}
						if imp == enum.Essential {
							essential++
							if in {
								held++
							}
						}
					}
					if p.Status == enum.Published && uses > 0 {
						want = append(want, slug)
					}
					i := slices.IndexFunc(ms, func(m career.Match) bool { return m.Profession.Slug == slug })
					if i < 0 {
						continue
					}
					m := ms[i]
					coverage := 1.0
					if essential > 0 {
						coverage = float64(held) / float64(essential)
					}
					if want := (float64(uses) + coverage) / float64(len(have)+1); math.Abs(m.Score-want) > 1e-12 {
						t.Errorf("%v → %s scores %v, want (%d + %d/%d) / %d", have, slug, m.Score, uses, held, essential, len(have)+1)
					}
					if m.UsesCount != uses || m.GivenCount != len(have) || m.EssentialHeld != held || m.EssentialCount != essential || m.SkillCount != len(needs) {
						t.Errorf("%v → %s counts %d/%d, %d/%d, %d; want %d/%d, %d/%d, %d", have, slug, m.UsesCount, m.GivenCount,
							m.EssentialHeld, m.EssentialCount, m.SkillCount, uses, len(have), held, essential, len(needs))
					}
					if want := fmt.Sprintf("uses %d of your %d skills; you hold %d of its %d essential skills", uses, len(have), held, essential); m.Explanation != want {
						t.Errorf("%v → %s explained %q, want %q", have, slug, m.Explanation, want)
					}
					for _, r := range m.Shared {
						if !slices.Contains(have, r.Skill.Slug) || needs[r.Skill.Slug] != r.Importance {
							t.Errorf("%v → %s shares %s, which is not a held skill it needs", have, slug, r.Skill.Slug)
						}
					}
					for _, r := range m.Missing {
						if slices.Contains(have, r.Skill.Slug) || needs[r.Skill.Slug] != r.Importance {
							t.Errorf("%v → %s misses %s, which is held or not needed", have, slug, r.Skill.Slug)
						}
					}
					if len(m.Shared)+len(m.Missing) != len(needs) {
						t.Errorf("%v → %s explains %d skills, it needs %d", have, slug, len(m.Shared)+len(m.Missing), len(needs))
					}
				}
				if got := matchSlugs(ms); !slices.Equal(sorted(got), sorted(want)) {
					t.Errorf("transitions from %v = %v, want %v", have, sorted(got), sorted(want))
				}
				t.Logf("from %v: %v", have, scored(ms))
			}
		})

		t.Run("HoldingEverySkillOfAProfessionScoresOne", func(t *testing.T) {
			ms := mustTransitions(t, anon, c, cat.skillIDs(t, cat.visibleNeeds("devops-engineer", "")...), 0)
			i := slices.IndexFunc(ms, func(m career.Match) bool { return m.Profession.Slug == "devops-engineer" })
			if i < 0 || ms[i].Score != 1 || len(ms[i].Missing) != 0 || ms[0].Score != 1 {
				t.Fatalf("transitions = %v, want devops-engineer at the top scoring 1", scored(ms))
			}
		})

		t.Run("NoSkillsOrUnknownIDsMatchNothing", func(t *testing.T) {
			for _, have := range [][]int{nil, {}, {0, -1, cat.profession(t, "back-end-developer")}} {
				if ms := mustTransitions(t, anon, c, have, 0); len(ms) != 0 {
					t.Errorf("transitions from %v = %v, want none", have, scored(ms))
				}
			}
		})

		t.Run("FirstKeepsTheBestMatches", func(t *testing.T) {
			have := cat.skillIDs(t, "communication", "python")
			all := mustTransitions(t, anon, c, have, 0)
			top := mustTransitions(t, anon, c, have, 2)
			if len(all) <= 2 || !slices.Equal(matchSlugs(top), matchSlugs(all)[:2]) {
				t.Errorf("first 2 = %v, all = %v; want the first two of all", matchSlugs(top), matchSlugs(all))
			}
		})
	})
}

func union(a, b map[string]enum.Importance) map[string]bool {
	out := map[string]bool{}
	for s := range a {
		out[s] = true
	}
	for s := range b {
		out[s] = true
	}
	return out
}

// scored renders matches as "slug score" for messages.
func scored(ms []career.Match) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Profession.Slug + " " + formatScore(m.Score)
	}
	return out
}
