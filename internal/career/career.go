// Package career answers a learner's questions about professions: what stands between me and
// this profession (SkillGap), which trainings get me there (LearningPath), which professions are
// close to this one (SimilarProfessions), and where the skills I have already lead
// (CareerTransitions).
//
// # Visibility
//
// Every function reads with the caller's context, so the publication filter of ent/schema
// applies: an anonymous caller's answers are built from published professions, skills and
// trainings only, and a profession the caller cannot see does not exist (NOT_FOUND).
//
// # Weights and scores
//
// A skill weighs w_P(s) = 2 for a profession P that lists it as ESSENTIAL, 1 as OPTIONAL, and 0
// when P does not list it.
//
//   - SkillGap: EssentialCoverage = |held ∩ essential(P)| / |essential(P)|, and 1 when P lists no
//     essential skill.
//   - SimilarProfessions ranks the other professions B of a profession A by weighted Jaccard
//     similarity: score = Σ_s min(w_A(s), w_B(s)) / Σ_s max(w_A(s), w_B(s)). A skill both need
//     essentially adds 2 to both sums, one essential on one side and optional on the other adds 1
//     to the top and 2 to the bottom, a skill only one needs adds only to the bottom. The score is
//     in (0, 1] for any profession sharing a skill, and 1 exactly when both list the same skills
//     with the same importance.
//   - CareerTransitions weighs both sides of a move. For a learner holding n skills, a
//     profession P that uses u of them (lists them, essential or optional) and whose E essential
//     skills the learner holds h of: coverage c = h / E (1 when E = 0), and
//     score = (u + c) / (n + 1), in (0, 1]. Every skill of the learner's that P uses counts for
//     more than any coverage, so the professions that use all of the learner's skills come
//     first, and among those that use as many, the one whose essential skills the learner holds
//     the larger share of; a tie in score goes to more skills used. Dividing by a profession's
//     whole list of skills instead (its 30 to 100 skills in ESCO) ranks small, loosely related
//     professions first and gives scores no one can read.
//
// Every match carries its counts (u of n; h of E; P's skills in all), which read as "uses 6 of
// your 6 skills; you hold 3 of its 24 essential skills".
//
// # Learning path
//
// LearningPath covers the profession's missing essential skills by greedy set cover: among the
// eligible trainings (visible, matching the options, with an open session unless self-paced) it
// repeatedly takes the one that teaches the most essential skills not yet covered, and stops when
// no training covers anything new. Greedy set cover is within a factor ln(n)+1 of the shortest
// path and, unlike an exact search, takes time polynomial in the catalogue.
//
// # Order
//
// Every answer is deterministic:
//   - skills are listed by name, then ID; lists of requirements put ESSENTIAL skills first;
//   - trainings teaching a missing skill are listed by title, then ID;
//   - the learning path's ties between trainings covering as many new skills go to fewer hours
//     (unknown duration last), then lower price (free first, then prices in MaxPriceCurrency by
//     amount, then other currencies by code and amount — no exchange rates are applied), then
//     title, then ID;
//   - matches are listed by score (highest first), then by how many of the given skills they use,
//     then title, then ID. Scores are compared as exact fractions.
//
// # Cost
//
// Each function issues a fixed number of SQL statements whatever the size of its input or of the
// catalogue: the profession, its skill links and their skills are eager-loaded (three
// statements), and so are trainings with the skills and sessions that matter (one statement
// each). SkillGap issues at most 5, LearningPath at most 6, SimilarProfessions and
// CareerTransitions 3.
package career

import (
	"cmp"
	"context"
	"slices"

	"careergraph/ent"
	"careergraph/ent/profession"
	"careergraph/ent/schema/enum"
	"careergraph/internal/apierr"
)

// Requirement is a skill a profession needs, with how much it needs it.
type Requirement struct {
	// Skill is the skill needed.
	Skill *ent.Skill
	// Importance is ESSENTIAL or OPTIONAL for the profession concerned.
	Importance enum.Importance
}

// Names of eager-loaded edges that hold a filtered part of an edge. Named edges keep the
// filtered lists out of Edges.Skills and Edges.Sessions, which must mean "all of them"; the
// slash keeps them apart from GraphQL aliases, under which entgql stores its own.
const (
	taughtEdge = "career/taught"
	openEdge   = "career/open"
)

// weight is the weight of a skill of the given importance (see the package documentation).
func weight(i enum.Importance) int {
	if i == enum.Essential {
		return 2
	}
	return 1
}

// skillSet is a set of skill IDs.
type skillSet map[int]bool

func setOf(ids []int) skillSet {
	s := make(skillSet, len(ids))
	for _, id := range ids {
		s[id] = true
	}
	return s
}

// withNeeds eager-loads a profession's skill links and their skills.
func withNeeds(q *ent.ProfessionQuery) *ent.ProfessionQuery {
	return q.WithSkills(func(q *ent.ProfessionSkillQuery) { q.WithSkill() })
}

// loadProfession returns the profession with its requirements (three statements), or NOT_FOUND
// when the caller cannot see it.
func loadProfession(ctx context.Context, c *ent.Client, id int) (*ent.Profession, []Requirement, error) {
	p, err := withNeeds(c.Profession.Query().Where(profession.ID(id))).Only(ctx)
	if ent.IsNotFound(err) {
		return nil, nil, apierr.New(apierr.NotFound, "no profession has this ID")
	}
	if err != nil {
		return nil, nil, err
	}
	return p, requirements(p), nil
}

// requirements lists the skills an eager-loaded profession needs, essential first.
func requirements(p *ent.Profession) []Requirement {
	out := make([]Requirement, 0, len(p.Edges.Skills))
	for _, l := range p.Edges.Skills {
		if l.Edges.Skill == nil { // Hidden from the caller.
			continue
		}
		out = append(out, Requirement{Skill: l.Edges.Skill, Importance: l.Importance})
	}
	sortRequirements(out)
	return out
}

// sortRequirements puts essential skills first, then orders by skill.
func sortRequirements(rs []Requirement) {
	slices.SortFunc(rs, func(a, b Requirement) int {
		return cmp.Or(cmp.Compare(weight(b.Importance), weight(a.Importance)), compareSkills(a.Skill, b.Skill))
	})
}

func compareSkills(a, b *ent.Skill) int {
	return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
}

func compareTrainings(a, b *ent.Training) int {
	return cmp.Or(cmp.Compare(a.Title, b.Title), cmp.Compare(a.ID, b.ID))
}

func sortSkills(s []*ent.Skill) []*ent.Skill {
	slices.SortFunc(s, compareSkills)
	return s
}
