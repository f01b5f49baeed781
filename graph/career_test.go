package graph_test

import (
	"context"
	"testing"

	"careergraph/ent/profession"
	"careergraph/internal/access"
	"careergraph/internal/gid"
	"careergraph/internal/testing/apitest"
	"careergraph/internal/testing/testdb"
)

func TestCareerQueries(t *testing.T) {
	testdb.Each(t, func(t *testing.T, d string) {
		s := apitest.New(t, d)
		var ids struct {
			Profession, Sql struct{ ID string }
		}
		s.Query(t, `{ profession(slug: "back-end-developer") { id } sql: skill(slug: "sql") { id } }`, nil, &ids)
		var data struct {
			SkillGap struct {
				EssentialCoverage float64
				Held              []struct{ Skill struct{ ID string } }
				MissingEssential  []struct {
					Skill     struct{ Name string }
					Trainings []struct{ Title string }
				}
			}
			LearningPath struct {
				Steps []struct {
					Training    struct{ IsFree bool }
					Covers      []struct{ Name string }
					NextSession *struct{ StartsAt string }
				}
				Uncovered []struct{ Name string }
			}
			SimilarProfessions []struct {
				Profession struct{ Slug string }
				Score      float64
				Shared     []struct{ Skill struct{ Name string } }
			}
			CareerTransitions []struct {
				Profession struct{ Slug string }
				Score      float64
			}
		}
		s.Query(t, `query($p: ID!, $have: [ID!]!) {
		  skillGap(profession: $p, have: $have) { essentialCoverage held { skill { id } } missingEssential { skill { name } trainings { title } } }
		  learningPath(profession: $p, have: $have, options: {maxPrice: 0}) { steps { training { isFree } covers { name } nextSession { startsAt } } uncovered { name } }
		  similarProfessions(profession: $p, first: 3) { profession { slug } score shared { skill { name } } }
		  careerTransitions(have: $have, first: 5) { profession { slug } score }
		}`, map[string]any{"p": ids.Profession.ID, "have": []string{ids.Sql.ID}}, &data)
		g := data.SkillGap
		if len(g.Held) != 1 || g.Held[0].Skill.ID != ids.Sql.ID || g.EssentialCoverage <= 0 || g.EssentialCoverage >= 1 || len(g.MissingEssential) == 0 {
			t.Errorf("skill gap: %+v", g)
		}
		for _, st := range data.LearningPath.Steps {
			if !st.Training.IsFree || len(st.Covers) == 0 {
				t.Errorf("with maxPrice 0, a step %+v", st)
			}
		}
		if len(data.SimilarProfessions) == 0 || len(data.SimilarProfessions) > 3 || len(data.SimilarProfessions[0].Shared) == 0 {
			t.Errorf("similar: %+v", data.SimilarProfessions)
		}
		for i := 1; i < len(data.CareerTransitions); i++ {
			if data.CareerTransitions[i].Score > data.CareerTransitions[i-1].Score {
				t.Errorf("transitions not ranked: %+v", data.CareerTransitions)
			}
		}

		draft := s.Store.Client.Profession.Query().Where(profession.Slug("prompt-engineer")).OnlyIDX(access.AsSystem(context.Background()))
		cases := []struct{ name, query, code string }{
			{"SkillIDAsProfession", `{ skillGap(profession: "` + ids.Sql.ID + `", have: []) { essentialCoverage } }`, "BAD_USER_INPUT"},
			{"ProfessionIDAsSkill", `{ careerTransitions(have: ["` + ids.Profession.ID + `"]) { score } }`, "BAD_USER_INPUT"},
			// A draft is missing to an anonymous caller, as an ID of nothing is (see references_test.go).
			{"DraftProfession", `{ learningPath(profession: "` + gid.Encode(draft) + `", have: []) { uncovered { name } } }`, "BAD_USER_INPUT"},
			{"TooManyMatches", `{ similarProfessions(profession: "` + ids.Profession.ID + `", first: 101) { score } }`, "BAD_USER_INPUT"},
			{"NegativeMaxPrice", `{ learningPath(profession: "` + ids.Profession.ID + `", have: [], options: {maxPrice: -1}) { totalHours } }`, "BAD_USER_INPUT"},
		}
		for _, c := range cases {
			if e := s.Fails(t, c.query, nil); e.Code() != c.code {
				t.Errorf("%s: %q %v, want %s", c.name, e.Message, e.Extensions, c.code)
			}
		}
	})
}
