package career

import (
	"context"
	"fmt"
	"slices"

	"careergraph/ent"
	"careergraph/ent/schema/enum"
	"careergraph/ent/skill"
	"careergraph/ent/training"
)

// Gap is what stands between a learner and a profession.
type Gap struct {
	// Profession is the profession aimed at.
	Profession *ent.Profession
	// Held are the profession's skills the learner has, essential first.
	Held []Requirement
	// MissingEssential are the profession's essential skills the learner does not have.
	MissingEssential []MissingSkill
	// MissingOptional are the profession's optional skills the learner does not have.
	MissingOptional []MissingSkill
	// EssentialCoverage is the share (0..1) of the profession's essential skills the learner
	// has; 1 when the profession lists no essential skill.
	EssentialCoverage float64
}

// MissingSkill is a skill a profession needs and the learner does not have, with the trainings
// that teach it.
type MissingSkill struct {
	// Skill is the missing skill.
	Skill *ent.Skill
	// Importance is how much the profession needs it.
	Importance enum.Importance
	// Trainings are the trainings visible to the caller that teach the skill, by title then ID;
	// empty when none does.
	Trainings []*ent.Training
}

// SkillGap compares the skills a learner has (have, skill IDs) with those the profession needs:
// which ones are held, which are missing and which trainings teach each missing one. IDs in have
// that are no skill of the profession simply count for nothing. A profession the caller cannot
// see is NOT_FOUND (an *apierr.Error).
func SkillGap(ctx context.Context, c *ent.Client, professionID int, have []int) (*Gap, error) {
	p, reqs, err := loadProfession(ctx, c, professionID)
	if err != nil {
		return nil, err
	}
	held := setOf(have)
	g := &Gap{Profession: p, Held: []Requirement{}, MissingEssential: []MissingSkill{}, MissingOptional: []MissingSkill{}}
	var missing []int
	essential, heldEssential := 0, 0
	for _, r := range reqs {
		if r.Importance == enum.Essential {
			essential++
		}
		if held[r.Skill.ID] {
			g.Held = append(g.Held, r)
			if r.Importance == enum.Essential {
				heldEssential++
			}
			continue
		}
		missing = append(missing, r.Skill.ID)
	}
	g.EssentialCoverage = 1
	if essential > 0 {
		g.EssentialCoverage = float64(heldEssential) / float64(essential)
	}

	teaching, err := trainingsTeaching(ctx, c, missing)
	if err != nil {
		return nil, fmt.Errorf("loading the trainings for profession %d: %w", professionID, err)
	}
	for _, r := range reqs {
		if held[r.Skill.ID] {
			continue
		}
		m := MissingSkill{Skill: r.Skill, Importance: r.Importance, Trainings: teaching[r.Skill.ID]}
		if m.Trainings == nil {
			m.Trainings = []*ent.Training{}
		}
		if r.Importance == enum.Essential {
			g.MissingEssential = append(g.MissingEssential, m)
		} else {
			g.MissingOptional = append(g.MissingOptional, m)
		}
	}
	return g, nil
}

// trainingsTeaching maps each of skills to the visible trainings that teach it, by title then ID
// (two statements; none without skills).
func trainingsTeaching(ctx context.Context, c *ent.Client, skills []int) (map[int][]*ent.Training, error) {
	out := map[int][]*ent.Training{}
	if len(skills) == 0 {
		return out, nil
	}
	ts, err := c.Training.Query().
		Where(training.HasSkillsWith(skill.IDIn(skills...))).
		WithNamedSkills(taughtEdge, func(q *ent.SkillQuery) { q.Where(skill.IDIn(skills...)) }).
		All(ctx)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(ts, compareTrainings)
	for _, t := range ts {
		taught, err := t.NamedSkills(taughtEdge)
		if err != nil {
			return nil, err
		}
		for _, s := range taught {
			out[s.ID] = append(out[s.ID], t)
		}
	}
	return out, nil
}
